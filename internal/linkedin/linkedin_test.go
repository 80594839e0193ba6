package linkedin

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/certmatch/certmatch/internal/doctext/doctexttest"
	"github.com/certmatch/certmatch/internal/peopledate"
	"github.com/certmatch/certmatch/scoring"
)

// exportFiles is a small export of a fictional person, written for these
// tests in LinkedIn's layout.
var exportFiles = map[string]string{
	"Profile.csv": "First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry,Zip Code,Geo Location,Twitter Handles,Websites,Instant Messengers\n" +
		"Jane,Roe,,,,Java Developer,\"Backend developer; built Kafka pipelines.\",Software Development,,\"Chicago, Illinois, United States\",,,\n",
	"Email Addresses.csv": "Email Address,Confirmed,Primary,Updated On\njroe@old.example,Yes,No,1/2/15\nJane.Roe@Example.org,Yes,Yes,3/4/20\n",
	"Positions.csv": "Company Name,Title,Description,Location,Started On,Finished On\n" +
		"Acme,Senior Java Developer,\"Spring Boot services, Kafka\",\"Chicago, IL\",Mar 2019,\n" +
		"Initech,Java Developer,,,Jun 2015,Feb 2019\n" +
		"Globex,Intern,,,sometime,2014\n" +
		",,,,,\n",
	"Skills.csv": "Name\nJava\nSpring Boot\nApache Kafka\n",
	"Certifications.csv": "Name,Url,Authority,Started On,Finished On,License Number\n" +
		"\"Oracle Certified Professional, Java SE 11 Developer\",https://example.org/c/1,Oracle,Jan 2021,,OC1234\n" +
		"Spring Professional,,VMware,May 2022,May 2024,\n" +
		",,Udemy,Jan 2023,,\n",
	"Connections.csv": "Notes:\n\"not read\"\n\nFirst Name,Last Name,URL\nA,B,c\n",
}

var order = []string{"Profile.csv", "Email Addresses.csv", "Positions.csv", "Skills.csv", "Certifications.csv", "Connections.csv"}

func wantExport() Export {
	d := func(s string) peopledate.Value { return peopledate.Value{Date: scoring.MustDate(s)} }
	return Export{
		Profile: Profile{FirstName: "Jane", LastName: "Roe", Headline: "Java Developer",
			Summary: "Backend developer; built Kafka pipelines.", GeoLocation: "Chicago, Illinois, United States",
			Industry: "Software Development"},
		Emails: []string{"Jane.Roe@Example.org", "jroe@old.example"},
		Positions: []Position{
			{Line: 2, Company: "Acme", Title: "Senior Java Developer", Description: "Spring Boot services, Kafka", Location: "Chicago, IL", Started: d("2019-03")},
			{Line: 3, Company: "Initech", Title: "Java Developer", Started: d("2015-06"), Finished: d("2019-02")},
			{Line: 4, Company: "Globex", Title: "Intern", Finished: d("2014")},
		},
		Skills: []string{"Java", "Spring Boot", "Apache Kafka"},
		Certifications: []Certification{
			{Line: 2, Name: "Oracle Certified Professional, Java SE 11 Developer", URL: "https://example.org/c/1", Authority: "Oracle", License: "OC1234", Started: d("2021-01")},
			{Line: 3, Name: "Spring Professional", Authority: "VMware", Started: d("2022-05"), Finished: d("2024-05")},
		},
		Files: []File{FileProfile, FileEmails, FilePositions, FileSkills, FileCertifications},
	}
}

// wantWarnings are the places of the warnings wantExport comes with.
var wantWarnings = []string{
	"Positions.csv line 4: Started On", // "sometime" is no date; the row is kept
	"Certifications.csv line 4: Name",  // a certificate without a name is skipped
}

func warningPlaces(ws []Warning) []string {
	var out []string
	for _, w := range ws {
		out = append(out, fmt.Sprintf("%s line %d: %s", w.File, w.Line, w.Field))
	}
	return out
}

var ignoreWarnings = cmpopts.IgnoreFields(Export{}, "Warnings")

