package index

import (
	"encoding/binary"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strings"

	"github.com/RoaringBitmap/roaring/v2"
	"golang.org/x/sync/errgroup"

	"github.com/certmatch/certmatch/internal/safe"
	"github.com/certmatch/certmatch/scoring"
)

// sidecar is the ranking structure kept beside bleve: every live
// candidate's compact profile in a slot, and posting bitmaps from
// certification ids (held and implied), skill keys and locations to slots.
// It is derived from bleve's stored documents and updated under the index's
// write lock right after each acknowledged bleve batch, so it always shows
// the same candidates as bleve.
type sidecar struct {
	slot   map[string]uint32
	ents   []entry
	free   []uint32
	live   *roaring.Bitmap
	certs  map[string]*roaring.Bitmap
	skills map[string]*roaring.Bitmap
	locs   map[string]*roaring.Bitmap
	vocab  *scoring.Vocab
	// Profiles' credentials and skills live in the arena's chunks, in the
	// order they were stored, so a scan over slots reads memory mostly in
	// sequence instead of chasing a pointer per candidate; strings are
	// interned, so a million profiles naming "ocpjp" hold one string.
	arena scoring.Arena
	// In memory the candidates' stored JSON is kept here too, by slot, so
	// a result record is read by slot instead of looked up by id in every
	// bleve segment (an in-memory scorch index never merges them). On disk
	// bleve's merged, memory-mapped segments serve them and raw stays nil.
	raw *rawStore
}

// rawStore keeps byte strings in large chunks addressed by slot: no
// pointer per record for the garbage collector to follow. Each slot holds
// two strings side by side: a candidate's explained record
// ([scoring.AppendExplained]) and its stored JSON. A replaced record's
// bytes stay unused until the index is reopened.
type rawStore struct {
	chunks [][]byte
	refs   []rawRef // by slot
}

// rawRef places a slot's strings: the explained record at off, n bytes,
// then the stored JSON, raw bytes.
type rawRef struct{ chunk, off, n, raw uint32 }

const rawChunk = 4 << 20

func (r *rawStore) put(slot uint32, explained, raw []byte) {
	size := len(explained) + len(raw)
	n := len(r.chunks)
	if n == 0 || len(r.chunks[n-1])+size > cap(r.chunks[n-1]) {
		r.chunks = append(r.chunks, make([]byte, 0, max(rawChunk, size)))
		n++
	}
	c := &r.chunks[n-1]
	ref := rawRef{chunk: uint32(n - 1), off: uint32(len(*c)), n: uint32(len(explained)), raw: uint32(len(raw))}
	*c = append(*c, explained...)
	*c = append(*c, raw...)
	for uint32(len(r.refs)) <= slot {
		r.refs = append(r.refs, rawRef{})
	}
	r.refs[slot] = ref
}

// get returns the stored JSON of a slot; it must not be modified.
func (r *rawStore) get(slot uint32) []byte {
	ref := r.refs[slot]
	at := ref.off + ref.n
	return r.chunks[ref.chunk][at : at+ref.raw : at+ref.raw]
}

// explained returns the explained record of a slot; it must not be
// modified.
func (r *rawStore) explained(slot uint32) []byte {
	ref := r.refs[slot]
	return r.chunks[ref.chunk][ref.off : ref.off+ref.n : ref.off+ref.n]
}

type entry struct {
	id    string // "" for a free slot
	prof  scoring.Profile
	terms []string // certification terms: held and implied ids
}

func newSidecar(vocab *scoring.Vocab, keepRaw bool) *sidecar {
	var raw *rawStore
	if keepRaw {
		raw = &rawStore{}
	}
	return &sidecar{raw: raw,
		slot: map[string]uint32{}, live: roaring.New(),
		certs: map[string]*roaring.Bitmap{}, skills: map[string]*roaring.Bitmap{}, locs: map[string]*roaring.Bitmap{},
		vocab: vocab,
	}
}

func post(m map[string]*roaring.Bitmap, key string, slot uint32) {
	b := m[key]
	if b == nil {
		b = roaring.New()
		m[key] = b
	}
	b.Add(slot)
}

func unpost(m map[string]*roaring.Bitmap, key string, slot uint32) {
	if b := m[key]; b != nil {
		b.Remove(slot)
		if b.IsEmpty() {
			delete(m, key)
		}
	}
}

