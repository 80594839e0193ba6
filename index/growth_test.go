package index

import (
	"context"
	"os"
	"testing"

	"github.com/blevesearch/bleve/v2/index/scorch"

	"github.com/certmatch/certmatch/internal/gen"
	"github.com/certmatch/certmatch/scoring"
)

// rootSegments is the number of segments bleve's current snapshot holds.
func rootSegments(t testing.TB, ix *Index) uint64 {
	t.Helper()
	adv, err := ix.bl.Advanced()
	if err != nil {
		t.Fatal(err)
	}
	st := adv.(*scorch.Scorch).StatsMap()
	return st["num_root_memorysegments"].(uint64) + st["num_root_filesegments"].(uint64)
}

// TestSingleWritesStayBounded: an in-memory index given one candidate at
// a time must merge its segments (each write leaves one; unmerged, 1,000
// single writes left 1,004 segments, 477 MB of heap and Gets 200x slower),
// and Close removes its temporary folder.
func TestSingleWritesStayBounded(t *testing.T) {
	ctx := context.Background()
	ix, err := Open(ctx, Options{})
	if err != nil {
		t.Fatal(err)
	}
	cands := gen.Candidates(gen.Options{Seed: 1}, 2000)
	put(t, ix, cands)
	const writes = 600
	for i := 0; i < writes; i++ {
		c := cands[i*3]
		c.Summary = "updated"
		put(t, ix, []scoring.Candidate{c})
	}
	if n := rootSegments(t, ix); n > writes/3 {
		t.Errorf("after %d single writes the index holds %d segments; they must be merged", writes, n)
	}
	if got, err := ix.Get(ctx, cands[0].ID); err != nil || got.Summary != "updated" {
		t.Errorf("Get after the writes: %q, %v", got.Summary, err)
	}
	dir := ix.tmpDir
	if dir == "" {
		t.Fatal("an in-memory index has no folder for its segments")
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("Close left %s behind (%v)", dir, err)
	}
}
