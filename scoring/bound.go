package scoring

import (
	"fmt"
	"math"
	"slices"
)

// Feature is one requirement of a plan whose credit depends only on
// whether a candidate holds one of a set of posting keys, so that an
// index can tell the holders from its posting lists without reading a
// profile: a certification requirement (Keys are certification ids, held
// or implied, as the index posts them) or a skill requirement (Keys are
// skill keys).
type Feature struct {
	// Skill is true for a skill requirement, false for a certification
	// requirement.
	Skill bool
	// Keys are the posting keys: a candidate holding none of them earns
	// nothing for the requirement. One holding one of them earns at most
	// the requirement's full credit, and exactly that when Exact.
	Keys []string
	// Required is true when the requirement gates eligibility.
	Required bool
	// Exact is true when holding one of Keys earns the full credit (and,
	// for a required feature, meets it): every skill, and a certification
	// requirement without a version, currency or recency condition.
	Exact bool
	// Points is the most the requirement adds to a score, for ordering
	// the features by importance.
	Points float64
	// Gated is true when the plan's gates ([Plan.RequiredAnyOf],
	// [Plan.RequiredSkillKeys]) select only holders of the feature: a
	// required certification group or a required skill (not a list of
	// alternatives). A ranking of the candidates the gates select need not
	// split them by it: they all hold it.
	Gated bool

	index int // position in Plan.reqs, or in Plan.skillReq for a skill
}

// Held says what is known of a class of candidates for one Feature.
type Held int8

const (
	// HeldUnknown: some of the class may hold the feature.
	HeldUnknown Held = iota
	// HeldNone: no candidate of the class holds the feature.
	HeldNone
	// HeldAll: every candidate of the class holds the feature.
	HeldAll
	// HeldMet: every candidate of the class holds the feature and meets
	// its conditions ([Bounds.Meets]): full credit, and for a required
	// feature, met.
	HeldMet
)

// Gate says how the eligibility of a class of candidates is decided.
type Gate int8

const (
	// GateProfile: it depends on the profile's credentials (a version,
	// currency or recency condition, or a feature whose holders are not
	// known); [Ceiling.Eligible] reads them.
	GateProfile Gate = iota
	// GateNever: no candidate of the class is eligible.
	GateNever
	// GateYears: a candidate of the class is eligible exactly when it has
	// the role's MinYears.
	GateYears
)

// Bounds works out upper bounds of a plan's scores for classes of
// candidates sharing which features they hold, for a ranking that skips
// the candidates who cannot enter its top list.
type Bounds struct {
	p     *Plan
	feats []Feature
}

// Bounds returns the plan's features, required ones first, then by the
// points they are worth. A requirement that adds no points and gates
// nothing (a zero weight) is left out: holding it changes nothing. A nil
// or zero Plan has none.
func (p *Plan) Bounds() *Bounds {
	b := &Bounds{p: p}
	if !p.compiled() {
		return b
	}
	w := p.weights
	certOn := len(p.reqs) > 0 && w.Certifications > 0
	skillOn := len(p.skillReq) > 0 && w.Skills > 0
	for i, q := range p.reqs {
		pts := 0.0
		if certOn && p.certW > 0 {
			pts = w.Certifications * q.weight / p.certW
		}
		if pts == 0 && !q.required {
			continue
		}
		f := Feature{Required: q.required, Gated: q.required, Points: pts, index: i,
			Exact: q.MinVersion == "" && !q.Current && q.WithinYears == 0}
		for ci := range p.s.cat.certs {
			for _, h := range p.certHits[ci] {
				if h.req == i {
					f.Keys = append(f.Keys, p.s.cat.certs[ci].ID)
					break
				}
			}
		}
		b.feats = append(b.feats, f)
	}
	keys := make([][]string, len(p.skillReq))
	for k, i := range p.skills {
		keys[i] = append(keys[i], k)
	}
	// Alternatives follow the plain skills in skillReq, one per list.
	for a, alts := range p.role.RequiredAnySkills {
		i := len(p.skills) + a
		for _, name := range alts {
			if k := p.s.cat.SkillKey(name); k != "" && !slices.Contains(keys[i], k) {
				keys[i] = append(keys[i], k)
			}
		}
	}
	for i, sr := range p.skillReq {
		wt := PreferredSkillWeight
		if sr.required {
			wt = RequiredSkillWeight
		}
		pts := 0.0
		if skillOn && p.skillW > 0 {
			pts = w.Skills * wt / p.skillW
		}
		if pts == 0 && !sr.required {
			continue
		}
		gated := sr.required && i < len(p.skills)
		b.feats = append(b.feats, Feature{Skill: true, Keys: keys[i], Required: sr.required, Gated: gated, Exact: true, Points: pts, index: i})
	}
	stableSortFeatures(b.feats)
	return b
}

