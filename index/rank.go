package index

import (
	"context"
	"errors"
	"fmt"
	"math"
	"runtime"
	"slices"
	"strings"
	"sync/atomic"

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
	// KeysOnly returns the page as ranking keys (RankPage.Keys) and loads
	// and explains no record: a caller merging the pages of several
	// indexes explains only the candidates of the merged page.
	KeysOnly bool
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
	// Keys are the page's ranking keys in order, with KeysOnly (Results
	// is then empty).
	Keys []scoring.Order
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
// index. Most of them are not scored either: the selection is split by
// the posting bitmaps into classes of candidates holding the same
// credited certifications and skills, each with a bound of its scores
// ([scoring.Bounds]); classes are taken best bound first, and once the
// page's worst kept score is above a class's bound (or a candidate's
// own, from its years) its candidates are only counted, so Total,
// Eligible and the facets stay exact. A page that reaches the ineligible
// candidates (who rank nearest to eligible first) skips the same way the
// classes leaving more required items unmet than its worst kept one.
// Large classes are scored on every core, each part into its own bounded
// top list; the lists merge exactly. Free text is one unscored bleve query whose matches map to
// slots without resolving their ids. A panic while ranking is returned as
// an error.
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
		top, facets, err := v.score(ctx, set, plan, k, req)
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
		if req.KeysOnly {
			out.Keys = make([]scoring.Order, 0, len(hits)-req.Offset)
			for _, h := range hits[req.Offset:] {
				out.Keys = append(out.Keys, h.key)
			}
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

// class is a set of selected candidates that hold the same of a plan's
// first features ([scoring.Bounds]; held says which, the rest are
// unknown), with the bound of their scores. An unbounded class is scored
// in full.
type class struct {
	bits    *roaring.Bitmap
	size    int
	held    []scoring.Held
	ceil    scoring.Ceiling
	bounded bool
}

// splitMin is the least class worth splitting by its next feature:
// scoring a smaller one costs less than the bitmap work. pruneMin is the
// least selection worth ranking by classes: below it, scoring everyone
// costs less than the posting lists' work. Tests lower both to reach
// every path on small indexes.
var splitMin, pruneMin = 256, 1024

// classQueue holds classes in the order of the ranking they can reach:
// fewest required items unmet first (a class with none may hold eligible
// candidates, which rank before every ineligible one), then best bound
// first.
type classQueue []*class

// before reports whether a is taken before b.
func (a *class) before(b *class) bool {
	if au, bu := a.ceil.Unmet(), b.ceil.Unmet(); au != bu {
		return au < bu
	}
	return a.ceil.Max() > b.ceil.Max()
}

func (q *classQueue) push(c *class) {
	*q = append(*q, c)
	h := *q
	for i := len(h) - 1; i > 0; {
		parent := (i - 1) / 2
		if !h[i].before(h[parent]) {
			break
		}
		h[parent], h[i] = h[i], h[parent]
		i = parent
	}
}

func (q *classQueue) pop() *class {
	h := *q
	top := h[0]
	last := len(h) - 1
	h[0] = h[last]
	h = h[:last]
	for i := 0; ; {
		l, r, best := 2*i+1, 2*i+2, i
		if l < len(h) && h[l].before(h[best]) {
			best = l
		}
		if r < len(h) && h[r].before(h[best]) {
			best = r
		}
		if best == i {
			break
		}
		h[i], h[best] = h[best], h[i]
		i = best
	}
	*q = h
	return top
}

// score scores the selected candidates and returns the merged top list,
// totals and facets.
//
// Without bounds to use (a page as large as the selection keeps
// everyone, a small selection is cheaper to score) every candidate is
// scored, one part per core for a large selection, each part into its
// own bounded top list; the lists merge exactly.
//
// Otherwise the selection is a class with every feature unknown, and
// classes are taken in the ranking's order (fewest required items unmet,
// then best bound, first): a large one with a feature left is split by
// it (an AND and an AND NOT of the posting bitmaps), any other is
// scanned. Once a top list is full and its k-th hit is eligible with a
// score above a class's bound, no candidate of that class or any later
// one can enter the page; they are only counted, by the class's size
// where the class decides eligibility, else by their years or
// credentials ([scoring.Ceiling.Eligible]), so Total, Eligible and the
// facets stay exact. Within a scanned class a candidate whose own bound
// ([scoring.Ceiling.Of]) is below the cut is counted the same way. Once
// the k-th hit is ineligible, a class leaving more required items unmet
// ([scoring.Ceiling.Unmet]) and every later one are counted the same
// way; a ranking of the ineligible only skips the classes whose
// candidates are eligible by their years alone.
func (v *view) score(ctx context.Context, set selected, plan *scoring.Plan, k int, req RankRequest) (*tally, *facetCounter, error) {
	n := set.len()
	workers := min(runtime.GOMAXPROCS(0), n/parallelMin+1)
	r := &ranker{v: v, plan: plan, bounds: plan.Bounds(), req: req, minYears: plan.Role().MinYears, ents: v.ix.side.ents, tallies: make([]tally, workers)}
	for i := range r.tallies {
		r.tallies[i].top.k = k
		if req.Facets {
			r.tallies[i].facets = newFacetCounter(v.ix.scorer)
		}
	}
	var err error
	r.unmetCut.Store(math.MaxInt64)
	if k == 0 || k >= n || n < pruneMin || set.bits == nil {
		err = r.scanSlots(ctx, &class{}, set.array())
	} else {
		r.years = v.slotYears()
		err = r.classes(ctx, set.bits, n)
	}
	if err != nil {
		return nil, nil, fmt.Errorf("index: rank: %w", err)
	}
	all := &tally{top: topK{k: k}}
	var facets *facetCounter
	for i := range r.tallies {
		t := &r.tallies[i]
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

// ranker is one ranking's state: a tally per worker and the cut.
type ranker struct {
	v        *view
	plan     *scoring.Plan
	bounds   *scoring.Bounds
	req      RankRequest
	minYears float64
	ents     []entry
	years    []float64 // by slot, for the classes path
	tallies  []tally
	// cut is the best k-th eligible score of any worker's top list, as
	// float bits (a non-negative float orders as its bits do); 0 skips
	// nothing, since every bound is above 0.
	cut atomic.Uint64
	// unmetCut is the fewest required items unmet by the k-th hit of any
	// worker's full top list that holds an ineligible one there, or
	// MaxInt64: a class leaving more unmet cannot enter the page.
	unmetCut atomic.Int64
}

func (r *ranker) cutScore() float64 { return math.Float64frombits(r.cut.Load()) }

// classes ranks a selection by classes, best bound first.
func (r *ranker) classes(ctx context.Context, set *roaring.Bitmap, n int) error {
	b := r.bounds
	feats := b.Features()
	s := r.v.ix.side
	holders := make([]*roaring.Bitmap, len(feats))
	q := classQueue{}
	q.push(&class{bits: set, size: n, ceil: b.Ceiling(nil), bounded: true})
	for len(q) > 0 {
		if err := ctx.Err(); err != nil {
			return err
		}
		c := q.pop()
		if c.ceil.Gate() == scoring.GateNever && !r.req.IncludeIneligible {
			continue // no one to rank or count
		}
		if c.ceil.Gate() == scoring.GateYears && !(r.minYears > 0) && r.req.IneligibleOnly {
			continue // every one eligible: no one to rank or count
		}
		if r.cutScore() > c.ceil.Max() || int64(c.ceil.Unmet()) > r.unmetCut.Load() {
			// No class left can enter the page: the classes after it
			// leave at least as many items unmet, and those leaving none
			// are bounded by no more than its bound.
			if err := r.countAll(ctx, c); err != nil {
				return err
			}
			for len(q) > 0 {
				if err := r.countAll(ctx, q.pop()); err != nil {
					return err
				}
			}
			return nil
		}
		fi := len(c.held)
		if fi < len(feats) && feats[fi].Gated && feats[fi].Exact && !r.req.IncludeIneligible {
			// The gates selected only holders: every candidate of the
			// class holds it.
			c.held = append(slices.Clip(c.held), scoring.HeldAll)
			c.ceil = b.Ceiling(c.held)
			q.push(c)
			continue
		}
		if fi < len(feats) && (c.size >= splitMin || feats[fi].Required) {
			f := feats[fi]
			inHeld := scoring.HeldAll
			if holders[fi] == nil {
				m := s.certs
				if f.Skill {
					m = s.skills
				}
				holders[fi] = s.union(m, f.Keys)
				if f.Required && !f.Exact && !r.req.IncludeIneligible {
					// Only who meets its conditions can be eligible:
					// the others are not ranked.
					holders[fi] = r.v.metSlots(b, fi, holders[fi])
				}
			}
			if f.Required && !f.Exact && !r.req.IncludeIneligible {
				inHeld = scoring.HeldMet
			}
			in := roaring.And(c.bits, holders[fi])
			nIn := int(in.GetCardinality())
			if nIn > 0 {
				held := append(slices.Clip(c.held), inHeld)
				q.push(&class{bits: in, size: nIn, held: held, ceil: b.Ceiling(held), bounded: true})
			}
			if nIn < c.size {
				// The class is split: its bitmap, the ranking's own (the
				// selection is resolved afresh for each), becomes the
				// part without the feature.
				out := c.bits
				if nIn > 0 {
					out.AndNot(holders[fi])
				}
				held := append(slices.Clip(c.held), scoring.HeldNone)
				q.push(&class{bits: out, size: c.size - nIn, held: held, ceil: b.Ceiling(held), bounded: true})
			}
			continue
		}
		if err := r.scan(ctx, c); err != nil {
			return err
		}
	}
	return nil
}

// parallelClassMin is the number of a class's candidates per extra
// goroutine: most are ruled out by a comparison, so a goroutine pays
// only for many.
const parallelClassMin = 1 << 16

// parts runs fn on every worker with its share of a class's slots, on
// one when they are few. Without a score bound to rule candidates out by
// (a class leaving a required item unmet, a ranking of the ineligible
// only) each is ordered in full.
func (r *ranker) parts(c *class, slots []uint32, fn func(t *tally, slots []uint32) error) error {
	per := parallelMin
	if r.years != nil && c.ceil.Unmet() == 0 && !r.req.IneligibleOnly {
		per = parallelClassMin
	}
	n := min(len(r.tallies), len(slots)/per+1)
	if n <= 1 {
		return fn(&r.tallies[0], slots)
	}
	var g errgroup.Group
	for i := range n {
		t := &r.tallies[i]
		part := slots[i*len(slots)/n : (i+1)*len(slots)/n]
		g.Go(safe.Guard(func() error { return fn(t, part) }))
	}
	return g.Wait()
}

// scan scores a class's candidates.
func (r *ranker) scan(ctx context.Context, c *class) error {
	return r.scanSlots(ctx, c, c.bits.ToArray())
}

// scanSlots scores candidates of a class, counting those whose bound is
// below the cut.
func (r *ranker) scanSlots(ctx context.Context, c *class, slots []uint32) error {
	return r.parts(c, slots, func(t *tally, slots []uint32) error {
		quick := c.bounded && r.years != nil && (t.facets == nil && c.ceil.Gate() != scoring.GateProfile)
		// below: candidates with at most these years are ruled out at the
		// cut it was worked out for.
		below, belowAt := -1.0, -1.0
		eligibleByYears := c.bounded && r.years != nil && c.ceil.Gate() == scoring.GateYears && r.req.IneligibleOnly
		for j, slot := range slots {
			if j%4096 == 4095 && ctx.Err() != nil {
				return ctx.Err()
			}
			if eligibleByYears && !(r.years[slot] < r.minYears) {
				continue // eligible: not ranked
			}
			if quick {
				// Ruled out from the years alone, the entry unread.
				y := r.years[slot]
				if !r.req.IncludeIneligible && y < r.minYears {
					continue
				}
				// The cut only rises, so a threshold worked out for an
				// older cut still rules out; it is worked out again only
				// for a candidate it does not.
				if y > below {
					if cut := r.cutScore(); cut != belowAt {
						below, belowAt = c.ceil.YearsBelow(cut), cut
					}
				}
				if y <= below {
					r.countYears(t, y, c)
					continue
				}
			}
			e := &r.ents[slot]
			if !r.req.IncludeIneligible && e.prof.Years() < r.minYears {
				continue
			}
			if cut := r.cutScore(); c.bounded && cut > 0 && cut > c.ceil.Of(&e.prof) {
				r.count(t, e, c)
				continue
			}
			r.add(t, e)
		}
		return nil
	})
}

// add scores a candidate into a worker's tally.
func (r *ranker) add(t *tally, e *entry) {
	var key scoring.Order
	if r.req.IncludeIneligible {
		key = r.plan.Order(&e.prof, e.id)
	} else {
		score, eligible := r.plan.EligiblePoints(&e.prof)
		if !eligible {
			return
		}
		key = scoring.Order{Eligible: true, Score: score, ID: e.id}
	}
	if key.Eligible {
		if r.req.IneligibleOnly {
			return
		}
		t.eligible++
	}
	t.total++
	if t.facets != nil {
		t.facets.add(e)
	}
	t.top.push(hit{key: key, prof: &e.prof})
	if len(t.top.h) == t.top.k {
		if worst := t.top.h[0].key; worst.Eligible {
			for bits := math.Float64bits(worst.Score); ; {
				old := r.cut.Load()
				if old >= bits || r.cut.CompareAndSwap(old, bits) {
					break
				}
			}
		} else {
			for u := int64(worst.Away.Unmet); ; {
				old := r.unmetCut.Load()
				if old <= u || r.unmetCut.CompareAndSwap(old, u) {
					break
				}
			}
		}
	}
}

// count counts a candidate that cannot enter the page.
func (r *ranker) count(t *tally, e *entry, c *class) {
	eligible := c.ceil.Eligible(&e.prof)
	if !eligible && !r.req.IncludeIneligible {
		return
	}
	t.total++
	if eligible {
		t.eligible++
	}
	if t.facets != nil {
		t.facets.add(e)
	}
}

// countYears counts a candidate that cannot enter the page, of a class
// whose eligibility the years decide (or never eligible), without facets.
func (r *ranker) countYears(t *tally, years float64, c *class) {
	eligible := c.ceil.Gate() == scoring.GateYears && !(years < r.minYears)
	if !eligible && !r.req.IncludeIneligible {
		return
	}
	t.total++
	if eligible {
		t.eligible++
	}
}

// countAll counts a class none of which can enter the page: by its size
// where the class decides eligibility and no facets are asked for.
func (r *ranker) countAll(ctx context.Context, c *class) error {
	t := &r.tallies[0]
	if t.facets == nil {
		switch gate := c.ceil.Gate(); {
		case gate == scoring.GateNever:
			if r.req.IncludeIneligible {
				t.total += c.size
			}
			return nil
		case gate == scoring.GateYears && !(r.minYears > 0):
			t.total += c.size
			t.eligible += c.size
			return nil
		}
	}
	if t.facets == nil && c.ceil.Gate() == scoring.GateYears && r.years != nil {
		c.bits.Iterate(func(slot uint32) bool {
			r.countYears(t, r.years[slot], c)
			return true
		})
		return ctx.Err()
	}
	return r.parts(c, c.bits.ToArray(), func(t *tally, slots []uint32) error {
		for j, slot := range slots {
			if j%4096 == 4095 && ctx.Err() != nil {
				return ctx.Err()
			}
			e := &r.ents[slot]
			if !r.req.IncludeIneligible && e.prof.Years() < r.minYears {
				continue
			}
			r.count(t, e, c)
		}
		return nil
	})
}

// explain loads and explains the page's hits, one part per core. In
// memory only the explained records are read; on disk loading a record
// from bleve is the costly step, so a large page takes seconds and
// cancellation is honoured between records.
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
				c, err := v.explained(page[i].key.ID)
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
