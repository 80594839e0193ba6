package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/certmatch/certmatch/internal/golden"

	"github.com/google/go-cmp/cmp"

	"github.com/certmatch/certmatch/index"
	"github.com/certmatch/certmatch/match"
	"github.com/certmatch/certmatch/scoring"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

const (
	candidatesFile = "../../testdata/candidates.json"
	seniorJavaRole = "../../testdata/roles/senior-java.json"
	testDate       = "2026-06-01" // --now of every scoring command
)

// result is what one run of the tool did.
type result struct {
	code           int
	stdout, stderr string
}

// runTool runs the tool in-process with args and stdin.
func runTool(t *testing.T, stdin string, args ...string) result {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), args, strings.NewReader(stdin), &stdout, &stderr)
	return result{code, stdout.String(), stderr.String()}
}

// mustRun runs the tool and fails the test unless it exits 0.
func mustRun(t *testing.T, stdin string, args ...string) result {
	t.Helper()
	r := runTool(t, stdin, args...)
	if r.code != 0 {
		t.Fatalf("certmatch %s: exit %d; stderr:\n%s", strings.Join(args, " "), r.code, r.stderr)
	}
	return r
}

// TestRankGolden ranks the bundled candidates against the senior Java
// role and compares the JSON with testdata/rank-senior-java.json.golden.
// Run `go test ./examples/certmatch -update` after an intended change and
// read the diff.
func TestRankGolden(t *testing.T) {
	r := mustRun(t, "", "rank", "--candidates", candidatesFile, "--role", seniorJavaRole, "--json", "--now", testDate)
	if r.stderr != "" {
		t.Errorf("stderr: %q; want nothing (no bundled record is rejected)", r.stderr)
	}
	golden.Compare(t, filepath.Join("testdata", "rank-senior-java.json.golden"), r.stdout, *update)

	var got match.Ranking
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
		t.Fatalf("rank --json output is not a ranking: %v", err)
	}
	if got.Role != "senior-java" || len(got.Results) == 0 || len(got.Results) > match.DefaultTop {
		t.Errorf("ranking of %q with %d results; want senior-java with 1 to %d", got.Role, len(got.Results), match.DefaultTop)
	}
	for i, res := range got.Results {
		if res.Rank != i+1 || !res.Eligible {
			t.Errorf("result %d: rank %d, eligible %v; want rank %d, eligible (no --all)", i, res.Rank, res.Eligible, i+1)
		}
	}
}

