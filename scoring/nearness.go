package scoring

// Nearness is how far one unmet required item is from met, nearest first.
type Nearness uint8

// Nearness of an unmet required item.
const (
	// NearOneStep: one exam on top of a credential held (an OCA holder
	// for OCP, an upgrade exam from an older version), or less than
	// NearYears of experience short.
	NearOneStep Nearness = iota + 1
	// NearRenew: a credential that would meet it has lapsed (or was not
	// earned recently enough) and needs renewing.
	NearRenew
	// NearVersion: a credential of the line is held at a version below
	// the one asked, or at no known version.
	NearVersion
	// NearMissing: nothing of it is held: a certification, a skill, or
	// NearYears of experience or more.
	NearMissing
)

// NearYears is the experience shortfall below which the item is one step
// away.
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
	if short < NearYears {
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
