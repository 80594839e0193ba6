package scoring

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Result is a candidate's score against a role, explained.
type Result struct {
	CandidateID string      `json:"candidate_id"`
	RoleID      string      `json:"role_id"`
	Score       float64     `json:"score"` // 0..100, the sum of the components' points
	Eligible    bool        `json:"eligible"`
	Components  []Component `json:"components"`
	Missing     []Missing   `json:"missing"`
	NextSteps   []NextStep  `json:"next_steps"`
	// Away is how far an ineligible candidate is from eligible: the
	// unmet required items and how near each is. Zero, and left out of
	// JSON, for an eligible one.
	Away Away `json:"away,omitzero"`
}

// Component is one part of a score.
type Component struct {
	Name     string     `json:"name"`
	Points   float64    `json:"points"`
	Max      float64    `json:"max"`
	Reason   string     `json:"reason"`
	Evidence []Evidence `json:"evidence,omitempty"`
}

// Evidence ties one requirement to what met it, or to why nothing did.
type Evidence struct {
	Requirement string  `json:"requirement"` // "required: ocpjp >= 11"
	Met         bool    `json:"met"`
	Credit      float64 `json:"credit"`            // share of the requirement earned, 0..1
	Held        string  `json:"held,omitempty"`    // the credential as written
	HeldID      string  `json:"held_id,omitempty"` // its canonical id
	// HeldVersion is its version as written ("2021", "3.0"), HeldAxis
	// the same on the line's version axis when that differs ("5.3").
	HeldVersion string `json:"held_version,omitempty"`
	HeldAxis    string `json:"held_axis,omitempty"`
	// Via is the implication path from the held id to the wanted one, as
	// in ["ocewcd", "ocpjp"]; empty when held directly.
	Via    []string `json:"via,omitempty"`
	Detail string   `json:"detail"`
}

// Missing is a requirement a candidate does not meet. Missing required
// ones make the candidate ineligible; missing preferred ones cost points.
type Missing struct {
	Kind        MissingKind `json:"kind"`
	Requirement string      `json:"requirement"`
	Required    bool        `json:"required"`
	Reason      string      `json:"reason"`
}

// MissingKind says what a [Missing] requirement is about.
type MissingKind string

// The kinds of missing requirements.
const (
	MissingCertification MissingKind = "certification" // a certification requirement
	MissingSkill         MissingKind = "skill"         // a required or preferred skill
	MissingExperience    MissingKind = "experience"    // the role's min_years
	// MissingRole: nothing was scored, because the role is invalid
	// (Scorer.Score of a role Compile rejects) or the plan was not made
	// by Compile. Requirement is the role's id and Reason the error; the
	// result's score is 0 and it is not eligible.
	MissingRole MissingKind = "role"
)

// NextStep is what would meet an unmet requirement.
type NextStep struct {
	Requirement string `json:"requirement"`
	// Required reports whether the requirement is a required one (its
	// text starts "required"): the step that can make the candidate
	// eligible. It is not written in JSON, whose readers have the same
	// fact in the requirement's text and in Missing.Required.
	Required bool     `json:"-"`
	CertID   string   `json:"cert_id,omitempty"`
	Version  string   `json:"version,omitempty"`
	Exams    []string `json:"exams,omitempty"`
	// From is the held credential the step builds on (an upgrade path or
	// a met prerequisite).
	From         string   `json:"from,omitempty"`
	Text         string   `json:"text"`
	Alternatives []string `json:"alternatives,omitempty"`
}

// written is held credential h as the candidate wrote it, or "" when the
// profile was built from another candidate that had more credentials.
func written(c *Candidate, h heldCert) string {
	if h.index >= len(c.Certifications) {
		return ""
	}
	return c.Certifications[h.index].Written()
}

type explanation struct {
	cand       *Candidate
	components []Component
	missing    []Missing
	next       []NextStep
}

// Label is a catalog entry's short name ("OCPJP"), or its name when it
// has none; an unknown id is returned as it is.
func (c *Catalog) Label(id string) string {
	e := c.entry(id)
	switch {
	case e == nil:
		return id
	case e.Label != "":
		return e.Label
	}
	return e.Name
}

