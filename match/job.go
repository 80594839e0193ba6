package match

import (
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/certmatch/certmatch/scoring"
)

// RoleFromJob turns a JSON Resume job (job-schema.json) into a Role that
// passes (*scoring.Role).Validate against cat (nil means the built-in
// catalog).
//
//   - id: the title as a slug ("Senior Java Developer" is
//     "senior-java-developer"); without a title, "job-" and 12 hex digits
//     of the SHA-256 of the compacted job. title: the title.
//   - required, preferred: certifications named in qualifications,
//     description, responsibilities and skills (names and keywords); see
//     below.
//   - required_skills: every skills[].keywords entry; preferred_skills:
//     every skills[].name (often a category such as "Web Development").
//     Entries that name a certification are requirements, not skills;
//     duplicates (by scoring.SkillKey) are dropped, required winning.
//   - min_years: the largest number of years the text requires: "3+
//     years", "at least 5 years", "minimum of 2 years", "3-5 years" (3),
//     "5 years of experience", "5 years' Java experience"; numbers may be
//     words up to twenty. Years in a preferred clause do not count.
//   - location: "City, Region" as for JSON Resume basics. remote: true
//     only for "Full"; a "Hybrid" job wants the candidate on site part of
//     the time, so location still counts in full.
//   - salary_max: salary when it is a number ("100000", "$120,000",
//     "120k") or a range of them ("90k-110k" gives 110000); otherwise 0.
//
// Certifications: each text is cut into sentences (at ". ", ";", "!", "?"
// and line ends; dots inside "1.4" or "Node.js" are kept), and every
// window of 1 to 8 words of a sentence is given to cat.Normalize; windows
// do not cross parentheses, nor a comma unless it follows "Certified
// <level>" as in "Oracle Certified Professional, Java SE 11 Developer",
// and do not end on a number that counts years. Because job text is not a
// list of credentials, a window counts only when Normalize reports at
// least jobMinConfidence and the window is plainly about a credential: it
// matched an exam code, or holds a credential acronym (a one-word catalog
// alias such as OCPJP or HDPCD, or OCP, OCA, OCM, OCE, CCA, HDP), or says
// certified, certification, certificate, cert, credential or exam, or
// matched a catalog alias of two or more words of a seed certification
// ("Spring Professional"). So "5 years of professional Java" and "SQL" are
// not certifications, while "SQL certification" is. Generic wording that
// Normalize cannot place is looked up in a small phrase table
// (groupPhrases): "Apache Spark developer certification" and "Spark
// certification" name the spark-developer group. The most confident
// windows win (then one that found a version, then the shortest), never
// overlapping, and never a window that merely joins two mentions. A group
// and its members named in one sentence ("Spark certification (CCA175 or
// HDPCD:Spark)") give the group alone; certifications joined by "or" or
// "/" ("OCPJP or OCEWCD") give one requirement with both in any_of. A
// version found ("OCP Java 11") becomes min_version; alternatives keep the
// lowest of their versions when all have one and they are one
// certification or one version, and get none otherwise.
//
// A certification is preferred or required by the markers of its clause
// (the sentence up to a comma outside parentheses). Markers that speak of
// what precedes them (required, mandatory, essential, needed; preferred,
// preferable, desirable, desired, bonus, a plus, an advantage, optional,
// beneficial) cover the certifications since the previous marker: "OCP
// Java 11 is required and Spring Professional is a plus". Markers that
// speak of what follows them (must, need, require; prefer, preferably,
// ideally, nice to have; any marker ending in a colon) cover the
// certifications after them: "Must have OCPJP", "Preferred: OCEWCD". A
// certification no marker covers takes the marker heading the sentence
// (in its first two words or before its first colon: "Nice to have:
// Spring Professional, OCEWCD"), and is required when there is none. The
// same rules keep the years of a preferred clause out of min_years. A
// certification both required and preferred is required; named twice with
// different versions, the lower version is kept.
//
// Fields are checked against job-schema.json as JSON Resume sections are
// (null is not a string, remote is Full, Hybrid or None in any case);
// fields not read may hold anything. Every error is a *RoleError.
func RoleFromJob(r io.Reader, cat *scoring.Catalog) (scoring.Role, error) {
	if cat == nil {
		cat = scoring.DefaultCatalog()
	}
	data, err := readJSONDoc(r)
	if err != nil {
		return scoring.Role{}, &RoleError{Input: "job", Err: err}
	}
	v, err := decodeAny(data)
	if err != nil {
		return scoring.Role{}, &RoleError{Input: "job", Err: err}
	}
	job := v.(map[string]any) // readJSONDoc checked it is an object
	title := ""
	if t, ok := job["title"].(string); ok {
		title = strings.TrimSpace(t)
	}
	id := slug(title)
	if id == "" {
		id = hashID("job-", data)
	}
	if fe := jobShape.check(job, ""); fe != nil {
		return scoring.Role{}, &RoleError{Input: "job", Role: id, Field: fe.field, Err: fe.err}
	}

	role := scoring.Role{ID: id, Title: title}
	x := newJobExtractor(cat)
	for _, q := range getArr(job, "qualifications") {
		x.text(q.(string))
	}
	x.text(getStr(job, "description"))
	for _, q := range getArr(job, "responsibilities") {
		x.text(q.(string))
	}
	var required, preferred []string
	for _, it := range getArr(job, "skills") {
		sk := it.(map[string]any)
		if name := getStr(sk, "name"); name != "" && !x.text(name) {
			preferred = append(preferred, name)
		}
		for _, kw := range getArr(sk, "keywords") {
			if kw := strings.TrimSpace(kw.(string)); kw != "" && !x.text(kw) {
				required = append(required, kw)
			}
		}
	}
	role.Required, role.Preferred = x.requirements()
	role.RequiredSkills, role.PreferredSkills = dedupeSkills(required, preferred)
	role.MinYears = x.minYears
	role.Location = placeName(getObj(job, "location"))
	role.Remote = strings.EqualFold(getStr(job, "remote"), "Full")
	role.SalaryMax = parseSalary(getStr(job, "salary"))
	if err := role.Validate(cat); err != nil {
		return scoring.Role{}, roleValidationError("job", id, err)
	}
	return role, nil
}

