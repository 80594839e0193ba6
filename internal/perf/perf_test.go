package perf

import (
	"context"
	"math/bits"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/google/go-cmp/cmp"

	"github.com/certmatch/certmatch/index"
	"github.com/certmatch/certmatch/internal/cputime"
	"github.com/certmatch/certmatch/internal/gen"
	"github.com/certmatch/certmatch/match"
	"github.com/certmatch/certmatch/match/input"
	"github.com/certmatch/certmatch/scoring"
)

var now = func() time.Time { return gen.DefaultNow }

// corpus is an engine loaded with n generated candidates, and the compact
// records of the brute-force baseline.
type corpus struct {
	eng     *match.Engine
	compact *compactSet
}

var (
	corpora   = map[int]*corpus{}
	corporaMu sync.Mutex
)

func load(b testing.TB, n int) *corpus {
	corporaMu.Lock()
	defer corporaMu.Unlock()
	if c, ok := corpora[n]; ok {
		return c
	}
	ctx := context.Background()
	// A million candidates go to a temporary on-disk index, as a deployment
	// of that size would keep them; fewer stay in memory.
	path := ""
	if n >= 1_000_000 {
		dir, err := os.MkdirTemp("", "certmatch-1m-")
		if err != nil {
			b.Fatal(err)
		}
		path = dir + "/ix"
	}
	eng, err := match.Open(ctx, match.Options{Now: now, Path: path})
	if err != nil {
		b.Fatal(err)
	}
	const chunk = 10000
	c := &corpus{eng: eng, compact: newCompactSet(eng.Scorer())}
	// The exactness test scores the kept candidates one by one; a
	// million are not kept.
	c.compact.keep = n <= 100_000
	for start := 0; start < n; start += chunk {
		cs := gen.Candidates(gen.Options{Seed: 1, Start: start}, min(chunk, n-start))
		if _, err := eng.Add(ctx, cs...); err != nil {
			b.Fatal(err)
		}
		for i := range cs {
			c.compact.add(&cs[i])
		}
	}
	// Let scorch finish merging (in memory too: the index keeps scorch in
	// a temporary folder, which merges), so background merges neither
	// slow nor favour either side of a comparison.
	if err := eng.Index().Compact(ctx); err != nil {
		b.Fatal(err)
	}
	corpora[n] = c
	return c
}

func seedRoles(b testing.TB) []scoring.Role {
	paths, err := filepath.Glob("../../testdata/roles/*.json")
	if err != nil || len(paths) == 0 {
		b.Fatalf("no roles: %v", err)
	}
	var roles []scoring.Role
	for _, p := range paths {
		r, err := input.LoadRoleFile(p, scoring.DefaultCatalog())
		if err != nil {
			b.Fatal(err)
		}
		roles = append(roles, r)
	}
	return roles
}

// benchRoles are the seed roles plus roles of two shapes bleve answers
// cheaply: simple ones (one required certification group, one or two
// preferences, a required skill) and broad ones (one preferred group
// only, so every candidate is eligible).
func benchRoles(b testing.TB) []scoring.Role {
	req := func(ids ...string) scoring.Requirement { return scoring.Requirement{AnyOf: ids} }
	return append(seedRoles(b),
		scoring.Role{ID: "simple-java", Required: []scoring.Requirement{req("ocpjp")},
			Preferred: []scoring.Requirement{req("spring-professional")}, RequiredSkills: []string{"java"}},
		scoring.Role{ID: "simple-spark", Required: []scoring.Requirement{req("spark-developer")},
			Preferred: []scoring.Requirement{req("ocpjp"), req("databricks-spark-associate")}, RequiredSkills: []string{"python"}},
		scoring.Role{ID: "broad-ocpjp", Preferred: []scoring.Requirement{req("ocpjp")}},
		scoring.Role{ID: "broad-spring", Preferred: []scoring.Requirement{req("spring-professional")}},
	)
}

