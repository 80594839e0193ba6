package scoring

import (
	"bytes"
	"cmp"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
)

// Level is a certification's place in its issuer's ladder.
type Level string

// The levels a catalog entry may have, lowest first.
const (
	Foundation   Level = "foundation"
	Associate    Level = "associate"
	Developer    Level = "developer" // hands-on vendor credentials (Hortonworks HDPCD)
	Professional Level = "professional"
	Expert       Level = "expert"
	Master       Level = "master"
)

var levels = []Level{Foundation, Associate, Developer, Professional, Expert, Master}

// Versioning says how a certification's versions are written and compared.
type Versioning string

const (
	// NoVersion: the credential has no versions; any version text is ignored.
	NoVersion Versioning = "none"
	// JavaVersion: Java platform numbering, where "1.5" is 5, "6.0" is 6 and
	// "1.4" stays 1.4.
	JavaVersion Versioning = "java"
	// PlainVersion: numbers as written, "3.0" is 3, "4.x" is 4.
	PlainVersion Versioning = "plain"
	// YearVersion: a product version, or the year in the title when there
	// is none ("Spring Certified Professional 2023").
	YearVersion Versioning = "year"
)

// Era is one issuer's period of a certification's history.
type Era struct {
	Issuer string `json:"issuer"`
	From   string `json:"from,omitempty"`  // year or partial date
	Until  string `json:"until,omitempty"` // year or partial date
	Name   string `json:"name,omitempty"`  // the title in that era
}

// Ref names a certification and, optionally, an inclusive version range:
// "ocajp", "ocajp@8", "ocpjp@6-8".
type Ref struct {
	ID  string
	Min string
	Max string
}

// ParseRef parses "id", "id@v" or "id@min-max".
func ParseRef(s string) (Ref, error) {
	id, vr, has := strings.Cut(strings.TrimSpace(s), "@")
	r := Ref{ID: id}
	if id == "" {
		return r, fmt.Errorf("ref %q: empty id", s)
	}
	if has {
		lo, hi, rng := strings.Cut(vr, "-")
		r.Min, r.Max = lo, lo
		if rng {
			r.Max = hi
		}
		if !validVersion(r.Min) || !validVersion(r.Max) {
			return r, fmt.Errorf("ref %q: bad version range", s)
		}
	}
	return r, nil
}

// String formats r as ParseRef reads it.
func (r Ref) String() string {
	switch {
	case r.Min == "" && r.Max == "":
		return r.ID
	case r.Min == r.Max:
		return r.ID + "@" + r.Min
	}
	return r.ID + "@" + r.Min + "-" + r.Max
}

// Admits reports whether version v of r.ID is in r's range. An unversioned
// ref admits every version; a versioned one admits no unknown version.
func (r Ref) Admits(v string) bool {
	if r.Min == "" && r.Max == "" {
		return true
	}
	if v == "" {
		return false
	}
	return (r.Min == "" || CompareVersions(v, r.Min) >= 0) && (r.Max == "" || CompareVersions(v, r.Max) <= 0)
}

// MarshalJSON writes r as its string form.
func (r Ref) MarshalJSON() ([]byte, error) { return json.Marshal(r.String()) }

// UnmarshalJSON reads r from its string form.
func (r *Ref) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	v, err := ParseRef(s)
	*r = v
	return err
}

// Exam is one exam that grants a certification version.
type Exam struct {
	Code    string `json:"code"`              // as the issuer writes it: "1Z0-809"
	Version string `json:"version,omitempty"` // the version it grants
	Title   string `json:"title,omitempty"`
	// Requires lists credentials the candidate had to hold first; any one
	// of them is enough.
	Requires []Ref `json:"requires,omitempty"`
	// UpgradeFrom, when set, makes this an upgrade exam open only to holders
	// of one of these credentials.
	UpgradeFrom []Ref `json:"upgrade_from,omitempty"`
	// Part marks an exam that is one of several needed for the credential.
	Part bool `json:"part,omitempty"`
	// Retired marks an exam that can no longer be taken.
	Retired bool `json:"retired,omitempty"`
	// Grants, on a part exam, is what passing it alone grants where the
	// issuer says so; a part exam without Grants grants nothing alone.
	Grants *ExamGrant `json:"grants,omitempty"`
}

