package index

import (
	"context"
	"fmt"
	"runtime"
	"sort"
	"sync"
	"weak"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/certmatch/certmatch/scoring"
)

// Selection narrows the candidates a scan or search visits. Its zero value
// selects every candidate.
type Selection struct {
	// RequiredAnyOf holds one list per required certification group: a
	// candidate must hold (directly or through an implication) an id of
	// every list. scoring.Plan.RequiredAnyOf gives them for a role.
	RequiredAnyOf [][]string
	// RequiredSkills are skill keys every selected candidate has.
	RequiredSkills []string
	// MinYears is the least years of experience.
	MinYears float64
	// Text is a free-text query over summaries and skills: candidates
	// matching any of its words (English analysis) are selected.
	Text string
	Filters
}

// Filters restrict a selection further.
type Filters struct {
	Locations      []string // any of: the same location or city
	Skills         []string // all of, as written or as keys
	Certifications []string // all of: ids held or implied, or catalog groups (any member)
}

// expand turns certification filters into required groups, so a group id
// such as "spark-developer" selects holders of any of its members, and
// skill filters into required skill keys folded with the index's catalog
// (its skill synonyms, not the built-in ones).
func (ix *Index) expand(sel Selection) Selection {
	if len(sel.Certifications) > 0 {
		groups := append([][]string(nil), sel.RequiredAnyOf...)
		for _, c := range sel.Certifications {
			groups = append(groups, ix.cat.Expand(c))
		}
		sel.RequiredAnyOf, sel.Certifications = groups, nil
	}
	if len(sel.Filters.Skills) > 0 {
		keys := append([]string(nil), sel.RequiredSkills...)
		for _, k := range sel.Filters.Skills {
			keys = append(keys, ix.cat.SkillKey(k))
		}
		sel.RequiredSkills, sel.Filters.Skills = keys, nil
	}
	return sel
}

// ForPlan returns the selection of candidates that can be eligible for a
// compiled role: a superset of the eligible ones, never missing one.
func ForPlan(p *scoring.Plan) Selection {
	return Selection{RequiredAnyOf: p.RequiredAnyOf(), RequiredSkills: p.RequiredSkillKeys(), MinYears: p.Role().MinYears}
}

// view is a consistent read of the index: no write lands while a view
// function runs.
type view struct {
	ix *Index
}

// view runs fn with a consistent read of the index.
func (ix *Index) view(ctx context.Context, fn func(v *view) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	if ix.closed {
		return ErrClosed
	}
	if err := ix.writeFailure(); err != nil {
		return err
	}
	return fn(&view{ix: ix})
}

// get returns a stored candidate.
func (v *view) get(id string) (scoring.Candidate, error) { return v.ix.get(id) }

func (v *view) explained(id string) (scoring.Candidate, error) { return v.ix.explained(id) }

// selected is a resolved selection: the candidates a scan visits, which
// can be split to scan in parallel. It is valid while its view is.
type selected struct {
	v        *view
	bits     *roaring.Bitmap // the slots as resolved; nil in parts
	slots    []uint32        // the slots of a part; nil until split
	minYears float64
}

// resolve resolves a selection. Text selections run one bleve query;
// everything else is answered from the posting bitmaps.
func (v *view) resolve(ctx context.Context, sel Selection) (selected, error) {
	b, err := v.slots(ctx, sel)
	if err != nil {
		return selected{}, err
	}
	return selected{v: v, bits: b, minYears: sel.MinYears}, nil
}

// len is the number of candidates selected before the years gate.
func (s selected) len() int {
	if s.bits != nil {
		return int(s.bits.GetCardinality())
	}
	return len(s.slots)
}

// array returns the selected slots, ascending.
func (s selected) array() []uint32 {
	if s.slots == nil && s.bits != nil {
		return s.bits.ToArray()
	}
	return s.slots
}

// split divides the selection into at most n parts of about equal size.
func (s selected) split(n int) []selected {
	slots := s.array()
	n = max(1, min(n, len(slots)))
	out := make([]selected, 0, n)
	for i := 0; i < n; i++ {
		part := s
		part.bits = nil
		part.slots = slots[i*len(slots)/n : (i+1)*len(slots)/n]
		out = append(out, part)
	}
	return out
}

