package index

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/blevesearch/bleve/v2"

	"github.com/certmatch/certmatch/internal/safe"
)

// In memory, a small write (fewer than asyncMax candidates or ids) is
// acknowledged once the ranking structure and the raw store show it: a
// writer goroutine maps its documents and feeds bleve behind it, merging
// the writes queued meanwhile into one bleve batch. A single write then
// costs its profile, not a wait behind scorch's goroutines.
//
// bleve's work for a write (analysis, a segment, merges) is several
// times the write's own, and on a machine with few cores, done while
// writes keep coming, it delays them. So the writer lets a stream of
// writes queue and feeds bleve when they pause (quiet), when the oldest
// has waited maxDelay, when the queue is half full, or at once when a
// read needs bleve. Everything that reads bleve waits for the queue
// first (text queries, Search, Reindex, Compact, Bleve, Close), so no
// read sees bleve behind the ranking structure; a text query after a
// burst of writes waits for bleve to take the burst. Larger writes wait
// for the queue to empty and are then applied as on disk: bleve first,
// under the write lock.
const (
	// asyncMax is the size from which an in-memory write waits for bleve.
	asyncMax = 256
	// queueMax bounds the candidates queued for bleve; a write that would
	// pass it waits for the writer goroutine.
	queueMax = 16384
	// quiet is how long writes must pause before the writer feeds bleve
	// unasked; maxDelay bounds how long a queued write waits for bleve.
	quiet    = 20 * time.Millisecond
	maxDelay = time.Second
)

// WriteError is the failure of a bleve batch an in-memory index applied
// after acknowledging its writes. The ranking structure holds what bleve
// lacks, so from then on every write is refused and every read, and
// Close, return the error: nothing built on the index disagrees with
// bleve unseen. IDs are the candidates (put or deleted) of the failed
// batches, in the order written: the writes to repeat in a new index.
type WriteError struct {
	IDs []string
	Err error
}

func (e *WriteError) Error() string {
	const shown = 5
	ids := make([]string, 0, shown)
	for _, id := range e.IDs[:min(shown, len(e.IDs))] {
		ids = append(ids, fmt.Sprintf("%q", id))
	}
	more := ""
	if len(e.IDs) > shown {
		more = fmt.Sprintf(" and %d more", len(e.IDs)-shown)
	}
	return fmt.Sprintf("index: bleve refused %d acknowledged write(s) (%s%s): %v", len(e.IDs), strings.Join(ids, ", "), more, e.Err)
}

// Unwrap returns bleve's error.
func (e *WriteError) Unwrap() error { return e.Err }

// writer is an in-memory index's queue of writes for bleve and the
// goroutine that applies them.
type writer struct {
	// batch applies one bleve batch: bleve.Index.Batch, replaced in tests.
	batch    func(*bleve.Batch) error
	newBatch func() *bleve.Batch
	group    int // the most candidates merged into one bleve batch

	// enq numbers the writes queued; it is advanced under the index's
	// write lock, so a reader holding the read lock sees it fixed. done
	// is the number of the last write bleve applied or refused.
	enq, done atomic.Uint64
	failed    atomic.Pointer[WriteError]

	mu      sync.Mutex
	queue   []queuedWrite
	queued  int           // candidates in queue
	lastPut time.Time     // when the last write was queued
	waiting int           // callers waiting for bleve: feed it now
	changed chan struct{} // closed and replaced when done advances
	wake    chan struct{}
	stop    chan struct{}
	exited  chan struct{}
}

// queuedWrite is one acknowledged write: candidates to index (documents
// not yet mapped) or ids to delete.
type queuedWrite struct {
	ids  []string
	docs []doc // beside ids; nil for a delete
	at   time.Time
	seq  uint64
}

func newWriter(bl bleve.Index, group int) *writer {
	w := &writer{
		batch: bl.Batch, newBatch: bl.NewBatch, group: group,
		changed: make(chan struct{}), wake: make(chan struct{}, 1),
		stop: make(chan struct{}), exited: make(chan struct{}),
	}
	go w.run()
	return w
}

// failure returns the sticky error of a failed batch, or nil.
func (w *writer) failure() error {
	if e := w.failed.Load(); e != nil {
		return e
	}
	return nil
}