// jobShape is job-schema.json's description of the fields RoleFromJob
// reads.
var jobShape = object(map[string]*shape{
	"title": str, "description": str, "salary": str, "experience": str,
	"remote": {kind: kindEnum, enum: []string{"Full", "Hybrid", "None"}},
	"location": object(map[string]*shape{
		"address": str, "postalCode": str, "city": str, "countryCode": str, "region": str,
	}),
	"responsibilities": strArray,
	"qualifications":   strArray,
	"skills":           array(object(map[string]*shape{"name": str, "level": str, "keywords": strArray})),
})

// slug lower-cases s and joins its runs of letters and digits with '-'.
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
			continue
		}
		dash = true
	}
	return b.String()
}

// dedupeSkills drops repeated skills (by scoring.SkillKey), keeping the
// first spelling; a skill both required and preferred is required.
func dedupeSkills(required, preferred []string) (req, pref []string) {
	seen := map[string]bool{}
	keep := func(in []string) []string {
		var out []string
		for _, s := range in {
			if k := scoring.SkillKey(s); k != "" && !seen[k] {
				seen[k] = true
				out = append(out, s)
			}
		}
		return out
	}
	req = keep(required)
	pref = keep(preferred)
	return req, pref
}

// Tuning of certification finding in job text (see RoleFromJob).
const (
	// jobMinConfidence is the Normalize confidence a window needs: job
	// text is prose, so a window with a word Normalize cannot explain
	// rarely names a credential.
	jobMinConfidence = 0.7
	// phraseConfidence ranks a groupPhrases match below any confident
	// Normalize match, so a named certification beats generic wording.
	phraseConfidence = 0.85
	// maxWindow is the longest window tried, in words; the longest
	// official titles ("Oracle Certified Professional, Java SE 11
	// Developer") have seven.
	maxWindow = 8
)

// groupPhrases maps generic wording Normalize cannot place to a catalog
// group: a window whose words all come from allowed and include "spark"
// and a credential cue names the group.
var groupPhrases = []struct {
	group   string
	need    string // a word the window must hold, besides a cue
	allowed map[string]bool
}{
	{group: "spark-developer", need: "spark", allowed: wordSet(`apache spark developer developers engineer associate
		certified certification certifications certificate certificates cert certs credential credentials an any a`)},
}

