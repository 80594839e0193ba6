package jobtext

import "strings"

// direction says which words a marker speaks of.
type direction int

const (
	trailing direction = iota // "X is required": what precedes it
	leading                   // "must have X": what follows it
	both                      // "X sets you apart", "distinguish yourself with X"
)

type markerDef struct {
	words []string
	kind  Strength
	dir   direction
	// opening marks a word that is a marker only at the start of its
	// sentence or before a colon ("Bonus: X", "Plus: X").
	opening bool
}

// The wording of requirement and preference, per clause. Words are lower
// case as the word splitter gives them ("you'll" is "you ll").
var markerDefs = func() map[string][]markerDef {
	var defs []markerDef
	add := func(kind Strength, dir direction, opening bool, phrases string) {
		for _, p := range strings.Split(phrases, ",") {
			if f := strings.Fields(p); len(f) > 0 {
				defs = append(defs, markerDef{words: f, kind: kind, dir: dir, opening: opening})
			}
		}
	}
	add(Required, trailing, false, `required, mandatory, essential, needed, necessary, a must, a prerequisite, a requirement,
		compulsory, obligatory, indispensable, a hard requirement`)
	add(Required, leading, false, `must, must have, must haves, need, needs, require, requires, requiring, you have,
		you will have, you ll have, you bring, you must, minimum, at minimum, we expect, essentials`)
	add(Preferred, trailing, false, `preferred, preferable, desirable, desired, a plus, big plus, huge plus, strong plus,
		definite plus, an advantage, big advantage, advantageous, a bonus, optional, beneficial, appreciated, welcome,
		welcomed, nice to have, good to have, an asset, helpful, would be great, would be nice, highly valued, valued`)
	add(Preferred, leading, false, `prefer, prefers, preferably, ideally, nice to have, nice to haves, good to have,
		bonus points, look for, looking for, would love, great if, extra points, a plus if`)
	add(Preferred, leading, true, `bonus, plus, desirable, desired, preferred, optional, ideal`)
	add(Preferred, both, false, `distinguish, distinguishes, distinguishing, apart, stand out, stands out`)
	m := map[string][]markerDef{}
	for _, d := range defs {
		m[d.words[0]] = append(m[d.words[0]], d)
	}
	// Longest first, so "must have" wins over "must".
	for _, ds := range m {
		for i := 1; i < len(ds); i++ {
			for j := i; j > 0 && len(ds[j].words) > len(ds[j-1].words); j-- {
				ds[j], ds[j-1] = ds[j-1], ds[j]
			}
		}
	}
	return m
}()

// negations turn a requirement marker into a preference: "not
// required", "no ... mandatory".
var negations = wordSet(`not no never isn t`)

// marker is a marker found at a word.
type marker struct {
	kind Strength // Mentioned when there is none
	n    int      // words it spans
	dir  direction
}

// markerAt reports the marker starting at ws[k].
func markerAt(ws []word, k int) marker {
	for _, d := range markerDefs[ws[k].norm] {
		if k+len(d.words) > len(ws) {
			continue
		}
		ok := true
		for j, w := range d.words {
			if ws[k+j].norm != w {
				ok = false
				break
			}
		}
		if !ok {
			continue
		}
		last := ws[k+len(d.words)-1]
		if d.opening && k != 0 && !last.colon && !last.dash {
			continue
		}
		m := marker{kind: d.kind, n: len(d.words), dir: d.dir}
		if last.colon || last.dash {
			m.dir = leading // "Required: X", "Preferred- X"
		}
		if m.kind == Required && k > 0 && (negations[ws[k-1].norm] || k > 1 && negations[ws[k-2].norm]) {
			m.kind = Preferred // "not required"
		}
		return m
	}
	return marker{}
}

// strengthAt decides how strongly words [from, to) of a sentence are
// asked for. Within the clauses they touch, the first marker after them
// decides if it speaks of what precedes it; else the last marker before
// them if it speaks of what follows; else a marker heading the sentence
// (in its first two words, or before its first colon). A marker inside
// parentheses speaks only of the words in them.
func strengthAt(s sentence, from, to int) Strength {
	ws := s.words
	firstColon := -1
	for k, w := range ws {
		if w.colon {
			firstColon = k
			break
		}
	}
	heading, lead, before, after := Mentioned, Mentioned, Mentioned, Mentioned
	afterSeen := false
	paren := ws[from].paren
	parenStart := from
	for parenStart > 0 && paren != 0 && ws[parenStart-1].paren == paren {
		parenStart--
	}
	for k := 0; k < len(ws); {
		m := s.marks[k]
		if m.kind == Mentioned {
			k++
			continue
		}
		if heading == Mentioned && ws[k].paren == 0 && (k < 2 || k <= firstColon) {
			heading = m.kind
		}
		// A marker before a colon or a dash leads everything up to the
		// next one: "Must Haves: A, B, Preferred- C, D".
		if last := ws[k+m.n-1]; (last.colon || last.dash) && k+m.n <= from && ws[k].paren == 0 {
			lead = m.kind
		}
		// "X will be greatly appreciated (Spring, JSF)": a marker just
		// before parentheses speaks of them too.
		if paren != 0 && k+m.n == parenStart && m.dir != leading {
			after = m.kind
			afterSeen = true
		}
		c := ws[k].clause
		if c >= ws[from].clause && c <= ws[to-1].clause && (ws[k].paren == 0 || ws[k].paren == paren) {
			switch {
			case k+m.n <= from && m.dir != trailing:
				before = m.kind
			case k+m.n <= from:
				before = Mentioned // a trailing marker closes what came before it
			case k >= to && !afterSeen:
				afterSeen = true
				if m.dir != leading {
					after = m.kind
				}
			}
		}
		k += m.n
	}
	switch {
	case after != Mentioned:
		return after
	case before != Mentioned:
		return before
	case lead != Mentioned:
		return lead
	}
	return heading
}
