package scoring

import (
	"errors"
	"fmt"
	"iter"
	"math"
	"slices"
	"strings"
	"sync"
	"time"
)

// Scoring constants. Every weight and credit the scorer uses is one of
// these or a role's own setting.
const (
	// DefaultRequiredWeight and DefaultPreferredWeight weigh certification
	// requirements that give no weight of their own.
	DefaultRequiredWeight  = 2.0
	DefaultPreferredWeight = 1.0
	// RequiredSkillWeight and PreferredSkillWeight weigh each skill.
	RequiredSkillWeight  = 2.0
	PreferredSkillWeight = 1.0
	// PartialCredit is the share of a requirement earned by a credential of
	// the wanted line that fails its version, currency or recency
	// condition: an SCJP 6 holder is closer to "OCP 11" than a stranger.
	PartialCredit = 0.25
	// ExperienceHalf is the number of years that earns half the experience
	// points when the role's min_years is lower; experience credit is
	// years / (years + max(min_years, ExperienceHalf)), diminishing above.
	ExperienceHalf = 3.0
	// SameRegionCredit is the location credit beyond the radius but in the
	// role's state or province (or region elsewhere).
	SameRegionCredit = 0.5
	// RemoteCredit is the location credit of a candidate elsewhere for a
	// role that allows remote work (one who wants remote work earns full
	// credit).
	RemoteCredit = 0.8
	// CompensationTolerance: compensation credit falls linearly from 1 at
	// the reference (the band's maximum, or the market's figure) to 0 at
	// the reference * (1 + CompensationTolerance).
	CompensationTolerance = 0.25
)

// Component names, in the order a Result lists them.
const (
	CompCertifications = "certifications"
	CompSkills         = "skills"
	CompExperience     = "experience"
	CompLocation       = "location"
	CompCompensation   = "compensation"
)

// Options configure a Scorer. The zero value means the built-in catalog,
// the wall clock and DefaultWeights.
type Options struct {
	Catalog *Catalog
	// Now is the clock for currency and recency; nil means time.Now.
	Now func() time.Time
	// Weights replace DefaultWeights for roles that give none.
	Weights *Weights
	// Market gives the pay a role without a maximum is compared with;
	// nil is DefaultMarket.
	Market *Market
	// Rates convert desired pay in one currency to a role's in another;
	// nil converts nothing, and a candidate whose pay is in another
	// currency than the role's is not scored on compensation.
	Rates Rates
}

// Scorer scores candidates against roles. It is safe for concurrent use.
// A nil or zero Scorer is the default one: the scorer NewScorer(Options{})
// returns, one shared by every nil or zero Scorer.
type Scorer struct {
	cat     *Catalog
	now     func() time.Time
	weights Weights
	vocab   *Vocab
	market  *Market
	rates   Rates
}

// ErrOptions is wrapped by NewScorer's errors about its options.
var ErrOptions = errors.New("scorer options")

// NewScorer returns a Scorer with the given options. A catalog not built
// by LoadCatalog, DefaultCatalog or Extend (a zero Catalog) is refused.
func NewScorer(opts Options) (*Scorer, error) {
	s := &Scorer{cat: opts.Catalog, now: opts.Now, weights: DefaultWeights, market: opts.Market, rates: opts.Rates}
	if s.market == nil {
		s.market = DefaultMarket()
	}
	for cur, rate := range opts.Rates {
		if !validCurrency(cur) || cur == "" || !(rate > 0) || math.IsInf(rate, 0) {
			return nil, fmt.Errorf("%w: rate %q: %v is not a positive number for an ISO 4217 code", ErrOptions, cur, rate)
		}
	}
	if s.cat == nil {
		s.cat = DefaultCatalog()
	}
	if s.cat.norm == nil {
		return nil, fmt.Errorf("%w: the catalog is empty: build it with LoadCatalog or DefaultCatalog", ErrOptions)
	}
	s.vocab = newVocab(s.cat)
	if s.now == nil {
		s.now = time.Now
	}
	if opts.Weights != nil {
		r := Role{ID: "options", Weights: opts.Weights}
		if err := r.Validate(s.cat); err != nil {
			return nil, fmt.Errorf("%w: %w", ErrOptions, err)
		}
		s.weights = *opts.Weights
	}
	return s, nil
}