// room waits until n more candidates fit the queue (an empty queue takes
// any write). A write that has begun is not abandoned, so it takes no ctx.
func (w *writer) room(n int) error {
	w.mu.Lock()
	full := w.queued > 0 && w.queued+n > queueMax
	w.mu.Unlock()
	if full {
		w.await(context.Background(), func() bool { return w.queued == 0 || w.queued+n <= queueMax })
	}
	return w.failure()
}

// put queues documents to index, or ids to delete when docs is nil; the
// caller holds the index's write lock and has updated the ranking
// structure.
func (w *writer) put(ids []string, docs []doc) {
	seq := w.enq.Add(1)
	now := time.Now()
	w.mu.Lock()
	first := len(w.queue) == 0
	w.queue = append(w.queue, queuedWrite{ids: ids, docs: docs, at: now, seq: seq})
	w.queued += len(ids)
	w.lastPut = now
	half := w.queued >= queueMax/2
	w.mu.Unlock()
	if first || half {
		w.signal()
	}
}

func (w *writer) signal() {
	select {
	case w.wake <- struct{}{}:
	default:
	}
}

// idle waits until bleve has every write queued before the call, and
// returns the sticky error of a failed batch. A caller holding the
// index's read lock waits for a fixed set of writes (none can be queued
// meanwhile) and then reads bleve as the ranking structure shows it.
func (w *writer) idle(ctx context.Context) error {
	target := w.enq.Load()
	if w.done.Load() < target {
		w.mu.Lock()
		w.waiting++
		w.mu.Unlock()
		w.signal()
		err := w.await(ctx, func() bool { return w.done.Load() >= target })
		w.mu.Lock()
		w.waiting--
		w.mu.Unlock()
		if err != nil {
			return err
		}
	}
	return w.failure()
}