// rawRoleQuery is the bleve query a bleve user would write for a role: a
// must clause per required group and the years range, should clauses for
// preferred certifications and every skill, scored by bleve, top 20.
func rawRoleQuery(cat *scoring.Catalog, r scoring.Role) *bleve.SearchRequest {
	term := func(field, v string) query.Query {
		t := query.NewTermQuery(v)
		t.SetField(field)
		return t
	}
	var must, should []query.Query
	for _, q := range r.Required {
		var any []query.Query
		for _, id := range q.AnyOf {
			for _, m := range cat.Expand(id) {
				any = append(any, term(index.FieldCerts, m))
			}
		}
		must = append(must, query.NewDisjunctionQuery(any))
	}
	if r.MinYears > 0 {
		lo, incl := r.MinYears, true
		y := query.NewNumericRangeInclusiveQuery(&lo, nil, &incl, nil)
		y.SetField(index.FieldYears)
		must = append(must, y)
	}
	for _, q := range r.Preferred {
		for _, id := range q.AnyOf {
			for _, m := range cat.Expand(id) {
				should = append(should, term(index.FieldCerts, m))
			}
		}
	}
	for _, s := range append(slices.Clone(r.RequiredSkills), r.PreferredSkills...) {
		should = append(should, term(index.FieldSkills, scoring.SkillKey(s)))
	}
	return bleve.NewSearchRequestOptions(query.NewBooleanQuery(must, should, nil), 20, 0, false)
}

func rawTextQuery(text string) *bleve.SearchRequest {
	var any []query.Query
	for _, f := range []string{index.FieldSummary, index.FieldSkillsText} {
		m := query.NewMatchQuery(text)
		m.SetField(f)
		any = append(any, m)
	}
	return bleve.NewSearchRequestOptions(query.NewDisjunctionQuery(any), 20, 0, false)
}

const freeText = "kafka microservices"

// selected is the number of candidates the role's gates leave to score
// (those who can be eligible), counted over the compact records: a
// certification of every required group, held or implied, and every
// required skill.
func selected(b *testing.B, c *corpus, role scoring.Role) int {
	plan, err := c.eng.Scorer().Compile(role)
	if err != nil {
		b.Fatal(err)
	}
	var groups []uint64
	for _, g := range plan.RequiredAnyOf() {
		var m uint64
		for _, id := range g {
			m |= 1 << c.compact.certIx[id]
		}
		groups = append(groups, m)
	}
	var skills [4]uint64
	for _, k := range plan.RequiredSkillKeys() {
		ix, ok := c.compact.skIx[k]
		if !ok {
			return 0 // a skill no candidate has
		}
		skills[ix/64] |= 1 << (ix % 64)
	}
	n := 0
next:
	for i, cm := range c.compact.certs {
		for _, m := range groups {
			if cm&m == 0 {
				continue next
			}
		}
		for w, m := range skills {
			if c.compact.skills[i][w]&m != m {
				continue next
			}
		}
		n++
	}
	return n
}

