package scoring

import "sync"

// Vocab interns skill keys as small numbers, so profiles hold numbers and
// plans test them by array lookup. A Scorer owns one; profiles and plans
// from the same Scorer share it. Only the scorer numbers keys; others read
// them back with Key. It only grows, and is safe for concurrent use. A
// nil or zero Vocab holds no key.
type Vocab struct {
	syn  map[string]string // the catalog's skill synonyms
	mu   sync.RWMutex
	ids  map[string]uint32
	keys []string
}

func newVocab(cat *Catalog) *Vocab { return &Vocab{syn: cat.skillSyn, ids: map[string]uint32{}} }

// id returns the number of a key, adding it when new.
func (v *Vocab) id(key string) uint32 {
	v.mu.RLock()
	id, ok := v.ids[key]
	v.mu.RUnlock()
	if ok {
		return id
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	if id, ok := v.ids[key]; ok {
		return id
	}
	id = uint32(len(v.keys))
	if v.ids == nil {
		v.ids = map[string]uint32{}
	}
	v.ids[key] = id
	v.keys = append(v.keys, key)
	return id
}

// skillID numbers a skill as written, by its SkillKey; ok is false for a
// blank skill. A plain ASCII skill already known costs no allocation.
func (v *Vocab) skillID(skill string) (uint32, bool) {
	var buf [64]byte
	if key, ok := asciiSkillKey(buf[:0], skill); ok {
		if len(key) == 0 {
			return 0, false
		}
		if syn, ok := v.syn[string(key)]; ok {
			return v.id(syn), true
		}
		v.mu.RLock()
		id, known := v.ids[string(key)]
		v.mu.RUnlock()
		if known {
			return id, true
		}
		return v.id(string(key)), true
	}
	k := foldSkill(skill)
	if syn, ok := v.syn[k]; ok {
		k = syn
	}
	if k == "" {
		return 0, false
	}
	return v.id(k), true
}

// Key returns the key numbered id, or "" for a number the vocabulary has
// not given.
func (v *Vocab) Key(id uint32) string {
	if v == nil {
		return ""
	}
	v.mu.RLock()
	defer v.mu.RUnlock()
	if int(id) >= len(v.keys) {
		return ""
	}
	return v.keys[id]
}

// Len returns how many keys there are.
func (v *Vocab) Len() int {
	if v == nil {
		return 0
	}
	v.mu.RLock()
	defer v.mu.RUnlock()
	return len(v.keys)
}