func (ex *explanation) certs(p *Plan, pr *Profile, best []float64, who []int, hits []certHit, points, maximum float64) {
	cat := p.s.cat
	comp := Component{Name: CompCertifications, Points: points, Max: maximum, Evidence: make([]Evidence, 0, len(p.reqs))}
	if ex.missing == nil {
		ex.missing = make([]Missing, 0, len(p.reqs)+len(p.skillReq)+1)
		ex.next = make([]NextStep, 0, len(p.reqs)+len(p.skillReq)+1)
	}
	met := 0
	for i := range p.reqs {
		q := &p.reqs[i]
		ev := Evidence{Requirement: q.text, Credit: best[i], Met: best[i] >= 1}
		if who[i] >= 0 {
			h := pr.certs[who[i]]
			ev.Held = written(ex.cand, h)
			ev.HeldID, ev.HeldVersion = h.id, p.writtenVersion(ex.cand, &h)
			if h.version != "" && CompareVersions(ev.HeldVersion, h.version) != 0 {
				ev.HeldAxis = h.version
			}
			// A copy: the plan keeps the path for every candidate it explains.
			ev.Via = slices.Clone(hits[i].via)
			// One buffer, one string: "\"SCJP 6\" (OCPJP 6) meets it: held directly".
			var b [160]byte
			buf := strconv.AppendQuote(b[:0], ev.Held)
			buf = append(buf, " ("...)
			buf = append(buf, cat.Label(h.id)...)
			shown := p.shownVersion(h.id, ev.HeldVersion, h.version)
			if shown != "" {
				buf = append(buf, ' ')
				buf = append(buf, shown...)
			}
			buf = append(buf, ')')
			if ev.Met {
				met++
				buf = append(buf, " meets it: "...)
				buf = append(buf, hits[i].how...)
			} else {
				buf = append(buf, " is of the line but "...)
				buf = append(buf, p.failure(q, &h, hits[i], shown)...)
				buf = append(buf, partialNote...)
			}
			ev.Detail = string(buf)
		} else {
			ev.Detail = q.noneHeld
		}
		comp.Evidence = append(comp.Evidence, ev)
		if !ev.Met {
			reason := ev.Detail
			if who[i] < 0 {
				reason = q.holdsNo
			}
			ex.missing = append(ex.missing, Missing{Kind: MissingCertification, Requirement: q.text, Required: q.required, Reason: reason})
			step := p.gap(i, pr, ex.cand)
			if who[i] >= 0 && q.Current {
				// A lapsed credential: say so before what would renew it.
				if h := pr.certs[who[i]]; h.validUntil != unknownDay && h.validUntil < p.nowDay {
					step.Text = cat.Label(h.id) + " lapsed " + dayString(h.validUntil) + "; " + step.Text
				}
			}
			ex.next = append(ex.next, step)
		}
	}
	comp.Reason = "meets " + strconv.Itoa(met) + " of " + strconv.Itoa(len(p.reqs)) + " certification requirements" + certWeightNote
	ex.components = append(ex.components, comp)
}

// writtenVersion is h's version as the candidate wrote it (see
// WrittenVersion), or its axis version when the record gives none.
func (p *Plan) writtenVersion(c *Candidate, h *heldCert) string {
	if h.index >= len(c.Certifications) {
		return h.version
	}
	cr := &c.Certifications[h.index]
	written := cr.Version
	if written == "" && cr.ID == "" {
		if res, ok := p.s.cat.Normalize(cr.Name); ok {
			written = res.Version
		}
	}
	if e := p.s.cat.entry(h.id); e != nil {
		written = WrittenVersion(written, e.Versioning)
	}
	if written == "" {
		return h.version
	}
	return written
}

// shownVersion writes a held version for explanations: as written, with
// the axis version beside it where the two differ: "2021 (Spring 5.3)".
func (p *Plan) shownVersion(id, written, axis string) string {
	if written == axis {
		return axis
	}
	if v := p.s.cat.ShowVersion(id, written); v != "" {
		return v
	}
	return axis
}

