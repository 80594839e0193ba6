package scoring

import (
	"errors"
	"fmt"
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
	// SameRegionCredit is the location credit for the same region or
	// country (the last comma-separated part) but another city.
	SameRegionCredit = 0.5
	// RemoteCredit is the location credit for a remote role in another
	// place.
	RemoteCredit = 0.8
	// CompensationTolerance: compensation credit falls linearly from 1 at
	// salary_max to 0 at salary_max * (1 + CompensationTolerance).
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
}

// Scorer scores candidates against roles. It is safe for concurrent use.
type Scorer struct {
	cat     *Catalog
	now     func() time.Time
	weights Weights
	vocab   *Vocab
}

// NewScorer returns a Scorer with the given options.
func NewScorer(opts Options) (*Scorer, error) {
	s := &Scorer{cat: opts.Catalog, now: opts.Now, weights: DefaultWeights, vocab: newVocab()}
	if s.cat == nil {
		s.cat = DefaultCatalog()
	}
	if s.now == nil {
		s.now = time.Now
	}
	if opts.Weights != nil {
		r := Role{ID: "options", Weights: opts.Weights}
		if err := r.Validate(s.cat); err != nil {
			return nil, fmt.Errorf("scorer options: %w", err)
		}
		s.weights = *opts.Weights
	}
	return s, nil
}

// Catalog returns the scorer's catalog.
func (s *Scorer) Catalog() *Catalog { return s.cat }

// Vocab returns the skill vocabulary of the scorer's profiles.
func (s *Scorer) Vocab() *Vocab { return s.vocab }

// Score scores one candidate against one role with a full explanation. An
// invalid role scores every candidate 0 with the error as the reason; use
// Compile to get the error.
func (s *Scorer) Score(c Candidate, r Role) Result {
	p, err := s.Compile(r)
	if err != nil {
		return Result{CandidateID: c.ID, RoleID: r.ID, Missing: []Missing{{Kind: "role", Requirement: r.ID, Reason: err.Error()}}}
	}
	return p.Score(c)
}

// HeldCert is a resolved credential in a Profile.
type HeldCert struct {
	Index   int // position in Candidate.Certifications
	ID      string
	Version string
	cert    int   // catalog position of ID
	vkey    int64 // versionKey(Version)
	// IssuedLast is the latest day (days since 1970) the issue date may
	// mean; unknownDay when not given.
	IssuedLast int32
	// ValidUntil is the last day the credential is current: its expiry
	// date, or its issue date plus the catalog's validity period;
	// foreverDay when it never expires, unknownDay when it expires but the
	// dates to tell when are missing.
	ValidUntil int32
}

const (
	unknownDay = math.MinInt32
	foreverDay = math.MaxInt32
)

// Profile is the scorer's compact view of a candidate: only what a score
// reads, with credentials resolved and skills and location folded. No
// personal field is in it, which is what makes scores blind.
type Profile struct {
	Certs    []HeldCert
	Skills   []uint32 // skill keys numbered by the scorer's Vocab, sorted, unique
	Years    float64
	Location string // LocationKey
	Salary   float64
}

