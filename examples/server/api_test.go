package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/certmatch/certmatch/match"
	"github.com/certmatch/certmatch/match/input"
	"github.com/certmatch/certmatch/match/report"
	"github.com/certmatch/certmatch/scoring"
	"github.com/google/go-cmp/cmp"
)

func TestCandidateLifecycle(t *testing.T) {
	ts := newTestServer(t, serverOpts{})
	cand := scoring.Candidate{ID: "c-1", Name: "Ada Example", Skills: []string{"Java"},
		Certifications: []scoring.Credential{{Name: "Oracle Certified Professional, Java SE 11 Developer"}, {Name: "Underwater basket weaving"}}}

	var put putCandidateResponse
	r := ts.json("PUT", "/v1/candidates/c-1", cand)
	r.want(t, http.StatusCreated, &put)
	if got := r.header.Get("Location"); got != "/v1/candidates/c-1" {
		t.Errorf("Location %q", got)
	}
	want := putCandidateResponse{ID: "c-1", Created: true, Unresolved: put.Unresolved}
	if diff := cmp.Diff(want, put); diff != "" {
		t.Errorf("first PUT (-want +got):\n%s", diff)
	}
	if len(put.Unresolved) != 1 || put.Unresolved[0].Index != 1 {
		t.Errorf("unresolved %+v, want the second credential", put.Unresolved)
	}
	if bytes.Contains(r.body, []byte("Ada")) {
		t.Errorf("PUT echoes the name: %s", r.body)
	}

	// Without an id in the body, the path's id is used; a second PUT
	// replaces and says so.
	cand.ID, cand.YearsExperience = "", 4
	ts.json("PUT", "/v1/candidates/c-1", cand).want(t, http.StatusOK, &put)
	if put.Created {
		t.Errorf("second PUT says created")
	}

	var got scoring.Candidate
	ts.json("GET", "/v1/candidates/c-1", nil).want(t, http.StatusOK, &got)
	if got.ID != "c-1" || got.YearsExperience != 4 || got.Certifications[0].ID != "ocpjp" {
		t.Errorf("GET gives %+v, want the replaced candidate with resolved credentials", got)
	}

	ts.json("DELETE", "/v1/candidates/c-1", nil).want(t, http.StatusNoContent, nil)
	p := ts.json("GET", "/v1/candidates/c-1", nil)
	if got := p.problemOf(t); got.Status != 404 || got.Record != "c-1" {
		t.Errorf("GET after DELETE: %+v", got)
	}
}

// TestRankMatchesEngine ranks the bundled candidates over HTTP, by a
// saved role and by a role given whole, and checks the answer is what the
// engine gives in process.
func TestRankMatchesEngine(t *testing.T) {
	ts := newTestServer(t, serverOpts{})
	rep := ts.importFile("candidates.json")
	if rep.Read == 0 || rep.Imported != rep.Read {
		t.Fatalf("import report %+v", rep)
	}
	ts.putRoleFile("senior-java")
	role := loadTestRole(t, "senior-java")

	for _, tc := range []struct {
		name string
		body map[string]any
		opts match.RankOptions
	}{
		{"saved role, first page", map[string]any{"role_id": "senior-java", "top": 5}, match.RankOptions{Top: 5}},
		{"role given whole, second page", map[string]any{"role": role, "top": 3, "offset": 3}, match.RankOptions{Top: 3, Offset: 3}},
		{"ineligible after eligible, with facets", map[string]any{"role_id": "senior-java", "top": 50, "ineligible": true, "facets": true},
			match.RankOptions{Top: 50, IncludeIneligible: true, Facets: true}},
		{"text and filters", map[string]any{"role_id": "senior-java", "ineligible": true, "text": "kafka", "filters": map[string]any{"locations": []string{"Chicago, IL"}}},
			match.RankOptions{IncludeIneligible: true, Query: "kafka", Filters: rankOptions(rankRequest{Filters: &match.FilterNames{Locations: []string{"Chicago, IL"}}}).Filters}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := ts.json("POST", "/v1/rank", tc.body)
			var got match.Ranking
			r.want(t, http.StatusOK, &got)
			want, err := ts.s.b.eng.Rank(context.Background(), role, tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			if want.Results == nil {
				want.Results = []match.Ranked{}
			}
			// Compare as JSON: what a client reads.
			if diff := cmp.Diff(asJSON(t, want), asJSON(t, got)); diff != "" {
				t.Errorf("HTTP ranking differs from the engine's (-want +got):\n%s", diff)
			}
			if len(got.Results) == 0 {
				t.Errorf("empty ranking: the case tests nothing")
			}
		})
	}
}