// failure says why held credential h, whose version explanations show as
// shown, does not meet q.
func (p *Plan) failure(q *planReq, h *heldCert, hit certHit, shown string) string {
	var why []string
	if q.MinVersion != "" {
		v := ""
		if hit.same {
			v = h.version
		}
		switch {
		case !hit.same:
			why = append(why, fmt.Sprintf("its version of %s is unknown (needs %s or later)", q.AnyOf[0], hit.minShown))
		case v == "" && shown != "":
			why = append(why, fmt.Sprintf("version %s is not one the catalog places (needs %s or later)", shown, hit.minShown))
		case !versionAtLeast(v, hit.min) && v == "":
			why = append(why, fmt.Sprintf("no version given (needs %s or later)", hit.minShown))
		case !versionAtLeast(v, hit.min):
			why = append(why, fmt.Sprintf("version %s is below %s", shown, hit.minShown))
		}
	}
	if (q.Current || q.WithinYears > 0) && p.issuedLater(h) {
		why = append(why, "it is dated "+dayString(h.issuedFirst)+", after today ("+dayString(p.nowDay)+"), so it is neither current nor recent")
	}
	if q.Current && h.validUntil < p.nowDay {
		if h.validUntil == unknownDay {
			why = append(why, "it expires and no issue or expiry date is given")
		} else {
			why = append(why, "it expired "+dayString(h.validUntil))
		}
	}
	if q.WithinYears > 0 && (h.issuedLast == unknownDay || h.issuedLast < q.cutoff) {
		if h.issuedLast == unknownDay {
			why = append(why, "no issue date is given")
		} else {
			why = append(why, fmt.Sprintf("it was not earned within %g years", q.WithinYears))
		}
	}
	return strings.Join(why, " and ")
}

func dayString(d int32) string {
	return time.Unix(int64(d)*86400, 0).UTC().Format("2006-01-02")
}

func (ex *explanation) skills(p *Plan, have []bool, points, maximum float64) {
	got, miss := make([]string, 0, len(p.skillReq)), make([]string, 0, len(p.skillReq))
	for i, sr := range p.skillReq {
		if have[i] {
			got = append(got, sr.name)
			continue
		}
		miss = append(miss, sr.name)
		req := p.skillText[i]
		ex.missing = append(ex.missing, Missing{Kind: MissingSkill, Requirement: req, Required: sr.required, Reason: "not among the candidate's skills"})
		if sr.required {
			ex.next = append(ex.next, NextStep{Requirement: req, Required: true, Text: "evidence of " + sr.name + " (a listed skill or project)"})
		}
	}
	reason := "has " + strconv.Itoa(len(got)) + " of " + strconv.Itoa(len(p.skillReq)) + " skills" + skillWeightNote
	if len(got) > 0 {
		reason += ": " + strings.Join(got, ", ")
	}
	if len(miss) > 0 {
		reason += "; lacks " + strings.Join(miss, ", ")
	}
	ex.components = append(ex.components, Component{Name: CompSkills, Points: points, Max: maximum, Reason: reason})
}

func (ex *explanation) experience(p *Plan, pr *Profile, points, maximum float64) {
	// One buffer, one string: this runs for every explained result.
	var b [96]byte
	buf := strconv.AppendFloat(b[:0], pr.years, 'g', -1, 64)
	n := len(buf)
	buf = append(buf, " years: credit "...)
	buf = append(buf, buf[:n]...)
	buf = append(buf, "/("...)
	buf = append(buf, buf[:n]...)
	buf = append(buf, '+')
	buf = strconv.AppendFloat(buf, p.half, 'g', -1, 64)
	buf = append(buf, ") = "...)
	buf = strconv.AppendFloat(buf, 100*pr.years/(pr.years+p.half), 'f', 0, 64)
	buf = append(buf, '%')
	if p.role.MinYears > 0 {
		buf = append(buf, "; role asks at least "...)
		buf = strconv.AppendFloat(buf, p.role.MinYears, 'g', -1, 64)
	}
	reason := string(buf)
	ex.components = append(ex.components, Component{Name: CompExperience, Points: points, Max: maximum, Reason: reason})
	if pr.years < p.role.MinYears {
		req := fmt.Sprintf("experience: %g years", p.role.MinYears)
		ex.missing = append(ex.missing, Missing{Kind: MissingExperience, Requirement: req, Required: true, Reason: "has " + forPeople(pr.years) + " years"})
		more := forPeople(p.role.MinYears - pr.years)
		unit := "years"
		if more == "1" {
			unit = "year"
		}
		ex.next = append(ex.next, NextStep{Requirement: req, Required: true, Text: more + " more " + unit + " of experience"})
	}
}

func (ex *explanation) location(p *Plan, pr *Profile, m placeMatch, points, maximum float64) {
	reason := p.where.reason(&pr.place, m)
	ex.components = append(ex.components, Component{Name: CompLocation, Points: points, Max: maximum, Reason: reason})
}

func (ex *explanation) compensation(p *Plan, pr *Profile, credit, points, maximum float64) {
	reason := p.pay.reason(&pr.pay, credit)
	ex.components = append(ex.components, Component{Name: CompCompensation, Points: points, Max: maximum, Reason: reason})
}

