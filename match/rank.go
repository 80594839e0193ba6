package match

import (
	"context"
	"errors"
	"fmt"
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"

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
	// ones.
	IncludeIneligible bool
	// Query is free text over summaries and skills: only candidates
	// matching one of its words are ranked. It filters; it does not score.
	Query string
	// Filters restrict the candidates ranked.
	Filters index.Filters
	// Facets asks for term counts over every ranked candidate.
	Facets bool
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

// parallelMin is the number of selected candidates per extra goroutine.
const parallelMin = 8192

// scan is one part's share of a ranking.
type scan struct {
	top             topK
	total, eligible int
	facets          *index.FacetCounter
}

// errgroup runs functions concurrently and keeps the first error.
type errgroup struct {
	wg   sync.WaitGroup
	once sync.Once
	err  error
}

func (g *errgroup) Go(fn func() error) {
	g.wg.Add(1)
	go func() {
		defer g.wg.Done()
		// A panic here would end the caller's process, not just the call:
		// it becomes the call's error instead.
		defer func() {
			if r := recover(); r != nil {
				g.once.Do(func() { g.err = fmt.Errorf("match: internal error: %v", r) })
			}
		}()
		if err := fn(); err != nil {
			g.once.Do(func() { g.err = err })
		}
	}()
}

func (g *errgroup) Wait() error {
	g.wg.Wait()
	return g.err
}

// hit is a scored candidate in the top-K heap.
type hit struct {
	id       string
	score    float64
	eligible bool
	prof     *scoring.Profile
}

// better orders hits: eligible first, then higher score, then lower id.
func better(a, b hit) bool {
	if a.eligible != b.eligible {
		return a.eligible
	}
	if a.score != b.score {
		return a.score > b.score
	}
	return a.id < b.id
}

// topK keeps the k best hits in a binary heap whose root is the worst.
type topK struct {
	k int
	h []hit
}

func (t *topK) push(x hit) {
	if len(t.h) < t.k {
		t.h = append(t.h, x)
		for i := len(t.h) - 1; i > 0; {
			parent := (i - 1) / 2
			if !better(t.h[parent], t.h[i]) {
				break
			}
			t.h[parent], t.h[i] = t.h[i], t.h[parent]
			i = parent
		}
		return
	}
	if t.k == 0 || !better(x, t.h[0]) {
		return
	}
	t.h[0] = x
	for i := 0; ; {
		l, r, worst := 2*i+1, 2*i+2, i
		if l < len(t.h) && better(t.h[worst], t.h[l]) {
			worst = l
		}
		if r < len(t.h) && better(t.h[worst], t.h[r]) {
			worst = r
		}
		if worst == i {
			return
		}
		t.h[i], t.h[worst] = t.h[worst], t.h[i]
		i = worst
	}
}

func (t *topK) sorted() []hit {
	out := slices.Clone(t.h)
	slices.SortFunc(out, func(a, b hit) int {
		if better(a, b) {
			return -1
		}
		if better(b, a) {
			return 1
		}
		return 0
	})
	return out
}

// Rank ranks the candidates against a role and returns one page, exactly
// as scoring every candidate one by one with the scorer would: the same
// candidates, scores and order (eligible first, score descending, id
// ascending). Only the page's candidates are loaded and explained.
//
// Without IncludeIneligible only candidates who can be eligible are
// scored: the index's posting bitmaps give those holding a certification
// of every required group (directly or by implication) and every required
// skill, so the cost grows with the number who can be eligible, not with
// the index.
func (e *Engine) Rank(ctx context.Context, role scoring.Role, opts RankOptions) (Ranking, error) {
	if opts.Top < 0 || opts.Offset < 0 {
		return Ranking{}, fmt.Errorf("%w: negative top or offset", ErrOptions)
	}
	if opts.Top == 0 {
		opts.Top = DefaultTop
	}
	plan, err := e.scorer.Compile(role)
	if err != nil {
		return Ranking{}, err
	}
	sel := index.Selection{Text: strings.TrimSpace(opts.Query), Filters: opts.Filters}
	if !opts.IncludeIneligible {
		gates := index.ForPlan(plan)
		sel.RequiredAnyOf, sel.RequiredSkills, sel.MinYears = gates.RequiredAnyOf, gates.RequiredSkills, gates.MinYears
	}
	out := Ranking{Role: role.ID}
	var facets *index.FacetCounter
	k := opts.Offset + opts.Top
	if k < 0 { // Offset+Top overflows: keep every hit
		k = math.MaxInt
	}
	err = e.ix.View(ctx, func(v *index.View) error {
		set, err := v.Select(ctx, sel)
		if err != nil {
			return err
		}
		// Large selections are scored in parallel, one part per core, each
		// with its own top list; the lists merge exactly.
		parts := set.Split(min(runtime.GOMAXPROCS(0), set.Len()/parallelMin+1))
		scans := make([]scan, len(parts))
		var g errgroup
		for i := range parts {
			sc := &scans[i]
			sc.top.k = k
			if opts.Facets {
				sc.facets = index.NewFacetCounter(e.scorer)
			}
			g.Go(func() error {
				return parts[i].Each(ctx, func(id string, p *scoring.Profile) error {
					var score float64
					var eligible bool
					if opts.IncludeIneligible {
						score, eligible = plan.Points(p)
					} else {
						score, eligible = plan.EligiblePoints(p)
					}
					if !eligible && !opts.IncludeIneligible {
						return nil
					}
					sc.total++
					if eligible {
						sc.eligible++
					}
					if sc.facets != nil {
						sc.facets.Add(p)
					}
					sc.top.push(hit{id: id, score: score, eligible: eligible, prof: p})
					return nil
				})
			})
		}
		if err := g.Wait(); err != nil {
			return err
		}
		top := &topK{k: k}
		for i := range scans {
			out.Total += scans[i].total
			out.Eligible += scans[i].eligible
			for _, h := range scans[i].top.h {
				top.push(h)
			}
			if scans[i].facets != nil {
				if facets == nil {
					facets = scans[i].facets
				} else {
					facets.Merge(scans[i].facets)
				}
			}
		}
		hits := top.sorted()
		if opts.Offset >= len(hits) {
			return nil
		}
		// Load and explain the page, one part per core: loading a record
		// from bleve is the costly step.
		page := hits[opts.Offset:]
		out.Results = make([]Ranked, len(page))
		workers := min(runtime.GOMAXPROCS(0), (len(page)+3)/4)
		var load errgroup
		for w := 0; w < workers; w++ {
			load.Go(func() error {
				for i := w; i < len(page); i += workers {
					// A large page takes seconds to load: honour
					// cancellation between records.
					if (i/workers)%64 == 0 && ctx.Err() != nil {
						return ctx.Err()
					}
					c, err := v.Get(page[i].id)
					if err != nil {
						return err
					}
					out.Results[i] = Ranked{Rank: opts.Offset + i + 1, Result: plan.Explain(c, page[i].prof)}
				}
				return nil
			})
		}
		return load.Wait()
	})
	if err != nil {
		return Ranking{}, err
	}
	if facets != nil {
		f := facets.Facets()
		out.Facets = &f
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
// each role and returns the results best first (eligible first, score
// descending, role id ascending), each with its gaps and next steps.
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
	slices.SortStableFunc(out, func(a, b scoring.Result) int {
		switch {
		case a.Eligible != b.Eligible:
			if a.Eligible {
				return -1
			}
			return 1
		case a.Score != b.Score:
			if a.Score > b.Score {
				return -1
			}
			return 1
		}
		return strings.Compare(a.RoleID, b.RoleID)
	})
	return out, nil
}
