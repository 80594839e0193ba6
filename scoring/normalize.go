package scoring

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode"

	"github.com/certmatch/certmatch/internal/words"
)

// MatchKind says what part of a catalog entry recognised a text.
type MatchKind string

// The ways a text can be recognised, strongest first.
const (
	ByExam         MatchKind = "exam"         // an exam code such as 1Z0-809
	ByAbbreviation MatchKind = "abbreviation" // a one-word upper-case alias such as SCJP
	ByAlias        MatchKind = "alias"        // a title listed in Aliases
	ByExamTitle    MatchKind = "exam_title"   // an exam's title, such as "Java SE 8 Programmer II"
	ByRule         MatchKind = "rule"         // a word rule listed in Match or Hedges
)

// Resolution is what Normalize made of a text.
type Resolution struct {
	Text string `json:"text"`
	ID   string `json:"id"` // canonical id; "" when nothing matched
	// Version is the version as the text writes it ("3.0", "2021"; Java
	// versions in Java numbering, "1.5" is "5"), or as the catalog writes
	// an exam's; "" when none was given. See [WrittenVersion].
	Version string `json:"version"`
	// Axis is Version on the line's version axis, the form comparisons
	// use: "5.3" for Spring Professional "2021", "5" for Java "1.5", "3"
	// for "3.0"; "" when there is no version or the axis does not map it.
	Axis       string    `json:"axis,omitempty"`
	Confidence float64   `json:"confidence"`
	Kind       MatchKind `json:"kind,omitempty"`
	// Matched is the alias, rule or exam code that matched, as the catalog
	// writes it.
	Matched string `json:"matched,omitempty"`
	// Reason explains a rejection or a lowered confidence.
	Reason string `json:"reason,omitempty"`
	// PartOf names the credential an exam in the text is one part of
	// ("ocpjp@11" for 1Z0-816), whether or not the text was granted
	// anything.
	PartOf string `json:"part_of,omitempty"`
}

// MinConfidence is the confidence below which Normalize reports not ok.
const MinConfidence = 0.5

// Confidence arithmetic for a match, documented in Normalize.
const (
	examConfidence      = 0.98
	aliasConfidence     = 0.95
	ruleConfidence      = 0.9
	examTitleConfidence = 0.85 // an exam named by its title, not the credential
	partExamPenalty     = 0.25 // one exam of several
	examOnlyPenalty     = 0.05 // an exam with a prerequisite, named without its credential
	noiseWeight         = 0.4  // times the share of unexplained words
	unknownVersionPen   = 0.15 // version the catalog does not list
)

// Normalize resolves free text written on a resume or profile to a
// canonical certification and version. It reports ok only for a confident
// match (Confidence >= MinConfidence); a rejected text still gets a
// Resolution whose Reason says why.
//
// Every word it knows is catalog data. It recognises, in this order: the
// catalog's not_credentials classes (course providers, "Professional
// Certificate" course series, study guides and other books, practice
// tests, plans), which are never credentials; exam codes in any spelling
// (1Z0-808, 1z0 808, IZ0-808, CX-310-065, 310-065, 2V0-72.22); then
// exam titles, the entries' aliases, word rules and hedged rules, matched
// as sets of words after case, punctuation, the catalog's spelling
// variants, issuer names, years, URLs and credential ids are set aside.
// The most specific match wins (the most words, a version condition
// counting as one); equally specific matches on two entries are ambiguous
// and rejected. Look-alike credentials are entries of their own with more
// specific rules, so they never land on a seed id.
//
// An exam that is one of several for a credential (a part exam) is
// reported in PartOf and grants the credential only when the text names
// every part, or names the credential too; otherwise it grants only what
// the catalog says it grants alone somewhere (1Z0-815 is Silver SE 11 in
// Japan), or nothing.
//
// Confidence is 0.98 for an exam code, 0.95 for an alias, 0.9 for a rule
// and 0.85 for an exam named only by its title, less 0.05 for an exam
// with a prerequisite that the text names without its credential (1Z0-809
// is OCPJP 8 only for an OCAJP holder), less a hedged rule's
// penalty, less 0.4 times the share of the text's words that nothing
// explains, less 0.25 for an exam that is only one of several (and any
// penalty of what it grants alone), less 0.15 for a version the catalog
// does not list.
//
// Results are remembered (up to normalizeCacheSize texts), since the same
// titles recur across a candidate pool.
//
// A nil or zero catalog places nothing.
func (c *Catalog) Normalize(text string) (Resolution, bool) {
	if c == nil || c.norm == nil {
		return Resolution{Reason: "the catalog is empty (not built by LoadCatalog or DefaultCatalog)"}, false
	}
	n := c.norm
	n.mu.RLock()
	r, hit := n.cache[text]
	n.mu.RUnlock()
	if hit {
		return r.res, r.ok
	}
	res, ok := n.resolve(text)
	n.mu.Lock()
	if len(n.cache) >= normalizeCacheSize {
		clear(n.cache)
	}
	n.cache[text] = cached{res, ok}
	n.mu.Unlock()
	return res, ok
}