// Cert is one certification in the catalog.
type Cert struct {
	ID string `json:"id"`
	// Label is the short name explanations use ("OCPJP").
	Label   string `json:"label,omitempty"`
	Name    string `json:"name"`
	Issuer  string `json:"issuer"` // today's issuer
	History []Era  `json:"history,omitempty"`
	Level   Level  `json:"level"`
	// Seed marks the certifications certmatch is built around; the
	// normaliser's look-alike guard protects them.
	Seed       bool       `json:"seed,omitempty"`
	Versioning Versioning `json:"versioning,omitempty"`
	Versions   []string   `json:"versions,omitempty"` // known versions, oldest first
	// Aliases are full titles and abbreviations people write, in any era.
	Aliases []string `json:"aliases,omitempty"`
	// Match holds extra normaliser rules: words that must all appear,
	// "-word" for words that must not, and a version condition such as
	// "v>=11", "v<11", "v=7,8" or "v=none" (no version written); see
	// Normalize.
	Match []string `json:"match,omitempty"`
	Exams []Exam   `json:"exams,omitempty"`
	// Hedges are rules for text that names less than the credential, with
	// a lowered confidence and a note.
	Hedges []Hedge `json:"hedges,omitempty"`
	// Axis, when set, is the scale the line's versions compare on, with
	// title years and editions mapped onto it.
	Axis *Axis `json:"axis,omitempty"`
	// Implies lists certifications a holder is taken to hold too.
	Implies []string `json:"implies,omitempty"`
	// ImpliesSameVersion carries the held version through Implies (an OCP 8
	// holder counts as an OCA 8 holder).
	ImpliesSameVersion bool `json:"implies_same_version,omitempty"`
	// Prerequisites are what the issuer required before this credential,
	// used by gap analysis; versions say which of this cert's versions had
	// the rule.
	Prerequisites []Prerequisite `json:"prerequisites,omitempty"`
	Retired       string         `json:"retired,omitempty"` // year, partial date or "yes"
	// ValidMonths is the validity period; 0 means it never expires.
	ValidMonths int    `json:"valid_months,omitempty"`
	Source      string `json:"source,omitempty"`
	Notes       string `json:"notes,omitempty"`
}

// Prerequisite says that versions Versions (a range "7-8", or "" for all)
// of a certification required holding one of AnyOf.
type Prerequisite struct {
	Versions string `json:"versions,omitempty"`
	AnyOf    []Ref  `json:"any_of"`
}

// Group names a set of interchangeable certifications, such as
// "spark-developer".
type Group struct {
	ID      string   `json:"id"`
	Name    string   `json:"name"`
	Members []string `json:"members"`
	// Aliases are the generic wording job text uses for the group
	// ("Spark certification", "OCA or OCP"). Normalize does not read
	// them: a resume names a credential, not a family of them.
	Aliases []string `json:"aliases,omitempty"`
	Notes   string   `json:"notes,omitempty"`
}

// Catalog is a validated set of certifications and groups with the
// normaliser's rules compiled. A Catalog is immutable and safe for
// concurrent use: it is built only by [LoadCatalog], [DefaultCatalog] and
// [Catalog.Extend], its fields are hidden, and every accessor returns a
// copy, so one caller cannot change the catalog every engine shares.
//
// A nil or zero Catalog (one not built by those functions) is an empty
// catalog: it knows no certification or group, Normalize places nothing,
// and [NewScorer] refuses it.
type Catalog struct {
	version string
	policy  string
	certs   []Cert
	groups  []Group

	// The data sections (see catalogFile).
	issuers  []Issuer
	skills   []SkillSynonym
	words    Words
	notCreds []NotCredential

	byID        map[string]int
	groupIDs    map[string]int
	implies     map[string][]Implied // transitive closure per id
	norm        *normalizer
	skillSyn    map[string]string // folded spelling -> skill key
	fingerprint string
}

// catalogFile is the catalog.json format.
type catalogFile struct {
	Version string  `json:"version,omitempty"`
	Policy  string  `json:"policy,omitempty"`
	Certs   []Cert  `json:"certs"`
	Groups  []Group `json:"groups,omitempty"`
	// Issuers lists issuer spellings beyond the entries' own.
	Issuers []Issuer `json:"issuers,omitempty"`
	// Skills fold skill spellings into skill keys.
	Skills []SkillSynonym `json:"skills,omitempty"`
	// Words is the normaliser's vocabulary.
	Words Words `json:"words"`
	// NotCredentials are the classes of text that are never credentials.
	NotCredentials []NotCredential `json:"not_credentials,omitempty"`
}