func asJSON(t *testing.T, v any) any {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var out any
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestExplainRolesFacetsNormalize(t *testing.T) {
	ts := newTestServer(t, serverOpts{})
	ts.importFile("candidates.json")
	ts.putRoleFile("senior-java")
	ts.putRoleFile("big-data")
	ctx := context.Background()

	var res scoring.Result
	ts.json("GET", "/v1/candidates/cand-0001/explain?role=senior-java", nil).want(t, http.StatusOK, &res)
	want, err := ts.s.b.eng.Explain(ctx, "cand-0001", loadTestRole(t, "senior-java"))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(asJSON(t, want), asJSON(t, res)); diff != "" {
		t.Errorf("explain (-want +got):\n%s", diff)
	}

	var roles candidateRolesResponse
	ts.json("GET", "/v1/candidates/cand-0001/roles", nil).want(t, http.StatusOK, &roles)
	wantRoles, err := ts.s.b.eng.RolesFor(ctx, "cand-0001", []scoring.Role{loadTestRole(t, "big-data"), loadTestRole(t, "senior-java")})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(asJSON(t, candidateRolesResponse{CandidateID: "cand-0001", Results: wantRoles}), asJSON(t, roles)); diff != "" {
		t.Errorf("roles (-want +got):\n%s", diff)
	}

	var all, some facetsResponse
	ts.json("GET", "/v1/facets", nil).want(t, http.StatusOK, &all)
	ts.json("GET", "/v1/facets?role=senior-java", nil).want(t, http.StatusOK, &some)
	n, _ := ts.s.b.eng.Count(ctx)
	if all.Total != uint64(n) || len(all.Facets.Certifications) == 0 {
		t.Errorf("facets over all: total %d of %d, %d certification terms", all.Total, n, len(all.Facets.Certifications))
	}
	if some.Total == 0 || some.Total >= all.Total {
		t.Errorf("facets for senior-java count %d of %d: want a proper, non-empty subset", some.Total, all.Total)
	}

	var norm normalizeResponse
	ts.json("POST", "/v1/normalize", normalizeRequest{Texts: []string{"OCP Java SE 11 Developer", "PMP"}}).want(t, http.StatusOK, &norm)
	wantNorm := normalizeResponse{Results: []report.Normalized{ts.s.b.normalize("OCP Java SE 11 Developer"), ts.s.b.normalize("PMP")}}
	if diff := cmp.Diff(wantNorm, norm); diff != "" {
		t.Errorf("normalize (-want +got):\n%s", diff)
	}
	if norm.Results[0].ID != "ocpjp" || norm.Results[1].ID != "" {
		t.Errorf("normalize ids %q, %q: want ocpjp and none", norm.Results[0].ID, norm.Results[1].ID)
	}
}

func TestSavedRoles(t *testing.T) {
	ts := newTestServer(t, serverOpts{})
	ts.putRoleFile("senior-java")
	// A role without an id takes the path's.
	ts.json("PUT", "/v1/roles/plain", map[string]any{"title": "Plain", "required_skills": []string{"java"}}).want(t, http.StatusCreated, nil)

	var list rolesResponse
	ts.json("GET", "/v1/roles", nil).want(t, http.StatusOK, &list)
	var ids []string
	for _, r := range list.Roles {
		ids = append(ids, r.ID)
	}
	if diff := cmp.Diff([]string{"plain", "senior-java"}, ids); diff != "" {
		t.Errorf("saved roles (-want +got):\n%s", diff)
	}

	// The folder holds one file per role, no temporary file, and a store
	// opened over it again holds the same roles.
	names := dirNames(t, ts.roles)
	if diff := cmp.Diff([]string{"plain.json", "senior-java.json"}, names); diff != "" {
		t.Errorf("roles folder (-want +got):\n%s", diff)
	}
	again, err := openRoles(ts.roles, scoring.DefaultCatalog())
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(asJSON(t, list.Roles), asJSON(t, again.list())); diff != "" {
		t.Errorf("roles read back (-want +got):\n%s", diff)
	}

	ts.json("DELETE", "/v1/roles/plain", nil).want(t, http.StatusNoContent, nil)
	if diff := cmp.Diff([]string{"senior-java.json"}, dirNames(t, ts.roles)); diff != "" {
		t.Errorf("roles folder after DELETE (-want +got):\n%s", diff)
	}
	ts.json("GET", "/v1/roles/plain", nil).want(t, http.StatusNotFound, nil)
}

func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	return out
}