// stableSortFeatures orders features required first, then by points
// descending, keeping the plan's order among equals.
func stableSortFeatures(fs []Feature) {
	for i := 1; i < len(fs); i++ {
		for j := i; j > 0 && featureBefore(fs[j], fs[j-1]); j-- {
			fs[j], fs[j-1] = fs[j-1], fs[j]
		}
	}
}

func featureBefore(a, b Feature) bool {
	if a.Required != b.Required {
		return a.Required
	}
	return a.Points > b.Points
}

// Features returns the features, in the order Ceiling reads them.
func (b *Bounds) Features() []Feature { return b.feats }

// Meets reports whether pr meets certification feature fi with one of
// its credentials: holds one of its Keys and meets its version, currency
// and recency conditions. A nil pr is the zero Profile.
func (b *Bounds) Meets(fi int, pr *Profile) bool {
	if !b.p.compiled() || b.feats[fi].Skill {
		return false
	}
	if pr == nil {
		pr = &noProfile
	}
	return b.p.meetsReq(pr, b.feats[fi].index)
}

// MeetsKey names what Meets reads for certification feature fi: two
// features of plans of one scorer with the same key are met by the same
// profiles, so an index may keep who meets one between rankings.
func (b *Bounds) MeetsKey(fi int) string {
	p := b.p
	if !p.compiled() || b.feats[fi].Skill {
		return ""
	}
	q := &p.reqs[b.feats[fi].index]
	return fmt.Sprintf("%q %q min %q current %v cutoff %d day %d", q.AnyOf, b.feats[fi].Keys, q.MinVersion, q.Current, q.cutoff, p.nowDay)
}

// Ceiling is the bound of a class of candidates: for each of them, an
// upper bound of the score Points gives, from what the class holds and
// the candidate's years, location and pay, without matching a credential
// or skill; and how the class's eligibility is decided.
type Ceiling struct {
	p    *Plan
	gate Gate
	// By combination of location (bit 0) and compensation (bit 1)
	// components on: the certification and skill points at most, the
	// experience, location and compensation maxima (their points are
	// worked out for each profile).
	cert, skill, expMax, locMax, compMax [4]float64
	top                                  float64
	// For GateProfile: the required certification requirements the
	// class leaves to the profile, and whether any required skill is.
	check      []int
	checkSkill bool
	// unmet is the number of required features the class holds none of.
	unmet int
}

