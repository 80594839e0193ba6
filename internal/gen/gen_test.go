package gen

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/certmatch/certmatch/scoring"
)

var seedIDs = []string{
	"java-foundations", "ocajp", "scja", "ocpjp", "ocewcd",
	"spring-professional", "hdpcd", "hdpcd-spark", "cca175", "databricks-spark-associate",
}

func isSeed(id string) bool {
	for _, s := range seedIDs {
		if s == id {
			return true
		}
	}
	return false
}

// resolver gives the catalog id and version of a credential: its own for
// one given by id, the normaliser's for one given by name ("" when it does
// not resolve). Generated names repeat, so it remembers them.
type resolver struct {
	cat  *scoring.Catalog
	seen map[string][2]string
}

func newResolver() *resolver {
	return &resolver{cat: scoring.DefaultCatalog(), seen: map[string][2]string{}}
}

func (r *resolver) resolve(cr scoring.Credential) (id, version string) {
	if cr.ID != "" {
		return cr.ID, cr.Version
	}
	v, ok := r.seen[cr.Name]
	if !ok {
		if res, found := r.cat.Normalize(cr.Name); found {
			v = [2]string{res.ID, res.Version}
		}
		r.seen[cr.Name] = v
	}
	return v[0], v[1]
}

func TestDeterministic(t *testing.T) {
	for _, opts := range []Options{{}, {Seed: 1}, {Seed: 42, Start: 1000, Now: time.Date(2020, 2, 29, 0, 0, 0, 0, time.UTC)}} {
		a := Candidates(opts, 3000)
		b := Candidates(opts, 3000)
		if diff := cmp.Diff(a, b); diff != "" {
			t.Fatalf("%+v: two runs differ (-first +second):\n%s", opts, diff)
		}
		var x, y bytes.Buffer
		if err := WriteJSONL(&x, opts, 3000); err != nil {
			t.Fatal(err)
		}
		if err := WriteJSONL(&y, opts, 3000); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(x.Bytes(), y.Bytes()) {
			t.Fatalf("%+v: WriteJSONL output differs between runs", opts)
		}
	}
	a, b := Candidates(Options{Seed: 1}, 100), Candidates(Options{Seed: 2}, 100)
	same := 0
	for i := range a {
		if cmp.Equal(a[i], b[i]) {
			same++
		}
	}
	if same > 0 {
		t.Errorf("seeds 1 and 2 give %d identical candidates of 100", same)
	}
}

func TestIndependent(t *testing.T) {
	opts := Options{Seed: 7}
	all := Candidates(opts, 5000) // large enough to be generated in parallel
	for i := range all {
		if diff := cmp.Diff(Candidate(opts, i), all[i]); diff != "" {
			t.Fatalf("Candidate(opts, %d) differs from Candidates(opts, n)[%d] (-one +slice):\n%s", i, i, diff)
		}
	}
	// A candidate depends on its number, not on where the stream starts.
	shifted := Candidates(Options{Seed: 7, Start: 1234}, 500)
	if diff := cmp.Diff(all[1234:1734], shifted); diff != "" {
		t.Fatalf("Start 1234 does not continue the stream (-from 0 +from 1234):\n%s", diff)
	}
	if got := shifted[0].ID; got != "gen-0001234" {
		t.Errorf("first id with Start 1234 = %q, want gen-0001234", got)
	}
	if Candidates(opts, 0) != nil || Candidates(opts, -1) != nil {
		t.Error("Candidates with n <= 0 should be nil")
	}
}

func TestWriteJSONL(t *testing.T) {
	opts := Options{Seed: 3, Start: 10}
	const n = 3500 // several chunks
	var buf bytes.Buffer
	if err := WriteJSONL(&buf, opts, n); err != nil {
		t.Fatal(err)
	}
	want := Candidates(opts, n)
	sc := bufio.NewScanner(&buf)
	sc.Buffer(nil, 1<<20)
	i := 0
	for sc.Scan() {
		var c scoring.Candidate
		dec := json.NewDecoder(bytes.NewReader(sc.Bytes()))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&c); err != nil {
			t.Fatalf("line %d: %v", i+1, err)
		}
		if i >= n {
			t.Fatalf("more than %d lines", n)
		}
		if diff := cmp.Diff(want[i], c); diff != "" {
			t.Fatalf("line %d does not round-trip (-want +got):\n%s", i+1, diff)
		}
		i++
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if i != n {
		t.Fatalf("got %d lines, want %d", i, n)
	}

	// A failing writer stops the stream with its error.
	for _, limit := range []int{0, 5000, 500_000} {
		err := WriteJSONL(&failWriter{limit: limit}, opts, 20_000)
		if !errors.Is(err, errFull) {
			t.Errorf("limit %d: error %v, want %v", limit, err, errFull)
		}
	}
	if err := WriteJSONL(io.Discard, opts, 0); err != nil {
		t.Errorf("n = 0: %v", err)
	}
}

var errFull = errors.New("full")

type failWriter struct{ limit, n int }

func (w *failWriter) Write(p []byte) (int, error) {
	if w.n+len(p) > w.limit {
		return 0, errFull
	}
	w.n += len(p)
	return len(p), nil
}