// await waits until cond, evaluated under w.mu, holds or ctx is done.
func (w *writer) await(ctx context.Context, cond func() bool) error {
	for {
		w.mu.Lock()
		if cond() {
			w.mu.Unlock()
			return nil
		}
		ch := w.changed
		w.mu.Unlock()
		select {
		case <-ch:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// close applies what is queued, stops the goroutine and returns the
// sticky error. The caller holds the index's write lock, so nothing more
// is queued.
func (w *writer) close() error {
	close(w.stop)
	<-w.exited
	return w.failure()
}

func (w *writer) run() {
	defer close(w.exited)
	stopping := false
	timer := time.NewTimer(time.Hour)
	defer timer.Stop()
	for {
		w.mu.Lock()
		n := len(w.queue)
		var wait time.Duration
		if n > 0 && !stopping && w.waiting == 0 && w.queued < queueMax/2 {
			now := time.Now()
			wait = min(w.lastPut.Add(quiet).Sub(now), w.queue[0].at.Add(maxDelay).Sub(now))
		}
		w.mu.Unlock()
		switch {
		case n == 0 && stopping:
			return
		case n > 0 && wait <= 0:
			w.apply()
			continue
		}
		var tick <-chan time.Time
		if n > 0 {
			timer.Reset(wait)
			tick = timer.C
		}
		select {
		case <-w.wake:
		case <-tick:
		case <-w.stop:
			stopping = true
		}
		timer.Stop() // since Go 1.23 no stale tick survives Stop or Reset
	}
}

// apply maps the documents of the writes at the head of the queue, up to
// group candidates, into one bleve batch and applies it. Later writes of
// an id replace earlier ones in it, as they would applied one by one.
func (w *writer) apply() {
	w.mu.Lock()
	k, n := 0, 0
	for k < len(w.queue) && (k == 0 || n+len(w.queue[k].ids) <= w.group) {
		n += len(w.queue[k].ids)
		k++
	}
	group := slices.Clone(w.queue[:k])
	w.queue = slices.Delete(w.queue, 0, k)
	w.mu.Unlock()

	err := safe.Guard(func() error {
		b := w.newBatch()
		for _, q := range group {
			for i, id := range q.ids {
				if q.docs == nil {
					b.Delete(id)
				} else if err := b.Index(id, q.docs[i]); err != nil {
					return fmt.Errorf("candidate %q: %w", id, err)
				}
			}
		}
		return w.batch(b)
	})()

	w.mu.Lock()
	if err != nil {
		e := &WriteError{Err: err}
		if prev := w.failed.Load(); prev != nil {
			e.IDs = slices.Clone(prev.IDs)
			e.Err = prev.Err
		}
		for _, q := range group {
			e.IDs = append(e.IDs, q.ids...)
		}
		w.failed.Store(e)
	}
	w.queued -= n
	w.done.Store(group[k-1].seq)
	close(w.changed)
	w.changed = make(chan struct{})
	w.mu.Unlock()
}

// bleveBatch applies a batch to bleve directly.
func (ix *Index) bleveBatch(b *bleve.Batch) error {
	if ix.w != nil {
		return ix.w.batch(b)
	}
	return ix.bl.Batch(b)
}

// drained waits, without a deadline, until an in-memory index's queued
// writes are in bleve, and returns the error of any that failed. Writers
// call it holding wmu, so the queue stays empty until they write.
func (ix *Index) drained() error {
	if ix.w == nil {
		return nil
	}
	return ix.w.idle(context.Background())
}

// awaitWrites waits until bleve has the writes the ranking structure
// shows, and returns the error of any that failed. Every read of bleve
// calls it holding the read lock, so none can be queued meanwhile and
// bleve then agrees with the ranking structure for the whole read.
func (ix *Index) awaitWrites(ctx context.Context) error {
	if ix.w == nil {
		return nil
	}
	return ix.w.idle(ctx)
}

// beforeBleveRead lets an in-memory index's queued writes reach bleve
// before a read that queries bleve (text) takes the read lock: the read
// then waits under the lock (awaitWrites) only for writes queued
// meanwhile, and writers, which need the write lock, and the readers
// behind them are not held up for the whole queue.
func (ix *Index) beforeBleveRead(ctx context.Context) error {
	if ix.w == nil {
		return nil
	}
	return ix.w.idle(ctx)
}

// beforeTextRead is beforeBleveRead for a ranking, which queries bleve
// only for text.
func (ix *Index) beforeTextRead(ctx context.Context, text string) error {
	if text == "" {
		return nil
	}
	return ix.beforeBleveRead(ctx)
}

// writeFailure returns the *WriteError of an in-memory write bleve
// refused after it was acknowledged, or nil.
func (ix *Index) writeFailure() error {
	if ix.w == nil {
		return nil
	}
	return ix.w.failure()
}

// applyQueued updates the ranking structure with a small in-memory batch
// and queues it for bleve; the caller holds wmu.
func (ix *Index) applyQueued(b *Batch) (int, error) {
	unlock, err := ix.lockQueued(len(b.preps))
	if err != nil {
		return 0, err
	}
	defer unlock()
	ids := make([]string, len(b.preps))
	docs := make([]doc, len(b.preps))
	for i, p := range b.preps {
		ix.side.put(p.id, p.prof, p.terms, p.explained, p.raw)
		delete(ix.quarantine, p.id)
		ids[i], docs[i] = p.id, p.doc
	}
	ix.writes++
	ix.w.put(ids, docs)
	return len(b.preps), nil
}

// deleteQueued removes ids from the ranking structure and queues their
// deletion for bleve; the caller holds wmu.
func (ix *Index) deleteQueued(ids []string) (int, error) {
	unlock, err := ix.lockQueued(len(ids))
	if err != nil {
		return 0, err
	}
	defer unlock()
	n := ix.forget(ids)
	ix.writes++
	ix.w.put(slices.Clone(ids), nil)
	return n, nil
}

// lockQueued waits for room for n queued writes and takes the write
// lock for them, unless the index is closed or a queued write failed.
func (ix *Index) lockQueued(n int) (unlock func(), err error) {
	if err := ix.w.room(n); err != nil {
		return nil, err
	}
	ix.mu.Lock()
	if ix.closed {
		ix.mu.Unlock()
		return nil, ErrClosed
	}
	if err := ix.w.failure(); err != nil {
		ix.mu.Unlock()
		return nil, err
	}
	return ix.mu.Unlock, nil
}