// put stores or replaces a candidate's profile and, in memory, its
// explained record and stored JSON.
func (s *sidecar) put(id string, p scoring.Profile, terms []string, explained, raw []byte) {
	slot, ok := s.slot[id]
	if ok {
		s.unindex(slot)
	} else {
		if n := len(s.free); n > 0 {
			slot, s.free = s.free[n-1], s.free[:n-1]
		} else {
			slot = uint32(len(s.ents))
			s.ents = append(s.ents, entry{})
		}
		id = strings.Clone(id)
		s.slot[id] = slot
	}
	// Compact and intern what stays in memory.
	p = s.arena.Pack(p)
	for i, t := range terms {
		terms[i] = s.arena.Intern(t)
	}
	s.ents[slot] = entry{id: id, prof: p, terms: slices.Clip(terms)}
	if s.raw != nil {
		s.raw.put(slot, explained, raw)
	}
	s.live.Add(slot)
	for _, t := range terms {
		post(s.certs, t, slot)
	}
	for id := range p.Skills() {
		post(s.skills, s.vocab.Key(id), slot)
	}
	if loc := p.Location(); loc != "" {
		post(s.locs, loc, slot)
	}
}

func (s *sidecar) unindex(slot uint32) {
	e := &s.ents[slot]
	for _, t := range e.terms {
		unpost(s.certs, t, slot)
	}
	for id := range e.prof.Skills() {
		unpost(s.skills, s.vocab.Key(id), slot)
	}
	if loc := e.prof.Location(); loc != "" {
		unpost(s.locs, loc, slot)
	}
}

// del removes a candidate; it reports whether one was there.
func (s *sidecar) del(id string) bool {
	slot, ok := s.slot[id]
	if !ok {
		return false
	}
	s.unindex(slot)
	s.live.Remove(slot)
	delete(s.slot, id)
	s.ents[slot] = entry{}
	s.free = append(s.free, slot)
	return true
}

// union returns the slots holding any of the keys of m. The bitmap may
// be m's own: it must not be modified.
func (s *sidecar) union(m map[string]*roaring.Bitmap, keys []string) *roaring.Bitmap {
	var bs []*roaring.Bitmap
	for _, k := range keys {
		if b := m[k]; b != nil {
			bs = append(bs, b)
		}
	}
	switch len(bs) {
	case 0:
		return roaring.New()
	case 1:
		return bs[0]
	}
	return roaring.FastOr(bs...)
}

// locationSlots returns the slots whose location matches a filter
// (scoring.LocationFilter).
func (s *sidecar) locationSlots(filters []string) *roaring.Bitmap {
	var keys []string
	for _, f := range filters {
		lf := scoring.ParseLocationFilter(f)
		for k := range s.locs {
			if lf.Matches(k) {
				keys = append(keys, k)
			}
		}
	}
	return s.union(s.locs, keys)
}

// The sidecar's persisted form is four sections, each a flat image of
// what the sidecar holds by slot (free slots included, so the posting
// bitmaps are stored as they are and read back without a change):
//
//   - ids: the number of slots, a uint32 end offset per slot into the
//     ids that follow, concatenated; a free slot's id is empty.
//   - terms: the distinct certification terms (a uvarint count, then
//     each length-prefixed), a uint32 count per slot, then the slots'
//     terms as uint32 positions in that table.
//   - profiles: the slots' profiles as one table
//     (scoring.Scorer.AppendProfiles), nil for a free slot.
//   - postings: the certification, skill and location bitmaps, each map
//     as a uvarint count and, in key order, the key (length-prefixed) and
//     the bitmap in roaring's portable serialisation (length-prefixed).
//
// Integers are little endian; lengths are uvarints. The live bitmap and
// the free slots are derived from the ids.
const (
	sectionIDs = iota
	sectionTerms
	sectionProfiles
	sectionPostings
	sections
)

// encode returns the sidecar's sections.
func (s *sidecar) encode(sc *scoring.Scorer) [sections][]byte {
	le := binary.LittleEndian
	var out [sections][]byte
	n := len(s.ents)
	ids := binary.AppendUvarint(make([]byte, 0, n*4+n*16), uint64(n))
	end := uint32(0)
	for i := range s.ents {
		end += uint32(len(s.ents[i].id))
		ids = le.AppendUint32(ids, end)
	}
	for i := range s.ents {
		ids = append(ids, s.ents[i].id...)
	}
	out[sectionIDs] = ids

	var table []string
	pos := map[string]uint32{}
	counts := make([]byte, 0, n*4)
	var refs []byte
	for i := range s.ents {
		ts := s.ents[i].terms
		counts = le.AppendUint32(counts, uint32(len(ts)))
		for _, t := range ts {
			j, ok := pos[t]
			if !ok {
				j = uint32(len(table))
				pos[t] = j
				table = append(table, t)
			}
			refs = le.AppendUint32(refs, j)
		}
	}
	terms := binary.AppendUvarint(nil, uint64(len(table)))
	for _, t := range table {
		terms = appendStr(terms, t)
	}
	terms = append(append(terms, counts...), refs...)
	out[sectionTerms] = terms

	out[sectionProfiles] = sc.AppendProfiles(nil, n, func(i int) *scoring.Profile {
		if s.ents[i].id == "" {
			return nil
		}
		return &s.ents[i].prof
	})

	var post []byte
	for _, m := range []map[string]*roaring.Bitmap{s.certs, s.skills, s.locs} {
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		post = binary.AppendUvarint(post, uint64(len(keys)))
		for _, k := range keys {
			post = appendStr(post, k)
			b, _ := m[k].ToBytes() // writing to memory does not fail
			post = appendStr(post, string(b))
		}
	}
	out[sectionPostings] = post
	return out
}

