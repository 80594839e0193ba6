package scoring

import (
	"strings"
	"testing"
	"time"
)

// TestFutureIssueDatesAreNotCurrentOrRecent: a credential dated after
// today is not held yet, so it meets no "current" or "within_years"
// requirement, and the explanation says why; a date that may be today or
// earlier (a partial one) still counts.
func TestFutureIssueDatesAreNotCurrentOrRecent(t *testing.T) {
	now := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	s, err := NewScorer(Options{Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	roles := map[string]Role{
		"current": {ID: "current", Required: []Requirement{{AnyOf: []string{"ocpjp"}, Current: true}}},
		"recent":  {ID: "recent", Required: []Requirement{{AnyOf: []string{"ocpjp"}, WithinYears: 3}}},
		"plain":   {ID: "plain", Required: []Requirement{{AnyOf: []string{"ocpjp"}}}},
	}
	tests := []struct {
		date     string
		eligible map[string]bool
		why      string
	}{
		{"2027-03-01", map[string]bool{"current": false, "recent": false, "plain": true}, "next year: not earned yet"},
		{"2026-06-02", map[string]bool{"current": false, "recent": false, "plain": true}, "tomorrow"},
		{"2026-07", map[string]bool{"current": false, "recent": false, "plain": true}, "a month wholly after today"},
		{"2026-06-01", map[string]bool{"current": true, "recent": true, "plain": true}, "today counts"},
		{"2026", map[string]bool{"current": true, "recent": true, "plain": true}, "a year that may mean earlier this year"},
		{"2026-06", map[string]bool{"current": true, "recent": true, "plain": true}, "this month, which holds today"},
	}
	for _, tc := range tests {
		d, err := ParseDate(tc.date)
		if err != nil {
			t.Fatal(err)
		}
		c := Candidate{ID: "c", Certifications: []Credential{{ID: "ocpjp", Version: "11", Date: d}}}
		for name, want := range tc.eligible {
			res := s.Score(c, roles[name])
			if res.Eligible != want {
				t.Errorf("issued %s (%s), %s requirement: eligible %v, want %v; missing %+v", tc.date, tc.why, name, res.Eligible, want, res.Missing)
				continue
			}
			if !want && (len(res.Missing) != 1 || !strings.Contains(res.Missing[0].Reason, "after today")) {
				t.Errorf("issued %s, %s requirement: missing %+v, want a reason saying the date is after today", tc.date, name, res.Missing)
			}
		}
	}
}
