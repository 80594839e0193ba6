package match_test

import (
	"context"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/certmatch/certmatch/internal/gen"
	"github.com/certmatch/certmatch/match"
	"github.com/certmatch/certmatch/match/input"
	"github.com/certmatch/certmatch/scoring"
)

// testNow is the clock of every test engine: the generator's reference
// date, so that currency and recency never depend on the day the tests run.
func testNow() time.Time { return time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC) }

// newEngine opens an in-memory engine with the test clock, closed when the
// test ends.
func newEngine(t testing.TB) *match.Engine {
	t.Helper()
	eng, err := match.Open(context.Background(), match.Options{Now: testNow})
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() {
		if err := eng.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return eng
}

// seedRoles loads every bundled role with input.LoadRole.
func seedRoles(t testing.TB) []scoring.Role {
	t.Helper()
	files, err := filepath.Glob("../testdata/roles/*.json")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no seed roles in ../testdata/roles")
	}
	var roles []scoring.Role
	for _, file := range files {
		f, err := os.Open(file)
		if err != nil {
			t.Fatal(err)
		}
		role, err := input.LoadRole(f, scoring.DefaultCatalog())
		f.Close()
		if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		roles = append(roles, role)
	}
	return roles
}

// importFile imports a candidate file and fails the test on an error.
func importFile(t testing.TB, eng *match.Engine, path string) match.ImportReport {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rep, err := eng.Import(context.Background(), f, match.ImportOptions{})
	if err != nil {
		t.Fatalf("Import %s: %v", path, err)
	}
	return rep
}

// seniorJava is a small valid role: OCPJP 11 or later, Java, five years.
var seniorJava = scoring.Role{
	ID:             "senior-java",
	Required:       []scoring.Requirement{{AnyOf: []string{"ocpjp"}, MinVersion: "11"}},
	RequiredSkills: []string{"java"},
	MinYears:       5,
}

func TestOpenZeroOptions(t *testing.T) {
	ctx := context.Background()
	eng, err := match.Open(ctx, match.Options{})
	if err != nil {
		t.Fatalf("Open(zero Options): %v", err)
	}
	n, err := eng.Count(ctx)
	if err != nil || n != 0 {
		t.Errorf("Count of a new engine = %d, %v; want 0, nil", n, err)
	}
	if err := eng.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
	if err := eng.Close(); err != nil {
		t.Errorf("second Close: %v; want nil (closing twice is harmless)", err)
	}
}

func TestRankBadOptions(t *testing.T) {
	ctx := context.Background()
	eng := newEngine(t)
	if _, err := eng.Add(ctx, scoring.Candidate{ID: "ana", YearsExperience: 6, Skills: []string{"Java"},
		Certifications: []scoring.Credential{{ID: "ocpjp", Version: "17"}}}); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		opts match.RankOptions
	}{
		{"negative top", match.RankOptions{Top: -1}},
		{"negative offset", match.RankOptions{Offset: -3}},
		{"negative top with ineligible", match.RankOptions{Top: -20, IncludeIneligible: true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := eng.Rank(ctx, seniorJava, tc.opts)
			if !errors.Is(err, match.ErrOptions) {
				t.Errorf("Rank(%+v) error = %v; want one wrapping match.ErrOptions", tc.opts, err)
			}
			if got.Results != nil {
				t.Errorf("Rank(%+v) returned results with an error: %+v", tc.opts, got.Results)
			}
		})
	}
}

// TestRankHugePage asks for "everything from the second on" with the
// largest Top: Offset+Top overflows int, and Rank must still page, not
// panic.
func TestRankHugePage(t *testing.T) {
	ctx := context.Background()
	eng := newEngine(t)
	if _, err := eng.Add(ctx,
		scoring.Candidate{ID: "ana", YearsExperience: 6, Skills: []string{"Java"}, Certifications: []scoring.Credential{{ID: "ocpjp", Version: "17"}}},
		scoring.Candidate{ID: "ben", YearsExperience: 9, Skills: []string{"Java"}, Certifications: []scoring.Credential{{ID: "ocpjp", Version: "11"}}},
		scoring.Candidate{ID: "cid", YearsExperience: 2, Skills: []string{"Java"}},
	); err != nil {
		t.Fatal(err)
	}
	all, err := eng.Rank(ctx, seniorJava, match.RankOptions{IncludeIneligible: true})
	if err != nil {
		t.Fatal(err)
	}
	got, err := eng.Rank(ctx, seniorJava, match.RankOptions{IncludeIneligible: true, Top: math.MaxInt, Offset: 1})
	if err != nil {
		t.Fatal(err)
	}
	want := all
	want.Results = all.Results[1:]
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Rank(Top: MaxInt, Offset: 1) (-want +got):\n%s", diff)
	}
}