func TestValid(t *testing.T) {
	for _, opts := range []Options{
		{Seed: 11},
		{Seed: 12, Now: time.Date(2012, 1, 1, 0, 0, 0, 0, time.UTC)},
		{Seed: 13, Now: time.Date(2030, 12, 31, 0, 0, 0, 0, time.UTC)},
	} {
		now := opts.Now
		if now.IsZero() {
			now = DefaultNow
		}
		ids := map[string]bool{}
		for _, c := range Candidates(opts, 5000) {
			if err := c.Validate(); err != nil {
				t.Fatalf("%+v: %v", opts, err)
			}
			if ids[c.ID] {
				t.Fatalf("duplicate id %s", c.ID)
			}
			ids[c.ID] = true
			if n := len(c.Skills); n < 2 || n > 10 {
				t.Errorf("%s: %d skills", c.ID, n)
			}
			keys := map[string]bool{}
			for _, s := range c.Skills {
				k := scoring.SkillKey(s)
				if keys[k] {
					t.Errorf("%s: skill %q twice in %q", c.ID, s, c.Skills)
				}
				keys[k] = true
			}
			if n := len(c.Certifications); n > 4 {
				t.Errorf("%s: %d certifications", c.ID, n)
			}
			for _, cr := range c.Certifications {
				if !cr.Date.IsZero() && cr.Date.First().After(now) {
					t.Errorf("%s: %q issued %s, after now %s", c.ID, cr.Written(), cr.Date, now.Format(time.DateOnly))
				}
			}
			if w := len(strings.Fields(c.Summary)); w < 15 || w > 40 {
				t.Errorf("%s: summary of %d words: %q", c.ID, w, c.Summary)
			}
			if y := c.YearsExperience; y < 0 || y > 30 || math.Abs(y*10-math.Round(y*10)) > 1e-9 {
				t.Errorf("%s: years_experience %v", c.ID, y)
			}
			if s := c.DesiredSalary; s != 0 && (s < 40000 || s > 220000) {
				t.Errorf("%s: desired_salary %v", c.ID, s)
			}
			if c.Name == "" {
				t.Errorf("%s: no name", c.ID)
			}
			if c.Email != "" && (!strings.Contains(c.Email, "@") || strings.ContainsAny(c.Email, " 'ÀÉéüñóøšłśöë")) {
				t.Errorf("%s: e-mail %q", c.ID, c.Email)
			}
		}
	}
}

func TestDistribution(t *testing.T) {
	const n = 5000
	res := newResolver()
	cands := Candidates(Options{Seed: 1}, n)

	var withCerts, creds, byID, seedCreds, skills int
	var salaries, emptyLoc int
	families := map[string]int{}
	for _, c := range cands {
		if len(c.Certifications) > 0 {
			withCerts++
		}
		skills += len(c.Skills)
		if c.DesiredSalary > 0 {
			salaries++
		}
		if c.Location == "" {
			emptyLoc++
		}
		for _, cr := range c.Certifications {
			creds++
			id, _ := res.resolve(cr)
			if cr.ID != "" {
				byID++
			}
			if isSeed(id) {
				seedCreds++
				families[id]++
			}
		}
	}
	share := float64(withCerts) / n
	t.Logf("%d candidates: %.1f%% with certifications, %d credentials (%d resolve to seed ids, %d given by id), %.1f skills each, %.1f%% with a salary",
		n, 100*share, creds, seedCreds, byID, float64(skills)/n, 100*float64(salaries)/n)
	t.Logf("seed families: %v", families)
	if share < 0.6 || share > 0.9 {
		t.Errorf("share with at least one certification = %.3f, want 0.6..0.9", share)
	}
	for _, id := range seedIDs {
		if families[id] < 5 {
			t.Errorf("seed family %s: %d credentials in %d candidates, want at least 5", id, families[id], n)
		}
	}
	if r := float64(byID) / float64(seedCreds); r < 0.08 || r > 0.25 {
		t.Errorf("share of seed credentials given by id = %.3f, want about 0.15", r)
	}
	if r := float64(seedCreds) / float64(creds); r < 0.5 || r > 0.9 {
		t.Errorf("share of credentials that are seed certifications = %.3f; look-alikes and junk should be a real minority", r)
	}
	if r := float64(salaries) / n; r < 0.75 || r > 0.97 {
		t.Errorf("share with a desired salary = %.3f, want mostly present", r)
	}
	if emptyLoc > n/10 {
		t.Errorf("%d candidates without a location", emptyLoc)
	}
}

// ocpYears bounds the issue years of each OCPJP version.
var ocpYears = map[string][2]int{
	"1.2": {1999, 2002}, "1.4": {2002, 2007}, "5": {2005, 2010}, "6": {2008, 2014},
	"7": {2012, 2017}, "8": {2015, 2022}, "11": {2019, 3000}, "17": {2022, 3000}, "21": {2024, 3000},
}

