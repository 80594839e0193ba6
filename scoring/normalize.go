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
	ByRule         MatchKind = "rule"         // a word rule listed in Match
)

// Resolution is what Normalize made of a text.
type Resolution struct {
	Text       string    `json:"text"`
	ID         string    `json:"id"`      // canonical id; "" when nothing matched
	Version    string    `json:"version"` // canonical version; "" when none was given
	Confidence float64   `json:"confidence"`
	Kind       MatchKind `json:"kind,omitempty"`
	// Matched is the alias, rule or exam code that matched, as the catalog
	// writes it.
	Matched string `json:"matched,omitempty"`
	// Reason explains a rejection or a lowered confidence.
	Reason string `json:"reason,omitempty"`
}

// MinConfidence is the confidence below which Normalize reports not ok.
const MinConfidence = 0.5

// Confidence arithmetic for a match, documented in Normalize.
const (
	examConfidence    = 0.98
	aliasConfidence   = 0.95
	ruleConfidence    = 0.9
	partExamPenalty   = 0.25 // one exam of several
	noiseWeight       = 0.4  // times the share of unexplained words
	unknownVersionPen = 0.15 // version the catalog does not list
)

// Normalize resolves free text written on a resume or profile to a
// canonical certification and version. It reports ok only for a confident
// match (Confidence >= MinConfidence); a rejected text still gets a
// Resolution whose Reason says why.
//
// It recognises, in this order: course and plan wording ("practice tests",
// "working towards", a Udemy course), which is never a credential; exam
// codes in any spelling (1Z0-808, 1z0 808, IZ0-808, CX-310-065, 310-065,
// 2V0-72.22); then the entry's aliases and word rules, matched as sets of
// words after case, punctuation, issuer names, years, URLs and credential
// ids are set aside. The most specific match wins (the most words, a
// version condition counting as one); equally specific matches on two
// entries are ambiguous and rejected. Look-alike credentials are entries of
// their own with more specific rules, so they never land on a seed id.
//
// Confidence is 0.98 for an exam code, 0.95 for an alias and 0.9 for a rule,
// less 0.4 times the share of the text's words that nothing explains, less
// 0.25 for an exam that is only one of several, less 0.15 for a version the
// catalog does not list.
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
	op   string // ">=", "<=", "<", ">", "="
	vals []string
}

func (vc versionCond) holds(v string) bool {
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
}

func (r *rule) specificity() int { return len(r.all) + len(r.conds) }

type examHit struct {
	cert    int
	exam    int
	version string
}

type normalizer struct {
	cat      *Catalog
	rules    []rule
	byAnchor map[string][]int // first word of a rule -> rule indexes
	exams    map[string]examHit
	known    map[string]bool // words some entry's rules use

	mu    sync.RWMutex
	cache map[string]cached
}

// Words set aside when judging how much of a text a match explains.
var (
	stopWords = wordSet(`certified certification certificate certifications certificates cert certs the of for and in a an with on
		to by at from exam exams credential credentials badge holder edition standard platform passed obtained earned issued achieved
		completed expires expired expiry valid until date score scored id no number license licence verified verification url link
		status active current pass final st nd rd th is was`)
	issuerWords = wordSet(`oracle sun microsystems pivotal vmware broadcom springsource hortonworks cloudera databricks apache inc
		corp corporation ltd llc university company education`)
	monthWords = wordSet(`jan january feb february mar march apr april may jun june jul july aug august sep sept september oct
		october nov november dec december`)
	notCredentialWords = wordSet(`course courses udemy coursera pluralsight edx linkedin training trainings bootcamp practice mock
		preparation prep preparing prepare studying study towards pursuing progress planned planning plan enrolled enrolling kit
		tutorial tutorials masterclass simulator enthuware whizlabs quiz voucher aspiring upcoming scheduled ongoing expected
		attempting attempt learning workshop webinar booked booking registered`)
	versionMarkers = wordSet(`se ee me java jdk spring spark v version framework platform edition j2se jee`)
	wordSynonyms   = map[string][]string{
		"j2se": {"se"}, "j2ee": {"ee", "j2ee"}, "jee": {"ee", "jee"}, "javaee": {"java", "ee"}, "javase": {"java", "se"},
		"servlets": {"servlet"}, "jsps": {"jsp"}, "javaserver": {"javaserver", "jsp"}, "programmers": {"programmer"},
		"developers": {"developer"}, "professionals": {"professional"}, "hdpcds": {"hdpcd"}, "sparks": {"spark"},
	}
)

func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