// Ceiling returns the bound of a class of candidates; held says, by
// position in Features, what the class holds (a shorter held leaves the
// rest unknown).
func (b *Bounds) Ceiling(held []Held) Ceiling {
	p := b.p
	c := Ceiling{p: p, gate: GateYears}
	if !p.compiled() {
		c.gate = GateNever
		return c
	}
	var creditBuf [16]float64
	var haveBuf [64]bool
	credit, have := scratch(creditBuf[:], len(p.reqs)), scratch(haveBuf[:], len(p.skillReq))
	for i := range credit {
		credit[i] = 1
	}
	for i := range have {
		have[i] = true
	}
	for fi, f := range b.feats {
		h := HeldUnknown
		if fi < len(held) {
			h = held[fi]
		}
		switch {
		case h == HeldNone && f.Skill:
			have[f.index] = false
		case h == HeldNone:
			credit[f.index] = 0
		}
		if f.Required {
			switch {
			case h == HeldNone:
				c.gate = GateNever
				c.unmet++
			case f.Skill && h == HeldUnknown:
				c.checkSkill = true
			case !f.Skill && (h == HeldUnknown || h == HeldAll && !f.Exact):
				c.check = append(c.check, f.index)
			}
		}
	}
	// Every required requirement is a feature (Bounds keeps them all).
	if c.gate != GateNever && (len(c.check) > 0 || c.checkSkill) {
		c.gate = GateProfile
	}
	// The same arithmetic as eval, with every unknown credit at its
	// most: every step is monotone, so each sum is an upper bound.
	certFrac := 0.0
	for i, q := range p.reqs {
		certFrac += q.weight * credit[i]
	}
	if p.certW > 0 {
		certFrac /= p.certW
	}
	skillFrac := 0.0
	for i, sr := range p.skillReq {
		wt := PreferredSkillWeight
		if sr.required {
			wt = RequiredSkillWeight
		}
		if have[i] {
			skillFrac += wt
		}
	}
	if p.skillW > 0 {
		skillFrac /= p.skillW
	}
	w := p.weights
	certOn := len(p.reqs) > 0 && w.Certifications > 0
	skillOn := len(p.skillReq) > 0 && w.Skills > 0
	expOn := w.Experience > 0
	for combo := range 4 {
		locOn := combo&1 != 0
		compOn := combo&2 != 0
		if locOn && !(p.where.on() && w.Location > 0) || compOn && !(w.Compensation > 0) {
			continue
		}
		total := w.total(certOn, skillOn, expOn, locOn, compOn)
		if total == 0 {
			continue
		}
		share := func(on bool, weight, frac float64) float64 {
			if !on {
				return 0
			}
			return round2(100 * weight / total * frac)
		}
		c.cert[combo] = share(certOn, w.Certifications, certFrac)
		c.skill[combo] = share(skillOn, w.Skills, skillFrac)
		if expOn {
			c.expMax[combo] = 100 * w.Experience / total
		}
		if locOn {
			c.locMax[combo] = 100 * w.Location / total
		}
		if compOn {
			c.compMax[combo] = 100 * w.Compensation / total
		}
		c.top = max(c.top, c.sum(combo, round2(c.expMax[combo]), round2(c.locMax[combo]), round2(c.compMax[combo])))
	}
	return c
}

// sum adds the points in eval's order, rounds as eval does, and adds a
// cent, so that no rounding of a real score can pass the bound.
func (c *Ceiling) sum(combo int, exp, loc, comp float64) float64 {
	s := 0.0
	s += c.cert[combo]
	s += c.skill[combo]
	s += exp
	s += loc
	s += comp
	return min(round2(s), 100) + 0.01
}

// Max is an upper bound of the score of every candidate of the class.
func (c *Ceiling) Max() float64 { return c.top }

// Of is an upper bound of the score Points gives pr, a profile of the
// class: experience, location and compensation exactly, the credentials
// and skills at most what the class can hold. A nil pr is the zero
// Profile.
func (c *Ceiling) Of(pr *Profile) float64 {
	p := c.p
	if !p.compiled() {
		return 0.01
	}
	if pr == nil {
		pr = &noProfile
	}
	combo := 0
	if p.where.on() && pr.place.given && p.weights.Location > 0 {
		combo |= 1
	}
	if p.weights.Compensation > 0 && p.pay.on(&pr.pay) {
		combo |= 2
	}
	exp, loc, comp := 0.0, 0.0, 0.0
	if m := c.expMax[combo]; m > 0 {
		exp = round2(m * (pr.years / (pr.years + p.half)))
	}
	if m := c.locMax[combo]; m > 0 {
		loc = round2(m * p.where.match(&pr.place).credit)
	}
	if m := c.compMax[combo]; m > 0 {
		comp = round2(m * p.pay.credit(&pr.pay))
	}
	return c.sum(combo, exp, loc, comp)
}

// OfYears is an upper bound of the score of every candidate of the class
// with the given years: experience exactly, location and compensation at
// their full share. It reads no profile, so a ranking can rule a
// candidate out from a flat array of years.
func (c *Ceiling) OfYears(years float64) float64 {
	p := c.p
	if !p.compiled() {
		return 0.01
	}
	b := 0.0
	for combo := range 4 {
		if combo&1 != 0 && c.locMax[combo] == 0 || combo&2 != 0 && c.compMax[combo] == 0 {
			continue
		}
		exp := 0.0
		if m := c.expMax[combo]; m > 0 {
			exp = round2(m * (years / (years + p.half)))
		}
		b = max(b, c.sum(combo, exp, round2(c.locMax[combo]), round2(c.compMax[combo])))
	}
	return b
}