// TestCorrelations checks the realistic links: versions follow issue years,
// OCP 7/8 holders often list the OCA, OCEWCD holders list the SCJP/OCPJP.
func TestCorrelations(t *testing.T) {
	res := newResolver()
	var ocp78, ocp78WithOCA, ewcd, ewcdWithOCP, spark, sparkExplicit, sparkDated int
	for _, c := range Candidates(Options{Seed: 5}, 20000) {
		held := map[string]bool{}
		for _, cr := range c.Certifications {
			id, _ := res.resolve(cr)
			held[id] = true
		}
		for _, cr := range c.Certifications {
			id, v := res.resolve(cr)
			y := cr.Date.Year
			switch {
			case id == "ocpjp" && (v == "7" || v == "8"):
				ocp78++
				if held["ocajp"] {
					ocp78WithOCA++
				}
			case id == "ocewcd":
				ewcd++
				if held["ocpjp"] {
					ewcdWithOCP++
				}
			case id == "cca175" || id == "databricks-spark-associate":
				if y != 0 {
					sparkDated++
					if !cr.Expires.IsZero() {
						sparkExplicit++
					}
				}
				spark++
			}
			if y == 0 || v == "" || id != "ocpjp" {
				continue
			}
			yrs, known := ocpYears[v]
			if !known || y < yrs[0] || y > yrs[1] {
				t.Errorf("%s: %q (OCPJP %s) issued %d", c.ID, cr.Written(), v, y)
			}
		}
	}
	t.Logf("OCP 7/8: %d, with OCA %d; OCEWCD: %d, with OCPJP %d; CCA175/Databricks dated: %d, explicit expiry %d",
		ocp78, ocp78WithOCA, ewcd, ewcdWithOCP, sparkDated, sparkExplicit)
	if r := float64(ocp78WithOCA) / float64(ocp78); r < 0.35 {
		t.Errorf("only %.2f of OCP 7/8 holders list an OCA", r)
	}
	if r := float64(ewcdWithOCP) / float64(ewcd); r < 0.6 {
		t.Errorf("only %.2f of OCEWCD holders list an SCJP/OCPJP", r)
	}
	if r := float64(sparkExplicit) / float64(sparkDated); r < 0.05 || r > 0.4 {
		t.Errorf("share of CCA175/Databricks credentials with an explicit expiry = %.2f, want some but mostly none", r)
	}
}

// axisVersion is version v of certification id on the line's axis, the
// form resolutions compare in ("5.0" is 5).
func axisVersion(cat *scoring.Catalog, id, v string) string {
	av, _ := cat.AxisVersion(id, v)
	return av
}

// TestTemplates checks the generator's own labels against the normaliser:
// every seed spelling resolves to its id, no look-alike or junk spelling
// resolves to a seed id, and versions given by id are valid.
func TestTemplates(t *testing.T) {
	cat := scoring.DefaultCatalog()
	for _, ct := range certTemplates {
		for _, name := range ct.names {
			res, ok := cat.Normalize(name)
			switch {
			case ct.id != "" && (!ok || res.ID != ct.id):
				t.Errorf("%s: %q resolves to %q (ok=%v, %s), want %s", ct.key, name, res.ID, ok, res.Reason, ct.id)
			case ct.id != "" && ct.version != "" && res.Version != "" && res.Axis != axisVersion(cat, ct.id, ct.version):
				t.Errorf("%s: %q resolves to version %q (%q on the axis), want %q", ct.key, name, res.Version, res.Axis, ct.version)
			case ct.id == "" && ok && isSeed(res.ID):
				t.Errorf("%s: look-alike %q resolves to seed id %s", ct.key, name, res.ID)
			}
		}
		if ct.id == "" {
			continue
		}
		if !cat.Known(ct.id) {
			t.Errorf("%s: unknown id %q", ct.key, ct.id)
		}
		c := scoring.Candidate{ID: "x", Certifications: []scoring.Credential{{ID: ct.id, Version: ct.version}}}
		if err := c.Validate(); err != nil {
			t.Errorf("%s: %v", ct.key, err)
		}
		if un := c.Resolve(cat); len(un) > 0 {
			t.Errorf("%s: %v", ct.key, un)
		}
	}
}

func TestAddMonths(t *testing.T) {
	for _, tc := range []struct {
		in   string
		n    int
		want string
	}{
		{"2019", 24, "2021"},
		{"2019-11", 24, "2021-11"},
		{"2019-11", 2, "2020-01"},
		{"2019-12-31", 2, "2020-02-29"},
		{"2020-01-15", 36, "2023-01-15"},
	} {
		if got := addMonths(scoring.MustDate(tc.in), tc.n).String(); got != tc.want {
			t.Errorf("addMonths(%s, %d) = %s, want %s", tc.in, tc.n, got, tc.want)
		}
	}
}

func BenchmarkCandidates(b *testing.B) {
	b.ReportAllocs()
	opts := Options{Seed: 1}
	for i := 0; b.Loop(); i++ {
		_ = Candidate(opts, i)
	}
}

func BenchmarkCandidates100k(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		_ = Candidates(Options{Seed: 1}, 100_000)
	}
}

func BenchmarkWriteJSONL100k(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if err := WriteJSONL(io.Discard, Options{Seed: 1}, 100_000); err != nil {
			b.Fatal(err)
		}
	}
}
