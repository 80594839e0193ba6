package index

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/google/go-cmp/cmp"

	"github.com/certmatch/certmatch/scoring"
)

// marked is a candidate whose summary holds a word no other candidate's
// does, so a text query finds it alone.
func marked(id string) scoring.Candidate {
	return scoring.Candidate{ID: id, Summary: "mark" + id + " java developer", Skills: []string{"Java"}}
}

// searchText returns the ids Search finds for text, sorted.
func searchText(t testing.TB, ix *Index, text string) ([]string, error) {
	t.Helper()
	res, err := ix.Search(context.Background(), SearchRequest{Selection: Selection{Text: text}, Limit: 100})
	if err != nil {
		return nil, err
	}
	return sorted(res.IDs), nil
}

// countBatches replaces the writer's bleve call with one that counts the
// batches and operations applied, then applies them.
func countBatches(ix *Index) (batches, ops *atomic.Int64) {
	batches, ops = new(atomic.Int64), new(atomic.Int64)
	ix.w.batch = func(b *bleve.Batch) error {
		batches.Add(1)
		ops.Add(int64(b.Size()))
		return ix.bl.Batch(b)
	}
	return batches, ops
}

func TestQueuedWritesAreReadAtOnce(t *testing.T) {
	ctx := context.Background()
	sc := newScorer(t)
	ix := open(t, Options{Scorer: sc})
	plan, err := sc.Compile(scoring.Role{ID: "any-java", RequiredSkills: []string{"java"}})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 30 {
		id := fmt.Sprintf("q%02d", i)
		put(t, ix, []scoring.Candidate{marked(id)})
		// Each read right after the write that it must see.
		got, err := searchText(t, ix, "mark"+id)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff([]string{id}, got); diff != "" {
			t.Errorf("Search right after Put(%s) (-want +got):\n%s", id, diff)
		}
		page, err := ix.Rank(ctx, plan, RankRequest{Limit: 5, Text: "mark" + id})
		if err != nil {
			t.Fatal(err)
		}
		if len(page.Results) != 1 || page.Results[0].CandidateID != id {
			t.Errorf("Rank(text %q) right after Put = %d results, want %s alone", "mark"+id, len(page.Results), id)
		}
		if c, err := ix.Get(ctx, id); err != nil || c.ID != id {
			t.Errorf("Get(%s) right after Put = %q, %v", id, c.ID, err)
		}
		if got := count(t, ix); got != i+1 {
			t.Errorf("Count after %d single Puts = %d", i+1, got)
		}
	}
	if _, err := ix.Delete(ctx, "q07"); err != nil {
		t.Fatal(err)
	}
	if got, err := searchText(t, ix, "markq07"); err != nil || len(got) != 0 {
		t.Errorf("Search right after Delete(q07) = %v, %v; want nothing", got, err)
	}
	if n, err := ix.Bleve().DocCount(); err != nil || n != 29 {
		t.Errorf("bleve's DocCount after 30 Puts and a Delete = %d, %v; want 29", n, err)
	}
}

func TestQueuedWritesAreGrouped(t *testing.T) {
	ctx := context.Background()
	ix := open(t, Options{})
	batches, ops := countBatches(ix)
	// Written faster than writes pause, 200 single Puts reach bleve in a
	// few batches; a later write of an id replaces an earlier one, and a
	// delete after a put removes it, as one by one.
	for i := range 200 {
		put(t, ix, []scoring.Candidate{marked(fmt.Sprintf("g%03d", i))})
	}
	put(t, ix, []scoring.Candidate{{ID: "g005", Summary: "replaced"}})
	if _, err := ix.Delete(ctx, "g006"); err != nil {
		t.Fatal(err)
	}
	ix.Bleve() // waits for the queue
	if n := batches.Load(); n < 1 || n > 20 {
		t.Errorf("202 single writes reached bleve in %d batches, want 1 to 20", n)
	}
	if n := ops.Load(); n != 200 {
		t.Errorf("bleve got %d operations, want 200 (one per id: g005's two puts and g006's put and delete each merge into one)", n)
	}
	for _, c := range []struct {
		why  string
		text string
		want []string
	}{
		{"the replaced candidate is found by its new text", "replaced", []string{"g005"}},
		{"and no longer by its old", "markg005", []string{}},
		{"a deleted candidate is found by nothing", "markg006", []string{}},
		{"an untouched one is found", "markg007", []string{"g007"}},
	} {
		got, err := searchText(t, ix, c.text)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(c.want, got, equateEmpty); diff != "" {
			t.Errorf("%s: Search(%q) (-want +got):\n%s", c.why, c.text, diff)
		}
	}
	if n, err := ix.Bleve().DocCount(); err != nil || n != 199 {
		t.Errorf("bleve's DocCount = %d, %v; want 199", n, err)
	}
}

func TestLargeWriteFollowsQueuedOnes(t *testing.T) {
	ix := open(t, Options{})
	put(t, ix, []scoring.Candidate{marked("first")})
	big := generated(asyncMax + 10)
	put(t, ix, big)
	// The large write waited for the queued one and then for bleve: bleve
	// holds both without waiting for anything else.
	if n, err := ix.bl.DocCount(); err != nil || n != uint64(len(big)+1) {
		t.Errorf("bleve's DocCount right after a large Put = %d, %v; want %d", n, err, len(big)+1)
	}
}

