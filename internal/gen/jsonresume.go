package gen

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/certmatch/certmatch/scoring"
)

// Resume is the part of a JSON Resume document (https://jsonresume.org)
// that ResumeOf fills.
type Resume struct {
	Basics       ResumeBasics   `json:"basics"`
	Skills       []ResumeSkill  `json:"skills,omitempty"`
	Certificates []ResumeCert   `json:"certificates,omitempty"`
	Work         []ResumeWork   `json:"work,omitempty"`
	Meta         map[string]any `json:"meta,omitempty"`
}

// ResumeBasics is a JSON Resume's basics section.
type ResumeBasics struct {
	Name     string         `json:"name"`
	Label    string         `json:"label,omitempty"`
	Email    string         `json:"email,omitempty"`
	Summary  string         `json:"summary,omitempty"`
	Location ResumeLocation `json:"location"`
}

// ResumeLocation is a JSON Resume location.
type ResumeLocation struct {
	City   string `json:"city,omitempty"`
	Region string `json:"region,omitempty"`
}

// ResumeSkill is one entry of a JSON Resume's skills section.
type ResumeSkill struct {
	Name     string   `json:"name"`
	Keywords []string `json:"keywords,omitempty"`
}

// ResumeCert is one entry of a JSON Resume's certificates section.
type ResumeCert struct {
	Name   string `json:"name"`
	Date   string `json:"date,omitempty"`
	Issuer string `json:"issuer,omitempty"`
}

// ResumeWork is one entry of a JSON Resume's work section.
type ResumeWork struct {
	Name       string   `json:"name"`
	Position   string   `json:"position"`
	StartDate  string   `json:"startDate"`
	EndDate    string   `json:"endDate,omitempty"`
	Highlights []string `json:"highlights,omitempty"`
}

// ResumeOf writes a generated candidate as the JSON Resume a person would
// write: basics from the name, e-mail, location and summary; the first
// skill as a skill's name and the rest as its keywords; certificates by
// name ("OCPJP 11" for one given by id), dated as the person writes dates
// ("Mar 2021", "2021-03"); and two positions whose union is the
// candidate's years of experience to the month, the later one ending
// "Present" or with no end, each with a highlight naming a skill. Nothing
// of it is random: the same candidate gives the same resume.
func ResumeOf(c scoring.Candidate, now time.Time) Resume {
	var r Resume
	r.Basics = ResumeBasics{Name: c.Name, Email: c.Email, Summary: c.Summary}
	if city, region, ok := strings.Cut(c.Location, ", "); ok {
		r.Basics.Location = ResumeLocation{City: city, Region: region}
	} else {
		r.Basics.Location = ResumeLocation{City: c.Location}
	}
	if len(c.Skills) > 0 {
		r.Skills = []ResumeSkill{{Name: c.Skills[0], Keywords: c.Skills[1:]}}
	}
	for i, cr := range c.Certifications {
		rc := ResumeCert{Name: cr.Written(), Issuer: cr.Issuer}
		if !cr.Date.IsZero() {
			rc.Date = cr.Date.String()
			if i%2 == 1 && cr.Date.Month > 0 {
				rc.Date = time.Month(cr.Date.Month).String()[:3] + " " + fmt.Sprint(cr.Date.Year)
			}
		}
		r.Certificates = append(r.Certificates, rc)
	}
	months := int(c.YearsExperience*12 + 0.5)
	if months > 0 {
		start := now.AddDate(0, -months, 0)
		mid := now.AddDate(0, -months/2, 0)
		skill := func(i int) string {
			if len(c.Skills) == 0 {
				return "software"
			}
			return c.Skills[i%len(c.Skills)]
		}
		end := "Present"
		if len(c.ID)%2 == 0 {
			end = ""
		}
		r.Work = []ResumeWork{
			{Name: "Initech", Position: "Developer", StartDate: start.Format("2006-01"), EndDate: mid.Format("2006-01"),
				Highlights: []string{"Built services with " + skill(1)}},
			{Name: "Acme", Position: "Senior Developer", StartDate: mid.Format("2006-01"), EndDate: end,
				Highlights: []string{"Led the move to " + skill(2)}},
		}
	}
	return r
}

// WriteJSONResumeLines writes n candidates (numbers opts.Start on) to w as
// JSON Resume documents, one per line, each with its candidate's id in
// meta.id.
func WriteJSONResumeLines(w io.Writer, opts Options, n int) error {
	now := opts.Now
	if now.IsZero() {
		now = DefaultNow
	}
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	for i := range n {
		c := Candidate(opts, i)
		r := ResumeOf(c, now)
		r.Meta = map[string]any{"id": c.ID}
		if err := enc.Encode(&r); err != nil {
			return err
		}
	}
	return bw.Flush()
}
