package match_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/certmatch/certmatch/internal/identity"
	"github.com/certmatch/certmatch/match"
	"github.com/certmatch/certmatch/match/input"
	"github.com/certmatch/certmatch/scoring"
)

// realworldResumes finds the folder of public resumes (23 JSON Resume
// documents and a LinkedIn Certifications.csv) kept beside the project,
// read in place and never copied into it: $CERTMATCH_REALWORLD, or
// shared/realworld/resumes beside the checkout (or beside the folder of
// worktrees holding it).
func realworldResumes() (string, error) {
	if dir := os.Getenv("CERTMATCH_REALWORLD"); dir != "" {
		return dir, nil
	}
	var err error
	for _, dir := range []string{"../../shared/realworld/resumes", "../../../shared/realworld/resumes"} {
		if _, err = os.Stat(dir); err == nil {
			return dir, nil
		}
	}
	return "", err
}

// TestRealWorldResumes imports every public resume, each on its own: all
// of them import (warnings allowed), and the one real Java developer who
// holds a seed certification ("Oracle Certified Java Programmer 6") is
// eligible for the bundled junior Java role.
func TestRealWorldResumes(t *testing.T) {
	dir, err := realworldResumes()
	if err != nil {
		t.Skipf("no public resumes beside the project (set CERTMATCH_REALWORLD to their folder): %v", err)
	}
	files, err := filepath.Glob(filepath.Join(dir, "*"))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	now := func() time.Time { return time.Date(2026, time.June, 1, 0, 0, 0, 0, time.UTC) }
	eng, err := match.Open(ctx, match.Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	defer eng.Close()
	var javaDev string
	counts := map[input.Format]int{}
	for _, file := range files {
		if strings.HasSuffix(file, ".tsv") {
			continue // the sources' list
		}
		f, err := os.Open(file)
		if err != nil {
			t.Fatal(err)
		}
		var email string
		rep, err := eng.Import(ctx, f, match.ImportOptions{Name: filepath.Base(file), IDs: input.IDOptions{Func: func(in input.IDInput) (string, error) {
			email = in.Email // noted, to find the candidate; the default rules give the id
			return "", nil
		}}})
		f.Close()
		if err != nil {
			t.Fatalf("%s: %v", filepath.Base(file), err)
		}
		if rep.Read != 1 || rep.Imported != 1 {
			t.Errorf("%s: read %d, imported %d, rejected %v; want 1, 1", filepath.Base(file), rep.Read, rep.Imported, rep.Rejected)
			continue
		}
		counts[rep.Format]++
		for _, w := range rep.Warnings {
			t.Logf("%s: warning %v", filepath.Base(file), w)
		}
		if filepath.Base(file) == "julio-trujillo.json" {
			id, ok := identity.New(nil).Email(email)
			if !ok {
				t.Fatalf("%s: no e-mail address read", filepath.Base(file))
			}
			javaDev = id
		}
	}
	if want := map[input.Format]int{input.FormatJSONResume: 23, input.FormatLinkedIn: 1}; !equalCounts(counts, want) {
		t.Errorf("formats imported %v, want %v", counts, want)
	}
	role, err := input.LoadRoleFile("../testdata/roles/java-associate.json", scoring.DefaultCatalog())
	if err != nil {
		t.Fatal(err)
	}
	ranking, err := eng.Rank(ctx, role, match.RankOptions{Top: 100})
	if err != nil {
		t.Fatal(err)
	}
	eligible := false
	for _, r := range ranking.Results {
		eligible = eligible || r.CandidateID == javaDev && r.Eligible
	}
	if !eligible {
		t.Errorf("the Java developer holding OCPJP 6 (%s) is not eligible for %s; ranking %+v", javaDev, role.ID, ranking.Results)
	}
}

func equalCounts(a, b map[input.Format]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}
