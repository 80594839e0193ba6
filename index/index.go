package index

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	index "github.com/blevesearch/bleve_index_api"
	bolterrors "go.etcd.io/bbolt/errors"
	"golang.org/x/sync/errgroup"

	"github.com/certmatch/certmatch/internal/safe"
	"github.com/certmatch/certmatch/scoring"
)

// DefaultBatchSize is the number of candidates per bleve batch. Measured
// here, 1,000 and 5,000 index at the same rate and 5,000 costs 150-300 MB
// more peak memory.
const DefaultBatchSize = 1000

// Options configure Open. The zero value is an in-memory index with the
// built-in catalog.
type Options struct {
	// Path of an on-disk index, created when missing; "" keeps the index in
	// memory: in a temporary folder removed on Close, so that its segments
	// are merged (see the package documentation).
	Path string
	// Scorer builds the compact profiles ranking reads; plans compiled by
	// the same Scorer score them. nil means a Scorer with the built-in
	// catalog.
	Scorer *scoring.Scorer
	// BatchSize is the number of candidates per bleve batch; 0 means
	// DefaultBatchSize.
	BatchSize int
	// LockTimeout bounds the wait for another process's lock on an on-disk
	// index; 0 means DefaultLockTimeout. Past it Open fails with an error
	// wrapping ErrLocked.
	LockTimeout time.Duration
	// ReadOnly opens an existing on-disk index for reading only: it is
	// never created or written (so a folder the process cannot write to
	// opens), and several read-only opens, in one process or several,
	// share it. A writer's open excludes every other open, read-only ones
	// included, for as long as it is open: the lock is bbolt's file lock,
	// exclusive for a writer, shared for readers. Writes return
	// ErrReadOnly, and an index whose terms were derived under another
	// catalog is refused with a *StaleError (it cannot be re-derived).
	ReadOnly bool
	// RefuseStale makes Open fail with a *StaleError (wrapping ErrStale)
	// when an on-disk index's terms were derived under another
	// Fingerprint, instead of re-deriving them from the stored records.
	RefuseStale bool
	// ReindexProgress, when set, is called after every batch a reindex
	// writes, at Open or by Reindex.
	ReindexProgress func(ReindexProgress)
}

// DefaultLockTimeout is how long Open waits for another process's lock
// when Options.LockTimeout is 0.
const DefaultLockTimeout = time.Second

// LockedError is the error Open returns when another process holds the
// lock of an on-disk index past Options.LockTimeout. It wraps ErrLocked.
type LockedError struct {
	// Path is the lock file: the index's store/root.bolt.
	Path string
	// Waited is how long Open waited.
	Waited time.Duration
	// ReadOnly says the open was read-only: it waits for a writer only;
	// other readers share.
	ReadOnly bool
}

func (e *LockedError) Error() string {
	what := "a writer holds it, and a writer excludes every other open"
	if !e.ReadOnly {
		what = "another process has the index open (a writer excludes readers and writers alike)"
	}
	return fmt.Sprintf("%s is held by another process (waited %v): %s", e.Path, e.Waited, what)
}

// Is reports whether target is ErrLocked.
func (e *LockedError) Is(target error) bool { return target == ErrLocked }

// Sentinel errors callers branch on.
var (
	ErrClosed         = errors.New("index: closed")
	ErrNotFound       = errors.New("index: candidate not found")
	ErrMappingVersion = errors.New("index: mapping version mismatch")
	ErrNoID           = errors.New("index: candidate has no id")
	// ErrLocked is wrapped by the *LockedError of an on-disk index another
	// process holds.
	ErrLocked = errors.New("index: locked by another process")
	// ErrReadOnly is returned by writes to an index opened with
	// Options.ReadOnly.
	ErrReadOnly = errors.New("index: opened read-only")
)

const internalMappingKey = "certmatch.mapping"

