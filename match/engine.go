package match

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/certmatch/certmatch/index"
	"github.com/certmatch/certmatch/match/input"
	"github.com/certmatch/certmatch/scoring"
)

// Options configure an Engine. The zero value is an in-memory engine with
// the built-in catalog, the wall clock and the default weights.
type Options struct {
	// Path of an on-disk index; "" keeps everything in memory (bleve's
	// segments in a temporary folder removed on Close, see index.Options).
	Path string
	// Catalog resolves and scores certifications; nil means
	// scoring.DefaultCatalog().
	Catalog *scoring.Catalog
	// Now is the clock for currency, recency and ongoing work periods; nil
	// means time.Now.
	Now func() time.Time
	// Weights replace scoring.DefaultWeights for roles that give none.
	Weights *scoring.Weights
	// DecisionLog, when set, records every ranking (see Decision): what
	// an audit reads and a replay runs again.
	DecisionLog DecisionLog
	// BatchSize is the number of candidates per index batch; 0 means
	// index.DefaultBatchSize.
	BatchSize int
	// LockTimeout bounds the wait for another process's lock on an
	// on-disk index; 0 means index.DefaultLockTimeout. Past it Open fails
	// with an error wrapping index.ErrLocked that names the lock file.
	LockTimeout time.Duration
	// ReadOnly opens an existing on-disk index for reading: Rank, Explain,
	// Get and facets work, writes return index.ErrReadOnly, and several
	// read-only engines (in one process or several) share the index. A
	// writer's open excludes them while it is open (see index.Options).
	// A read-only open cannot re-derive an index written under another
	// catalog: it fails with ErrStaleIndex instead.
	ReadOnly bool
	// RefuseStale makes Open fail with an error wrapping ErrStaleIndex when
	// an on-disk index's terms were derived under another catalog (see
	// index.Fingerprint), instead of re-deriving them from the stored
	// records before Open returns.
	RefuseStale bool
	// ReindexProgress, when set, is called after every batch a reindex
	// writes (at Open, or by Reindex).
	ReindexProgress func(index.ReindexProgress)
}

// Engine normalises, indexes, ranks and explains. It is safe for
// concurrent use.
type Engine struct {
	ix     *index.Index
	scorer *scoring.Scorer
	cat    *scoring.Catalog
	now    func() time.Time
	log    DecisionLog
	// catalogID identifies the catalog in decision logs.
	catalogID string
}

// ErrUnknownCandidate is returned for an id the engine does not hold.
var ErrUnknownCandidate = errors.New("match: unknown candidate")

// ErrStaleIndex is wrapped by Open's error when Options.RefuseStale is set
// and the on-disk index was written under another catalog; the error is an
// *index.StaleError with both fingerprints.
var ErrStaleIndex = index.ErrStale