// each calls fn for every candidate in the selection that has the years,
// in no particular order. The entry is shared and valid only during the
// call. Parts from split may run each concurrently.
func (s selected) each(ctx context.Context, fn func(e *entry) error) error {
	ents := s.v.ix.side.ents
	for n, slot := range s.array() {
		if n%4096 == 4095 && ctx.Err() != nil {
			return ctx.Err()
		}
		e := &ents[slot]
		if e.prof.Years() < s.minYears {
			continue
		}
		if err := fn(e); err != nil {
			return err
		}
	}
	return nil
}

// slots resolves a selection to a bitmap of slots (before the years gate).
func (v *view) slots(ctx context.Context, sel Selection) (*roaring.Bitmap, error) {
	sel = v.ix.expand(sel)
	s := v.ix.side
	out := s.live.Clone()
	for _, group := range sel.RequiredAnyOf {
		out.And(s.union(s.certs, group))
	}
	for _, k := range sel.RequiredSkills {
		out.And(s.union(s.skills, []string{k}))
	}
	if len(sel.Locations) > 0 {
		out.And(s.locationSlots(sel.Locations))
	}
	if sel.Text != "" && !out.IsEmpty() {
		text, err := v.textSlots(ctx, sel)
		if err != nil {
			return nil, err
		}
		out.And(text)
	}
	return out, nil
}

// textSlots returns the slots of candidates matching the selection's
// text and its certification and skill gates, from one unscored bleve
// query. The years gate is
// left to the caller: a numeric range costs a term per precision step in
// every segment, more than it saves here.
//
// bleve's matches are documents of its segments; resolving each one's id
// reads the segment's stored fields, which costs more than the query
// itself. So the matches are read from bleve's searcher directly and
// mapped to slots through a table per segment (docSlots), filled the
// first time a document matches and kept while the segment lives.
func (v *view) textSlots(ctx context.Context, sel Selection) (*roaring.Bitmap, error) {
	// Queued writes reach bleve first, so its matches are the structure's.
	if err := v.ix.awaitWrites(ctx); err != nil {
		return nil, err
	}
	sel.MinYears = 0
	q := BleveQuery(sel)
	adv, err := v.ix.bl.Advanced()
	if err != nil {
		return nil, fmt.Errorf("index: text query: %w", err)
	}
	r, err := adv.Reader()
	if err != nil {
		return nil, fmt.Errorf("index: text query: %w", err)
	}
	defer r.Close()
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		return v.textSlotsByID(ctx, q)
	}
	searcher, err := q.Searcher(ctx, r, v.ix.bl.Mapping(), search.SearcherOptions{Score: bleve.ScoreNone})
	if err != nil {
		return nil, fmt.Errorf("index: text query: %w", err)
	}
	defer searcher.Close()
	sctx := &search.SearchContext{DocumentMatchPool: search.NewDocumentMatchPool(searcher.DocumentMatchPoolSize()+1, 0), IndexReader: r}
	var docs []uint64
	for n := 0; ; n++ {
		if n%4096 == 4095 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		dm, err := searcher.Next(sctx)
		if err != nil {
			return nil, fmt.Errorf("index: text query: %w", err)
		}
		if dm == nil {
			break
		}
		docs = append(docs, dm.IndexInternalID.Value())
		sctx.DocumentMatchPool.Put(dm)
	}
	return slotsOfDocs(v.ix.side, snap, docs)
}

// textSlotsByID is textSlots through bleve's search, resolving every
// match's id: for a reader that is not scorch's.
func (v *view) textSlotsByID(ctx context.Context, q query.Query) (*roaring.Bitmap, error) {
	var mu sync.Mutex
	out := roaring.New()
	s := v.ix.side
	q = query.NewCustomFilterQueryWithFilter(q, func(_ context.Context, d *search.DocumentMatch) (bool, error) {
		mu.Lock()
		if slot, ok := s.slot[d.ID]; ok {
			out.Add(slot)
		}
		mu.Unlock()
		return false, nil
	}, nil, nil)
	req := bleve.NewSearchRequestOptions(q, 0, 0, false)
	req.Score = bleve.ScoreNone
	if _, err := v.ix.bl.SearchInContext(ctx, req); err != nil {
		return nil, fmt.Errorf("index: text query: %w", err)
	}
	return out, nil
}

