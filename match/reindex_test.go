package match_test

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/certmatch/certmatch/index"
	"github.com/certmatch/certmatch/match"
	"github.com/certmatch/certmatch/scoring"
)

// ocmjeaImpliesOCP replaces the built-in OCMJEA entry with one that says
// an enterprise architect holds an OCPJP: the kind of catalog change an
// integrator makes first.
const ocmjeaImpliesOCP = `{"version": "architects", "certs": [{
	"id": "ocmjea", "label": "OCMJEA", "name": "Oracle Certified Master, Java EE Enterprise Architect (SCEA)",
	"issuer": "Oracle", "level": "master", "versioning": "java",
	"aliases": ["SCEA", "OCMJEA", "Sun Certified Enterprise Architect"],
	"match": ["enterprise architect", "master java ee"],
	"implies": ["ocpjp"]
}]}`

// reindexCandidates: an architect whose SCEA only the changed catalog
// reads as an OCPJP, an SCJP holder, and a candidate with neither.
var reindexCandidates = []scoring.Candidate{
	{ID: "arch", Summary: "enterprise architect for payment systems", Skills: []string{"Java"}, YearsExperience: 12,
		Certifications: []scoring.Credential{{Name: "Sun Certified Enterprise Architect", Date: scoring.MustDate("2009-05")}}},
	{ID: "dev", Summary: "backend developer, payment systems", Skills: []string{"Java"}, YearsExperience: 6,
		Certifications: []scoring.Credential{{Name: "SCJP 6", Date: scoring.MustDate("2010-02")}}},
	{ID: "none", Summary: "payment systems analyst", Skills: []string{"SQL"}, YearsExperience: 3},
}

// agreement is what every path says about who holds an ocpjp.
type agreement struct {
	Rank        []string // Rank with the certification gate
	RankFilter  []string // Rank of anyone with a certification filter
	RankText    []string // Rank with the gate and free text
	Search      []string // Index.Search with a certification filter
	SearchText  []string // Index.Search with the filter and free text
	RankFacet   int      // ocpjp's count in Rank's facets (every candidate)
	SearchFacet int      // ocpjp's count in Index.Search's facets
}

func observe(t *testing.T, eng *match.Engine) agreement {
	t.Helper()
	ctx := context.Background()
	role := scoring.Role{ID: "java-architect", Required: []scoring.Requirement{{AnyOf: []string{"ocpjp"}}}}
	ids := func(r match.Ranking) []string {
		var out []string
		for _, x := range r.Results {
			out = append(out, x.CandidateID)
		}
		slices.Sort(out)
		return out
	}
	var a agreement
	r, err := eng.Rank(ctx, role, match.RankOptions{})
	if err != nil {
		t.Fatal(err)
	}
	a.Rank = ids(r)
	r, err = eng.Rank(ctx, scoring.Role{ID: "anyone"}, match.RankOptions{IncludeIneligible: true, Filters: index.Filters{Certifications: []string{"ocpjp"}}})
	if err != nil {
		t.Fatal(err)
	}
	a.RankFilter = ids(r)
	r, err = eng.Rank(ctx, role, match.RankOptions{Query: "payment"})
	if err != nil {
		t.Fatal(err)
	}
	a.RankText = ids(r)
	all, err := eng.Rank(ctx, scoring.Role{ID: "anyone"}, match.RankOptions{IncludeIneligible: true, Facets: true})
	if err != nil {
		t.Fatal(err)
	}
	a.RankFacet = facetCount(all.Facets.Certifications, "ocpjp")
	for _, text := range []string{"", "payment"} {
		res, err := eng.Index().Search(ctx, index.SearchRequest{Selection: index.Selection{Text: text, Filters: index.Filters{Certifications: []string{"ocpjp"}}}})
		if err != nil {
			t.Fatal(err)
		}
		got := slices.Clone(res.IDs)
		slices.Sort(got)
		if text == "" {
			a.Search = got
		} else {
			a.SearchText = got
		}
	}
	res, err := eng.Index().Search(ctx, index.SearchRequest{Facets: true})
	if err != nil {
		t.Fatal(err)
	}
	a.SearchFacet = facetCount(res.Facets.Certifications, "ocpjp")
	return a
}

func facetCount(fc []index.FacetCount, term string) int {
	for _, f := range fc {
		if f.Term == term {
			return f.Count
		}
	}
	return 0
}

