package scoring_test

import (
	"flag"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/certmatch/certmatch/internal/golden"

	"github.com/certmatch/certmatch/scoring"
)

var update = flag.Bool("update", false, "rewrite golden files")

// rank scores every candidate against role and orders the results by
// scoring.Order: eligible first, ineligible nearest to eligible first,
// then score descending, then candidate id ascending.
func rank(s *scoring.Scorer, role scoring.Role, cands []scoring.Candidate) []scoring.Result {
	out := make([]scoring.Result, 0, len(cands))
	for _, c := range cands {
		out = append(out, s.Score(c, role))
	}
	slices.SortFunc(out, func(a, b scoring.Result) int { return a.CandidateOrder().Compare(b.CandidateOrder()) })
	return out
}

// TestGolden ranks the bundled candidates against each seed role and
// compares the explained ranking with testdata/golden/<role>.txt, and a
// ranking-quality summary with testdata/golden/summary.txt. Run
// `go test ./scoring -run TestGolden -update` to rewrite them after an
// intended change, and read the diff.
func TestGolden(t *testing.T) {
	s := newScorer(t)
	cands := bundledCandidates(t)
	roles := seedRoles(t)
	var summary strings.Builder
	fmt.Fprintf(&summary, "ranking summary: %d bundled candidates, clock %s, catalog %s\n", len(cands), testNow.Format("2006-01-02"), s.Catalog().Version())
	fmt.Fprintf(&summary, "order: eligible first, then ineligible nearest to eligible first (unmet required items, then how near each is), then score descending, then candidate id\n")
	for _, role := range roles {
		results := rank(s, role, cands)
		t.Run(role.ID, func(t *testing.T) {
			golden.Compare(t, filepath.Join("testdata", "golden", role.ID+".txt"), formatRanking(s, role, results), *update)
		})
		summarize(&summary, role, results)
	}
	t.Run("summary", func(t *testing.T) {
		golden.Compare(t, filepath.Join("testdata", "golden", "summary.txt"), summary.String(), *update)
	})
}

func formatRanking(s *scoring.Scorer, role scoring.Role, results []scoring.Result) string {
	var b strings.Builder
	eligible := 0
	for _, r := range results {
		if r.Eligible {
			eligible++
		}
	}
	fmt.Fprintf(&b, "role %s: %s\n", role.ID, role.Title)
	fmt.Fprintf(&b, "clock %s, catalog %s: %d candidates, %d eligible\n", testNow.Format("2006-01-02"), s.Catalog().Version(), len(results), eligible)
	for i, r := range results {
		verdict := "eligible"
		if !r.Eligible {
			verdict = "ineligible, " + r.Away.String()
		}
		fmt.Fprintf(&b, "\n%3d  %s  %6.2f  %s\n", i+1, r.CandidateID, r.Score, verdict)
		for _, c := range r.Components {
			fmt.Fprintf(&b, "     %-14s %6.2f / %6.2f  %s\n", c.Name, c.Points, c.Max, c.Reason)
			for _, ev := range c.Evidence {
				mark := "-"
				if ev.Met {
					mark = "+"
				}
				fmt.Fprintf(&b, "       %s %s [credit %.2f]: %s\n", mark, ev.Requirement, ev.Credit, ev.Detail)
			}
		}
		for _, m := range r.Missing {
			need := "preferred"
			if m.Required {
				need = "required"
			}
			fmt.Fprintf(&b, "     missing (%s %s) %s: %s\n", need, m.Kind, m.Requirement, m.Reason)
		}
		for _, n := range r.NextSteps {
			line := fmt.Sprintf("     next %s: %s", n.Requirement, n.Text)
			if len(n.Exams) > 0 {
				line += " [exams " + strings.Join(n.Exams, ", ") + "]"
			}
			fmt.Fprintln(&b, line)
			for _, alt := range n.Alternatives {
				fmt.Fprintf(&b, "       or %s\n", alt)
			}
		}
	}
	return b.String()
}

// summarize writes a role's ranking-quality figures: how many are
// eligible, who leads, and how far the eligible stand from the rest.
func summarize(b *strings.Builder, role scoring.Role, results []scoring.Result) {
	var el, in []float64
	for _, r := range results {
		if r.Eligible {
			el = append(el, r.Score)
		} else {
			in = append(in, r.Score)
		}
	}
	mean := func(xs []float64) string {
		if len(xs) == 0 {
			return "-"
		}
		sum := 0.0
		for _, x := range xs {
			sum += x
		}
		return fmt.Sprintf("%.2f", sum/float64(len(xs)))
	}
	extreme := func(xs []float64, f func(...float64) float64) string {
		if len(xs) == 0 {
			return "-"
		}
		return fmt.Sprintf("%.2f", f(xs...))
	}
	fmt.Fprintf(b, "\n%s: %d of %d eligible\n", role.ID, len(el), len(results))
	var top []string
	for _, r := range results[:min(5, len(results))] {
		mark := ""
		if !r.Eligible {
			mark = " ineligible"
		}
		top = append(top, fmt.Sprintf("%s %.2f%s", r.CandidateID, r.Score, mark))
	}
	fmt.Fprintf(b, "  top 5: %s\n", strings.Join(top, ", "))
	fmt.Fprintf(b, "  mean score: eligible %s, ineligible %s\n", mean(el), mean(in))
	fmt.Fprintf(b, "  lowest eligible %s, highest ineligible %s\n", extreme(el, minOf), extreme(in, maxOf))
	var near []string
	for _, r := range results[len(el):min(len(el)+3, len(results))] {
		near = append(near, fmt.Sprintf("%s %.2f (%s)", r.CandidateID, r.Score, r.Away))
	}
	if len(near) > 0 {
		fmt.Fprintf(b, "  nearest ineligible: %s\n", strings.Join(near, ", "))
	}
}

func minOf(xs ...float64) float64 { return slices.Min(xs) }
func maxOf(xs ...float64) float64 { return slices.Max(xs) }
