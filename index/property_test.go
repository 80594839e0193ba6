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
// totals and facets, with and without the ineligible, the ineligible
// only, with free text and a location filter. The roles cover what the
// pruning reads: required and preferred groups with and without version,
// currency and recency conditions, required, alternative and preferred
// skills, years, location and pay, zero weights, and broad roles. Each
// request runs with the default pruning thresholds and with classes split
// down to single candidates.
func TestRankMatchesBruteForceOnRandomRoles(t *testing.T) {
	ctx := context.Background()
	cands := gen.Candidates(gen.Options{Seed: 7}, 2500)
	ix := openWith(t, Options{BatchSize: 700}, cands)
	cat := ix.Catalog()
	rng := rand.New(rand.NewPCG(1, 2))
	texts := []string{"kafka", "spark microservices", "java cloud"}
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
	facetsOf := func(rs []scoring.Result, byID map[string]*scoring.Candidate) Facets {
		fc := newFacetCounter(ix.scorer)
		for _, r := range rs {
			p := ix.scorer.Profile(byID[r.CandidateID])
			fc.add(&entry{prof: p, terms: certTerms(cat, &p)})
		}
		return fc.facets()
	}
	byID := map[string]*scoring.Candidate{}
	for i := range cands {
		byID[cands[i].ID] = &cands[i]
	}
	for _, role := range gen.Roles(1, cat, cands, 60) {
		plan, err := ix.scorer.Compile(role)
		if err != nil {
			t.Fatalf("%s: %v", role.ID, err)
		}
		req := RankRequest{}
		pool := cands
		if rng.IntN(4) == 0 {
			req.Text = texts[rng.IntN(len(texts))]
			ids, _ := searchAll(t, ix, Selection{Text: req.Text}, 1000)
			pool = nil
			for _, id := range ids {
				pool = append(pool, *byID[id])
			}
		}
		if rng.IntN(6) == 0 {
			loc := cands[rng.IntN(len(cands))].Location
			req.Filters.Locations = []string{loc}
			f := scoring.ParseLocationFilter(loc)
			var kept []scoring.Candidate
			for _, c := range pool {
				if p := ix.scorer.Profile(&c); p.Location() != "" && f.Matches(p.Location()) {
					kept = append(kept, c)
				}
			}
			pool = kept
		}
		var all []scoring.Result
		eligible := 0
		for _, c := range pool {
			res := plan.Score(c)
			all = append(all, res)
			if res.Eligible {
				eligible++
			}
		}
		slices.SortFunc(all, func(a, b scoring.Result) int { return a.CandidateOrder().Compare(b.CandidateOrder()) })
		for _, mode := range []string{"eligible", "all", "ineligible"} {
			req := req
			want, wantEligible := all[:eligible], eligible
			switch mode {
			case "all":
				req.IncludeIneligible = true
				want = all
			case "ineligible":
				req.IneligibleOnly = true
				want, wantEligible = all[eligible:], 0
			}
			req.Facets = rng.IntN(3) == 0
			var wantFacets Facets
			if req.Facets {
				wantFacets = facetsOf(want, byID)
			}
			// Pages: the first, one at a random offset, one past the end.
			size := 1 + rng.IntN(40)
			offsets := []int{0, rng.IntN(len(want) + 1), len(want) + rng.IntN(3)}
			for _, split := range []int{0, 1} {
				func() {
					if split == 1 {
						defer func(s, p int) { splitMin, pruneMin = s, p }(splitMin, pruneMin)
						splitMin, pruneMin = 1, 1
					}
					for _, off := range offsets {
						req.Offset, req.Limit = off, size
						page, err := ix.Rank(ctx, plan, req)
						if err != nil {
							t.Fatalf("%s %s: %v", role.ID, mode, err)
						}
						where := fmt.Sprintf("%s (%s, text %q, locations %q, split %d, page %d+%d)", role.ID, mode, req.Text, req.Filters.Locations, split, off, size)
						if page.Total != len(want) || page.Eligible != wantEligible {
							t.Errorf("%s: totals %d/%d, brute force %d/%d", where, page.Eligible, page.Total, wantEligible, len(want))
						}
						if diff := cmp.Diff(rows(want[min(off, len(want)):min(off+size, len(want))]), rows(page.Results)); diff != "" {
							t.Fatalf("%s: page differs from brute force (-want +got):\n%s", where, diff)
						}
						if req.Facets {
							if page.Facets == nil {
								t.Fatalf("%s: no facets", where)
							}
							if diff := cmp.Diff(wantFacets, *page.Facets); diff != "" {
								t.Errorf("%s: facets differ from brute force (-want +got):\n%s", where, diff)
							}
						}
					}
				}()
			}
		}
	}
}