// Words that shape how job text is read.
var (
	cueWords = wordSet(`certified certification certifications certificate certificates cert certs credential
		credentials exam exams`)
	fixedAcronyms = wordSet(`ocp oca ocm oce cca hdp`)
	// levelWords may be followed by the comma of an official title.
	levelWords = wordSet(`foundations associate developer professional expert master`)
	// edgeWords never start or end a window.
	edgeWords = wordSet(`a an the and or of in for to with on is are be will must should have has at as by from our you your we`)
	yearWords = wordSet(`year years yr yrs`)
	// Markers that speak of what precedes them ("X is required").
	requiredWords  = wordSet(`required mandatory essential needed`)
	preferredWords = wordSet(`preferred preferable desirable desired bonus advantageous optional beneficial`)
	preferredPairs = map[[2]string]bool{{"a", "plus"}: true, {"big", "plus"}: true, {"huge", "plus"}: true,
		{"an", "advantage"}: true, {"a", "bonus"}: true}
	// Markers that speak of what follows them ("must have X"); so do
	// "nice to have" and any marker ending in a colon.
	leadingRequired  = wordSet(`must must-have need needs require requires`)
	leadingPreferred = wordSet(`prefer prefers preferably ideally nice-to-have`)
)

func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// jobHit is a certification found in a sentence.
type jobHit struct {
	id        string
	version   string
	conf      float64
	from, to  int // word span [from, to)
	preferred bool
	group     bool
}

type jobExtractor struct {
	cat      *scoring.Catalog
	acronyms map[string]bool
	reqs     [2][]scoring.Requirement // required, preferred, in order found
	minYears float64
}

