package input

import (
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/certmatch/certmatch/internal/linkedin"
	"github.com/certmatch/certmatch/scoring"
)

func TestLinkedInCandidate(t *testing.T) {
	exp, err := linkedin.ReadFS(os.DirFS("../../testdata/resumes/linkedin-export"))
	if err != nil {
		t.Fatal(err)
	}
	find := wordFinder{lineFinder{scoring.DefaultCatalog()}, []string{"Java", "Kafka", "Spring Boot", "Hibernate"}}
	got, notes := linkedinCandidate(exp, find, docNow)
	want := docResult{
		cand: scoring.Candidate{
			Name: "Ann Lee", Email: "ann.lee@example.com", Location: "Chicago, IL",
			Summary: "Senior Java Developer: Backend developer building Java services for logistics.",
			// Jun 2016 - Feb 2019 and Mar 2019 - 1 Jun 2026, as the resume.
			YearsExperience: 10,
			Skills:          []string{"Java", "Spring Boot", "J2EE", "Spring", "Hibernate", "CI/CD", "PL/SQL", "Kafka"},
			Certifications: []scoring.Credential{
				{Name: "Oracle Certified Professional, Java SE 11 Developer", Issuer: "Oracle", Date: scoring.MustDate("2021-01")},
				{Name: "Spring Professional", Issuer: "VMware", Date: scoring.MustDate("2022-05")},
			},
		},
		sources: []skillSource{{"Kafka", "work highlight at Senior Java Developer, Acme Corp, 2019-present"}},
	}
	if diff := cmp.Diff(want, got, cmp.AllowUnexported(docResult{}, skillSource{})); diff != "" {
		t.Errorf("linkedinCandidate (-want +got):\n%s", diff)
	}
	if len(notes) != 0 {
		t.Errorf("notes %v, want none", notes)
	}
}

func TestLinkedInCandidateNotes(t *testing.T) {
	exp := linkedin.Export{
		Certifications: []linkedin.Certification{{Line: 2, Name: "OCP 11"}},
		Warnings:       []linkedin.Warning{{File: linkedin.FilePositions, Line: 3, Field: "Started On", Err: errTest}},
	}
	exp.Certifications[0].Started.Date = scoring.MustDate("2021")
	exp.Certifications[0].Finished.Date = scoring.MustDate("2019")
	got, notes := linkedinCandidate(exp, lineFinder{scoring.DefaultCatalog()}, docNow)
	var fields []string
	for _, n := range notes {
		fields = append(fields, n.field)
	}
	if diff := cmp.Diff([]string{"Positions.csv line 3: Started On", "Certifications.csv line 2: Finished On"}, fields); diff != "" {
		t.Errorf("note fields (-want +got):\n%s", diff)
	}
	if !got.cand.Certifications[0].Expires.IsZero() {
		t.Errorf("an expiry before the issue date is kept: %v", got.cand.Certifications[0].Expires)
	}
}

func TestWorkSource(t *testing.T) {
	tests := []struct {
		start, end string
		ongoing    bool
		want       string
	}{
		{"2019-03", "2022-01", false, "work highlight at Dev, Acme, 2019-2022"},
		{"2019", "", true, "work highlight at Dev, Acme, 2019-present"},
		{"", "", false, "work highlight at Dev, Acme"},
	}
	for _, tt := range tests {
		s, e := docValue(tt.start), docValue(tt.end)
		e.Ongoing = tt.ongoing
		if got := workSource("work highlight at", "Dev, Acme", s, e).String(); got != tt.want {
			t.Errorf("workSource(%s, %s) = %q, want %q", tt.start, tt.end, got, tt.want)
		}
	}
}

func TestExportDir(t *testing.T) {
	if !ExportDir(os.DirFS("../../testdata/resumes/linkedin-export")) {
		t.Errorf("the export folder is not an export")
	}
	// The folder holding it is not: its other files are resumes of their
	// own, and the export is found when its folder is reached.
	if ExportDir(os.DirFS("../../testdata/resumes")) {
		t.Errorf("the folder holding the export is an export")
	}
}