// Implied is one certification reached through a holder's implications.
type Implied struct {
	ID string
	// SameVersion reports whether the held version carries over.
	SameVersion bool
	path        []string
}

// Path is the chain from the held certification, held id first, as a new
// slice.
func (im Implied) Path() []string { return slices.Clone(im.path) }

// CatalogError reports an invalid catalog entry.
type CatalogError struct {
	Entry string // certification or group id, or "#N" when it has none
	Field string
	Err   error
}

func (e *CatalogError) Error() string {
	return fmt.Sprintf("catalog entry %s: %s: %v", e.Entry, e.Field, e.Err)
}

func (e *CatalogError) Unwrap() error { return e.Err }

// ErrCatalog is wrapped by every catalog validation error.
var ErrCatalog = errors.New("invalid catalog")

//go:embed catalog.json
var defaultCatalogJSON []byte

// builtinData is the embedded catalog as decoded, unvalidated: the source
// of the data sections a loaded catalog leaves out.
var builtinData = sync.OnceValue(func() *catalogFile {
	var f catalogFile
	_ = json.Unmarshal(defaultCatalogJSON, &f) // the embedded catalog's own test checks it loads
	return &f
})

func isZeroWords(w Words) bool {
	return len(w.Stop)+len(w.Months)+len(w.Filler)+len(w.VersionMarkers)+len(w.Variants) == 0
}

var defaultCatalog = sync.OnceValues(func() (*Catalog, error) {
	return LoadCatalog(bytes.NewReader(defaultCatalogJSON))
})

// DefaultCatalog returns the built-in catalog (catalog.json, embedded). It
// is shared and immutable.
func DefaultCatalog() *Catalog {
	c, err := defaultCatalog()
	if err != nil {
		panic("certmatch: built-in catalog is invalid: " + err.Error())
	}
	return c
}

// LoadCatalog reads and validates a catalog in the catalog.json format. A
// catalog that leaves out the words, not_credentials, issuers or skills
// section gets the built-in one, so a catalog of certifications alone
// normalises as the built-in catalog does.
func LoadCatalog(r io.Reader) (*Catalog, error) {
	f, err := readCatalogFile(r)
	if err != nil {
		return nil, err
	}
	if d := builtinData(); d != nil {
		if isZeroWords(f.Words) {
			f.Words = d.Words
		}
		if f.NotCredentials == nil {
			f.NotCredentials = d.NotCredentials
		}
		if f.Issuers == nil {
			f.Issuers = d.Issuers
		}
		if f.Skills == nil {
			f.Skills = d.Skills
		}
	}
	c := &Catalog{version: f.Version, policy: f.Policy, certs: f.Certs, groups: f.Groups,
		issuers: f.Issuers, skills: f.Skills, words: f.Words, notCreds: f.NotCredentials}
	if err := c.build(); err != nil {
		return nil, err
	}
	return c, nil
}

func readCatalogFile(r io.Reader) (catalogFile, error) {
	var f catalogFile
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return f, fmt.Errorf("%w: %v", ErrCatalog, err)
	}
	return f, expectEnd(dec)
}

// MarshalJSON writes the catalog in the catalog.json format LoadCatalog
// reads.
func (c *Catalog) MarshalJSON() ([]byte, error) {
	if c == nil {
		return []byte("null"), nil
	}
	return json.Marshal(c.file())
}

// expectEnd rejects anything but white space after a catalog document.
func expectEnd(dec *json.Decoder) error {
	if _, err := dec.Token(); err != io.EOF {
		return fmt.Errorf("%w: data after the catalog document", ErrCatalog)
	}
	return nil
}

// Extend returns a new catalog holding c's entries and those read from r
// (the same format). A certification or group of r whose id is already in
// c replaces it; issuers and skills of r add spellings to c's of the same
// name or key, or are new; words and not_credentials are added to c's.
// The result is validated as a whole. A nil or zero c extends the empty
// catalog.
func (c *Catalog) Extend(r io.Reader) (*Catalog, error) {
	if c == nil {
		c = &Catalog{}
	}
	add, err := readCatalogFile(r)
	if err != nil {
		return nil, err
	}
	out := &Catalog{version: c.version, policy: c.policy, issuers: c.issuers, skills: c.skills, words: c.words, notCreds: c.notCreds}
	out.mergeData(&add)
	if add.Version != "" {
		out.version = c.version + "+" + add.Version
	}
	out.certs = merged(c.certs, add.Certs, c.byID, func(e Cert) string { return e.ID }, Cert.clone)
	out.groups = merged(c.groups, add.Groups, c.groupIDs, func(g Group) string { return g.ID }, Group.clone)
	if err := out.build(); err != nil {
		return nil, err
	}
	return out, nil
}

