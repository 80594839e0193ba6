package index

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/certmatch/certmatch/scoring"
)

// TestRankKeysOnly: a keys-only page has the explained page's keys, in
// order, and the same totals and facets, without a result.
func TestRankKeysOnly(t *testing.T) {
	ctx := context.Background()
	ix := openWith(t, Options{}, bundled(t))
	reqs := []struct {
		name string
		why  string
		req  RankRequest
	}{
		{"eligible", "the gates select who can be eligible", RankRequest{Limit: 5}},
		{"all-deep", "ineligible candidates follow, from an offset", RankRequest{Offset: 3, Limit: 1000, IncludeIneligible: true}},
		{"facets", "facets are counted over every ranked candidate either way", RankRequest{Limit: 4, IncludeIneligible: true, Facets: true}},
		{"past-end", "a page past the end has totals and no key", RankRequest{Offset: 10000, Limit: 3, IncludeIneligible: true}},
	}
	for _, role := range seedRoles(t) {
		plan, err := ix.scorer.Compile(role)
		if err != nil {
			t.Fatal(err)
		}
		for _, tc := range reqs {
			full, err := ix.Rank(ctx, plan, tc.req)
			if err != nil {
				t.Fatal(err)
			}
			kreq := tc.req
			kreq.KeysOnly = true
			keys, err := ix.Rank(ctx, plan, kreq)
			if err != nil {
				t.Fatal(err)
			}
			var want []scoring.Order
			for _, r := range full.Results {
				want = append(want, r.CandidateOrder())
			}
			if diff := cmp.Diff(want, keys.Keys); diff != "" {
				t.Errorf("%s/%s: %s; keys (-explained +keys-only):\n%s", role.ID, tc.name, tc.why, diff)
			}
			if keys.Results != nil || keys.Total != full.Total || keys.Eligible != full.Eligible {
				t.Errorf("%s/%s: keys-only page has %d results, totals %d/%d; want none and %d/%d",
					role.ID, tc.name, len(keys.Results), keys.Eligible, keys.Total, full.Eligible, full.Total)
			}
			if diff := cmp.Diff(full.Facets, keys.Facets); diff != "" {
				t.Errorf("%s/%s: facets (-explained +keys-only):\n%s", role.ID, tc.name, diff)
			}
		}
	}
}