func compileNormalizer(c *Catalog) (*normalizer, error) {
	n := &normalizer{cache: map[string]cached{}, cat: c, byAnchor: map[string][]int{}, exams: map[string]examHit{}, known: map[string]bool{}}
	for ci, e := range c.certs {
		for j, x := range e.Exams {
			key := examKey(x.Code)
			if prev, dup := n.exams[key]; dup {
				return nil, &CatalogError{Entry: e.ID, Field: fmt.Sprintf("exams[%d].code", j),
					Err: fmt.Errorf("%w: exam %s is also listed under %s", ErrCatalog, x.Code, c.certs[prev.cert].ID)}
			}
			n.exams[key] = examHit{cert: ci, exam: j, version: x.Version}
		}
		for j, a := range e.Aliases {
			words := contentWords(tokenize(a))
			if len(words) == 0 {
				return nil, &CatalogError{Entry: e.ID, Field: fmt.Sprintf("aliases[%d]", j), Err: fmt.Errorf("%w: alias %q has no words", ErrCatalog, a)}
			}
			kind := ByAlias
			if !strings.ContainsAny(a, " \t") && a == strings.ToUpper(a) {
				kind = ByAbbreviation
			}
			n.rules = append(n.rules, rule{cert: ci, all: words, kind: kind, text: a})
		}
		for j, m := range e.Match {
			r, err := parseRule(m)
			if err != nil {
				return nil, &CatalogError{Entry: e.ID, Field: fmt.Sprintf("match[%d]", j), Err: fmt.Errorf("%w: %v", ErrCatalog, err)}
			}
			r.cert = ci
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

func parseRule(s string) (rule, error) {
	r := rule{kind: ByRule, text: s}
	for _, f := range strings.Fields(strings.ToLower(s)) {
		switch {
		case strings.HasPrefix(f, "-"):
			r.none = append(r.none, tokenize(f[1:])...)
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
			r.all = append(r.all, tokenize(f)...)
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

// contentWords keeps the words of an alias that rules compare: no stop
// words, no numbers.
func contentWords(toks []string) []string {
	var out []string
	for _, t := range expandTokens(toks) {
		if stopWords[t] || numberRE.MatchString(t) {
			continue
		}
		out = append(out, t)
	}
	return out
}

// expandTokens splits "scjp6" into "scjp" "6" and applies wordSynonyms.
func expandTokens(toks []string) []string {
	out := make([]string, 0, len(toks)+4)
	for _, t := range toks {
		if word, num, ok := splitWordNumber(t); ok {
			out = append(out, expandWord(word)...)
			out = append(out, num)
			continue
		}
		out = append(out, expandWord(t)...)
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

func expandWord(w string) []string {
	if syn, ok := wordSynonyms[w]; ok {
		return syn
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
	for _, t := range raw {
		if notCredentialWords[t] {
			res.Reason = fmt.Sprintf("%q marks a course, practice material or plan, not a credential", t)
			return res, false
		}
	}

	// Exam codes, tried on the longest run of adjacent tokens first.
	exam, examAt, examLen := examHit{cert: -1}, -1, 0
	for i := 0; i < len(raw) && exam.cert < 0; i++ {
		for k := min(3, len(raw)-i); k >= 1; k-- {
			if h, ok := n.exams[examKey(strings.Join(raw[i:i+k], ""))]; ok && hasLetterOrSun(raw[i:i+k]) {
				exam, examAt, examLen = h, i, k
				break
			}
		}
	}
	var rest []string
	for i, t := range raw {
		if exam.cert >= 0 && i >= examAt && i < examAt+examLen {
			continue
		}
		rest = append(rest, t)
	}
	words := expandTokens(rest)
	version, years := findVersion(words)
	set := make(map[string]bool, len(words))
	for _, w := range words {
		set[w] = true
	}

	best, tie := -1, -1
	javaVersion := CanonicalVersion(version, JavaVersion)
	for _, w := range words {
		for _, ri := range n.byAnchor[w] {
			r := &n.rules[ri]
			if !r.matches(set, javaVersion) {
				continue
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

	var cert int
	switch {
	case exam.cert >= 0:
		cert = exam.cert
		x := n.cat.certs[cert].Exams[exam.exam]
		res.Kind, res.Matched, res.Confidence = ByExam, x.Code, examConfidence
		if x.Part {
			res.Confidence -= partExamPenalty
			res.Reason = fmt.Sprintf("exam %s is one of several for this credential", x.Code)
		}
	case best >= 0 && tie >= 0:
		a, b := n.cat.certs[n.rules[best].cert].ID, n.cat.certs[n.rules[tie].cert].ID
		res.Reason = fmt.Sprintf("ambiguous: %q (%s) and %q (%s) match equally", n.rules[best].text, a, n.rules[tie].text, b)
		return res, false
	case best >= 0:
		cert = n.rules[best].cert
		res.Kind, res.Matched = n.rules[best].kind, n.rules[best].text
		res.Confidence = ruleConfidence
		if res.Kind == ByAlias || res.Kind == ByAbbreviation {
			res.Confidence = aliasConfidence
		}
	default:
		res.Reason = "no catalog entry matches"
		return res, false
	}

	e := n.cat.certs[cert]
	res.ID = e.ID
	switch {
	case exam.cert >= 0 && exam.version != "":
		res.Version = exam.version
	case e.Versioning == YearVersion && version == "" && len(years) > 0:
		res.Version = years[len(years)-1]
	default:
		res.Version = CanonicalVersion(version, e.Versioning)
	}
	if res.Version != "" && len(e.Versions) > 0 && !slices.Contains(e.Versions, res.Version) {
		res.Confidence -= unknownVersionPen
		res.Reason = joinReason(res.Reason, fmt.Sprintf("version %s is not a known %s version", res.Version, e.ID))
	}

	// Share of words nothing explains.
	explained := map[string]bool{}
	if best >= 0 {
		for _, w := range n.rules[best].all {
			explained[w] = true
		}
	}
	content, unexplained := 0, 0
	for _, w := range words {
		if stopWords[w] || issuerWords[w] || monthWords[w] || numberRE.MatchString(w) || versionMarkers[w] {
			continue
		}
		content++
		if !explained[w] && !n.known[w] {
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
func findVersion(words []string) (version string, years []string) {
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
		if versionMarkers[prev] {
			return w, years
		}
		if first == "" {
			first = w
		}
	}
	return first, years
}
