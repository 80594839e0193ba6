package input

import (
	"strings"
	"unicode"

	"github.com/certmatch/certmatch/scoring"
)

// vocabFinder finds skills in prose with scoring's skill vocabulary: runs
// of one to three words whose SkillKey the synonym table knows ("built
// Apache Kafka pipelines" names Apache Kafka), longest first; credentials
// as lineFinder does. Words that are also common English count only as
// the name is written ("REST", "JS"), or not at all in prose ("Go", which
// starts sentences and cheers, and "Node": "Golang" and "Node.js" count).
type vocabFinder struct{ lineFinder }

// maxSkillWords is the longest run of words a skill name has, and
// maxSkillText the longest text of more than one word tried as one:
// longer runs are never a name the vocabulary knows.
const (
	maxSkillWords = 3
	maxSkillText  = 24
)

// commonWordSkills are skill names that are common words, in lower case,
// with the test the written form must pass.
var commonWordSkills = map[string]func(string) bool{
	"go":   func(string) bool { return false },
	"rest": func(w string) bool { return w == "REST" },
	"node": func(string) bool { return false },
	"js":   func(w string) bool { return w == "JS" },
}

func (vocabFinder) skills(text string) []string {
	type word struct{ start, end int }
	var buf [64]word // most prose given here is a sentence: no allocation
	ws := buf[:0]
	start := -1
	for i, r := range text {
		inWord := unicode.IsLetter(r) || unicode.IsDigit(r) || r == '+' || r == '#' ||
			r == '.' && start >= 0 && i+1 < len(text) && text[i+1] != ' '
		switch {
		case inWord && start < 0:
			start = i
		case !inWord && start >= 0:
			ws = append(ws, word{start, i})
			start = -1
		}
	}
	if start >= 0 {
		ws = append(ws, word{start, len(text)})
	}
	var out []string
	for i := 0; i < len(ws); {
		n := 0
		if !scoring.KnownSkillStart(text[ws[i].start:ws[i].end]) {
			i++
			continue
		}
		for k := min(maxSkillWords, len(ws)-i); k >= 1; k-- {
			written := text[ws[i].start:ws[i+k-1].end]
			if k > 1 && len(written) > maxSkillText || !scoring.KnownSkillText(written) {
				continue
			}
			if ok, common := commonWordSkills[strings.ToLower(written)]; common && !ok(written) {
				continue
			}
			out = append(out, written)
			n = k
			break
		}
		i += max(n, 1)
	}
	return out
}

// finderFor is the prose finder the decoders use.
func finderFor(cat *scoring.Catalog) proseFinder {
	if cat == nil {
		cat = scoring.DefaultCatalog()
	}
	return vocabFinder{lineFinder{cat}}
}
