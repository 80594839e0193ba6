package audit

import (
	"context"
	"fmt"
	"math"

	"github.com/certmatch/certmatch/index"
	"github.com/certmatch/certmatch/match"
)

// Outcomes turns logged rankings into audit outcomes, one per returned
// candidate; the i-th decision is ranking i. An audit is only as complete
// as the rankings logged: log whole rankings (every candidate, ineligible
// included) for a bias audit.
func Outcomes(ds []match.Decision) []Outcome {
	var out []Outcome
	for i, d := range ds {
		for _, r := range d.Results {
			out = append(out, Outcome{Ranking: i, CandidateID: r.CandidateID, Score: r.Score, Eligible: r.Eligible})
		}
	}
	return out
}

// Change is one difference between a logged ranking and its replay.
type Change struct {
	CandidateID string `json:"candidate_id"`
	// What changed: "rank", "score", "eligibility", "components",
	// "missing from replay" or "new in replay".
	What string `json:"what"`
	Was  string `json:"was,omitempty"`
	Now  string `json:"now,omitempty"`
}

func (c Change) String() string {
	switch {
	case c.Was == "" && c.Now == "":
		return fmt.Sprintf("%s: %s", c.CandidateID, c.What)
	default:
		return fmt.Sprintf("%s: %s was %s, now %s", c.CandidateID, c.What, c.Was, c.Now)
	}
}

// scoreTolerance absorbs the rounding of scores written to a log.
const scoreTolerance = 1e-9

// Compare lists the differences between a logged page and a replayed one,
// candidate by candidate, in the logged order and then the new arrivals.
// Equal pages give no changes.
func Compare(logged, replayed []match.DecisionResult) []Change {
	now := make(map[string]match.DecisionResult, len(replayed))
	for _, r := range replayed {
		now[r.CandidateID] = r
	}
	was := make(map[string]bool, len(logged))
	var out []Change
	for _, l := range logged {
		was[l.CandidateID] = true
		r, ok := now[l.CandidateID]
		if !ok {
			out = append(out, Change{CandidateID: l.CandidateID, What: "missing from replay"})
			continue
		}
		if l.Rank != r.Rank {
			out = append(out, Change{l.CandidateID, "rank", fmt.Sprint(l.Rank), fmt.Sprint(r.Rank)})
		}
		if math.Abs(l.Score-r.Score) > scoreTolerance {
			out = append(out, Change{l.CandidateID, "score", fmt.Sprintf("%.2f", l.Score), fmt.Sprintf("%.2f", r.Score)})
		}
		if l.Eligible != r.Eligible {
			out = append(out, Change{l.CandidateID, "eligibility", fmt.Sprint(l.Eligible), fmt.Sprint(r.Eligible)})
		}
		if !samePoints(l.Components, r.Components) {
			out = append(out, Change{l.CandidateID, "components", points(l.Components), points(r.Components)})
		}
	}
	for _, r := range replayed {
		if !was[r.CandidateID] {
			out = append(out, Change{CandidateID: r.CandidateID, What: "new in replay", Now: fmt.Sprintf("rank %d", r.Rank)})
		}
	}
	return out
}

func samePoints(a, b []match.ComponentPoints) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].Name != b[i].Name || math.Abs(a[i].Points-b[i].Points) > scoreTolerance || a[i].Max != b[i].Max {
			return false
		}
	}
	return true
}

func points(cs []match.ComponentPoints) string {
	s := ""
	for i, c := range cs {
		if i > 0 {
			s += " "
		}
		s += fmt.Sprintf("%s=%.2f/%.0f", c.Name, c.Points, c.Max)
	}
	return s
}

// Replayed is the outcome of running one logged ranking again.
type Replayed struct {
	Role string `json:"role"`
	// Changes lists what differs, candidate by candidate; none means the
	// ranking was reproduced exactly.
	Changes []Change `json:"changes,omitempty"`
	// Eligible and Total are the replayed counts; WasEligible and
	// WasTotal the logged ones.
	Eligible    int `json:"eligible"`
	Total       int `json:"total"`
	WasEligible int `json:"was_eligible"`
	WasTotal    int `json:"was_total"`
	// CatalogChanged says the engine's catalog is not the logged one, and
	// Library is the version that made the logged ranking: either explains
	// a difference.
	CatalogChanged bool   `json:"catalog_changed,omitempty"`
	Library        string `json:"library"`
}

// Replay runs a logged ranking again on eng with the logged role, options
// and clock, and compares the page with the logged one. Run over the
// same index with the same catalog, it reproduces the ranking exactly; a
// candidate updated or deleted since shows up in Changes by id.
func Replay(ctx context.Context, eng *match.Engine, d match.Decision) (Replayed, error) {
	opts := match.RankOptions{Top: d.Options.Top, Offset: d.Options.Offset, IncludeIneligible: d.Options.IncludeIneligible,
		Query: d.Options.Query, Now: d.Now}
	if f := d.Options.Filters; f != nil {
		opts.Filters = index.Filters{Locations: f.Locations, Skills: f.Skills, Certifications: f.Certifications}
	}
	if opts.Now.IsZero() {
		return Replayed{}, fmt.Errorf("audit: the logged ranking of %q has no clock", d.Role.ID)
	}
	r, err := eng.Rank(ctx, d.Role, opts)
	if err != nil {
		return Replayed{}, fmt.Errorf("audit: replay of %q: %w", d.Role.ID, err)
	}
	again := match.DecisionFor(r)
	out := Replayed{Role: d.Role.ID, Changes: Compare(d.Results, again),
		Eligible: r.Eligible, Total: r.Total, WasEligible: d.Eligible, WasTotal: d.Total,
		CatalogChanged: d.Catalog != "" && d.Catalog != eng.CatalogID(), Library: d.Library}
	if out.Eligible != out.WasEligible || out.Total != out.WasTotal {
		out.Changes = append(out.Changes, Change{CandidateID: "(all)", What: "counts",
			Was: fmt.Sprintf("%d eligible of %d", d.Eligible, d.Total), Now: fmt.Sprintf("%d eligible of %d", r.Eligible, r.Total)})
	}
	return out, nil
}
