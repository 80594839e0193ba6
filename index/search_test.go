package index

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode"

	"github.com/google/go-cmp/cmp"

	"github.com/certmatch/certmatch/scoring"
)

// A corpus is an in-memory index shared by the read-only tests below,
// with the candidates it holds and the scorer that built it (the same
// scorer compiles the plans the tests check against it).
type corpus struct {
	name  string
	sc    *scoring.Scorer
	ix    *Index
	cands []scoring.Candidate
	facts map[string]facts
}

var (
	corporaMu sync.Mutex
	corpora   = map[string]*corpus{}
)

// genCorpusSize is the number of generated candidates of the "generated"
// corpus.
const genCorpusSize = 5000

// corpora returns the bundled candidates and genCorpusSize generated ones,
// each indexed once per test binary.
func testCorpora(t *testing.T) []*corpus {
	t.Helper()
	return []*corpus{loadCorpus(t, "bundled"), loadCorpus(t, "generated")}
}

func loadCorpus(t *testing.T, name string) *corpus {
	t.Helper()
	corporaMu.Lock()
	defer corporaMu.Unlock()
	if c := corpora[name]; c != nil {
		return c
	}
	var cands []scoring.Candidate
	switch name {
	case "bundled":
		cands = bundled(t)
	case "generated":
		cands = generated(genCorpusSize)
	}
	sc := newScorer(t)
	ix, err := Open(context.Background(), Options{Scorer: sc, BatchSize: 2500})
	if err != nil {
		t.Fatal(err)
	}
	// Shared by later tests: closed by TestMain.
	if _, err := ix.Put(context.Background(), cands); err != nil {
		t.Fatal(err)
	}
	c := &corpus{name: name, sc: sc, ix: ix, cands: cands, facts: map[string]facts{}}
	for i := range cands {
		c.facts[cands[i].ID] = factsOf(sc.Catalog(), &cands[i])
	}
	corpora[name] = c
	return c
}

// facts is what these tests work out about a candidate without the
// index, from the candidate as put.
type facts struct {
	certs  map[string]bool // ids held (names normalised) and the ids they imply
	skills map[string]bool // scoring.SkillKey of each skill
	loc    string          // scoring.Place.Key; "" when none
	words  map[string]bool // lower-case words of the summary and the skills
	text   string          // lower-case summary and skills
	years  float64
}

func factsOf(cat *scoring.Catalog, c *scoring.Candidate) facts {
	f := facts{certs: map[string]bool{}, skills: map[string]bool{}, loc: scoring.ParsePlace(c.Location).Key(), words: map[string]bool{}, years: c.YearsExperience}
	for _, cr := range c.Certifications {
		id := cr.ID
		if id == "" {
			res, ok := cat.Normalize(cr.Name)
			if !ok {
				continue
			}
			id = res.ID
		}
		if _, ok := cat.Cert(id); !ok {
			continue
		}
		f.certs[id] = true
		for im := range cat.Implies(id) {
			f.certs[im.ID] = true
		}
	}
	for _, s := range c.Skills {
		if k := scoring.SkillKey(s); k != "" {
			f.skills[k] = true
		}
	}
	f.text = strings.ToLower(c.Summary + " " + strings.Join(c.Skills, " "))
	for _, w := range strings.FieldsFunc(f.text, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		f.words[w] = true
	}
	return f
}

// selects is the in-test reading of a Selection (for text, the words given
// are ones the English analyzer leaves alone, so matching lower-case words
// is the same as matching stems).
func (f facts) selects(cat *scoring.Catalog, sel Selection) bool {
	for _, group := range sel.RequiredAnyOf {
		if !slices.ContainsFunc(group, func(id string) bool { return f.certs[id] }) {
			return false
		}
	}
	for _, k := range sel.RequiredSkills {
		if !f.skills[k] {
			return false
		}
	}
	if f.years < sel.MinYears {
		return false
	}
	for _, c := range sel.Certifications {
		// An id held or implied, or a catalog group: any of its members.
		if !slices.ContainsFunc(cat.Expand(c), func(id string) bool { return f.certs[id] }) {
			return false
		}
	}
	for _, s := range sel.Filters.Skills {
		if !f.skills[scoring.SkillKey(s)] {
			return false
		}
	}
	if len(sel.Locations) > 0 {
		if !slices.ContainsFunc(sel.Locations, func(l string) bool { return scoring.ParseLocationFilter(l).Matches(f.loc) }) {
			return false
		}
	}
	if sel.Text != "" && !slices.ContainsFunc(strings.Fields(strings.ToLower(sel.Text)), func(w string) bool { return f.words[w] }) {
		return false
	}
	return true
}

