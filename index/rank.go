package index

import (
	"context"
	"errors"
	"fmt"
	"math"
	"runtime"
	"slices"
	"strings"

	"github.com/RoaringBitmap/roaring/v2"
	"golang.org/x/sync/errgroup"

	"github.com/certmatch/certmatch/internal/safe"
	"github.com/certmatch/certmatch/scoring"
)

// RankRequest asks for one page of a compiled role's ranking. The zero
// value asks for the totals of the eligible candidates and no results.
type RankRequest struct {
	// Offset is the number of results to skip; Limit the most returned.
	Offset, Limit int
	// IncludeIneligible ranks ineligible candidates after the eligible
	// ones, nearest to eligible first; without it only candidates who can
	// be eligible are scored.
	IncludeIneligible bool
	// IneligibleOnly ranks only the ineligible candidates, nearest to
	// eligible first: who could be trained up for the role. It implies
	// IncludeIneligible, and the page's Eligible is 0.
	IneligibleOnly bool
	// Text is free text over summaries and skills: only candidates
	// matching one of its words are ranked. It filters; it does not score.
	Text string
	// Filters restrict the candidates ranked.
	Filters Filters
	// Facets asks for term counts over every ranked candidate.
	Facets bool
}

// RankPage is one page of a ranking.
type RankPage struct {
	// Eligible is the number of eligible candidates among those ranked;
	// Total is the number ranked (eligible plus, when asked for,
	// ineligible).
	Eligible, Total int
	// Results are the page's candidates, explained, in scoring.Order.
	Results []scoring.Result
	// Facets counts terms over every ranked candidate when asked for.
	Facets *Facets
}

// ErrPlan is returned by Rank for a nil or zero plan, or one compiled by a
// scorer other than the index's (Options.Scorer): its catalog positions
// and skill numbering would not match the stored profiles.
var ErrPlan = errors.New("index: plan not compiled by the index's scorer")

// parallelMin is the number of selected candidates per extra goroutine.
const parallelMin = 8192

// Rank ranks the stored candidates against a compiled role and returns
// one page, exactly as scoring every candidate one by one with the plan
// would: the same candidates, scores and order ([scoring.Order]). Only
// the page's candidates are loaded from bleve and explained.
//
// Without IncludeIneligible only candidates who can be eligible are
// scored: the posting bitmaps give those holding a certification of every
// required group (directly or by implication) and every required skill,
// so the cost grows with the number who can be eligible, not with the
// index. Large selections are scored on every core, each part into its
// own bounded top list; the lists merge exactly. A panic while ranking is
// returned as an error.
func (ix *Index) Rank(ctx context.Context, plan *scoring.Plan, req RankRequest) (RankPage, error) {
	if req.Offset < 0 || req.Limit < 0 {
		return RankPage{}, fmt.Errorf("index: rank: negative offset or limit")
	}
	if sc := plan.Scorer(); sc == nil || sc.Vocab() != ix.scorer.Vocab() || sc.Catalog() != ix.cat {
		return RankPage{}, ErrPlan
	}
	sel := Selection{Text: strings.TrimSpace(req.Text), Filters: req.Filters}
	if req.IneligibleOnly {
		req.IncludeIneligible = true
	}
	if !req.IncludeIneligible {
		gates := ForPlan(plan)
		sel.RequiredAnyOf, sel.RequiredSkills, sel.MinYears = gates.RequiredAnyOf, gates.RequiredSkills, gates.MinYears
	}
	if err := ix.beforeTextRead(ctx, sel.Text); err != nil {
		return RankPage{}, err
	}
	k := req.Offset + req.Limit
	if k < 0 { // Offset+Limit overflows: keep every hit
		k = math.MaxInt
	}
	var out RankPage
	err := ix.view(ctx, func(v *view) error {
		set, err := v.resolve(ctx, sel)
		if err != nil {
			return err
		}
		set, rest, bound := v.prune(set, plan, k, req)
		top, facets, err := v.score(ctx, set, rest, bound, plan, k, req)
		if err != nil {
			return err
		}
		out.Total, out.Eligible = top.total, top.eligible
		if facets != nil {
			f := facets.facets()
			out.Facets = &f
		}
		hits := top.top.sorted()
		if req.Offset >= len(hits) {
			return nil
		}
		out.Results, err = v.explain(ctx, plan, hits[req.Offset:])
		return err
	})
	if err != nil {
		return RankPage{}, err
	}
	return out, nil
}

// tally is one part's share of a ranking.
type tally struct {
	top             topK
	total, eligible int
	facets          *facetCounter
}

// prune splits a selection for a role that requires no certification
// and no skill ([scoring.Plan.CertlessBound]): set keeps the candidates
// holding a certification the role credits, rest the others, who score
// at most bound. Without such a split (facets count every candidate, the
// ineligible-only ranking wants the low scores, a page as large as the
// selection keeps everyone) rest is empty.
func (v *view) prune(set selected, plan *scoring.Plan, k int, req RankRequest) (selected, selected, float64) {
	rest := set
	rest.bits, rest.slots = nil, nil
	ids, bound, ok := plan.CertlessBound()
	if !ok || set.bits == nil || req.Facets || req.IneligibleOnly || k == 0 || k >= set.len() {
		return set, rest, 0
	}
	s := v.ix.side
	holders := s.union(s.certs, ids)
	rest.slots = roaring.AndNot(set.bits, holders).ToArray()
	set.slots = roaring.And(set.bits, holders).ToArray()
	set.bits = nil
	return set, rest, bound
}