// normalizeCacheSize bounds Normalize's memory of texts it resolved.
const normalizeCacheSize = 1 << 14

type cached struct {
	res Resolution
	ok  bool
}

type versionCond struct {
	op   string // ">=", "<=", "<", ">", "=", or "none" for a text without a version
	vals []string
}

func (vc versionCond) holds(v string) bool {
	if vc.op == "none" {
		return v == ""
	}
	if v == "" {
		return false
	}
	switch vc.op {
	case "=":
		return slices.ContainsFunc(vc.vals, func(x string) bool { return CompareVersions(v, x) == 0 })
	case ">=":
		return CompareVersions(v, vc.vals[0]) >= 0
	case "<=":
		return CompareVersions(v, vc.vals[0]) <= 0
	case ">":
		return CompareVersions(v, vc.vals[0]) > 0
	case "<":
		return CompareVersions(v, vc.vals[0]) < 0
	}
	return false
}

type rule struct {
	cert  int
	all   []string
	none  []string
	conds []versionCond
	kind  MatchKind
	text  string
	// exam is the exam whose title this rule is, or -1.
	exam int
	// penalty and note come from a Hedge.
	penalty float64
	note    string
}

func (r *rule) specificity() int { return len(r.all) + len(r.conds) }

type examHit struct {
	cert    int
	exam    int
	version string
}

// notPhrase is one phrase of a NotCredential class, as words in a row.
type notPhrase struct {
	words []string
	class int
}

type normalizer struct {
	cat      *Catalog
	rules    []rule
	byAnchor map[string][]int // first word of a rule -> rule indexes
	exams    map[string]examHit
	known    map[string]bool // words some entry's rules use

	// The catalog's vocabulary, compiled.
	stop     map[string]bool
	aside    map[string]bool // issuer, filler and month words
	markers  map[string]bool // version markers
	variants map[string][]string
	notWords map[string]int // word -> NotCredentials class
	notPhr   []notPhrase
	notFirst map[string]bool // first words of notPhr

	mu    sync.RWMutex
	cache map[string]cached
}

func wordSet(words ...[]string) map[string]bool {
	m := map[string]bool{}
	for _, ws := range words {
		for _, w := range ws {
			for _, t := range tokenize(w) {
				m[t] = true
			}
		}
	}
	return m
}

