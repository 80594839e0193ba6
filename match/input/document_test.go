package input

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/certmatch/certmatch/internal/doctext/doctexttest"
	"github.com/certmatch/certmatch/internal/peopledate"
	"github.com/certmatch/certmatch/scoring"
)

var docNow = time.Date(2026, time.June, 1, 0, 0, 0, 0, time.UTC)

// lineFinder is a proseFinder for tests: a credential is a line the
// catalog's normaliser matches whole, and prose names no skill.
type lineFinder struct{ cat *scoring.Catalog }

func (f lineFinder) certs(text string) []foundCert {
	res, ok := f.cat.Normalize(text)
	if !ok {
		return nil
	}
	return []foundCert{{id: res.ID, version: res.Version}}
}

func (lineFinder) skills(string) []string { return nil }

// wordFinder is a proseFinder for tests: it finds the skills of a fixed
// list by word, and credentials with the catalog's normaliser.
type wordFinder struct {
	lineFinder
	known []string
}

func (f wordFinder) skills(text string) []string {
	var out []string
	for _, k := range f.known {
		if strings.Contains(" "+strings.ToLower(text)+" ", " "+strings.ToLower(k)+" ") {
			out = append(out, k)
		}
	}
	return out
}

func TestDocumentCandidate(t *testing.T) {
	data, err := os.ReadFile("../../testdata/resumes/ann-lee.txt")
	if err != nil {
		t.Fatal(err)
	}
	find := wordFinder{lineFinder{scoring.DefaultCatalog()}, []string{"Java", "Kafka", "Spring Boot", "Hibernate"}}
	got := documentCandidate(string(data), find, docNow)
	want := docResult{
		cand: scoring.Candidate{
			Name: "Ann Lee", Email: "ann.lee@example.com", Location: "Chicago, IL",
			Summary: "Backend developer building Java services for logistics.",
			// Jun 2016 - Feb 2019 and Mar 2019 - 1 Jun 2026: 2.7 + 7.2 years.
			YearsExperience: 10,
			Skills:          []string{"Java", "Spring Boot", "J2EE", "Spring", "Hibernate", "CI/CD", "PL/SQL", "Kafka"},
			Certifications: []scoring.Credential{
				// The dates are taken out of the names, so "2022" is not read as
				// Spring Professional's version.
				{Name: "Oracle Certified Professional, Java SE 11 Developer", ID: "ocpjp", Version: "11", Date: scoring.MustDate("2021")},
				{Name: "Spring Professional", ID: "spring-professional", Date: scoring.MustDate("2022-05")},
			},
		},
		inferred: []string{"name", "email", "location", "years_experience", "summary", "skills", "certifications"},
		sources:  []skillSource{{"Kafka", "work highlight at Senior Java Developer, Acme Corp, Mar 2019 – Present"}},
	}
	if diff := cmp.Diff(want, got, cmp.AllowUnexported(docResult{}, skillSource{})); diff != "" {
		t.Errorf("documentCandidate (-want +got):\n%s", diff)
	}
}

// docForms returns the fixture resume as text, Markdown, DOCX and PDF
// (the last two made from the text's lines, the PDF on two pages).
func docForms(t *testing.T) map[string][]byte {
	t.Helper()
	txt, err := os.ReadFile("../../testdata/resumes/ann-lee.txt")
	if err != nil {
		t.Fatal(err)
	}
	md, err := os.ReadFile("../../testdata/resumes/ann-lee.md")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(txt)), "\n")
	return map[string][]byte{
		"ann-lee.txt":  txt,
		"ann-lee.md":   md,
		"ann-lee.docx": doctexttest.DOCX(lines),
		"ann-lee.pdf":  doctexttest.PDF([][]string{lines[:12], lines[12:]}),
	}
}

func TestDocLines(t *testing.T) {
	text := "Jane Roe\nSkills: Java, Kafka\n\nEXPERIENCE\nDev, Acme, 2019 - 2021\nBuilt things\n\nLead, Initech, 2021 - Present\nLed things\nEducation:\nBSc, 2015 - 2019"
	var got []string
	for _, l := range docLines(text) {
		got = append(got, strings.Join([]string{fmt.Sprint(int(l.section)), l.text, l.under}, "|"))
	}
	want := []string{
		"0|Jane Roe|",
		"3|Java, Kafka|", // an inline heading
		"2|EXPERIENCE|",  // a heading in capitals
		"2|Dev, Acme, 2019 - 2021|Dev, Acme, 2019 - 2021",
		"2|Built things|Dev, Acme, 2019 - 2021",
		"2|Lead, Initech, 2021 - Present|Lead, Initech, 2021 - Present", // a blank line and a range open an entry
		"2|Led things|Lead, Initech, 2021 - Present",
		"5|Education:|",
		"5|BSc, 2015 - 2019|",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("docLines (-want +got):\n%s", diff)
	}
}