// Reopening an on-disk index with a catalog that adds "ocmjea implies
// ocpjp" re-derives its stored terms, so ranking with and without text,
// search and both facet counts agree that the architect holds an OCPJP.
func TestReopenWithChangedCatalog(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "idx")
	eng, err := match.Open(ctx, match.Options{Path: dir, Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := eng.Add(ctx, reindexCandidates...); err != nil {
		t.Fatal(err)
	}
	before := agreement{Rank: []string{"dev"}, RankFilter: []string{"dev"}, RankText: []string{"dev"}, Search: []string{"dev"}, SearchText: []string{"dev"}, RankFacet: 1, SearchFacet: 1}
	if diff := cmp.Diff(before, observe(t, eng)); diff != "" {
		t.Errorf("under the built-in catalog (-want +got):\n%s", diff)
	}
	if err := eng.Close(); err != nil {
		t.Fatal(err)
	}

	changed, err := scoring.DefaultCatalog().Extend(strings.NewReader(ocmjeaImpliesOCP))
	if err != nil {
		t.Fatal(err)
	}
	// Asked to, Open refuses the stale index with a typed error.
	_, err = match.Open(ctx, match.Options{Path: dir, Catalog: changed, Now: testNow, RefuseStale: true})
	var stale *index.StaleError
	if !errors.Is(err, match.ErrStaleIndex) || !errors.As(err, &stale) || stale.Stored != index.Fingerprint(scoring.DefaultCatalog()) || stale.Want != index.Fingerprint(changed) {
		t.Fatalf("Open(RefuseStale) with a changed catalog = %v, want a *index.StaleError with both fingerprints", err)
	}

	// By default Open re-derives every candidate, with progress.
	var progress []index.ReindexProgress
	eng, err = match.Open(ctx, match.Options{Path: dir, Catalog: changed, Now: testNow, BatchSize: 2,
		ReindexProgress: func(p index.ReindexProgress) { progress = append(progress, p) }})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]index.ReindexProgress{{Done: 2, Total: 3}, {Done: 3, Total: 3}}, progress); diff != "" {
		t.Errorf("reindex progress at Open, batches of 2 (-want +got):\n%s", diff)
	}
	after := agreement{Rank: []string{"arch", "dev"}, RankFilter: []string{"arch", "dev"}, RankText: []string{"arch", "dev"}, Search: []string{"arch", "dev"}, SearchText: []string{"arch", "dev"}, RankFacet: 2, SearchFacet: 2}
	if diff := cmp.Diff(after, observe(t, eng)); diff != "" {
		t.Errorf("after reopening with ocmjea implies ocpjp (-want +got):\n%s", diff)
	}
	// The records themselves are what was stored.
	for _, c := range reindexCandidates {
		got, err := eng.Get(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(got.Certifications) != len(c.Certifications) || got.Summary != c.Summary {
			t.Errorf("Get(%s) after reindex = %+v, want the record as added", c.ID, got)
		}
	}
	if err := eng.Close(); err != nil {
		t.Fatal(err)
	}

	// The new fingerprint was recorded: the next open re-derives nothing,
	// and refusing stale indexes lets it through.
	progress = nil
	eng, err = match.Open(ctx, match.Options{Path: dir, Catalog: changed, Now: testNow, RefuseStale: true,
		ReindexProgress: func(p index.ReindexProgress) { progress = append(progress, p) }})
	if err != nil {
		t.Fatalf("reopen with the same catalog: %v", err)
	}
	if len(progress) != 0 {
		t.Errorf("reopen with the same catalog reindexed: %v", progress)
	}
	if diff := cmp.Diff(after, observe(t, eng)); diff != "" {
		t.Errorf("second reopen (-want +got):\n%s", diff)
	}
	// Reindex on demand re-derives every candidate again.
	n, err := eng.Reindex(ctx)
	if err != nil || n != len(reindexCandidates) {
		t.Errorf("Reindex = %d, %v; want %d", n, err, len(reindexCandidates))
	}
	if err := eng.Close(); err != nil {
		t.Fatal(err)
	}

	// Back to the built-in catalog: the architect is an OCPJP no more.
	eng, err = match.Open(ctx, match.Options{Path: dir, Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	defer eng.Close()
	if diff := cmp.Diff(before, observe(t, eng)); diff != "" {
		t.Errorf("reopened with the built-in catalog again (-want +got):\n%s", diff)
	}
}

// A change of skill synonyms alone makes an index stale too.
func TestReopenWithChangedSkillSynonyms(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "idx")
	eng, err := match.Open(ctx, match.Options{Path: dir, Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := eng.Add(ctx, scoring.Candidate{ID: "k", Skills: []string{"Kube"}, YearsExperience: 4}); err != nil {
		t.Fatal(err)
	}
	eng.Close()
	changed, err := scoring.DefaultCatalog().Extend(strings.NewReader(`{"skills": [{"key": "kubernetes", "spellings": ["Kube"]}]}`))
	if err != nil {
		t.Fatal(err)
	}
	eng, err = match.Open(ctx, match.Options{Path: dir, Catalog: changed, Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	defer eng.Close()
	role := scoring.Role{ID: "platform", RequiredSkills: []string{"kubernetes"}}
	r, err := eng.Rank(ctx, role, match.RankOptions{Query: "kube"})
	if err != nil {
		t.Fatal(err)
	}
	res, err := eng.Index().Search(ctx, index.SearchRequest{Selection: index.Selection{Filters: index.Filters{Skills: []string{"kubernetes"}}}})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Results) != 1 || !slices.Equal(res.IDs, []string{"k"}) {
		t.Errorf("after a synonym change: Rank found %d, Search %v; want the Kube candidate in both", len(r.Results), res.IDs)
	}
	// A skill filter as written folds with the engine's synonyms, in the
	// ranking structure and in bleve alike.
	r, err = eng.Rank(ctx, scoring.Role{ID: "any"}, match.RankOptions{Filters: index.Filters{Skills: []string{"Kube"}}, Query: "kube"})
	if err != nil {
		t.Fatal(err)
	}
	res, err = eng.Index().Search(ctx, index.SearchRequest{Selection: index.Selection{Filters: index.Filters{Skills: []string{"Kube"}}}})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Results) != 1 || !slices.Equal(res.IDs, []string{"k"}) {
		t.Errorf("skill filter \"Kube\": Rank found %d, Search %v; want the candidate in both", len(r.Results), res.IDs)
	}
}