// defaultScorer is what a nil or zero Scorer stands for.
var defaultScorer = sync.OnceValue(func() *Scorer {
	s, err := NewScorer(Options{})
	if err != nil {
		panic("certmatch: default scorer: " + err.Error())
	}
	return s
})

// or returns s, or the default scorer for a nil or zero s.
func (s *Scorer) or() *Scorer {
	if s == nil || s.vocab == nil {
		return defaultScorer()
	}
	return s
}

// Catalog returns the scorer's catalog.
func (s *Scorer) Catalog() *Catalog { return s.or().cat }

// Vocab returns the skill vocabulary of the scorer's profiles.
func (s *Scorer) Vocab() *Vocab { return s.or().vocab }

// Score scores one candidate against one role with a full explanation. An
// invalid role scores every candidate 0 with the error as the reason; use
// Compile to get the error.
func (s *Scorer) Score(c Candidate, r Role) Result {
	p, err := s.or().Compile(r)
	if err != nil {
		return Result{CandidateID: c.ID, RoleID: r.ID, Missing: []Missing{{Kind: MissingRole, Requirement: r.ID, Reason: err.Error()}}}
	}
	return p.Score(c)
}

// heldCert is a resolved credential in a Profile.
type heldCert struct {
	index int // position in Candidate.Certifications
	id    string
	// version is on the line's version axis (see [Catalog.AxisVersion]).
	version string
	cert    int   // catalog position of id
	vkey    int64 // versionKey(version)
	// issuedFirst and issuedLast are the earliest and latest days (days
	// since 1970) the issue date may mean; unknownDay when not given.
	issuedFirst, issuedLast int32
	// validUntil is the last day the credential is current: its expiry
	// date, or its issue date plus the catalog's validity period;
	// foreverDay when it never expires, unknownDay when it expires but the
	// dates to tell when are missing.
	validUntil int32
}

const (
	unknownDay = math.MinInt32
	foreverDay = math.MaxInt32
)

// Profile is the scorer's compact view of a candidate: only what a score
// reads, with credentials resolved and skills and location folded. No
// personal field is in it, which is what makes scores blind.
//
// A Profile is built only by [Scorer.Profile] (and copied by
// [Arena.Pack]); its fields are hidden so it cannot be put into a state
// the scorer would not build. The zero Profile is a candidate with no
// credentials, skills, years, location or salary. The accessors return
// copies: a Profile shared by many readers cannot be changed through
// them.
type Profile struct {
	// The fields are in the order a score reads them, so that scoring a
	// profile held among many touches as few cache lines as it can:
	// desired pay's cold part first, then what every score reads (the
	// amount and currency, years, credentials, skills), then the place,
	// its cold part last.
	pay    payHave
	years  float64
	certs  []heldCert
	skills []uint32 // skill keys numbered by the scorer's Vocab, sorted, unique
	place  placeHave
	locKey string // place.place.Key()
}

// HeldCert is one credential of a [Profile], copied out of it.
type HeldCert struct {
	Index   int    // position in Candidate.Certifications
	ID      string // canonical catalog id
	Version string // canonical version; "" when not known
}

// Certs returns the profile's resolved credentials in the candidate's
// order; credentials the catalog cannot place are not among them.
func (p *Profile) Certs() iter.Seq[HeldCert] {
	return func(yield func(HeldCert) bool) {
		for i := range p.certs {
			h := &p.certs[i]
			if !yield(HeldCert{Index: h.index, ID: h.id, Version: h.version}) {
				return
			}
		}
	}
}

// Skills returns the profile's skills, numbered by the scorer's [Vocab],
// ascending and unique.
func (p *Profile) Skills() iter.Seq[uint32] {
	return func(yield func(uint32) bool) {
		for _, id := range p.skills {
			if !yield(id) {
				return
			}
		}
	}
}

