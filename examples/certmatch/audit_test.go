package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/certmatch/certmatch/match/audit"
)

const categoriesFile = "../../testdata/audit/categories.csv"

// logBundled ranks the bundled candidates against every bundled role,
// whole rankings, into a decision log.
func logBundled(t *testing.T) string {
	t.Helper()
	logFile := filepath.Join(t.TempDir(), "decisions.jsonl")
	roles, err := filepath.Glob("../../testdata/roles/*.json")
	if err != nil || len(roles) == 0 {
		t.Fatalf("no bundled roles: %v", err)
	}
	for _, r := range roles {
		mustRun(t, "", "rank", "--candidates", candidatesFile, "--role", r, "--all", "--top", "1000", "--log", logFile, "--now", testDate)
	}
	return logFile
}

func TestAuditBundled(t *testing.T) {
	logFile := logBundled(t)
	r := mustRun(t, "", "audit", "--log", logFile, "--categories", categoriesFile, "--json", "--now", testDate)
	dec := json.NewDecoder(strings.NewReader(r.stdout))
	var reps []audit.Report
	for dec.More() {
		var rep audit.Report
		if err := dec.Decode(&rep); err != nil {
			t.Fatal(err)
		}
		reps = append(reps, rep)
	}
	if len(reps) != 2 || reps[0].Selection != audit.SelectedEligible || reps[1].Selection != audit.SelectedAboveMedian {
		t.Fatalf("want an eligible and an above-median report, got %d", len(reps))
	}
	roles, _ := filepath.Glob("../../testdata/roles/*.json")
	for _, rep := range reps {
		// 57 bundled candidates in every whole ranking.
		if rep.Rankings != len(roles) || rep.Assessed != 57*len(roles) {
			t.Errorf("%s: %d rankings, %d outcomes; want %d and %d", rep.Selection, rep.Rankings, rep.Assessed, len(roles), 57*len(roles))
		}
		// The fixture leaves some candidates' categories unknown.
		if rep.Unknown["sex"] == 0 || rep.Unknown["race_ethnicity"] == 0 {
			t.Errorf("%s: unknown counts %v, want some", rep.Selection, rep.Unknown)
		}
		best := 0.0
		for _, rt := range rep.Rates {
			if rt.Dimension == "sex" && !rt.Small {
				best = max(best, rt.ImpactRatio)
			}
		}
		if best != 1 {
			t.Errorf("%s: the most selected sex category has ratio %v, want 1", rep.Selection, best)
		}
	}
	table := mustRun(t, "", "audit", "--log", logFile, "--categories", categoriesFile, "--selection", "eligible")
	if !strings.Contains(table.stdout, "IMPACT RATIO") || strings.Contains(table.stdout, "above the ranking's median") {
		t.Errorf("table for --selection eligible:\n%s", table.stdout)
	}
	csv := mustRun(t, "", "audit", "--log", logFile, "--categories", categoriesFile, "--csv")
	if !strings.HasPrefix(csv.stdout, "selection,dimension,category") {
		t.Errorf("csv output:\n%s", csv.stdout)
	}
}

func TestReplayBundled(t *testing.T) {
	logFile := logBundled(t)
	r := mustRun(t, "", "replay", "--log", logFile, "--candidates", candidatesFile)
	if !strings.Contains(r.stdout, "5 of 5 rankings reproduced exactly") {
		t.Errorf("replay over the same candidates:\n%s", r.stdout)
	}
	// Change one candidate: replay names them and exits 1.
	raw, err := os.ReadFile(candidatesFile)
	if err != nil {
		t.Fatal(err)
	}
	var cands []map[string]any
	if err := json.Unmarshal(raw, &cands); err != nil {
		t.Fatal(err)
	}
	victim := cands[0]["id"].(string)
	cands[0]["certifications"] = []any{}
	cands[0]["skills"] = []any{}
	changed := filepath.Join(t.TempDir(), "changed.json")
	b, _ := json.Marshal(cands)
	if err := os.WriteFile(changed, b, 0o644); err != nil {
		t.Fatal(err)
	}
	r = runTool(t, "", "replay", "--log", logFile, "--candidates", changed)
	if r.code != 1 || !strings.Contains(r.stdout, victim+": ") || !strings.Contains(r.stderr, "replay differs") {
		t.Errorf("replay after changing %s: exit %d\n%s\n%s", victim, r.code, r.stdout, r.stderr)
	}
}

func TestAuditBadInput(t *testing.T) {
	logFile := logBundled(t)
	bad := filepath.Join(t.TempDir(), "bad.csv")
	os.WriteFile(bad, []byte("sex,race\nMale,Asian\n"), 0o644)
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"audit", "--categories", categoriesFile}, 2, "--log FILE is required"},
		{[]string{"audit", "--log", logFile}, 2, "--categories FILE is required"},
		{[]string{"audit", "--log", logFile, "--categories", categoriesFile, "--selection", "top"}, 2, "--selection"},
		{[]string{"audit", "--log", logFile, "--categories", bad}, 1, "candidate_id"},
		{[]string{"audit", "--log", categoriesFile, "--categories", categoriesFile}, 1, "decision log entry 1"},
	} {
		r := runTool(t, "", tc.args...)
		if r.code != tc.code || !strings.Contains(r.stderr, tc.want) {
			t.Errorf("%v: exit %d, stderr %q; want exit %d mentioning %q", tc.args, r.code, r.stderr, tc.code, tc.want)
		}
	}
}
