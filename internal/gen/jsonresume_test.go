package gen

import (
	"bufio"
	"bytes"
	"encoding/json"
	"math"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/certmatch/certmatch/scoring"
)

func TestResumeOf(t *testing.T) {
	now := time.Date(2026, time.June, 1, 0, 0, 0, 0, time.UTC)
	c := scoring.Candidate{
		ID: "gen-0000001", Name: "Ann Lee", Email: "ann@example.com", Location: "Chicago, IL", Summary: "Java developer",
		YearsExperience: 6,
		Skills:          []string{"Java", "Kafka", "Spring Boot"},
		Certifications: []scoring.Credential{
			{Name: "OCP Java 11", Date: scoring.MustDate("2021-03"), Issuer: "Oracle"},
			{ID: "spring-professional", Version: "5", Date: scoring.MustDate("2022-05")},
		},
	}
	want := Resume{
		Basics: ResumeBasics{Name: "Ann Lee", Email: "ann@example.com", Summary: "Java developer",
			Location: ResumeLocation{City: "Chicago", Region: "IL"}},
		Skills: []ResumeSkill{{Name: "Java", Keywords: []string{"Kafka", "Spring Boot"}}},
		Certificates: []ResumeCert{
			{Name: "OCP Java 11", Date: "2021-03", Issuer: "Oracle"},
			{Name: "spring-professional 5", Date: "May 2022"}, // every other date as a person writes it
		},
		Work: []ResumeWork{ // 72 months: two halves of 36
			{Name: "Initech", Position: "Developer", StartDate: "2020-06", EndDate: "2023-06", Highlights: []string{"Built services with Kafka"}},
			{Name: "Acme", Position: "Senior Developer", StartDate: "2023-06", EndDate: "Present", Highlights: []string{"Led the move to Spring Boot"}},
		},
	}
	if diff := cmp.Diff(want, ResumeOf(c, now)); diff != "" {
		t.Errorf("ResumeOf (-want +got):\n%s", diff)
	}
}

func TestWriteJSONResumeLines(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteJSONResumeLines(&buf, Options{Seed: 7}, 50); err != nil {
		t.Fatal(err)
	}
	cands := Candidates(Options{Seed: 7}, 50)
	sc := bufio.NewScanner(&buf)
	sc.Buffer(nil, 1<<20)
	i := 0
	for ; sc.Scan(); i++ {
		var r Resume
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("line %d: %v", i+1, err)
		}
		if r.Meta["id"] != cands[i].ID || r.Basics.Email != cands[i].Email {
			t.Errorf("line %d: meta.id %v, email %q; want the candidate's", i+1, r.Meta["id"], r.Basics.Email)
		}
		// The work periods span the years of experience to the month.
		if y := cands[i].YearsExperience; y >= 1.0/24 && len(r.Work) != 2 {
			t.Errorf("line %d: %d positions for %v years, want 2", i+1, len(r.Work), y)
		} else if len(r.Work) == 2 {
			start, _ := time.Parse("2006-01", r.Work[0].StartDate)
			got := DefaultNow.Sub(start).Hours() / 24 / 365.25
			if math.Abs(got-cands[i].YearsExperience) > 0.1 {
				t.Errorf("line %d: work from %s is %.2f years, want %v", i+1, r.Work[0].StartDate, got, cands[i].YearsExperience)
			}
		}
	}
	if i != 50 {
		t.Errorf("%d lines, want 50", i)
	}
}