// merged returns clones of base's entries (build fills defaults into its
// own copy, never into base's), each replaced by the entry of add with the
// same id (pos gives base's positions by id), then add's new entries.
func merged[T any](base, add []T, pos map[string]int, id func(T) string, clone func(T) T) []T {
	out := make([]T, len(base), len(base)+len(add))
	for i, e := range base {
		out[i] = clone(e)
	}
	for _, e := range add {
		if i, ok := pos[id(e)]; ok {
			out[i] = e
		} else {
			out = append(out, e)
		}
	}
	return out
}

// Version is the catalog's version, as explanations cite it; an extended
// catalog's is "base+extension".
func (c *Catalog) Version() string {
	if c == nil {
		return ""
	}
	return c.version
}

// Policy is the catalog's note on how its entries were chosen.
func (c *Catalog) Policy() string {
	if c == nil {
		return ""
	}
	return c.policy
}

// Certs returns copies of the catalog's certifications in catalog order.
func (c *Catalog) Certs() iter.Seq[Cert] {
	if c == nil {
		return copies[Cert](nil, nil)
	}
	return copies(c.certs, Cert.clone)
}

// Groups returns copies of the catalog's groups in catalog order.
func (c *Catalog) Groups() iter.Seq[Group] {
	if c == nil {
		return copies[Group](nil, nil)
	}
	return copies(c.groups, Group.clone)
}

// copies yields a clone of each of xs.
func copies[T any](xs []T, clone func(T) T) iter.Seq[T] {
	return func(yield func(T) bool) {
		for i := range xs {
			if !yield(clone(xs[i])) {
				return
			}
		}
	}
}

// clone returns a copy of e that shares no slice with it.
func (e Cert) clone() Cert {
	e.History = slices.Clone(e.History)
	e.Versions = slices.Clone(e.Versions)
	e.Aliases = slices.Clone(e.Aliases)
	e.Match = slices.Clone(e.Match)
	e.Implies = slices.Clone(e.Implies)
	e.Exams = slices.Clone(e.Exams)
	for i := range e.Exams {
		e.Exams[i].Requires = slices.Clone(e.Exams[i].Requires)
		e.Exams[i].UpgradeFrom = slices.Clone(e.Exams[i].UpgradeFrom)
		if g := e.Exams[i].Grants; g != nil {
			c := *g
			e.Exams[i].Grants = &c
		}
	}
	e.Hedges = slices.Clone(e.Hedges)
	if e.Axis != nil {
		a := *e.Axis
		a.Map = slices.Clone(a.Map)
		e.Axis = &a
	}
	e.Prerequisites = slices.Clone(e.Prerequisites)
	for i := range e.Prerequisites {
		e.Prerequisites[i].AnyOf = slices.Clone(e.Prerequisites[i].AnyOf)
	}
	return e
}

// clone returns a copy of g that shares no slice with it.
func (g Group) clone() Group {
	g.Members = slices.Clone(g.Members)
	g.Aliases = slices.Clone(g.Aliases)
	return g
}

// Cert returns a copy of the entry with the given id.
func (c *Catalog) Cert(id string) (Cert, bool) {
	e := c.entry(id)
	if e == nil {
		return Cert{}, false
	}
	return e.clone(), true
}

// entry returns a pointer to the entry with the given id, or nil.
func (c *Catalog) entry(id string) *Cert {
	if c == nil {
		return nil
	}
	i, ok := c.byID[id]
	if !ok {
		return nil
	}
	return &c.certs[i]
}

// Group returns a copy of the group with the given id.
func (c *Catalog) Group(id string) (Group, bool) {
	if c == nil {
		return Group{}, false
	}
	i, ok := c.groupIDs[id]
	if !ok {
		return Group{}, false
	}
	return c.groups[i].clone(), true
}

// Known reports whether id names a certification or a group.
func (c *Catalog) Known(id string) bool {
	if c == nil {
		return false
	}
	_, cert := c.byID[id]
	_, group := c.groupIDs[id]
	return cert || group
}

// Expand returns the certification ids an any_of entry stands for, as a
// new slice: a group's members, or the id itself.
func (c *Catalog) Expand(id string) []string {
	return slices.Clone(c.expand(id))
}

