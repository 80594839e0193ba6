package match_test

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/certmatch/certmatch/index"
	"github.com/certmatch/certmatch/internal/gen"
	"github.com/certmatch/certmatch/match"
	"github.com/certmatch/certmatch/scoring"
)

// exactCorpus is the size of the generated part of TestRankExact's corpus.
const exactCorpus = 3000

// bundledIDs returns the ids of ../testdata/candidates.json, read without
// the engine.
func bundledIDs(t testing.TB) []string {
	t.Helper()
	data, err := os.ReadFile("../testdata/candidates.json")
	if err != nil {
		t.Fatal(err)
	}
	var recs []struct {
		ID string `json:"id"`
	}
	if err := json.Unmarshal(data, &recs); err != nil {
		t.Fatal(err)
	}
	ids := make([]string, len(recs))
	for i, r := range recs {
		ids[i] = r.ID
	}
	return ids
}

// better orders results by scoring.Order: eligible first, ineligible
// nearest to eligible first, then score descending, then candidate id
// ascending.
func better(a, b scoring.Result) int { return a.CandidateOrder().Compare(b.CandidateOrder()) }

// wantRanking is the reference ranking: every candidate scored one by one
// (all holds plan.Score of every candidate, ordered by better), kept when
// keep says so, paged as opts says, with facets counted independently over
// every ranked candidate.
func wantRanking(cat *scoring.Catalog, role scoring.Role, all []scoring.Result, cands map[string]scoring.Candidate, opts match.RankOptions, keep func(scoring.Candidate) bool) match.Ranking {
	out := match.Ranking{Role: role.ID}
	var ranked []scoring.Result
	for _, r := range all {
		wanted := r.Eligible && !opts.IneligibleOnly || !r.Eligible && (opts.IncludeIneligible || opts.IneligibleOnly)
		if wanted && keep(cands[r.CandidateID]) {
			ranked = append(ranked, r)
		}
	}
	out.Total = len(ranked)
	for _, r := range ranked {
		if r.Eligible {
			out.Eligible++
		}
	}
	top := opts.Top
	if top == 0 {
		top = match.DefaultTop
	}
	lo, hi := min(opts.Offset, len(ranked)), min(opts.Offset+top, len(ranked))
	for i, r := range ranked[lo:hi] {
		out.Results = append(out.Results, match.Ranked{Rank: lo + i + 1, Result: r})
	}
	if opts.Facets {
		var cs []scoring.Candidate
		for _, r := range ranked {
			cs = append(cs, cands[r.CandidateID])
		}
		f := countFacets(cat, cs)
		out.Facets = &f
	}
	return out
}

// countFacets counts, per term, the candidates holding it: certification
// ids held (resolved against the catalog) or implied by one held, skill
// keys and location keys. Ties are ordered by term.
func countFacets(cat *scoring.Catalog, cands []scoring.Candidate) index.Facets {
	certs, skills, locs := map[string]int{}, map[string]int{}, map[string]int{}
	for _, c := range cands {
		held := map[string]bool{}
		for _, cr := range c.Certifications {
			if _, ok := cat.Cert(cr.ID); !ok {
				continue // unresolved: kept as written, counts for nothing
			}
			held[cr.ID] = true
			for im := range cat.Implies(cr.ID) {
				held[im.ID] = true
			}
		}
		for id := range held {
			certs[id]++
		}
		keys := map[string]bool{}
		for _, s := range c.Skills {
			if k := scoring.SkillKey(s); k != "" {
				keys[k] = true
			}
		}
		for k := range keys {
			skills[k]++
		}
		if l := scoring.ParsePlace(c.Location).Key(); l != "" {
			locs[l]++
		}
	}
	list := func(m map[string]int) []index.FacetCount {
		var out []index.FacetCount
		for t, n := range m {
			out = append(out, index.FacetCount{Term: t, Count: n})
		}
		slices.SortFunc(out, func(a, b index.FacetCount) int {
			if c := cmp.Compare(b.Count, a.Count); c != 0 {
				return c
			}
			return strings.Compare(a.Term, b.Term)
		})
		return out
	}
	return index.Facets{Certifications: list(certs), Skills: list(skills), Locations: list(locs)}
}

