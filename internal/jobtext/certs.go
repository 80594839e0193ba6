package jobtext

import (
	"slices"
	"strings"
	"unicode"

	"github.com/certmatch/certmatch/scoring"
)

// Tuning of certification finding.
const (
	// minConfidence is the Normalize confidence a window needs: job text
	// is prose, so a window with a word Normalize cannot explain rarely
	// names a credential.
	minConfidence = 0.7
	// groupConfidence ranks a group alias below any confident Normalize
	// match, so a named certification beats generic wording.
	groupConfidence = 0.85
	// bareConfidence ranks a bare "OCP" or "OCA" read in a Java context
	// below a group alias that holds it ("OCA or OCP").
	bareConfidence = 0.8
	// maxWindow is the longest window given to Normalize, in words; the
	// longest official titles ("Databricks Certified Associate Developer
	// for Apache Spark 3.0") have eight.
	maxWindow = 8
)

// Words that shape how certifications are read.
var (
	cueWords = wordSet(`certified certification certifications certificate certificates cert certs credential
		credentials exam exams`)
	// fixedAcronyms are credential acronyms that are no catalog alias on
	// their own.
	fixedAcronyms = wordSet(`ocp oca ocm oce cca hdp`)
	issuerWords   = wordSet(`oracle sun pivotal vmware broadcom springsource hortonworks cloudera databricks apache`)
	// levelWords may be followed by the comma of an official title.
	levelWords = wordSet(`foundations associate developer professional expert master`)
	// joinWords may sit inside a title but never start or end a window.
	joinWords = wordSet(`a an the and of in for on to with`)
	yearWords = wordSet(`year years yr yrs`)
	// bareJava are abbreviations that name a Java credential only in a
	// Java context; notJava, in the same sentence, says they name
	// something else (OpenShift Container Platform, Oracle Cloud).
	bareJava = map[string]string{"ocp": "ocpjp", "oca": "ocajp"}
	notJava  = wordSet(`openshift kubernetes k8s container containers cloud infrastructure oci redhat devops gcp aws azure`)
)

// certHit is a certification or group found in a sentence.
type certHit struct {
	id       string
	version  string
	conf     float64
	from, to int // word span [from, to)
	group    bool
}

// groupAlias is one alias of a catalog group, as folded words.
type groupAlias struct {
	id    string
	words []string
}

// foldCue writes every credential cue as "cert", so "Spark
// certifications" and "Spark certified" meet the alias "Spark
// certification".
func foldCue(ws []string) []string {
	out := make([]string, len(ws))
	for i, w := range ws {
		if cueWords[w] && !strings.HasPrefix(w, "exam") && !strings.HasPrefix(w, "credential") {
			w = "cert"
		}
		out[i] = w
	}
	return out
}