func compileNormalizer(c *Catalog) (*normalizer, error) {
	n := &normalizer{cache: map[string]cached{}, cat: c, byAnchor: map[string][]int{}, exams: map[string]examHit{}, known: map[string]bool{},
		variants: map[string][]string{}, notWords: map[string]int{}, notFirst: map[string]bool{}}
	w := &c.words
	for _, v := range w.Variants {
		n.variants[v.From] = tokenize(strings.Join(v.To, " "))
	}
	n.stop = wordSet(w.Stop)
	n.markers = wordSet(w.VersionMarkers)
	// Issuer words come from every entry's issuer and history and from the
	// issuers' spellings.
	var issuers []string
	for _, e := range c.certs {
		issuers = append(issuers, e.Issuer)
		for _, h := range e.History {
			issuers = append(issuers, h.Issuer)
		}
	}
	for _, is := range c.issuers {
		issuers = append(issuers, is.Name)
		issuers = append(issuers, is.Aliases...)
	}
	n.aside = wordSet(issuers, w.Filler, w.Months)
	for i, nc := range c.notCreds {
		for _, word := range nc.Words {
			for _, t := range tokenize(word) {
				if _, dup := n.notWords[t]; !dup {
					n.notWords[t] = i
				}
			}
		}
		for _, p := range nc.Phrases {
			ws := tokenize(p)
			n.notPhr = append(n.notPhr, notPhrase{words: ws, class: i})
			n.notFirst[ws[0]] = true
		}
	}
	for ci, e := range c.certs {
		for j, x := range e.Exams {
			key := examKey(x.Code)
			if prev, dup := n.exams[key]; dup {
				return nil, &CatalogError{Entry: e.ID, Field: fmt.Sprintf("exams[%d].code", j),
					Err: fmt.Errorf("%w: exam %s is also listed under %s", ErrCatalog, x.Code, c.certs[prev.cert].ID)}
			}
			n.exams[key] = examHit{cert: ci, exam: j, version: x.Version}
			if x.Title == "" {
				continue
			}
			// An exam's title names the exam: its words and, when the exam
			// grants a version, that version.
			words := n.contentWords(tokenize(x.Title))
			if len(words) == 0 {
				return nil, &CatalogError{Entry: e.ID, Field: fmt.Sprintf("exams[%d].title", j), Err: fmt.Errorf("%w: title %q has no words", ErrCatalog, x.Title)}
			}
			r := rule{cert: ci, all: words, kind: ByExamTitle, text: x.Title, exam: j}
			if x.Version != "" {
				r.conds = []versionCond{{op: "=", vals: []string{x.Version}}}
			}
			// Two plain words ("Java ... Associate") are too common to
			// name an exam on their own.
			if r.specificity() >= 3 {
				n.rules = append(n.rules, r)
			}
		}
		for j, a := range e.Aliases {
			words := n.contentWords(tokenize(a))
			if len(words) == 0 {
				return nil, &CatalogError{Entry: e.ID, Field: fmt.Sprintf("aliases[%d]", j), Err: fmt.Errorf("%w: alias %q has no words", ErrCatalog, a)}
			}
			kind := ByAlias
			if !strings.ContainsAny(a, " \t") && a == strings.ToUpper(a) {
				kind = ByAbbreviation
			}
			n.rules = append(n.rules, rule{cert: ci, all: words, kind: kind, text: a, exam: -1})
		}
		for j, m := range e.Match {
			r, err := n.parseRule(m)
			if err != nil {
				return nil, &CatalogError{Entry: e.ID, Field: fmt.Sprintf("match[%d]", j), Err: fmt.Errorf("%w: %v", ErrCatalog, err)}
			}
			r.cert = ci
			n.rules = append(n.rules, r)
		}
		for j, h := range e.Hedges {
			r, err := n.parseRule(h.Match)
			if err != nil {
				return nil, &CatalogError{Entry: e.ID, Field: fmt.Sprintf("hedges[%d].match", j), Err: fmt.Errorf("%w: %v", ErrCatalog, err)}
			}
			r.cert, r.penalty, r.note = ci, h.Penalty, h.Note
			n.rules = append(n.rules, r)
		}
	}
	for i := range n.rules {
		r := &n.rules[i]
		slices.Sort(r.all)
		r.all = slices.Compact(r.all)
		n.byAnchor[r.all[0]] = append(n.byAnchor[r.all[0]], i)
		for _, w := range r.all {
			n.known[w] = true
		}
	}
	// Two aliases or rules with the same words on different entries would
	// make every text that uses them ambiguous.
	seen := map[string]int{}
	for i, r := range n.rules {
		if len(r.none) > 0 || len(r.conds) > 0 {
			continue
		}
		key := strings.Join(r.all, " ")
		if j, dup := seen[key]; dup && n.rules[j].cert != r.cert {
			return nil, &CatalogError{Entry: c.certs[r.cert].ID, Field: "aliases",
				Err: fmt.Errorf("%w: %q is also an alias or rule of %s", ErrCatalog, r.text, c.certs[n.rules[j].cert].ID)}
		}
		seen[key] = i
	}
	return n, nil
}

var condRE = regexp.MustCompile(`^v(>=|<=|<|>|=)([0-9.,]+)$`)

