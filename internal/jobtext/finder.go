package jobtext

import (
	"slices"
	"strings"
	"sync"

	"github.com/certmatch/certmatch/internal/words"
	"github.com/certmatch/certmatch/scoring"
)

// Kind is what a finding is.
type Kind int

// The kinds of finding.
const (
	Certification Kind = iota
	Skill
	Years
	Pay
)

var kindNames = [...]string{"certification", "skill", "years", "pay"}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "kind(?)"
}

// Strength is how strongly the wording of a finding's clause asks for it.
type Strength int

// The strengths.
const (
	// Mentioned: no wording of requirement or preference; where it
	// stands decides.
	Mentioned Strength = iota
	// Preferred: "a plus", "preferred", "nice to have", "ideally".
	Preferred
	// Required: "required", "must", "mandatory", "minimum", "you have".
	Required
)

var strengthNames = [...]string{"mentioned", "preferred", "required"}

func (s Strength) String() string {
	if int(s) < len(strengthNames) {
		return strengthNames[s]
	}
	return "strength(?)"
}

// Finding is one thing found in a text.
type Finding struct {
	Kind Kind
	// IDs are, for a certification, catalog certification or group ids,
	// any one of which meets it ("ocpjp", "spark-developer"); for a
	// skill, names as written, any one of which meets it ("MySQL",
	// "Oracle", "SQL Server").
	IDs []string
	// Version is a certification's version as written ("11" for "OCP
	// Java 11", "17" for "OCP 17+"): the lowest that meets it.
	Version string
	// Value is the number of years, or the largest pay figure.
	Value float64
	// Strength comes from the wording of its clause; Scope from the
	// heading or lead line over its block.
	Strength Strength
	Scope    Scope
	// InList reports that its block is a list item or a short line, not
	// a paragraph of prose.
	InList bool
	// Narrative, when set, says why the text mentions it without asking
	// for it: "a benefit the employer offers", "a prerequisite
	// described", "a certification described", "a title held
	// (experience as ...)", "company boilerplate".
	Narrative string
	// Source is the sentence it was read from.
	Source string
	// Block is the index of its block in the document.
	Block int
}

// Finder finds certifications, skills, years and pay in text, with the
// certifications and groups of one catalog. It is safe for concurrent
// use.
type Finder struct {
	cat      *scoring.Catalog
	acronyms map[string]bool
	// catWords are the words of the catalog's titles, aliases and rules.
	catWords map[string]bool
	// seedAliases are the word sets of seed certifications' aliases of
	// two or more words ("spring professional").
	seedAliases [][]string
	groups      map[string][]groupAlias // by first folded word
	// refine maps an abbreviation and a word of its context to the
	// certification they name together: "hdpcd" with "spark" is
	// hdpcd-spark (from the alias "HDPCD:Spark").
	refine map[string]map[string]string
	skills lexicon
}

var (
	lastMu     sync.Mutex
	lastCat    *scoring.Catalog
	lastFinder *Finder
)

// For returns the Finder of cat (nil means the built-in catalog),
// building it on first use; the last one built is kept.
func For(cat *scoring.Catalog) *Finder {
	if cat == nil {
		cat = scoring.DefaultCatalog()
	}
	lastMu.Lock()
	defer lastMu.Unlock()
	if lastCat != cat {
		lastCat, lastFinder = cat, NewFinder(cat)
	}
	return lastFinder
}

// NewFinder prepares a Finder for cat (nil means the built-in catalog).
func NewFinder(cat *scoring.Catalog) *Finder {
	if cat == nil {
		cat = scoring.DefaultCatalog()
	}
	f := &Finder{cat: cat, acronyms: map[string]bool{}, catWords: map[string]bool{}, refine: map[string]map[string]string{},
		groups: map[string][]groupAlias{}}
	for w := range fixedAcronyms {
		f.acronyms[w] = true
	}
	for w := range issuerWords {
		f.catWords[w] = true
	}
	certs := catalogCerts(cat)
	abbrevs := map[string]bool{}
	for _, c := range certs {
		for _, a := range c.Aliases {
			if !strings.ContainsAny(a, " \t") && a == strings.ToUpper(a) {
				for _, w := range lowerWords(a) {
					if len(w) >= 3 && strings.ContainsFunc(w, isLetter) {
						f.acronyms[w] = true
						abbrevs[w] = true
					}
				}
			}
		}
	}
	for _, c := range certs {
		texts := append([]string{c.Name, c.Label}, c.Aliases...)
		for _, m := range c.Match {
			for _, part := range strings.Fields(m) {
				if !strings.ContainsAny(part, "<>=") { // not a version condition
					texts = append(texts, strings.TrimPrefix(part, "-"))
				}
			}
		}
		for _, t := range texts {
			for _, w := range lowerWords(t) {
				f.catWords[w] = true
			}
		}
		for _, a := range c.Aliases {
			ws := lowerWords(a)
			if c.Seed && len(ws) >= 2 {
				f.seedAliases = append(f.seedAliases, ws)
			}
			// "HDPCD:Spark": an abbreviation of another entry and a word.
			if len(ws) == 2 {
				for i, w := range ws {
					if other := ws[1-i]; abbrevs[w] && !abbrevs[other] {
						if f.refine[w] == nil {
							f.refine[w] = map[string]string{}
						}
						f.refine[w][other] = c.ID
					}
				}
			}
		}
	}
	for _, g := range catalogGroups(cat) {
		for _, a := range g.Aliases {
			if ws := foldCue(lowerWords(a)); len(ws) > 0 {
				f.groups[ws[0]] = append(f.groups[ws[0]], groupAlias{id: g.ID, words: ws})
			}
		}
	}
	f.skills = newLexicon()
	return f
}