func (c *corpus) want(sel Selection) []string {
	var out []string
	for _, cand := range c.cands {
		if c.facts[cand.ID].selects(c.sc.Catalog(), sel) {
			out = append(out, cand.ID)
		}
	}
	slices.Sort(out)
	return out
}

func (c *corpus) plan(t *testing.T, r scoring.Role) *scoring.Plan {
	t.Helper()
	p, err := c.sc.Compile(r)
	if err != nil {
		t.Fatalf("Compile(%s): %v", r.ID, err)
	}
	return p
}

// TestForPlanFindsEligible: the role query (through bleve, and through the
// posting bitmaps) misses no candidate the scorer calls eligible.
func TestForPlanFindsEligible(t *testing.T) {
	for _, c := range testCorpora(t) {
		for _, role := range seedRoles(t) {
			t.Run(c.name+"/"+role.ID, func(t *testing.T) {
				plan := c.plan(t, role)
				sel := ForPlan(plan)
				var eligible []string
				for _, cand := range c.cands {
					if plan.Score(cand).Eligible {
						eligible = append(eligible, cand.ID)
					}
				}
				if len(eligible) == 0 && c.name == "generated" {
					t.Fatalf("no generated candidate is eligible for %s: the test proves nothing", role.ID)
				}
				searched, _ := searchAll(t, c.ix, sel, 1000)
				searchedSorted := sorted(searched)
				scanned := scanIDs(t, c.ix, sel)
				for _, id := range eligible {
					if _, ok := slices.BinarySearch(searchedSorted, id); !ok {
						t.Errorf("Search(ForPlan(%s)) misses eligible %s", role.ID, id)
					}
					if _, ok := slices.BinarySearch(scanned, id); !ok {
						t.Errorf("Scan(ForPlan(%s)) misses eligible %s", role.ID, id)
					}
				}
				// Both gate on the same things, so they select the same set.
				if diff := cmp.Diff(searchedSorted, scanned); diff != "" {
					t.Errorf("Search and Scan of ForPlan(%s) differ (-search +scan):\n%s", role.ID, diff)
				}
				t.Logf("%d eligible of %d; the gates select %d", len(eligible), len(c.cands), len(scanned))
			})
		}
	}
}

// TestSelections checks Search and Scan against the in-test reading of
// each selection.
func TestSelections(t *testing.T) {
	tests := []struct {
		name string
		sel  Selection
	}{
		{"everyone", Selection{}},
		{"text", Selection{Text: "kafka"}},
		{"text in capitals", Selection{Text: "KAFKA"}},
		{"text: any of two words", Selection{Text: "scala hadoop"}},
		{"text matching nobody", Selection{Text: "cobol"}},
		{"location", Selection{Filters: Filters{Locations: []string{"Chicago, IL"}}}},
		{"location by city", Selection{Filters: Filters{Locations: []string{"Berlin"}}}},
		{"location with region also matches the bare city", Selection{Filters: Filters{Locations: []string{"Berlin, Germany"}}}},
		{"any of two locations", Selection{Filters: Filters{Locations: []string{"new york, ny", "Tokyo, Japan"}}}},
		{"location remote", Selection{Filters: Filters{Locations: []string{"Remote"}}}},
		{"empty location matches nobody", Selection{Filters: Filters{Locations: []string{""}}}},
		{"text and a location with region", Selection{Text: "java", Filters: Filters{Locations: []string{"Berlin, Germany"}}}},
		{"skill", Selection{Filters: Filters{Skills: []string{"Kafka"}}}},
		{"skill synonym", Selection{Filters: Filters{Skills: []string{"Apache Spark"}}}},
		{"all of two skills", Selection{Filters: Filters{Skills: []string{"Spring Boot", "java"}}}},
		{"certification held", Selection{Filters: Filters{Certifications: []string{"ocpjp"}}}},
		{"certification implied", Selection{Filters: Filters{Certifications: []string{"ocajp"}}}},
		{"certification group: any member", Selection{Filters: Filters{Certifications: []string{"spark-developer"}}}},
		{"certification group and id", Selection{Filters: Filters{Certifications: []string{"spark-developer", "ocajp"}}}},
		{"all of two certifications", Selection{Filters: Filters{Certifications: []string{"spring-professional", "ocpjp"}}}},
		{"required group", Selection{RequiredAnyOf: [][]string{{"hdpcd-spark", "cca175", "databricks-spark-associate"}}}},
		{"years", Selection{MinYears: 7.5}},
		{"text and location", Selection{Text: "kafka", Filters: Filters{Locations: []string{"Chicago, IL"}}}},
		{"text, skill and certification", Selection{Text: "spark", Filters: Filters{Skills: []string{"scala"}, Certifications: []string{"cca175"}}}},
		{"text, group, required skill and years", Selection{Text: "kafka", RequiredAnyOf: [][]string{{"ocpjp"}}, RequiredSkills: []string{"java"}, MinYears: 5}},
		{"every filter", Selection{Text: "java", MinYears: 3, Filters: Filters{Locations: []string{"New York, NY", "Berlin"}, Skills: []string{"java"}, Certifications: []string{"ocajp"}}}},
	}
	for _, c := range testCorpora(t) {
		for _, tc := range tests {
			t.Run(c.name+"/"+tc.name, func(t *testing.T) {
				want := c.want(tc.sel)
				if len(want) == 0 && c.name == "generated" && !strings.Contains(tc.name, "nobody") {
					t.Fatalf("no generated candidate is selected: the case proves nothing")
				}
				got, total := searchAll(t, c.ix, tc.sel, 250)
				if diff := cmp.Diff(want, sorted(got)); diff != "" {
					t.Errorf("Search(%+v) (-want +got):\n%s", tc.sel, diff)
				}
				if total != uint64(len(want)) {
					t.Errorf("Search(%+v).Total = %d, want %d", tc.sel, total, len(want))
				}
				if diff := cmp.Diff(want, scanIDs(t, c.ix, tc.sel)); diff != "" {
					t.Errorf("Scan(%+v) (-want +got):\n%s", tc.sel, diff)
				}
				if tc.sel.Text == "" && !slices.IsSorted(got) {
					t.Errorf("Search(%+v) without text is not in id order", tc.sel)
				}
			})
		}
	}
}

