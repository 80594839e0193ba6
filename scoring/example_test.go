package scoring_test

import (
	"fmt"
	"time"

	"github.com/certmatch/certmatch/scoring"
)

// Normalize reads a certification as people write it and returns its
// canonical id and version; courses and plans are never credentials.
func ExampleCatalog_Normalize() {
	cat := scoring.DefaultCatalog()
	for _, text := range []string{
		"Sun Certified Java Programmer 6 (CX-310-065)",
		"OCA JP 8 / 1z0 808",
		"SCWCD 1.4",
		"Udemy OCP Java 11 practice tests",
	} {
		r, ok := cat.Normalize(text)
		if !ok {
			fmt.Printf("%-45s -> not a credential: %s\n", text, r.Reason)
			continue
		}
		fmt.Printf("%-45s -> %s %s (%s)\n", text, r.ID, r.Version, r.Kind)
	}
	// Output:
	// Sun Certified Java Programmer 6 (CX-310-065)  -> ocpjp 6 (exam)
	// OCA JP 8 / 1z0 808                            -> ocajp 8 (exam)
	// SCWCD 1.4                                     -> ocewcd 1.4 (abbreviation)
	// Udemy OCP Java 11 practice tests              -> not a credential: "udemy": a course or course provider, not a credential
}

// Score explains every point of a score and what the candidate would need
// next. Here an SCJP 6 holder is of the OCPJP line but below the version
// the role asks for, so earns partial credit and an upgrade exam.
func ExampleScorer_Score() {
	s, err := scoring.NewScorer(scoring.Options{
		Now: func() time.Time { return time.Date(2026, time.June, 1, 0, 0, 0, 0, time.UTC) },
	})
	if err != nil {
		panic(err)
	}
	role := scoring.Role{
		ID:             "senior-java",
		Required:       []scoring.Requirement{{AnyOf: []string{"ocpjp"}, MinVersion: "11"}},
		RequiredSkills: []string{"java"},
		MinYears:       5,
		Weights:        &scoring.Weights{Certifications: 0.5, Skills: 0.3, Experience: 0.2},
	}
	cand := scoring.Candidate{
		ID:              "cand-0028",
		YearsExperience: 16,
		Skills:          []string{"Java"},
		Certifications:  []scoring.Credential{{Name: "Sun Certified Java Programmer 6 (CX-310-065)", Date: scoring.MustDate("2009-04")}},
	}
	// 50 * 0.25 (partial: 6 < 11) + 30 * 2/2 + 20 * 16/(16+5) = 12.5 + 30 + 15.24
	r := s.Score(cand, role)
	fmt.Printf("%s: %.2f, eligible %v\n", r.CandidateID, r.Score, r.Eligible)
	for _, c := range r.Components {
		fmt.Printf("  %s %.2f/%.2f\n", c.Name, c.Points, c.Max)
	}
	for _, n := range r.NextSteps {
		fmt.Println("  next:", n.Text)
	}
	// Output:
	// cand-0028: 57.74, eligible false
	//   certifications 12.50/50.00
	//   skills 30.00/30.00
	//   experience 15.24/20.00
	//   next: holds "Sun Certified Java Programmer 6 (CX-310-065)": upgrade exam 1Z0-817 for OCPJP 11
}
