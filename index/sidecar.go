package index

import (
	"slices"
	"strings"

	"github.com/RoaringBitmap/roaring/v2"

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
}

type entry struct {
	id    string // "" for a free slot
	prof  scoring.Profile
	terms []string // certification terms: held and implied ids
}

func newSidecar(vocab *scoring.Vocab) *sidecar {
	return &sidecar{
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

// put stores or replaces a candidate's profile.
func (s *sidecar) put(id string, p scoring.Profile, terms []string) {
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

// union returns the slots holding any of the cert terms.
func (s *sidecar) union(m map[string]*roaring.Bitmap, keys []string) *roaring.Bitmap {
	var bs []*roaring.Bitmap
	for _, k := range keys {
		if b := m[k]; b != nil {
			bs = append(bs, b)
		}
	}
	if len(bs) == 0 {
		return roaring.New()
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