func TestQueuedWriteFailureIsReported(t *testing.T) {
	ctx := context.Background()
	sc := newScorer(t)
	plan, err := sc.Compile(scoring.Role{ID: "any-java", RequiredSkills: []string{"java"}})
	if err != nil {
		t.Fatal(err)
	}
	cause := errors.New("no space left on device")
	ix, err := Open(ctx, Options{Scorer: sc})
	if err != nil {
		t.Fatal(err)
	}
	ix.w.batch = func(*bleve.Batch) error { return cause }
	for _, id := range []string{"f1", "f2"} {
		if n, err := ix.Put(ctx, []scoring.Candidate{marked(id)}); n != 1 || err != nil {
			t.Fatalf("Put(%s) = %d, %v; a queued write is acknowledged", id, n, err)
		}
	}
	if n, err := ix.Delete(ctx, "f9"); n != 0 || err != nil {
		t.Fatalf("Delete(f9) = %d, %v", n, err)
	}
	// The first read of bleve applies the queue and meets the failure;
	// from then on every call reports it with the writes it lost.
	_, err = searchText(t, ix, "markf1")
	var we *WriteError
	if !errors.As(err, &we) {
		t.Fatalf("Search after a failed bleve batch = %v, want a *WriteError", err)
	}
	if diff := cmp.Diff([]string{"f1", "f2", "f9"}, we.IDs); diff != "" {
		t.Errorf("WriteError.IDs (-want +got):\n%s", diff)
	}
	if !errors.Is(err, cause) {
		t.Errorf("WriteError %v does not wrap bleve's error", err)
	}
	calls := []struct {
		why string
		err func() error
	}{
		{"a put is refused", func() error {
			n, err := ix.Put(ctx, []scoring.Candidate{marked("f3")})
			if n != 0 {
				return fmt.Errorf("Put stored %d after the failure", n)
			}
			return err
		}},
		{"a large put is refused", func() error { _, err := ix.Put(ctx, generated(asyncMax)); return err }},
		{"a delete is refused", func() error { _, err := ix.Delete(ctx, "f1"); return err }},
		{"Rank reports it", func() error { _, err := ix.Rank(ctx, plan, RankRequest{Limit: 5}); return err }},
		{"Get reports it", func() error { _, err := ix.Get(ctx, "f1"); return err }},
		{"Count reports it", func() error { _, err := ix.Count(ctx); return err }},
		{"Search reports it again", func() error { _, err := searchText(t, ix, "java"); return err }},
		{"Compact reports it", func() error { return ix.Compact(ctx) }},
		{"Close reports it", ix.Close},
	}
	for _, c := range calls {
		if err := c.err(); !errors.As(err, &we) || !errors.Is(err, cause) {
			t.Errorf("%s: got %v, want the *WriteError", c.why, err)
		}
	}
	if err := ix.Close(); err != nil {
		t.Errorf("a second Close = %v, want nil", err)
	}
}

func TestCloseAppliesQueuedWrites(t *testing.T) {
	ix, err := Open(context.Background(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	_, ops := countBatches(ix)
	for i := range 50 {
		put(t, ix, []scoring.Candidate{marked(fmt.Sprintf("c%02d", i))})
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	if n := ops.Load(); n != 50 {
		t.Errorf("Close handed bleve %d of 50 queued writes", n)
	}
	if _, err := ix.Put(context.Background(), []scoring.Candidate{marked("late")}); !errors.Is(err, ErrClosed) {
		t.Errorf("Put after Close = %v, want ErrClosed", err)
	}
}

func TestConcurrentWritersReadTheirWrites(t *testing.T) {
	ctx := context.Background()
	sc := newScorer(t)
	ix := openWith(t, Options{Scorer: sc}, generated(500))
	plan, err := sc.Compile(scoring.Role{ID: "any-java", RequiredSkills: []string{"java"}})
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errc := make(chan error, 8)
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 40 {
				id := fmt.Sprintf("w%dn%02d", w, i) // one word to the analyser
				if _, err := ix.Put(ctx, []scoring.Candidate{marked(id)}); err != nil {
					errc <- err
					return
				}
				check := []func() error{
					func() error {
						got, err := searchText(t, ix, "mark"+id)
						if err == nil && !cmp.Equal([]string{id}, got) {
							err = fmt.Errorf("Search(mark%s) right after its Put = %v", id, got)
						}
						return err
					},
					func() error {
						page, err := ix.Rank(ctx, plan, RankRequest{Limit: 3, Text: "mark" + id})
						if err == nil && (len(page.Results) != 1 || page.Results[0].CandidateID != id) {
							err = fmt.Errorf("Rank(text mark%s) right after its Put found %d results", id, len(page.Results))
						}
						return err
					},
					func() error {
						if i%2 == 1 {
							return nil
						}
						// Every other one is deleted again, and gone at once.
						if n, err := ix.Delete(ctx, id); err != nil || n != 1 {
							return fmt.Errorf("Delete(%s) = %d, %v", id, n, err)
						}
						got, err := searchText(t, ix, "mark"+id)
						if err == nil && len(got) != 0 {
							err = fmt.Errorf("Search(mark%s) right after its Delete = %v", id, got)
						}
						return err
					},
				}
				for _, c := range check {
					if err := c(); err != nil {
						errc <- err
						return
					}
				}
			}
		}()
	}
	wg.Wait()
	close(errc)
	for err := range errc {
		t.Error(err)
	}
	if got, want := count(t, ix), 500+4*20; got != want {
		t.Errorf("Count = %d, want %d", got, want)
	}
	if n, err := ix.Bleve().DocCount(); err != nil || n != 500+4*20 {
		t.Errorf("bleve's DocCount = %d, %v; want %d", n, err, 500+4*20)
	}
}
