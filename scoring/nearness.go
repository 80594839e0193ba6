package scoring

import (
	"strconv"
	"strings"
)

// Nearness is how far one unmet required item is from met, nearest first.
type Nearness uint8

// Nearness of an unmet required item.
const (
	// NearOneStep: one exam on top of a credential held (an OCA holder
	// for OCP, an upgrade exam from an older version), or NearYears of
	// experience short or less.
	NearOneStep Nearness = iota + 1
	// NearRenew: a credential that would meet it has lapsed (or was not
	// earned recently enough) and needs renewing.
	NearRenew
	// NearVersion: a credential of the line is held at a version below
	// the one asked, or at no known version.
	NearVersion
	// NearMissing: nothing of it is held: a certification, a skill, or
	// more than NearYears of experience.
	NearMissing
)

// NearYears is the largest experience shortfall that is one step away.
const NearYears = 1.0

// String names the nearness as explanations do.
func (n Nearness) String() string {
	switch n {
	case NearOneStep:
		return "one step away"
	case NearRenew:
		return "to renew"
	case NearVersion:
		return "a version below"
	case NearMissing:
		return "missing"
	}
	return "met"
}

// Away is how far a candidate is from eligible for a role: the number of
// unmet required items (certification groups, skills, experience), and
// how many of them are at each nearness. An eligible candidate's Away is
// zero. Rankings order ineligible candidates by it (see [Away.Compare]).
type Away struct {
	Unmet   int `json:"unmet"`
	OneStep int `json:"one_step,omitempty"`
	Renew   int `json:"renew,omitempty"`
	Version int `json:"version_below,omitempty"`
	Missing int `json:"missing,omitempty"`
}

// String says the distance in words: "eligible", "1 unmet: one step
// away", "3 unmet: 1 to renew, 2 missing".
func (a Away) String() string {
	if a.Unmet == 0 {
		return "eligible"
	}
	var parts []string
	for _, c := range []struct {
		n    int
		near Nearness
	}{{a.OneStep, NearOneStep}, {a.Renew, NearRenew}, {a.Version, NearVersion}, {a.Missing, NearMissing}} {
		switch {
		case c.n == 0:
		case a.Unmet == 1:
			parts = append(parts, c.near.String())
		default:
			parts = append(parts, strconv.Itoa(c.n)+" "+c.near.String())
		}
	}
	return strconv.Itoa(a.Unmet) + " unmet: " + strings.Join(parts, ", ")
}

// add counts one unmet item.
func (a *Away) add(n Nearness) {
	a.Unmet++
	switch n {
	case NearOneStep:
		a.OneStep++
	case NearRenew:
		a.Renew++
	case NearVersion:
		a.Version++
	default:
		a.Missing++
	}
}

// Compare orders distances nearest first: fewer unmet items, then, among
// as many, fewer missing entirely, then fewer a version below, then fewer
// to renew. It returns a negative number when a is nearer than b, a
// positive one when farther, 0 when as near.
func (a Away) Compare(b Away) int {
	for _, d := range [...]int{a.Unmet - b.Unmet, a.Missing - b.Missing, a.Version - b.Version, a.Renew - b.Renew} {
		if d != 0 {
			return d
		}
	}
	return 0
}

// experienceNearness is how near a shortfall of years is.
func experienceNearness(short float64) Nearness {
	if short <= NearYears {
		return NearOneStep
	}
	return NearMissing
}

// certNearness is how near an unmet certification requirement is, from
// what the candidate holds: one exam on top of a held credential comes
// first, then a lapsed credential, then one of the line at a version
// below, else missing.
func certNearness(oneExam, lapsed, versionBelow bool) Nearness {
	switch {
	case oneExam:
		return NearOneStep
	case lapsed:
		return NearRenew
	case versionBelow:
		return NearVersion
	}
	return NearMissing
}

