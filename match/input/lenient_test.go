package input

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/certmatch/certmatch/scoring"
)

func decodeDoc(t *testing.T, raw string) map[string]any {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(raw))
	dec.UseNumber()
	var doc map[string]any
	if err := dec.Decode(&doc); err != nil {
		t.Fatal(err)
	}
	return doc
}

func noteStrings(ns []fieldNote) []string {
	var out []string
	for _, n := range ns {
		out = append(out, n.field+": "+n.err.Error())
	}
	return out
}

func TestReadResumeLenient(t *testing.T) {
	find := lineFinder{scoring.DefaultCatalog()}
	tests := []struct {
		name  string
		doc   string
		want  scoring.Candidate
		notes []string
		why   string
	}{
		{"email not an address", `{"basics":{"email":"[403 Forbidden]","name":"A B"}}`,
			scoring.Candidate{Name: "A B"},
			[]string{"basics.email: want an e-mail address, got a string that is not one; left out"},
			"a scraped placeholder: noted without its value, never a rejection"},
		{"end dates as people write them", `{"work":[{"startDate":"February 2020","endDate":"Present"},{"startDate":"2015/05","endDate":"05/2019"},{"startDate":"2012-01-01T00:00:00Z","endDate":null}]}`,
			scoring.Candidate{YearsExperience: 14.4}, // 2012-01-01 to 2026-06-01, the others inside it
			nil, "Present, null, year/month, month/year and datetimes"},
		{"unreadable start date", `{"work":[{"startDate":"sometime","endDate":"2020"},{"startDate":"2021-01"}]}`,
			scoring.Candidate{YearsExperience: 5.4},
			[]string{`work[0].startDate: date "sometime": not a date (want a form such as 2026-02, Feb 2026, 02/2026 or Present); read as no date`},
			"a scoring date that cannot be read counts as absent: the period is not counted"},
		{"ambiguous certificate date", `{"certificates":[{"name":"OCP 11","date":"03/04/2021"}]}`,
			scoring.Candidate{Certifications: []scoring.Credential{{Name: "OCP 11"}}},
			[]string{`certificates[0].date: date "03/04/2021": day and month could be either way round; write the month as a word or use YYYY-MM-DD; read as no date`},
			"kept without its date, not guessed"},
		{"summary of the wrong type", `{"basics":{"summary":["a","b"],"label":"Dev"}}`,
			scoring.Candidate{Summary: "Dev"},
			[]string{"basics.summary: want a string, got an array"},
			"a field that does not score"},
		{"null sections", `{"basics":null,"skills":null,"work":[null],"certificates":[{"name":null}]}`,
			scoring.Candidate{},
			[]string{"basics: want an object, got null", "skills: want an array, got null", "work[0]: want an object, got null", "certificates[0].name: want a string, got null"},
			"every null noted at its path"},
		{"end before start", `{"work":[{"startDate":"2020","endDate":"2019"}]}`,
			scoring.Candidate{},
			[]string{"work[0].endDate: 2019 is before the startDate 2020; the period is not counted"},
			"not a rejection any more: the period counts as absent"},
		{"skills people write", `{"skills":[{"name":"Java (Spring Boot)","keywords":["Java/J2EE","Spring, Hibernate","CI/CD",7]}]}`,
			scoring.Candidate{Skills: []string{"Java", "Spring Boot", "J2EE", "Spring", "Hibernate", "CI/CD"}},
			[]string{"skills[0].keywords[3]: want a string, got a number"},
			"split skills; a number among keywords noted"},
		{"certificate name on lines", "{\"certificates\":[{\"name\":\"Oracle Certified Professional\\n\\nJava SE 17 Developer\"}]}",
			scoring.Candidate{Certifications: []scoring.Credential{{Name: "Oracle Certified Professional Java SE 17 Developer"}}},
			nil, "white space folded, as a real theme sample writes it"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := readResume(decodeDoc(t, tt.doc), find, docNow)
			if diff := cmp.Diff(tt.want, got.cand); diff != "" {
				t.Errorf("candidate (-want +got):\n%s(%s)", diff, tt.why)
			}
			if diff := cmp.Diff(tt.notes, noteStrings(got.notes)); diff != "" {
				t.Errorf("notes (-want +got):\n%s(%s)", diff, tt.why)
			}
		})
	}
}