// docSlots maps the documents of bleve's segments to sidecar slots: by
// segment, by document number within it, the slot plus one (0 while not
// known). A segment's documents never change, and a live document's id
// keeps its slot: the sidecar frees a slot only when the id is deleted,
// which deletes the document in bleve too, so it never matches again.
//
// It also holds every slot's years in one flat array (years, valid for
// the index's write counter yearsAt): a ranking rules most candidates out
// from their years alone, and reading them there touches 8 bytes a
// candidate instead of the candidate's entry. Every change to a sidecar
// goes through a batch, which bumps the counter under the write lock.
type docSlots struct {
	mu   sync.Mutex
	segs map[any][]uint32

	yearsMu sync.Mutex
	yearsAt uint64
	years   []float64 // nil until built
	// met holds, by Bounds.MeetsKey, the slots meeting a certification
	// requirement with its conditions, valid for yearsAt.
	met map[string]*roaring.Bitmap
}

// maxMet bounds the requirements whose holders are kept.
const maxMet = 256

// metSlots returns the live slots among holders meeting certification
// feature fi of b, kept between rankings until the next write.
func (v *view) metSlots(b *scoring.Bounds, fi int, holders *roaring.Bitmap) *roaring.Bitmap {
	s := v.ix.side
	d := docSlotsFor(s)
	key := b.MeetsKey(fi)
	d.yearsMu.Lock()
	if d.yearsAt != v.ix.writes {
		d.met, d.years, d.yearsAt = nil, nil, v.ix.writes
	}
	if len(d.met) >= maxMet {
		d.met = nil
	}
	m := d.met[key]
	d.yearsMu.Unlock()
	if m != nil {
		return m
	}
	m = roaring.New()
	roaring.And(holders, s.live).Iterate(func(slot uint32) bool {
		if b.Meets(fi, &s.ents[slot].prof) {
			m.Add(slot)
		}
		return true
	})
	d.yearsMu.Lock()
	if d.yearsAt == v.ix.writes {
		if d.met == nil {
			d.met = map[string]*roaring.Bitmap{}
		}
		d.met[key] = m
	}
	d.yearsMu.Unlock()
	return m
}

// slotYears returns the years of every slot of the view's sidecar.
func (v *view) slotYears() []float64 {
	s := v.ix.side
	d := docSlotsFor(s)
	d.yearsMu.Lock()
	defer d.yearsMu.Unlock()
	if d.years == nil || d.yearsAt != v.ix.writes || len(d.years) != len(s.ents) {
		years := make([]float64, len(s.ents))
		for i := range s.ents {
			years[i] = s.ents[i].prof.Years()
		}
		if d.yearsAt != v.ix.writes {
			d.met = nil
		}
		d.years, d.yearsAt = years, v.ix.writes
	}
	return d.years
}

// docSlotsOf holds a docSlots per sidecar, dropped with the sidecar.
var docSlotsOf sync.Map // weak.Pointer[sidecar] -> *docSlots

func docSlotsFor(s *sidecar) *docSlots {
	key := weak.Make(s)
	if d, ok := docSlotsOf.Load(key); ok {
		return d.(*docSlots)
	}
	d, loaded := docSlotsOf.LoadOrStore(key, &docSlots{segs: map[any][]uint32{}})
	if !loaded {
		runtime.AddCleanup(s, func(k weak.Pointer[sidecar]) { docSlotsOf.Delete(k) }, key)
	}
	return d.(*docSlots)
}

// slotsOfDocs maps a snapshot's document numbers (ascending, as a
// searcher returns them) to slots. A document whose id has no slot (a
// quarantined record) is left out.
func slotsOfDocs(s *sidecar, snap *scorch.IndexSnapshot, docs []uint64) (*roaring.Bitmap, error) {
	segs := snap.Segments()
	d := docSlotsFor(s)
	d.mu.Lock()
	defer d.mu.Unlock()
	// Forget segments merged away, so the tables stay as large as the
	// index.
	live := make(map[any]bool, len(segs))
	for _, ss := range segs {
		live[ss.Segment()] = true
	}
	for seg := range d.segs {
		if !live[seg] {
			delete(d.segs, seg)
		}
	}
	out := make([]uint32, 0, len(docs))
	si, start, end := -1, uint64(0), uint64(0)
	var table []uint32
	for _, doc := range docs {
		if doc < start { // not ascending: find its segment from the first
			si, start, end = -1, 0, 0
		}
		for doc >= end {
			si++
			if si >= len(segs) {
				return nil, fmt.Errorf("index: text query: document %d past the snapshot", doc)
			}
			seg := segs[si].Segment()
			start, end = end, end+seg.Count()
			table = d.segs[seg]
			if table == nil {
				table = make([]uint32, seg.Count())
				d.segs[seg] = table
			}
		}
		local := doc - start
		if table[local] == 0 {
			id, err := segs[si].DocID(local)
			if err != nil {
				return nil, fmt.Errorf("index: text query: %w", err)
			}
			slot, ok := s.slot[string(id)]
			if !ok {
				continue
			}
			table[local] = slot + 1
		}
		out = append(out, table[local]-1)
	}
	return roaring.BitmapOf(out...), nil
}