func newJobExtractor(cat *scoring.Catalog) *jobExtractor {
	x := &jobExtractor{cat: cat, acronyms: map[string]bool{}}
	for w := range fixedAcronyms {
		x.acronyms[w] = true
	}
	for c := range cat.Certs() {
		for _, a := range c.Aliases {
			if strings.ContainsAny(a, " \t") || a != strings.ToUpper(a) {
				continue
			}
			for _, w := range strings.FieldsFunc(strings.ToLower(a), func(r rune) bool { return !isWordRune(r) }) {
				if len(w) >= 3 && strings.ContainsFunc(w, unicode.IsLetter) {
					x.acronyms[w] = true
				}
			}
		}
	}
	return x
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// jobWord is a word of a sentence: its byte span, its lower-case letters
// and digits, the parenthesis segment it is in and its clause.
type jobWord struct {
	start, end int
	norm       string
	segment    int
	clause     int
	commaAfter bool // a comma follows
	colonAfter bool // the word ends with ':'
}

// sentenceRE cuts text into sentences: at ". " (a dot followed by space
// or the end, so "1.4" and "Node.js" stay whole), ';', '!', '?' and line
// ends.
var sentenceRE = regexp.MustCompile(`\.(\s+|$)|[;!?\n\r]+`)

// text finds certifications and years in one job text and reports whether
// it named a certification.
func (x *jobExtractor) text(s string) bool {
	found := false
	for _, sent := range sentenceRE.Split(s, -1) {
		if strings.TrimSpace(sent) == "" {
			continue
		}
		words := splitWords(sent)
		if len(words) == 0 {
			continue
		}
		hits := x.findCerts(sent, words)
		found = found || len(hits) > 0
		x.addHits(sent, words, hits)
		x.findYears(sent, words)
	}
	return found
}

// splitWords splits a sentence into words at white space, '/', ',' and
// parentheses, noting commas and parenthesis segments; clauses end at a
// comma outside parentheses.
func splitWords(s string) []jobWord {
	var words []jobWord
	segment, depth, clause := 0, 0, 0
	start := -1
	flush := func(end int) {
		if start < 0 {
			return
		}
		norm := strings.ToLower(strings.TrimFunc(s[start:end], func(r rune) bool { return !isWordRune(r) && r != '+' }))
		norm = strings.TrimRight(norm, "+")
		if norm != "" {
			words = append(words, jobWord{start: start, end: end, norm: norm, segment: segment, clause: clause,
				colonAfter: strings.HasSuffix(s[start:end], ":")})
		}
		start = -1
	}
	for i, r := range s {
		switch {
		case unicode.IsSpace(r) || r == '/':
			flush(i)
		case r == ',':
			flush(i)
			if len(words) > 0 {
				words[len(words)-1].commaAfter = true
			}
			if depth == 0 {
				clause++
			}
		case r == '(' || r == ')' || r == '[' || r == ']':
			flush(i)
			segment++
			if r == '(' || r == '[' {
				depth++
			} else if depth > 0 {
				depth--
			}
		default:
			if start < 0 {
				start = i
			}
		}
	}
	flush(len(s))
	return words
}

// findCerts returns the certifications a sentence names, in order.
func (x *jobExtractor) findCerts(sent string, words []jobWord) []jobHit {
	var cands []jobHit
	for i := range words {
		if edgeWords[words[i].norm] {
			continue
		}
		for j := i + 1; j <= min(i+maxWindow, len(words)); j++ {
			last := words[j-1]
			if j > i+1 && (last.segment != words[j-2].segment || words[j-2].commaAfter && !x.titleComma(words, j-2)) {
				break
			}
			if edgeWords[last.norm] || j < len(words) && yearWords[words[j].norm] || strings.HasSuffix(sent[last.start:last.end], "+") {
				continue
			}
			if h, ok := x.window(sent[words[i].start:last.end], words[i:j]); ok {
				h.from, h.to = i, j
				cands = append(cands, h)
			}
		}
	}
	// A window holding a smaller hit on another certification joins two
	// mentions; drop it.
	cands = slices.DeleteFunc(cands, func(h jobHit) bool {
		return slices.ContainsFunc(cands, func(o jobHit) bool {
			return o.id != h.id && o.from >= h.from && o.to <= h.to && o.to-o.from < h.to-h.from
		})
	})
	// Most confident first; then one that found a version; then the
	// shortest, which holds no word it does not need.
	slices.SortStableFunc(cands, func(a, b jobHit) int {
		switch {
		case a.conf != b.conf:
			if a.conf > b.conf {
				return -1
			}
			return 1
		case (a.version == "") != (b.version == ""):
			if a.version != "" {
				return -1
			}
			return 1
		case a.to-a.from != b.to-b.from:
			return (a.to - a.from) - (b.to - b.from)
		}
		return a.from - b.from
	})
	taken := make([]bool, len(words))
	var hits []jobHit
	for _, h := range cands {
		if slices.Contains(taken[h.from:h.to], true) {
			continue
		}
		for k := h.from; k < h.to; k++ {
			taken[k] = true
		}
		hits = append(hits, h)
	}
	slices.SortFunc(hits, func(a, b jobHit) int { return a.from - b.from })
	return hits
}

// titleComma reports whether the comma after words[k] is the one in an
// official title, after "Certified <level>".
func (x *jobExtractor) titleComma(words []jobWord, k int) bool {
	return k > 0 && levelWords[words[k].norm] && words[k-1].norm == "certified"
}

// window tries one window of words.
func (x *jobExtractor) window(text string, words []jobWord) (jobHit, bool) {
	res, ok := x.cat.Normalize(text)
	if ok && res.Confidence >= jobMinConfidence && x.aboutCredential(res, words) {
		return jobHit{id: res.ID, version: res.Version, conf: res.Confidence}, true
	}
	if ok {
		return jobHit{}, false
	}
	for _, p := range groupPhrases {
		if !x.cat.Known(p.group) {
			continue
		}
		need, cue := false, false
		for _, w := range words {
			if !p.allowed[w.norm] {
				return jobHit{}, false
			}
			need = need || w.norm == p.need
			cue = cue || cueWords[w.norm]
		}
		if need && cue {
			return jobHit{id: p.group, conf: phraseConfidence, group: true}, true
		}
	}
	return jobHit{}, false
}

// aboutCredential is the guard against prose: see RoleFromJob.
func (x *jobExtractor) aboutCredential(res scoring.Resolution, words []jobWord) bool {
	if res.Kind == scoring.ByExam {
		return true
	}
	for _, w := range words {
		for _, part := range strings.FieldsFunc(w.norm, func(r rune) bool { return !isWordRune(r) }) {
			if cueWords[part] || x.acronyms[part] {
				return true
			}
		}
	}
	if res.Kind == scoring.ByAlias && len(strings.Fields(res.Matched)) >= 2 {
		c, ok := x.cat.Cert(res.ID)
		return ok && c.Seed
	}
	return false
}

// markerAt reports the marker at words[k]: kind 1 for required, 2 for
// preferred, 0 for none; n, the words it spans; leading, whether it speaks
// of what follows ("must have X", "Preferred: X") rather than of what
// precedes ("X is required", "X is a plus").
func markerAt(words []jobWord, k int) (kind, n int, leading bool) {
	w := words[k].norm
	next := ""
	if k+1 < len(words) {
		next = words[k+1].norm
	}
	switch {
	case leadingRequired[w]:
		kind, n, leading = 1, 1, true
	case leadingPreferred[w]:
		kind, n, leading = 2, 1, true
	case w == "nice" && next == "to" && k+2 < len(words) && words[k+2].norm == "have":
		kind, n, leading = 2, 3, true
	case k == 0 && w == "plus":
		kind, n, leading = 2, 1, true
	case requiredWords[w]:
		kind, n = 1, 1
	case preferredWords[w]:
		kind, n = 2, 1
	case preferredPairs[[2]string{w, next}]:
		kind, n = 2, 2
	default:
		return 0, 0, false
	}
	if words[k+n-1].colonAfter {
		leading = true // "Required: X"
	}
	return kind, n, leading
}

// preferredAt decides whether words [from, to) of a sentence are
// preferred. Within the clauses they touch, the first marker after them
// decides if it speaks of what precedes it, else the last marker before
// them if it speaks of what follows; without either, a marker heading the
// sentence (in its first two words or before its first colon) decides;
// otherwise they are required.
func preferredAt(words []jobWord, from, to int) bool {
	firstColon := -1
	for k, w := range words {
		if w.colonAfter {
			firstColon = k
			break
		}
	}
	heading, before, after := 0, 0, 0
	for k := 0; k < len(words); k++ {
		kind, n, leading := markerAt(words, k)
		if kind == 0 {
			continue
		}
		if heading == 0 && (k < 2 || k <= firstColon) {
			heading = kind
		}
		if c := words[k].clause; c >= words[from].clause && c <= words[to-1].clause {
			switch {
			case k+n <= from && leading:
				before = kind
			case k+n <= from:
				before = 0 // a trailing marker closes what came before
			case k >= to && after == 0 && !leading:
				after = kind
			case k >= to && after == 0:
				after = -1 // a leading marker opens what comes next
			}
		}
		k += n - 1
	}
	switch {
	case after > 0:
		return after == 2
	case before > 0:
		return before == 2
	}
	return heading == 2
}

// addHits turns a sentence's hits into requirements: alternatives joined
// by "or" or "/" become one; members of a group named in the sentence are
// dropped.
func (x *jobExtractor) addHits(sent string, words []jobWord, hits []jobHit) {
	for i := range hits {
		hits[i].preferred = preferredAt(words, hits[i].from, hits[i].to)
	}
	var groups []string
	for _, h := range hits {
		if h.group {
			groups = append(groups, h.id)
		}
	}
	hits = slices.DeleteFunc(hits, func(h jobHit) bool {
		for _, g := range groups {
			if h.id != g && slices.Contains(x.cat.Expand(g), h.id) {
				return true
			}
		}
		return false
	})
	for i := 0; i < len(hits); {
		j := i + 1
		for j < len(hits) && hits[j].preferred == hits[i].preferred && alternatives(sent, words, hits[j-1], hits[j]) {
			j++
		}
		req := scoring.Requirement{MinVersion: alternativesVersion(hits[i:j])}
		for _, h := range hits[i:j] {
			if !slices.Contains(req.AnyOf, h.id) {
				req.AnyOf = append(req.AnyOf, h.id)
			}
		}
		cat := 0
		if hits[i].preferred {
			cat = 1
		}
		x.add(cat, req)
		i = j
	}
}

// alternativesVersion is the min_version of alternatives: the lowest
// version when they all have one and are the same certification ("1Z0-809
// or 1Z0-819" is OCPJP 8 or later) or the same version; otherwise none.
func alternativesVersion(hits []jobHit) string {
	v := hits[0].version
	sameID, sameVersion := true, true
	for _, h := range hits {
		if h.version == "" || h.group {
			return ""
		}
		sameID = sameID && h.id == hits[0].id
		sameVersion = sameVersion && h.version == v
		if scoring.CompareVersions(h.version, v) < 0 {
			v = h.version
		}
	}
	if sameID || sameVersion {
		return v
	}
	return ""
}

// alternatives reports whether only "or", "either" or '/' lie between two
// hits.
func alternatives(sent string, words []jobWord, a, b jobHit) bool {
	gap := sent[words[a.to-1].end:words[b.from].start]
	or := strings.Contains(gap, "/")
	for _, w := range words[a.to:b.from] {
		switch w.norm {
		case "or":
			or = true
		case "either":
		default:
			return false
		}
	}
	return or && !strings.ContainsAny(gap, ",()")
}

// add records a requirement (cat 0 required, 1 preferred). One with the
// same any_of in the same category keeps the lower min_version; a required
// one replaces a preferred one; a preferred one adds nothing to a required
// one.
func (x *jobExtractor) add(cat int, req scoring.Requirement) {
	key := func(r scoring.Requirement) string {
		ids := slices.Clone(r.AnyOf)
		slices.Sort(ids)
		return strings.Join(ids, " ")
	}
	for c := range x.reqs {
		i := slices.IndexFunc(x.reqs[c], func(old scoring.Requirement) bool { return key(old) == key(req) })
		switch {
		case i < 0:
			continue
		case c == cat:
			old := &x.reqs[c][i]
			if old.MinVersion != "" && (req.MinVersion == "" || scoring.CompareVersions(req.MinVersion, old.MinVersion) < 0) {
				old.MinVersion = req.MinVersion
			}
			return
		case cat == 1: // already required
			return
		default: // required replaces preferred
			x.reqs[1] = slices.Delete(x.reqs[1], i, i+1)
		}
	}
	x.reqs[cat] = append(x.reqs[cat], req)
}

func (x *jobExtractor) requirements() (required, preferred []scoring.Requirement) {
	orNil := func(r []scoring.Requirement) []scoring.Requirement {
		if len(r) == 0 {
			return nil
		}
		return r
	}
	return orNil(x.reqs[0]), orNil(x.reqs[1])
}

// Phrases that state years of experience; the first group is the number.
var yearsREs = func() []*regexp.Regexp {
	num := `(\d{1,2}(?:\.\d)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty)`
	yrs := `(?:years?|yrs?)\b`
	return []*regexp.Regexp{
		regexp.MustCompile(`(?i)\b(?:at\s+least|minimum(?:\s+of)?|min\.?|over|more\s+than)\s+` + num + `\s*\+?\s*` + yrs),
		regexp.MustCompile(`(?i)\b` + num + `\s*\+\s*` + yrs),
		regexp.MustCompile(`(?i)\b` + num + `\s*(?:-|–|to)\s*\d{1,2}\s*\+?\s*` + yrs),
		regexp.MustCompile(`(?i)\b` + num + `\s*` + yrs + `['’]?\s+(?:of\s+)?(?:[\w.#+-]+\s+){0,3}?experience\b`),
	}
}()

// rangeEndRE matches text ending where the top of a range starts: "3-",
// "3 to ".
var rangeEndRE = regexp.MustCompile(`(?i)\d\s*(?:-|–|to)\s*$`)

var numberWords = map[string]float64{"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
	"eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20}

// findYears raises minYears to what a required clause of the sentence
// states.
func (x *jobExtractor) findYears(sent string, words []jobWord) {
	for _, re := range yearsREs {
		for _, m := range re.FindAllStringSubmatchIndex(sent, -1) {
			if rangeEndRE.MatchString(sent[:m[2]]) {
				continue // the top of "3-5 years": the range's own match counts
			}
			numText := strings.ToLower(sent[m[2]:m[3]])
			n, ok := numberWords[numText]
			if !ok {
				f, err := strconv.ParseFloat(numText, 64)
				if err != nil {
					continue
				}
				n = f
			}
			// The words the phrase covers.
			from, to := -1, -1
			for k, w := range words {
				if w.end > m[0] && w.start < m[1] {
					if from < 0 {
						from = k
					}
					to = k + 1
				}
			}
			if from < 0 || preferredAt(words, from, to) {
				continue
			}
			if n > x.minYears && n <= 50 {
				x.minYears = n
			}
		}
	}
}

// salaryRE reads "100000", "120k", "$90,000 - $110,000", "90k-110k EUR".
var salaryRE = regexp.MustCompile(`^(\d+(?:\.\d+)?)(k)?(?:(?:-|–|to)(\d+(?:\.\d+)?)(k)?)?$`)

// parseSalary reads a salary that is a number or a range of numbers,
// returning the largest; 0 when it is anything else.
func parseSalary(s string) float64 {
	s = strings.ToLower(s)
	for _, cut := range []string{"$", "€", "£", "usd", "eur", "gbp", ",", " "} {
		s = strings.ReplaceAll(s, cut, "")
	}
	m := salaryRE.FindStringSubmatch(s)
	if m == nil {
		return 0
	}
	val := func(num, k string) float64 {
		f, err := strconv.ParseFloat(num, 64)
		if err != nil {
			return 0
		}
		if k != "" {
			f *= 1000
		}
		return f
	}
	hi := val(m[1], m[2])
	if m[3] != "" {
		hi = max(hi, val(m[3], m[4]))
	}
	return hi
}