// Profile builds the compact view of c. Credentials given by name only are
// resolved with the catalog; ones it cannot place are left out.
func (s *Scorer) Profile(c *Candidate) Profile {
	// Years and salary that Validate would reject count as none, so an
	// unvalidated candidate can never make a score NaN or infinite.
	p := Profile{Years: nonNegative(c.YearsExperience), Salary: nonNegative(c.DesiredSalary), Location: LocationKey(c.Location),
		Certs: make([]HeldCert, 0, len(c.Certifications)), Skills: make([]uint32, 0, len(c.Skills))}
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
		e := &s.cat.Certs[ci]
		h := HeldCert{Index: i, ID: e.ID, Version: CanonicalVersion(version, e.Versioning), cert: ci, IssuedLast: unknownDay, ValidUntil: foreverDay}
		h.vkey = versionKey(h.Version)
		if !cr.Date.IsZero() {
			h.IssuedLast = days(cr.Date.Last())
		}
		switch {
		case !cr.Expires.IsZero():
			h.ValidUntil = days(cr.Expires.Last())
		case e.ValidMonths > 0 && !cr.Date.IsZero():
			h.ValidUntil = days(cr.Date.First().AddDate(0, e.ValidMonths, 0)) - 1
		case e.ValidMonths > 0:
			h.ValidUntil = unknownDay
		}
		p.Certs = append(p.Certs, h)
	}
	for _, sk := range c.Skills {
		if id, ok := s.vocab.skillID(sk); ok {
			p.Skills = append(p.Skills, id)
		}
	}
	slices.Sort(p.Skills)
	p.Skills = slices.Compact(p.Skills)
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
type Plan struct {
	s        *Scorer
	role     Role
	now      time.Time
	nowDay   int32
	reqs     []planReq
	certHits [][]certHit    // by catalog position of the held id
	skills   map[string]int // skill key -> index in skillReq
	skillPos []int32        // by Vocab number -> index in skillReq, or -1
	skillReq []skillReq
	weights  Weights
	certW    float64 // sum of requirement weights
	skillW   float64 // sum of skill weights
	half     float64
	locKey   string
	locCity  string
	locArea  string

	gapMu   sync.Mutex
	gapMemo map[string]NextStep

	skillText []string // skillReq as explanations write them
}

type planReq struct {
	Requirement
	required bool
	weight   float64
	cutoff   int32 // earliest issue day for WithinYears
	minKey   int64 // versionKey(MinVersion)
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
}

