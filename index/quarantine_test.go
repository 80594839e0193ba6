package index

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/certmatch/certmatch/scoring"
)

// TestReopenQuarantinesUnreadableRecords writes, behind the index's back,
// records it cannot read back (a month 13 as an older version accepted it,
// JSON that does not decode, an invalid id): reopening sets them aside,
// reported with their bytes, instead of failing; the rest ranks, and a put
// of the same id repairs it.
func TestReopenQuarantinesUnreadableRecords(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "ix")
	ix := openWith(t, Options{Path: path}, bundled(t)[:3])
	bad := map[string]string{
		"month13": `{"id":"month13","certifications":[{"id":"ocpjp","version":"11","date":"2021-13"}]}`,
		"broken":  `{"id":"broken","skills":["Java"`,
		"nan":     `{"id":"nan","years_experience":-5}`,
	}
	for id, raw := range bad {
		if err := ix.Bleve().Index(id, doc{Raw: raw, Summary: "java"}); err != nil {
			t.Fatal(err)
		}
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}

	ix, err := Open(ctx, Options{Path: path})
	if err != nil {
		t.Fatalf("reopen with unreadable records: %v, want them quarantined", err)
	}
	defer ix.Close()
	got := map[string]string{}
	for _, q := range ix.Quarantined() {
		got[q.ID] = string(q.Raw)
		if q.Err == nil {
			t.Errorf("%s quarantined without a reason", q.ID)
		}
	}
	if diff := cmp.Diff(bad, got); diff != "" {
		t.Errorf("quarantined records (-want +got):\n%s", diff)
	}
	if n := count(t, ix); n != 3 {
		t.Errorf("Count = %d, want the 3 readable candidates", n)
	}
	if _, err := ix.Get(ctx, "month13"); !errors.Is(err, ErrQuarantined) {
		t.Errorf("Get of a quarantined record: %v, want ErrQuarantined", err)
	}
	for _, c := range bundled(t)[:3] {
		if _, err := ix.Get(ctx, c.ID); err != nil {
			t.Errorf("Get(%s): %v", c.ID, err)
		}
	}
	res, err := ix.Search(ctx, SearchRequest{Selection: Selection{Text: "java"}, Limit: 100})
	if err != nil {
		t.Fatalf("text search over quarantined records: %v", err)
	}
	for _, h := range res.IDs {
		if _, ok := bad[h]; ok {
			t.Errorf("search returned the quarantined %s", h)
		}
	}

	// A put repairs one, a delete removes another.
	fixed := bundled(t)[0]
	fixed.ID = "month13"
	put(t, ix, []scoring.Candidate{fixed})
	if n, err := ix.Delete(ctx, "broken"); err != nil || n != 1 {
		t.Errorf("Delete of a quarantined record = %d, %v; want 1", n, err)
	}
	var left []string
	for _, q := range ix.Quarantined() {
		left = append(left, q.ID)
	}
	if diff := cmp.Diff([]string{"nan"}, left); diff != "" {
		t.Errorf("quarantined after repair (-want +got):\n%s", diff)
	}
	if _, err := ix.Get(ctx, "month13"); err != nil {
		t.Errorf("Get of the repaired record: %v", err)
	}
}

// TestStaleReopenQuarantinesToo: an index reopened under another catalog
// is re-derived at open; an unreadable record is set aside there as well,
// and a read-only open of a stale index is refused, since it cannot be
// re-derived without writing.
func TestStaleReopenQuarantinesToo(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "ix")
	ix := openWith(t, Options{Path: path, Scorer: newScorer(t)}, bundled(t)[:3])
	if err := ix.Bleve().Index("month13", doc{Raw: `{"id":"month13","certifications":[{"id":"ocpjp","date":"2021-13"}]}`}); err != nil {
		t.Fatal(err)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	var se *StaleError
	if _, err := Open(ctx, Options{Path: path, Scorer: changedScorer(t), ReadOnly: true}); !errors.As(err, &se) {
		t.Errorf("read-only open of a stale index: %v, want a *StaleError", err)
	}
	ix, err := Open(ctx, Options{Path: path, Scorer: changedScorer(t)})
	if err != nil {
		t.Fatalf("stale reopen with an unreadable record: %v, want it quarantined", err)
	}
	defer ix.Close()
	if q := ix.Quarantined(); len(q) != 1 || q[0].ID != "month13" {
		t.Errorf("Quarantined = %+v, want month13", q)
	}
	if n := count(t, ix); n != 3 {
		t.Errorf("Count = %d, want 3", n)
	}
}