// TestTextSearchKafka is the issue's own check, stated without the
// in-test analyzer: every hit mentions kafka, and everyone who lists Kafka
// as a skill is a hit.
func TestTextSearchKafka(t *testing.T) {
	for _, c := range testCorpora(t) {
		t.Run(c.name, func(t *testing.T) {
			got, _ := searchAll(t, c.ix, Selection{Text: "kafka"}, 100)
			if len(got) == 0 {
				t.Fatal("no hit for kafka")
			}
			hit := map[string]bool{}
			for _, id := range got {
				hit[id] = true
				if !strings.Contains(c.facts[id].text, "kafka") {
					t.Errorf("hit %s mentions no kafka: %q", id, c.facts[id].text)
				}
			}
			for _, cand := range c.cands {
				if slices.ContainsFunc(cand.Skills, func(s string) bool { return strings.Contains(strings.ToLower(s), "kafka") }) && !hit[cand.ID] {
					t.Errorf("%s lists %q, not a hit", cand.ID, cand.Skills)
				}
			}
		})
	}
}

// TestSearchPagination: pages are disjoint, in a deterministic order, and
// together they are the whole result.
func TestSearchPagination(t *testing.T) {
	c := loadCorpus(t, "generated")
	tests := []struct {
		name string
		sel  Selection
		page int
	}{
		{"relevance order", Selection{Text: "java kafka"}, 37},
		{"relevance order, filtered", Selection{Text: "spark", Filters: Filters{Locations: []string{"New York, NY"}}}, 10},
		{"id order", Selection{Filters: Filters{Skills: []string{"java"}}}, 101},
		{"id order, one per page", Selection{Filters: Filters{Certifications: []string{"ocewcd"}}}, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			full, err := c.ix.Search(context.Background(), SearchRequest{Selection: tc.sel, Limit: len(c.cands) + 1})
			if err != nil {
				t.Fatal(err)
			}
			if len(full.IDs) < 3*tc.page {
				t.Fatalf("only %d hits: too few for pages of %d", len(full.IDs), tc.page)
			}
			again, err := c.ix.Search(context.Background(), SearchRequest{Selection: tc.sel, Limit: len(c.cands) + 1})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(full.IDs, again.IDs); diff != "" {
				t.Errorf("the same search twice gives another order (-first +second):\n%s", diff)
			}
			var pages []string
			seen := map[string]int{}
			for off, n := 0, 0; ; off, n = off+tc.page, n+1 {
				res, err := c.ix.Search(context.Background(), SearchRequest{Selection: tc.sel, Offset: off, Limit: tc.page})
				if err != nil {
					t.Fatal(err)
				}
				if res.Total != full.Total {
					t.Errorf("page %d: Total %d, want %d", n, res.Total, full.Total)
				}
				for _, id := range res.IDs {
					if p, dup := seen[id]; dup {
						t.Errorf("%s is on page %d and page %d", id, p, n)
					}
					seen[id] = n
				}
				pages = append(pages, res.IDs...)
				if len(res.IDs) < tc.page {
					break
				}
			}
			if diff := cmp.Diff(full.IDs, pages); diff != "" {
				t.Errorf("pages joined (-one page +pages):\n%s", diff)
			}
		})
	}
}