// Find reads a document. known are skill names that count as skills in
// it besides the built-in ones (a job's own skills section). Findings come
// in document order.
func (f *Finder) Find(d Document, known []string) []Finding {
	sc := scopes(d.Blocks)
	r := reading{f: f, skills: f.skills.with(known), javaTitle: hasJavaWord(d.Title)}
	for bi, b := range d.Blocks {
		r.block(bi, b, sc[bi])
	}
	return r.out
}

// reading is one Find in progress.
type reading struct {
	f         *Finder
	skills    lexicon
	javaTitle bool
	out       []Finding
}

// block reads one block's sentences.
func (r *reading) block(bi int, b Block, scope Scope) {
	sents := newSentences(b.Text)
	if len(sents) == 0 {
		return
	}
	n := 0
	javaBlock := r.javaTitle
	for _, s := range sents {
		n += len(s.words)
		javaBlock = javaBlock || slices.ContainsFunc(s.norms, func(w string) bool { return javaWords[w] })
	}
	hits := make([][]certHit, len(sents))
	for si := range sents {
		hits[si] = r.f.certs(sents[si], javaBlock)
	}
	// "HDPCD. Apache Spark Developer Certification is ...": a short first
	// sentence is named by the group its next sentence expands it to.
	if len(sents) > 1 && len(sents[0].words) <= shortLead {
		for i, h := range hits[0] {
			for _, e := range hits[1] {
				if e.group && e.id != h.id && contains(r.f.cat.Expand(e.id), h.id) {
					hits[0][i].id, hits[0][i].group, hits[0][i].version = e.id, true, ""
				}
			}
		}
	}
	// The sentences after a lead that names a certification describe it.
	leadNamesCert := len(hits[0]) > 0 && (b.Kind == Item || len(sents[0].words) <= shortLead)
	inList := b.Kind == Item || b.Kind == Para && n <= maxListLine
	for si, s := range sents {
		base := Finding{Scope: scope, InList: inList, Source: s.text, Block: bi}
		if si == 0 && len(s.words) <= shortLead {
			base.Source = s.context // "HDPCD." says little; its expansion says what it is
		}
		described := si > 0 && leadNamesCert
		r.sentence(s, hits[si], base, described)
	}
}

// sentence turns one sentence's certifications, skills, years and pay
// into findings.
func (r *reading) sentence(s sentence, hits []certHit, base Finding, described bool) {
	narr := narrativeOf(s)
	for _, req := range r.f.certRequirements(s, hits) {
		fd := base
		fd.Kind, fd.IDs, fd.Version = Certification, req.ids, req.version
		fd.Strength = strengthAt(s, req.from, req.to)
		switch {
		case narr != "":
			fd.Narrative = narr
		case described:
			fd.Narrative = "a certification described"
		case experienceAs(s.words, req.from):
			fd.Narrative = "a title held (experience as ...)"
		}
		r.out = append(r.out, fd)
	}
	for _, sk := range r.f.findSkills(s, r.skills, certSpans(s, hits)) {
		fd := base
		fd.Kind, fd.IDs = Skill, sk.names
		fd.Strength = strengthAt(s, sk.from, sk.to)
		fd.Narrative = narr
		if fd.Narrative == "" && len(hits) == 0 && clauseHasCue(s.words, sk.from) {
			fd.Narrative = "a certification the catalog does not know"
		}
		r.out = append(r.out, fd)
	}
	for _, y := range findYears(s) {
		fd := base
		fd.Kind, fd.Value = Years, y.n
		fd.Strength = strengthAt(s, y.from, y.to)
		fd.Narrative = narr
		r.out = append(r.out, fd)
	}
	if p, ok := findPay(s); ok {
		fd := base
		fd.Kind, fd.Value = Pay, p
		r.out = append(r.out, fd)
	}
}

// certSpans are the word spans skills are not read in: the
// certifications' own, and the rest of a parenthesised list of them
// ("(HDPCD:Spark, CCA175 or Databricks)").
func certSpans(s sentence, hits []certHit) [][2]int {
	var spans [][2]int
	for _, h := range hits {
		spans = append(spans, [2]int{h.from, h.to})
		if p := s.words[h.from].paren; p != 0 {
			from, to := h.from, h.to
			for from > 0 && s.words[from-1].paren == p {
				from--
			}
			for to < len(s.words) && s.words[to].paren == p {
				to++
			}
			spans = append(spans, [2]int{from, to})
		}
	}
	return spans
}

// Skills returns the built-in skills a short text names, as written:
// "Senior Java Developer" names Java.
func (f *Finder) Skills(text string) []string {
	var out []string
	for _, s := range newSentences(text) {
		for _, sk := range f.findSkills(s, f.skills, nil) {
			out = append(out, sk.names...)
		}
	}
	return out
}

// maxListLine is the most words a line of prose may have to be read as a
// line of a list.
const maxListLine = 20

var javaWords = wordSet(`java jdk jvm j2ee jee javaee j2se jakarta ocajp ocpjp scjp`)

func hasJavaWord(s string) bool {
	for start, end := words.Next(s, 0); start >= 0; start, end = words.Next(s, end) {
		if javaWords[strings.ToLower(s[start:end])] {
			return true
		}
	}
	return false
}

// clauseHasCue reports whether the clause of ws[k] speaks of a
// certification ("Certification in GCP architecture").
func clauseHasCue(ws []word, k int) bool {
	for _, w := range ws {
		if w.clause == ws[k].clause && cueWords[w.norm] {
			return true
		}
	}
	return false
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
