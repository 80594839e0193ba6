package input

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/certmatch/certmatch/internal/linkedin"
	"github.com/certmatch/certmatch/internal/peopledate"
	"github.com/certmatch/certmatch/scoring"
)

// fieldNote is a field read leniently, for the import report: the field
// (a JSON path, or an export file, line and column) and what was wrong,
// never the value of a personal field.
type fieldNote struct {
	field string
	err   error
}

// linkedinCandidate maps a LinkedIn export to a candidate without an id
// (see the package doc for the rules).
func linkedinCandidate(exp linkedin.Export, find proseFinder, now time.Time) (docResult, []fieldNote) {
	var r docResult
	var notes []fieldNote
	for _, w := range exp.Warnings {
		field := string(w.File)
		if w.Line > 0 {
			field += " line " + strconv.Itoa(w.Line)
		}
		if w.Field != "" {
			field += ": " + w.Field
		}
		notes = append(notes, fieldNote{field: field, err: w.Err})
	}
	c := &r.cand
	p := exp.Profile
	c.Name = strings.TrimSpace(p.FirstName + " " + p.LastName)
	if len(exp.Emails) > 0 {
		c.Email = exp.Emails[0]
	}
	c.Location = p.GeoLocation
	c.Summary = joinNonEmpty(": ", p.Headline, p.Summary)

	skills := newSkillSet(c)
	for _, s := range exp.Skills {
		for _, part := range scoring.SplitSkill(s) {
			skills.add(part)
		}
	}
	skills.prose(find, p.Headline, at("headline"))
	skills.prose(find, p.Summary, at("summary"))
	for _, pos := range exp.Positions {
		skills.prose(find, pos.Description, workSource("work highlight at", joinNonEmpty(", ", pos.Title, pos.Company), pos.Started, pos.Finished))
	}
	for _, pr := range exp.Projects {
		skills.prose(find, pr.Description, workSource("project", pr.Title, pr.Started, pr.Finished))
	}
	r.sources = skills.sources

	for _, ce := range exp.Certifications {
		cr := scoring.Credential{Name: ce.Name, Issuer: ce.Authority, URL: ce.URL, CredentialID: ce.License,
			Date: ce.Started.Date, Expires: ce.Finished.Date}
		if !cr.Expires.IsZero() && !cr.Date.IsZero() && cr.Expires.Last().Before(cr.Date.First()) {
			notes = append(notes, fieldNote{
				field: fmt.Sprintf("%s line %d: Finished On", linkedin.FileCertifications, ce.Line),
				err:   fmt.Errorf("expires %s, before it was issued %s: no expiry read", cr.Expires, cr.Date),
			})
			cr.Expires = scoring.Date{}
		}
		c.Certifications = append(c.Certifications, cr)
	}

	ps := make([]period, 0, len(exp.Positions))
	for _, pos := range exp.Positions {
		ps = append(ps, period{start: pos.Started, end: pos.Finished})
	}
	c.YearsExperience = periodYears(ps, now)
	return r, notes
}

// skillSet gathers a candidate's skills in order, each once by SkillKey,
// noting where those found in prose came from.
type skillSet struct {
	c       *scoring.Candidate
	seen    map[string]bool
	sources []skillSource
}

func newSkillSet(c *scoring.Candidate) *skillSet {
	s := &skillSet{c: c, seen: map[string]bool{}}
	for _, sk := range c.Skills {
		s.seen[scoring.SkillKey(sk)] = true
	}
	return s
}

// add adds a listed skill.
func (s *skillSet) add(skill string) { s.addFrom(skill, source{}) }

// addFrom adds a skill found at src (the zero source for a listed one).
func (s *skillSet) addFrom(skill string, src source) {
	skill = strings.TrimSpace(skill)
	k := scoring.SkillKey(skill)
	if k == "" || s.seen[k] {
		return
	}
	s.seen[k] = true
	s.c.Skills = append(s.c.Skills, skill)
	if text := src.String(); text != "" {
		s.sources = append(s.sources, skillSource{skill: skill, source: text})
	}
}

// prose adds the skills find names in text, found at src.
func (s *skillSet) prose(find proseFinder, text string, src source) {
	if strings.TrimSpace(text) == "" {
		return
	}
	for _, sk := range find.skills(text) {
		s.addFrom(sk, src)
	}
}

// source is where a skill was found, written out only when a skill is:
// "work highlight at Senior Java Developer, Acme, 2019-2022" (what, the
// entry, its years: one when it starts and ends in the same year,
// "present" for an ongoing end), or a place alone ("summary").
type source struct {
	what       string
	entry      string
	start, end peopledate.Value
}

// at is a source without an entry or dates.
func at(what string) source { return source{what: what} }

// workSource is the source of a skill found in a dated entry.
func workSource(what, entry string, start, end peopledate.Value) source {
	return source{what: what, entry: entry, start: start, end: end}
}

func (s source) String() string {
	out := s.what
	if s.entry != "" {
		out += " " + s.entry
	}
	if s.start.Date.IsZero() {
		return out
	}
	span := strconv.Itoa(s.start.Date.Year)
	switch {
	case s.end.Ongoing || s.end.Date.IsZero():
		span += "-present"
	case s.end.Date.Year != s.start.Date.Year:
		span += "-" + strconv.Itoa(s.end.Date.Year)
	}
	return out + ", " + span
}