// partialNote ends the detail of a credential that earns partial credit.
var partialNote = fmt.Sprintf(": %.0f%% credit", PartialCredit*100)

// certWeightNote says how requirements weigh, for the certifications
// component's reason.
var certWeightNote = fmt.Sprintf(" (required weigh %g, preferred %g unless set)", DefaultRequiredWeight, DefaultPreferredWeight)

// skillWeightNote says how skills weigh, for the skills component's reason.
var skillWeightNote = fmt.Sprintf(" (required weigh %g, preferred %g)", RequiredSkillWeight, PreferredSkillWeight)

// percent formats a share as a whole percentage: "55%".
func percent(f float64) string { return strconv.FormatFloat(f*100, 'f', 0, 64) + "%" }

// option is one way to meet a requirement.
type option struct {
	cert    string
	version string
	exams   []string
	from    int // the held credential used (a profile index), or -1
	text    []part
}

// part is a piece of a memoised next step's text: literal text, or the
// name as written of one of the profile's held credentials, which differs
// from candidate to candidate holding the same ids and versions.
type part struct {
	text string
	held int // index in the profile's credentials, or -1 for literal text
}

func literal(s string) part { return part{text: s, held: -1} }

// stepTemplate is a next step worked out once for a requirement and the
// ids and versions held; the held credentials' names are filled in per
// candidate.
type stepTemplate struct {
	step NextStep // Requirement, Required, CertID, Version and Exams
	text []part
	from int // the held credential the step builds on, or -1
	alts [][]part
}

// fill makes the template's step for one candidate. The step shares no
// slice with the template, which serves every candidate of the plan.
func (t *stepTemplate) fill(pr *Profile, c *Candidate) NextStep {
	name := func(held int) string {
		if held < 0 || held >= len(pr.certs) {
			return ""
		}
		return written(c, pr.certs[held])
	}
	join := func(parts []part) string {
		if len(parts) == 1 && parts[0].held < 0 {
			return parts[0].text
		}
		var b strings.Builder
		for _, pt := range parts {
			if pt.held < 0 {
				b.WriteString(pt.text)
			} else {
				b.WriteString(name(pt.held))
			}
		}
		return b.String()
	}
	step := t.step
	step.Exams = slices.Clone(step.Exams)
	step.Text = join(t.text)
	step.From = name(t.from)
	if len(t.alts) > 0 {
		step.Alternatives = make([]string, len(t.alts))
		for i, a := range t.alts {
			step.Alternatives[i] = join(a)
		}
	}
	return step
}

// gap finds the next certification(s) that would meet q, aware of what the
// candidate holds: upgrade exams open to a holder, prerequisites already
// met or still to earn, and retired exams that can no longer be taken.
func (p *Plan) gap(qi int, pr *Profile, c *Candidate) NextStep {
	// The step depends only on the requirement and the ids and versions
	// held, so it is worked out once per combination and filled in per
	// candidate.
	var key strings.Builder
	key.WriteString(strconv.Itoa(qi))
	for _, h := range pr.certs {
		key.WriteByte('|')
		key.WriteString(h.id)
		key.WriteByte('@')
		key.WriteString(h.version)
	}
	p.gapMu.Lock()
	t, ok := p.gapMemo[key.String()]
	p.gapMu.Unlock()
	if !ok {
		t = p.gapSteps(&p.reqs[qi], pr)
		p.gapMu.Lock()
		if len(p.gapMemo) >= gapMemoSize {
			clear(p.gapMemo)
		}
		p.gapMemo[key.String()] = t
		p.gapMu.Unlock()
	}
	return t.fill(pr, c)
}

// gapMemoSize bounds a plan's memory of worked-out next steps.
const gapMemoSize = 4096

