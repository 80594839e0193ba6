package scoring

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"iter"
	"slices"
	"strings"
)

// Axis is the one scale a certification line's versions are compared on,
// with the other ways the line's titles write a version (title years,
// exam editions) mapped onto it. Spring Professional's axis is the Spring
// Framework version: "Spring Professional 2021" holds the version its exam
// covered, 5.3, and a role may ask for ">= 6" or ">= 2022" alike.
type Axis struct {
	// Label names the scale in explanations: "Spring" in "2021 (Spring
	// 5.3)".
	Label string `json:"label"`
	// Name says what the scale measures.
	Name string `json:"name,omitempty"`
	// Map lists the written versions that stand for an axis version.
	Map []AxisPoint `json:"map,omitempty"`
	// TitleYears makes a four-digit year that Map does not list an unknown
	// version rather than a number on the axis (2026 is not Spring 2026).
	TitleYears bool `json:"title_years,omitempty"`
}

// AxisPoint maps one written version onto the axis.
type AxisPoint struct {
	Written string `json:"written"` // as titles write it: "2021"
	Version string `json:"version"` // on the axis: "5.3"
	Source  string `json:"source,omitempty"`
}

// Hedge is a normaliser rule for text that names less than the credential,
// such as an exam title without its part number ("Java SE 8 Programmer"
// is at least the associate level): it matches like a Match rule, with its
// confidence lowered by Penalty and Note added to the Resolution's Reason.
type Hedge struct {
	Match   string  `json:"match"`
	Penalty float64 `json:"penalty"`
	Note    string  `json:"note"`
	Source  string  `json:"source,omitempty"`
}

// ExamGrant is what passing a part exam alone grants where an issuer says
// so: Oracle Japan awards Silver SE 11 (the associate level) for 1Z0-815,
// which elsewhere is half of OCP Java SE 11.
type ExamGrant struct {
	Ref   Ref    `json:"ref"`
	Where string `json:"where"`
	// Penalty lowers the confidence beyond the part-exam penalty.
	Penalty float64 `json:"penalty,omitempty"`
	Source  string  `json:"source,omitempty"`
}

// Issuer lists the ways one issuer's name is written. Issuer words the
// normaliser sets aside come from every entry's Issuer and History and from
// these spellings.
type Issuer struct {
	Name    string   `json:"name"`
	Aliases []string `json:"aliases,omitempty"`
	Source  string   `json:"source,omitempty"`
}

// SkillSynonym folds the spellings of one skill into one key: "Apache
// Spark", "PySpark" and "Spark SQL" all count as the skill "spark".
type SkillSynonym struct {
	Key       string   `json:"key"`       // a skill key (SkillKey form)
	Spellings []string `json:"spellings"` // as people write them
	Source    string   `json:"source,omitempty"`
}

// NotCredential is a class of text that names a course, a book, practice
// material or a plan rather than a credential. A text is rejected when it
// holds one of Words or one of Phrases (words in a row), unless it also
// holds one of Unless anywhere ("Professional Certificate" is a course
// provider's series, "Certified Spring Professional certificate" a
// credential written loosely).
type NotCredential struct {
	Reason  string   `json:"reason"`
	Words   []string `json:"words,omitempty"`
	Phrases []string `json:"phrases,omitempty"`
	Unless  []string `json:"unless,omitempty"`
	Source  string   `json:"source,omitempty"`
}

// Words is the normaliser's vocabulary: words set aside when judging how
// much of a text a match explains, and spelling variants folded together.
type Words struct {
	// Stop words carry no meaning for a match ("certified", "the").
	Stop []string `json:"stop,omitempty"`
	// Months are dates, not content.
	Months []string `json:"months,omitempty"`
	// Filler words are company and product filler beside the issuer
	// ("inc", "university", "apache").
	Filler []string `json:"filler,omitempty"`
	// VersionMarkers are words a version number follows ("SE 11", "Spark
	// 3.0").
	VersionMarkers []string `json:"version_markers,omitempty"`
	// Variants fold plurals and spellings into the words rules use.
	Variants []Variant `json:"variants,omitempty"`
}

// Variant says that word From is read as the words To ("components" is
// "component", "javaee" is "java ee").
type Variant struct {
	From string   `json:"from"`
	To   []string `json:"to"`
}

// isTitleYear reports whether v is written as a four-digit year.
func isTitleYear(v string) bool {
	return len(v) == 4 && (v[:2] == "19" || v[:2] == "20") && strings.Trim(v, "0123456789") == ""
}