func TestInvalidRole(t *testing.T) {
	ctx := context.Background()
	eng := newEngine(t)
	if _, err := eng.Add(ctx, scoring.Candidate{ID: "ana", Skills: []string{"Java"}}); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name  string
		role  scoring.Role
		field string // the field the error names
	}{
		{"no id", scoring.Role{RequiredSkills: []string{"java"}}, "id"},
		{"unknown certification", scoring.Role{ID: "r", Required: []scoring.Requirement{{AnyOf: []string{"ocpjp", "ocpjpx"}}}}, "required[0].any_of[1]"},
		{"empty any_of", scoring.Role{ID: "r", Preferred: []scoring.Requirement{{}}}, "preferred[0].any_of"},
		{"bad min_version", scoring.Role{ID: "r", Required: []scoring.Requirement{{AnyOf: []string{"ocpjp"}, MinVersion: "eleven"}}}, "required[0].min_version"},
		{"negative years", scoring.Role{ID: "r", MinYears: -1}, "min_years"},
		{"all-zero weights", scoring.Role{ID: "r", Weights: &scoring.Weights{}}, "weights"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			check := func(call string, err error) {
				t.Helper()
				if !errors.Is(err, scoring.ErrRole) || !errors.Is(err, scoring.ErrInvalid) {
					t.Errorf("%s error = %v; want one wrapping scoring.ErrRole and scoring.ErrInvalid", call, err)
				}
				var fe *scoring.FieldError
				if !errors.As(err, &fe) || fe.Field != tc.field {
					t.Errorf("%s error = %v; want a *scoring.FieldError for field %q", call, err, tc.field)
				}
			}
			_, err := eng.Rank(ctx, tc.role, match.RankOptions{})
			check("Rank", err)
			_, err = eng.Rank(ctx, tc.role, match.RankOptions{IncludeIneligible: true, Facets: true})
			check("Rank(IncludeIneligible)", err)
			_, err = eng.Explain(ctx, "ana", tc.role)
			check("Explain", err)
			_, err = eng.RolesFor(ctx, "ana", []scoring.Role{seniorJava, tc.role})
			check("RolesFor", err)
		})
	}
}