func (p *Plan) gapSteps(q *planReq, pr *Profile) *stepTemplate {
	cat := p.s.cat
	holds := func(r Ref) (int, bool) {
		for i, h := range pr.certs {
			if h.id == r.ID && r.Admits(h.version) {
				return i, true
			}
			for _, im := range cat.implied(h.id) {
				v := ""
				if im.SameVersion {
					v = h.version
				}
				if im.ID == r.ID && r.Admits(v) {
					return i, true
				}
			}
		}
		return -1, false
	}
	holdsAny := func(refs []Ref) int {
		for _, r := range refs {
			if i, ok := holds(r); ok {
				return i
			}
		}
		return -1
	}
	var opts []option
	var retired, noExam []string
	for _, id := range q.AnyOf {
		for _, cid := range cat.expand(id) {
			e := cat.entry(cid)
			label := cat.Label(cid)
			if e.Retired != "" {
				retired = append(retired, label)
				continue
			}
			found := false
			for _, x := range e.Exams {
				if x.Part || x.Retired {
					continue
				}
				if q.MinVersion != "" {
					// Compared on the line's axis: exam and role may write
					// a title year or the version it covers.
					xv, _ := e.axisVersion(x.Version)
					mv, _ := e.axisVersion(q.MinVersion)
					if xv == "" || mv == "" || CompareVersions(xv, mv) < 0 {
						continue
					}
				}
				target := strings.TrimSpace(label + " " + x.Version)
				o := option{cert: cid, version: x.Version, from: -1}
				switch {
				case len(x.UpgradeFrom) > 0:
					from := holdsAny(x.UpgradeFrom)
					if from < 0 {
						continue
					}
					o.exams, o.from = []string{x.Code}, from
					o.text = []part{literal("holds \""), {held: from}, literal(fmt.Sprintf("\": upgrade exam %s for %s", x.Code, target))}
				case len(x.Requires) > 0:
					if from := holdsAny(x.Requires); from >= 0 {
						o.exams, o.from = []string{x.Code}, from
						o.text = []part{literal("holds \""), {held: from}, literal(fmt.Sprintf("\": one exam, %s, for %s", x.Code, target))}
						break
					}
					pre, ok := p.firstExam(x.Requires[0])
					if !ok {
						continue
					}
					o.exams = []string{pre.Code, x.Code}
					o.text = []part{literal(fmt.Sprintf("two exams: %s for %s %s, then %s for %s", pre.Code, cat.Label(x.Requires[0].ID), pre.Version, x.Code, target))}
				default:
					o.exams = []string{x.Code}
					o.text = []part{literal(fmt.Sprintf("one exam, %s, for %s", x.Code, target))}
				}
				found = true
				opts = append(opts, o)
			}
			switch {
			case !found && (len(e.Exams) == 0 || allRetired(e.Exams)):
				opts = append(opts, option{cert: cid, version: q.MinVersion, from: -1, text: []part{literal("earn " + e.Name)}})
			case !found:
				noExam = append(noExam, label)
			}
		}
	}
	t := &stepTemplate{step: NextStep{Requirement: q.text, Required: q.required}, from: -1}
	if len(opts) == 0 {
		var why []string
		if len(retired) > 0 {
			why = append(why, strings.Join(retired, ", ")+" retired: no exam can be taken now")
		}
		if len(noExam) > 0 {
			// The catalog's exams all cover an older version than asked
			// ("Spring Professional >= 6" while 2V0-72.22 covers 5.3).
			why = append(why, fmt.Sprintf("no exam the catalog lists for %s grants %s or later", strings.Join(noExam, ", "), q.MinVersion))
		}
		t.text = []part{literal(strings.Join(why, "; ") + "; only existing holders meet this requirement")}
		return t
	}
	slices.SortStableFunc(opts, func(a, b option) int {
		if d := len(a.exams) - len(b.exams); d != 0 && len(a.exams) > 0 && len(b.exams) > 0 {
			return d
		}
		if (a.from >= 0) != (b.from >= 0) {
			if a.from >= 0 {
				return -1
			}
			return 1
		}
		if (len(a.exams) > 0) != (len(b.exams) > 0) {
			if len(a.exams) > 0 {
				return -1
			}
			return 1
		}
		return -CompareVersions(a.version, b.version)
	})
	o := opts[0]
	t.step.CertID, t.step.Version, t.step.Exams = o.cert, o.version, o.exams
	t.text, t.from = o.text, o.from
	for _, alt := range opts[1:min(len(opts), 3)] {
		t.alts = append(t.alts, alt.text)
	}
	return t
}

// firstExam is the newest exam, not retired, that grants a version r
// admits.
func (p *Plan) firstExam(r Ref) (Exam, bool) {
	e := p.s.cat.entry(r.ID)
	var best Exam
	ok := false
	for _, x := range e.Exams {
		if x.Part || x.Retired || len(x.UpgradeFrom) > 0 || !r.Admits(x.Version) {
			continue
		}
		if !ok || CompareVersions(x.Version, best.Version) > 0 {
			best, ok = x, true
		}
	}
	return best, ok
}

func allRetired(xs []Exam) bool {
	for _, x := range xs {
		if !x.Retired {
			return false
		}
	}
	return true
}
