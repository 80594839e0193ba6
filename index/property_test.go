package index

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/certmatch/certmatch/internal/gen"
	"github.com/certmatch/certmatch/scoring"
)

// TestRankMatchesBruteForceOnRandomRoles: for random roles over random
// generated candidates, every page Rank returns is the same slice of the
// ranking made by scoring every candidate one by one with Plan.Score and
// sorting in scoring.Order: the same ids, scores and eligibility, the same
// totals, with and without the ineligible.
func TestRankMatchesBruteForceOnRandomRoles(t *testing.T) {
	ctx := context.Background()
	cands := gen.Candidates(gen.Options{Seed: 7}, 1500)
	ix := openWith(t, Options{BatchSize: 700}, cands)
	cat := ix.Catalog()
	var certs []string
	for c := range cat.Certs() {
		certs = append(certs, c.ID)
	}
	for g := range cat.Groups() {
		certs = append(certs, g.ID)
	}
	seen := map[string]bool{}
	var skills []string
	for _, c := range cands {
		for _, s := range c.Skills {
			if !seen[s] {
				seen[s] = true
				skills = append(skills, s)
			}
		}
	}
	slices.Sort(skills)
	rng := rand.New(rand.NewPCG(1, 2))
	pick := func(from []string, n int) []string {
		out := make([]string, 0, n)
		for range n {
			out = append(out, from[rng.IntN(len(from))])
		}
		return slices.Compact(slices.Sorted(slices.Values(out)))
	}
	reqs := func(n int) []scoring.Requirement {
		var out []scoring.Requirement
		for range n {
			out = append(out, scoring.Requirement{AnyOf: pick(certs, 1+rng.IntN(3))})
		}
		return out
	}
	for r := range 50 {
		role := scoring.Role{
			ID:              fmt.Sprintf("random-%d", r),
			Required:        reqs(rng.IntN(3)),
			Preferred:       reqs(rng.IntN(4)),
			RequiredSkills:  pick(skills, rng.IntN(2)),
			PreferredSkills: pick(skills, rng.IntN(4)),
			MinYears:        float64(rng.IntN(4) * 2),
		}
		if len(role.Required) == 0 && len(role.Preferred) == 0 {
			role.Preferred = reqs(1) // a broad role
		}
		if r >= 25 {
			// Broad roles (nothing required but years): Rank skips the
			// candidates holding no credited certification once its top
			// list is full of better scores, so these check that bound,
			// with location and pay components on for some.
			role.ID = fmt.Sprintf("broad-%d", r)
			role.Required, role.RequiredSkills = nil, nil
			role.Preferred = reqs(1 + rng.IntN(2))
			role.MinYears = float64(rng.IntN(3) * 2)
			if rng.IntN(2) == 0 {
				role.Location = cands[rng.IntN(len(cands))].Location
				role.Remote = rng.IntN(2) == 0
			}
			if rng.IntN(2) == 0 {
				role.SalaryMax = float64(40000 + rng.IntN(80000))
			}
		}
		plan, err := ix.scorer.Compile(role)
		if err != nil {
			t.Fatalf("%s: %v", role.ID, err)
		}
		var all []scoring.Result
		eligible := 0
		for _, c := range cands {
			res := plan.Score(c)
			all = append(all, res)
			if res.Eligible {
				eligible++
			}
		}
		slices.SortFunc(all, func(a, b scoring.Result) int { return a.CandidateOrder().Compare(b.CandidateOrder()) })
		type row struct {
			ID       string
			Score    float64
			Eligible bool
		}
		rows := func(rs []scoring.Result) []row {
			out := make([]row, len(rs))
			for i, r := range rs {
				out[i] = row{r.CandidateID, r.Score, r.Eligible}
			}
			return out
		}
		for _, withIneligible := range []bool{false, true} {
			want, total := all[:eligible], eligible
			if withIneligible {
				want, total = all, len(all)
			}
			size := 1 + rng.IntN(50)
			if withIneligible {
				size = 100 + rng.IntN(200)
			}
			for off := 0; off <= len(want); off += size {
				page, err := ix.Rank(ctx, plan, RankRequest{Offset: off, Limit: size, IncludeIneligible: withIneligible})
				if err != nil {
					t.Fatalf("%s: %v", role.ID, err)
				}
				if page.Total != total || page.Eligible != eligible {
					t.Errorf("%s (ineligible %v): totals %d/%d, brute force %d/%d", role.ID, withIneligible, page.Eligible, page.Total, eligible, total)
				}
				if diff := cmp.Diff(rows(want[off:min(off+size, len(want))]), rows(page.Results)); diff != "" {
					t.Fatalf("%s (ineligible %v): page at %d of %d differs from brute force (-want +got):\n%s", role.ID, withIneligible, off, size, diff)
				}
			}
		}
	}
}
