package scoring_test

import (
	"math"
	"strings"
	"testing"

	"github.com/certmatch/certmatch/scoring"
)

// Inputs Validate would reject never make Score panic or return a score
// outside 0..100: a NUL inside a name as written (next steps put names
// into memoised texts), negative or NaN years and salaries.
func TestScoreSurvivesUnvalidatedInput(t *testing.T) {
	s := newScorer(t)
	// ocpjp with no version: an OCA holder's next step names the held
	// credential ("holds ...: one exam, 1Z0-809").
	role := scoring.Role{ID: "r", Required: []scoring.Requirement{{AnyOf: []string{"ocpjp"}}}, MinYears: 2, SalaryMax: 100000}
	tests := []struct {
		name string
		c    scoring.Candidate
	}{
		{"nul in a held name", scoring.Candidate{ID: "a", Certifications: []scoring.Credential{{Name: "Oracle Certified Associate Java SE 8 Programmer\x00x"}}}},
		{"marker-like name", scoring.Candidate{ID: "b", Certifications: []scoring.Credential{{ID: "ocajp", Version: "8", Name: "\x000\x00"}}}},
		{"negative years", scoring.Candidate{ID: "c", YearsExperience: -3}},
		{"NaN years and salary", scoring.Candidate{ID: "d", YearsExperience: math.NaN(), DesiredSalary: math.NaN()}},
		{"infinite salary", scoring.Candidate{ID: "e", DesiredSalary: math.Inf(1), YearsExperience: 4}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			for i := 0; i < 2; i++ { // the second pass reads the memoised next step
				r := s.Score(tc.c, role)
				if math.IsNaN(r.Score) || r.Score < 0 || r.Score > 100 {
					t.Fatalf("score %v", r.Score)
				}
				for _, n := range r.NextSteps {
					if len(tc.c.Certifications) > 0 && strings.HasPrefix(n.Text, "holds") && !strings.Contains(n.Text, tc.c.Certifications[0].Name) {
						t.Errorf("next step %q does not name %q as written", n.Text, tc.c.Certifications[0].Name)
					}
				}
			}
		})
	}
}

// A role with more skills than a small integer holds still finds them.
func TestManySkills(t *testing.T) {
	s := newScorer(t)
	var skills []string
	for i := 0; i < 40000; i++ {
		skills = append(skills, "skill"+strings.Repeat("x", i%7)+string(rune('a'+i%26))+itoa(i))
	}
	role := scoring.Role{ID: "many", RequiredSkills: skills}
	r := s.Score(scoring.Candidate{ID: "all", Skills: skills}, role)
	if !r.Eligible {
		t.Fatalf("candidate with every required skill is not eligible: %d missing", len(r.Missing))
	}
}

func itoa(i int) string {
	const digits = "0123456789"
	if i == 0 {
		return "0"
	}
	var b []byte
	for ; i > 0; i /= 10 {
		b = append([]byte{digits[i%10]}, b...)
	}
	return string(b)
}
