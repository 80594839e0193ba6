package scoring_test

import (
	"testing"

	"github.com/certmatch/certmatch/scoring"
)

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

// Points, Order and Explain give one score and eligibility for every
// seed role and bundled candidate, and Order the explained result's key:
// the ranking paths that skip the distance from eligible (Points) or the
// words (Order) agree with the explained one, location and pay included.
func TestRankingPathsAgree(t *testing.T) {
	s := newScorer(t)
	cands := bundledCandidates(t)
	// The seed candidates with a desired pay and a place of each kind,
	// so that every seed role scores location and compensation.
	places := []string{"Chicago, IL", "Evanston, Illinois", "Remote (US)", "Portland, ME", "Berlin, DE", ""}
	for i := range cands {
		cands[i].Location = places[i%len(places)]
		cands[i].DesiredSalary = float64(90_000 + 5_000*(i%9))
		cands[i].Relocate = i%4 == 0
	}
	both := 0
	for _, role := range seedRoles(t) {
		role.Location, role.Remote = "Chicago, IL", true
		plan, err := s.Compile(role)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range cands {
			p := s.Profile(&c)
			res := plan.Explain(c, &p)
			score, eligible := plan.Points(&p)
			if score != res.Score || eligible != res.Eligible {
				t.Errorf("%s/%s: Points (%v, %v), Explain (%v, %v)", role.ID, c.ID, score, eligible, res.Score, res.Eligible)
			}
			if got, want := plan.Order(&p, c.ID), res.CandidateOrder(); got != want {
				t.Errorf("%s/%s: Order %+v, want the explained result's %+v", role.ID, c.ID, got, want)
			}
			if eligible == (res.Away != scoring.Away{}) {
				t.Errorf("%s/%s: eligible %v with away %+v", role.ID, c.ID, eligible, res.Away)
			}
			comps := map[string]bool{}
			for _, comp := range res.Components {
				comps[comp.Name] = true
			}
			if comps[scoring.CompLocation] && comps[scoring.CompCompensation] {
				both++
			}
		}
	}
	if both == 0 {
		t.Error("no result scored both location and compensation: the test covers neither")
	}
}