// axisVersion maps a version written for e onto e's axis: the canonical
// form under e's versioning, through the axis map. ok is false for a title
// year the axis does not know; v == "" maps to "".
func (e *Cert) axisVersion(v string) (string, bool) {
	cv := CanonicalVersion(v, e.Versioning)
	if cv == "" || e.Axis == nil {
		return cv, true
	}
	for _, p := range e.Axis.Map {
		if CompareVersions(cv, CanonicalVersion(p.Written, e.Versioning)) == 0 {
			return CanonicalVersion(p.Version, e.Versioning), true
		}
	}
	if e.Axis.TitleYears && isTitleYear(cv) {
		return "", false
	}
	return cv, true
}

// axisLabel names e's scale for explanations: the declared axis label, or
// "Java" for Java numbering.
func (e *Cert) axisLabel() string {
	switch {
	case e.Axis != nil:
		return e.Axis.Label
	case e.Versioning == JavaVersion:
		return "Java"
	}
	return ""
}

// AxisVersion maps version v, as a title, an exam or a role writes it for
// certification id, onto the line's version axis: Spring Professional
// "2021" is 5.3, Java "1.5" is 5. ok is false for an unknown id or a title
// year the axis does not map.
func (c *Catalog) AxisVersion(id, v string) (string, bool) {
	e := c.entry(id)
	if e == nil {
		return "", false
	}
	return e.axisVersion(v)
}

// ShowVersion writes a held version for explanations: as written, with the
// axis version beside it when the two differ ("2021 (Spring 5.3)", "1.5
// (Java 5)"); "3.0" stays "3.0".
func (c *Catalog) ShowVersion(id, written string) string {
	e := c.entry(id)
	if e == nil || e.Versioning == NoVersion {
		return ""
	}
	w := strings.TrimPrefix(strings.ToLower(strings.TrimSpace(written)), "v")
	av, ok := e.axisVersion(w)
	switch {
	case w == "":
		return ""
	case !ok:
		return w + " (" + strings.TrimSpace(e.axisLabel()+" version unknown") + ")"
	case av == "" || !validVersion(strings.TrimSuffix(w, ".x")):
		return av
	case CompareVersions(strings.TrimSuffix(w, ".x"), av) != 0 && e.axisLabel() != "":
		return w + " (" + e.axisLabel() + " " + av + ")"
	}
	return w
}

// checkAxis reports a min_version that a certification anyOf stands for
// cannot place on its axis: a title year its axis does not map.
func (c *Catalog) checkAxis(anyOf []string, v string) error {
	for _, id := range anyOf {
		for _, m := range c.Expand(id) {
			e := c.entry(m)
			if e == nil {
				continue
			}
			if _, ok := e.axisVersion(v); !ok {
				var known []string
				for _, p := range e.Axis.Map {
					known = append(known, p.Written)
				}
				return fmt.Errorf("%q is a title year %s does not place on its %s axis (known years: %s)", v, m, e.Axis.Label, strings.Join(known, ", "))
			}
		}
	}
	return nil
}

