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
	HeldVersion string  `json:"held_version,omitempty"`
	// Via is the implication path from the held id to the wanted one, as
	// in ["ocewcd", "ocpjp"]; empty when held directly.
	Via    []string `json:"via,omitempty"`
	Detail string   `json:"detail"`
}

// Missing is a requirement a candidate does not meet. Missing required
// ones make the candidate ineligible; missing preferred ones cost points.
type Missing struct {
	Kind        string `json:"kind"` // certification, skill, experience
	Requirement string `json:"requirement"`
	Required    bool   `json:"required"`
	Reason      string `json:"reason"`
}

// NextStep is what would meet an unmet requirement.
type NextStep struct {
	Requirement string   `json:"requirement"`
	CertID      string   `json:"cert_id,omitempty"`
	Version     string   `json:"version,omitempty"`
	Exams       []string `json:"exams,omitempty"`
	// From is the held credential the step builds on (an upgrade path or
	// a met prerequisite).
	From         string   `json:"from,omitempty"`
	Text         string   `json:"text"`
	Alternatives []string `json:"alternatives,omitempty"`
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
			h := pr.Certs[who[i]]
			ev.Held = ex.cand.Certifications[h.Index].Written()
			ev.HeldID, ev.HeldVersion = h.ID, h.Version
			ev.Via = hits[i].via
			// One buffer, one string: "\"SCJP 6\" (OCPJP 6) meets it: held directly".
			var b [160]byte
			buf := strconv.AppendQuote(b[:0], ev.Held)
			buf = append(buf, " ("...)
			buf = append(buf, cat.Label(h.ID)...)
			if h.Version != "" {
				buf = append(buf, ' ')
				buf = append(buf, h.Version...)
			}
			buf = append(buf, ')')
			if ev.Met {
				met++
				buf = append(buf, " meets it: "...)
				buf = append(buf, hits[i].how...)
			} else {
				buf = append(buf, " is of the line but "...)
				buf = append(buf, p.failure(q, &h, hits[i])...)
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
			ex.missing = append(ex.missing, Missing{Kind: "certification", Requirement: q.text, Required: q.required, Reason: reason})
			step := p.gap(i, pr, ex.cand)
			if who[i] >= 0 && q.Current {
				// A lapsed credential: say so before what would renew it.
				if h := pr.Certs[who[i]]; h.ValidUntil != unknownDay && h.ValidUntil < p.nowDay {
					step.Text = cat.Label(h.ID) + " lapsed " + dayString(h.ValidUntil) + "; " + step.Text
				}
			}
			ex.next = append(ex.next, step)
		}
	}
	comp.Reason = "meets " + strconv.Itoa(met) + " of " + strconv.Itoa(len(p.reqs)) + " certification requirements" + certWeightNote
	ex.components = append(ex.components, comp)
}