// errSidecar begins the errors of decodeSidecar ("damaged ids section:
// ..."); loadRank wraps them in errRankFile.
var errSidecar = errors.New("damaged")

// decodeSidecar builds a sidecar from its sections, which read returns
// in order (sectionIDs first), on every core: the id-to-slot map is built
// on one goroutine from the moment the ids are read, while the other
// sections are read and the slots filled beside it. The postings
// section is kept, not copied: the bitmaps read it in place and copy a
// container only when a write changes it. The sidecar holds exactly live
// records.
func decodeSidecar(sc *scoring.Scorer, live uint64, read func(section int) ([]byte, error)) (*sidecar, error) {
	le := binary.LittleEndian
	s := newSidecar(sc.Vocab(), false)

	ids, err := read(sectionIDs)
	if err != nil {
		return nil, err
	}
	r := reader{b: ids}
	n64 := r.uvarint()
	if r.bad || n64 < live || n64 > uint64(len(r.b))/4 || n64 > 1<<32-1 {
		return nil, fmt.Errorf("%w ids section: slots for %d records", errSidecar, live)
	}
	n := int(n64)
	ends, text := r.b[:4*n], r.b[4*n:]
	if n > 0 && le.Uint32(ends[4*(n-1):]) != uint32(len(text)) || uint64(len(text)) > 1<<32-1 {
		return nil, fmt.Errorf("%w ids section: the offsets do not end at the end", errSidecar)
	}
	all := string(text)
	idAt := func(i int) (string, bool) {
		start := uint32(0)
		if i > 0 {
			start = le.Uint32(ends[4*(i-1):])
		}
		end := le.Uint32(ends[4*i:])
		if start > end || end > uint32(len(all)) {
			return "", false
		}
		return all[start:end], true
	}

	// The id-to-slot map, the live bitmap and the free slots, on one
	// goroutine: the map is the one part that cannot be split.
	var g errgroup.Group
	g.Go(safe.Guard(func() error {
		slot := make(map[string]uint32, live)
		liveSlots := make([]uint32, 0, live)
		for i := 0; i < n; i++ {
			id, ok := idAt(i)
			if !ok {
				return fmt.Errorf("%w ids section: slot %d", errSidecar, i)
			}
			if id == "" {
				s.free = append(s.free, uint32(i))
				continue
			}
			slot[id] = uint32(i)
			liveSlots = append(liveSlots, uint32(i))
		}
		// A repeated id leaves the map shorter than the ids.
		if uint64(len(slot)) != live || len(liveSlots) != len(slot) {
			return fmt.Errorf("%w ids section: %d distinct ids in %d slots, the header says %d records", errSidecar, len(slot), len(liveSlots), live)
		}
		s.slot = slot
		s.live = roaring.New()
		s.live.AddMany(liveSlots)
		return nil
	}))
	fail := func(err error) (*sidecar, error) {
		g.Wait()
		return nil, err
	}

	tb, err := read(sectionTerms)
	if err != nil {
		return fail(err)
	}
	r = reader{b: tb}
	nt := r.uvarint()
	if r.bad || nt > uint64(len(r.b)) {
		return fail(fmt.Errorf("%w terms section: table", errSidecar))
	}
	table := make([]string, nt)
	for i := range table {
		table[i] = s.arena.Intern(r.str())
	}
	if r.bad || len(r.b) < 4*n {
		return fail(fmt.Errorf("%w terms section: table or counts", errSidecar))
	}
	counts, refs := r.b[:4*n], r.b[4*n:]
	termStart := make([]uint32, n+1)
	total := uint64(0)
	for i := 0; i < n; i++ {
		termStart[i] = uint32(total)
		total += uint64(le.Uint32(counts[4*i:]))
		if total > uint64(len(refs))/4 {
			return fail(fmt.Errorf("%w terms section: slot %d counts more terms than it holds", errSidecar, i))
		}
	}
	if total*4 != uint64(len(refs)) {
		return fail(fmt.Errorf("%w terms section: %d terms counted, %d bytes of them", errSidecar, total, len(refs)))
	}
	termStart[n] = uint32(total)
	termBuf := make([]string, total)

	pb, err := read(sectionProfiles)
	if err != nil {
		return fail(err)
	}
	pt, err := sc.ReadProfiles(pb, &s.arena)
	if err != nil {
		return fail(fmt.Errorf("profiles section: %w", err))
	}
	if pt.Len() != n {
		return fail(fmt.Errorf("%w profiles section: %d profiles for %d slots", errSidecar, pt.Len(), n))
	}

	// The slots, in ranges, on every core: two ranges a core, so the core
	// that builds the map takes its share once the map is done.
	s.ents = make([]entry, n)
	parts := max(1, min(2*runtime.GOMAXPROCS(0), n/4096))
	for w := 0; w < parts; w++ {
		from, to := w*n/parts, (w+1)*n/parts
		g.Go(safe.Guard(func() error {
			for i := from; i < to; i++ {
				id, ok := idAt(i)
				t0, t1 := termStart[i], termStart[i+1]
				if !ok || (id == "" && t1 > t0) {
					return fmt.Errorf("%w slot %d: id or terms", errSidecar, i)
				}
				e := &s.ents[i]
				e.id = id
				if t1 > t0 {
					ts := termBuf[t0:t1:t1]
					for j := range ts {
						k := le.Uint32(refs[4*(int(t0)+j):])
						if k >= uint32(len(table)) {
							return fmt.Errorf("%w slot %d: term %d not in the table", errSidecar, i, j)
						}
						ts[j] = table[k]
					}
					e.terms = ts
				}
			}
			// Every slot with an id has a profile, and only those.
			withID, profiles, stray := 0, 0, false
			for i := from; i < to; i++ {
				if s.ents[i].id != "" {
					withID++
				}
			}
			err := pt.Decode(from, to, func(i int) *scoring.Profile {
				profiles++
				stray = stray || s.ents[i].id == ""
				return &s.ents[i].prof
			})
			if err == nil && (stray || profiles != withID) {
				err = fmt.Errorf("%w: slots %d-%d: the profiles do not match the ids", errSidecar, from, to-1)
			}
			return err
		}))
	}
	post, err := read(sectionPostings)
	if err == nil {
		err = s.decodePostings(post, n)
	}
	if werr := g.Wait(); werr != nil {
		return nil, werr
	}
	if err != nil {
		return nil, err
	}
	for _, m := range []map[string]*roaring.Bitmap{s.certs, s.skills, s.locs} {
		for _, b := range m {
			if b.AndCardinality(s.live) != b.GetCardinality() {
				return nil, fmt.Errorf("%w postings section: a bitmap names a free slot", errSidecar)
			}
		}
	}
	return s, nil
}