// buildData validates the catalog's data sections and compiles the skill
// synonyms; build calls it before the normaliser is compiled.
func (c *Catalog) buildData() error {
	bad := func(entry, field string, format string, args ...any) error {
		return &CatalogError{Entry: entry, Field: field, Err: fmt.Errorf("%w: "+format, append([]any{ErrCatalog}, args...)...)}
	}
	for i := range c.certs {
		e := &c.certs[i]
		if a := e.Axis; a != nil {
			if strings.TrimSpace(a.Label) == "" {
				return bad(e.ID, "axis.label", "missing")
			}
			if e.Versioning == NoVersion {
				return bad(e.ID, "axis", "a certification without versions has no axis")
			}
			seen := map[string]bool{}
			for j, p := range a.Map {
				w, v := CanonicalVersion(p.Written, e.Versioning), CanonicalVersion(p.Version, e.Versioning)
				switch {
				case w == "":
					return bad(e.ID, fmt.Sprintf("axis.map[%d].written", j), "%q is not a version", p.Written)
				case v == "":
					return bad(e.ID, fmt.Sprintf("axis.map[%d].version", j), "%q is not a version", p.Version)
				case seen[w]:
					return bad(e.ID, fmt.Sprintf("axis.map[%d].written", j), "%q is mapped twice", p.Written)
				}
				seen[w] = true
			}
			for j, p := range a.Map {
				if seen[CanonicalVersion(p.Version, e.Versioning)] {
					return bad(e.ID, fmt.Sprintf("axis.map[%d].version", j), "%q is itself a written form the axis maps", p.Version)
				}
			}
		}
		for j, h := range e.Hedges {
			if h.Penalty <= 0 || h.Penalty >= 1 {
				return bad(e.ID, fmt.Sprintf("hedges[%d].penalty", j), "must be between 0 and 1, got %v", h.Penalty)
			}
			if strings.TrimSpace(h.Note) == "" {
				return bad(e.ID, fmt.Sprintf("hedges[%d].note", j), "missing: say what the text leaves open")
			}
		}
		for j, x := range e.Exams {
			g := x.Grants
			if g == nil {
				continue
			}
			f := fmt.Sprintf("exams[%d].grants", j)
			switch {
			case !x.Part:
				return bad(e.ID, f, "only a part exam grants something of its own")
			case c.entry(g.Ref.ID) == nil:
				return bad(e.ID, f+".ref", "unknown certification %q", g.Ref.ID)
			case strings.TrimSpace(g.Where) == "":
				return bad(e.ID, f+".where", "missing: say where the issuer grants it")
			case g.Penalty < 0 || g.Penalty >= 1:
				return bad(e.ID, f+".penalty", "must be between 0 and 1, got %v", g.Penalty)
			}
		}
	}
	names := map[string]bool{}
	for i, is := range c.issuers {
		name := is.Name
		if strings.TrimSpace(name) == "" {
			return bad(fmt.Sprintf("issuer #%d", i), "name", "missing")
		}
		if names[name] {
			return bad(name, "name", "duplicate issuer")
		}
		names[name] = true
		for j, a := range is.Aliases {
			if len(tokenize(a)) == 0 {
				return bad(name, fmt.Sprintf("aliases[%d]", j), "%q has no words", a)
			}
		}
	}
	c.skillSyn = map[string]string{}
	keys := map[string]bool{}
	for i, s := range c.skills {
		entry := s.Key
		if entry == "" {
			entry = fmt.Sprintf("skill #%d", i)
		}
		if k := foldSkill(s.Key); k == "" || k != s.Key {
			return bad(entry, "key", "%q is not a skill key (want %q)", s.Key, k)
		}
		if keys[s.Key] {
			return bad(entry, "key", "duplicate skill key")
		}
		keys[s.Key] = true
		if len(s.Spellings) == 0 {
			return bad(entry, "spellings", "empty")
		}
		for j, sp := range s.Spellings {
			k := foldSkill(sp)
			switch prev, dup := c.skillSyn[k]; {
			case k == "":
				return bad(entry, fmt.Sprintf("spellings[%d]", j), "%q has no letters", sp)
			case k == s.Key:
				return bad(entry, fmt.Sprintf("spellings[%d]", j), "%q is the key itself", sp)
			case dup && prev != s.Key:
				return bad(entry, fmt.Sprintf("spellings[%d]", j), "%q already folds into %q", sp, prev)
			}
			c.skillSyn[k] = s.Key
		}
	}
	// A key must not itself be a spelling of another key: folding is one
	// step.
	for _, s := range c.skills {
		if to, ok := c.skillSyn[s.Key]; ok {
			return bad(s.Key, "key", "%q is also a spelling of %q", s.Key, to)
		}
	}
	for i, nc := range c.notCreds {
		entry := fmt.Sprintf("not_credentials[%d]", i)
		if strings.TrimSpace(nc.Reason) == "" {
			return bad(entry, "reason", "missing")
		}
		if len(nc.Words)+len(nc.Phrases) == 0 {
			return bad(entry, "words", "no words or phrases")
		}
		for j, w := range nc.Words {
			if t := tokenize(w); len(t) != 1 {
				return bad(entry, fmt.Sprintf("words[%d]", j), "%q is not one word", w)
			}
		}
		for j, p := range nc.Phrases {
			if len(tokenize(p)) == 0 {
				return bad(entry, fmt.Sprintf("phrases[%d]", j), "%q has no words", p)
			}
		}
	}
	for j, v := range c.words.Variants {
		if t := tokenize(v.From); len(t) != 1 || t[0] != v.From {
			return bad("words", fmt.Sprintf("variants[%d].from", j), "%q is not one lower-case word", v.From)
		}
		if len(v.To) == 0 {
			return bad("words", fmt.Sprintf("variants[%d].to", j), "empty")
		}
	}
	return nil
}

