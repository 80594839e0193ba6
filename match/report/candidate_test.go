package report_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/certmatch/certmatch/match/report"
	"github.com/certmatch/certmatch/scoring"
)

func TestWriteForCandidate(t *testing.T) {
	s, err := scoring.NewScorer(scoring.Options{Now: func() time.Time { return time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC) }})
	if err != nil {
		t.Fatal(err)
	}
	role := scoring.Role{ID: "senior-java", Title: "Senior Java Developer",
		Required:       []scoring.Requirement{{AnyOf: []string{"ocpjp"}, MinVersion: "11"}},
		RequiredSkills: []string{"java"}, MinYears: 5}
	c := scoring.Candidate{ID: "c1", Name: "Ada Example", Email: "ada@example.org", YearsExperience: 6,
		Skills: []string{"Java"}, Certifications: []scoring.Credential{{Name: "Oracle Certified Associate, Java SE 8 Programmer"}}}
	c.Resolve(s.Catalog())
	res := s.Score(c, role)
	var b bytes.Buffer
	if err := report.WriteForCandidate(&b, role, res); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		`assessed for "Senior Java Developer"`,
		"does not yet meet every requirement",
		"What counted:", "What was missing:", "What would change the outcome:",
		"required: ocpjp >= 11",
		"Skills: has 1 of 1 skills", // a component without evidence counts by its reason
		"one exam, 1Z0-830",         // the next exam for an OCA 8 holder
		"never read when scoring",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("explanation lacks %q:\n%s", want, out)
		}
	}
	for _, personal := range []string{"Ada", "ada@example.org"} {
		if strings.Contains(out, personal) {
			t.Errorf("explanation quotes a personal field %q:\n%s", personal, out)
		}
	}
}