// Years returns the years of experience (0 when the candidate gave none
// or gave a number Validate rejects).
func (p *Profile) Years() float64 { return p.years }

// Location returns the key of the candidate's place ([Place.Key]):
// "Chicago, IL", "Remote (US)", "" when none is given.
func (p *Profile) Location() string { return p.locKey }

// Place returns the candidate's place, parsed once when the profile was
// built.
func (p *Profile) Place() Place { return p.place.place }

// DesiredPay returns the pay the candidate asks (the zero Pay when none,
// or when the amount is one Validate rejects).
func (p *Profile) DesiredPay() Pay { return p.pay.pay }

// Profile builds the compact view of c. Credentials given by name only are
// resolved with the catalog; ones it cannot place are left out.
//
// A nil c is a candidate with nothing: the zero Profile.
func (s *Scorer) Profile(c *Candidate) Profile {
	if c == nil {
		return Profile{}
	}
	s = s.or()
	// Years and salary that Validate would reject count as none, so an
	// unvalidated candidate can never make a score NaN or infinite.
	p := Profile{years: nonNegative(c.YearsExperience), certs: make([]heldCert, 0, len(c.Certifications)), skills: make([]uint32, 0, len(c.Skills))}
	mode, _ := ParseWorkMode(string(c.WorkMode))
	p.place = newPlaceHave(c.Location, mode, c.Relocate)
	p.locKey = p.place.place.Key()
	if pay := c.DesiredPay(); pay.Annual() > 0 && validCurrency(pay.Currency) {
		p.pay = newPayHave(pay)
	}
	for i, cr := range c.Certifications {
		id, version := cr.ID, cr.Version
		if id == "" {
			res, ok := s.cat.Normalize(cr.Name)
			if !ok {
				continue
			}
			id = res.ID
			if version == "" {
				version = res.Version
			}
		}
		ci, ok := s.cat.byID[id]
		if !ok {
			continue
		}
		e := &s.cat.certs[ci]
		// Versions compare on the line's axis: Spring Professional
		// "2021" is held as 5.3; a title year the axis does not know is
		// an unknown version.
		av, _ := e.axisVersion(version)
		h := heldCert{index: i, id: e.ID, version: av, cert: ci, issuedFirst: unknownDay, issuedLast: unknownDay, validUntil: foreverDay}
		h.vkey = versionKey(h.version)
		if !cr.Date.IsZero() {
			h.issuedFirst, h.issuedLast = days(cr.Date.First()), days(cr.Date.Last())
		}
		switch {
		case !cr.Expires.IsZero():
			h.validUntil = days(cr.Expires.Last())
		case e.ValidMonths > 0 && !cr.Date.IsZero():
			h.validUntil = days(cr.Date.First().AddDate(0, e.ValidMonths, 0)) - 1
		case e.ValidMonths > 0:
			h.validUntil = unknownDay
		}
		p.certs = append(p.certs, h)
	}
	for _, sk := range c.Skills {
		if id, ok := s.vocab.skillID(sk); ok {
			p.skills = append(p.skills, id)
		}
	}
	slices.Sort(p.skills)
	p.skills = slices.Compact(p.skills)
	return p
}

func days(t time.Time) int32 { return int32(t.Unix() / 86400) }

// nonNegative returns f, or 0 for a negative, NaN or infinite f.
func nonNegative(f float64) float64 {
	if badNumber(f) {
		return 0
	}
	return f
}

