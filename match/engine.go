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
	// Path of an on-disk index; "" keeps everything in memory.
	Path string
	// Catalog resolves and scores certifications; nil means
	// scoring.DefaultCatalog().
	Catalog *scoring.Catalog
	// Now is the clock for currency, recency and ongoing work periods; nil
	// means time.Now.
	Now func() time.Time
	// Weights replace scoring.DefaultWeights for roles that give none.
	Weights *scoring.Weights
	// BatchSize is the number of candidates per index batch; 0 means
	// index.DefaultBatchSize.
	BatchSize int
}

// Engine normalises, indexes, ranks and explains. It is safe for
// concurrent use.
type Engine struct {
	ix     *index.Index
	scorer *scoring.Scorer
	cat    *scoring.Catalog
	now    func() time.Time
}

// ErrUnknownCandidate is returned for an id the engine does not hold.
var ErrUnknownCandidate = errors.New("match: unknown candidate")

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
	ix, err := index.Open(ctx, index.Options{Path: opts.Path, Scorer: sc, BatchSize: opts.BatchSize})
	if err != nil {
		return nil, fmt.Errorf("match: %w", err)
	}
	return &Engine{ix: ix, scorer: sc, cat: opts.Catalog, now: opts.Now}, nil
}

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
