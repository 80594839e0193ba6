package scoring_test

import "testing"

// EligiblePoints, the ranking shortcut for eligible-only rankings, agrees
// with Points on every eligible candidate and reports every ineligible one
// as (0, false).
func TestEligiblePointsAgreesWithPoints(t *testing.T) {
	s := newScorer(t)
	for _, role := range seedRoles(t) {
		plan, err := s.Compile(role)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range bundledCandidates(t) {
			p := s.Profile(&c)
			score, eligible := plan.Points(&p)
			gotScore, gotEligible := plan.EligiblePoints(&p)
			if gotEligible != eligible {
				t.Errorf("%s/%s: EligiblePoints eligible=%v, Points %v", role.ID, c.ID, gotEligible, eligible)
			}
			if eligible && gotScore != score {
				t.Errorf("%s/%s: EligiblePoints %v, Points %v", role.ID, c.ID, gotScore, score)
			}
			if !eligible && gotScore != 0 {
				t.Errorf("%s/%s: ineligible, EligiblePoints %v, want 0", role.ID, c.ID, gotScore)
			}
		}
	}
}
