package index

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	index "github.com/blevesearch/bleve_index_api"
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
	// memory.
	Path string
	// Scorer builds the compact profiles ranking reads; plans compiled by
	// the same Scorer score them. nil means a Scorer with the built-in
	// catalog.
	Scorer *scoring.Scorer
	// BatchSize is the number of candidates per bleve batch; 0 means
	// DefaultBatchSize.
	BatchSize int
	// LockTimeout bounds the wait for another process's lock on an on-disk
	// index; 0 means one second.
	LockTimeout string
}

// Sentinel errors callers branch on.
var (
	ErrClosed         = errors.New("index: closed")
	ErrNotFound       = errors.New("index: candidate not found")
	ErrMappingVersion = errors.New("index: mapping version mismatch")
	ErrNoID           = errors.New("index: candidate has no id")
)

const internalMappingKey = "certmatch.mapping"

// Index stores candidates in bleve and keeps the compact ranking structure
// beside it. It is safe for concurrent use: readers share, each write
// batch is exclusive.
type Index struct {
	opts   Options
	cat    *scoring.Catalog
	scorer *scoring.Scorer
	bl     bleve.Index

	mu     sync.RWMutex
	side   *sidecar
	closed bool
}

// Open opens or creates an index. An on-disk index made with another
// mapping version is refused with ErrMappingVersion.
func Open(ctx context.Context, opts Options) (*Index, error) {
	if opts.BatchSize < 0 {
		return nil, fmt.Errorf("index: BatchSize %d must not be negative", opts.BatchSize)
	}
	if opts.BatchSize == 0 {
		opts.BatchSize = DefaultBatchSize
	}
	if opts.LockTimeout == "" {
		opts.LockTimeout = "1s"
	}
	if opts.Scorer == nil {
		sc, err := scoring.NewScorer(scoring.Options{})
		if err != nil {
			return nil, err
		}
		opts.Scorer = sc
	}
	ix := &Index{opts: opts, cat: opts.Scorer.Catalog(), scorer: opts.Scorer, side: newSidecar(opts.Scorer.Vocab())}
	var err error
	switch {
	case opts.Path == "":
		ix.bl, err = orNil(bleve.NewUsing("", newMapping(), scorch.Name, scorch.Name, nil))
	case exists(filepath.Join(opts.Path, "index_meta.json")):
		ix.bl, err = orNil(bleve.OpenUsing(opts.Path, map[string]interface{}{"bolt_timeout": opts.LockTimeout}))
		if err == nil {
			err = ix.checkMapping()
		}
	default:
		ix.bl, err = orNil(bleve.NewUsing(opts.Path, newMapping(), scorch.Name, scorch.Name, nil))
		if err == nil {
			err = ix.bl.SetInternal([]byte(internalMappingKey), []byte(MappingVersion))
		}
	}
	if err != nil {
		if ix.bl != nil {
			ix.bl.Close()
		}
		return nil, fmt.Errorf("index: open %q: %w", opts.Path, err)
	}
	if err := ix.rebuild(ctx); err != nil {
		ix.bl.Close()
		return nil, err
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
	if v == nil {
		// Created, then stopped before the version was written: an empty
		// index is ours to finish.
		if n, err := ix.bl.DocCount(); err == nil && n == 0 {
			return ix.bl.SetInternal([]byte(internalMappingKey), []byte(MappingVersion))
		}
	}
	if string(v) != MappingVersion {
		return fmt.Errorf("%w: index has %q, this library writes %q", ErrMappingVersion, v, MappingVersion)
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
	all, err := r.DocIDReaderAll()
	if err != nil {
		return err
	}
	var ids []string
	for {
		iid, err := all.Next()
		if err != nil {
			all.Close()
			return err
		}
		if iid == nil {
			break
		}
		id, err := r.ExternalID(iid)
		if err != nil {
			all.Close()
			return err
		}
		ids = append(ids, id)
	}
	all.Close()

	preps := make([]prepared, len(ids))
	parts := max(1, min(runtime.GOMAXPROCS(0), len(ids)/1024))
	g, gctx := errgroup.WithContext(ctx)
	for w := 0; w < parts; w++ {
		g.Go(safe.Guard(func() error {
			for i := w; i < len(ids); i += parts {
				if i%4096 == w && gctx.Err() != nil {
					return gctx.Err()
				}
				c, err := readRaw(r, ids[i])
				if err != nil {
					return err
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
		ix.side.put(p.id, p.prof, p.terms)
	}
	return nil
}

func readRaw(r index.IndexReader, id string) (scoring.Candidate, error) {
	var c scoring.Candidate
	d, err := r.Document(id)
	if err != nil {
		return c, err
	}
	if d == nil {
		return c, fmt.Errorf("%w: %q", ErrNotFound, id)
	}
	var raw []byte
	d.VisitFields(func(f index.Field) {
		if f.Name() == FieldRaw {
			raw = f.Value()
		}
	})
	if raw == nil {
		return c, fmt.Errorf("index: candidate %q has no stored record", id)
	}
	if err := json.Unmarshal(raw, &c); err != nil {
		return c, fmt.Errorf("index: candidate %q: stored record: %w", id, err)
	}
	return c, nil
}

// Catalog returns the catalog the index resolves credentials with.
func (ix *Index) Catalog() *scoring.Catalog { return ix.cat }

// Close closes the index. Closing twice is harmless.
func (ix *Index) Close() error {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if ix.closed {
		return nil
	}
	ix.closed = true
	ix.side = newSidecar(ix.scorer.Vocab())
	return ix.bl.Close()
}

// Put stores candidates, replacing any with the same id, in batches of
// Options.BatchSize. Each batch is atomic: after a crash a batch is wholly
// there or wholly absent, and a batch Put has returned from is there (on
// disk). Cancellation is honoured between batches; Put returns how many
// candidates it stored.
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
}

// Len is the number of candidates in the batch.
func (b *Batch) Len() int { return len(b.preps) }

// Prepare builds a batch from candidates; a candidate without an id is an
// error. A later candidate with the same id as an earlier one replaces it.
func (ix *Index) Prepare(cands []scoring.Candidate) (*Batch, error) {
	b := &Batch{bl: ix.bl.NewBatch(), preps: make([]prepared, len(cands))}
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
		if err := b.bl.Index(c.ID, d); err != nil {
			return nil, fmt.Errorf("index: candidate %q: %w", c.ID, err)
		}
		b.preps[i] = prepared{id: c.ID, prof: p, terms: d.Certs}
	}
	return b, nil
}

// Apply writes a prepared batch atomically, as Put does for each of its
// batches, and returns how many candidates it stored. A cancelled ctx
// stops it before the write, never during one.
func (ix *Index) Apply(ctx context.Context, b *Batch) (int, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if ix.closed {
		return 0, ErrClosed
	}
	if err := ix.bl.Batch(b.bl); err != nil {
		return 0, fmt.Errorf("index: batch: %w", err)
	}
	for _, p := range b.preps {
		ix.side.put(p.id, p.prof, p.terms)
	}
	return len(b.preps), nil
}

// Delete removes candidates by id in one batch; it returns how many were
// there.
func (ix *Index) Delete(ctx context.Context, ids ...string) (int, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	b := ix.bl.NewBatch()
	for _, id := range ids {
		b.Delete(id)
	}
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if ix.closed {
		return 0, ErrClosed
	}
	if err := ix.bl.Batch(b); err != nil {
		return 0, fmt.Errorf("index: delete: %w", err)
	}
	n := 0
	for _, id := range ids {
		if ix.side.del(id) {
			n++
		}
	}
	return n, nil
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
	if _, ok := ix.side.slot[id]; !ok {
		return scoring.Candidate{}, fmt.Errorf("%w: %q", ErrNotFound, id)
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
// not wrap (and for baselines in benchmarks). Writing through it bypasses
// the ranking structure: don't.
func (ix *Index) Bleve() bleve.Index { return ix.bl }

// Compact merges an on-disk index's segments now (scorch merges in the
// background anyway); fewer segments make bleve's queries and Get cheaper.
// In memory scorch cannot merge, and Compact does nothing.
func (ix *Index) Compact(ctx context.Context) error {
	if ix.opts.Path == "" {
		return nil
	}
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	if ix.closed {
		return ErrClosed
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
