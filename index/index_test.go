package index

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/certmatch/certmatch/internal/gen"
	"github.com/certmatch/certmatch/scoring"
)

// fixedNow is the clock of every scorer in these tests, so currency and
// recency do not depend on the day the tests run.
func fixedNow() time.Time { return gen.DefaultNow }

// equateEmpty: the stored JSON omits empty lists ("certifications": []
// comes back absent), so a nil and an empty slice are the same candidate.
var equateEmpty = cmpopts.EquateEmpty()

func newScorer(t testing.TB) *scoring.Scorer {
	t.Helper()
	sc, err := scoring.NewScorer(scoring.Options{Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

// bundled returns the candidates of testdata/candidates.json as written.
func bundled(t testing.TB) []scoring.Candidate {
	t.Helper()
	b, err := os.ReadFile("../testdata/candidates.json")
	if err != nil {
		t.Fatal(err)
	}
	var cs []scoring.Candidate
	if err := json.Unmarshal(b, &cs); err != nil {
		t.Fatal(err)
	}
	if len(cs) == 0 {
		t.Fatal("no bundled candidates")
	}
	return cs
}

// generated returns n generated candidates (seed 1), shared between tests:
// callers must not modify them.
func generated(n int) []scoring.Candidate {
	genMu.Lock()
	defer genMu.Unlock()
	if cs, ok := genCache[n]; ok {
		return cs
	}
	cs := gen.Candidates(gen.Options{Seed: 1}, n)
	genCache[n] = cs
	return cs
}

var (
	genMu    sync.Mutex
	genCache = map[int][]scoring.Candidate{}
)

// seedRoles returns the roles of testdata/roles, sorted by id.
func seedRoles(t testing.TB) []scoring.Role {
	t.Helper()
	paths, err := filepath.Glob("../testdata/roles/*.json")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no seed roles: %v", err)
	}
	var roles []scoring.Role
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		var r scoring.Role
		if err := json.Unmarshal(b, &r); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		roles = append(roles, r)
	}
	slices.SortFunc(roles, func(a, b scoring.Role) int { return cmpString(a.ID, b.ID) })
	return roles
}

func cmpString(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// open opens an index and closes it when the test ends.
func open(t testing.TB, opts Options) *Index {
	t.Helper()
	ix, err := Open(context.Background(), opts)
	if err != nil {
		t.Fatalf("Open(%+v): %v", opts, err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}

// openWith opens an index holding cands.
func openWith(t testing.TB, opts Options, cands []scoring.Candidate) *Index {
	t.Helper()
	ix := open(t, opts)
	put(t, ix, cands)
	return ix
}

func put(t testing.TB, ix *Index, cands []scoring.Candidate) {
	t.Helper()
	n, err := ix.Put(context.Background(), cands)
	if err != nil || n != len(cands) {
		t.Fatalf("Put(%d candidates) = %d, %v", len(cands), n, err)
	}
}

func count(t testing.TB, ix *Index) int {
	t.Helper()
	n, err := ix.Count(context.Background())
	if err != nil {
		t.Fatalf("Count: %v", err)
	}
	return n
}

// ids returns the sorted ids of cands.
func ids(cands []scoring.Candidate) []string {
	out := make([]string, 0, len(cands))
	for _, c := range cands {
		out = append(out, c.ID)
	}
	slices.Sort(out)
	return out
}

// scanIDs returns the sorted ids View.Scan visits for sel.
func scanIDs(t testing.TB, ix *Index, sel Selection) []string {
	t.Helper()
	var out []string
	err := ix.view(context.Background(), func(v *view) error {
		return v.scan(context.Background(), sel, func(id string, _ *scoring.Profile) error {
			out = append(out, id)
			return nil
		})
	})
	if err != nil {
		t.Fatalf("Scan(%+v): %v", sel, err)
	}
	slices.Sort(out)
	return out
}

// allFields lets cmp compare the hidden fields of profiles.
var allFields = cmp.Exporter(func(t reflect.Type) bool { return t.PkgPath() == "github.com/certmatch/certmatch/scoring" })

// scanProfiles returns a copy of every profile Scan visits for sel, by id.
func scanProfiles(t testing.TB, ix *Index, sel Selection) map[string]scoring.Profile {
	t.Helper()
	out := map[string]scoring.Profile{}
	err := ix.view(context.Background(), func(v *view) error {
		return v.scan(context.Background(), sel, func(id string, p *scoring.Profile) error {
			// The index never writes to a stored profile's arena space,
			// so a copy of the value keeps what it held.
			out[id] = *p
			return nil
		})
	})
	if err != nil {
		t.Fatalf("Scan(%+v): %v", sel, err)
	}
	return out
}

// searchAll pages through every hit of sel with pages of size limit and
// returns the ids in result order, and the total Search reported.
func searchAll(t testing.TB, ix *Index, sel Selection, limit int) ([]string, uint64) {
	t.Helper()
	var out []string
	var total uint64
	for off := 0; ; off += limit {
		res, err := ix.Search(context.Background(), SearchRequest{Selection: sel, Offset: off, Limit: limit})
		if err != nil {
			t.Fatalf("Search(%+v, offset %d): %v", sel, off, err)
		}
		total = res.Total
		out = append(out, res.IDs...)
		if len(res.IDs) < limit {
			break
		}
	}
	if uint64(len(out)) != total {
		t.Errorf("Search(%+v): paged %d ids, Total %d", sel, len(out), total)
	}
	return out, total
}

func sorted(xs []string) []string {
	xs = slices.Clone(xs)
	slices.Sort(xs)
	return xs
}

// storages are the two kinds of index every storage test runs on.
func storages(t *testing.T) []struct {
	name string
	opts func() Options
} {
	return []struct {
		name string
		opts func() Options
	}{
		{"memory", func() Options { return Options{} }},
		{"disk", func() Options { return Options{Path: filepath.Join(t.TempDir(), "ix")} }},
	}
}

func TestPutGetRoundTrip(t *testing.T) {
	ctx := context.Background()
	cands := bundled(t)
	for _, st := range storages(t) {
		t.Run(st.name, func(t *testing.T) {
			ix := openWith(t, st.opts(), cands)
			if got := count(t, ix); got != len(cands) {
				t.Errorf("Count = %d, want %d", got, len(cands))
			}
			for _, want := range cands {
				got, err := ix.Get(ctx, want.ID)
				if err != nil {
					t.Errorf("Get(%q): %v", want.ID, err)
					continue
				}
				if diff := cmp.Diff(want, got, equateEmpty); diff != "" {
					t.Errorf("Get(%q) (-put +got):\n%s", want.ID, diff)
				}
			}
		})
	}
}

func TestGetMissing(t *testing.T) {
	ix := openWith(t, Options{Scorer: newScorer(t)}, bundled(t)[:3])
	_, err := ix.Get(context.Background(), "no-such-id")
	if !errors.Is(err, ErrNotFound) {
		t.Errorf("Get(missing) error = %v, want ErrNotFound", err)
	}
}

func TestPutRejectsMissingID(t *testing.T) {
	ix := open(t, Options{})
	_, err := ix.Put(context.Background(), []scoring.Candidate{{ID: "a"}, {Summary: "no id"}})
	if !errors.Is(err, ErrNoID) {
		t.Errorf("Put(candidate without id) error = %v, want ErrNoID", err)
	}
}

func TestPutReplaces(t *testing.T) {
	ctx := context.Background()
	cands := bundled(t)
	// cand-0001 holds OCP 11 and Spring Professional, knows Kafka and lives
	// in Chicago; its replacement holds only Spark, knows only Scala and
	// lives in Tokyo.
	old := cands[0]
	if old.ID != "cand-0001" {
		t.Fatalf("bundled[0] is %q, want cand-0001", old.ID)
	}
	repl := scoring.Candidate{
		ID:              old.ID,
		Location:        "Tokyo, Japan",
		YearsExperience: 1,
		Summary:         "Scala data engineer",
		Skills:          []string{"Scala"},
		Certifications:  []scoring.Credential{{ID: "cca175", Date: scoring.MustDate("2024-02")}},
	}
	// Selections that chose the old candidate and must not choose the new.
	gone := []struct {
		name string
		sel  Selection
	}{
		{"old text", Selection{Text: "kafka"}},
		{"old skill", Selection{Filters: Filters{Skills: []string{"Kafka"}}}},
		{"old cert", Selection{Filters: Filters{Certifications: []string{"ocpjp"}}}},
		{"old implied cert", Selection{Filters: Filters{Certifications: []string{"ocajp"}}}},
		{"old location", Selection{Filters: Filters{Locations: []string{"Chicago, IL"}}}},
		{"old required group", Selection{RequiredAnyOf: [][]string{{"spring-professional"}}}},
		{"old years", Selection{MinYears: 5}},
	}
	// Selections that choose the new candidate.
	now := []struct {
		name string
		sel  Selection
	}{
		{"new text", Selection{Text: "scala"}},
		{"new skill", Selection{Filters: Filters{Skills: []string{"scala"}}}},
		{"new cert", Selection{Filters: Filters{Certifications: []string{"cca175"}}}},
		{"new location", Selection{Filters: Filters{Locations: []string{"Tokyo"}}}},
	}
	for _, st := range storages(t) {
		t.Run(st.name, func(t *testing.T) {
			ix := openWith(t, st.opts(), cands)
			for _, g := range gone {
				if got, _ := searchAll(t, ix, g.sel, 1000); !slices.Contains(got, old.ID) {
					t.Fatalf("%s: before the replacement Search(%+v) misses %s", g.name, g.sel, old.ID)
				}
			}
			put(t, ix, []scoring.Candidate{repl})
			if got := count(t, ix); got != len(cands) {
				t.Errorf("Count after replacing = %d, want %d", got, len(cands))
			}
			got, err := ix.Get(ctx, old.ID)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(repl, got, equateEmpty); diff != "" {
				t.Errorf("Get after replacing (-want +got):\n%s", diff)
			}
			for _, g := range gone {
				if got, _ := searchAll(t, ix, g.sel, 1000); slices.Contains(got, old.ID) {
					t.Errorf("%s: Search(%+v) still finds the replaced %s", g.name, g.sel, old.ID)
				}
				if got := scanIDs(t, ix, g.sel); slices.Contains(got, old.ID) {
					t.Errorf("%s: Scan(%+v) still finds the replaced %s", g.name, g.sel, old.ID)
				}
			}
			for _, n := range now {
				if got, _ := searchAll(t, ix, n.sel, 1000); !slices.Contains(got, old.ID) {
					t.Errorf("%s: Search(%+v) misses the replacement %s", n.name, n.sel, old.ID)
				}
				if got := scanIDs(t, ix, n.sel); !slices.Contains(got, old.ID) {
					t.Errorf("%s: Scan(%+v) misses the replacement %s", n.name, n.sel, old.ID)
				}
			}
		})
	}
}

func TestPutSameIDTwiceInOneCall(t *testing.T) {
	first := scoring.Candidate{ID: "dup", Skills: []string{"Cobol"}, Location: "Oslo, Norway"}
	last := scoring.Candidate{ID: "dup", Skills: []string{"Fortran"}, Location: "Lima, Peru"}
	for _, st := range storages(t) {
		t.Run(st.name, func(t *testing.T) {
			ix := openWith(t, st.opts(), []scoring.Candidate{first, last})
			if got := count(t, ix); got != 1 {
				t.Errorf("Count = %d, want 1", got)
			}
			got, err := ix.Get(context.Background(), "dup")
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(last, got); diff != "" {
				t.Errorf("Get: the last one put wins (-want +got):\n%s", diff)
			}
			for _, tc := range []struct {
				sel  Selection
				want []string
			}{
				{Selection{Filters: Filters{Skills: []string{"cobol"}}}, nil},
				{Selection{Filters: Filters{Locations: []string{"Oslo"}}}, nil},
				{Selection{Filters: Filters{Skills: []string{"fortran"}}}, []string{"dup"}},
				{Selection{Filters: Filters{Locations: []string{"Lima"}}}, []string{"dup"}},
			} {
				searched, _ := searchAll(t, ix, tc.sel, 10)
				if diff := cmp.Diff(tc.want, searched, equateEmpty); diff != "" {
					t.Errorf("Search(%+v) (-want +got):\n%s", tc.sel, diff)
				}
				if diff := cmp.Diff(tc.want, scanIDs(t, ix, tc.sel), equateEmpty); diff != "" {
					t.Errorf("Scan(%+v) (-want +got):\n%s", tc.sel, diff)
				}
			}
		})
	}
}

func TestDelete(t *testing.T) {
	ctx := context.Background()
	cands := bundled(t)
	for _, st := range storages(t) {
		t.Run(st.name, func(t *testing.T) {
			ix := openWith(t, st.opts(), cands)
			del := []string{cands[0].ID, cands[5].ID, "no-such-id"}
			n, err := ix.Delete(ctx, del...)
			if err != nil || n != 2 {
				t.Fatalf("Delete(%q) = %d, %v; want 2, nil (one id was never there)", del, n, err)
			}
			if got, want := count(t, ix), len(cands)-2; got != want {
				t.Errorf("Count after Delete = %d, want %d", got, want)
			}
			for _, id := range del {
				if _, err := ix.Get(ctx, id); !errors.Is(err, ErrNotFound) {
					t.Errorf("Get(%q) after Delete: error %v, want ErrNotFound", id, err)
				}
			}
			want := ids(slices.Concat(cands[1:5], cands[6:]))
			if diff := cmp.Diff(want, scanIDs(t, ix, Selection{})); diff != "" {
				t.Errorf("Scan after Delete (-want +got):\n%s", diff)
			}
			got, _ := searchAll(t, ix, Selection{}, 1000)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("Search after Delete (-want +got):\n%s", diff)
			}
			// Deleting again finds nothing; putting back brings it back.
			if n, err := ix.Delete(ctx, cands[0].ID); err != nil || n != 0 {
				t.Errorf("second Delete = %d, %v; want 0, nil", n, err)
			}
			put(t, ix, cands[:1])
			if got, want := count(t, ix), len(cands)-1; got != want {
				t.Errorf("Count after putting one back = %d, want %d", got, want)
			}
		})
	}
}

func TestReopen(t *testing.T) {
	ctx := context.Background()
	sc := newScorer(t)
	cands := slices.Concat(bundled(t), generated(2000))
	path := filepath.Join(t.TempDir(), "ix")

	ix := openWith(t, Options{Path: path, Scorer: sc, BatchSize: 700}, cands)
	if _, err := ix.Delete(ctx, cands[3].ID); err != nil {
		t.Fatal(err)
	}
	before := scanProfiles(t, ix, Selection{})
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}

	ix = open(t, Options{Path: path, Scorer: sc})
	want := slices.Delete(slices.Clone(cands), 3, 4)
	if got := count(t, ix); got != len(want) {
		t.Errorf("Count after reopen = %d, want %d", got, len(want))
	}
	for _, c := range want {
		got, err := ix.Get(ctx, c.ID)
		if err != nil {
			t.Errorf("Get(%q) after reopen: %v", c.ID, err)
			continue
		}
		if diff := cmp.Diff(c, got, equateEmpty); diff != "" {
			t.Errorf("Get(%q) after reopen (-put +got):\n%s", c.ID, diff)
		}
	}
	if _, err := ix.Get(ctx, cands[3].ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("deleted candidate after reopen: error %v, want ErrNotFound", err)
	}
	// Profiles are rebuilt from the stored candidates with the same scorer,
	// so they equal the ones built when the candidates were put.
	after := scanProfiles(t, ix, Selection{})
	if diff := cmp.Diff(before, after, allFields, equateEmpty); diff != "" {
		t.Errorf("profiles after reopen (-before +after):\n%s", diff)
	}
	var selected int
	err := ix.view(ctx, func(v *view) error {
		s, err := v.resolve(ctx, Selection{})
		selected = s.len()
		return err
	})
	if err != nil || selected != len(want) {
		t.Errorf("Select(all) after reopen = %d, %v; want %d", selected, err, len(want))
	}
}

func TestOpenRefusesOtherMappingVersion(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ix")
	ix := openWith(t, Options{Path: path}, bundled(t)[:2])
	if err := ix.Bleve().SetInternal([]byte(internalMappingKey), []byte("certmatch-0")); err != nil {
		t.Fatal(err)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	ix2, err := Open(context.Background(), Options{Path: path})
	if !errors.Is(err, ErrMappingVersion) {
		if err == nil {
			ix2.Close()
		}
		t.Fatalf("Open(tampered mapping version) error = %v, want ErrMappingVersion", err)
	}
}

func TestSecondOpenFails(t *testing.T) {
	tests := []struct {
		name        string
		lockTimeout time.Duration
	}{
		{"default timeout (1s)", 0},
		{"short timeout", 200 * time.Millisecond},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "ix")
			ix := openWith(t, Options{Path: path}, bundled(t)[:2])

			done := make(chan error, 1)
			go func() {
				ix2, err := Open(context.Background(), Options{Path: path, LockTimeout: tc.lockTimeout})
				if err == nil {
					ix2.Close()
				}
				done <- err
			}()
			select {
			case err := <-done:
				var le *LockedError
				if !errors.Is(err, ErrLocked) || !errors.As(err, &le) || le.Path != filepath.Join(path, "store", "root.bolt") ||
					!strings.Contains(err.Error(), "held by another process") {
					t.Fatalf("second Open of an open index: %v, want ErrLocked naming %s/store/root.bolt", err, path)
				}
			case <-time.After(20 * time.Second):
				t.Fatal("second Open of an open index is still blocked after 20s, want a lock timeout")
			}
			// The first index is unharmed.
			if got := count(t, ix); got != 2 {
				t.Errorf("Count of the first index = %d, want 2", got)
			}
			put(t, ix, bundled(t)[2:3])
			if _, err := ix.Get(context.Background(), bundled(t)[2].ID); err != nil {
				t.Errorf("Get on the first index: %v", err)
			}
		})
	}
}