func TestReadFS(t *testing.T) {
	mapFS := fstest.MapFS{}
	files := map[string][]byte{}
	dir := t.TempDir()
	sub := filepath.Join(dir, "Basic_LinkedInDataExport_12-01-2026")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, data := range exportFiles {
		mapFS[name] = &fstest.MapFile{Data: []byte(data)}
		files[name] = []byte(data)
		// Lower-case names: the export is found whatever the case.
		if err := os.WriteFile(filepath.Join(sub, strings.ToLower(name)), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	zipped := doctexttest.Zip(files, order)
	zr, err := zip.NewReader(bytes.NewReader(zipped), int64(len(zipped)))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		fsys fs.FS
	}{
		{"files", mapFS},
		{"zip as LinkedIn sends it", zr},
		{"a folder holding the export folder", os.DirFS(dir)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ReadFS(tc.fsys)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(wantExport(), got, ignoreWarnings); diff != "" {
				t.Errorf("ReadFS (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(wantWarnings, warningPlaces(got.Warnings)); diff != "" {
				t.Errorf("warnings (-want +got):\n%s", diff)
			}
		})
	}
}

func TestReadFSNotExport(t *testing.T) {
	fsys := fstest.MapFS{"resume.pdf": &fstest.MapFile{Data: []byte("%PDF-1.4")}, "Connections.csv": &fstest.MapFile{Data: []byte("First Name\n")}}
	if _, err := ReadFS(fsys); !errors.Is(err, ErrNotExport) {
		t.Errorf("ReadFS(no export files) = %v, want ErrNotExport", err)
	}
}

func TestReadFSWrongHeader(t *testing.T) {
	// A file named Skills.csv whose header is not one column "Name" is
	// an error for the export, not a silent empty list.
	fsys := fstest.MapFS{"Skills.csv": &fstest.MapFile{Data: []byte("Skill,Level\nJava,5\n")}}
	_, err := ReadFS(fsys)
	if err == nil || !strings.Contains(err.Error(), "Skills.csv") {
		t.Errorf("ReadFS = %v, want an error naming Skills.csv", err)
	}
}

func TestReadCSV(t *testing.T) {
	d := func(s string) peopledate.Value { return peopledate.Value{Date: scoring.MustDate(s)} }
	tests := []struct {
		name string
		in   string
		want Export
		warn []string
		why  string
	}{
		{"certifications alone", exportFiles["Certifications.csv"], Export{
			Certifications: wantExport().Certifications, Files: []File{FileCertifications},
		}, []string{"Certifications.csv line 4: Name"}, "the file LinkedIn exports, told by its header"},
		{"skills alone", "\xef\xbb\xbfName\r\nJava\r\n\r\nKafka\r\n", Export{Skills: []string{"Java", "Kafka"}, Files: []File{FileSkills}}, nil,
			"a byte order mark, CRLF and a blank line"},
		{"columns in another order", "License Number,Started On,Name,Authority\n,2019-06,SCJP,Sun\n", Export{
			Certifications: []Certification{{Line: 2, Name: "SCJP", Authority: "Sun", Started: d("2019-06")}}, Files: []File{FileCertifications},
		}, nil, "columns found by name"},
		{"present expiry", "Name,Authority,Started On,Finished On\nOCP,Oracle,2020,Present\n", Export{
			Certifications: []Certification{{Line: 2, Name: "OCP", Authority: "Oracle", Started: d("2020")}}, Files: []File{FileCertifications},
		}, nil, "an ongoing expiry is no expiry"},
		{"ambiguous date", "Name,Authority,Started On\nOCP,Oracle,03/04/2020\n", Export{
			Certifications: []Certification{{Line: 2, Name: "OCP", Authority: "Oracle"}}, Files: []File{FileCertifications},
		}, []string{"Certifications.csv line 2: Started On"}, "not guessed: a warning, the row kept"},
		{"notes before the header", "Notes:\n\"Positions you held\"\n\nCompany Name,Title,Description,Location,Started On,Finished On\nAcme,Dev,,,2020,\n", Export{
			Positions: []Position{{Line: 5, Company: "Acme", Title: "Dev", Started: d("2020")}}, Files: []File{FilePositions},
		}, nil, "a preamble of notes, as some export files have"},
		{"projects", "Title,Description,Url,Started On,Finished On\nPipeline,Built Kafka streams,,Jan 2020,Dec 2020\n", Export{
			Projects: []Project{{Line: 2, Title: "Pipeline", Description: "Built Kafka streams", Started: d("2020-01"), Finished: d("2020-12")}}, Files: []File{FileProjects},
		}, nil, "projects are told from positions by the missing company"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ReadCSV(strings.NewReader(tt.in))
			if err != nil {
				t.Fatalf("ReadCSV: %v (%s)", err, tt.why)
			}
			if diff := cmp.Diff(tt.want, got, ignoreWarnings); diff != "" {
				t.Errorf("ReadCSV (-want +got):\n%s(%s)", diff, tt.why)
			}
			if diff := cmp.Diff(tt.warn, warningPlaces(got.Warnings)); diff != "" {
				t.Errorf("warnings (-want +got):\n%s(%s)", diff, tt.why)
			}
		})
	}
}

func TestReadCSVNotExport(t *testing.T) {
	for _, in := range []string{"id,name,certifications\nc1,A,OCP\n", "Skill,Level\nJava,5\n", ""} {
		if _, err := ReadCSV(strings.NewReader(in)); !errors.Is(err, ErrNotExport) {
			t.Errorf("ReadCSV(%q) = %v, want ErrNotExport", in, err)
		}
	}
}

func TestWarningNamesNoValue(t *testing.T) {
	exp, err := ReadCSV(strings.NewReader("Company Name,Title,Started On\nAcme,Dev,soon\n"))
	if err != nil || len(exp.Warnings) != 1 {
		t.Fatalf("ReadCSV = %+v, %v; want one warning", exp, err)
	}
	msg := exp.Warnings[0].Error()
	if want := "Positions.csv line 2: Started On: "; !strings.HasPrefix(msg, want) || strings.Contains(msg, "Acme") {
		t.Errorf("warning %q: want it to start %q and not to name the company", msg, want)
	}
}

func TestIsExportFile(t *testing.T) {
	for name, want := range map[string]bool{"Certifications.csv": true, "skills.CSV": true, "Connections.csv": false, "cv.pdf": false} {
		if got := IsExportFile(name); got != want {
			t.Errorf("IsExportFile(%q) = %v, want %v", name, got, want)
		}
	}
}