// certs finds the certifications and groups a sentence names, in order,
// never overlapping.
func (f *Finder) certs(s sentence, javaBlock bool) []certHit {
	ws := s.words
	var cands []certHit
	cands = append(cands, f.groupHits(ws)...)
	for from := 0; from < len(ws); {
		to := f.chunkEnd(ws, from)
		if to == from {
			from++
			continue
		}
		if f.worthTrying(ws[from:to]) {
			cands = append(cands, f.windows(s, from, to)...)
		}
		from = to
	}
	// A window holding a smaller hit on another certification joins two
	// mentions; drop it.
	cands = slices.DeleteFunc(cands, func(h certHit) bool {
		return slices.ContainsFunc(cands, func(o certHit) bool {
			return o.id != h.id && o.from >= h.from && o.to <= h.to && o.to-o.from < h.to-h.from && !h.group
		})
	})
	// Most confident first; then one that found a version; then the
	// shortest, which holds no word it does not need (of two group
	// aliases, the longest: "Apache Spark developer certification" over
	// "Spark developer certification").
	slices.SortStableFunc(cands, func(a, b certHit) int {
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
		case a.to-a.from != b.to-b.from && a.group && b.group:
			return (b.to - b.from) - (a.to - a.from) // the fullest alias of a group
		case a.to-a.from != b.to-b.from:
			return (a.to - a.from) - (b.to - b.from)
		}
		return a.from - b.from
	})
	taken := make([]bool, len(ws))
	var hits []certHit
	for _, h := range cands {
		if slices.Contains(taken[h.from:h.to], true) {
			continue
		}
		for k := h.from; k < h.to; k++ {
			taken[k] = true
		}
		hits = append(hits, h)
	}
	// An issuer before a hit and a cue after it are part of its name:
	// "Oracle" in "Oracle Database SQL certification" is not the
	// database skill.
	for i := range hits {
		h := &hits[i]
		for h.from > 0 && !taken[h.from-1] && issuerWords[ws[h.from-1].norm] {
			h.from--
			taken[h.from] = true
		}
		for h.to < len(ws) && !taken[h.to] && cueWords[ws[h.to].norm] {
			taken[h.to] = true
			h.to++
		}
	}
	// Bare "OCP" and "OCA" in a Java context.
	if javaBlock && !slices.ContainsFunc(ws, func(w word) bool { return notJava[w.norm] }) {
		for k, w := range ws {
			if id, ok := bareJava[w.norm]; ok && w.upper && !taken[k] && f.cat.Known(id) {
				taken[k] = true
				hits = append(hits, certHit{id: id, conf: bareConfidence, from: k, to: k + 1})
			}
		}
	}
	slices.SortFunc(hits, func(a, b certHit) int { return a.from - b.from })
	for i := range hits {
		f.refineAbbreviation(s, &hits[i])
		// "OCP (Java SE 11 or later)", "Java certification (SE 17+)": a
		// version right after a hit is its version.
		if h := &hits[i]; h.version == "" && f.javaLine(h.id) {
			if v, end := versionAfter(ws, h.to); v != "" && !slices.ContainsFunc(hits, func(o certHit) bool { return o.from >= h.to && o.from < end }) {
				h.version, h.to = v, end
			}
		}
	}
	return hits
}

// versionWords may stand between a Java certification and its version.
var versionWords = wordSet(`java se jdk version v`)

// javaLine reports whether id is a Java certification, or a group of
// them, whose versions are Java's.
func (f *Finder) javaLine(id string) bool {
	java := false
	for _, m := range f.cat.Expand(id) {
		c, ok := f.cat.Cert(m)
		switch {
		case !ok || c.Versioning != scoring.JavaVersion && c.Versioning != scoring.NoVersion:
			return false
		case c.Versioning == scoring.JavaVersion:
			java = true
		}
	}
	return java
}

// versionAfter returns the version that words from k on give a Java
// certification ("(Java SE 11 or later)", "SE 17+", "version 8": a
// number that is not a count of years) and the end of those words; ""
// when there is none.
func versionAfter(ws []word, k int) (string, int) {
	if k == 0 || ws[k-1].comma {
		return "", k // "OCPJP, Java 8, ...": a list, not a version
	}
	j := k
	for j < len(ws) && j < k+2 && versionWords[ws[j].norm] {
		j++
	}
	if j == k || j >= len(ws) || !isVersion(ws[j].norm) || len(ws[j].norm) > 4 {
		return "", k
	}
	if j+1 < len(ws) && yearWords[ws[j+1].norm] {
		return "", k
	}
	return ws[j].norm, j + 1
}

// groupHits finds the catalog groups' aliases ("Java certification",
// "OCA or OCP"); a version inside ("Java 11 certification") is kept.
func (f *Finder) groupHits(ws []word) []certHit {
	var out []certHit
	for i := range ws {
		for _, g := range f.groups[fold1(ws[i].norm)] {
			k, version := i, ""
			ok := true
			for _, gw := range g.words {
				for k < len(ws) && isVersion(ws[k].norm) && gw != ws[k].norm && k > i {
					version = ws[k].norm
					k++
				}
				if k >= len(ws) || fold1(ws[k].norm) != gw || k > i && ws[k].paren != ws[i].paren {
					ok = false
					break
				}
				k++
			}
			if ok {
				out = append(out, certHit{id: g.id, version: version, conf: groupConfidence, from: i, to: k, group: true})
			}
		}
	}
	return out
}

