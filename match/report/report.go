package report

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/samber/lo"

	"github.com/certmatch/certmatch/match"
	"github.com/certmatch/certmatch/scoring"
)

// WriteJSON writes v as indented JSON, for people and files: a ranking, an
// explanation, an import report.
func WriteJSON(w io.Writer, v any) error {
	enc := newEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// WriteJSONLine writes v as JSON on one line, for JSON Lines output and
// streams.
func WriteJSONLine(w io.Writer, v any) error { return newEncoder(w).Encode(v) }

// newEncoder is the JSON set-up every output shares: no HTML escaping, so
// ">=" and "<" read as written; a newline after each value.
func newEncoder(w io.Writer) *json.Encoder {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc
}

// WriteTable writes a ranking as a readable table: rank, candidate, score,
// eligible, matched and missing certifications, and the first next step.
func WriteTable(w io.Writer, cat *scoring.Catalog, r match.Ranking) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "RANK\tCANDIDATE\tSCORE\tELIGIBLE\tMATCHED\tMISSING\tNEXT STEP")
	for _, res := range r.Results {
		matched, missing := Matched(cat, res.Result), MissingText(res.Result)
		next := "-"
		if s, ok := FirstStep(res.Result); ok {
			next = s.Text
		}
		elig := "no"
		if res.Eligible {
			elig = "yes"
		}
		fmt.Fprintf(tw, "%d\t%s\t%.2f\t%s\t%s\t%s\t%s\n", res.Rank, res.CandidateID, res.Score, elig, orDash(matched), orDash(missing), next)
	}
	return tw.Flush()
}

// FirstStep is the next step that matters most: the first for a required
// requirement, else the first.
func FirstStep(r scoring.Result) (scoring.NextStep, bool) {
	for _, s := range r.NextSteps {
		if s.Required {
			return s, true
		}
	}
	if len(r.NextSteps) > 0 {
		return r.NextSteps[0], true
	}
	return scoring.NextStep{}, false
}

// Matched lists the certification requirements a result meets, each with
// the credential that met it, once each: "OCPJP 11", "OCEWCD 6 (implies
// OCPJP)".
func Matched(cat *scoring.Catalog, r scoring.Result) string {
	var out []string
	for _, c := range r.Components {
		for _, ev := range c.Evidence {
			if !ev.Met {
				continue
			}
			s := strings.TrimSpace(cat.Label(ev.HeldID) + " " + ev.HeldVersion)
			if len(ev.Via) > 0 {
				s += " (implies " + cat.Label(ev.Via[len(ev.Via)-1]) + ")"
			}
			out = append(out, s)
		}
	}
	return strings.Join(lo.Uniq(out), ", ")
}

// MissingText lists the unmet required requirements, or the preferred
// ones when every required one is met.
func MissingText(r scoring.Result) string {
	var req, pref []string
	for _, m := range r.Missing {
		if m.Required {
			req = append(req, m.Requirement)
		} else {
			pref = append(pref, m.Requirement)
		}
	}
	if len(req) > 0 {
		return strings.Join(req, "; ")
	}
	return strings.Join(pref, "; ")
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// WriteExplanation writes one result in words: the score, each component
// with its evidence, what is missing and the next steps. It returns the
// first error of w.
func WriteExplanation(w io.Writer, r scoring.Result) error {
	ew := &errWriter{w: w}
	elig := "eligible"
	if !r.Eligible {
		elig = "not eligible"
	}
	fmt.Fprintf(ew, "%s against %s: %.2f of 100, %s\n", r.CandidateID, r.RoleID, r.Score, elig)
	for _, c := range r.Components {
		fmt.Fprintf(ew, "  %-15s %6.2f of %6.2f  %s\n", c.Name, c.Points, c.Max, c.Reason)
		for _, ev := range c.Evidence {
			mark := "-"
			if ev.Met {
				mark = "+"
			}
			fmt.Fprintf(ew, "      %s %s: %s\n", mark, ev.Requirement, ev.Detail)
		}
	}
	for _, m := range r.Missing {
		fmt.Fprintf(ew, "  missing  %s: %s\n", m.Requirement, m.Reason)
	}
	for _, n := range r.NextSteps {
		fmt.Fprintf(ew, "  next     %s: %s\n", n.Requirement, n.Text)
	}
	return ew.err
}

// errWriter keeps the first error of w and writes nothing after it.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(p []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	n, err := e.w.Write(p)
	e.err = err
	return n, err
}