func TestClose(t *testing.T) {
	ctx := context.Background()
	cands := bundled(t)
	calls := []struct {
		name string
		call func(ix *Index) error
	}{
		{"Put", func(ix *Index) error { _, err := ix.Put(ctx, cands[:1]); return err }},
		{"Get", func(ix *Index) error { _, err := ix.Get(ctx, cands[0].ID); return err }},
		{"Delete", func(ix *Index) error { _, err := ix.Delete(ctx, cands[0].ID); return err }},
		{"Count", func(ix *Index) error { _, err := ix.Count(ctx); return err }},
		{"Search", func(ix *Index) error { _, err := ix.Search(ctx, SearchRequest{}); return err }},
		{"Rank", func(ix *Index) error {
			plan, err := ix.scorer.Compile(scoring.Role{ID: "any"})
			if err != nil {
				return err
			}
			_, err = ix.Rank(ctx, plan, RankRequest{Limit: 1})
			return err
		}},
	}
	for _, st := range storages(t) {
		t.Run(st.name, func(t *testing.T) {
			ix := openWith(t, st.opts(), cands)
			if err := ix.Close(); err != nil {
				t.Fatalf("Close: %v", err)
			}
			if err := ix.Close(); err != nil {
				t.Errorf("second Close: %v, want nil", err)
			}
			for _, c := range calls {
				if err := c.call(ix); !errors.Is(err, ErrClosed) {
					t.Errorf("%s after Close: error %v, want ErrClosed", c.name, err)
				}
			}
		})
	}
}