// YearsBelow returns years such that OfYears is below cut for every
// candidate with at most that many years, and not for some at most
// yearsBelowStep above: -1 when even none is below, +Inf when every
// number of years is. OfYears grows with the years, so a ranking compares
// a candidate's years with this once the cut is known, instead of working
// out each bound; a candidate within the step above is only scored.
func (c *Ceiling) YearsBelow(cut float64) float64 {
	if !(c.OfYears(0) < cut) {
		return -1
	}
	hi := 1.0
	for c.OfYears(hi) < cut {
		if hi > 1e6 {
			return math.Inf(1)
		}
		hi *= 2
	}
	lo := 0.0 // OfYears(lo) < cut <= OfYears(hi)
	for hi-lo > yearsBelowStep {
		mid := lo + (hi-lo)/2
		if mid <= lo || mid >= hi {
			break
		}
		if c.OfYears(mid) < cut {
			lo = mid
		} else {
			hi = mid
		}
	}
	return lo
}

// yearsBelowStep is how far above YearsBelow the least number of years
// whose bound reaches the cut may lie: about nine hours.
const yearsBelowStep = 1.0 / 1024

// Unmet is the fewest required items a candidate of the class leaves
// unmet: the required features the class holds none of. An ineligible
// candidate's Away.Unmet is at least this, and one more when it lacks
// the role's years; a class with any is never eligible.
func (c *Ceiling) Unmet() int { return c.unmet }

// Gate says how the class's eligibility is decided.
func (c *Ceiling) Gate() Gate { return c.gate }

// Eligible reports whether pr, a profile of the class, is eligible: what
// Points reports, without scoring. A nil pr is the zero Profile.
func (c *Ceiling) Eligible(pr *Profile) bool {
	if pr == nil {
		pr = &noProfile
	}
	switch c.gate {
	case GateNever:
		return false
	case GateYears:
		return !(pr.years < c.p.role.MinYears)
	}
	p := c.p
	if pr.years < p.role.MinYears {
		return false
	}
	if c.checkSkill {
		return p.Eligible(pr)
	}
	// Only the requirements the class leaves open.
	for _, i := range c.check {
		if !p.meetsReq(pr, i) {
			return false
		}
	}
	return true
}

// meetsReq reports whether a held credential of pr meets requirement i.
func (p *Plan) meetsReq(pr *Profile, i int) bool {
	q := &p.reqs[i]
	for hi := range pr.certs {
		h := &pr.certs[hi]
		hits := p.certHits[h.cert]
		for k := range hits {
			if hit := &hits[k]; hit.req == i && p.meets(q, h, hit) {
				return true
			}
		}
	}
	return false
}

// Eligible reports whether pr is eligible for the plan, as Points does,
// without scoring: every required certification group met, every
// required skill held, the role's MinYears. A nil pr is the zero
// Profile.
func (p *Plan) Eligible(pr *Profile) bool {
	if !p.compiled() {
		return false
	}
	if pr == nil {
		pr = &noProfile
	}
	if pr.years < p.role.MinYears {
		return false
	}
	var metBuf [16]bool
	met := scratch(metBuf[:], len(p.reqs))
	for hi := range pr.certs {
		h := &pr.certs[hi]
		hits := p.certHits[h.cert]
		for k := range hits {
			hit := &hits[k]
			q := &p.reqs[hit.req]
			if q.required && !met[hit.req] && p.meets(q, h, hit) {
				met[hit.req] = true
			}
		}
	}
	for i, q := range p.reqs {
		if q.required && !met[i] {
			return false
		}
	}
	var haveBuf [64]bool
	have := scratch(haveBuf[:], len(p.skillReq))
	p.heldSkills(pr, have)
	for i, sr := range p.skillReq {
		if sr.required && !have[i] {
			return false
		}
	}
	return true
}

// heldSkills marks in have, one flag per skill requirement, the role's
// skills pr holds, by name or by an alternative.
func (p *Plan) heldSkills(pr *Profile, have []bool) {
	clear(have)
	for _, id := range pr.skills {
		if int(id) < len(p.skillPos) {
			if i := p.skillPos[id]; i >= 0 {
				have[i] = true
			}
			if p.altPos != nil {
				for _, i := range p.altPos[id] {
					have[i] = true
				}
			}
		}
	}
}