// Plan is a role compiled for scoring at one instant. Scoring many
// candidates with one Plan gives every one the same clock. A Plan is safe
// for concurrent use.
//
// Plans are made by [Scorer.Compile]. A nil or zero Plan scores every
// candidate 0, not eligible, and its explanations say it was not compiled
// (a [Missing] of kind [MissingRole]).
type Plan struct {
	s        *Scorer
	role     Role
	now      time.Time
	nowDay   int32
	reqs     []planReq
	certHits [][]certHit    // by catalog position of the held id
	skills   map[string]int // skill key -> index in skillReq
	skillPos []int32        // by Vocab number -> index in skillReq, or -1
	// altPos, for a role with RequiredAnySkills, gives by Vocab number
	// the indexes in skillReq of the alternatives a skill meets.
	altPos   [][]int32
	skillReq []skillReq
	weights  Weights
	certW    float64 // sum of requirement weights
	skillW   float64 // sum of skill weights
	half     float64
	where    placeWant
	pay      payWant
	// locOn and payOn say the role scores location and compensation at
	// all (it speaks of place or pay, and weighs them); whether a pair
	// does depends on the profile too.
	locOn, payOn bool
	oneExam      [][]oneExamFrom // by requirement: held credentials one exam from it

	gapMu   sync.Mutex
	gapMemo map[string]*stepTemplate

	skillText []string // skillReq as explanations write them
}

type planReq struct {
	Requirement
	required bool
	weight   float64
	cutoff   int32 // earliest issue day for WithinYears
	text     string
	// Explanation texts, worked out once.
	noneHeld string // "no credential of ocpjp"
	holdsNo  string // "holds no ocpjp"
}

type certHit struct {
	req  int
	via  []string // implication path, nil when direct
	same bool     // the held version counts
	how  string   // "held directly", or the path in words: "OCEWCD implies OCPJP"
	// min is the requirement's MinVersion on the axis of the wanted
	// certification the hit reaches, minKey its versionKey.
	min    string
	minKey int64
	// minShown is MinVersion as the role wrote it, with the axis version
	// beside it where they differ: "2022 (Spring 5.3)".
	minShown string
}

func newCertHit(cat *Catalog, req int, via []string, same bool, target *Cert, minVersion string) certHit {
	h := certHit{req: req, via: via, same: same, how: "held directly"}
	if minVersion != "" {
		h.min, _ = target.axisVersion(minVersion)
		h.minKey = versionKey(h.min)
		h.minShown = minVersion
		if w := CanonicalVersion(minVersion, PlainVersion); h.min != "" && CompareVersions(w, h.min) != 0 && target.axisLabel() != "" {
			h.minShown = minVersion + " (" + target.axisLabel() + " " + h.min + ")"
		}
	}
	if len(via) > 0 {
		names := make([]string, len(via))
		for j, id := range via {
			names[j] = cat.Label(id)
		}
		h.how = strings.Join(names, " implies ")
	}
	return h
}

type skillReq struct {
	name     string
	required bool
}

// text is the requirement as explanations write it.
func (sr skillReq) text() string {
	if sr.required {
		return "required skill: " + sr.name
	}
	return "preferred skill: " + sr.name
}

// ErrRole is wrapped by Compile's errors.
var ErrRole = errors.New("invalid role")

// Compile validates r and prepares it for scoring at the scorer's current
// time.
func (s *Scorer) Compile(r Role) (*Plan, error) {
	return s.CompileAt(r, s.or().now())
}