func TestRoleFromJob(t *testing.T) {
	ts := newTestServer(t, serverOpts{})
	job, err := os.ReadFile(filepath.Join("..", "..", "testdata", "jsonresume", "sample.job.json"))
	if err != nil {
		t.Fatal(err)
	}
	var got jobRole
	ts.do(req{method: "POST", path: "/v1/roles:fromJob", contentType: "application/json", body: bytes.NewReader(job)}).want(t, http.StatusOK, &got)
	want, err := input.RoleFromJob(bytes.NewReader(job), scoring.DefaultCatalog())
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(asJSON(t, jobRole{Role: want}), asJSON(t, got)); diff != "" {
		t.Errorf("role from job (-want +got):\n%s", diff)
	}
	if !strings.Contains(got.Role.ID, "-") {
		t.Errorf("role id %q is not a slug of the title", got.Role.ID)
	}

	// A posting as Markdown, as a recruiter pastes it: the role names the
	// sentence behind what it asks for.
	md, err := os.ReadFile(filepath.Join("..", "..", "testdata", "jobs", "senior-java-backend.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, ct := range []string{"text/markdown", "text/plain; charset=utf-8"} {
		var fromText jobRole
		ts.do(req{method: "POST", path: "/v1/roles:fromJob", contentType: ct, body: bytes.NewReader(md)}).want(t, http.StatusOK, &fromText)
		wantText, err := input.RoleFromJob(bytes.NewReader(md), scoring.DefaultCatalog())
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(asJSON(t, jobRole{Role: wantText}), asJSON(t, fromText)); diff != "" {
			t.Errorf("%s: role from the posting (-want +got):\n%s", ct, diff)
		}
		if fromText.Role.ID != "senior-java-backend-developer" || len(fromText.Role.Required) == 0 || fromText.Role.Required[0].Source == "" {
			t.Errorf("%s: role %+v: want senior-java-backend-developer with sourced requirements", ct, fromText.Role)
		}
	}
}

// TestRankRequestNames: the rank options have the JSON names the decision
// log gives them (match.DecisionOptions), so a logged ranking's options
// can be sent back as they are; facets is the one addition.
func TestRankRequestNames(t *testing.T) {
	names := func(v any) []string {
		var out []string
		for k := range filled(t, v).(map[string]any) {
			out = append(out, k)
		}
		sort.Strings(out)
		return out
	}
	want := append(names(match.DecisionOptions{}), "facets", "role", "role_id")
	sort.Strings(want)
	if diff := cmp.Diff(want, names(rankRequest{})); diff != "" {
		t.Errorf("rank request names (-decision log plus role, role_id, facets +request):\n%s", diff)
	}
}
