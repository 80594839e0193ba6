package index

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/certmatch/certmatch/scoring"
)

// TestRankRefusesForeignPlans: a plan must come from the index's scorer,
// whose catalog positions and skill numbers the stored profiles use.
func TestRankRefusesForeignPlans(t *testing.T) {
	ctx := context.Background()
	ix := openWith(t, Options{}, bundled(t))
	other, err := scoring.NewScorer(scoring.Options{})
	if err != nil {
		t.Fatal(err)
	}
	foreign, err := other.Compile(seedRoles(t)[0])
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		plan *scoring.Plan
		why  string
	}{
		{"nil", nil, "no plan at all"},
		{"zero", &scoring.Plan{}, "a plan not made by Compile"},
		{"other scorer", foreign, "another scorer numbers skills in its own order"},
	} {
		if _, err := ix.Rank(ctx, tc.plan, RankRequest{Limit: 5}); !errors.Is(err, ErrPlan) {
			t.Errorf("%s: Rank error = %v, want ErrPlan (%s)", tc.name, err, tc.why)
		}
	}
	if _, err := ix.Rank(ctx, nil, RankRequest{Offset: -1}); err == nil {
		t.Error("Rank(Offset -1) succeeded, want an error")
	}
}

// TestRankPages: pages of a ranking are slices of one long ranking in
// scoring.Order, with the same totals, and a page past the end is empty.
func TestRankPages(t *testing.T) {
	ctx := context.Background()
	ix := openWith(t, Options{}, bundled(t))
	for _, role := range seedRoles(t) {
		plan, err := ix.scorer.Compile(role)
		if err != nil {
			t.Fatal(err)
		}
		req := RankRequest{IncludeIneligible: true, Limit: 1000}
		all, err := ix.Rank(ctx, plan, req)
		if err != nil {
			t.Fatal(err)
		}
		if all.Total != len(bundled(t)) || len(all.Results) != all.Total {
			t.Fatalf("%s: %d ranked of %d, %d results; want every candidate", role.ID, all.Total, len(bundled(t)), len(all.Results))
		}
		if !slices.IsSortedFunc(all.Results, func(a, b scoring.Result) int { return a.CandidateOrder().Compare(b.CandidateOrder()) }) {
			t.Errorf("%s: results are not in scoring.Order", role.ID)
		}
		var paged []scoring.Result
		for off := 0; off < all.Total; off += 3 {
			page, err := ix.Rank(ctx, plan, RankRequest{IncludeIneligible: true, Offset: off, Limit: 3})
			if err != nil {
				t.Fatal(err)
			}
			if page.Total != all.Total || page.Eligible != all.Eligible {
				t.Errorf("%s: page at %d has totals %d/%d, want %d/%d", role.ID, off, page.Eligible, page.Total, all.Eligible, all.Total)
			}
			paged = append(paged, page.Results...)
		}
		if diff := cmp.Diff(all.Results, paged); diff != "" {
			t.Errorf("%s: pages of 3 differ from one page (-one +pages):\n%s", role.ID, diff)
		}
		past, err := ix.Rank(ctx, plan, RankRequest{IncludeIneligible: true, Offset: all.Total, Limit: 3})
		if err != nil || len(past.Results) != 0 || past.Total != all.Total {
			t.Errorf("%s: page past the end = %d results, total %d, %v; want none, total %d", role.ID, len(past.Results), past.Total, err, all.Total)
		}
		eligible, err := ix.Rank(ctx, plan, RankRequest{Limit: 1000})
		if err != nil {
			t.Fatal(err)
		}
		if eligible.Total != all.Eligible || !slices.EqualFunc(eligible.Results, all.Results[:all.Eligible], func(a, b scoring.Result) bool { return cmp.Equal(a, b) }) {
			t.Errorf("%s: the eligible-only ranking is not the head of the full one", role.ID)
		}
	}
}