func newCertHit(cat *Catalog, req int, via []string, same bool) certHit {
	h := certHit{req: req, via: via, same: same, how: "held directly"}
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
	if err := r.Validate(s.cat); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrRole, err)
	}
	now := s.now().UTC()
	p := &Plan{gapMemo: map[string]NextStep{}, s: s, role: r, now: now, nowDay: days(now), certHits: make([][]certHit, len(s.cat.Certs)), skills: map[string]int{}, weights: s.weights}
	if r.Weights != nil {
		p.weights = *r.Weights
	}
	add := func(q Requirement, required bool) {
		// A Java line's min_version is read in Java numbering, as held
		// versions are: "1.8" is 8 (the README's catalog policy 5).
		if q.MinVersion != "" && allJava(s.cat, q.AnyOf) {
			q.MinVersion = CanonicalVersion(q.MinVersion, JavaVersion)
		}
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
		pr := planReq{Requirement: q, required: required, weight: w, cutoff: unknownDay, minKey: versionKey(q.MinVersion), text: kind + ": " + q.String(),
			noneHeld: "no credential of " + strings.Join(q.AnyOf, " or "), holdsNo: "holds no " + strings.Join(q.AnyOf, " or ")}
		if q.WithinYears > 0 {
			pr.cutoff = p.nowDay - int32(math.Round(q.WithinYears*365.25))
		}
		p.reqs = append(p.reqs, pr)
		p.certW += w
		i := len(p.reqs) - 1
		targets := map[string]bool{}
		for _, id := range q.AnyOf {
			for _, m := range s.cat.Expand(id) {
				targets[m] = true
			}
		}
		for ci := range s.cat.Certs {
			e := &s.cat.Certs[ci]
			if targets[e.ID] {
				p.certHits[ci] = append(p.certHits[ci], newCertHit(s.cat, i, nil, true))
				continue
			}
			// Several implications may reach the requirement; one that
			// carries the held version is preferred, since only it can
			// meet a min_version.
			var reach *Implied
			for _, im := range s.cat.Implies(e.ID) {
				if targets[im.ID] && (reach == nil || im.SameVersion && !reach.SameVersion) {
					reach = &im
				}
			}
			if reach != nil {
				p.certHits[ci] = append(p.certHits[ci], newCertHit(s.cat, i, reach.Path, reach.SameVersion))
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
		k := SkillKey(name)
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
	for _, sr := range p.skillReq {
		p.skillText = append(p.skillText, sr.text())
	}
	// The role's skills are numbered first, so every one of them has a
	// place in skillPos whatever profiles are built later.
	ids := make(map[string]uint32, len(p.skills))
	for k := range p.skills {
		ids[k] = s.vocab.ID(k)
	}
	p.skillPos = make([]int32, s.vocab.Len())
	for i := range p.skillPos {
		p.skillPos[i] = -1
	}
	for k, i := range p.skills {
		p.skillPos[ids[k]] = int32(i)
	}
	p.half = max(r.MinYears, ExperienceHalf)
	p.locKey = LocationKey(r.Location)
	if p.locKey != "" {
		parts := strings.Split(p.locKey, ",")
		p.locCity, p.locArea = parts[0], parts[len(parts)-1]
	}
	return p, nil
}

// Role returns the role the plan was compiled from.
func (p *Plan) Role() Role { return p.role }

// Now returns the instant the plan scores at.
func (p *Plan) Now() time.Time { return p.now }

// RequiredAnyOf returns, for each required certification group, the
// certification ids whose holders (directly or through an implication) may
// meet it. A candidate who can be eligible holds one id of every group.
func (p *Plan) RequiredAnyOf() [][]string {
	var out [][]string
	for i, q := range p.reqs {
		if !q.required {
			continue
		}
		var ids []string
		for ci := range p.s.cat.Certs {
			e := &p.s.cat.Certs[ci]
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
// Score, for ranking many candidates fast.
func (p *Plan) Points(pr *Profile) (score float64, eligible bool) {
	return p.eval(pr, nil, false)
}

// EligiblePoints is Points for rankings of eligible candidates only: it
// stops at the first unmet requirement and returns (0, false). For an
// eligible candidate it returns what Points does.
func (p *Plan) EligiblePoints(pr *Profile) (score float64, eligible bool) {
	return p.eval(pr, nil, true)
}

// Score scores c with a full explanation.
func (p *Plan) Score(c Candidate) Result {
	pr := p.s.Profile(&c)
	return p.Explain(c, &pr)
}

// Explain scores a candidate whose profile is already built.
func (p *Plan) Explain(c Candidate, pr *Profile) Result {
	ex := &explanation{cand: &c, components: make([]Component, 0, 5)}
	r := Result{CandidateID: c.ID, RoleID: p.role.ID}
	r.Score, r.Eligible = p.eval(pr, ex, false)
	r.Components, r.Missing, r.NextSteps = ex.components, ex.missing, ex.next
	return r
}

func round2(f float64) float64 { return math.Round(f*100) / 100 }

// eval is the one scoring function: Points calls it without an explanation
// and Explain with one, so both give the same numbers.
func (p *Plan) eval(pr *Profile, ex *explanation, eligibleOnly bool) (float64, bool) {
	if eligibleOnly && pr.Years < p.role.MinYears {
		return 0, false
	}
	eligible := true
	w := p.weights
	total := 0.0
	certOn := len(p.reqs) > 0 && w.Certifications > 0
	skillOn := len(p.skillReq) > 0 && w.Skills > 0
	expOn := w.Experience > 0
	locOn := (p.locKey != "" || p.role.Remote) && pr.Location != "" && w.Location > 0
	compOn := p.role.SalaryMax > 0 && pr.Salary > 0 && w.Compensation > 0
	if certOn {
		total += w.Certifications
	}
	if skillOn {
		total += w.Skills
	}
	if expOn {
		total += w.Experience
	}
	if locOn {
		total += w.Location
	}
	if compOn {
		total += w.Compensation
	}

	// Certifications: the best credit per requirement over held credentials.
	var bestBuf [16]float64
	var whoBuf [16]int
	best, who := bestBuf[:0], whoBuf[:0]
	if len(p.reqs) > len(bestBuf) {
		best, who = make([]float64, 0, len(p.reqs)), make([]int, 0, len(p.reqs))
	}
	for range p.reqs {
		best = append(best, 0)
		who = append(who, -1)
	}
	var hitOf []certHit
	if ex != nil {
		hitOf = make([]certHit, len(p.reqs))
	}
	for hi := range pr.Certs {
		h := &pr.Certs[hi]
		for _, hit := range p.certHits[h.cert] {
			q := &p.reqs[hit.req]
			credit := 1.0
			if !p.meets(q, h, hit) {
				credit = PartialCredit
			}
			if credit > best[hit.req] {
				best[hit.req], who[hit.req] = credit, hi
				if ex != nil {
					hitOf[hit.req] = hit
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
		return 0, false
	}

	// Skills.
	var haveBuf [64]bool
	have := haveBuf[:0]
	if len(p.skillReq) > len(haveBuf) {
		have = make([]bool, 0, len(p.skillReq))
	}
	have = have[:len(p.skillReq)]
	clear(have)
	for _, id := range pr.Skills {
		if int(id) < len(p.skillPos) {
			if i := p.skillPos[id]; i >= 0 {
				have[i] = true
			}
		}
	}
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
		return 0, false
	}

	// Experience.
	expFrac := pr.Years / (pr.Years + p.half)
	if pr.Years < p.role.MinYears {
		eligible = false
	}

	// Location and compensation.
	locFrac := 0.0
	if locOn {
		locFrac = p.locationCredit(pr.Location)
	}
	compFrac := 0.0
	if compOn {
		compFrac = compensationCredit(pr.Salary, p.role.SalaryMax)
	}

	score := 0.0
	part := func(on bool, weight, frac float64) (points, maximum float64) {
		if !on || total == 0 {
			return 0, 0
		}
		maximum = 100 * weight / total
		points = round2(maximum * frac)
		score += points
		return points, round2(maximum)
	}
	cp, cm := part(certOn, w.Certifications, certFrac)
	sp, sm := part(skillOn, w.Skills, skillFrac)
	ep, em := part(expOn, w.Experience, expFrac)
	lp, lm := part(locOn, w.Location, locFrac)
	mp, mm := part(compOn, w.Compensation, compFrac)
	// Rounded points may sum to 100.01; a score never exceeds 100.
	score = min(round2(score), 100)

	if ex != nil {
		if certOn || len(p.reqs) > 0 {
			ex.certs(p, pr, best, who, hitOf, cp, cm)
		}
		if skillOn || len(p.skillReq) > 0 {
			ex.skills(p, have, sp, sm)
		}
		if expOn || p.role.MinYears > 0 {
			ex.experience(p, pr, ep, em)
		}
		if locOn {
			ex.location(p, pr, lp, lm)
		}
		if compOn {
			ex.compensation(p, pr, mp, mm)
		}
	}
	return score, eligible
}

// allJava reports whether every certification anyOf stands for uses Java
// version numbering.
func allJava(cat *Catalog, anyOf []string) bool {
	for _, id := range anyOf {
		for _, m := range cat.Expand(id) {
			if e, _ := cat.Cert(m); e.Versioning != JavaVersion {
				return false
			}
		}
	}
	return true
}

// meets reports whether held credential h meets requirement q through hit.
func (p *Plan) meets(q *planReq, h *HeldCert, hit certHit) bool {
	if q.MinVersion != "" {
		switch {
		case !hit.same || h.Version == "":
			return false
		case h.vkey >= 0 && q.minKey >= 0:
			if h.vkey < q.minKey {
				return false
			}
		case !versionAtLeast(h.Version, q.MinVersion):
			return false
		}
	}
	if q.Current && h.ValidUntil < p.nowDay {
		return false
	}
	if q.WithinYears > 0 && (h.IssuedLast == unknownDay || h.IssuedLast < q.cutoff) {
		return false
	}
	return true
}

func (p *Plan) locationCredit(loc string) float64 {
	city, _, _ := strings.Cut(loc, ",")
	area := loc[strings.LastIndexByte(loc, ',')+1:]
	switch {
	case p.locKey != "" && (loc == p.locKey || city == p.locCity):
		return 1
	case p.role.Remote:
		return RemoteCredit
	case p.locKey != "" && area == p.locArea:
		return SameRegionCredit
	}
	return 0
}

func compensationCredit(desired, maximum float64) float64 {
	if desired <= maximum {
		return 1
	}
	return max(0, 1-(desired-maximum)/(maximum*CompensationTolerance))
}