// expand is Expand without the copy, for this package's readers.
func (c *Catalog) expand(id string) []string {
	if c != nil {
		if i, ok := c.groupIDs[id]; ok {
			return c.groups[i].Members
		}
	}
	return []string{id}
}

// Implies returns every certification a holder of id is taken to hold,
// transitively, not including id itself, in breadth-first order. It
// allocates nothing: the index calls it for every candidate it stores.
func (c *Catalog) Implies(id string) iter.Seq[Implied] {
	var list []Implied
	if c != nil {
		list = c.implies[id]
	}
	return func(yield func(Implied) bool) {
		for _, im := range list {
			if !yield(im) {
				return
			}
		}
	}
}

// implied is Implies as the shared slice, for this package's readers.
func (c *Catalog) implied(id string) []Implied {
	if c == nil {
		return nil
	}
	return c.implies[id]
}

// Satisfies reports whether holding version heldVersion of held meets a
// requirement for want (a certification or group id) of at least
// minVersion. via is the implication path used, nil when held is itself
// wanted.
func (c *Catalog) Satisfies(held, heldVersion, want, minVersion string) (ok bool, via []string) {
	for _, w := range c.expand(want) {
		if w == held {
			if versionAtLeast(heldVersion, minVersion) {
				return true, nil
			}
			continue
		}
		for _, im := range c.implied(held) {
			if im.ID != w {
				continue
			}
			v := ""
			if im.SameVersion {
				v = heldVersion
			}
			if versionAtLeast(v, minVersion) {
				return true, slices.Clone(im.path)
			}
		}
	}
	return false, nil
}

func versionAtLeast(v, min string) bool {
	return min == "" || (v != "" && CompareVersions(v, min) >= 0)
}

var examCodeRE = regexp.MustCompile(`^[A-Z0-9]{2,6}(-[A-Z0-9]{2,5}(\.[0-9]{2})?){0,2}$`)

func (c *Catalog) build() error {
	bad := func(entry, field string, format string, args ...any) error {
		return &CatalogError{Entry: entry, Field: field, Err: fmt.Errorf("%w: "+format, append([]any{ErrCatalog}, args...)...)}
	}
	// checkID returns the name errors give an entry (its id, or unnamed
	// when it has none) and an error for a malformed id.
	checkID := func(id, unnamed string) (string, error) {
		name := cmp.Or(id, unnamed)
		if !validID(id) {
			return name, bad(name, "id", "must be lowercase letters, digits and '-'")
		}
		return name, nil
	}
	c.byID = make(map[string]int, len(c.certs))
	c.groupIDs = make(map[string]int, len(c.groups))
	groupAliases := aliasSet{}
	for i, e := range c.certs {
		name, err := checkID(e.ID, fmt.Sprintf("#%d", i))
		if err != nil {
			return err
		}
		if _, dup := c.byID[e.ID]; dup {
			return bad(name, "id", "duplicate id")
		}
		c.byID[e.ID] = i
		if e.Name == "" {
			return bad(name, "name", "missing")
		}
		if !slices.Contains(levels, e.Level) {
			return bad(name, "level", "%q is not one of %v", e.Level, levels)
		}
		switch e.Versioning {
		case "":
			c.certs[i].Versioning = NoVersion
		case NoVersion, JavaVersion, PlainVersion, YearVersion:
		default:
			return bad(name, "versioning", "%q is not none, java, plain or year", e.Versioning)
		}
		for j, v := range e.Versions {
			if !validVersion(v) {
				return bad(name, fmt.Sprintf("versions[%d]", j), "%q is not a version", v)
			}
		}
		if e.ValidMonths < 0 {
			return bad(name, "valid_months", "negative")
		}
		for j, x := range e.Exams {
			if !examCodeRE.MatchString(x.Code) {
				return bad(name, fmt.Sprintf("exams[%d].code", j), "malformed exam code %q (want upper case such as 1Z0-809)", x.Code)
			}
			if x.Version != "" && !validVersion(x.Version) {
				return bad(name, fmt.Sprintf("exams[%d].version", j), "%q is not a version", x.Version)
			}
		}
	}
	for i, g := range c.groups {
		name, err := checkID(g.ID, fmt.Sprintf("group #%d", i))
		if err != nil {
			return err
		}
		if _, dup := c.byID[g.ID]; dup {
			return bad(name, "id", "group id is also a certification id")
		}
		if _, dup := c.groupIDs[g.ID]; dup {
			return bad(name, "id", "duplicate group id")
		}
		c.groupIDs[g.ID] = i
		if len(g.Members) == 0 {
			return bad(name, "members", "empty group")
		}
		for j, m := range g.Members {
			if _, ok := c.byID[m]; !ok {
				return bad(name, fmt.Sprintf("members[%d]", j), "unknown certification %q", m)
			}
		}
		if err := groupAliases.add(g); err != nil {
			return bad(name, err.field, "%s", err.msg)
		}
	}
	known := func(entry, field string, refs []Ref) error {
		for j, r := range refs {
			if _, ok := c.byID[r.ID]; !ok {
				return bad(entry, fmt.Sprintf("%s[%d]", field, j), "unknown certification %q", r.ID)
			}
		}
		return nil
	}
	for _, e := range c.certs {
		for j, im := range e.Implies {
			if _, ok := c.byID[im]; !ok {
				return bad(e.ID, fmt.Sprintf("implies[%d]", j), "unknown certification %q", im)
			}
			if im == e.ID {
				return bad(e.ID, fmt.Sprintf("implies[%d]", j), "implies itself")
			}
		}
		for j, p := range e.Prerequisites {
			if err := known(e.ID, fmt.Sprintf("prerequisites[%d].any_of", j), p.AnyOf); err != nil {
				return err
			}
		}
		for j, x := range e.Exams {
			if err := known(e.ID, fmt.Sprintf("exams[%d].requires", j), x.Requires); err != nil {
				return err
			}
			if err := known(e.ID, fmt.Sprintf("exams[%d].upgrade_from", j), x.UpgradeFrom); err != nil {
				return err
			}
		}
	}
	if err := c.closeImplies(); err != nil {
		return err
	}
	if err := c.buildData(); err != nil {
		return err
	}
	n, err := compileNormalizer(c)
	if err != nil {
		return err
	}
	c.norm = n
	fp, err := c.computeFingerprint()
	c.fingerprint = fp
	return err
}