// mergeData adds add's data sections to c's: issuers and skills by name
// and key (spellings appended), everything else appended.
func (c *Catalog) mergeData(add *catalogFile) {
	c.issuers = mergeByKey(c.issuers, add.Issuers, func(x Issuer) string { return x.Name }, func(x, y Issuer) Issuer {
		x.Aliases = append(slices.Clone(x.Aliases), y.Aliases...)
		return x
	})
	c.skills = mergeByKey(c.skills, add.Skills, func(x SkillSynonym) string { return x.Key }, func(x, y SkillSynonym) SkillSynonym {
		x.Spellings = append(slices.Clone(x.Spellings), y.Spellings...)
		return x
	})
	c.notCreds = append(slices.Clone(c.notCreds), add.NotCredentials...)
	w := &c.words
	w.Stop = append(slices.Clone(w.Stop), add.Words.Stop...)
	w.Months = append(slices.Clone(w.Months), add.Words.Months...)
	w.Filler = append(slices.Clone(w.Filler), add.Words.Filler...)
	w.VersionMarkers = append(slices.Clone(w.VersionMarkers), add.Words.VersionMarkers...)
	w.Variants = append(slices.Clone(w.Variants), add.Words.Variants...)
}

// mergeByKey returns base with each entry of add joined into the entry of
// base with the same key, or appended when base has none; base itself is
// not changed.
func mergeByKey[T any](base, add []T, key func(T) string, join func(T, T) T) []T {
	out := slices.Clone(base)
	for _, y := range add {
		if i := slices.IndexFunc(out, func(x T) bool { return key(x) == key(y) }); i >= 0 {
			out[i] = join(out[i], y)
			continue
		}
		out = append(out, y)
	}
	return out
}

// Fingerprint identifies everything in the catalog that shapes what is
// derived from a candidate (resolved ids and versions, implications,
// skill keys, search terms): the SHA-256, in hex, of a canonical JSON
// encoding of the certifications, groups, issuers, skill synonyms, the
// normaliser's vocabulary and classes and the policy. Two catalogs with
// the same content have the same fingerprint; an index built with one
// catalog is stale under another.
//
// A nil or zero Catalog has the fingerprint "".
func (c *Catalog) Fingerprint() string {
	if c == nil {
		return ""
	}
	return c.fingerprint
}

func (c *Catalog) computeFingerprint() (string, error) {
	// The catalog.json form without its labels (version, policy): struct
	// fields marshal in declaration order and maps sorted by key, so the
	// encoding is canonical for equal content.
	f := c.file()
	f.Version, f.Policy = "", ""
	b, err := json.Marshal(struct {
		Format int         `json:"format"`
		File   catalogFile `json:"catalog"`
	}{1, f})
	if err != nil {
		return "", fmt.Errorf("%w: fingerprint: %v", ErrCatalog, err)
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:]), nil
}

// file is the catalog in the catalog.json format.
func (c *Catalog) file() catalogFile {
	return catalogFile{Version: c.version, Policy: c.policy, Certs: c.certs, Groups: c.groups,
		Issuers: c.issuers, Skills: c.skills, Words: c.words, NotCredentials: c.notCreds}
}

// Issuers returns copies of the catalog's issuer spellings in catalog
// order.
func (c *Catalog) Issuers() iter.Seq[Issuer] {
	if c == nil {
		return copies[Issuer](nil, nil)
	}
	return copies(c.issuers, func(is Issuer) Issuer {
		is.Aliases = slices.Clone(is.Aliases)
		return is
	})
}

// SkillSynonyms returns copies of the catalog's skill synonyms in catalog
// order.
func (c *Catalog) SkillSynonyms() iter.Seq[SkillSynonym] {
	if c == nil {
		return copies[SkillSynonym](nil, nil)
	}
	return copies(c.skills, func(s SkillSynonym) SkillSynonym {
		s.Spellings = slices.Clone(s.Spellings)
		return s
	})
}

// NotCredentials returns copies of the classes of text the normaliser
// never reads as credentials, in catalog order.
func (c *Catalog) NotCredentials() iter.Seq[NotCredential] {
	if c == nil {
		return copies[NotCredential](nil, nil)
	}
	return copies(c.notCreds, func(nc NotCredential) NotCredential {
		nc.Words, nc.Phrases, nc.Unless = slices.Clone(nc.Words), slices.Clone(nc.Phrases), slices.Clone(nc.Unless)
		return nc
	})
}

// Words returns a copy of the normaliser's vocabulary.
func (c *Catalog) Words() Words {
	if c == nil {
		return Words{}
	}
	w := c.words
	w.Stop, w.Months, w.Filler, w.VersionMarkers = slices.Clone(w.Stop), slices.Clone(w.Months), slices.Clone(w.Filler), slices.Clone(w.VersionMarkers)
	w.Variants = slices.Clone(w.Variants)
	for i := range w.Variants {
		w.Variants[i].To = slices.Clone(w.Variants[i].To)
	}
	return w
}