func (n *normalizer) parseRule(s string) (rule, error) {
	r := rule{kind: ByRule, text: s, exam: -1}
	for _, f := range strings.Fields(strings.ToLower(s)) {
		switch {
		case strings.HasPrefix(f, "-"):
			r.none = append(r.none, n.expandTokens(tokenize(f[1:]))...)
		case f == "v=none":
			r.conds = append(r.conds, versionCond{op: "none"})
		case condRE.MatchString(f):
			m := condRE.FindStringSubmatch(f)
			vals := strings.Split(m[2], ",")
			for _, v := range vals {
				if !validVersion(v) {
					return r, fmt.Errorf("rule %q: bad version %q", s, v)
				}
			}
			r.conds = append(r.conds, versionCond{op: m[1], vals: vals})
		default:
			r.all = append(r.all, n.expandTokens(tokenize(f))...)
		}
	}
	if len(r.all) == 0 {
		return r, fmt.Errorf("rule %q: no words to match", s)
	}
	return r, nil
}

// examKey folds an exam code's spellings together: upper case, no
// separators, I/O misread as 1/0 in Oracle's "1Z0", and Sun's "CX-" prefix
// dropped.
func examKey(code string) string {
	var b strings.Builder
	for _, r := range strings.ToUpper(code) {
		if r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	k := b.String()
	if len(k) >= 3 {
		switch k[:3] {
		case "IZ0", "1ZO", "IZO", "LZ0", "LZO":
			k = "1Z0" + k[3:]
		}
	}
	if strings.HasPrefix(k, "CX310") {
		k = k[2:]
	}
	return k
}

var (
	urlRE        = regexp.MustCompile(`(?i)\b(?:https?://|www\.)\S+|\S+@\S+\.\S+`)
	credentialRE = regexp.MustCompile(`(?i)\b(?:credential|certificate|certification|cert|license|licence|badge|verification|validation|candidate)\s*(?:id|no\.?|number|code|#)\s*[:#.]?\s*[a-z0-9][a-z0-9\-]*|\bid\s*[:#]\s*[a-z0-9\-]+|#\s*[a-z0-9\-]+`)
	scoreRE      = regexp.MustCompile(`(?i)\b(?:score|scored|grade)\s*[:=]?\s*\d+(?:\.\d+)?\s*%?|\d+(?:\.\d+)?\s*%`)
	splitRE      = regexp.MustCompile(`^([a-z]+)(\d+(?:\.\d+)*|\d+\.x)$`)
	numberRE     = regexp.MustCompile(`^\d+(?:\.\d+)*(?:\.x)?$`)
)

// tokenize lower-cases s and splits it into words and numbers with
// internal/words (so dots stay inside numbers such as "1.4"); a word with
// letters and dots that is not a version ("j.d.k", "node.js") is split at
// its dots, while "scjp1.4" and "4.x" stay whole.
func tokenize(s string) []string {
	s = strings.ToLower(s)
	var out []string
	for start, end := words.Next(s, 0); start >= 0; start, end = words.Next(s, end) {
		w := s[start:end]
		if strings.Contains(w, ".") && strings.ContainsFunc(w, unicode.IsLetter) && !numberRE.MatchString(w) && !splitRE.MatchString(w) {
			for part := range strings.SplitSeq(w, ".") {
				out = append(out, part)
			}
			continue
		}
		out = append(out, w)
	}
	return out
}

// contentWords keeps the words of an alias or title that rules compare: no
// stop words, no numbers.
func (n *normalizer) contentWords(toks []string) []string {
	var out []string
	for _, t := range n.expandTokens(toks) {
		if n.stop[t] || numberRE.MatchString(t) {
			continue
		}
		out = append(out, t)
	}
	return out
}

// expandTokens splits "scjp6" into "scjp" "6" and applies the catalog's
// word variants.
func (n *normalizer) expandTokens(toks []string) []string {
	out := make([]string, 0, len(toks)+4)
	for _, t := range toks {
		if word, num, ok := splitWordNumber(t); ok {
			out = append(out, n.expandWord(word)...)
			out = append(out, num)
			continue
		}
		out = append(out, n.expandWord(t)...)
	}
	return out
}

// splitWordNumber splits "scjp6", "se11" or "v1.4" into letters and a
// number, as splitRE describes, without a regular expression.
func splitWordNumber(t string) (word, num string, ok bool) {
	i := 0
	for i < len(t) && t[i] >= 'a' && t[i] <= 'z' {
		i++
	}
	if i == 0 || i == len(t) || t[i] < '0' || t[i] > '9' {
		return "", "", false
	}
	rest := t[i:]
	if strings.HasSuffix(rest, ".x") {
		core := strings.TrimSuffix(rest, ".x")
		if core != "" && strings.Trim(core, "0123456789") == "" {
			return t[:i], rest, true
		}
		return "", "", false
	}
	for _, p := range strings.Split(rest, ".") {
		if p == "" || strings.Trim(p, "0123456789") != "" {
			return "", "", false
		}
	}
	return t[:i], rest, true
}

func (n *normalizer) expandWord(w string) []string {
	if v, ok := n.variants[w]; ok {
		return v
	}
	return []string{w}
}

func (n *normalizer) resolve(text string) (Resolution, bool) {
	res := Resolution{Text: text}
	clean := text
	lower := strings.ToLower(text)
	// The regular expressions are the costly part; run each only when its
	// anchor text is there.
	if strings.Contains(lower, "http") || strings.Contains(lower, "www.") || strings.Contains(lower, "@") {
		clean = urlRE.ReplaceAllString(clean, " ")
	}
	if strings.Contains(lower, "id") || strings.Contains(lower, "#") || strings.Contains(lower, "no") || strings.Contains(lower, "number") || strings.Contains(lower, "code") {
		clean = credentialRE.ReplaceAllString(clean, " ")
	}
	if strings.Contains(lower, "%") || strings.Contains(lower, "score") || strings.Contains(lower, "grade") {
		clean = scoreRE.ReplaceAllString(clean, " ")
	}
	raw := tokenize(clean)
	if len(raw) == 0 {
		res.Reason = "empty"
		return res, false
	}
	if why, ok := n.notCredential(raw); ok {
		res.Reason = why
		return res, false
	}

	// Exam codes, tried on the longest run of adjacent tokens first. Every
	// code is noted, so both halves of a two-exam path are seen.
	exam := examHit{cert: -1}
	var parts []examHit
	inExam := make([]bool, len(raw))
	for i := 0; i < len(raw); i++ {
		for k := min(3, len(raw)-i); k >= 1; k-- {
			if h, ok := n.exams[examKey(strings.Join(raw[i:i+k], ""))]; ok && hasLetterOrSun(raw[i:i+k]) {
				if exam.cert < 0 {
					exam = h
				}
				if n.cat.certs[h.cert].Exams[h.exam].Part {
					parts = append(parts, h)
				}
				for j := i; j < i+k; j++ {
					inExam[j] = true
				}
				i += k - 1
				break
			}
		}
	}
	rest := make([]string, 0, len(raw))
	for i, t := range raw {
		if !inExam[i] {
			rest = append(rest, t)
		}
	}
	words := n.expandTokens(rest)
	version, years := findVersion(words, n.markers)
	set := make(map[string]bool, len(words))
	for _, w := range words {
		set[w] = true
	}

	best, tie := -1, -1
	// named is the entry the text names by an alias or rule that is not an
	// exam's title, and namedKind how.
	named, namedSpec, namedKind := -1, 0, ByRule
	javaVersion := CanonicalVersion(version, JavaVersion)
	for _, w := range words {
		for _, ri := range n.byAnchor[w] {
			r := &n.rules[ri]
			if !r.matches(set, javaVersion) {
				continue
			}
			if r.exam >= 0 && n.cat.certs[r.cert].Exams[r.exam].Part {
				parts = append(parts, examHit{cert: r.cert, exam: r.exam, version: n.cat.certs[r.cert].Exams[r.exam].Version})
			}
			if r.exam < 0 && r.penalty == 0 && (r.specificity() > namedSpec || r.specificity() == namedSpec && r.cert == named && r.kind != ByRule) {
				named, namedSpec, namedKind = r.cert, r.specificity(), r.kind
			}
			switch {
			case best < 0 || r.specificity() > n.rules[best].specificity():
				best, tie = ri, -1
			case r.specificity() == n.rules[best].specificity() && r.cert != n.rules[best].cert && ri != best:
				if tie < 0 || n.rules[ri].cert != n.rules[tie].cert {
					tie = ri
				}
			}
		}
	}
	byTitle := false
	if exam.cert < 0 && best >= 0 && tie < 0 && n.rules[best].exam >= 0 {
		// An exam named by its title counts as the exam.
		r := &n.rules[best]
		exam, byTitle = examHit{cert: r.cert, exam: r.exam, version: n.cat.certs[r.cert].Exams[r.exam].Version}, true
	}

	var cert int
	switch {
	case exam.cert >= 0:
		cert = exam.cert
		x := n.cat.certs[cert].Exams[exam.exam]
		res.Kind, res.Matched, res.Confidence = ByExam, x.Code, examConfidence
		if byTitle {
			res.Kind, res.Matched, res.Confidence = ByExamTitle, x.Title, examTitleConfidence
			if named == cert {
				// The text names the credential too, not the exam alone.
				res.Confidence = ruleConfidence
				if namedKind == ByAlias || namedKind == ByAbbreviation {
					res.Confidence = aliasConfidence
				}
			}
		}
		if len(x.Requires) > 0 && named != cert && !x.Part {
			// The exam alone, without the credential's name: it grants
			// the credential only to holders of its prerequisite.
			var pre []string
			for _, r := range x.Requires {
				pre = append(pre, r.String())
			}
			res.Confidence -= examOnlyPenalty
			res.Reason = fmt.Sprintf("exam %s grants %s %s to holders of %s", x.Code, n.cat.Label(n.cat.certs[cert].ID), x.Version, strings.Join(pre, " or "))
		}
		if x.Part {
			e := &n.cat.certs[cert]
			whole := Ref{ID: e.ID, Min: x.Version, Max: x.Version}
			res.PartOf = whole.String()
			switch {
			case allParts(cert, e, x.Version, parts):
				// Every exam of the path is named: the credential.
			case named == cert:
				res.Confidence -= partExamPenalty
				res.Reason = fmt.Sprintf("names %s and exam %s, one of the exams for %s %s", n.cat.Label(e.ID), x.Code, n.cat.Label(e.ID), x.Version)
			default:
				if x.Grants == nil {
					res.Reason = fmt.Sprintf("exam %s is one of the exams for %s %s and alone grants no credential", x.Code, n.cat.Label(e.ID), x.Version)
					return res, false
				}
				g := x.Grants
				res.Confidence -= partExamPenalty + g.Penalty
				res.Reason = fmt.Sprintf("exam %s is one of the exams for %s %s; alone it grants %s %s in %s", x.Code, n.cat.Label(e.ID), x.Version, n.cat.Label(g.Ref.ID), g.Ref.Min, g.Where)
				cert = n.cat.byID[g.Ref.ID]
				exam.version = g.Ref.Min
			}
		}
	case best >= 0 && tie >= 0:
		a, b := n.cat.certs[n.rules[best].cert].ID, n.cat.certs[n.rules[tie].cert].ID
		res.Reason = fmt.Sprintf("ambiguous: %q (%s) and %q (%s) match equally", n.rules[best].text, a, n.rules[tie].text, b)
		return res, false
	case best >= 0:
		r := &n.rules[best]
		cert = r.cert
		res.Kind, res.Matched = r.kind, r.text
		res.Confidence = ruleConfidence
		if res.Kind == ByAlias || res.Kind == ByAbbreviation {
			res.Confidence = aliasConfidence
		}
		if r.penalty > 0 {
			res.Confidence -= r.penalty
			res.Reason = r.note
		}
	default:
		res.Reason = "no catalog entry matches"
		return res, false
	}

	e := &n.cat.certs[cert]
	res.ID = e.ID
	written := ""
	if e.Versioning != NoVersion {
		written = WrittenVersion(version, e.Versioning)
		if written == "" && e.Versioning == YearVersion && len(years) > 0 {
			// A title year is the version only where the axis maps it;
			// elsewhere it is the award date.
			y := years[len(years)-1]
			if av, ok := e.axisVersion(y); ok && (e.Axis == nil || av != y) {
				written = y
			}
		}
	}
	switch {
	case exam.cert >= 0 && exam.version != "":
		// The exam says which version; a version the text writes is kept
		// when it is the same one on the axis ("2023" beside 2V0-72.22).
		wa, _ := e.axisVersion(written)
		if xa, _ := e.axisVersion(exam.version); written == "" || wa != xa {
			written = exam.version
		}
	}
	res.Version = written
	if written != "" {
		av, ok := e.axisVersion(written)
		res.Axis = av
		known := slices.ContainsFunc(e.Versions, func(v string) bool { return ok && CompareVersions(CanonicalVersion(v, e.Versioning), av) == 0 })
		if len(e.Versions) > 0 && !known {
			res.Confidence -= unknownVersionPen
			res.Reason = joinReason(res.Reason, fmt.Sprintf("version %s is not a known %s version", written, e.ID))
		}
	}

	// Share of words nothing explains.
	var explained []string
	if best >= 0 {
		explained = n.rules[best].all
	}
	content, unexplained := 0, 0
	for _, w := range words {
		if n.stop[w] || n.aside[w] || numberRE.MatchString(w) || n.markers[w] {
			continue
		}
		content++
		if !n.known[w] && !slices.Contains(explained, w) {
			unexplained++
		}
	}
	if content > 0 && unexplained > 0 {
		share := float64(unexplained) / float64(content)
		res.Confidence -= noiseWeight * share
		res.Reason = joinReason(res.Reason, fmt.Sprintf("%d of %d words unexplained", unexplained, content))
	}
	res.Confidence = float64(int(res.Confidence*100+0.5)) / 100
	if res.Confidence < MinConfidence {
		return res, false
	}
	return res, true
}

// notCredential reports whether raw (tokenized text) is of a NotCredential
// class, and why.
func (n *normalizer) notCredential(raw []string) (string, bool) {
	for i, t := range raw {
		if c, ok := n.notWords[t]; ok {
			if nc := &n.cat.notCreds[c]; !hasAny(raw, nc.Unless) {
				return fmt.Sprintf("%q: %s, not a credential", t, nc.Reason), true
			}
		}
		if !n.notFirst[t] {
			continue
		}
		for _, p := range n.notPhr {
			if p.words[0] != t || i+len(p.words) > len(raw) || !slices.Equal(raw[i:i+len(p.words)], p.words) {
				continue
			}
			if nc := &n.cat.notCreds[p.class]; !hasAny(raw, nc.Unless) {
				return fmt.Sprintf("%q: %s, not a credential", strings.Join(p.words, " "), nc.Reason), true
			}
		}
	}
	return "", false
}

// hasAny reports whether words holds one of want.
func hasAny(words, want []string) bool {
	for _, w := range want {
		if slices.Contains(words, w) {
			return true
		}
	}
	return false
}

// allParts reports whether parts holds every part exam of e (catalog
// position ci) for version v.
func allParts(ci int, e *Cert, v string, parts []examHit) bool {
	for j, x := range e.Exams {
		if !x.Part || x.Version != v {
			continue
		}
		if !slices.ContainsFunc(parts, func(h examHit) bool { return h.cert == ci && h.exam == j }) {
			return false
		}
	}
	return true
}

func joinReason(a, b string) string {
	if a == "" {
		return b
	}
	return a + "; " + b
}

// hasLetterOrSun keeps a bare number from being read as an exam code; only
// Sun's "310-065" codes are all digits.
func hasLetterOrSun(toks []string) bool {
	j := strings.Join(toks, "")
	return strings.ContainsFunc(j, func(r rune) bool { return r >= 'a' && r <= 'z' }) || strings.HasPrefix(j, "310") && len(toks) == 2
}

func (r *rule) matches(set map[string]bool, version string) bool {
	for _, w := range r.all {
		if !set[w] {
			return false
		}
	}
	for _, w := range r.none {
		if set[w] {
			return false
		}
	}
	for _, c := range r.conds {
		if !c.holds(version) {
			return false
		}
	}
	return true
}

// findVersion picks the version a text states: a number after a version
// marker ("SE 11", "EE 6", "Spark 3.0") wins, else the first plausible
// number. Four-digit years are returned apart; "2" after "Java" (the "Java
// 2 Platform") and numbers that look like ids are skipped.
func findVersion(words []string, markers map[string]bool) (version string, years []string) {
	first := ""
	for i, w := range words {
		if !numberRE.MatchString(w) {
			continue
		}
		prev, next := "", ""
		if i > 0 {
			prev = words[i-1]
		}
		if i+1 < len(words) {
			next = words[i+1]
		}
		major, _, _ := strings.Cut(w, ".")
		switch {
		case len(major) == 4 && (major[:2] == "19" || major[:2] == "20") && !strings.Contains(w, "."):
			years = append(years, w)
			continue
		case len(major) > 2:
			continue
		case w == "2" && (prev == "java" || next == "platform"):
			continue
		case next == "years" || next == "yrs" || next == "year" || next == "months":
			continue
		}
		if markers[prev] {
			return w, years
		}
		if first == "" {
			first = w
		}
	}
	return first, years
}