func TestReadResumeProfileURL(t *testing.T) {
	tests := []struct{ doc, want, why string }{
		{`{"basics":{"url":"https://ann.dev","profiles":[{"network":"GitHub","url":"https://github.com/ann"},{"network":"LinkedIn","url":"https://linkedin.com/in/ann"}]}}`, "https://linkedin.com/in/ann", "LinkedIn first"},
		{`{"basics":{"url":"https://ann.dev","profiles":[{"network":"GitHub","url":"https://github.com/ann"}]}}`, "https://github.com/ann", "then the first profile"},
		{`{"basics":{"url":"https://ann.dev"}}`, "https://ann.dev", "then the personal site"},
	}
	for _, tt := range tests {
		if got := readResume(decodeDoc(t, tt.doc), lineFinder{scoring.DefaultCatalog()}, docNow).profileURL; got != tt.want {
			t.Errorf("profileURL = %q, want %q (%s)", got, tt.want, tt.why)
		}
	}
}

func TestFieldAt(t *testing.T) {
	doc := decodeDoc(t, `{"meta":{"id":" ats-7 ","n":42,"f":1.5},"x":"y"}`)
	for path, want := range map[string]string{"meta.id": "ats-7", "meta.n": "42", "meta.f": "", "x.y": "", "nope": ""} {
		if got, ok := fieldAt(doc, path); got != want || ok != (want != "") {
			t.Errorf("fieldAt(%q) = %q, %v; want %q", path, got, ok, want)
		}
	}
}

// TestSameResumeEveryForm decodes one resume written as JSON Resume,
// text, Markdown, DOCX and PDF: every form gives the same candidate id (a
// keyed hash of the one e-mail address), certifications (after resolving)
// and skills, and the same years of experience.
func TestSameResumeEveryForm(t *testing.T) {
	cat := scoring.DefaultCatalog()
	raw, err := os.ReadFile("../../testdata/resumes/ann-lee.json")
	if err != nil {
		t.Fatal(err)
	}
	type summary struct {
		ID     string
		Skills []string
		Certs  []string
		Years  float64
	}
	decodeFile := func(name string, data []byte) summary {
		var recs []Record
		if _, err := Decode(bytes.NewReader(data), DecodeOptions{Name: name, Now: func() time.Time { return docNow }}, func(r Record) error {
			recs = append(recs, r)
			return nil
		}); err != nil || len(recs) != 1 || recs[0].Err != nil {
			t.Fatalf("%s: %v, %d records %v", name, err, len(recs), recs)
		}
		c := recs[0].Candidate
		c.Resolve(cat)
		s := summary{ID: c.ID, Years: c.YearsExperience}
		for _, sk := range c.Skills {
			s.Skills = append(s.Skills, scoring.SkillKey(sk))
		}
		for _, cr := range c.Certifications {
			s.Certs = append(s.Certs, fmt.Sprintf("%s %s %s", cr.ID, cr.Version, cr.Date))
		}
		return s
	}
	want := decodeFile("ann-lee.json", raw)
	if len(want.Certs) != 2 || len(want.Skills) < 8 {
		t.Fatalf("JSON Resume reads %+v; want 2 certifications and 8 skills or more", want)
	}
	for name, data := range docForms(t) {
		if diff := cmp.Diff(want, decodeFile(name, data)); diff != "" {
			t.Errorf("%s reads otherwise than the JSON Resume (-json +%s):\n%s", name, name, diff)
		}
	}
}