// CompileAt is Compile with the clock given: currency and recency are
// judged at now. Replaying a logged ranking compiles at its logged time.
func (s *Scorer) CompileAt(r Role, now time.Time) (*Plan, error) {
	s = s.or()
	if err := r.Validate(s.cat); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrRole, err)
	}
	now = now.UTC()
	p := &Plan{gapMemo: map[string]*stepTemplate{}, s: s, role: r, now: now, nowDay: days(now), certHits: make([][]certHit, len(s.cat.certs)), skills: map[string]int{}, weights: s.weights}
	if r.Weights != nil {
		p.weights = *r.Weights
	}
	add := func(q Requirement, required bool) {
		w := q.Weight
		if w == 0 {
			w = DefaultPreferredWeight
			if required {
				w = DefaultRequiredWeight
			}
		}
		kind := "preferred"
		if required {
			kind = "required"
		}
		pr := planReq{Requirement: q, required: required, weight: w, cutoff: unknownDay, text: kind + ": " + q.String(),
			noneHeld: "no credential of " + strings.Join(q.AnyOf, " or "), holdsNo: "holds no " + strings.Join(q.AnyOf, " or ")}
		if q.WithinYears > 0 {
			pr.cutoff = p.nowDay - int32(math.Round(q.WithinYears*365.25))
		}
		p.reqs = append(p.reqs, pr)
		p.certW += w
		i := len(p.reqs) - 1
		targets := map[string]bool{}
		for _, id := range q.AnyOf {
			for _, m := range s.cat.expand(id) {
				targets[m] = true
			}
		}
		for ci := range s.cat.certs {
			e := &s.cat.certs[ci]
			// A min_version is read on the axis of the certification the
			// hit reaches: Java numbering reads "1.8" as 8, Spring
			// Professional reads "2022" as 5.3.
			if targets[e.ID] {
				p.certHits[ci] = append(p.certHits[ci], newCertHit(s.cat, i, nil, true, e, q.MinVersion))
				continue
			}
			// Several implications may reach the requirement; one that
			// carries the held version is preferred, since only it can
			// meet a min_version.
			var reach *Implied
			for _, im := range s.cat.implied(e.ID) {
				if targets[im.ID] && (reach == nil || im.SameVersion && !reach.SameVersion) {
					reach = &im
				}
			}
			if reach != nil {
				p.certHits[ci] = append(p.certHits[ci], newCertHit(s.cat, i, reach.path, reach.SameVersion, s.cat.entry(reach.ID), q.MinVersion))
			}
		}
	}
	for _, q := range r.Required {
		add(q, true)
	}
	for _, q := range r.Preferred {
		add(q, false)
	}
	addSkill := func(name string, required bool) {
		k := s.cat.SkillKey(name)
		if i, dup := p.skills[k]; dup {
			if required && !p.skillReq[i].required {
				p.skillReq[i].required = true
				p.skillW += RequiredSkillWeight - PreferredSkillWeight
			}
			return
		}
		p.skills[k] = len(p.skillReq)
		p.skillReq = append(p.skillReq, skillReq{name: name, required: required})
		if required {
			p.skillW += RequiredSkillWeight
		} else {
			p.skillW += PreferredSkillWeight
		}
	}
	for _, sk := range r.RequiredSkills {
		addSkill(sk, true)
	}
	for _, sk := range r.PreferredSkills {
		addSkill(sk, false)
	}
	// Alternatives are one required skill each, met by any of them; they
	// are not in p.skills, since no one key of them is required.
	altKeys := map[string][]int32{}
	for _, alts := range r.RequiredAnySkills {
		i := int32(len(p.skillReq))
		p.skillReq = append(p.skillReq, skillReq{name: strings.Join(alts, " or "), required: true})
		p.skillW += RequiredSkillWeight
		for _, a := range alts {
			if k := s.cat.SkillKey(a); k != "" && !slices.Contains(altKeys[k], i) {
				altKeys[k] = append(altKeys[k], i)
			}
		}
	}
	for _, sr := range p.skillReq {
		p.skillText = append(p.skillText, sr.text())
	}
	// The role's skills are numbered first, so every one of them has a
	// place in skillPos whatever profiles are built later.
	ids := make(map[string]uint32, len(p.skills)+len(altKeys))
	for k := range p.skills {
		ids[k] = s.vocab.id(k)
	}
	for k := range altKeys {
		ids[k] = s.vocab.id(k)
	}
	p.skillPos = make([]int32, s.vocab.Len())
	for i := range p.skillPos {
		p.skillPos[i] = -1
	}
	for k, i := range p.skills {
		p.skillPos[ids[k]] = int32(i)
	}
	if len(altKeys) > 0 {
		p.altPos = make([][]int32, s.vocab.Len())
		for k, is := range altKeys {
			p.altPos[ids[k]] = is
		}
	}
	p.half = max(r.MinYears, ExperienceHalf)
	p.where = newPlaceWant(r.Location, r.RadiusKm, r.Remote)
	p.pay = newPayWant(r.PayBand(), p.where.place, r.Occupation, s.market, s.rates)
	p.locOn = p.where.on() && p.weights.Location > 0
	p.payOn = p.pay.scores() && p.weights.Compensation > 0
	p.compileOneExam()
	return p, nil
}

