package index

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/certmatch/certmatch/scoring"
)

// changedScorer is a scorer whose catalog adds one skill synonym, so its
// fingerprint differs from the built-in catalog's.
func changedScorer(t testing.TB) *scoring.Scorer {
	t.Helper()
	cat, err := scoring.DefaultCatalog().Extend(strings.NewReader(`{"skills": [{"key": "kubernetes", "spellings": ["kube"]}]}`))
	if err != nil {
		t.Fatal(err)
	}
	sc, err := scoring.NewScorer(scoring.Options{Catalog: cat, Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

func TestFingerprint(t *testing.T) {
	base, changed := newScorer(t).Catalog(), changedScorer(t).Catalog()
	if Fingerprint(base) == Fingerprint(changed) {
		t.Error("a catalog with another skill synonym has the same index fingerprint")
	}
	if Fingerprint(base) != Fingerprint(scoring.DefaultCatalog()) {
		t.Error("the same catalog gives two fingerprints")
	}
	if Fingerprint(base) == base.Fingerprint() {
		t.Error("the index fingerprint ignores the mapping version")
	}
}

func TestStaleIndex(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "ix")
	ix, err := Open(ctx, Options{Path: dir, Scorer: newScorer(t)})
	if err != nil {
		t.Fatal(err)
	}
	cands := bundled(t)[:5]
	if _, err := ix.Put(ctx, cands); err != nil {
		t.Fatal(err)
	}
	ix.Close()

	// The same catalog: current, whatever RefuseStale says.
	ix, err = Open(ctx, Options{Path: dir, Scorer: newScorer(t), RefuseStale: true})
	if err != nil {
		t.Fatalf("reopen with the catalog it was written with: %v", err)
	}
	ix.Close()

	// Another catalog, refused.
	_, err = Open(ctx, Options{Path: dir, Scorer: changedScorer(t), RefuseStale: true})
	var se *StaleError
	if !errors.Is(err, ErrStale) || !errors.As(err, &se) || se.Path != dir || !strings.Contains(err.Error(), "reindex") {
		t.Fatalf("Open(RefuseStale) under another catalog = %v, want a *StaleError naming the path and the remedy", err)
	}

	// An index written before fingerprints were kept is stale too.
	ix, err = Open(ctx, Options{Path: dir, Scorer: newScorer(t)})
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.bl.DeleteInternal([]byte(internalFingerprintKey)); err != nil {
		t.Fatal(err)
	}
	ix.Close()
	_, err = Open(ctx, Options{Path: dir, Scorer: newScorer(t), RefuseStale: true})
	if !errors.As(err, &se) || se.Stored != "" {
		t.Fatalf("Open(RefuseStale) of an index without a fingerprint = %v, want a *StaleError with no stored fingerprint", err)
	}
	var seen []ReindexProgress
	ix, err = Open(ctx, Options{Path: dir, Scorer: newScorer(t), BatchSize: 2, ReindexProgress: func(p ReindexProgress) { seen = append(seen, p) }})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if len(seen) != 3 || seen[2] != (ReindexProgress{Done: 5, Total: 5}) {
		t.Errorf("reindex progress of 5 candidates in batches of 2 = %v, want 3 reports ending 5 of 5", seen)
	}
	for _, c := range cands {
		got, err := ix.Get(ctx, c.ID)
		if err != nil || got.ID != c.ID {
			t.Errorf("Get(%s) after reindex = %v, %v", c.ID, got.ID, err)
		}
	}
	if n, _ := ix.Count(ctx); n != len(cands) {
		t.Errorf("Count after reindex = %d, want %d", n, len(cands))
	}
}

// A write that lands while a reindex runs is never overwritten by the
// record the reindex read before it.
func TestReindexKeepsConcurrentWrites(t *testing.T) {
	ctx := context.Background()
	ix, err := Open(ctx, Options{Scorer: newScorer(t), BatchSize: 50})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	cands := generated(2000)
	if _, err := ix.Put(ctx, cands); err != nil {
		t.Fatal(err)
	}
	updated := cands[len(cands)-1]
	updated.Summary = "updated while reindexing"
	var wg sync.WaitGroup
	wg.Add(2)
	var reErr, putErr error
	go func() { defer wg.Done(); _, reErr = ix.Reindex(ctx) }()
	go func() { defer wg.Done(); _, putErr = ix.Put(ctx, []scoring.Candidate{updated}) }()
	wg.Wait()
	if reErr != nil || putErr != nil {
		t.Fatalf("Reindex: %v; Put: %v", reErr, putErr)
	}
	got, err := ix.Get(ctx, updated.ID)
	if err != nil || got.Summary != updated.Summary {
		t.Errorf("Get(%s).Summary = %q (%v), want the concurrent update", updated.ID, got.Summary, err)
	}
	res, err := ix.Search(ctx, SearchRequest{Selection: Selection{Text: "reindexing"}})
	if err != nil || len(res.IDs) != 1 || res.IDs[0] != updated.ID {
		t.Errorf("Search(reindexing) = %v, %v; want %s", res.IDs, err, updated.ID)
	}
}

func TestReindexClosed(t *testing.T) {
	ix, err := Open(context.Background(), Options{Scorer: newScorer(t)})
	if err != nil {
		t.Fatal(err)
	}
	ix.Close()
	if _, err := ix.Reindex(context.Background()); !errors.Is(err, ErrClosed) {
		t.Errorf("Reindex after Close = %v, want ErrClosed", err)
	}
}

func TestReindexCancelled(t *testing.T) {
	ix, err := Open(context.Background(), Options{Scorer: newScorer(t), BatchSize: 10})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if _, err := ix.Put(context.Background(), generated(100)); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if n, err := ix.Reindex(ctx); !errors.Is(err, context.Canceled) || n != 0 {
		t.Errorf("Reindex with a cancelled ctx = %d, %v; want 0, context.Canceled", n, err)
	}
	if n, _ := ix.Count(context.Background()); n != 100 {
		t.Errorf("Count after a cancelled reindex = %d, want 100", n)
	}
}