// numberedMark follows MappingVersion under internalMappingKey in an index
// whose every write is numbered (see RankFile). A library from before
// writes were numbered compares the stored value with its MappingVersion
// exactly, so it refuses such an index instead of writing to it behind
// the rank file's back, unseen by the write counter. Open accepts
// MappingVersion alone, from those libraries, but then trusts no rank
// file, and marks the index when it may write.
const numberedMark = "+numbered-writes"

// Index stores candidates in bleve and keeps the compact ranking structure
// beside it. It is safe for concurrent use: readers share, each write
// batch is exclusive.
type Index struct {
	opts   Options
	cat    *scoring.Catalog
	scorer *scoring.Scorer
	bl     bleve.Index

	// wmu serialises writers with a reindex, so a reindex never writes a
	// record back over a newer one.
	wmu        sync.Mutex
	mu         sync.RWMutex
	side       *sidecar
	quarantine map[string]*Quarantined // records rebuild could not read, by id
	tmpDir     string                  // the folder of an in-memory index
	closed     bool

	// writes numbers the bleve state: every batch stores it, one higher,
	// in bleve's internal store (see RankFile). Guarded by mu.
	writes uint64
	// sinceSave counts batches since RankFile was last written.
	sinceSave atomic.Int64
	// persistMu serialises writes of RankFile; persisted and
	// persistedWrites, guarded by it, say which state the file holds.
	persistMu       sync.Mutex
	persisted       bool
	persistedWrites uint64
	// fromRankFile says Open read the ranking structure from RankFile.
	fromRankFile bool
	// w feeds an in-memory index's small writes to bleve behind the
	// ranking structure (see writer.go); nil on disk.
	w *writer
	// numbered says the index carries numberedMark: no library that
	// leaves writes unnumbered has written it since it was marked.
	numbered bool
}

// Open opens or creates an index. An on-disk index made with another
// mapping version is refused with ErrMappingVersion. One whose terms were
// derived under another catalog (see Fingerprint) is re-derived from its
// stored records before Open returns, or refused with a *StaleError when
// Options.RefuseStale is set.
func Open(ctx context.Context, opts Options) (*Index, error) {
	if opts.BatchSize < 0 {
		return nil, fmt.Errorf("index: BatchSize %d must not be negative", opts.BatchSize)
	}
	if opts.BatchSize == 0 {
		opts.BatchSize = DefaultBatchSize
	}
	if opts.LockTimeout < 0 {
		return nil, fmt.Errorf("index: LockTimeout %v must not be negative", opts.LockTimeout)
	}
	if opts.LockTimeout == 0 {
		opts.LockTimeout = DefaultLockTimeout
	}
	if opts.ReadOnly && opts.Path == "" {
		return nil, fmt.Errorf("index: ReadOnly needs the Path of an existing index")
	}
	if opts.Scorer == nil {
		sc, err := scoring.NewScorer(scoring.Options{})
		if err != nil {
			return nil, err
		}
		opts.Scorer = sc
	}
	ix := &Index{opts: opts, cat: opts.Scorer.Catalog(), scorer: opts.Scorer, side: newSidecar(opts.Scorer.Vocab(), opts.Path == "")}
	var err error
	stale, counted := false, false
	switch {
	case opts.Path == "":
		// Scorch without a path never merges its segments: every write
		// would leave one more, and single writes would grow memory and
		// slow every read without bound. An index in a temporary folder,
		// written without waiting for the disk, merges them and holds its
		// data in mapped files; it is removed on Close.
		ix.tmpDir, err = os.MkdirTemp("", "certmatch-mem-")
		if err == nil {
			ix.bl, err = orNil(bleve.NewUsing(filepath.Join(ix.tmpDir, "ix"), newMapping(), scorch.Name, scorch.Name,
				map[string]interface{}{"unsafe_batch": true}))
		}
	case exists(filepath.Join(opts.Path, "index_meta.json")):
		start := time.Now()
		ix.bl, err = orNil(bleve.OpenUsing(opts.Path, map[string]interface{}{
			"bolt_timeout": opts.LockTimeout.String(),
			"read_only":    opts.ReadOnly,
		}))
		if errors.Is(err, bolterrors.ErrTimeout) {
			err = &LockedError{Path: filepath.Join(opts.Path, "store", "root.bolt"), Waited: time.Since(start).Round(time.Millisecond), ReadOnly: opts.ReadOnly}
		}
		if err == nil {
			err = ix.checkMapping()
		}
		if err == nil {
			stale, err = ix.checkFingerprint()
		}
		if err == nil {
			counted, err = ix.loadWrites()
		}
	case opts.ReadOnly:
		err = fmt.Errorf("no index to open read-only: %w", os.ErrNotExist)
	default:
		ix.bl, err = orNil(bleve.NewUsing(opts.Path, newMapping(), scorch.Name, scorch.Name, nil))
		if err == nil {
			err = ix.bl.SetInternal([]byte(internalMappingKey), []byte(MappingVersion+numberedMark))
			ix.numbered = true
		}
		if err == nil {
			err = ix.bl.SetInternal([]byte(internalFingerprintKey), []byte(Fingerprint(ix.cat)))
		}
	}
	if err != nil {
		if ix.bl != nil {
			ix.bl.Close()
		}
		ix.removeTmp()
		return nil, fmt.Errorf("index: open %q: %w", opts.Path, err)
	}
	// A stale index is re-derived whole, which fills the ranking
	// structure too; a current one reads it from RankFile when that
	// matches, else rebuilds it from the stored records.
	switch {
	case stale:
		_, err = ix.reindex(ctx)
	case counted && ix.numbered && ix.loadRankMatching() == nil:
		ix.fromRankFile = true
	default:
		err = ix.rebuild(ctx)
	}
	if err != nil {
		ix.bl.Close()
		ix.removeTmp()
		return nil, err
	}
	if opts.Path == "" {
		ix.w = newWriter(ix.bl, opts.BatchSize)
	}
	return ix, nil
}