// score scores the selected candidates, one part per core for a large
// selection, and merges the parts' top lists, totals and facets. A
// positive bound comes from prune: the candidates of rest are scored
// after those of set, and only while a part's top list could still take
// a score of bound; a candidate of set only while it could take the
// candidate's own Plan.Bound. Once a part's k-th hit is eligible with a
// higher score, a candidate is only counted (eligible exactly when it has
// the role's years, as CertlessBound promises).
func (v *view) score(ctx context.Context, set, rest selected, bound float64, plan *scoring.Plan, k int, req RankRequest) (*tally, *facetCounter, error) {
	n := min(runtime.GOMAXPROCS(0), (set.len()+rest.len())/parallelMin+1)
	parts, restParts := set.split(n), rest.split(n)
	tallies := make([]tally, max(len(parts), len(restParts)))
	minYears := plan.Role().MinYears
	var g errgroup.Group
	for i := range tallies {
		t := &tallies[i]
		t.top.k = k
		if req.Facets {
			t.facets = newFacetCounter(v.ix.scorer)
		}
		g.Go(safe.Guard(func() error {
			add := func(e *entry) error {
				var key scoring.Order
				if req.IncludeIneligible {
					key = plan.Order(&e.prof, e.id)
				} else {
					score, eligible := plan.EligiblePoints(&e.prof)
					if !eligible {
						return nil
					}
					key = scoring.Order{Eligible: true, Score: score, ID: e.id}
				}
				if key.Eligible {
					if req.IneligibleOnly {
						return nil
					}
					t.eligible++
				}
				t.total++
				if t.facets != nil {
					t.facets.add(e)
				}
				t.top.push(hit{key: key, prof: &e.prof})
				return nil
			}
			// skip reports whether a candidate cannot enter the part's top
			// list, its score being at most b; it is then counted only.
			skip := func(e *entry, b float64) bool {
				if len(t.top.h) < t.top.k {
					return false
				}
				if worst := t.top.h[0].key; !worst.Eligible || worst.Score <= b {
					return false
				}
				t.total++
				if !(e.prof.Years() < minYears) {
					t.eligible++
				}
				return true
			}
			if i < len(parts) {
				scan := add
				if bound > 0 {
					scan = func(e *entry) error {
						if skip(e, plan.Bound(&e.prof)) {
							return nil
						}
						return add(e)
					}
				}
				if err := parts[i].each(ctx, scan); err != nil {
					return err
				}
			}
			if i >= len(restParts) || restParts[i].len() == 0 {
				return nil
			}
			return restParts[i].each(ctx, func(e *entry) error {
				if skip(e, bound) {
					return nil
				}
				return add(e)
			})
		}))
	}
	if err := g.Wait(); err != nil {
		return nil, nil, fmt.Errorf("index: rank: %w", err)
	}
	all := &tally{top: topK{k: k}}
	var facets *facetCounter
	for i := range tallies {
		t := &tallies[i]
		all.total += t.total
		all.eligible += t.eligible
		for _, h := range t.top.h {
			all.top.push(h)
		}
		if t.facets != nil {
			if facets == nil {
				facets = t.facets
			} else {
				facets.merge(t.facets)
			}
		}
	}
	return all, facets, nil
}

// explain loads and explains the page's hits, one part per core: loading
// a record from bleve is the costly step, so a large page takes seconds
// and cancellation is honoured between records.
func (v *view) explain(ctx context.Context, plan *scoring.Plan, page []hit) ([]scoring.Result, error) {
	out := make([]scoring.Result, len(page))
	workerCount := min(runtime.GOMAXPROCS(0), (len(page)+3)/4)
	var g errgroup.Group
	for w := 0; w < workerCount; w++ {
		g.Go(safe.Guard(func() error {
			for i := w; i < len(page); i += workerCount {
				if (i/workerCount)%64 == 0 && ctx.Err() != nil {
					return ctx.Err()
				}
				c, err := v.get(page[i].key.ID)
				if err != nil {
					return err
				}
				out[i] = plan.Explain(c, page[i].prof)
			}
			return nil
		}))
	}
	if err := g.Wait(); err != nil {
		return nil, fmt.Errorf("index: rank: %w", err)
	}
	return out, nil
}

// hit is a scored candidate in a top list.
type hit struct {
	key  scoring.Order
	prof *scoring.Profile
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
			if !t.h[parent].key.Before(t.h[i].key) {
				break
			}
			t.h[parent], t.h[i] = t.h[i], t.h[parent]
			i = parent
		}
		return
	}
	if t.k == 0 || !x.key.Before(t.h[0].key) {
		return
	}
	t.h[0] = x
	for i := 0; ; {
		l, r, worst := 2*i+1, 2*i+2, i
		if l < len(t.h) && t.h[worst].key.Before(t.h[l].key) {
			worst = l
		}
		if r < len(t.h) && t.h[worst].key.Before(t.h[r].key) {
			worst = r
		}
		if worst == i {
			return
		}
		t.h[i], t.h[worst] = t.h[worst], t.h[i]
		i = worst
	}
}

// sorted returns the hits best first.
func (t *topK) sorted() []hit {
	out := slices.Clone(t.h)
	slices.SortFunc(out, func(a, b hit) int { return a.key.Compare(b.key) })
	return out
}