func benchRank(b *testing.B, n int) {
	c := load(b, n)
	ctx := context.Background()
	cat := c.eng.Scorer().Catalog()
	for _, role := range benchRoles(b) {
		b.Run("role="+role.ID+"/certmatch", func(b *testing.B) {
			b.ReportAllocs()
			defer reportCPU(b, cputime.Used())
			for i := 0; i < b.N; i++ {
				r, err := c.eng.Rank(ctx, role, match.RankOptions{Top: 20})
				if err != nil {
					b.Fatal(err)
				}
				if i == 0 {
					b.ReportMetric(float64(r.Eligible), "eligible")
					b.ReportMetric(float64(selected(b, c, role)), "selected")
				}
			}
		})
		b.Run("role="+role.ID+"/bleve", func(b *testing.B) {
			req := rawRoleQuery(cat, role)
			b.ReportAllocs()
			defer reportCPU(b, cputime.Used())
			for i := 0; i < b.N; i++ {
				if _, err := c.eng.Index().Bleve().Search(req); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("role="+role.ID+"/scan", func(b *testing.B) {
			cr := c.compact.compile(cat, role)
			b.ReportAllocs()
			defer reportCPU(b, cputime.Used())
			for i := 0; i < b.N; i++ {
				c.compact.top(cr, 20)
			}
		})
	}
	// Pages that reach the ineligible candidates, who rank nearest to
	// eligible first: a deep page with them included, and the ranking of
	// the ineligible alone (who could be trained up for the role).
	for _, r := range benchRoles(b) {
		if r.ID != "java-web" && r.ID != "big-data" && r.ID != "simple-java" {
			continue
		}
		for _, p := range []struct {
			name string
			opts match.RankOptions
		}{
			{"deep", match.RankOptions{Top: 20, Offset: 1000, IncludeIneligible: true}},
			{"ineligible-only", match.RankOptions{Top: 20, IneligibleOnly: true}},
		} {
			b.Run("role="+r.ID+"/"+p.name+"/certmatch", func(b *testing.B) {
				b.ReportAllocs()
				defer reportCPU(b, cputime.Used())
				for i := 0; i < b.N; i++ {
					if _, err := c.eng.Rank(ctx, r, p.opts); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
	role := seedRoles(b)[0]
	b.Run("text/certmatch", func(b *testing.B) {
		b.ReportAllocs()
		defer reportCPU(b, cputime.Used())
		for i := 0; i < b.N; i++ {
			if _, err := c.eng.Rank(ctx, role, match.RankOptions{Top: 20, Query: freeText}); err != nil {
				b.Fatal(err)
			}
		}
	})
	// Free text with roles whose gates leave most candidates: the text is
	// the selective side.
	for _, r := range benchRoles(b) {
		if !strings.HasPrefix(r.ID, "broad-") && r.ID != "simple-java" {
			continue
		}
		b.Run("text/role="+r.ID+"/certmatch", func(b *testing.B) {
			b.ReportAllocs()
			defer reportCPU(b, cputime.Used())
			for i := 0; i < b.N; i++ {
				if _, err := c.eng.Rank(ctx, r, match.RankOptions{Top: 20, Query: freeText}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	b.Run("text/bleve", func(b *testing.B) {
		req := rawTextQuery(freeText)
		b.ReportAllocs()
		defer reportCPU(b, cputime.Used())
		for i := 0; i < b.N; i++ {
			if _, err := c.eng.Index().Bleve().Search(req); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// reportCPU reports the process's CPU time per op since start beside
// the wall time: on a machine shared with other work, wall time includes
// waiting for a core, CPU time is the work the benchmark did (its own
// goroutines, and the garbage collector's and bleve's background work
// while it ran).
func reportCPU(b *testing.B, start time.Duration) {
	if d := cputime.Used() - start; d > 0 && b.N > 0 {
		b.ReportMetric(float64(d.Nanoseconds())/float64(b.N), "cpu-ns/op")
	}
}

func BenchmarkRank10k(b *testing.B)  { benchRank(b, 10_000) }
func BenchmarkRank100k(b *testing.B) { benchRank(b, 100_000) }

func BenchmarkRank1M(b *testing.B) {
	if os.Getenv("CERTMATCH_BENCH_1M") == "" {
		b.Skip("set CERTMATCH_BENCH_1M=1 to run the 1M benchmark")
	}
	benchRank(b, 1_000_000)
}

// compactSet is the brute-force baseline: every candidate as a bitset of
// certification ids (held and implied), a bitset of interned skills and
// the years, scanned in full with a bounded top list. It keeps the
// candidates too, for the exactness test.
type compactSet struct {
	sc     *scoring.Scorer
	keep   bool
	cands  []scoring.Candidate
	ids    []string
	certs  []uint64
	skills [][4]uint64
	years  []float32
	certIx map[string]int
	skIx   map[string]int
}

func newCompactSet(sc *scoring.Scorer) *compactSet {
	s := &compactSet{sc: sc, certIx: map[string]int{}, skIx: map[string]int{}}
	i := 0
	for e := range sc.Catalog().Certs() {
		s.certIx[e.ID] = i
		i++
	}
	return s
}

// add adds one candidate, from the profile the scorer builds for it.
func (s *compactSet) add(c *scoring.Candidate) {
	cat := s.sc.Catalog()
	p := s.sc.Profile(c)
	var cm uint64
	for h := range p.Certs() {
		cm |= 1 << s.certIx[h.ID]
		for im := range cat.Implies(h.ID) {
			cm |= 1 << s.certIx[im.ID]
		}
	}
	var sm [4]uint64
	for id := range p.Skills() {
		k := s.sc.Vocab().Key(id)
		ix, ok := s.skIx[k]
		if !ok {
			ix = len(s.skIx) % 256
			s.skIx[k] = ix
		}
		sm[ix/64] |= 1 << (ix % 64)
	}
	if s.keep {
		s.cands = append(s.cands, *c)
	}
	s.ids = append(s.ids, c.ID)
	s.certs = append(s.certs, cm)
	s.skills = append(s.skills, sm)
	s.years = append(s.years, float32(p.Years()))
}

type compactRole struct {
	req, pref []uint64
	skills    [4]uint64
	minYears  float32
}

func (s *compactSet) compile(cat *scoring.Catalog, r scoring.Role) compactRole {
	var cr compactRole
	mask := func(q scoring.Requirement) uint64 {
		var m uint64
		for _, id := range q.AnyOf {
			for _, x := range cat.Expand(id) {
				m |= 1 << s.certIx[x]
			}
		}
		return m
	}
	for _, q := range r.Required {
		cr.req = append(cr.req, mask(q))
	}
	for _, q := range r.Preferred {
		cr.pref = append(cr.pref, mask(q))
	}
	for _, sk := range append(slices.Clone(r.RequiredSkills), r.PreferredSkills...) {
		if ix, ok := s.skIx[scoring.SkillKey(sk)]; ok {
			cr.skills[ix/64] |= 1 << (ix % 64)
		}
	}
	cr.minYears = float32(r.MinYears)
	return cr
}

type scored struct {
	i     int
	score float32
}

func (s *compactSet) top(cr compactRole, k int) []scored {
	out := make([]scored, 0, k+1)
	for i, cm := range s.certs {
		if s.years[i] < cr.minYears {
			continue
		}
		ok := true
		for _, m := range cr.req {
			if cm&m == 0 {
				ok = false
				break
			}
		}
		if !ok {
			continue
		}
		score := float32(0)
		for _, m := range cr.pref {
			if cm&m != 0 {
				score += 1
			}
		}
		sm := s.skills[i]
		for w := range sm {
			score += float32(bits.OnesCount64(sm[w]&cr.skills[w])) * 0.5
		}
		score += s.years[i] / (s.years[i] + 5)
		if len(out) == k && score <= out[k-1].score {
			continue
		}
		j := sort.Search(len(out), func(j int) bool { return out[j].score < score })
		out = slices.Insert(out, j, scored{i, score})
		if len(out) > k {
			out = out[:k]
		}
	}
	return out
}

// The engine's ranking equals scoring every candidate one by one: checked
// here over the benchmark corpus too, so a benchmark never measures a
// wrong answer.
func TestRankMatchesScorerOnBenchCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("loads 10k candidates")
	}
	c := load(t, 10_000)
	ctx := context.Background()
	for _, role := range benchRoles(t) {
		plan, err := c.eng.Scorer().Compile(role)
		if err != nil {
			t.Fatal(err)
		}
		type row struct {
			id    string
			score float64
		}
		var want []row
		for _, cand := range c.compact.cands {
			if r := plan.Score(cand); r.Eligible {
				want = append(want, row{cand.ID, r.Score})
			}
		}
		sort.Slice(want, func(i, j int) bool {
			if want[i].score != want[j].score {
				return want[i].score > want[j].score
			}
			return want[i].id < want[j].id
		})
		got, err := c.eng.Rank(ctx, role, match.RankOptions{Top: 20})
		if err != nil {
			t.Fatal(err)
		}
		if got.Eligible != len(want) {
			t.Errorf("%s: %d eligible, scorer says %d", role.ID, got.Eligible, len(want))
		}
		for i, r := range got.Results {
			if i >= len(want) || r.CandidateID != want[i].id || r.Score != want[i].score {
				t.Errorf("%s: rank %d = %s %.2f, scorer says %v", role.ID, i+1, r.CandidateID, r.Score, want[min(i, len(want)-1)])
			}
		}
		// The pages the benchmarks measure that reach the ineligible.
		var all []scoring.Order
		for _, cand := range c.compact.cands {
			r := plan.Score(cand)
			all = append(all, r.CandidateOrder())
		}
		slices.SortFunc(all, scoring.Order.Compare)
		ineligible := all[len(want):]
		for _, p := range []struct {
			opts match.RankOptions
			want []scoring.Order
		}{
			{match.RankOptions{Top: 20, Offset: 1000, IncludeIneligible: true}, all[min(1000, len(all)):min(1020, len(all))]},
			{match.RankOptions{Top: 20, IneligibleOnly: true}, ineligible[:min(20, len(ineligible))]},
		} {
			got, err := c.eng.Rank(ctx, role, p.opts)
			if err != nil {
				t.Fatal(err)
			}
			keys := []scoring.Order{}
			for _, r := range got.Results {
				keys = append(keys, r.CandidateOrder())
			}
			if diff := cmp.Diff(p.want, keys); diff != "" {
				t.Errorf("%s, %+v: page (-scorer +rank):\n%s", role.ID, p.opts, diff)
			}
		}
	}
}