// BleveQuery translates a selection to a bleve query: certification
// filters name ids as indexed (Index.Search and Index.Rank expand catalog
// groups into RequiredAnyOf first). It is a conjunction of one
// disjunction of certification terms per required group, a term per
// required skill, the filters, the free text, and the years as a
// non-scoring filter. It returns every candidate that can be eligible for
// the role the selection came from. Skill filters are folded with the
// built-in catalog's synonyms (scoring.SkillKey); Index.Search and
// View.Select fold them with the index's catalog first.
func BleveQuery(sel Selection) query.Query {
	var must []query.Query
	term := func(field, v string) query.Query {
		t := query.NewTermQuery(v)
		t.SetField(field)
		return t
	}
	for _, group := range sel.RequiredAnyOf {
		var any []query.Query
		for _, id := range group {
			any = append(any, term(FieldCerts, id))
		}
		must = append(must, query.NewDisjunctionQuery(any))
	}
	for _, k := range sel.RequiredSkills {
		must = append(must, term(FieldSkills, k))
	}
	for _, c := range sel.Certifications {
		must = append(must, term(FieldCerts, c))
	}
	for _, k := range sel.Filters.Skills {
		must = append(must, term(FieldSkills, scoring.SkillKey(k)))
	}
	if len(sel.Locations) > 0 {
		var any []query.Query
		for _, l := range sel.Locations {
			// What sidecar.locationSlots selects: the same place, or an
			// unknown city alone in any region. No location (indexed as
			// "") matches nothing.
			f := scoring.ParseLocationFilter(l)
			if f.Key == "" {
				continue
			}
			any = append(any, term(FieldLocation, f.Key))
			if f.CityPrefix != "" {
				p := query.NewPrefixQuery(f.CityPrefix)
				p.SetField(FieldLocation)
				any = append(any, p)
			}
		}
		must = append(must, query.NewDisjunctionQuery(any))
	}
	if sel.Text != "" {
		var any []query.Query
		for _, f := range []string{FieldSummary, FieldSkillsText} {
			m := query.NewMatchQuery(sel.Text)
			m.SetField(f)
			any = append(any, m)
		}
		must = append(must, query.NewDisjunctionQuery(any))
	}
	var q query.Query = query.NewMatchAllQuery()
	if len(must) > 0 {
		q = query.NewConjunctionQuery(must)
	}
	if sel.MinYears > 0 {
		lo, incl := sel.MinYears, true
		years := query.NewNumericRangeInclusiveQuery(&lo, nil, &incl, nil)
		years.SetField(FieldYears)
		b := query.NewBooleanQuery([]query.Query{q}, nil, nil)
		b.AddFilter(years)
		q = b
	}
	return q
}

// SearchRequest is a bleve retrieval: a selection, a page and facets.
type SearchRequest struct {
	Selection
	Offset int
	Limit  int // 0 means 20
	// Facets asks for term counts over every matching candidate.
	Facets bool
}

// SearchResult is one page of matching ids with the total and facets.
type SearchResult struct {
	IDs    []string
	Total  uint64
	Facets Facets
}

// Facets are term counts over a set of candidates, most frequent first,
// ties by term.
type Facets struct {
	Certifications []FacetCount `json:"certifications"`
	Skills         []FacetCount `json:"skills"`
	Locations      []FacetCount `json:"locations"`
}

// FacetCount is one term and the number of candidates with it.
type FacetCount struct {
	Term  string `json:"term"`
	Count int    `json:"count"`
}

// maxFacetTerms bounds the terms a facet reports.
const maxFacetTerms = 1000