// summary is one line per result: what must be identical before the
// explanations are compared.
func summary(r match.Ranking) []string {
	out := []string{fmt.Sprintf("role %s: eligible %d, total %d", r.Role, r.Eligible, r.Total)}
	for _, res := range r.Results {
		out = append(out, fmt.Sprintf("%d %s %.6f eligible=%v", res.Rank, res.CandidateID, res.Score, res.Eligible))
	}
	return out
}

// TestRankExact checks the design's exactness promise: for every seed
// role and a range of options, Rank returns the same candidates, scores,
// order, counts, explanations and facets as scoring every stored candidate
// one by one with the engine's scorer and sorting the results (eligible
// first, score descending, id ascending). The corpus is 3,000 generated
// candidates plus the bundled ones.
func TestRankExact(t *testing.T) {
	ctx := context.Background()
	eng := newEngine(t)

	generated := gen.Candidates(gen.Options{Seed: 1}, exactCorpus)
	rep, err := eng.Add(ctx, generated...)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Added != exactCorpus || len(rep.Rejected) != 0 {
		t.Fatalf("Add(generated): added %d, rejected %v; want %d, none", rep.Added, rep.Rejected, exactCorpus)
	}
	irep := importFile(t, eng, "../testdata/candidates.json")
	ids := bundledIDs(t)
	if irep.Imported != len(ids) {
		t.Fatalf("Import(bundled): imported %d of %d, rejected %v", irep.Imported, len(ids), irep.Rejected)
	}
	for _, c := range generated {
		ids = append(ids, c.ID)
	}
	if n, err := eng.Count(ctx); err != nil || n != len(ids) {
		t.Fatalf("Count = %d, %v; want %d", n, err, len(ids))
	}

	// The candidates as stored, one by one.
	cands := make(map[string]scoring.Candidate, len(ids))
	for _, id := range ids {
		c, err := eng.Get(ctx, id)
		if err != nil {
			t.Fatalf("Get(%s): %v", id, err)
		}
		cands[id] = c
	}

	// The text filter: the ids bleve matches for the free text alone.
	const query = "kafka microservices"
	sr, err := eng.Index().Search(ctx, index.SearchRequest{Selection: index.Selection{Text: query}, Limit: 100000})
	if err != nil {
		t.Fatal(err)
	}
	if int(sr.Total) != len(sr.IDs) {
		t.Fatalf("text search returned %d of %d ids", len(sr.IDs), sr.Total)
	}
	textMatch := map[string]bool{}
	for _, id := range sr.IDs {
		textMatch[id] = true
	}
	if len(textMatch) == 0 || len(textMatch) == len(ids) {
		t.Fatalf("text %q matches %d of %d candidates; want a proper subset for a useful test", query, len(textMatch), len(ids))
	}

	cat := eng.Scorer().Catalog()
	inChicago := func(c scoring.Candidate) bool {
		p := scoring.ParsePlace(c.Location)
		return p.City() == "Chicago" && p.Region() == "IL"
	}
	hasKafka := func(c scoring.Candidate) bool {
		return slices.ContainsFunc(c.Skills, func(s string) bool { return scoring.SkillKey(s) == "kafka" })
	}
	holdsOCPJP := func(c scoring.Candidate) bool { // held or implied
		return slices.ContainsFunc(c.Certifications, func(cr scoring.Credential) bool {
			if _, ok := cat.Cert(cr.ID); !ok {
				return false
			}
			return cr.ID == "ocpjp" || slices.ContainsFunc(slices.Collect(cat.Implies(cr.ID)), func(im scoring.Implied) bool { return im.ID == "ocpjp" })
		})
	}
	matchesText := func(c scoring.Candidate) bool { return textMatch[c.ID] }
	everyone := func(scoring.Candidate) bool { return true }
	and := func(fs ...func(scoring.Candidate) bool) func(scoring.Candidate) bool {
		return func(c scoring.Candidate) bool {
			for _, f := range fs {
				if !f(c) {
					return false
				}
			}
			return true
		}
	}

	cases := []struct {
		name string
		opts match.RankOptions
		keep func(scoring.Candidate) bool // the reference filter
	}{
		{"top 20", match.RankOptions{Top: 20}, everyone},
		{"default top", match.RankOptions{}, everyone},
		{"top 7 offset 5", match.RankOptions{Top: 7, Offset: 5}, everyone},
		{"ineligible top 50", match.RankOptions{IncludeIneligible: true, Top: 50}, everyone},
		{"ineligible top 50 offset 40", match.RankOptions{IncludeIneligible: true, Top: 50, Offset: 40}, everyone},
		{"offset past the end", match.RankOptions{Offset: 100000}, everyone},
		{"ineligible only", match.RankOptions{IneligibleOnly: true, Top: 50}, everyone},
		{"ineligible only offset 30", match.RankOptions{IneligibleOnly: true, Top: 20, Offset: 30}, everyone},
		{"ineligible only with a filter and facets", match.RankOptions{IneligibleOnly: true, Top: 10, Facets: true, Filters: index.Filters{Locations: []string{"Chicago, IL"}}}, inChicago},
		{"query", match.RankOptions{Query: query, Top: 20}, matchesText},
		{"query ineligible", match.RankOptions{Query: query, IncludeIneligible: true, Top: 50}, matchesText},
		{"location filter", match.RankOptions{IncludeIneligible: true, Top: 50, Filters: index.Filters{Locations: []string{"Chicago, IL"}}}, inChicago},
		{"skill filter", match.RankOptions{IncludeIneligible: true, Top: 50, Filters: index.Filters{Skills: []string{"kafka"}}}, hasKafka},
		{"certification filter", match.RankOptions{IncludeIneligible: true, Top: 50, Filters: index.Filters{Certifications: []string{"ocpjp"}}}, holdsOCPJP},
		{"all filters eligible", match.RankOptions{Top: 20, Filters: index.Filters{Locations: []string{"Chicago, IL"}, Skills: []string{"kafka"}, Certifications: []string{"ocpjp"}}}, and(inChicago, hasKafka, holdsOCPJP)},
		{"query and filters", match.RankOptions{Query: query, IncludeIneligible: true, Top: 50, Filters: index.Filters{Skills: []string{"Kafka"}, Certifications: []string{"ocpjp"}}}, and(matchesText, hasKafka, holdsOCPJP)},
		{"facets", match.RankOptions{Top: 5, Facets: true}, everyone},
		{"facets ineligible", match.RankOptions{IncludeIneligible: true, Top: 5, Facets: true}, everyone},
		{"facets with filter", match.RankOptions{IncludeIneligible: true, Top: 5, Facets: true, Filters: index.Filters{Locations: []string{"Chicago, IL"}}}, inChicago},
	}

	for _, role := range seedRoles(t) {
		plan, err := eng.Scorer().Compile(role)
		if err != nil {
			t.Fatal(err)
		}
		all := make([]scoring.Result, 0, len(ids))
		eligible := 0
		for _, id := range ids {
			r := plan.Score(cands[id])
			all = append(all, r)
			if r.Eligible {
				eligible++
			}
		}
		slices.SortFunc(all, better)
		if eligible < 10 {
			t.Errorf("role %s: only %d eligible candidates; the corpus does not exercise it", role.ID, eligible)
		}
		for _, tc := range cases {
			t.Run(role.ID+"/"+tc.name, func(t *testing.T) {
				got, err := eng.Rank(ctx, role, tc.opts)
				if err != nil {
					t.Fatalf("Rank: %v", err)
				}
				want := wantRanking(cat, role, all, cands, tc.opts, tc.keep)
				if diff := gocmp.Diff(summary(want), summary(got)); diff != "" {
					t.Fatalf("ranking (-want +got):\n%s", diff)
				}
				for i := range want.Results {
					if diff := gocmp.Diff(want.Results[i], got.Results[i]); diff != "" {
						t.Errorf("result %d, %s: Rank differs from plan.Score (-want +got):\n%s", i+1, want.Results[i].CandidateID, diff)
					}
				}
				if diff := gocmp.Diff(want, got, cmpopts.EquateEmpty()); diff != "" {
					t.Errorf("Ranking (-want +got):\n%s", diff)
				}
			})
		}
	}
}
