package scoring

import "strings"

// arenaChunk is the number of credentials or skills per arena chunk.
const arenaChunk = 1 << 16

// Arena holds many profiles' credentials and skills in large shared
// chunks, in the order the profiles were packed, with their strings
// interned: an index keeping a million profiles reads them mostly in
// sequence and holds one copy of "ocpjp". An Arena is not safe for
// concurrent use; its zero value is ready.
type Arena struct {
	certs  []heldCert
	skills []uint32
	strs   map[string]string
}

// Pack returns a copy of p whose credentials and skills live in the arena
// and whose strings are interned. p is left as it was. Space a packed
// profile held is not reused when it is dropped.
func (a *Arena) Pack(p Profile) Profile {
	p.certs = pack(&a.certs, p.certs)
	for i := range p.certs {
		p.certs[i].id = a.Intern(p.certs[i].id)
		p.certs[i].version = a.Intern(p.certs[i].version)
	}
	p.skills = pack(&a.skills, p.skills)
	p.locKey = a.Intern(p.locKey)
	pl := &p.place.place
	pl.city, pl.region, pl.country = a.Intern(pl.city), a.Intern(pl.region), a.Intern(pl.country)
	p.pay.pay.Currency, p.pay.cur = a.Intern(p.pay.pay.Currency), a.Intern(p.pay.cur)
	return p
}

// Intern returns one shared copy of s.
func (a *Arena) Intern(s string) string {
	if s == "" {
		return ""
	}
	if x, ok := a.strs[s]; ok {
		return x
	}
	if a.strs == nil {
		a.strs = map[string]string{}
	}
	s = strings.Clone(s)
	a.strs[s] = s
	return s
}

// pack copies src to the end of *a, starting a new chunk when the current
// one is full, and returns the copy with its capacity clipped.
func pack[T any](a *[]T, src []T) []T {
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