// Role returns the role the plan was compiled from.
func (p *Plan) Role() Role {
	if p == nil {
		return Role{}
	}
	return p.role
}

// compiled reports whether p was made by Compile.
// Weights returns the weights the plan scores with: the role's own, or the
// scorer's default when the role gives none.
func (p *Plan) Weights() Weights {
	if !p.compiled() {
		return Weights{}
	}
	return p.weights
}

func (p *Plan) compiled() bool { return p != nil && p.s != nil }

// errNotCompiled is the reason a nil or zero Plan gives.
const errNotCompiled = "plan not compiled: make it with Scorer.Compile"

// Scorer returns the scorer that compiled the plan. Profiles built by
// another scorer number their skills differently: score them with a plan
// of their own scorer.
// A nil or zero Plan has none.
func (p *Plan) Scorer() *Scorer {
	if p == nil {
		return nil
	}
	return p.s
}

// Now returns the instant the plan scores at.
func (p *Plan) Now() time.Time {
	if p == nil {
		return time.Time{}
	}
	return p.now
}

// RequiredAnyOf returns, for each required certification group, the
// certification ids whose holders (directly or through an implication) may
// meet it. A candidate who can be eligible holds one id of every group.
func (p *Plan) RequiredAnyOf() [][]string {
	if !p.compiled() {
		return nil
	}
	var out [][]string
	for i, q := range p.reqs {
		if !q.required {
			continue
		}
		var ids []string
		for ci := range p.s.cat.certs {
			e := &p.s.cat.certs[ci]
			if slices.ContainsFunc(p.certHits[ci], func(h certHit) bool { return h.req == i }) {
				ids = append(ids, e.ID)
			}
		}
		out = append(out, ids)
	}
	return out
}