// oneExamFrom is a held credential from which one exam meets a
// requirement: an upgrade exam's source or a met prerequisite, at the
// catalog position cert, directly or through an implication that carries
// the version (same) or not.
type oneExamFrom struct {
	cert           int
	ref            Ref
	same           bool
	minKey, maxKey int64 // versionKey of ref.Min and ref.Max
}

// admits reports whether held credential h is one the entry admits: its
// version (when the implication carries it) within the ref's range,
// compared by version keys where both have one, as meets compares.
func (f *oneExamFrom) admits(h *heldCert) bool {
	if f.ref.Min == "" && f.ref.Max == "" {
		return true
	}
	if !f.same || h.version == "" {
		return false
	}
	if h.vkey >= 0 && (f.ref.Min == "" || f.minKey >= 0) && (f.ref.Max == "" || f.maxKey >= 0) {
		return (f.ref.Min == "" || h.vkey >= f.minKey) && (f.ref.Max == "" || h.vkey <= f.maxKey)
	}
	return f.ref.Admits(h.version)
}

// compileOneExam works out, for each required certification group, the
// credentials one exam away from it: the same exams and prerequisites the
// next steps offer (an upgrade exam open to a holder, or an exam whose
// prerequisite is held), so Away and the next steps agree.
func (p *Plan) compileOneExam() {
	cat := p.s.cat
	p.oneExam = make([][]oneExamFrom, len(p.reqs))
	for i := range p.reqs {
		q := &p.reqs[i]
		if !q.required {
			continue
		}
		var refs []Ref
		for _, id := range q.AnyOf {
			for _, cid := range cat.expand(id) {
				e := cat.entry(cid)
				if e == nil || e.Retired != "" {
					continue
				}
				for _, x := range e.Exams {
					if x.Part || x.Retired || q.MinVersion != "" && (x.Version == "" || CompareVersions(x.Version, q.MinVersion) < 0) {
						continue
					}
					refs = append(refs, x.UpgradeFrom...)
					refs = append(refs, x.Requires...)
				}
			}
		}
		for ci := range cat.certs {
			id := cat.certs[ci].ID
			for _, r := range refs {
				from := oneExamFrom{cert: ci, ref: r, same: true, minKey: versionKey(r.Min), maxKey: versionKey(r.Max)}
				if id == r.ID {
					p.oneExam[i] = append(p.oneExam[i], from)
				}
				for _, im := range cat.implied(id) {
					if im.ID == r.ID {
						from.same = im.SameVersion
						p.oneExam[i] = append(p.oneExam[i], from)
					}
				}
			}
		}
	}
}

// away works out an ineligible profile's distance from eligible, from the
// credit eval gave each certification requirement (best) and the skills
// it found (have).
func (p *Plan) away(pr *Profile, best []float64, have []bool) Away {
	var a Away
	for i := range p.reqs {
		if q := &p.reqs[i]; q.required && best[i] < 1 {
			a.add(p.certNear(i, pr))
		}
	}
	for i, sr := range p.skillReq {
		if sr.required && !have[i] {
			a.add(NearMissing)
		}
	}
	if pr.years < p.role.MinYears {
		a.add(experienceNearness(p.role.MinYears - pr.years))
	}
	return a
}

// certNear is how near the unmet required group i is, from what pr holds.
func (p *Plan) certNear(i int, pr *Profile) Nearness {
	q := &p.reqs[i]
	oneExam, lapsed, below := false, false, false
	for hi := range pr.certs {
		h := &pr.certs[hi]
		for fi := range p.oneExam[i] {
			from := &p.oneExam[i][fi]
			if from.cert == h.cert && from.admits(h) {
				oneExam = true
			}
		}
		hits := p.certHits[h.cert]
		for k := range hits {
			hit := &hits[k]
			if hit.req != i {
				continue
			}
			if !p.meetsVersion(q, h, hit) {
				below = true
			} else {
				lapsed = true // of the line at the version, but not current or recent
			}
		}
	}
	return certNearness(oneExam, lapsed, below)
}