func fold1(w string) string {
	if cueWords[w] && !strings.HasPrefix(w, "exam") && !strings.HasPrefix(w, "credential") {
		return "cert"
	}
	return w
}

// chunkEnd returns the end of the run of credential-like words starting
// at from (from itself when ws[from] is not one). A run stops at a
// parenthesis, at "or" and '/', and at a comma unless it is the comma of
// an official title ("Oracle Certified Professional, Java SE 11").
func (f *Finder) chunkEnd(ws []word, from int) int {
	to := from
	for to < len(ws) && f.credentialWord(ws[to].norm) {
		if to > from && ws[to].paren != ws[to-1].paren {
			break
		}
		to++
		last := ws[to-1]
		if last.slash || last.comma && !(to-1 > 0 && levelWords[last.norm] && ws[to-2].norm == "certified") {
			break
		}
	}
	return to
}

func (f *Finder) credentialWord(w string) bool {
	return f.catWords[w] || cueWords[w] || f.acronyms[w] || joinWords[w] || isVersion(w) || codeLike(w)
}

// worthTrying reports whether a run may name a credential: it holds a
// cue, an acronym or an exam code, or every word of a seed alias.
func (f *Finder) worthTrying(ws []word) bool {
	for _, w := range ws {
		if cueWords[w.norm] || f.acronyms[w.norm] || codeLike(w.norm) {
			return true
		}
	}
	has := func(x string) bool { return slices.ContainsFunc(ws, func(w word) bool { return w.norm == x }) }
	for _, a := range f.seedAliases {
		all := true
		for _, w := range a {
			if all = has(w); !all {
				break
			}
		}
		if all {
			return true
		}
	}
	return false
}

// windows gives Normalize every window of 1 to maxWindow words of the run
// [from, to) that does not start or end on a joining word, nor end on a
// number that counts years.
func (f *Finder) windows(s sentence, from, to int) []certHit {
	ws := s.words
	var out []certHit
	for i := from; i < to; i++ {
		if joinWords[ws[i].norm] {
			continue
		}
		for j := i + 1; j <= min(i+maxWindow, to); j++ {
			last := ws[j-1]
			if joinWords[last.norm] || j < len(ws) && yearWords[ws[j].norm] && isVersion(last.norm) {
				continue
			}
			res, ok := f.cat.Normalize(s.text[ws[i].start:last.end])
			if ok && res.Confidence >= minConfidence && f.aboutCredential(res, ws[i:j]) {
				out = append(out, certHit{id: res.ID, version: res.Version, conf: res.Confidence, from: i, to: j})
			}
		}
	}
	return out
}

// aboutCredential is the guard against prose: a window counts when it
// matched an exam code, or holds a credential cue or acronym, or matched
// an alias of two or more words of a seed certification ("Spring
// Professional"). So "5 years of professional Java" and "SQL" are not
// certifications, while "SQL certification" is.
func (f *Finder) aboutCredential(res scoring.Resolution, ws []word) bool {
	if res.Kind == scoring.ByExam {
		return true
	}
	for _, w := range ws {
		if cueWords[w.norm] || f.acronyms[w.norm] {
			return true
		}
	}
	if res.Kind == scoring.ByAlias && len(strings.Fields(res.Matched)) >= 2 {
		c, ok := f.cat.Cert(res.ID)
		return ok && c.Seed
	}
	return false
}