func TestUnknownCandidate(t *testing.T) {
	ctx := context.Background()
	eng := newEngine(t)
	if _, err := eng.Add(ctx, scoring.Candidate{ID: "ana", Skills: []string{"Java"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := eng.Explain(ctx, "nobody", seniorJava); !errors.Is(err, match.ErrUnknownCandidate) {
		t.Errorf("Explain(unknown id) error = %v; want one wrapping match.ErrUnknownCandidate", err)
	} else if !strings.Contains(err.Error(), `"nobody"`) {
		t.Errorf("Explain(unknown id) error = %q; want it to name the id", err)
	}
	if _, err := eng.Get(ctx, "nobody"); !errors.Is(err, match.ErrUnknownCandidate) {
		t.Errorf("Get(unknown id) error = %v; want one wrapping match.ErrUnknownCandidate", err)
	}
	if _, err := eng.RolesFor(ctx, "nobody", []scoring.Role{seniorJava}); !errors.Is(err, match.ErrUnknownCandidate) {
		t.Errorf("RolesFor(unknown id) error = %v; want one wrapping match.ErrUnknownCandidate", err)
	}
}

func TestDelete(t *testing.T) {
	ctx := context.Background()
	eng := newEngine(t)
	cands := []scoring.Candidate{
		{ID: "ana", YearsExperience: 6, Skills: []string{"Java"}, Certifications: []scoring.Credential{{ID: "ocpjp", Version: "17"}}},
		{ID: "ben", YearsExperience: 9, Skills: []string{"Java"}, Certifications: []scoring.Credential{{Name: "OCP Java SE 11 Developer"}}},
		{ID: "cid", YearsExperience: 2, Skills: []string{"Java"}},
	}
	if _, err := eng.Add(ctx, cands...); err != nil {
		t.Fatal(err)
	}
	ids := func(r match.Ranking) []string {
		var out []string
		for _, res := range r.Results {
			out = append(out, res.CandidateID)
		}
		return out
	}
	before, err := eng.Rank(ctx, seniorJava, match.RankOptions{IncludeIneligible: true})
	if err != nil {
		t.Fatal(err)
	}
	// Both are eligible; ben's 9 years earn more experience points.
	if diff := cmp.Diff([]string{"ben", "ana", "cid"}, ids(before)); diff != "" {
		t.Fatalf("ranking before Delete (-want +got):\n%s", diff)
	}

	n, err := eng.Delete(ctx, "ben", "nobody")
	if err != nil || n != 1 {
		t.Fatalf("Delete(ben, nobody) = %d, %v; want 1, nil", n, err)
	}
	for _, opts := range []match.RankOptions{{}, {IncludeIneligible: true}, {Query: "java"}, {Facets: true}} {
		after, err := eng.Rank(ctx, seniorJava, opts)
		if err != nil {
			t.Fatal(err)
		}
		for _, id := range ids(after) {
			if id == "ben" {
				t.Errorf("Rank(%+v) after Delete still returns ben: %v", opts, ids(after))
			}
		}
		if opts.Facets {
			// Only ana is eligible now: every facet count is 1.
			for _, fc := range after.Facets.Certifications {
				if fc.Count != 1 {
					t.Errorf("facet %s = %d after Delete; want 1 (ana only)", fc.Term, fc.Count)
				}
			}
		}
	}
	after, err := eng.Rank(ctx, seniorJava, match.RankOptions{IncludeIneligible: true})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"ana", "cid"}, ids(after)); diff != "" {
		t.Errorf("ranking after Delete (-want +got):\n%s", diff)
	}
	if after.Total != 2 || after.Eligible != 1 {
		t.Errorf("after Delete: Total %d, Eligible %d; want 2, 1", after.Total, after.Eligible)
	}
	if _, err := eng.Get(ctx, "ben"); !errors.Is(err, match.ErrUnknownCandidate) {
		t.Errorf("Get(ben) after Delete: %v; want match.ErrUnknownCandidate", err)
	}
	if c, err := eng.Count(ctx); err != nil || c != 2 {
		t.Errorf("Count after Delete = %d, %v; want 2", c, err)
	}
	if n, err := eng.Delete(ctx, "ben"); err != nil || n != 0 {
		t.Errorf("second Delete(ben) = %d, %v; want 0, nil", n, err)
	}

	// Adding ben again brings him back, in the same place.
	if _, err := eng.Add(ctx, cands[1]); err != nil {
		t.Fatal(err)
	}
	again, err := eng.Rank(ctx, seniorJava, match.RankOptions{IncludeIneligible: true})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(before, again); diff != "" {
		t.Errorf("ranking after Delete and Add again differs from before (-want +got):\n%s", diff)
	}
}

func TestAddReportsInvalid(t *testing.T) {
	ctx := context.Background()
	eng := newEngine(t)
	rep, err := eng.Add(ctx,
		scoring.Candidate{ID: "ok-1", Skills: []string{"Java"}},
		scoring.Candidate{ID: "bad-years", YearsExperience: -2},
		scoring.Candidate{Name: "No Id"},
		scoring.Candidate{ID: "bad-cert", Certifications: []scoring.Credential{{ID: "ocpjp"}, {Issuer: "Oracle"}}},
		scoring.Candidate{ID: "bad-skill", Skills: []string{"Java", " "}},
		scoring.Candidate{ID: "bad-expiry", Certifications: []scoring.Credential{{ID: "ocpjp", Version: "8", Date: scoring.MustDate("2022-05"), Expires: scoring.MustDate("2021")}}},
		scoring.Candidate{ID: "ok-2", Skills: []string{"Spark"}},
	)
	if err != nil {
		t.Fatalf("Add: %v", err)
	}
	if rep.Added != 2 {
		t.Errorf("Added = %d; want 2 (ok-1 and ok-2)", rep.Added)
	}
	type rejection struct{ Position, Record, Field string }
	var got []rejection
	for _, r := range rep.Rejected {
		got = append(got, rejection{r.Position, r.Record, r.Field})
		if !errors.Is(r, scoring.ErrInvalid) {
			t.Errorf("rejection %v does not wrap scoring.ErrInvalid", r)
		}
	}
	want := []rejection{
		{"[1]", "bad-years", "years_experience"},
		{"[2]", "", "id"},
		{"[3]", "bad-cert", "certifications[1]"},
		{"[4]", "bad-skill", "skills[1]"},
		{"[5]", "bad-expiry", "certifications[0].expires"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("rejections (-want +got):\n%s", diff)
	}
	for _, id := range []string{"ok-1", "ok-2"} {
		if _, err := eng.Get(ctx, id); err != nil {
			t.Errorf("Get(%s): %v; a bad record must not stop the good ones", id, err)
		}
	}
	for _, id := range []string{"bad-years", "bad-cert", "bad-skill", "bad-expiry"} {
		if _, err := eng.Get(ctx, id); !errors.Is(err, match.ErrUnknownCandidate) {
			t.Errorf("Get(%s) = %v; want match.ErrUnknownCandidate (rejected)", id, err)
		}
	}
	if n, err := eng.Count(ctx); err != nil || n != 2 {
		t.Errorf("Count = %d, %v; want 2", n, err)
	}
}

func TestAddKeepsUnresolved(t *testing.T) {
	ctx := context.Background()
	eng := newEngine(t)
	in := scoring.Candidate{
		ID: "ana", YearsExperience: 6, Skills: []string{"Java"},
		Certifications: []scoring.Credential{
			{Name: "PMP", Date: scoring.MustDate("2020")},
			{Name: "Oracle Certified Professional, Java SE 11 Developer", Date: scoring.MustDate("2021-03")},
			{ID: "no-such-cert", Version: "2"},
			{Name: "Udemy OCP Java 17 practice tests"},
		},
	}
	rep, err := eng.Add(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Added != 1 || len(rep.Rejected) != 0 {
		t.Errorf("Added %d, rejected %v; want 1 and none: unknown certifications never reject a candidate", rep.Added, rep.Rejected)
	}
	type unresolved struct {
		Candidate string
		Index     int
		Text      string
	}
	var got []unresolved
	for _, u := range rep.Unresolved {
		got = append(got, unresolved{u.CandidateID, u.Index, u.Text})
		if u.Reason == "" {
			t.Errorf("unresolved %q has no reason", u.Text)
		}
	}
	want := []unresolved{
		{"ana", 0, "PMP"},
		{"ana", 2, "no-such-cert 2"},
		{"ana", 3, "Udemy OCP Java 17 practice tests"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Unresolved (-want +got):\n%s", diff)
	}

	stored, err := eng.Get(ctx, "ana")
	if err != nil {
		t.Fatal(err)
	}
	// Every credential is kept, as written; only the recognised one gains
	// an id and version.
	wantCerts := []scoring.Credential{
		{Name: "PMP", Date: scoring.MustDate("2020")},
		{Name: "Oracle Certified Professional, Java SE 11 Developer", ID: "ocpjp", Version: "11", Date: scoring.MustDate("2021-03")},
		{ID: "no-such-cert", Version: "2"},
		{Name: "Udemy OCP Java 17 practice tests"},
	}
	if diff := cmp.Diff(wantCerts, stored.Certifications); diff != "" {
		t.Errorf("stored credentials (-want +got):\n%s", diff)
	}
	// The unresolved ones count for nothing: the score is what the OCP 11
	// alone earns.
	res, err := eng.Explain(ctx, "ana", seniorJava)
	if err != nil {
		t.Fatal(err)
	}
	alone := in
	alone.Certifications = in.Certifications[1:2]
	want2, err := eng.Scorer().Compile(seniorJava)
	if err != nil {
		t.Fatal(err)
	}
	if w := want2.Score(alone); res.Score != w.Score || res.Eligible != w.Eligible {
		t.Errorf("score with unresolved credentials = %.2f (eligible %v); want %.2f (eligible %v) as with the OCP 11 alone", res.Score, res.Eligible, w.Score, w.Eligible)
	}
}

// TestAddLeavesInputAlone checks that Add normalises its own copy: the
// caller's candidates, passed by value, are not changed through their
// shared credential slices.
func TestAddLeavesInputAlone(t *testing.T) {
	ctx := context.Background()
	eng := newEngine(t)
	in := []scoring.Candidate{
		{ID: "ana", Certifications: []scoring.Credential{{Name: "SCJP 6"}, {ID: "ocpjp", Version: "1.8"}}},
		{ID: "ben", Certifications: []scoring.Credential{{Name: "Oracle Certified Professional, Java SE 11 Developer"}}},
	}
	want := []scoring.Candidate{
		{ID: "ana", Certifications: []scoring.Credential{{Name: "SCJP 6"}, {ID: "ocpjp", Version: "1.8"}}},
		{ID: "ben", Certifications: []scoring.Credential{{Name: "Oracle Certified Professional, Java SE 11 Developer"}}},
	}
	if _, err := eng.Add(ctx, in...); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, in); diff != "" {
		t.Errorf("Add changed its input (-before +after):\n%s", diff)
	}
	// The stored copy is normalised: ids filled, Java 1.8 read as 8.
	got, err := eng.Get(ctx, "ana")
	if err != nil {
		t.Fatal(err)
	}
	wantStored := []scoring.Credential{{Name: "SCJP 6", ID: "ocpjp", Version: "6"}, {ID: "ocpjp", Version: "8"}}
	if diff := cmp.Diff(wantStored, got.Certifications); diff != "" {
		t.Errorf("stored credentials (-want +got):\n%s", diff)
	}
}

func TestImportDuplicate(t *testing.T) {
	ctx := context.Background()
	eng := newEngine(t)
	data := `{"id": "cand-1", "years_experience": 3, "skills": ["Java"]}
{"id": "cand-2", "skills": ["Spark"]}
{"id": "cand-1", "years_experience": 7, "skills": ["Java", "Kafka"]}
{"id": "cand-3", "years_experience": -1}
{"id": "cand-2", "skills": ["Scala"]}
`
	rep, err := eng.Import(ctx, strings.NewReader(data), match.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	wantDup := []match.Duplicate{
		{ID: "cand-1", First: "line 1", Position: "line 3"},
		{ID: "cand-2", First: "line 2", Position: "line 5"},
	}
	if diff := cmp.Diff(wantDup, rep.Duplicates); diff != "" {
		t.Errorf("Duplicates (-want +got):\n%s", diff)
	}
	if rep.Format != input.FormatNative || rep.Read != 5 || rep.Imported != 4 || len(rep.Rejected) != 1 {
		t.Errorf("report: format %q, read %d, imported %d, rejected %v; want native, 5, 4 (duplicates count as imported), 1",
			rep.Format, rep.Read, rep.Imported, rep.Rejected)
	}
	if len(rep.Rejected) == 1 {
		if r := rep.Rejected[0]; r.Position != "line 4" || r.Record != "cand-3" || r.Field != "years_experience" {
			t.Errorf("rejected = %+v; want line 4, cand-3, years_experience", *r)
		}
	}
	if n, err := eng.Count(ctx); err != nil || n != 2 {
		t.Errorf("Count = %d, %v; want 2 distinct ids", n, err)
	}
	// The later record replaces the earlier, as a put does.
	c, err := eng.Get(ctx, "cand-1")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(scoring.Candidate{ID: "cand-1", YearsExperience: 7, Skills: []string{"Java", "Kafka"}}, c); diff != "" {
		t.Errorf("Get(cand-1) (-want +got):\n%s", diff)
	}
}

// TestImportDuplicateAcrossBatches checks that a duplicate id in a later
// batch replaces the earlier record in the ranking as well as in storage.
func TestImportDuplicateAcrossBatches(t *testing.T) {
	ctx := context.Background()
	eng, err := match.Open(ctx, match.Options{Now: testNow, BatchSize: 2})
	if err != nil {
		t.Fatal(err)
	}
	defer eng.Close()
	data := `{"id": "a", "years_experience": 9, "skills": ["Java"], "certifications": [{"id": "ocpjp", "version": "17"}]}
{"id": "b", "years_experience": 6, "skills": ["Java"], "certifications": [{"id": "ocpjp", "version": "11"}]}
{"id": "c", "years_experience": 6, "skills": ["Java"]}
{"id": "a", "years_experience": 1, "skills": ["Java"]}
`
	var progress []match.Progress
	rep, err := eng.Import(ctx, strings.NewReader(data), match.ImportOptions{Progress: func(p match.Progress) { progress = append(progress, p) }})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]match.Duplicate{{ID: "a", First: "line 1", Position: "line 4"}}, rep.Duplicates); diff != "" {
		t.Errorf("Duplicates (-want +got):\n%s", diff)
	}
	// Progress comes after every batch indexed: two batches of two. How
	// far decoding has read by then may run ahead of the indexing.
	var imported []int
	for _, p := range progress {
		imported = append(imported, p.Imported)
		if p.Read < p.Imported+p.Rejected || p.Read > 4 {
			t.Errorf("progress %+v: Read must be at least Imported+Rejected and at most 4", p)
		}
	}
	if diff := cmp.Diff([]int{2, 4}, imported); diff != "" {
		t.Errorf("progress Imported after each batch (-want +got):\n%s", diff)
	}
	r, err := eng.Rank(ctx, seniorJava, match.RankOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if r.Eligible != 1 || len(r.Results) != 1 || r.Results[0].CandidateID != "b" {
		t.Errorf("Rank after the duplicate: eligible %d, results %+v; want only b (a was replaced by a record without OCP)", r.Eligible, r.Results)
	}
}

// TestConcurrentUse runs adds, deletes, ranks, explains and counts at once;
// with -race it checks the engine is safe for concurrent use, and at the
// end that the index holds exactly what was added and not deleted.
func TestConcurrentUse(t *testing.T) {
	ctx := context.Background()
	eng := newEngine(t)
	cands := gen.Candidates(gen.Options{Seed: 7}, 400)
	if _, err := eng.Add(ctx, cands[:100]...); err != nil {
		t.Fatal(err)
	}
	roles := seedRoles(t)
	var wg sync.WaitGroup
	errs := make(chan error, 100)
	for w := range 3 { // adders: 100 each, a few at a time
		wg.Go(func() {
			part := cands[100+w*100 : 200+w*100]
			for i := 0; i < len(part); i += 10 {
				if _, err := eng.Add(ctx, part[i:i+10]...); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	wg.Go(func() { // deleter: every other one of the first hundred
		for i := 0; i < 100; i += 2 {
			if _, err := eng.Delete(ctx, cands[i].ID); err != nil {
				errs <- err
				return
			}
		}
	})
	for _, role := range roles { // rankers
		wg.Go(func() {
			for range 5 {
				r, err := eng.Rank(ctx, role, match.RankOptions{IncludeIneligible: true, Facets: true, Top: 10})
				if err != nil {
					errs <- err
					return
				}
				for _, res := range r.Results {
					if _, err := eng.Explain(ctx, res.CandidateID, role); err != nil && !errors.Is(err, match.ErrUnknownCandidate) {
						errs <- err
						return
					}
				}
				if _, err := eng.Count(ctx); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if n, err := eng.Count(ctx); err != nil || n != 350 {
		t.Errorf("Count = %d, %v; want 350 (400 added, 50 deleted)", n, err)
	}
	r, err := eng.Rank(ctx, roles[0], match.RankOptions{IncludeIneligible: true})
	if err != nil {
		t.Fatal(err)
	}
	if r.Total != 350 {
		t.Errorf("Rank(IncludeIneligible).Total = %d; want 350", r.Total)
	}
}