func TestSearchRejectsNegativePage(t *testing.T) {
	c := loadCorpus(t, "bundled")
	for _, req := range []SearchRequest{{Offset: -1}, {Limit: -1}} {
		if _, err := c.ix.Search(context.Background(), req); err == nil {
			t.Errorf("Search(offset %d, limit %d) succeeded, want an error", req.Offset, req.Limit)
		}
	}
}

// wantFacets counts the facets of the candidates ids from the in-test
// facts.
func (c *corpus) wantFacets(ids []string) Facets {
	certs, skills, locs := map[string]int{}, map[string]int{}, map[string]int{}
	for _, id := range ids {
		f := c.facts[id]
		for k := range f.certs {
			certs[k]++
		}
		for k := range f.skills {
			skills[k]++
		}
		if f.loc != "" {
			locs[f.loc]++
		}
	}
	conv := func(m map[string]int) []FacetCount {
		var out []FacetCount
		for k, n := range m {
			out = append(out, FacetCount{Term: k, Count: n})
		}
		slices.SortFunc(out, func(a, b FacetCount) int {
			if a.Count != b.Count {
				return b.Count - a.Count
			}
			return cmpString(a.Term, b.Term)
		})
		return out
	}
	return Facets{Certifications: conv(certs), Skills: conv(skills), Locations: conv(locs)}
}

func TestFacets(t *testing.T) {
	sels := []struct {
		name string
		sel  Selection
	}{
		{"everyone", Selection{}},
		{"text", Selection{Text: "kafka"}},
		{"filters", Selection{MinYears: 4, Filters: Filters{Locations: []string{"Chicago, IL", "Berlin"}, Skills: []string{"java"}}}},
	}
	ctx := context.Background()
	for _, c := range testCorpora(t) {
		for _, s := range sels {
			t.Run(c.name+"/"+s.name, func(t *testing.T) {
				want := c.wantFacets(c.want(s.sel))
				if len(want.Certifications) == 0 || len(want.Skills) == 0 || len(want.Locations) == 0 {
					t.Fatalf("an empty facet proves nothing: %+v", want)
				}
				res, err := c.ix.Search(ctx, SearchRequest{Selection: s.sel, Limit: 1, Facets: true})
				if err != nil {
					t.Fatal(err)
				}
				if diff := cmp.Diff(want, res.Facets, equateEmpty); diff != "" {
					t.Errorf("Search(%+v).Facets (-want +got):\n%s", s.sel, diff)
				}
				fc := newFacetCounter(c.sc)
				err = c.ix.view(ctx, func(v *view) error {
					set, err := v.resolve(ctx, s.sel)
					if err != nil {
						return err
					}
					return set.each(ctx, func(e *entry) error {
						fc.add(e)
						return nil
					})
				})
				if err != nil {
					t.Fatal(err)
				}
				if diff := cmp.Diff(want, fc.facets(), equateEmpty); diff != "" {
					t.Errorf("FacetCounter over Scan(%+v) (-want +got):\n%s", s.sel, diff)
				}
			})
		}
	}
}

// TestFacetCounterMerge: counting in parts and merging is counting once.
func TestFacetCounterMerge(t *testing.T) {
	c := loadCorpus(t, "generated")
	ctx := context.Background()
	whole := newFacetCounter(c.sc)
	var parts []*facetCounter
	err := c.ix.view(ctx, func(v *view) error {
		s, err := v.resolve(ctx, Selection{})
		if err != nil {
			return err
		}
		for _, part := range s.split(3) {
			fc := newFacetCounter(c.sc)
			parts = append(parts, fc)
			if err := part.each(ctx, func(e *entry) error {
				fc.add(e)
				whole.add(e)
				return nil
			}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	merged := newFacetCounter(c.sc)
	for _, p := range parts {
		merged.merge(p)
	}
	if diff := cmp.Diff(whole.facets(), merged.facets()); diff != "" {
		t.Errorf("merged parts (-whole +merged):\n%s", diff)
	}
	if got := fmt.Sprint(len(parts)); got != "3" {
		t.Errorf("Split(3) gave %s parts", got)
	}
}
