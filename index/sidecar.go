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
	intern map[string]string
	vocab  *scoring.Vocab
	// Profiles' credentials and skills live in chunked arenas, in the
	// order they were stored, so a scan over slots reads memory mostly in
	// sequence instead of chasing a pointer per candidate.
	certArena  []scoring.HeldCert
	skillArena []uint32
}

const arenaChunk = 1 << 16

// arena copies src to the end of *a, starting a new chunk when the current
// one is full, and returns the copy with its capacity clipped.
func arena[T any](a *[]T, src []T) []T {
	if len(src) == 0 {
		return nil
	}
	if len(*a)+len(src) > cap(*a) {
		*a = make([]T, 0, max(arenaChunk, len(src)))
	}
	start := len(*a)
	*a = append(*a, src...)
	return (*a)[start:len(*a):len(*a)]
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
		intern: map[string]string{}, vocab: vocab,
	}
}

// str returns one shared copy of s, so a million profiles naming "ocpjp"
// or "java" hold one string.
func (s *sidecar) str(v string) string {
	if v == "" {
		return ""
	}
	if x, ok := s.intern[v]; ok {
		return x
	}
	v = strings.Clone(v)
	s.intern[v] = v
	return v
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
	for i := range p.Certs {
		p.Certs[i].ID = s.str(p.Certs[i].ID)
		p.Certs[i].Version = s.str(p.Certs[i].Version)
	}
	p.Certs = arena(&s.certArena, p.Certs)
	p.Skills = arena(&s.skillArena, p.Skills)
	p.Location = s.str(p.Location)
	for i, t := range terms {
		terms[i] = s.str(t)
	}
	s.ents[slot] = entry{id: id, prof: p, terms: slices.Clip(terms)}
	s.live.Add(slot)
	for _, t := range terms {
		post(s.certs, t, slot)
	}
	for _, id := range p.Skills {
		post(s.skills, s.vocab.Key(id), slot)
	}
	if p.Location != "" {
		post(s.locs, p.Location, slot)
	}
}

func (s *sidecar) unindex(slot uint32) {
	e := &s.ents[slot]
	for _, t := range e.terms {
		unpost(s.certs, t, slot)
	}
	for _, id := range e.prof.Skills {
		unpost(s.skills, s.vocab.Key(id), slot)
	}
	if e.prof.Location != "" {
		unpost(s.locs, e.prof.Location, slot)
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

// locationSlots returns the slots whose location matches a filter: the
// same location key, or the same city (the part before the first comma).
func (s *sidecar) locationSlots(filters []string) *roaring.Bitmap {
	var keys []string
	for _, f := range filters {
		fk := scoring.LocationKey(f)
		fcity, _, _ := strings.Cut(fk, ",")
		for k := range s.locs {
			city, _, _ := strings.Cut(k, ",")
			if k == fk || city == fcity {
				keys = append(keys, k)
			}
		}
	}
	return s.union(s.locs, keys)
}