// closeImplies computes the transitive closure of Implies and rejects cycles.
func (c *Catalog) closeImplies() error {
	c.implies = make(map[string][]Implied, len(c.certs))
	// Depth-first cycle check with colours.
	const (
		white = iota
		grey
		black
	)
	colour := make(map[string]int, len(c.certs))
	var visit func(id string, stack []string) error
	visit = func(id string, stack []string) error {
		switch colour[id] {
		case grey:
			return &CatalogError{Entry: id, Field: "implies", Err: fmt.Errorf("%w: implication cycle %s", ErrCatalog, strings.Join(append(stack, id), " -> "))}
		case black:
			return nil
		}
		colour[id] = grey
		for _, im := range c.certs[c.byID[id]].Implies {
			if err := visit(im, append(stack, id)); err != nil {
				return err
			}
		}
		colour[id] = black
		return nil
	}
	ids := make([]string, 0, len(c.byID))
	for id := range c.byID {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		if err := visit(id, nil); err != nil {
			return err
		}
	}
	for _, id := range ids {
		type item struct {
			id   string
			path []string
			same bool
		}
		seen := map[string]bool{id: true}
		queue := []item{{id, []string{id}, true}}
		var out []Implied
		for len(queue) > 0 {
			it := queue[0]
			queue = queue[1:]
			e := c.certs[c.byID[it.id]]
			for _, im := range e.Implies {
				if seen[im] {
					continue
				}
				seen[im] = true
				next := item{im, append(slices.Clone(it.path), im), it.same && e.ImpliesSameVersion}
				out = append(out, Implied{ID: im, path: next.path, SameVersion: next.same})
				queue = append(queue, next)
			}
		}
		c.implies[id] = out
	}
	return nil
}

// aliasSet checks group aliases: each has a word, and no two groups share
// one (compared in lower case with single spaces).
type aliasSet map[string]string

type aliasError struct{ field, msg string }

func (s aliasSet) add(g Group) *aliasError {
	for j, a := range g.Aliases {
		field := fmt.Sprintf("aliases[%d]", j)
		if len(tokenize(a)) == 0 {
			return &aliasError{field, fmt.Sprintf("alias %q has no words", a)}
		}
		key := strings.Join(strings.Fields(strings.ToLower(a)), " ")
		if other, dup := s[key]; dup && other != g.ID {
			return &aliasError{field, fmt.Sprintf("alias %q is also an alias of group %s", a, other)}
		}
		s[key] = g.ID
	}
	return nil
}

func validID(id string) bool {
	if id == "" {
		return false
	}
	for _, r := range id {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
			return false
		}
	}
	return true
}
