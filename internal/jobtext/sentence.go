package jobtext

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/certmatch/certmatch/internal/words"
)

// sentence is one sentence of a block, cut into words.
type sentence struct {
	text  string
	words []word
	// context is the text abbreviations are read in: the sentence, and
	// for a short first sentence ("HDPCD.") the one after it, which
	// usually expands it.
	context string
	// marks holds the marker starting at each word, if any; norms the
	// words' lower-case forms.
	marks []marker
	norms []string
}

// word is a word of a sentence: its byte span, its lower-case form, and
// what surrounds it.
type word struct {
	start, end int
	norm       string
	upper      bool // written in capitals, "OCP"
	clause     int  // clauses end at commas outside parentheses
	paren      int  // the parenthesised segment it is in; 0 outside
	comma      bool // a comma follows
	colon      bool // a colon follows
	dash       bool // a dash follows ("Preferred- Spring")
	plus       bool // '+' follows ("5+", "17+")
	slash      bool // '/' follows
}

// Limits that keep reading time linear in the text's length.
const (
	// maxSentenceWords cuts longer runs of words without a sentence end
	// into pieces.
	maxSentenceWords = 120
	// shortLead is the most words a first sentence may have to take the
	// next one as its context.
	shortLead = 4
)

// noStopBefore are words a dot follows without ending a sentence.
var noStopBefore = wordSet(`e.g i.e etc incl approx vs sr jr inc ltd co no st mr ms dr u.s min max`)

// splitSentences cuts a block's text into sentences: at a dot, '!' or '?'
// followed by white space or the end (not after "e.g" or before a lower
// case letter), at ';' and at line ends.
func splitSentences(text string) []string {
	var out []string
	start := 0
	cut := func(end int) {
		if s := strings.TrimSpace(text[start:end]); s != "" {
			out = append(out, s)
		}
	}
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch c {
		case ';', '\n':
			cut(i)
			start = i + 1
		case '.', '!', '?':
			// Closing quotes and brackets stay with the sentence they end.
			end := i + 1
			for end < len(text) {
				r, size := utf8.DecodeRuneInString(text[end:])
				if !strings.ContainsRune(`"')”’»`, r) {
					break
				}
				end += size
			}
			if end < len(text) && text[end] != ' ' && text[end] != '\t' {
				continue
			}
			if c == '.' {
				if j := wordBefore(text, i); noStopBefore[strings.ToLower(j)] {
					continue
				}
				if next, _ := utf8.DecodeRuneInString(strings.TrimLeft(text[end:], " \t")); unicode.IsLower(next) {
					continue
				}
			}
			cut(end)
			start = end
			i = end - 1
		}
	}
	cut(len(text))
	return out
}

// wordBefore returns the ASCII word that ends at byte i ("e.g" before
// its final dot).
func wordBefore(s string, i int) string {
	j := i
	for j > 0 && s[j-1] < utf8.RuneSelf && (words.IsWordRune(rune(s[j-1])) || s[j-1] == '.') {
		j--
	}
	return s[j:i]
}

// newSentences cuts one block into sentences with their words. A run of
// more than maxSentenceWords words without a sentence end is cut into
// pieces of that many, so reading stays linear in the text's length.
func newSentences(text string) []sentence {
	parts := splitSentences(text)
	var out []sentence
	for i, p := range parts {
		ws := splitWords(p)
		if len(ws) == 0 {
			continue
		}
		ctx := p
		if i == 0 && len(ws) <= shortLead && len(parts) > 1 {
			ctx = p + " " + parts[1]
		}
		if len(ws) <= maxSentenceWords {
			out = append(out, newSentence(p, ws, ctx))
			continue
		}
		for from := 0; from < len(ws); from += maxSentenceWords {
			to := min(from+maxSentenceWords, len(ws))
			piece := p[ws[from].start:ws[to-1].end]
			out = append(out, newSentence(piece, splitWords(piece), piece))
		}
	}
	return out
}