// orNil drops the index bleve returns beside an error: bleve.NewUsing and
// bleve.OpenUsing return a nil *indexImpl in a non-nil bleve.Index, whose
// Close panics.
func orNil(bl bleve.Index, err error) (bleve.Index, error) {
	if err != nil {
		return nil, err
	}
	return bl, nil
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

func (ix *Index) checkMapping() error {
	v, err := ix.bl.GetInternal([]byte(internalMappingKey))
	if err != nil {
		return err
	}
	if v == nil && !ix.opts.ReadOnly {
		// Created, then stopped before the version was written: an empty
		// index is ours to finish.
		if n, err := ix.bl.DocCount(); err == nil && n == 0 {
			ix.numbered = true
			return ix.bl.SetInternal([]byte(internalMappingKey), []byte(MappingVersion+numberedMark))
		}
	}
	switch string(v) {
	case MappingVersion + numberedMark:
		ix.numbered = true
	case MappingVersion:
		// Written by a library that may not have numbered its writes: its
		// rank file is not trusted at this open (the ranking structure is
		// rebuilt), and from now on such libraries are kept out.
		if !ix.opts.ReadOnly {
			return ix.bl.SetInternal([]byte(internalMappingKey), []byte(MappingVersion+numberedMark))
		}
	default:
		return fmt.Errorf("%w: index has %q, this library writes %q", ErrMappingVersion, v, MappingVersion+numberedMark)
	}
	return nil
}

// rebuild loads every stored candidate into the sidecar. Reading and
// decoding the stored records runs on every core; the sidecar is filled in
// index order afterwards.
func (ix *Index) rebuild(ctx context.Context) error {
	adv, err := ix.bl.Advanced()
	if err != nil {
		return err
	}
	r, err := adv.Reader()
	if err != nil {
		return err
	}
	defer r.Close()
	ids, err := allIDs(r)
	if err != nil {
		return err
	}

	preps := make([]prepared, len(ids))
	parts := max(1, min(runtime.GOMAXPROCS(0), len(ids)/1024))
	g, gctx := errgroup.WithContext(ctx)
	for w := 0; w < parts; w++ {
		g.Go(safe.Guard(func() error {
			for i := w; i < len(ids); i += parts {
				if i%4096 == w && gctx.Err() != nil {
					return gctx.Err()
				}
				c, raw, bad, err := storedRecord(r, ids[i])
				if err != nil {
					return err
				}
				if bad != nil {
					preps[i] = prepared{id: ids[i], bad: &Quarantined{ID: ids[i], Position: i, Raw: raw, Err: bad}}
					continue
				}
				p := ix.scorer.Profile(&c)
				preps[i] = prepared{id: ids[i], prof: p, terms: certTerms(ix.cat, &p)}
			}
			return nil
		}))
	}
	if err := g.Wait(); err != nil {
		return fmt.Errorf("index: rebuild: %w", err)
	}
	for _, p := range preps {
		if p.bad != nil {
			if ix.quarantine == nil {
				ix.quarantine = map[string]*Quarantined{}
			}
			ix.quarantine[p.id] = p.bad
			continue
		}
		ix.side.put(p.id, p.prof, p.terms, p.explained, p.raw)
	}
	return nil
}

// Quarantined is a stored record the index could not read back when it
// was opened (written by an older version, or damaged): its JSON does not
// decode, or holds a value Validate refuses. It is left out of ranking,
// Get and Count instead of failing the open, and kept as stored. Putting a
// candidate with its id replaces it; deleting the id removes it.
type Quarantined struct {
	ID       string // the stored document id
	Position int    // its place in the index's document order at open
	Raw      []byte // the stored record, as stored
	Err      error  // why it cannot be read
}

// ErrQuarantined is wrapped by Get's error for a quarantined record.
var ErrQuarantined = errors.New("index: stored record quarantined (unreadable)")

// Quarantined returns the records set aside when the index was opened,
// in document order, as copies.
func (ix *Index) Quarantined() []Quarantined {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	out := make([]Quarantined, 0, len(ix.quarantine))
	for _, q := range ix.quarantine {
		c := *q
		c.Raw = append([]byte(nil), q.Raw...)
		out = append(out, c)
	}
	slices.SortFunc(out, func(a, b Quarantined) int { return a.Position - b.Position })
	return out
}

// allIDs lists the ids of every document r holds, in index order.
func allIDs(r index.IndexReader) ([]string, error) {
	all, err := r.DocIDReaderAll()
	if err != nil {
		return nil, err
	}
	defer all.Close()
	var ids []string
	for {
		iid, err := all.Next()
		if err != nil {
			return nil, err
		}
		if iid == nil {
			return ids, nil
		}
		id, err := r.ExternalID(iid)
		if err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
}

func readRaw(r index.IndexReader, id string) (scoring.Candidate, error) {
	c, _, bad, err := storedRecord(r, id)
	if err == nil {
		err = bad
	}
	return c, err
}

// storedRecord reads the candidate stored under id. bad says why the
// stored record cannot be read back (none stored, JSON that does not
// decode, a value Validate refuses); err is a failure of the index itself.
func storedRecord(r index.IndexReader, id string) (c scoring.Candidate, raw []byte, bad, err error) {
	d, err := r.Document(id)
	if err != nil {
		return c, nil, nil, err
	}
	if d == nil {
		return c, nil, nil, fmt.Errorf("%w: %q", ErrNotFound, id)
	}
	d.VisitFields(func(f index.Field) {
		if f.Name() == FieldRaw {
			raw = f.Value()
		}
	})
	if raw == nil {
		return c, nil, fmt.Errorf("index: candidate %q has no stored record", id), nil
	}
	if err := json.Unmarshal(raw, &c); err != nil {
		return c, raw, fmt.Errorf("index: candidate %q: stored record: %w", id, err), nil
	}
	if err := c.Validate(); err != nil {
		return c, raw, fmt.Errorf("index: candidate %q: stored record: %w", id, err), nil
	}
	return c, raw, nil, nil
}

// Catalog returns the catalog the index resolves credentials with.
func (ix *Index) Catalog() *scoring.Catalog { return ix.cat }

// Close writes an on-disk index's ranking structure to RankFile, so the
// next Open reads it, and closes the index. An in-memory index first
// hands bleve the writes still queued, and returns the *WriteError of any
// that failed. Closing twice is harmless.
func (ix *Index) Close() error {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if ix.closed {
		return nil
	}
	var err error
	if ix.w != nil {
		err = ix.w.close()
	}
	if ix.opts.Path != "" && !ix.opts.ReadOnly && !ix.rankCurrent() {
		err = ix.writeRank(ix.encodeRank(), ix.writes, len(ix.quarantine) > 0)
	}
	ix.closed = true
	ix.side = newSidecar(ix.scorer.Vocab(), false)
	if berr := ix.bl.Close(); err == nil {
		err = berr
	}
	if rerr := ix.removeTmp(); err == nil {
		err = rerr
	}
	return err
}

// removeTmp removes the folder of an in-memory index.
func (ix *Index) removeTmp() error {
	if ix.tmpDir == "" {
		return nil
	}
	return os.RemoveAll(ix.tmpDir)
}

// Put stores candidates, replacing any with the same id, in batches of
// Options.BatchSize. Each batch is atomic: after a crash a batch is wholly
// there or wholly absent, and a batch Put has returned from is there (on
// disk). In memory a batch of fewer than 256 candidates returns once
// ranking, Get and Count show it, and reaches bleve in the background
// (see [WriteError]); every read of bleve waits for it. Cancellation is
// honoured between batches; Put returns how many candidates it stored.
func (ix *Index) Put(ctx context.Context, cands []scoring.Candidate) (int, error) {
	ix.mu.RLock()
	closed := ix.closed
	ix.mu.RUnlock()
	if closed {
		return 0, ErrClosed
	}
	done := 0
	for start := 0; start < len(cands); start += ix.opts.BatchSize {
		if err := ctx.Err(); err != nil {
			return done, err
		}
		chunk := cands[start:min(start+ix.opts.BatchSize, len(cands))]
		if err := ix.putBatch(ctx, chunk); err != nil {
			return done, err
		}
		done += len(chunk)
	}
	return done, nil
}

type prepared struct {
	id    string
	prof  scoring.Profile
	terms []string
	bad   *Quarantined // set by rebuild for a record it cannot read
	// In memory only: the stored JSON and the explained record
	// (scoring.AppendExplained).
	raw, explained []byte
	doc            doc // the bleve document, mapped by the writer when queued
}

func (ix *Index) putBatch(ctx context.Context, cands []scoring.Candidate) error {
	b, err := ix.Prepare(cands)
	if err != nil {
		return err
	}
	_, err = ix.Apply(ctx, b)
	return err
}

// Batch is a set of candidates prepared for one atomic write: profiles
// built, bleve documents mapped. Preparing is the costly part of a put and
// needs no lock, so a loader can prepare the next batch while the previous
// one is written.
type Batch struct {
	bl    *bleve.Batch
	preps []prepared
	// queued says the batch is for an in-memory index's writer goroutine:
	// its documents are mapped there, and bl is empty.
	queued bool
}

// Len is the number of candidates in the batch.
func (b *Batch) Len() int { return len(b.preps) }

// Prepare builds a batch from candidates; a candidate without an id is an
// error. A later candidate with the same id as an earlier one replaces it.
func (ix *Index) Prepare(cands []scoring.Candidate) (*Batch, error) {
	b := &Batch{bl: ix.bl.NewBatch(), preps: make([]prepared, len(cands))}
	// A batch the writer goroutine will take is mapped there (bleve's
	// mapping is most of a single write's cost); it cannot fail for a
	// doc, whose fields all have mapped types.
	b.queued = ix.w != nil && len(cands) < asyncMax
	for i := range cands {
		c := &cands[i]
		if c.ID == "" {
			return nil, fmt.Errorf("%w (record %d of the batch)", ErrNoID, i)
		}
		p := ix.scorer.Profile(c)
		d, err := toDoc(ix.scorer, c, &p)
		if err != nil {
			return nil, fmt.Errorf("index: candidate %q: %w", c.ID, err)
		}
		if b.queued {
			b.preps[i] = prepared{id: c.ID, prof: p, terms: d.Certs, doc: d}
		} else {
			if err := b.bl.Index(c.ID, d); err != nil {
				return nil, fmt.Errorf("index: candidate %q: %w", c.ID, err)
			}
			b.preps[i] = prepared{id: c.ID, prof: p, terms: d.Certs}
		}
		if ix.opts.Path == "" {
			b.preps[i].raw = []byte(d.Raw)
			b.preps[i].explained = scoring.AppendExplained(nil, c)
		}
	}
	return b, nil
}

// Apply writes a prepared batch atomically, as Put does for each of its
// batches (a small batch in memory returns before bleve has it), and
// returns how many candidates it stored. A cancelled ctx stops it before
// the write, never during one.
func (ix *Index) Apply(ctx context.Context, b *Batch) (int, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	if ix.opts.ReadOnly {
		return 0, ErrReadOnly
	}
	ix.wmu.Lock()
	defer ix.wmu.Unlock()
	n, err := ix.apply(b)
	if err == nil {
		ix.persistDue()
	}
	return n, err
}

// persistDue writes RankFile when persistEvery batches were written since
// it was last written. The batch is acknowledged already: a failure only
// leaves an older file, which its write counter marks as not matching.
func (ix *Index) persistDue() {
	if ix.opts.Path == "" || ix.sinceSave.Add(1) < persistEvery {
		return
	}
	ix.sinceSave.Store(0)
	_ = ix.persist()
}

// apply writes b under the index's lock; the caller holds wmu. A small
// in-memory batch is queued for bleve behind the ranking structure; any
// other waits for the queue to empty and is written to bleve first.
func (ix *Index) apply(b *Batch) (int, error) {
	if b.queued {
		return ix.applyQueued(b)
	}
	if err := ix.drained(); err != nil {
		return 0, err
	}
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if ix.closed {
		return 0, ErrClosed
	}
	if ix.opts.Path != "" {
		b.bl.SetInternal([]byte(internalWrites), encodeWrites(ix.writes+1))
	}
	if err := ix.bleveBatch(b.bl); err != nil {
		return 0, fmt.Errorf("index: batch: %w", err)
	}
	ix.writes++
	for _, p := range b.preps {
		ix.side.put(p.id, p.prof, p.terms, p.explained, p.raw)
		delete(ix.quarantine, p.id)
	}
	return len(b.preps), nil
}

// Delete removes candidates by id in one batch; it returns how many were
// there.
func (ix *Index) Delete(ctx context.Context, ids ...string) (int, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	if ix.opts.ReadOnly {
		return 0, ErrReadOnly
	}
	b := ix.bl.NewBatch()
	for _, id := range ids {
		b.Delete(id)
	}
	ix.wmu.Lock()
	defer ix.wmu.Unlock()
	n, err := ix.deleteBatch(b, ids)
	if err == nil {
		ix.persistDue()
	}
	return n, err
}

// deleteBatch writes a delete batch under the index's lock; the caller
// holds wmu. In memory, as apply does, a small one is queued.
func (ix *Index) deleteBatch(b *bleve.Batch, ids []string) (int, error) {
	if ix.w != nil && len(ids) < asyncMax {
		return ix.deleteQueued(ids)
	}
	if err := ix.drained(); err != nil {
		return 0, err
	}
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if ix.closed {
		return 0, ErrClosed
	}
	if ix.opts.Path != "" {
		b.SetInternal([]byte(internalWrites), encodeWrites(ix.writes+1))
	}
	if err := ix.bleveBatch(b); err != nil {
		return 0, fmt.Errorf("index: delete: %w", err)
	}
	ix.writes++
	return ix.forget(ids), nil
}

// forget removes ids from the ranking structure and the quarantine; it
// returns how many were there. The caller holds the index's lock.
func (ix *Index) forget(ids []string) int {
	n := 0
	for _, id := range ids {
		if _, ok := ix.quarantine[id]; ok {
			delete(ix.quarantine, id)
			n++
		}
		if ix.side.del(id) {
			n++
		}
	}
	return n
}

// Get returns the candidate stored under id, exactly as it was put.
func (ix *Index) Get(ctx context.Context, id string) (scoring.Candidate, error) {
	var c scoring.Candidate
	err := ix.view(ctx, func(v *view) error {
		var err error
		c, err = v.get(id)
		return err
	})
	return c, err
}

func (ix *Index) get(id string) (scoring.Candidate, error) {
	if q, ok := ix.quarantine[id]; ok {
		return scoring.Candidate{}, fmt.Errorf("%w: %w", ErrQuarantined, q.Err)
	}
	slot, ok := ix.side.slot[id]
	if !ok {
		return scoring.Candidate{}, fmt.Errorf("%w: %q", ErrNotFound, id)
	}
	if ix.side.raw != nil {
		// In memory the record is read by slot, not looked up in bleve.
		var c scoring.Candidate
		if err := json.Unmarshal(ix.side.raw.get(slot), &c); err != nil {
			return c, fmt.Errorf("index: candidate %q: stored record: %w", id, err)
		}
		return c, nil
	}
	adv, err := ix.bl.Advanced()
	if err != nil {
		return scoring.Candidate{}, err
	}
	r, err := adv.Reader()
	if err != nil {
		return scoring.Candidate{}, err
	}
	defer r.Close()
	return readRaw(r, id)
}

// explained returns what explaining a stored candidate reads of its
// record: in memory its explained record, decoded by slot; on disk the
// stored record.
func (ix *Index) explained(id string) (scoring.Candidate, error) {
	slot, ok := ix.side.slot[id]
	if !ok || ix.side.raw == nil {
		return ix.get(id)
	}
	c, err := scoring.DecodeExplained(ix.side.raw.explained(slot))
	if err != nil {
		return c, fmt.Errorf("index: candidate %q: explained record: %w", id, err)
	}
	return c, nil
}

// Count returns the number of candidates stored.
func (ix *Index) Count(ctx context.Context) (int, error) {
	n := 0
	err := ix.view(ctx, func(v *view) error {
		n = len(v.ix.side.slot)
		return nil
	})
	return n, err
}

// BatchSize returns the number of candidates per bleve batch.
func (ix *Index) BatchSize() int { return ix.opts.BatchSize }

// Bleve returns the underlying bleve index for queries this package does
// not wrap (and for baselines in benchmarks), once an in-memory index has
// handed it the writes queued before the call. Writing through it
// bypasses the ranking structure: don't.
func (ix *Index) Bleve() bleve.Index {
	_ = ix.drained() // a failed write is reported by the index's own calls
	return ix.bl
}

// Compact merges the index's segments now (scorch merges in the
// background anyway); fewer segments make bleve's queries and Get cheaper.
// An on-disk index then writes its ranking structure to RankFile.
func (ix *Index) Compact(ctx context.Context) error {
	if ix.opts.ReadOnly {
		return ErrReadOnly
	}
	if err := ix.compact(ctx); err != nil {
		return err
	}
	if ix.opts.Path == "" {
		return nil
	}
	ix.sinceSave.Store(0)
	return ix.persist()
}

func (ix *Index) compact(ctx context.Context) error {
	if err := ix.beforeBleveRead(ctx); err != nil {
		return err
	}
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	if ix.closed {
		return ErrClosed
	}
	if err := ix.awaitWrites(ctx); err != nil {
		return err
	}
	adv, err := ix.bl.Advanced()
	if err != nil {
		return err
	}
	s, ok := adv.(*scorch.Scorch)
	if !ok {
		return nil
	}
	return s.ForceMerge(ctx, nil)
}
