package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/certmatch/certmatch/internal/golden"
	"github.com/certmatch/certmatch/match/input"
	"github.com/certmatch/certmatch/scoring"
)

const (
	jobPosting = "../../testdata/jobs/senior-java-backend.md"
	jobJSON    = "../../testdata/jsonresume/sample.job.json"
)

// TestRoleGolden prints the roles read from the bundled postings, as a
// table with sources and as a native role file, and compares them with
// testdata/role-*.golden. Run `go test ./examples/certmatch -update`
// after an intended change and read the diff.
func TestRoleGolden(t *testing.T) {
	tests := []struct {
		golden string
		args   []string
	}{
		{"role-senior-java-backend.golden", []string{"role", jobPosting}},
		{"role-senior-java-backend.json.golden", []string{"role", jobPosting, "--json"}},
		{"role-sample-job.golden", []string{"role", jobJSON}},
	}
	for _, tt := range tests {
		t.Run(tt.golden, func(t *testing.T) {
			r := mustRun(t, "", tt.args...)
			if r.stderr != "" {
				t.Errorf("stderr %q, want nothing", r.stderr)
			}
			golden.Compare(t, filepath.Join("testdata", tt.golden), r.stdout, *update)
		})
	}
}

// role --json writes a native role file: --role reads it back as the same
// role, and ranks as the posting itself does.
func TestRoleJSONIsARoleFile(t *testing.T) {
	out := mustRun(t, "", "role", jobPosting, "--json").stdout
	path := filepath.Join(t.TempDir(), "role.json")
	if err := os.WriteFile(path, []byte(out), 0o644); err != nil {
		t.Fatal(err)
	}
	fromFile, err := input.LoadRoleFile(path, scoring.DefaultCatalog())
	if err != nil {
		t.Fatalf("role --json output is not a native role file: %v", err)
	}
	fromJob, err := input.LoadRoleOrJobFile(jobPosting, scoring.DefaultCatalog())
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(fromJob, fromFile); diff != "" {
		t.Errorf("role read back from role --json (-want +got):\n%s", diff)
	}
	rankJob := mustRun(t, "", "rank", "--candidates", candidatesFile, "--role", jobPosting, "--all", "--json", "--now", testDate).stdout
	rankFile := mustRun(t, "", "rank", "--candidates", candidatesFile, "--role", path, "--all", "--json", "--now", testDate).stdout
	if rankJob != rankFile {
		t.Errorf("rank --role JOB differs from rank --role with its role file (-job +file):\n%s", cmp.Diff(rankJob, rankFile))
	}
	if !strings.Contains(rankJob, `"candidate_id"`) {
		t.Errorf("rank --role JOB ranked nobody:\n%s", rankJob)
	}
	// A JSON Resume job as --role.
	r := mustRun(t, "", "rank", "--candidates", candidatesFile, "--role", jobJSON, "--all", "--now", testDate)
	if !strings.HasPrefix(r.stdout, "web-developer: Web Developer (") {
		t.Errorf("rank --role %s:\n%s", jobJSON, r.stdout)
	}
}

func TestRoleCommandInputs(t *testing.T) {
	r := mustRun(t, "Nice to have: OCEWCD\n", "role", "-", "--json")
	if !strings.Contains(r.stdout, `"any_of": [`) || !strings.Contains(r.stdout, `"source": "stdin (job posting as text)"`) {
		t.Errorf("role - (stdin):\n%s", r.stdout)
	}
	if r := runTool(t, "", "role"); r.code != exitUsage || !strings.Contains(r.stderr, "usage: certmatch role JOB") {
		t.Errorf("role without JOB: exit %d, stderr %q; want 2 and the command's usage", r.code, r.stderr)
	}
	french := filepath.Join(t.TempDir(), "offre.txt")
	if err := os.WriteFile(french, []byte("Vous avez au moins trois ans d'expérience de la Data et vous parlez couramment le français et l'anglais avec nos clients."), 0o644); err != nil {
		t.Fatal(err)
	}
	if r := runTool(t, "", "role", french); r.code != exitError || !strings.Contains(r.stderr, "offre.txt: job ") || !strings.Contains(r.stderr, "nothing found: the text reads as French") {
		t.Errorf("role on a French posting: exit %d, stderr %q; want 1, the file and nothing found", r.code, r.stderr)
	}
}
