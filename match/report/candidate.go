package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/certmatch/certmatch/scoring"
)

// WriteForCandidate writes a result in words meant for the candidate it is
// about: whether they meet the role's requirements, what counted toward
// their score and by how much, what was missing, what would change the
// outcome, and what the assessment did not use. It names no other
// candidate and quotes nothing but the candidate's own credentials and the
// role's requirements, so it can be handed over as it is.
func WriteForCandidate(w io.Writer, role scoring.Role, r scoring.Result) error {
	bw := bufio.NewWriter(w)
	title := role.Title
	if title == "" {
		title = role.ID
	}
	fmt.Fprintf(bw, "How your profile was assessed for %q\n\n", title)
	if r.Eligible {
		fmt.Fprintln(bw, "Result: your profile meets every requirement of this role.")
	} else {
		fmt.Fprintln(bw, "Result: your profile does not yet meet every requirement of this role.")
	}
	fmt.Fprintf(bw, "Score: %s of 100, the sum of these parts:\n", people(r.Score))
	for _, c := range r.Components {
		fmt.Fprintf(bw, "  - %s: %s of %s. %s\n", capital(c.Name), people(c.Points), people(c.Max), sentence(c.Reason))
	}

	var counted, missed []string
	for _, c := range r.Components {
		met := false
		for _, ev := range c.Evidence {
			if ev.Met {
				counted = append(counted, ev.Requirement+": "+ev.Detail)
				met = true
			}
		}
		if !met && c.Points > 0 {
			counted = append(counted, capital(c.Name)+": "+c.Reason)
		}
	}
	for _, m := range r.Missing {
		missed = append(missed, m.Requirement+": "+m.Reason)
	}
	section(bw, "What counted", counted, "Nothing in your profile met a requirement of this role.")
	section(bw, "What was missing", missed, "Nothing: every requirement is met.")
	var steps []string
	for _, s := range r.NextSteps {
		steps = append(steps, s.Text)
	}
	section(bw, "What would change the outcome", steps, "Nothing is missing.")

	fmt.Fprintln(bw, "\nWhat was not used: your name, contact details and other personal fields are never read when scoring.")
	fmt.Fprintln(bw, "This assessment helps a recruiter review applications; it does not decide on its own. If your")
	fmt.Fprintln(bw, "profile is incomplete or wrong (a certification not recognised, a skill not listed), ask for it")
	fmt.Fprintln(bw, "to be corrected and for a person to review the assessment.")
	return bw.Flush()
}

func section(w io.Writer, head string, lines []string, none string) {
	fmt.Fprintf(w, "\n%s:\n", head)
	if len(lines) == 0 {
		fmt.Fprintf(w, "  %s\n", none)
		return
	}
	for _, l := range lines {
		fmt.Fprintf(w, "  - %s\n", l)
	}
}

// people formats a number for people: at most one decimal, none when whole.
func people(x float64) string {
	s := fmt.Sprintf("%.1f", x)
	return strings.TrimSuffix(s, ".0")
}

func capital(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" || strings.HasSuffix(s, ".") {
		return capital(s)
	}
	return capital(s) + "."
}