// failure says why held credential h does not meet q.
func (p *Plan) failure(q *planReq, h *HeldCert, hit certHit) string {
	var why []string
	if q.MinVersion != "" {
		v := ""
		if hit.same {
			v = h.Version
		}
		switch {
		case !hit.same:
			why = append(why, fmt.Sprintf("its version of %s is unknown (needs %s or later)", q.AnyOf[0], q.MinVersion))
		case !versionAtLeast(v, q.MinVersion) && v == "":
			why = append(why, fmt.Sprintf("no version given (needs %s or later)", q.MinVersion))
		case !versionAtLeast(v, q.MinVersion):
			why = append(why, fmt.Sprintf("version %s is below %s", v, q.MinVersion))
		}
	}
	if q.Current && h.ValidUntil < p.nowDay {
		if h.ValidUntil == unknownDay {
			why = append(why, "it expires and no issue or expiry date is given")
		} else {
			why = append(why, "it expired "+dayString(h.ValidUntil))
		}
	}
	if q.WithinYears > 0 && (h.IssuedLast == unknownDay || h.IssuedLast < q.cutoff) {
		if h.IssuedLast == unknownDay {
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
			got = append(got, ex.skillHeld(sr.name))
			continue
		}
		miss = append(miss, sr.name)
		req := p.skillText[i]
		ex.missing = append(ex.missing, Missing{Kind: "skill", Requirement: req, Required: sr.required, Reason: "not among the candidate's skills"})
		if sr.required {
			ex.next = append(ex.next, NextStep{Requirement: req, Text: "evidence of " + sr.name + " (a listed skill or project)"})
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

// skillHeld is a met skill as the skills component names it: the role's
// name, and where the candidate's resume showed it when it was found in
// prose rather than listed ("kafka (work highlight at Senior Developer,
// Acme, 2019-2022)").
func (ex *explanation) skillHeld(name string) string {
	if ex.cand == nil || len(ex.cand.SkillSources) == 0 {
		return name
	}
	key := SkillKey(name)
	for _, src := range ex.cand.SkillSources {
		if SkillKey(src.Skill) == key && src.Source != "" {
			return name + " (" + src.Source + ")"
		}
	}
	return name
}

func (ex *explanation) experience(p *Plan, pr *Profile, points, maximum float64) {
	// One buffer, one string: this runs for every explained result.
	var b [96]byte
	buf := strconv.AppendFloat(b[:0], pr.Years, 'g', -1, 64)
	n := len(buf)
	buf = append(buf, " years: credit "...)
	buf = append(buf, buf[:n]...)
	buf = append(buf, "/("...)
	buf = append(buf, buf[:n]...)
	buf = append(buf, '+')
	buf = strconv.AppendFloat(buf, p.half, 'g', -1, 64)
	buf = append(buf, ") = "...)
	buf = strconv.AppendFloat(buf, 100*pr.Years/(pr.Years+p.half), 'f', 0, 64)
	buf = append(buf, '%')
	if p.role.MinYears > 0 {
		buf = append(buf, "; role asks at least "...)
		buf = strconv.AppendFloat(buf, p.role.MinYears, 'g', -1, 64)
	}
	reason := string(buf)
	ex.components = append(ex.components, Component{Name: CompExperience, Points: points, Max: maximum, Reason: reason})
	if pr.Years < p.role.MinYears {
		req := fmt.Sprintf("experience: %g years", p.role.MinYears)
		ex.missing = append(ex.missing, Missing{Kind: "experience", Requirement: req, Required: true, Reason: fmt.Sprintf("has %g years", pr.Years)})
		more := p.role.MinYears - pr.Years
		unit := "years"
		if more == 1 {
			unit = "year"
		}
		ex.next = append(ex.next, NextStep{Requirement: req, Text: fmt.Sprintf("%g more %s of experience", more, unit)})
	}
}

func (ex *explanation) location(p *Plan, pr *Profile, points, maximum float64) {
	credit := p.locationCredit(pr.Location)
	where := p.role.Location
	if p.role.Remote {
		where = strings.TrimPrefix(where+" or remote", " or ")
	}
	reason := ex.cand.Location + " against " + where + ": " + percent(credit)
	ex.components = append(ex.components, Component{Name: CompLocation, Points: points, Max: maximum, Reason: reason})
}

func (ex *explanation) compensation(p *Plan, pr *Profile, points, maximum float64) {
	credit := compensationCredit(pr.Salary, p.role.SalaryMax)
	reason := "desires " + strconv.FormatFloat(pr.Salary, 'f', 0, 64) + " against a maximum of " + strconv.FormatFloat(p.role.SalaryMax, 'f', 0, 64) + ": " + percent(credit)
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
	from    string // held credential used
	text    string
}

// gap finds the next certification(s) that would meet q, aware of what the
// candidate holds: upgrade exams open to a holder, prerequisites already
// met or still to earn, and retired exams that can no longer be taken.
func (p *Plan) gap(qi int, pr *Profile, c *Candidate) NextStep {
	// The step depends only on the requirement and the ids and versions
	// held, so it is worked out once per combination, with a placeholder
	// for each held credential's name, and filled in per candidate.
	var key strings.Builder
	key.WriteString(strconv.Itoa(qi))
	for _, h := range pr.Certs {
		key.WriteByte('|')
		key.WriteString(h.ID)
		key.WriteByte('@')
		key.WriteString(h.Version)
	}
	p.gapMu.Lock()
	step, ok := p.gapMemo[key.String()]
	p.gapMu.Unlock()
	if !ok {
		step = p.gapSteps(&p.reqs[qi], pr)
		p.gapMu.Lock()
		if len(p.gapMemo) >= gapMemoSize {
			clear(p.gapMemo)
		}
		p.gapMemo[key.String()] = step
		p.gapMu.Unlock()
	}
	if !strings.Contains(step.Text, heldMark) && !strings.Contains(step.From, heldMark) &&
		!slices.ContainsFunc(step.Alternatives, func(a string) bool { return strings.Contains(a, heldMark) }) {
		return step
	}
	// One forward pass over the memoised text: a name put in is never
	// scanned again, whatever it contains.
	fill := func(s string) string {
		var b strings.Builder
		for {
			i := strings.Index(s, heldMark)
			if i < 0 {
				b.WriteString(s)
				return b.String()
			}
			j := strings.Index(s[i+1:], heldMark)
			n, err := strconv.Atoi(s[i+1 : i+1+max(j, 0)])
			if j < 0 || err != nil || n < 0 || n >= len(pr.Certs) {
				b.WriteString(s)
				return b.String()
			}
			b.WriteString(s[:i])
			b.WriteString(c.Certifications[pr.Certs[n].Index].Written())
			s = s[i+1+j+1:]
		}
	}
	step.Text, step.From = fill(step.Text), fill(step.From)
	step.Alternatives = slices.Clone(step.Alternatives)
	for i, a := range step.Alternatives {
		step.Alternatives[i] = fill(a)
	}
	return step
}

// heldMark brackets the position of a held credential in a memoised next
// step, to be replaced by its name as written.
const heldMark = "\x00"

// gapMemoSize bounds a plan's memory of worked-out next steps.
const gapMemoSize = 4096

func (p *Plan) gapSteps(q *planReq, pr *Profile) NextStep {
	cat := p.s.cat
	holds := func(r Ref) (string, bool) {
		for i, h := range pr.Certs {
			mark := heldMark + strconv.Itoa(i) + heldMark
			if h.ID == r.ID && r.Admits(h.Version) {
				return mark, true
			}
			for _, im := range cat.Implies(h.ID) {
				v := ""
				if im.SameVersion {
					v = h.Version
				}
				if im.ID == r.ID && r.Admits(v) {
					return mark, true
				}
			}
		}
		return "", false
	}
	holdsAny := func(refs []Ref) string {
		for _, r := range refs {
			if w, ok := holds(r); ok {
				return w
			}
		}
		return ""
	}
	var opts []option
	var retired []string
	for _, id := range q.AnyOf {
		for _, cid := range cat.Expand(id) {
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
				if q.MinVersion != "" && (x.Version == "" || CompareVersions(x.Version, q.MinVersion) < 0) {
					continue
				}
				target := strings.TrimSpace(label + " " + x.Version)
				o := option{cert: cid, version: x.Version}
				switch {
				case len(x.UpgradeFrom) > 0:
					from := holdsAny(x.UpgradeFrom)
					if from == "" {
						continue
					}
					o.exams, o.from = []string{x.Code}, from
					o.text = fmt.Sprintf("holds \"%s\": upgrade exam %s for %s", from, x.Code, target)
				case len(x.Requires) > 0:
					if from := holdsAny(x.Requires); from != "" {
						o.exams, o.from = []string{x.Code}, from
						o.text = fmt.Sprintf("holds \"%s\": one exam, %s, for %s", from, x.Code, target)
						break
					}
					pre, ok := p.firstExam(x.Requires[0])
					if !ok {
						continue
					}
					o.exams = []string{pre.Code, x.Code}
					o.text = fmt.Sprintf("two exams: %s for %s %s, then %s for %s", pre.Code, cat.Label(x.Requires[0].ID), pre.Version, x.Code, target)
				default:
					o.exams = []string{x.Code}
					o.text = fmt.Sprintf("one exam, %s, for %s", x.Code, target)
				}
				found = true
				opts = append(opts, o)
			}
			if !found && (len(e.Exams) == 0 || allRetired(e.Exams)) {
				opts = append(opts, option{cert: cid, version: q.MinVersion, text: "earn " + e.Name})
			}
		}
	}
	step := NextStep{Requirement: q.text}
	if len(opts) == 0 {
		step.Text = fmt.Sprintf("%s retired: no exam can be taken now; only existing holders meet this requirement", strings.Join(retired, ", "))
		return step
	}
	slices.SortStableFunc(opts, func(a, b option) int {
		if d := len(a.exams) - len(b.exams); d != 0 && len(a.exams) > 0 && len(b.exams) > 0 {
			return d
		}
		if (a.from != "") != (b.from != "") {
			if a.from != "" {
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
	step.CertID, step.Version, step.Exams, step.From, step.Text = o.cert, o.version, o.exams, o.from, o.text
	for _, alt := range opts[1:min(len(opts), 3)] {
		step.Alternatives = append(step.Alternatives, alt.text)
	}
	return step
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