// Open opens an engine over a new in-memory index or an on-disk one.
func Open(ctx context.Context, opts Options) (*Engine, error) {
	if opts.Catalog == nil {
		opts.Catalog = scoring.DefaultCatalog()
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	sc, err := scoring.NewScorer(scoring.Options{Catalog: opts.Catalog, Now: opts.Now, Weights: opts.Weights})
	if err != nil {
		return nil, fmt.Errorf("match: %w", err)
	}
	ix, err := index.Open(ctx, index.Options{Path: opts.Path, Scorer: sc, BatchSize: opts.BatchSize,
		LockTimeout: opts.LockTimeout, ReadOnly: opts.ReadOnly,
		RefuseStale: opts.RefuseStale, ReindexProgress: opts.ReindexProgress})
	if err != nil {
		return nil, fmt.Errorf("match: %w", err)
	}
	return &Engine{ix: ix, scorer: sc, cat: opts.Catalog, now: opts.Now, log: opts.DecisionLog, catalogID: catalogID(opts.Catalog)}, nil
}

// Reindex re-derives every stored candidate's search terms and ranking
// profile with the engine's catalog, as Open does for an on-disk index
// written under another one; the stored records are not changed. It
// returns how many candidates it re-derived. Writes wait while it runs.
func (e *Engine) Reindex(ctx context.Context) (int, error) {
	n, err := e.ix.Reindex(ctx)
	if err != nil {
		return n, fmt.Errorf("match: %w", err)
	}
	return n, nil
}

// Quarantined returns the stored records the index could not read back
// when it was opened (see index.Quarantined): they are left out of every
// ranking, Get and Count, and kept as stored; Add of the same id replaces
// one, Delete removes it.
func (e *Engine) Quarantined() []index.Quarantined { return e.ix.Quarantined() }

// Close closes the engine and its index. Closing twice is harmless.
func (e *Engine) Close() error { return e.ix.Close() }

// Catalog returns the catalog the engine resolves and scores with, the one
// to load role files against and to label certifications with
// (report.WriteTable).
func (e *Engine) Catalog() *scoring.Catalog { return e.cat }

// Scorer returns the scorer Rank is exact against: scoring one candidate
// with it gives the score Rank gives, and its Compile gives the plan whose
// index.ForPlan selection a facet count over a role's candidates uses.
func (e *Engine) Scorer() *scoring.Scorer { return e.scorer }

// Index returns the engine's index, for what the engine does not wrap and
// an integrator may need: facet counts over every candidate or a role's
// selection, free-text search, compaction of an on-disk index. Writing to
// it directly bypasses validation and normalisation; use Add and Import.
func (e *Engine) Index() *index.Index { return e.ix }

// UnresolvedCert is a credential the catalog could not place. It is kept
// on the candidate as written and counts for nothing in a score.
type UnresolvedCert struct {
	CandidateID string `json:"candidate_id"`
	scoring.Unresolved
}

// AddReport says what Add did.
type AddReport struct {
	// Added counts the candidates written; a record repeating an id in
	// the same call counts too and replaces the earlier one.
	Added      int                  `json:"added"`
	Rejected   []*input.RecordError `json:"rejected,omitempty"`
	Unresolved []UnresolvedCert     `json:"unresolved,omitempty"`
}

// Add validates, normalises and indexes candidates. An invalid candidate is
// rejected with its position and field and never stops the others.
func (e *Engine) Add(ctx context.Context, cands ...scoring.Candidate) (AddReport, error) {
	var rep AddReport
	ok := make([]scoring.Candidate, 0, len(cands))
	for i, c := range cands {
		if err := c.Validate(); err != nil {
			rep.Rejected = append(rep.Rejected, input.NewRecordError(fmt.Sprintf("[%d]", i), c.ID, err))
			continue
		}
		// Resolve writes ids into the credentials: work on a copy, never
		// on the caller's slice.
		c.Certifications = slices.Clone(c.Certifications)
		rep.Unresolved = append(rep.Unresolved, e.resolve(&c)...)
		ok = append(ok, c)
	}
	n, err := e.ix.Put(ctx, ok)
	rep.Added = n
	return rep, err
}

// resolve normalises c's credentials in place.
func (e *Engine) resolve(c *scoring.Candidate) []UnresolvedCert {
	var out []UnresolvedCert
	for _, u := range c.Resolve(e.cat) {
		out = append(out, UnresolvedCert{CandidateID: c.ID, Unresolved: u})
	}
	return out
}

// Get returns a stored candidate as it was indexed (credentials resolved).
func (e *Engine) Get(ctx context.Context, id string) (scoring.Candidate, error) {
	c, err := e.ix.Get(ctx, id)
	if errors.Is(err, index.ErrNotFound) {
		return c, fmt.Errorf("%w: %q", ErrUnknownCandidate, id)
	}
	return c, err
}

// Delete removes candidates; it returns how many were there.
func (e *Engine) Delete(ctx context.Context, ids ...string) (int, error) {
	return e.ix.Delete(ctx, ids...)
}

// Count returns the number of candidates.
func (e *Engine) Count(ctx context.Context) (int, error) { return e.ix.Count(ctx) }