func TestExitCodes(t *testing.T) {
	dir := t.TempDir()
	badRole := filepath.Join(dir, "bad-role.json")
	if err := os.WriteFile(badRole, []byte(`{"id": "r", "required": [{"any_of": ["ocpjpx"]}]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(dir, "missing.json")
	for _, tc := range []struct {
		name   string
		args   []string
		code   int
		stderr string // a substring stderr must hold; "" checks nothing
		why    string
	}{
		{"no args", nil, 2, "usage:", "a command is required"},
		{"unknown command", []string{"frobnicate"}, 2, `unknown command "frobnicate"`, "only the five commands exist"},
		{"help", []string{"help"}, 0, "", "help prints the usage on stdout"},
		{"rank without role", []string{"rank", "--candidates", candidatesFile}, 2, "--role", "rank needs a role"},
		{"rank without candidates", []string{"rank", "--role", seniorJavaRole}, 2, "--index DIR or --candidates FILE", "rank needs something to rank"},
		{"rank with index and candidates", []string{"rank", "--role", seniorJavaRole, "--index", dir, "--candidates", candidatesFile}, 2, "one of them", "the two sources exclude each other"},
		{"rank unknown flag", []string{"rank", "--bogus"}, 2, "bogus", "flags are checked"},
		{"rank zero top", []string{"rank", "--candidates", candidatesFile, "--role", seniorJavaRole, "--top", "0"}, 2, "--top", "a page holds at least one result"},
		{"rank bad date", []string{"rank", "--candidates", candidatesFile, "--role", seniorJavaRole, "--now", "June 1"}, 2, "--now", "--now is YYYY-MM-DD"},
		{"rank missing candidates file", []string{"rank", "--candidates", missing, "--role", seniorJavaRole}, 1, "missing.json", "a file that cannot be read is an error, not a usage error"},
		{"rank missing role file", []string{"rank", "--candidates", candidatesFile, "--role", missing}, 1, "missing.json", "a file that cannot be read is an error"},
		{"rank missing index", []string{"rank", "--index", filepath.Join(dir, "no-such-index"), "--role", seniorJavaRole}, 1, "no-such-index", "a mistyped index folder is an error, not an empty ranking"},
		{"facets missing index", []string{"facets", "--index", filepath.Join(dir, "no-such-index")}, 1, "no-such-index", "reading commands never create an index"},
		{"rank invalid role", []string{"rank", "--candidates", candidatesFile, "--role", badRole}, 1, "required[0].any_of[0]", "an invalid role is an error naming its field"},
		{"rank ok", []string{"rank", "--candidates", candidatesFile, "--role", seniorJavaRole, "--now", testDate}, 0, "", "the main job"},
		{"explain without candidate", []string{"explain", "--candidates", candidatesFile, "--role", seniorJavaRole}, 2, "--candidate", "explain needs an id"},
		{"explain unknown candidate", []string{"explain", "--candidates", candidatesFile, "--role", seniorJavaRole, "--candidate", "nobody"}, 1, "unknown candidate", "an unknown id is an error"},
		{"facets without source", []string{"facets"}, 2, "--index DIR or --candidates FILE", "facets needs something to count"},
		{"facets missing role", []string{"facets", "--candidates", candidatesFile, "--role", missing}, 1, "missing.json", "a role that cannot be read is an error"},
		{"import without index", []string{"import", candidatesFile}, 2, "--index", "import needs an index folder"},
		{"import without file", []string{"import", "--index", filepath.Join(dir, "idx-none")}, 2, "FILE", "import needs a file"},
		{"import missing file", []string{"import", "--index", filepath.Join(dir, "idx-missing"), missing}, 1, "missing.json", "a file that cannot be read is an error"},
		{"normalize", []string{"normalize", "OCP 11"}, 0, "", "normalize needs no files"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := runTool(t, "", tc.args...)
			if r.code != tc.code {
				t.Errorf("certmatch %s: exit %d, want %d (%s); stderr:\n%s", strings.Join(tc.args, " "), r.code, tc.code, tc.why, r.stderr)
			}
			if !strings.Contains(r.stderr, tc.stderr) {
				t.Errorf("stderr %q does not mention %q", r.stderr, tc.stderr)
			}
			if tc.code == 2 && !strings.Contains(r.stderr, "usage:") {
				t.Errorf("a usage error (exit 2) must print the usage; stderr:\n%s", r.stderr)
			}
			if tc.code == 1 && strings.Contains(r.stderr, "usage:") {
				t.Errorf("an error (exit 1) must not print the usage; stderr:\n%s", r.stderr)
			}
			// import prints its summary of every file even when one
			// fails; every other failed command writes nothing.
			if tc.code != 0 && r.stdout != "" && tc.args[0] != "import" {
				t.Errorf("a failed command wrote to stdout: %q", r.stdout)
			}
		})
	}
	if _, err := os.Stat(filepath.Join(dir, "no-such-index")); !os.IsNotExist(err) {
		t.Errorf("a reading command created the index folder it was given: %v", err)
	}
}

func TestHelp(t *testing.T) {
	r := mustRun(t, "", "help")
	for _, cmd := range []string{"normalize", "import", "rank", "explain", "facets"} {
		if !strings.Contains(r.stdout, "certmatch "+cmd) {
			t.Errorf("usage does not mention %q:\n%s", cmd, r.stdout)
		}
	}
}

// decodeLines decodes JSON Lines strictly: every line one object with the
// four fields and no other.
func decodeLines(t *testing.T, out string) []normalized {
	t.Helper()
	var got []normalized
	for _, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		dec := json.NewDecoder(strings.NewReader(line))
		dec.DisallowUnknownFields()
		var n normalized
		if err := dec.Decode(&n); err != nil {
			t.Fatalf("line %q: %v", line, err)
		}
		var fields map[string]any
		if err := json.Unmarshal([]byte(line), &fields); err != nil || len(fields) != 4 {
			t.Errorf("line %q: want exactly text, id, version and confidence", line)
		}
		got = append(got, n)
	}
	return got
}

func TestNormalize(t *testing.T) {
	inputs := []struct {
		text, id, version string
	}{
		{"Sun Certified Java Programmer 6 (CX-310-065)", "ocpjp", "6"},
		{"SCWCD 1.4", "ocewcd", "1.4"},
		{"Oracle Certified Professional, Java SE 11 Developer", "ocpjp", "11"},
		{"Udemy OCP Java 11 practice tests", "", ""}, // a course is never a credential
		{"PMP", "", ""},
	}
	cat := scoring.DefaultCatalog()
	var want []normalized
	var args []string
	for _, in := range inputs {
		res, _ := cat.Normalize(in.text)
		want = append(want, normalized{Text: in.text, ID: in.id, Version: in.version, Confidence: res.Confidence})
		args = append(args, in.text)
	}

	t.Run("args", func(t *testing.T) {
		r := mustRun(t, "should not be read\n", append([]string{"normalize"}, args...)...)
		if diff := cmp.Diff(want, decodeLines(t, r.stdout)); diff != "" {
			t.Errorf("normalize args (-want +got):\n%s", diff)
		}
	})
	t.Run("stdin", func(t *testing.T) {
		// One object per line, in order; Windows line ends are not text.
		stdin := strings.Join(args[:2], "\r\n") + "\r\n" + strings.Join(args[2:], "\n") // no final newline
		r := mustRun(t, stdin, "normalize")
		if diff := cmp.Diff(want, decodeLines(t, r.stdout)); diff != "" {
			t.Errorf("normalize stdin (-want +got):\n%s", diff)
		}
	})
	t.Run("empty stdin", func(t *testing.T) {
		if r := mustRun(t, "", "normalize"); r.stdout != "" {
			t.Errorf("normalize of empty stdin printed %q; want nothing", r.stdout)
		}
	})
}

// rankAll runs rank --all --json with the source args and decodes it.
func rankAll(t *testing.T, source ...string) match.Ranking {
	t.Helper()
	args := append([]string{"rank"}, source...)
	args = append(args, "--role", seniorJavaRole, "--json", "--now", testDate, "--all", "--top", "1000")
	r := mustRun(t, "", args...)
	var out match.Ranking
	if err := json.Unmarshal([]byte(r.stdout), &out); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestExplain(t *testing.T) {
	all := rankAll(t, "--candidates", candidatesFile)
	byID := map[string]scoring.Result{}
	for _, r := range all.Results {
		byID[r.CandidateID] = r.Result
	}
	for _, id := range []string{"cand-0001", "cand-0044", "cand-0045"} {
		t.Run(id, func(t *testing.T) {
			args := []string{"explain", "--candidates", candidatesFile, "--role", seniorJavaRole, "--candidate", id, "--now", testDate}
			r := mustRun(t, "", append(args, "--json")...)
			var got scoring.Result
			if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
				t.Fatal(err)
			}
			// explain says what rank said about the same candidate.
			if diff := cmp.Diff(byID[id], got); diff != "" {
				t.Errorf("explain --json differs from the candidate's rank --all result (-want +got):\n%s", diff)
			}
			text := mustRun(t, "", args...).stdout
			head := id + " against senior-java: "
			if !strings.HasPrefix(text, head) {
				t.Errorf("explain text starts %q; want %q", strings.SplitN(text, "\n", 2)[0], head)
			}
			for _, c := range got.Components {
				if !strings.Contains(text, c.Reason) {
					t.Errorf("explain text does not give the %s reason %q:\n%s", c.Name, c.Reason, text)
				}
			}
		})
	}
}

// facetsOutput is facets --json.
type facetsOutput struct {
	Total  int          `json:"total"`
	Facets index.Facets `json:"facets"`
}

func TestFacets(t *testing.T) {
	// The reference: the bundled candidates as the library stores them,
	// counted here.
	ctx := context.Background()
	eng, err := match.Open(ctx, match.Options{Now: func() time.Time { return time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC) }})
	if err != nil {
		t.Fatal(err)
	}
	defer eng.Close()
	f, err := os.Open(candidatesFile)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := eng.Import(ctx, f, match.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	var ids []string
	res, err := eng.Index().Search(ctx, index.SearchRequest{Limit: 100000})
	if err != nil {
		t.Fatal(err)
	}
	ids = res.IDs
	cat := eng.Scorer().Catalog()
	certs, skills, locs := map[string]int{}, map[string]int{}, map[string]int{}
	for _, id := range ids {
		c, err := eng.Get(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		held := map[string]bool{}
		for _, cr := range c.Certifications {
			if _, ok := cat.Cert(cr.ID); ok {
				held[cr.ID] = true
				for im := range cat.Implies(cr.ID) {
					held[im.ID] = true
				}
			}
		}
		for id := range held {
			certs[id]++
		}
		keys := map[string]bool{}
		for _, s := range c.Skills {
			keys[scoring.SkillKey(s)] = true
		}
		for k := range keys {
			skills[k]++
		}
		if l := scoring.ParsePlace(c.Location).Key(); l != "" {
			locs[l]++
		}
	}
	asMap := func(fc []index.FacetCount) map[string]int {
		m := map[string]int{}
		for _, c := range fc {
			m[c.Term] = c.Count
		}
		return m
	}
	sorted := func(fc []index.FacetCount) bool {
		return slices.IsSortedFunc(fc, func(a, b index.FacetCount) int {
			if a.Count != b.Count {
				return b.Count - a.Count
			}
			return strings.Compare(a.Term, b.Term)
		})
	}

	r := mustRun(t, "", "facets", "--candidates", candidatesFile, "--json", "--now", testDate)
	var got facetsOutput
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
		t.Fatalf("facets --json: %v\n%s", err, r.stdout)
	}
	if got.Total != len(ids) {
		t.Errorf("total = %d; want %d", got.Total, len(ids))
	}
	for _, tc := range []struct {
		name string
		got  []index.FacetCount
		want map[string]int
	}{
		{"certifications", got.Facets.Certifications, certs},
		{"skills", got.Facets.Skills, skills},
		{"locations", got.Facets.Locations, locs},
	} {
		if diff := cmp.Diff(tc.want, asMap(tc.got)); diff != "" {
			t.Errorf("%s facet (-want +got):\n%s", tc.name, diff)
		}
		if !sorted(tc.got) {
			t.Errorf("%s facet is not ordered by count, then term: %v", tc.name, tc.got)
		}
	}

	// With a role, only candidates who can be eligible are counted: at
	// least the eligible ones, at most everyone.
	r = mustRun(t, "", "facets", "--candidates", candidatesFile, "--role", seniorJavaRole, "--json", "--now", testDate)
	var gated facetsOutput
	if err := json.Unmarshal([]byte(r.stdout), &gated); err != nil {
		t.Fatal(err)
	}
	all := rankAll(t, "--candidates", candidatesFile)
	if gated.Total < all.Eligible || gated.Total >= len(ids) {
		t.Errorf("facets --role total = %d; want between %d eligible and %d candidates", gated.Total, all.Eligible, len(ids))
	}
	if n := asMap(gated.Facets.Certifications)["ocpjp"]; n != gated.Total {
		t.Errorf("facets --role: %d of %d hold ocpjp; every candidate who can be eligible for senior-java must", n, gated.Total)
	}

	// The text form lists the same totals.
	text := mustRun(t, "", "facets", "--candidates", candidatesFile).stdout
	if !strings.HasPrefix(text, "57 candidates\n") || !strings.Contains(text, "\ncertifications:\n") {
		t.Errorf("facets text output:\n%s", text)
	}
}

// TestImportThenRank imports the bundled candidates into an on-disk index
// and checks that ranking from it gives exactly what ranking the file in
// memory gives.
func TestImportThenRank(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	r := mustRun(t, "", "import", "--index", dir, candidatesFile)
	if want := "read 57, imported 57, rejected 0, duplicate ids 0, certifications not recognised 7; index holds 57\n"; r.stdout != want {
		t.Errorf("import summary = %q; want %q", r.stdout, want)
	}
	if strings.Contains(r.stderr, "rejected ") {
		t.Errorf("import rejected bundled records: %q", r.stderr)
	}

	fromFile := mustRun(t, "", "rank", "--candidates", candidatesFile, "--role", seniorJavaRole, "--json", "--now", testDate)
	fromIndex := mustRun(t, "", "rank", "--index", dir, "--role", seniorJavaRole, "--json", "--now", testDate)
	if diff := cmp.Diff(fromFile.stdout, fromIndex.stdout); diff != "" {
		t.Errorf("rank --index differs from rank --candidates (-candidates +index):\n%s", diff)
	}
	if diff := cmp.Diff(rankAll(t, "--candidates", candidatesFile), rankAll(t, "--index", dir)); diff != "" {
		t.Errorf("rank --all --index differs from rank --all --candidates (-candidates +index):\n%s", diff)
	}

	// Importing the same file again replaces every candidate: the index
	// still holds 57 and ranks the same.
	r = mustRun(t, "", "import", "--index", dir, "--json", candidatesFile)
	var rep match.ImportReport
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
		t.Fatalf("import --json: %v\n%s", err, r.stdout)
	}
	if rep.Read != 57 || rep.Imported != 57 || len(rep.Rejected) != 0 {
		t.Errorf("second import: read %d, imported %d, rejected %d; want 57, 57, 0", rep.Read, rep.Imported, len(rep.Rejected))
	}
	again := mustRun(t, "", "rank", "--index", dir, "--role", seniorJavaRole, "--json", "--now", testDate)
	if diff := cmp.Diff(fromFile.stdout, again.stdout); diff != "" {
		t.Errorf("rank after a second import (-want +got):\n%s", diff)
	}
}

// TestRankIneligible: rank --ineligible is rank --all without the
// eligible candidates, ranks renumbered, nearest to eligible first.
func TestRankIneligible(t *testing.T) {
	all := rankAll(t, "--candidates", candidatesFile)
	r := mustRun(t, "", "rank", "--candidates", candidatesFile, "--role", seniorJavaRole, "--json", "--now", testDate, "--ineligible", "--top", "1000")
	var got match.Ranking
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, res := range all.Results {
		if !res.Eligible {
			want = append(want, res.CandidateID)
		}
	}
	var ids []string
	for i, res := range got.Results {
		ids = append(ids, res.CandidateID)
		if res.Rank != i+1 || res.Eligible || res.Away.Unmet == 0 {
			t.Errorf("result %d: rank %d, eligible %v, away %+v; want rank %d, ineligible with unmet items", i, res.Rank, res.Eligible, res.Away, i+1)
		}
		if i > 0 && got.Results[i-1].Away.Compare(res.Away) > 0 {
			t.Errorf("result %d (%s) is nearer to eligible than the one before it (%s)", i, res.Away, got.Results[i-1].Away)
		}
	}
	if len(want) == 0 {
		t.Fatal("senior-java has no ineligible candidates; the test needs some")
	}
	if diff := cmp.Diff(want, ids); diff != "" {
		t.Errorf("--ineligible ids (-want +got):\n%s", diff)
	}
	if got.Eligible != 0 || got.Total != len(want) {
		t.Errorf("eligible %d, total %d; want 0 and %d", got.Eligible, got.Total, len(want))
	}
}

// TestImportSeveralFilesOneFailing: a file that cannot be read, or fails
// half way, does not stop the others; the summary gives each file and the
// totals, --json with the real format, and the exit code says a file
// failed.
func TestImportSeveralFilesOneFailing(t *testing.T) {
	tmp := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(tmp, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := write("good.jsonl", "{\"id\":\"a1\"}\n{\"id\":\"a2\"}\n")
	cut := write("cut.json", `[{"id":"b1"},{"id":"b2"},{"id":"b`)
	csvFile := write("more.csv", "id,skills\nc1,Java\n")
	missing := filepath.Join(tmp, "missing.json")

	dir := filepath.Join(tmp, "index")
	r := runTool(t, "", "import", "--index", dir, good, missing, cut, csvFile)
	if r.code != exitError {
		t.Errorf("exit %d, want %d; stderr:\n%s", r.code, exitError, r.stderr)
	}
	wantOut := good + ": native, read 2, imported 2, rejected 0\n" +
		missing + ": not read (see the error above)\n" +
		cut + ": native, read 2, imported 2, rejected 0; stopped at [2]: unexpected end of input (truncated?)\n" +
		csvFile + ": csv, read 1, imported 1, rejected 0\n" +
		"read 5, imported 5, rejected 0, duplicate ids 0, certifications not recognised 0; index holds 5\n"
	if diff := cmp.Diff(wantOut, r.stdout); diff != "" {
		t.Errorf("summary (-want +got):\n%s", diff)
	}
	for _, want := range []string{"missing.json", "cut.json", "2 of 4 files could not be read to their end"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr does not mention %q:\n%s", want, r.stderr)
		}
	}

	r = runTool(t, "", "import", "--index", filepath.Join(tmp, "index2"), "--json", good, cut)
	var sum struct {
		Format string `json:"format"`
		Read   int    `json:"read"`
		Files  []struct {
			File    string `json:"file"`
			Format  string `json:"format"`
			Stopped string `json:"stopped"`
			Error   string `json:"error"`
		} `json:"files"`
		IndexHolds int `json:"index_holds"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &sum); err != nil {
		t.Fatalf("import --json: %v\n%s", err, r.stdout)
	}
	if sum.Format != "native" || sum.Read != 4 || sum.IndexHolds != 4 || len(sum.Files) != 2 ||
		sum.Files[1].Format != "native" || sum.Files[1].Stopped == "" || sum.Files[1].Error == "" {
		t.Errorf("import --json summary = %+v; want format native, 4 read and held, the cut file stopped with an error", sum)
	}
	r = runTool(t, "", "import", "--index", filepath.Join(tmp, "index3"), "--json", good, csvFile)
	if err := json.Unmarshal([]byte(r.stdout), &sum); err != nil || sum.Format != "native,csv" || r.code != 0 {
		t.Errorf("two formats: exit %d, format %q, %v; want 0 and \"native,csv\"", r.code, sum.Format, err)
	}
}

// TestReadCommandsShareTheIndex: rank, explain and facets open an index
// read-only, so they run beside each other; while a writer (an import)
// holds it, they fail with an error that says the index is held by another
// process, not a bare "timeout".
func TestReadCommandsShareTheIndex(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "index")
	mustRun(t, "", "import", "--index", dir, candidatesFile)

	reader, err := match.Open(ctx, match.Options{Path: dir, ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	r := runTool(t, "", "rank", "--index", dir, "--role", seniorJavaRole, "--now", testDate)
	if r.code != exitOK {
		t.Errorf("rank beside a read-only engine: exit %d; stderr:\n%s", r.code, r.stderr)
	}
	reader.Close()

	writer, err := match.Open(ctx, match.Options{Path: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer writer.Close()
	for _, args := range [][]string{
		{"rank", "--index", dir, "--role", seniorJavaRole},
		{"facets", "--index", dir},
	} {
		r := runTool(t, "", args...)
		if r.code != exitError || !strings.Contains(r.stderr, "held by another process") {
			t.Errorf("%s while a writer holds the index: exit %d, stderr %q; want 1 and who holds it", args[0], r.code, r.stderr)
		}
	}
}
