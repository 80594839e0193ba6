package scoring_test

import (
	"testing"

	"github.com/certmatch/certmatch/scoring"
)

func TestOrderCompare(t *testing.T) {
	for _, tc := range []struct {
		name string
		a, b scoring.Order
		want int
		why  string
	}{
		{"eligible first", scoring.Order{Eligible: true, Score: 10, ID: "z"}, scoring.Order{Score: 90, ID: "a"}, -1, "eligibility outranks any score"},
		{"ineligible after", scoring.Order{Score: 90, ID: "a"}, scoring.Order{Eligible: true, Score: 10, ID: "z"}, 1, "the same pair the other way round"},
		{"higher score first", scoring.Order{Eligible: true, Score: 80, ID: "z"}, scoring.Order{Eligible: true, Score: 70, ID: "a"}, -1, "among the eligible the score decides before the id"},
		{"lower score after", scoring.Order{Score: 7, ID: "a"}, scoring.Order{Score: 8, ID: "z"}, 1, "among the ineligible too"},
		{"tie by id", scoring.Order{Eligible: true, Score: 50, ID: "a"}, scoring.Order{Eligible: true, Score: 50, ID: "b"}, -1, "equal scores: the lower id first"},
		{"tie by id after", scoring.Order{Score: 50, ID: "b"}, scoring.Order{Score: 50, ID: "a"}, 1, "equal scores, higher id"},
		{"equal", scoring.Order{Eligible: true, Score: 50, ID: "a"}, scoring.Order{Eligible: true, Score: 50, ID: "a"}, 0, "the same key"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.a.Compare(tc.b); got != tc.want {
				t.Errorf("%+v.Compare(%+v) = %d, want %d (%s)", tc.a, tc.b, got, tc.want, tc.why)
			}
			if got := tc.a.Before(tc.b); got != (tc.want < 0) {
				t.Errorf("%+v.Before(%+v) = %v, want %v (%s)", tc.a, tc.b, got, tc.want < 0, tc.why)
			}
		})
	}
}

func TestResultOrders(t *testing.T) {
	r := scoring.Result{CandidateID: "c1", RoleID: "r1", Score: 42, Eligible: true}
	if got, want := r.CandidateOrder(), (scoring.Order{Eligible: true, Score: 42, ID: "c1"}); got != want {
		t.Errorf("CandidateOrder() = %+v, want %+v", got, want)
	}
	if got, want := r.RoleOrder(), (scoring.Order{Eligible: true, Score: 42, ID: "r1"}); got != want {
		t.Errorf("RoleOrder() = %+v, want %+v", got, want)
	}
}

func TestOrderCompareDoesNotAllocate(t *testing.T) {
	a, b := scoring.Order{Eligible: true, Score: 1, ID: "candidate-000001"}, scoring.Order{Eligible: true, Score: 1, ID: "candidate-000002"}
	n := 0
	if allocs := testing.AllocsPerRun(100, func() { n += a.Compare(b) }); allocs != 0 {
		t.Errorf("Compare allocates %v times per call, want 0", allocs)
	}
	if n >= 0 {
		t.Errorf("sum of Compare = %d, want negative", n)
	}
}
