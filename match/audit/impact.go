package audit

import (
	"cmp"
	"errors"
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"
)

// Selection says what "selected" means for an impact report.
type Selection string

const (
	// SelectedEligible counts a candidate as selected when the ranking
	// found them eligible for the role.
	SelectedEligible Selection = "eligible"
	// SelectedAboveMedian counts a candidate as selected when their score
	// is strictly above the median score of the ranking they were assessed
	// in: the "scoring rate" of a tool that scores rather than selects.
	SelectedAboveMedian Selection = "above_median"
)

// Dimension names, in the order a Report lists them.
const (
	DimSex          = "sex"
	DimRace         = "race_ethnicity"
	DimIntersection = "sex x race_ethnicity"
)

// DefaultSmallShare is the share of the assessed candidates under which a
// category is flagged small and left out of the impact ratios, as the law
// allows (categories under 2% of the data), with a note.
const DefaultSmallShare = 0.02

// Outcome is one candidate's result in one ranking: what an audit reads
// from a decision log. Scores of different rankings are never compared:
// the median is taken per ranking.
type Outcome struct {
	Ranking     int // which ranking the outcome belongs to (0-based)
	CandidateID string
	Score       float64
	Eligible    bool
}

// Options configure Compute. The zero value counts "selected" as eligible
// and flags categories under DefaultSmallShare.
type Options struct {
	Selection Selection
	// SmallShare overrides DefaultSmallShare; a negative value flags none.
	SmallShare float64
}

// Rate is one category's row of an impact report.
type Rate struct {
	Dimension string `json:"dimension"`
	Category  string `json:"category"`
	// Assessed is the number of outcomes in the category; Selected the
	// number of them selected.
	Assessed int `json:"assessed"`
	Selected int `json:"selected"`
	// Rate is Selected / Assessed.
	Rate float64 `json:"rate"`
	// ImpactRatio is Rate divided by the highest Rate of the dimension's
	// categories that are not Small. It is 0 for a small category.
	ImpactRatio float64 `json:"impact_ratio"`
	// Small is set for a category under the small share: it is reported
	// but left out of the impact ratios.
	Small bool `json:"small,omitempty"`
}

// Report is a bias-audit impact report over one or more rankings.
type Report struct {
	Selection Selection `json:"selection"`
	Rankings  int       `json:"rankings"`
	// Assessed is the number of outcomes read; Unknown per dimension the
	// number whose category is not known (counted, not rated).
	Assessed int            `json:"assessed"`
	Unknown  map[string]int `json:"unknown"`
	// Medians holds each ranking's median score (SelectedAboveMedian only).
	Medians []float64 `json:"medians,omitempty"`
	Rates   []Rate    `json:"rates"`
	// Notes say which categories were left out of the impact ratios and
	// why, and anything else an auditor must read with the figures.
	Notes []string `json:"notes,omitempty"`
}

// ErrNoOutcomes is returned by Compute when there is nothing to audit.
var ErrNoOutcomes = errors.New("audit: no outcomes")