func newSentence(text string, ws []word, context string) sentence {
	s := sentence{text: text, words: ws, context: context,
		marks: make([]marker, len(ws)), norms: make([]string, len(ws))}
	for k := range ws {
		s.marks[k] = markerAt(ws, k)
		s.norms[k] = ws[k].norm
	}
	return s
}

// maxListClause is the most words a clause without a marker may have to
// be read as one element of a list that the next clause ends ("OCPJP,
// OCEWCD and Spring Professional are preferred").
const maxListClause = 4

// splitWords cuts a sentence into words, noting clauses, parenthesised
// segments and the punctuation after each word.
func splitWords(s string) []word {
	ws := make([]word, 0, len(s)/6+1)
	lower := ""
	if isASCII(s) {
		lower = strings.ToLower(s)
	}
	clause, depth, segment, seg := 0, 0, 0, 0
	prevEnd := 0
	note := func(gap string) {
		for _, r := range gap {
			switch r {
			case '(', '[':
				depth++
				segment++
				seg = segment
			case ')', ']':
				if depth > 0 {
					depth--
				}
				if depth == 0 {
					seg = 0
				}
			}
		}
	}
	for start, end := words.Next(s, 0); start >= 0; start, end = words.Next(s, end) {
		gap := s[prevEnd:start]
		if n := len(ws); n > 0 {
			last := &ws[n-1]
			t := strings.TrimLeft(gap, " \t")
			switch {
			case strings.HasPrefix(t, ","):
				last.comma = true
			case strings.HasPrefix(t, ":"), strings.HasPrefix(t, "："):
				last.colon = true
			case strings.HasPrefix(t, "+"):
				last.plus = true
			case strings.HasPrefix(t, "/"):
				last.slash = true
			case isDash(t):
				last.dash = true
			}
			if strings.ContainsRune(gap, ',') && depth == 0 {
				clause++
			}
		}
		note(gap)
		if strings.ContainsRune(gap, ',') && depth > 0 && len(ws) > 0 {
			ws[len(ws)-1].comma = true
		}
		w := s[start:end]
		norm := ""
		if lower != "" {
			norm = lower[start:end]
		} else {
			norm = strings.ToLower(w)
		}
		ws = append(ws, word{start: start, end: end, norm: norm, upper: isUpper(w), clause: clause, paren: seg})
		prevEnd = end
	}
	if len(ws) > 0 && strings.HasPrefix(strings.TrimLeft(s[prevEnd:], " \t"), "+") {
		ws[len(ws)-1].plus = true
	}
	mergeListClauses(ws)
	return ws
}

// mergeListClauses joins a short clause without a marker to the clause
// after it, so that a marker ending a list covers the whole list.
func mergeListClauses(ws []word) {
	// From the end, so that a run of short clauses all join the clause
	// that ends the list.
	end := len(ws)
	for end > 0 {
		start := end - 1
		for start > 0 && ws[start-1].clause == ws[end-1].clause {
			start--
		}
		if end < len(ws) && end-start <= maxListClause && !hasMarker(ws, start, end) {
			next := ws[end].clause
			for k := start; k < end; k++ {
				ws[k].clause = next
			}
		}
		end = start
	}
}

func hasMarker(ws []word, from, to int) bool {
	for k := from; k < to; k++ {
		if m := markerAt(ws, k); m.kind != Mentioned {
			return true
		}
	}
	return false
}

// isDash reports whether a gap starts with a dash standing alone, as in
// "Preferred- Spring Boot" or "Expert – Web", not the hyphen of "1Z0-809".
func isDash(t string) bool {
	r, size := utf8.DecodeRuneInString(t)
	if r != '-' && r != '–' && r != '—' {
		return false
	}
	next, _ := utf8.DecodeRuneInString(t[size:])
	return next == ' ' || next == '\t'
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func isUpper(w string) bool {
	letters := false
	for _, r := range w {
		if unicode.IsLower(r) {
			return false
		}
		letters = letters || unicode.IsLetter(r)
	}
	return letters
}

func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}