// Search runs a selection through bleve, ordered by text relevance when
// the selection has text and by id otherwise, and returns one page.
func (ix *Index) Search(ctx context.Context, req SearchRequest) (SearchResult, error) {
	if err := ix.beforeBleveRead(ctx); err != nil {
		return SearchResult{}, err
	}
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	if ix.closed {
		return SearchResult{}, ErrClosed
	}
	if err := ix.awaitWrites(ctx); err != nil {
		return SearchResult{}, err
	}
	if req.Limit == 0 {
		req.Limit = 20
	}
	if req.Offset < 0 || req.Limit < 0 {
		return SearchResult{}, fmt.Errorf("index: search: negative offset or limit")
	}
	q := BleveQuery(ix.expand(req.Selection))
	if len(ix.quarantine) > 0 {
		// Quarantined records are still in bleve; they match nothing.
		ids := make([]string, 0, len(ix.quarantine))
		for id := range ix.quarantine {
			ids = append(ids, id)
		}
		bq := query.NewBooleanQuery([]query.Query{q}, nil, []query.Query{query.NewDocIDQuery(ids)})
		q = bq
	}
	br := bleve.NewSearchRequestOptions(q, req.Limit, req.Offset, false)
	if req.Text != "" {
		br.SortBy([]string{"-_score", "_id"})
	} else {
		br.Score = bleve.ScoreNone
		br.SortBy([]string{"_id"})
	}
	if req.Facets {
		br.AddFacet(FieldCerts, bleve.NewFacetRequest(FieldCerts, maxFacetTerms))
		br.AddFacet(FieldSkills, bleve.NewFacetRequest(FieldSkills, maxFacetTerms))
		br.AddFacet(FieldLocation, bleve.NewFacetRequest(FieldLocation, maxFacetTerms))
	}
	res, err := ix.bl.SearchInContext(ctx, br)
	if err != nil {
		return SearchResult{}, fmt.Errorf("index: search: %w", err)
	}
	out := SearchResult{Total: res.Total}
	for _, h := range res.Hits {
		out.IDs = append(out.IDs, h.ID)
	}
	if req.Facets {
		conv := func(name string) []FacetCount {
			var fc []FacetCount
			if f := res.Facets[name]; f != nil && f.Terms != nil {
				for _, t := range f.Terms.Terms() {
					if t.Term == "" {
						// A candidate without a location is indexed
						// with the empty term; Rank's facets count none.
						continue
					}
					fc = append(fc, FacetCount{Term: t.Term, Count: t.Count})
				}
			}
			sortFacets(fc)
			return fc
		}
		out.Facets = Facets{Certifications: conv(FieldCerts), Skills: conv(FieldSkills), Locations: conv(FieldLocation)}
	}
	return out, nil
}

func sortFacets(fc []FacetCount) {
	sort.Slice(fc, func(i, j int) bool {
		if fc[i].Count != fc[j].Count {
			return fc[i].Count > fc[j].Count
		}
		return fc[i].Term < fc[j].Term
	})
}

// facetCounter counts facets over ranked candidates, the same terms
// bleve's facets count: certification ids held and implied, skill keys,
// location keys.
type facetCounter struct {
	vocab  *scoring.Vocab
	certs  map[string]int
	skills map[string]int
	locs   map[string]int
}

// newFacetCounter returns an empty counter for profiles built by sc.
func newFacetCounter(sc *scoring.Scorer) *facetCounter {
	return &facetCounter{vocab: sc.Vocab(), certs: map[string]int{}, skills: map[string]int{}, locs: map[string]int{}}
}

// merge adds the counts of another counter.
func (f *facetCounter) merge(o *facetCounter) {
	for k, n := range o.certs {
		f.certs[k] += n
	}
	for k, n := range o.skills {
		f.skills[k] += n
	}
	for k, n := range o.locs {
		f.locs[k] += n
	}
}

// add counts one candidate: its entry's certification terms are the ones
// bleve indexed.
func (f *facetCounter) add(e *entry) {
	for _, t := range e.terms {
		f.certs[t]++
	}
	for id := range e.prof.Skills() {
		f.skills[f.vocab.Key(id)]++
	}
	if loc := e.prof.Location(); loc != "" {
		f.locs[loc]++
	}
}

// facets returns the counts.
func (f *facetCounter) facets() Facets {
	conv := func(m map[string]int) []FacetCount {
		fc := make([]FacetCount, 0, len(m))
		for t, n := range m {
			fc = append(fc, FacetCount{Term: t, Count: n})
		}
		sortFacets(fc)
		return fc
	}
	return Facets{Certifications: conv(f.certs), Skills: conv(f.skills), Locations: conv(f.locs)}
}