func TestDocPeriodsAndYears(t *testing.T) {
	d := func(s string) peopledate.Value { return peopledate.Value{Date: scoring.MustDate(s)} }
	tests := []struct {
		text  string
		want  []period
		years float64
		why   string
	}{
		{"Experience\nDev, 2019 - 2021\nEducation\nBSc, 2010 - 2014", []period{{d("2019"), d("2021")}}, 3, "education ranges are not work"},
		{"Dev at Acme (03/2018 – 05/2020)\nLead, Jun 2020 to present", []period{{d("2018-03"), d("2020-05")}, {d("2020-06"), peopledate.Value{Ongoing: true}}}, 8.3, // 2.25 + 6.0 years
			"no experience heading: ranges anywhere but education and certifications"},
		{"Summary\n12+ years of experience in Java", nil, 12, "no ranges: the stated years"},
		{"Experience\nAcme, 2019-05 — 2020-06-30\nInitech, 2020-01 - 2020-12", []period{{d("2019-05"), d("2020-06-30")}, {d("2020-01"), d("2020-12")}}, 1.7,
			"overlaps count once"},
	}
	for _, tt := range tests {
		lines := docLines(tt.text)
		got := docPeriods(lines)
		if diff := cmp.Diff(tt.want, got, cmp.AllowUnexported(period{})); diff != "" {
			t.Errorf("docPeriods(%q) (-want +got):\n%s(%s)", tt.text, diff, tt.why)
		}
		years := periodYears(got, docNow)
		if len(got) == 0 {
			years = docStatedYears(lines)
		}
		if years != tt.years {
			t.Errorf("years of %q = %v, want %v (%s)", tt.text, years, tt.years, tt.why)
		}
	}
}

func TestDocDates(t *testing.T) {
	tests := []struct {
		text            string
		issued, expires string
		why             string
	}{
		{"OCP Java 11 (2021)", "2021", "", "a year; the version 11 is not a date"},
		{"Spring Professional, May 2022", "2022-05", "", "a month and year"},
		{"AWS SAA, 03/2021 - 03/2024", "2021-03", "2024-03", "a range is issued and expires"},
		{"OCA 8", "", "", "no date"},
	}
	for _, tt := range tests {
		issued, expires := docDates(tt.text)
		if issued.String() != tt.issued || expires.String() != tt.expires {
			t.Errorf("docDates(%q) = %v, %v; want %q, %q (%s)", tt.text, issued, expires, tt.issued, tt.expires, tt.why)
		}
	}
}

func TestDocContact(t *testing.T) {
	tests := []struct {
		text                  string
		name, email, location string
		why                   string
	}{
		{"Ann Lee\nChicago, IL\nann@example.com\nSummary\nx", "Ann Lee", "ann@example.com", "Chicago, IL", "one item a line"},
		{"Ann Lee\nSenior Developer · Berlin, Germany · ann@example.com", "Ann Lee", "ann@example.com", "Berlin, Germany", "items on one line"},
		{"ANN LEE RESUME 2024\nLocation: Austin, TX", "", "", "Austin, TX", "a label; a first line with digits is no name"},
		{"Summary\nReach me at ann@example.com", "", "ann@example.com", "", "an address outside the contact block"},
	}
	for _, tt := range tests {
		name, email, loc := docContact(docLines(tt.text))
		if name != tt.name || email != tt.email || loc != tt.location {
			t.Errorf("docContact(%q) = %q, %q, %q; want %q, %q, %q (%s)", tt.text, name, email, loc, tt.name, tt.email, tt.location, tt.why)
		}
	}
}

func TestDocCertName(t *testing.T) {
	tests := []struct{ line, want, why string }{
		{"Spring Professional (May 2022)", "Spring Professional", "a dated name loses its date"},
		{"• OCP Java 11, 2021", "OCP Java 11", "a bullet and a trailing year"},
		{"AWS SAA, 03/2021 - 03/2024", "AWS SAA", "a range"},
		{"Oracle Certified Professional, Java SE 11 Developer", "Oracle Certified Professional, Java SE 11 Developer", "no date: as written"},
		{"(2019)", "", "a date alone is no name"},
	}
	for _, tt := range tests {
		if got := docCertName(tt.line); got != tt.want {
			t.Errorf("docCertName(%q) = %q, want %q (%s)", tt.line, got, tt.want, tt.why)
		}
	}
}

var errTest = errors.New("test")

func docValue(s string) peopledate.Value {
	if s == "" {
		return peopledate.Value{}
	}
	return peopledate.Value{Date: scoring.MustDate(s)}
}