// decodePostings reads the postings section into the sidecar's maps; the
// bitmaps keep b.
func (s *sidecar) decodePostings(b []byte, n int) error {
	r := reader{b: b}
	for _, m := range []map[string]*roaring.Bitmap{s.certs, s.skills, s.locs} {
		c := r.uvarint()
		if r.bad || c > uint64(len(r.b)) {
			return fmt.Errorf("%w postings section: count", errSidecar)
		}
		for range c {
			k := r.str()
			l := r.uvarint()
			data := r.next(int(min(l, uint64(len(r.b)+1))))
			if r.bad {
				return fmt.Errorf("%w postings section: truncated", errSidecar)
			}
			bm, err := fromBuffer(data)
			if err != nil {
				return fmt.Errorf("%w postings section: key %q: %w", errSidecar, k, err)
			}
			if bm.IsEmpty() || bm.Maximum() >= uint32(n) {
				return fmt.Errorf("%w postings section: key %q: empty or past the last slot", errSidecar, k)
			}
			if _, dup := m[k]; dup {
				return fmt.Errorf("%w postings section: key %q twice", errSidecar, k)
			}
			m[k] = bm
		}
	}
	if len(r.b) != 0 {
		return fmt.Errorf("%w postings section: %d bytes after the last bitmap", errSidecar, len(r.b))
	}
	return nil
}

// fromBuffer reads a bitmap serialised by ToBytes in place, checking that
// it is whole and valid.
func fromBuffer(data []byte) (bm *roaring.Bitmap, err error) {
	defer func() {
		if p := recover(); p != nil {
			bm, err = nil, fmt.Errorf("unreadable bitmap: %v", p)
		}
	}()
	bm = roaring.New()
	used, err := bm.FromBuffer(data)
	if err != nil {
		return nil, err
	}
	if used != int64(len(data)) {
		return nil, fmt.Errorf("bitmap of %d bytes in %d", used, len(data))
	}
	if err := bm.Validate(); err != nil {
		return nil, err
	}
	return bm, nil
}
