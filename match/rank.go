package match

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/certmatch/certmatch/index"
	"github.com/certmatch/certmatch/scoring"
)

// DefaultTop is the number of results Rank returns when RankOptions.Top is
// 0.
const DefaultTop = 20

// RankOptions select and page a ranking. The zero value is the top
// DefaultTop eligible candidates.
type RankOptions struct {
	Top    int // results per page; 0 means DefaultTop
	Offset int // results to skip
	// IncludeIneligible ranks ineligible candidates after the eligible
	// ones, nearest to eligible first (scoring.Away).
	IncludeIneligible bool
	// IneligibleOnly ranks only the ineligible candidates, nearest to
	// eligible first: who could be trained up for the role. It implies
	// IncludeIneligible; the ranking's Eligible is then 0.
	IneligibleOnly bool
	// Query is free text over summaries and skills: only candidates
	// matching one of its words are ranked. It filters; it does not score.
	Query string
	// Filters restrict the candidates ranked.
	Filters index.Filters
	// Facets asks for term counts over every ranked candidate.
	Facets bool
	// Now, when set, is the clock the ranking judges currency and recency
	// at, instead of the engine's: a replay of a logged ranking, or one
	// clock shared by several engines.
	Now time.Time
}

// Ranking is one page of a role's ranking.
type Ranking struct {
	Role string `json:"role"`
	// Eligible is the number of eligible candidates among those ranked;
	// Total is the number ranked (eligible plus, when asked for,
	// ineligible).
	Eligible int           `json:"eligible"`
	Total    int           `json:"total"`
	Results  []Ranked      `json:"results"`
	Facets   *index.Facets `json:"facets,omitempty"`
}

// Ranked is one ranked candidate with its explained score.
type Ranked struct {
	Rank int `json:"rank"` // 1-based, across pages
	scoring.Result
}

// ErrOptions is wrapped by errors about bad options.
var ErrOptions = errors.New("match: bad options")

// Rank ranks the candidates against a role and returns one page, exactly
// as scoring every candidate one by one with the scorer would: the same
// candidates, scores and order (scoring.Order: eligible first,
// ineligible nearest to eligible first, score descending, id ascending). Only the page's candidates are loaded and
// explained.
//
// Without IncludeIneligible only candidates who can be eligible are
// scored: the index's posting bitmaps give those holding a certification
// of every required group (directly or by implication) and every required
// skill, so the cost grows with the number who can be eligible, not with
// the index (see index.Index.Rank).
func (e *Engine) Rank(ctx context.Context, role scoring.Role, opts RankOptions) (Ranking, error) {
	if opts.Top < 0 || opts.Offset < 0 {
		return Ranking{}, fmt.Errorf("%w: negative top or offset", ErrOptions)
	}
	if opts.Top == 0 {
		opts.Top = DefaultTop
	}
	at := e.now()
	now := at
	if !opts.Now.IsZero() {
		now = opts.Now
	}
	plan, err := e.scorer.CompileAt(role, now)
	if err != nil {
		return Ranking{}, err
	}
	page, err := e.ix.Rank(ctx, plan, index.RankRequest{
		Offset: opts.Offset, Limit: opts.Top, IncludeIneligible: opts.IncludeIneligible,
		IneligibleOnly: opts.IneligibleOnly, Text: opts.Query, Filters: opts.Filters, Facets: opts.Facets,
	})
	if err != nil {
		return Ranking{}, err
	}
	out := Ranking{Role: role.ID, Eligible: page.Eligible, Total: page.Total, Facets: page.Facets}
	if len(page.Results) > 0 {
		out.Results = make([]Ranked, len(page.Results))
		for i, r := range page.Results {
			out.Results[i] = Ranked{Rank: opts.Offset + i + 1, Result: r}
		}
	}
	if e.log != nil {
		d := decision(plan.Now(), at, e.catalogID, role, plan.Weights(), opts, out)
		if err := e.log.LogDecision(ctx, d); err != nil {
			return Ranking{}, fmt.Errorf("%w: %w", ErrDecisionLog, err)
		}
	}
	return out, nil
}

// Explain scores one stored candidate against a role, explained.
func (e *Engine) Explain(ctx context.Context, id string, role scoring.Role) (scoring.Result, error) {
	plan, err := e.scorer.Compile(role)
	if err != nil {
		return scoring.Result{}, err
	}
	c, err := e.Get(ctx, id)
	if err != nil {
		return scoring.Result{}, err
	}
	return plan.Score(c), nil
}

// RolesFor is reverse matching: it scores one stored candidate against
// each role and returns the results best first (scoring.Order: eligible
// first, score descending, role id ascending), each with its gaps and next steps.
func (e *Engine) RolesFor(ctx context.Context, id string, roles []scoring.Role) ([]scoring.Result, error) {
	c, err := e.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	out := make([]scoring.Result, 0, len(roles))
	for _, r := range roles {
		plan, err := e.scorer.Compile(r)
		if err != nil {
			return nil, err
		}
		out = append(out, plan.Score(c))
	}
	slices.SortStableFunc(out, func(a, b scoring.Result) int { return a.RoleOrder().Compare(b.RoleOrder()) })
	return out, nil
}