// refineAbbreviation reads an abbreviation in its context: "HDPCD" with
// "Spark" nearest in its sentence (or, for a short first sentence, in the
// one after) is hdpcd-spark, as the catalog's alias "HDPCD:Spark" says.
func (f *Finder) refineAbbreviation(s sentence, h *certHit) {
	if h.to-h.from != 1 || h.group {
		return
	}
	ref := f.refine[s.words[h.from].norm]
	if ref == nil {
		return
	}
	best, dist, at := "", -1, -1
	for k, w := range s.words {
		if id, ok := ref[w.norm]; ok && id != h.id {
			if d := abs(k - h.from); dist < 0 || d < dist {
				best, dist, at = id, d, k
			}
		}
	}
	if at == h.to {
		h.to++ // "HDPCD (Spark)": the word is part of the name
	}
	if best == "" && s.context != s.text {
		for _, w := range lowerWords(s.context[len(s.text):]) {
			if id, ok := ref[w]; ok && id != h.id {
				best = id
				break
			}
		}
	}
	if best != "" && f.cat.Known(best) {
		h.id, h.version = best, ""
	}
}

// certReq is one requirement a sentence's hits make: alternatives joined
// by "or" or '/' are one.
type certReq struct {
	ids      []string
	version  string
	from, to int
}

// certRequirements groups a sentence's hits: members of a group named in
// the sentence go (the group says it), and hits joined by "or", "either"
// or '/' with the same strength become one requirement.
func (f *Finder) certRequirements(s sentence, hits []certHit) []certReq {
	var groups []string
	for _, h := range hits {
		if h.group {
			groups = append(groups, h.id)
		}
	}
	hits = slices.DeleteFunc(slices.Clone(hits), func(h certHit) bool {
		for _, g := range groups {
			if h.id != g && contains(f.cat.Expand(g), h.id) {
				return true
			}
		}
		return false
	})
	var out []certReq
	for i := 0; i < len(hits); {
		j := i + 1
		for j < len(hits) && alternatives(s, hits[j-1], hits[j]) &&
			strengthAt(s, hits[j].from, hits[j].to) == strengthAt(s, hits[i].from, hits[i].to) {
			j++
		}
		req := certReq{version: alternativesVersion(hits[i:j]), from: hits[i].from, to: hits[j-1].to}
		for _, h := range hits[i:j] {
			if !contains(req.ids, h.id) {
				req.ids = append(req.ids, h.id)
			}
		}
		out = append(out, req)
		i = j
	}
	return out
}

// alternativesVersion is the version of alternatives: the lowest when
// they all have one and are the same certification ("1Z0-809 or 1Z0-819"
// is OCPJP 8 or later) or the same version; otherwise none.
func alternativesVersion(hits []certHit) string {
	v := hits[0].version
	sameID, sameVersion := true, true
	for _, h := range hits {
		if h.version == "" || h.group && len(hits) > 1 {
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

// alternatives reports whether only "or", "either" or '/' lie between
// two hits.
func alternatives(s sentence, a, b certHit) bool {
	ws := s.words
	or := ws[a.to-1].slash
	for _, w := range ws[a.to:b.from] {
		switch w.norm {
		case "or":
			or = true
		case "either":
		default:
			return false
		}
	}
	gap := s.text[ws[a.to-1].end:ws[b.from].start]
	return or && !strings.ContainsAny(gap, ",()")
}

func isVersion(w string) bool {
	if w == "" {
		return false
	}
	for i := 0; i < len(w); i++ {
		if (w[i] < '0' || w[i] > '9') && w[i] != '.' {
			return false
		}
	}
	return w[0] != '.'
}

// codeLike reports whether a word mixes letters and digits as exam codes
// do ("1z0", "2v0", "cca175").
func codeLike(w string) bool {
	letter, digit := false, false
	for _, r := range w {
		letter = letter || unicode.IsLetter(r)
		digit = digit || unicode.IsDigit(r)
	}
	return letter && digit && len(w) <= 8
}

func isLetter(r rune) bool { return unicode.IsLetter(r) }

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
