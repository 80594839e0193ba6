package report

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/certmatch/certmatch/scoring"
)

// WriteRole writes a role as a recruiter reviews one read from a job
// posting: a line per requirement, skill, alternatives and the minimum
// years, each with the sentence it came from, then location, remote and
// pay. A catalog group is named with its description ("java-certification
// (an Oracle (formerly Sun) Java certification)"); cat nil means the
// built-in catalog.
func WriteRole(w io.Writer, cat *scoring.Catalog, role scoring.Role) error {
	if cat == nil {
		cat = scoring.DefaultCatalog()
	}
	ew := &errWriter{w: w}
	fmt.Fprintf(ew, "%s: %s\n", role.ID, orDash(role.Title))
	if role.Source != "" {
		fmt.Fprintf(ew, "read from %s\n", role.Source)
	}
	fmt.Fprintln(ew)
	tw := tabwriter.NewWriter(ew, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "KIND\tWHAT\tSOURCE")
	row := func(kind, what, source string) {
		if source != "" {
			source = `"` + source + `"`
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\n", kind, what, orDash(source))
	}
	for _, reqs := range []struct {
		kind string
		list []scoring.Requirement
	}{{"required", role.Required}, {"preferred", role.Preferred}} {
		for _, q := range reqs.list {
			row(reqs.kind, requirementText(cat, q), q.Source)
		}
	}
	for _, s := range role.RequiredSkills {
		row("required skill", s, role.SkillSources[s])
	}
	for _, alts := range role.RequiredAnySkills {
		row("required skill", "one of "+strings.Join(alts, ", "), role.SkillSources[strings.Join(alts, " or ")])
	}
	for _, s := range role.PreferredSkills {
		row("preferred skill", s, role.SkillSources[s])
	}
	if role.MinYears > 0 {
		row("min years", strconv.FormatFloat(role.MinYears, 'f', -1, 64), role.MinYearsSource)
	}
	if role.Location != "" {
		row("location", role.Location, "")
	}
	if role.Remote {
		row("remote", "yes", "")
	}
	if role.SalaryMax > 0 {
		row("salary max", strconv.FormatFloat(role.SalaryMax, 'f', -1, 64), "")
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	return ew.err
}

// requirementText is a requirement in words, a group with its name.
func requirementText(cat *scoring.Catalog, q scoring.Requirement) string {
	s := q.String()
	if len(q.AnyOf) == 1 {
		if g, ok := cat.Group(q.AnyOf[0]); ok && g.Name != "" {
			s = q.AnyOf[0] + " (" + g.Name + ")" + strings.TrimPrefix(s, q.AnyOf[0])
		}
	}
	return s
}