// RequiredSkillKeys returns the skill keys every eligible candidate has.
func (p *Plan) RequiredSkillKeys() []string {
	if !p.compiled() {
		return nil
	}
	var out []string
	for k, i := range p.skills {
		if p.skillReq[i].required {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return out
}

// Points scores a profile without an explanation: the same arithmetic as
// Score, for ranking many candidates fast. A nil pr is the zero Profile.
func (p *Plan) Points(pr *Profile) (score float64, eligible bool) {
	return p.points(pr, false)
}

// EligiblePoints is Points for rankings of eligible candidates only: it
// stops at the first unmet requirement and returns (0, false). For an
// eligible candidate it returns what Points does.
func (p *Plan) EligiblePoints(pr *Profile) (score float64, eligible bool) {
	return p.points(pr, true)
}

// points is Points and EligiblePoints.
func (p *Plan) points(pr *Profile, eligibleOnly bool) (float64, bool) {
	if !p.compiled() {
		return 0, false
	}
	if pr == nil {
		pr = &noProfile
	}
	score, eligible, _ := p.eval(pr, nil, eligibleOnly, false)
	return score, eligible
}

// Order returns the key of a profile in the plan's ranking: the order
// Score's results would have ([Result.CandidateOrder]), with the distance
// from eligible of an ineligible candidate. id is the candidate's id. A
// nil pr is the zero Profile.
func (p *Plan) Order(pr *Profile, id string) Order {
	if !p.compiled() {
		return Order{ID: id}
	}
	if pr == nil {
		pr = &noProfile
	}
	score, eligible, away := p.eval(pr, nil, false, true)
	return Order{Eligible: eligible, Away: away, Score: score, ID: id}
}

// Score scores c with a full explanation.
func (p *Plan) Score(c Candidate) Result {
	if !p.compiled() {
		return notCompiled(c)
	}
	pr := p.s.Profile(&c)
	return p.Explain(c, &pr)
}

// notCompiled is the result of a nil or zero Plan.
func notCompiled(c Candidate) Result {
	return Result{CandidateID: c.ID, Missing: []Missing{{Kind: MissingRole, Reason: errNotCompiled}}}
}

// noProfile stands for a nil *Profile: a candidate with nothing.
var noProfile Profile

// Explain scores a candidate whose profile is already built (by the
// plan's scorer). A nil pr is the zero Profile.
func (p *Plan) Explain(c Candidate, pr *Profile) Result {
	if !p.compiled() {
		return notCompiled(c)
	}
	if pr == nil {
		pr = &noProfile
	}
	ex := &explanation{cand: &c, components: make([]Component, 0, 5)}
	r := Result{CandidateID: c.ID, RoleID: p.role.ID}
	r.Score, r.Eligible, r.Away = p.eval(pr, ex, false, true)
	r.Components, r.Missing, r.NextSteps = ex.components, ex.missing, ex.next
	return r
}

func round2(f float64) float64 { return math.Round(f*100) / 100 }

// scratch returns buf[:n], or a new slice of n when buf is shorter:
// per-call working space of zero values that stays in the caller's
// array (a fresh one, so already zero) for the usual plan.
func scratch[T any](buf []T, n int) []T {
	if n > len(buf) {
		return make([]T, n)
	}
	return buf[:n]
}

// eval is the one scoring function: Points calls it without an explanation
// and Explain with one, so both give the same numbers. eligibleOnly stops
// at the first unmet requirement; the distance from eligible of an
// ineligible profile is worked out only when wantAway asks for it.
func (p *Plan) eval(pr *Profile, ex *explanation, eligibleOnly, wantAway bool) (float64, bool, Away) {
	if eligibleOnly && pr.years < p.role.MinYears {
		return 0, false, Away{}
	}
	eligible := true

	// Certifications: the best credit per requirement over held credentials.
	var bestBuf [16]float64
	var whoBuf [16]int
	best, who := scratch(bestBuf[:], len(p.reqs)), scratch(whoBuf[:], len(p.reqs))
	var hitOf []certHit
	if ex != nil {
		hitOf = make([]certHit, len(p.reqs))
		for i := range who {
			who[i] = -1
		}
	}
	for hi := range pr.certs {
		h := &pr.certs[hi]
		hits := p.certHits[h.cert]
		for k := range hits {
			hit := &hits[k]
			q := &p.reqs[hit.req]
			credit := 1.0
			if !p.meets(q, h, hit) {
				credit = PartialCredit
			}
			if credit > best[hit.req] {
				best[hit.req], who[hit.req] = credit, hi
				if ex != nil {
					hitOf[hit.req] = *hit
				}
			}
		}
	}
	certFrac := 0.0
	for i, q := range p.reqs {
		certFrac += q.weight * best[i]
		if q.required && best[i] < 1 {
			eligible = false
		}
	}
	if p.certW > 0 {
		certFrac /= p.certW
	}
	if eligibleOnly && !eligible {
		return 0, false, Away{}
	}

	// Skills.
	var haveBuf [64]bool
	have := scratch(haveBuf[:], len(p.skillReq))
	p.heldSkills(pr, have)
	skillFrac := 0.0
	for i, sr := range p.skillReq {
		wt := PreferredSkillWeight
		if sr.required {
			wt = RequiredSkillWeight
			if !have[i] {
				eligible = false
			}
		}
		if have[i] {
			skillFrac += wt
		}
	}
	if p.skillW > 0 {
		skillFrac /= p.skillW
	}
	if eligibleOnly && !eligible {
		return 0, false, Away{}
	}

	// Experience.
	expFrac := pr.years / (pr.years + p.half)
	if pr.years < p.role.MinYears {
		eligible = false
	}

	// The components on, and their total weight, summed in the order
	// they are listed.
	w := &p.weights
	certOn := len(p.reqs) > 0 && w.Certifications > 0
	skillOn := len(p.skillReq) > 0 && w.Skills > 0
	expOn := w.Experience > 0
	locOn := p.locOn && pr.place.given
	// The desired pay, in the rule's currency, is worked out once.
	compOn, compFrac := false, 0.0
	if p.payOn && pr.pay.given() {
		if d, ok := p.pay.desired(&pr.pay); ok {
			compOn, compFrac = true, p.pay.creditOf(d)
		}
	}
	total := w.total(certOn, skillOn, expOn, locOn, compOn)

	// Location.
	var loc placeMatch
	if locOn {
		loc = p.where.match(&pr.place)
	}

	// Each component earns its share of 100 times its credit, rounded to
	// cents; the score is the sum, added in this order.
	cp := share(certOn, w.Certifications, total, certFrac)
	sp := share(skillOn, w.Skills, total, skillFrac)
	ep := share(expOn, w.Experience, total, expFrac)
	lp := share(locOn, w.Location, total, loc.credit)
	mp := share(compOn, w.Compensation, total, compFrac)
	score := cp + sp + ep + lp + mp
	// Rounded points may sum to 100.01; a score never exceeds 100.
	score = min(round2(score), 100)

	if ex != nil {
		if certOn || len(p.reqs) > 0 {
			ex.certs(p, pr, best, who, hitOf, cp, maxShare(certOn, w.Certifications, total))
		}
		if skillOn || len(p.skillReq) > 0 {
			ex.skills(p, have, sp, maxShare(skillOn, w.Skills, total))
		}
		if expOn || p.role.MinYears > 0 {
			ex.experience(p, pr, ep, maxShare(expOn, w.Experience, total))
		}
		if locOn {
			ex.location(p, pr, loc, lp, maxShare(locOn, w.Location, total))
		}
		if compOn {
			ex.compensation(p, pr, compFrac, mp, maxShare(compOn, w.Compensation, total))
		}
	}
	var away Away
	if wantAway && !eligible {
		away = p.away(pr, best, have)
	}
	return score, eligible, away
}

// share is the points a component earns: its share of 100 (its weight
// over the total of the components on) times its credit frac, rounded
// to cents; 0 when it is off.
func share(on bool, weight, total, frac float64) float64 {
	if !on || total == 0 {
		return 0
	}
	return round2(100 * weight / total * frac)
}

// maxShare is the most a component can earn, rounded to cents, as
// explanations show it; 0 when it is off.
func maxShare(on bool, weight, total float64) float64 {
	if !on || total == 0 {
		return 0
	}
	return round2(100 * weight / total)
}

// meets reports whether held credential h meets requirement q through hit.
func (p *Plan) meets(q *planReq, h *heldCert, hit *certHit) bool {
	if !p.meetsVersion(q, h, hit) {
		return false
	}
	// A credential dated after today is not held yet: neither current nor
	// recent.
	future := p.issuedLater(h)
	if q.Current && (h.validUntil < p.nowDay || future) {
		return false
	}
	if q.WithinYears > 0 && (h.issuedLast == unknownDay || h.issuedLast < q.cutoff || future) {
		return false
	}
	return true
}

// issuedLater reports whether h's issue date is wholly after the plan's
// today (a partial date that may mean today or earlier is not).
func (p *Plan) issuedLater(h *heldCert) bool {
	return h.issuedFirst != unknownDay && h.issuedFirst > p.nowDay
}

// meetsVersion reports whether held credential h meets requirement q's
// min_version through hit.
func (p *Plan) meetsVersion(q *planReq, h *heldCert, hit *certHit) bool {
	if q.MinVersion == "" {
		return true
	}
	switch {
	case !hit.same || h.version == "" || hit.min == "":
		return false
	case h.vkey >= 0 && hit.minKey >= 0:
		return h.vkey >= hit.minKey
	}
	return versionAtLeast(h.version, hit.min)
}

func compensationCredit(desired, maximum float64) float64 {
	if desired <= maximum {
		return 1
	}
	return max(0, 1-(desired-maximum)/(maximum*CompensationTolerance))
}
