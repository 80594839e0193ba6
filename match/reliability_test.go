package match_test

import (
	"context"
	"errors"
	"math"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/certmatch/certmatch/internal/gen"

	"github.com/certmatch/certmatch/match"
	"github.com/certmatch/certmatch/match/input"
	"github.com/certmatch/certmatch/scoring"
)

// TestUnstorableValuesNeverReachTheIndex sends values that could not be
// read back (impossible dates, invalid UTF-8 and over-long ids, unbounded
// numbers) through every way in: Add, and Import of native JSON, CSV and
// JSON Resume. Each is rejected naming its field; afterwards every stored
// candidate can be fetched and ranked, and the on-disk index reopens and
// ranks the same.
func TestUnstorableValuesNeverReachTheIndex(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "index")
	eng, err := match.Open(ctx, match.Options{Path: dir, Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	cert := func(d scoring.Date) []scoring.Credential {
		return []scoring.Credential{{ID: "ocpjp", Version: "11", Date: d}}
	}
	adds := []struct {
		why   string
		c     scoring.Candidate
		field string
	}{
		{"month 13", scoring.Candidate{ID: "m13", Certifications: cert(scoring.Date{Year: 2021, Month: 13})}, "certifications[0].date"},
		{"day 101", scoring.Candidate{ID: "d101", Certifications: cert(scoring.Date{Year: 2021, Month: 1, Day: 101})}, "certifications[0].date"},
		{"year 10000", scoring.Candidate{ID: "y10k", Certifications: cert(scoring.Date{Year: 10000})}, "certifications[0].date"},
		{"30 February", scoring.Candidate{ID: "feb30", Certifications: cert(scoring.Date{Year: 2021, Month: 2, Day: 30})}, "certifications[0].date"},
		{"the zero time", scoring.Candidate{ID: "zero", Certifications: cert(scoring.DateOf(time.Time{}))}, "certifications[0].date"},
		{"expiry 31 April", scoring.Candidate{ID: "apr31", Certifications: []scoring.Credential{{ID: "ocpjp", Version: "11", Expires: scoring.Date{Year: 2030, Month: 4, Day: 31}}}}, "certifications[0].expires"},
		{"invalid UTF-8 id", scoring.Candidate{ID: "a\xff"}, "id"},
		{"id over the limit", scoring.Candidate{ID: strings.Repeat("x", scoring.MaxIDLength+1)}, "id"},
		{"NaN years", scoring.Candidate{ID: "nan", YearsExperience: math.NaN()}, "years_experience"},
		{"infinite salary", scoring.Candidate{ID: "inf", DesiredSalary: math.Inf(1)}, "desired_salary"},
	}
	for _, tc := range adds {
		rep, err := eng.Add(ctx, tc.c, scoring.Candidate{ID: "good-" + tc.c.ID[:1]})
		if err != nil {
			t.Fatalf("%s: Add: %v", tc.why, err)
		}
		if rep.Added != 1 || len(rep.Rejected) != 1 || rep.Rejected[0].Field != tc.field || rep.Rejected[0].Position != "[0]" {
			t.Errorf("%s: Add report %+v, want [0] rejected on %s and the good one added", tc.why, rep, tc.field)
		}
	}
	imports := []struct {
		why    string
		format input.Format
		data   string
		fields []string
	}{
		{"native JSON Lines", input.FormatNative,
			"{\"id\":\"n1\",\"certifications\":[{\"id\":\"ocpjp\",\"date\":\"2021-13\"}]}\n" +
				"{\"id\":\"n2\",\"certifications\":[{\"id\":\"ocpjp\",\"date\":\"2021-02-30\"}]}\n" +
				"{\"id\":\"n\xff\"}\n{\"id\":\"n\xfe\"}\n" +
				"{\"id\":\"n3\",\"years_experience\":1e400}\n" +
				"{\"id\":\"n-good\",\"certifications\":[{\"id\":\"ocpjp\",\"version\":\"11\",\"date\":\"2021-02-28\"}]}\n",
			[]string{"certifications[0].date", "certifications[0].date", "id", "id", "years_experience"}},
		{"CSV", input.FormatCSV,
			"id,years_experience,certifications\nc1,,OCP Java 11|2021-13\nc\xff,,\nc2,1e400,\nc3,-1,\nc-good,5,OCP Java 11|2021-03\n",
			[]string{"certifications[0].date", "id", "years_experience", "years_experience"}},
		{"JSON Resume", input.FormatJSONResume,
			"{\"basics\":{\"email\":\"a@x.org\"},\"certificates\":[{\"name\":\"OCP\",\"date\":\"2021-02-30\"}]}\n" +
				"{\"basics\":{\"email\":\"b@x.org\"},\"certificates\":[{\"name\":\"OCP\",\"date\":\"10000\"}]}\n" +
				"{\"basics\":{\"email\":\"ok@x.org\"},\"certificates\":[{\"name\":\"OCP Java 11\",\"date\":\"2021\"}]}\n",
			[]string{"certificates[0].date", "certificates[0].date"}},
	}
	for _, tc := range imports {
		rep, err := eng.Import(ctx, strings.NewReader(tc.data), match.ImportOptions{Format: tc.format})
		if err != nil {
			t.Fatalf("%s: Import: %v", tc.why, err)
		}
		var fields []string
		for _, r := range rep.Rejected {
			fields = append(fields, r.Field)
			if strings.Contains(r.Error(), "\xff") || strings.Contains(r.Error(), "\xfe") {
				t.Errorf("%s: a rejection quotes an invalid id: %q", tc.why, r.Error())
			}
		}
		if diff := cmp.Diff(tc.fields, fields); diff != "" || rep.Imported != 1 {
			t.Errorf("%s: imported %d (want 1), rejected fields (-want +got):\n%s", tc.why, rep.Imported, diff)
		}
	}

	role := seedRoles(t)[0]
	rankAll := func(eng *match.Engine) match.Ranking {
		t.Helper()
		r, err := eng.Rank(ctx, role, match.RankOptions{Top: 1000, IncludeIneligible: true})
		if err != nil {
			t.Fatalf("Rank: %v", err)
		}
		for _, res := range r.Results {
			if _, err := eng.Get(ctx, res.CandidateID); err != nil {
				t.Errorf("Get(%q) of a ranked candidate: %v", res.CandidateID, err)
			}
			if math.IsNaN(res.Score) || math.IsInf(res.Score, 0) {
				t.Errorf("%s scores %v", res.CandidateID, res.Score)
			}
		}
		return r
	}
	before := rankAll(eng)
	// Nine good ids from the Adds (good- and the first letter of each bad
	// id: m, d, y, f, z, a, x, n, i), one per import.
	if n, err := eng.Count(ctx); before.Total != 12 || n != 12 || err != nil {
		t.Errorf("ranked %d, count %d (%v); want 12 stored and ranked", before.Total, n, err)
	}
	if err := eng.Close(); err != nil {
		t.Fatal(err)
	}
	eng, err = match.Open(ctx, match.Options{Path: dir, Now: testNow})
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer eng.Close()
	if diff := cmp.Diff(before, rankAll(eng)); diff != "" {
		t.Errorf("ranking after reopening (-before +after):\n%s", diff)
	}
}

// TestHugeWeightsAreRejectedByRank: a role whose weights would overflow
// the score to NaN or Inf is refused by Rank and by LoadRole, naming the
// field, instead of ranking in a broken order.
func TestHugeWeightsAreRejectedByRank(t *testing.T) {
	ctx := context.Background()
	eng := newEngine(t)
	if _, err := eng.Add(ctx, scoring.Candidate{ID: "c1", Skills: []string{"java"}}); err != nil {
		t.Fatal(err)
	}
	role := scoring.Role{ID: "huge", PreferredSkills: []string{"java"}, Weights: &scoring.Weights{Skills: 1e308, Certifications: 1e308}}
	_, err := eng.Rank(ctx, role, match.RankOptions{})
	var fe *scoring.FieldError
	if !errors.Is(err, scoring.ErrRole) || !errors.As(err, &fe) || fe.Field != "weights.certifications" {
		t.Errorf("Rank with weights 1e308 = %v, want ErrRole naming weights.certifications", err)
	}
	_, err = input.LoadRole(strings.NewReader(`{"id":"huge","preferred":[{"any_of":["ocajp"],"weight":1e308}]}`), nil)
	var re *input.RoleError
	if !errors.As(err, &re) || re.Field != "preferred[0].weight" {
		t.Errorf("LoadRole with weight 1e308 = %v, want a RoleError on preferred[0].weight", err)
	}
}

// TestRankHonoursCancellationWhileLoading ranks 5,000 candidates in one
// page, whose loading from bleve takes most of the time, and cancels at a
// quarter of the full ranking's time: Rank must return the context's error
// (it used to return the full page).
func TestRankHonoursCancellationWhileLoading(t *testing.T) {
	ctx := context.Background()
	eng := newEngine(t)
	const n = 5_000
	cands := gen.Candidates(gen.Options{Seed: 3}, n)
	if _, err := eng.Add(ctx, cands...); err != nil {
		t.Fatal(err)
	}
	opts := match.RankOptions{Top: n, IncludeIneligible: true}
	role := seedRoles(t)[0]
	start := time.Now()
	full, err := eng.Rank(ctx, role, opts)
	took := time.Since(start)
	t.Logf("full ranking of %d took %v", n, took)
	if err != nil || len(full.Results) != n {
		t.Fatalf("full ranking: %d results, %v", len(full.Results), err)
	}
	cctx, cancel := context.WithTimeout(ctx, took/4)
	defer cancel()
	start = time.Now()
	r, err := eng.Rank(cctx, role, opts)
	stopped := time.Since(start)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Rank cancelled at %v of %v: %d results, err %v; want the context's error", took/4, took, len(r.Results), err)
	}
	t.Logf("cancelled at %v, returned after %v; the full ranking took %v", took/4, stopped, took)
}