func TestOpenOptions(t *testing.T) {
	if _, err := Open(context.Background(), Options{BatchSize: -1}); err == nil {
		t.Error("Open(BatchSize -1) succeeded, want an error")
	}
	ix := open(t, Options{})
	if got := ix.BatchSize(); got != DefaultBatchSize {
		t.Errorf("BatchSize() of the zero Options = %d, want DefaultBatchSize %d", got, DefaultBatchSize)
	}
}

// TestConcurrent runs writers and readers together; under -race it proves
// the locking, and each View checks that the ranking structure is
// consistent with itself.
func TestConcurrent(t *testing.T) {
	ctx := context.Background()
	sc := newScorer(t)
	base := bundled(t)
	ix := openWith(t, Options{Scorer: sc, BatchSize: 50}, base)
	// Writers churn generated candidates; the bundled ones are never
	// touched, so readers can check them exactly.
	churn := generated(600)
	roles := seedRoles(t)
	plans := make([]*scoring.Plan, len(roles))
	for i, r := range roles {
		p, err := sc.Compile(r)
		if err != nil {
			t.Fatal(err)
		}
		plans[i] = p
	}

	deadline := time.Now().Add(1500 * time.Millisecond)
	var ops atomic.Int64
	var wg sync.WaitGroup
	errc := make(chan error, 16)
	worker := func(name string, seed uint64, op func(r *rand.Rand) error) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := rand.New(rand.NewPCG(seed, 1))
			for time.Now().Before(deadline) {
				if err := op(r); err != nil {
					errc <- fmt.Errorf("%s: %w", name, err)
					return
				}
				ops.Add(1)
			}
		}()
	}
	worker("put", 1, func(r *rand.Rand) error {
		i := r.IntN(len(churn) - 100)
		_, err := ix.Put(ctx, churn[i:i+100])
		return err
	})
	worker("delete", 2, func(r *rand.Rand) error {
		var del []string
		for range 20 {
			del = append(del, churn[r.IntN(len(churn))].ID)
		}
		_, err := ix.Delete(ctx, del...)
		return err
	})
	worker("get", 3, func(r *rand.Rand) error {
		want := base[r.IntN(len(base))]
		got, err := ix.Get(ctx, want.ID)
		if err != nil {
			return err
		}
		if diff := cmp.Diff(want, got, equateEmpty); diff != "" {
			return fmt.Errorf("Get(%q) (-want +got):\n%s", want.ID, diff)
		}
		// A churned id is there or not; either answer is fine, an error
		// other than ErrNotFound is not.
		if _, err := ix.Get(ctx, churn[r.IntN(len(churn))].ID); err != nil && !errors.Is(err, ErrNotFound) {
			return err
		}
		return nil
	})
	worker("search", 4, func(r *rand.Rand) error {
		p := plans[r.IntN(len(plans))]
		_, err := ix.Search(ctx, SearchRequest{Selection: ForPlan(p), Limit: 20, Facets: r.IntN(2) == 0})
		if err != nil {
			return err
		}
		_, err = ix.Search(ctx, SearchRequest{Selection: Selection{Text: "kafka spark"}, Limit: 20})
		return err
	})
	worker("view", 5, func(r *rand.Rand) error {
		return ix.view(ctx, func(v *view) error {
			n := 0
			err := v.scan(ctx, Selection{}, func(id string, p *scoring.Profile) error {
				n++
				return nil
			})
			if err != nil {
				return err
			}
			if n != v.count() {
				return fmt.Errorf("Scan(all) visited %d, Count %d in the same view", n, v.count())
			}
			p := plans[r.IntN(len(plans))]
			return v.scan(ctx, ForPlan(p), func(id string, pr *scoring.Profile) error {
				p.Points(pr)
				return nil
			})
		})
	})
	wg.Wait()
	close(errc)
	for err := range errc {
		t.Error(err)
	}
	t.Logf("%d operations", ops.Load())

	// Afterwards the index agrees with itself and with bleve.
	all, _ := searchAll(t, ix, Selection{}, 1000)
	if diff := cmp.Diff(all, scanIDs(t, ix, Selection{})); diff != "" {
		t.Errorf("after the churn, Search(all) and Scan(all) differ (-search +scan):\n%s", diff)
	}
	if got := count(t, ix); got != len(all) {
		t.Errorf("after the churn, Count = %d, Search finds %d", got, len(all))
	}
}