// TestRankAfterWritesMatchesBruteForce: the tables a ranking keeps
// between calls (every slot's years, the text matches' slots by segment)
// follow writes: after a ranking has filled them, candidates are updated
// (other years, other skills), deleted and added, and every page again
// equals scoring the candidates now stored one by one.
func TestRankAfterWritesMatchesBruteForce(t *testing.T) {
	ctx := context.Background()
	cands := gen.Candidates(gen.Options{Seed: 11}, 2000)
	ix := openWith(t, Options{BatchSize: 500}, cands)
	roles := []scoring.Role{
		{ID: "broad", Preferred: []scoring.Requirement{{AnyOf: []string{"ocpjp"}}}, PreferredSkills: []string{"kafka"}},
		{ID: "broad-years", Preferred: []scoring.Requirement{{AnyOf: []string{"spring-professional"}}}, MinYears: 4, SalaryMax: 90000},
		{ID: "gated", Required: []scoring.Requirement{{AnyOf: []string{"ocajp"}}}, RequiredSkills: []string{"Java"}, PreferredSkills: []string{"SQL", "Git"}},
		{ID: "conditions", Required: []scoring.Requirement{{AnyOf: []string{"ocpjp"}, MinVersion: "8"}}, Preferred: []scoring.Requirement{{AnyOf: []string{"spring-professional"}, Current: true}}},
	}
	check := func(stage string, now []scoring.Candidate) {
		t.Helper()
		for _, role := range roles {
			plan, err := ix.scorer.Compile(role)
			if err != nil {
				t.Fatal(err)
			}
			for _, text := range []string{"", "kafka"} {
				pool := now
				if text != "" {
					ids, _ := searchAll(t, ix, Selection{Text: text}, 1000)
					keep := map[string]bool{}
					for _, id := range ids {
						keep[id] = true
					}
					pool = nil
					for _, c := range now {
						if keep[c.ID] {
							pool = append(pool, c)
						}
					}
				}
				var want []scoring.Result
				for _, c := range pool {
					if r := plan.Score(c); r.Eligible {
						want = append(want, r)
					}
				}
				slices.SortFunc(want, func(a, b scoring.Result) int { return a.CandidateOrder().Compare(b.CandidateOrder()) })
				for _, split := range []bool{false, true} {
					func() {
						if split {
							defer func(s, p int) { splitMin, pruneMin = s, p }(splitMin, pruneMin)
							splitMin, pruneMin = 1, 1
						}
						page, err := ix.Rank(ctx, plan, RankRequest{Limit: 25, Text: text})
						if err != nil {
							t.Fatal(err)
						}
						if page.Eligible != len(want) {
							t.Errorf("%s, %s, text %q, split %v: %d eligible, brute force %d", stage, role.ID, text, split, page.Eligible, len(want))
						}
						var got, exp []string
						for _, r := range page.Results {
							got = append(got, fmt.Sprintf("%s %.2f", r.CandidateID, r.Score))
						}
						for _, r := range want[:min(25, len(want))] {
							exp = append(exp, fmt.Sprintf("%s %.2f", r.CandidateID, r.Score))
						}
						if diff := cmp.Diff(exp, got); diff != "" {
							t.Errorf("%s, %s, text %q, split %v: page differs from brute force (-want +got):\n%s", stage, role.ID, text, split, diff)
						}
					}()
				}
			}
		}
	}
	check("before writes", cands)
	rng := rand.New(rand.NewPCG(5, 6))
	now := slices.Clone(cands)
	for i := range 300 {
		c := &now[rng.IntN(len(now))]
		c.YearsExperience = float64(rng.IntN(25))
		if i%2 == 0 {
			c.Skills = append(slices.Clone(c.Skills), "Kafka")
		}
		if i%3 == 0 {
			c.Certifications = nil
		}
		put(t, ix, []scoring.Candidate{*c})
	}
	check("after updates", now)
	var gone []string
	for range 100 {
		i := rng.IntN(len(now))
		gone = append(gone, now[i].ID)
		now = slices.Delete(now, i, i+1)
	}
	if _, err := ix.Delete(ctx, gone...); err != nil {
		t.Fatal(err)
	}
	added := gen.Candidates(gen.Options{Seed: 11, Start: 5000}, 200)
	put(t, ix, added)
	now = append(now, added...)
	check("after writes", now)
}