// Compute works out selection rates and impact ratios per sex, per
// race/ethnicity and per their intersection. Categories come from cats
// (never from the index); an outcome whose candidate has no category for a
// dimension counts as unknown for it. A category under the small share of
// the assessed outcomes is flagged and left out of the impact ratios.
func Compute(outcomes []Outcome, cats Categories, opts Options) (Report, error) {
	if len(outcomes) == 0 {
		return Report{}, ErrNoOutcomes
	}
	if opts.Selection == "" {
		opts.Selection = SelectedEligible
	}
	if opts.Selection != SelectedEligible && opts.Selection != SelectedAboveMedian {
		return Report{}, fmt.Errorf("audit: unknown selection %q (want %q or %q)", opts.Selection, SelectedEligible, SelectedAboveMedian)
	}
	small := opts.SmallShare
	if small == 0 {
		small = DefaultSmallShare
	}
	rep := Report{Selection: opts.Selection, Assessed: len(outcomes), Unknown: map[string]int{DimSex: 0, DimRace: 0, DimIntersection: 0}}

	selected := make([]bool, len(outcomes))
	if opts.Selection == SelectedEligible {
		for i, o := range outcomes {
			selected[i] = o.Eligible
		}
	}
	byRanking := map[int][]int{}
	for i, o := range outcomes {
		byRanking[o.Ranking] = append(byRanking[o.Ranking], i)
	}
	rankings := slices.Sorted(maps.Keys(byRanking))
	rep.Rankings = len(rankings)
	if opts.Selection == SelectedAboveMedian {
		for _, r := range rankings {
			idx := byRanking[r]
			scores := make([]float64, len(idx))
			for j, i := range idx {
				scores[j] = outcomes[i].Score
			}
			m := median(scores)
			rep.Medians = append(rep.Medians, m)
			for _, i := range idx {
				selected[i] = outcomes[i].Score > m
			}
		}
	}

	type tally struct{ assessed, selected int }
	counts := map[[2]string]*tally{}
	add := func(dim, cat string, sel bool) {
		t := counts[[2]string{dim, cat}]
		if t == nil {
			t = &tally{}
			counts[[2]string{dim, cat}] = t
		}
		t.assessed++
		if sel {
			t.selected++
		}
	}
	for i, o := range outcomes {
		p := cats[o.CandidateID]
		sex, race := p.Sex, p.Race
		if sex == "" {
			rep.Unknown[DimSex]++
		} else {
			add(DimSex, sex, selected[i])
		}
		if race == "" {
			rep.Unknown[DimRace]++
		} else {
			add(DimRace, race, selected[i])
		}
		if sex == "" || race == "" {
			rep.Unknown[DimIntersection]++
		} else {
			add(DimIntersection, race+" "+sex, selected[i])
		}
	}

	dimOrder := map[string]int{DimSex: 0, DimRace: 1, DimIntersection: 2}
	for k, t := range counts {
		r := Rate{Dimension: k[0], Category: k[1], Assessed: t.assessed, Selected: t.selected,
			Rate: float64(t.selected) / float64(t.assessed)}
		r.Small = small > 0 && float64(t.assessed) < small*float64(len(outcomes))
		rep.Rates = append(rep.Rates, r)
	}
	slices.SortFunc(rep.Rates, func(a, b Rate) int {
		return cmp.Or(cmp.Compare(dimOrder[a.Dimension], dimOrder[b.Dimension]), strings.Compare(a.Category, b.Category))
	})
	for _, dim := range []string{DimSex, DimRace, DimIntersection} {
		best := 0.0
		for _, r := range rep.Rates {
			if r.Dimension == dim && !r.Small {
				best = math.Max(best, r.Rate)
			}
		}
		for i := range rep.Rates {
			r := &rep.Rates[i]
			if r.Dimension != dim {
				continue
			}
			switch {
			case r.Small:
				rep.Notes = append(rep.Notes, fmt.Sprintf("%s %q: %d of %d assessed (%.1f%%, under %.0f%%), left out of the impact ratios",
					dim, r.Category, r.Assessed, len(outcomes), 100*float64(r.Assessed)/float64(len(outcomes)), 100*small))
			case best > 0:
				r.ImpactRatio = r.Rate / best
			}
		}
		if best == 0 && slices.ContainsFunc(rep.Rates, func(r Rate) bool { return r.Dimension == dim && !r.Small }) {
			rep.Notes = append(rep.Notes, fmt.Sprintf("%s: no category has a selected candidate, so no impact ratio can be computed", dim))
		}
	}
	return rep, nil
}

// median returns the median of xs (the mean of the middle two for an even
// count). xs is sorted in place.
func median(xs []float64) float64 {
	slices.Sort(xs)
	n := len(xs)
	if n%2 == 1 {
		return xs[n/2]
	}
	return (xs[n/2-1] + xs[n/2]) / 2
}
