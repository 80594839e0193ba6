package main

import (
	"bytes"
	"fmt"
	"net/http"
	"os"
	"strings"
	"testing"

	"github.com/certmatch/certmatch/match"
	"github.com/certmatch/certmatch/match/report"
	"github.com/certmatch/certmatch/scoring"
)

// TestREADMESession runs the README's curl session against a server with
// the same clock and checks that every answer the README prints is what
// the server answers (the jq filters are redone in Go).
func TestREADMESession(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	ts := newTestServer(t, serverOpts{})
	var want []string
	line := func(v any) string { // as jq -c prints it: no HTML escaping
		var b bytes.Buffer
		if err := report.WriteJSONLine(&b, v); err != nil {
			t.Fatal(err)
		}
		return strings.TrimSpace(b.String())
	}

	rep := ts.importFile("candidates.json")
	want = append(want, line(struct {
		Format     string `json:"format"`
		Read       int    `json:"read"`
		Imported   int    `json:"imported"`
		Rejected   int    `json:"rejected"`
		Unresolved int    `json:"unresolved"`
	}{string(rep.Format), rep.Read, rep.Imported, len(rep.Rejected), len(rep.Unresolved)}))

	ts.putRoleFile("senior-java")

	var top match.Ranking
	ts.json("POST", "/v1/rank", map[string]any{"role_id": "senior-java", "top": 3}).want(t, http.StatusOK, &top)
	want = append(want, fmt.Sprintf("%d eligible of %d ranked", top.Eligible, top.Total))
	for _, r := range top.Results {
		want = append(want, fmt.Sprintf("%d %s %v eligible=%v", r.Rank, r.CandidateID, r.Score, r.Eligible))
	}

	var near match.Ranking
	ts.json("POST", "/v1/rank", map[string]any{"role_id": "senior-java", "ineligible": true, "offset": 11, "top": 2}).want(t, http.StatusOK, &near)
	if top.Eligible != 11 {
		t.Errorf("%d eligible: the README's offset 11 skips the eligible ones only when there are 11", top.Eligible)
	}
	for _, r := range near.Results {
		missing := []string{}
		for _, m := range r.Missing {
			if m.Required {
				missing = append(missing, m.Requirement)
			}
		}
		var next any
		if len(r.NextSteps) > 0 {
			next = r.NextSteps[0].Text
		}
		want = append(want, line(struct {
			Rank        int      `json:"rank"`
			CandidateID string   `json:"candidate_id"`
			Score       float64  `json:"score"`
			Missing     []string `json:"missing"`
			Next        any      `json:"next"`
		}{r.Rank, r.CandidateID, r.Score, missing, next}))
	}

	var res scoring.Result
	ts.json("GET", "/v1/candidates/cand-0001/explain?role=senior-java", nil).want(t, http.StatusOK, &res)
	type comp struct {
		Name   string  `json:"name"`
		Points float64 `json:"points"`
		Max    float64 `json:"max"`
	}
	var comps []comp
	for _, c := range res.Components {
		comps = append(comps, comp{c.Name, c.Points, c.Max})
	}
	want = append(want, line(struct {
		Score      float64 `json:"score"`
		Eligible   bool    `json:"eligible"`
		Components []comp  `json:"components"`
	}{res.Score, res.Eligible, comps}))

	bad := ts.do(req{method: "POST", path: "/v1/rank", contentType: "application/json",
		body: strings.NewReader(`{"role": {"id": "x", "required": [{"any_of": ["ocpjpx"]}]}}`)})
	want = append(want, strings.TrimSpace(string(bad.body)))

	for _, w := range want {
		if !strings.Contains(string(readme), w+"\n") {
			t.Errorf("README.md lacks the line the server gives:\n%s", w)
		}
	}
}
