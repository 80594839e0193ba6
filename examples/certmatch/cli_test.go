package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/certmatch/certmatch/index"
	"github.com/certmatch/certmatch/match"
	"github.com/certmatch/certmatch/scoring"
)

// TestMain runs the tool's main instead of the tests when a test starts
// this binary as the tool (TestInterruptExits130).
func TestMain(m *testing.M) {
	if os.Getenv("CERTMATCH_RUN_MAIN") == "1" {
		main()
	}
	os.Exit(m.Run())
}

func TestCommandHelp(t *testing.T) {
	for _, c := range commands {
		for _, h := range []string{"-h", "--help"} {
			t.Run(c.name+h, func(t *testing.T) {
				r := runTool(t, "", c.name, h)
				if r.code != 0 || r.stderr != "" {
					t.Fatalf("certmatch %s %s: exit %d, stderr %q; want 0 and nothing", c.name, h, r.code, r.stderr)
				}
				if want := "usage: certmatch " + c.name + " " + c.synopsis + "\n"; !strings.HasPrefix(r.stdout, want) {
					t.Errorf("certmatch %s %s prints %q first; want %q", c.name, h, firstLine(r.stdout), want)
				}
				if !strings.Contains(r.stdout, "\n  -now YYYY-MM-DD\n") {
					t.Errorf("certmatch %s %s does not list --now:\n%s", c.name, h, r.stdout)
				}
				for _, other := range commands {
					if other.name != c.name && strings.Contains(r.stdout, "certmatch "+other.name) {
						t.Errorf("certmatch %s %s shows the usage of %s too:\n%s", c.name, h, other.name, r.stdout)
					}
				}
			})
		}
	}
	// help CMD prints the same as CMD -h.
	if got, want := runTool(t, "", "help", "rank").stdout, runTool(t, "", "rank", "-h").stdout; got != want {
		t.Errorf("help rank differs from rank -h (-want +got):\n%s", cmp.Diff(want, got))
	}
	if r := runTool(t, "", "rank", "-h"); !strings.Contains(r.stdout, "\n  -role file\n") || !strings.Contains(r.stdout, "\n  -top int\n") {
		t.Errorf("rank -h does not list its own flags:\n%s", r.stdout)
	}
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

func TestUsageErrorShowsCommandUsage(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		cmd  string // the command whose usage must be shown
		msg  string // the first line of stderr
		why  string
	}{
		{"missing role", []string{"rank", "--candidates", candidatesFile}, "rank", "certmatch rank: --role ROLE.json is required", "a missing flag is the command's usage error"},
		{"unknown flag", []string{"explain", "--bogus"}, "explain", "certmatch explain: flag provided but not defined: -bogus", "the flag package's error, then explain's usage"},
		{"bad value", []string{"rank", "--top", "many"}, "rank", `certmatch rank: invalid value "many" for flag -top: parse error`, "a bad flag value names the flag"},
		{"bad date", []string{"normalize", "--now", "June 1", "OCP"}, "normalize", `certmatch normalize: --now "June 1": want YYYY-MM-DD`, "every command checks --now"},
		{"no file", []string{"import", "--index", t.TempDir()}, "import", "certmatch import: import needs --index DIR and at least one FILE", "import needs a file"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := runTool(t, "", tc.args...)
			if r.code != 2 {
				t.Fatalf("certmatch %s: exit %d, want 2 (%s); stderr:\n%s", strings.Join(tc.args, " "), r.code, tc.why, r.stderr)
			}
			if got := firstLine(r.stderr); got != tc.msg {
				t.Errorf("first line of stderr = %q, want %q (%s)", got, tc.msg, tc.why)
			}
			c, _ := lookup(tc.cmd)
			if !strings.Contains(r.stderr, "\n\nusage: certmatch "+c.name+" "+c.synopsis+"\n") {
				t.Errorf("stderr does not end with the usage of %s:\n%s", tc.cmd, r.stderr)
			}
			if strings.Contains(r.stderr, usageFooter) {
				t.Errorf("a command's usage error printed the whole tool's usage:\n%s", r.stderr)
			}
		})
	}
}

func TestFlagsAfterFiles(t *testing.T) {
	want := mustRun(t, "", "rank", "--candidates", candidatesFile, "--role", seniorJavaRole, "--json", "--now", testDate).stdout
	for _, args := range [][]string{
		{"rank", candidatesFile, "--role", seniorJavaRole, "--json", "--now", testDate},
		{"rank", "--role", seniorJavaRole, candidatesFile, "--json", "--now", testDate},
		{"rank", "--json", "--role", seniorJavaRole, "--now", testDate, "--", candidatesFile},
	} {
		r := mustRun(t, "", args...)
		if diff := cmp.Diff(want, r.stdout); diff != "" {
			t.Errorf("certmatch %s differs from flags first (-want +got):\n%s", strings.Join(args, " "), diff)
		}
	}
	// After "--" everything is an argument, even what looks like a flag.
	r := mustRun(t, "", "normalize", "--now", testDate, "--", "-h")
	if got := decodeLines(t, r.stdout); len(got) != 1 || got[0].Text != "-h" {
		t.Errorf("normalize -- -h = %+v; want one line for the text \"-h\"", got)
	}
}

func TestEveryCommandTakesNow(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	logFile := filepath.Join(t.TempDir(), "decisions.jsonl")
	for _, args := range [][]string{
		{"normalize", "OCP 11"},
		{"import", "--index", dir, candidatesFile},
		{"rank", "--index", dir, "--role", seniorJavaRole},
		{"explain", "--index", dir, "--role", seniorJavaRole, "--candidate", "cand-0001"},
		{"facets", "--index", dir},
		{"role", jobPosting},
		{"reindex", "--index", dir},
		{"rank", "--index", dir, "--role", seniorJavaRole, "--log", logFile},
		{"audit", "--log", logFile, "--categories", categoriesFile},
		{"replay", "--log", logFile, "--index", dir},
	} {
		if _, ok := lookup(args[0]); !ok {
			t.Fatalf("no command %q", args[0])
		}
		mustRun(t, "", append(args, "--now", testDate)...)
	}
	// shard takes --now too: with no NATS server it fails on connecting
	// (exit 1), never on its flags (exit 2).
	r := runTool(t, "", "shard", "--shard", "0/1", "--index", filepath.Join(t.TempDir(), "shard"), "--nats", "nats://127.0.0.1:1", "--now", testDate)
	if r.code != 1 || !strings.Contains(r.stderr, "connect to NATS") {
		t.Errorf("shard with --now and no server: exit %d, stderr %q; want exit 1 on connecting", r.code, r.stderr)
	}
	var names []string
	for _, c := range commands {
		names = append(names, c.name)
	}
	if diff := cmp.Diff([]string{"normalize", "import", "rank", "explain", "facets", "role", "reindex", "audit", "replay", "shard"}, names); diff != "" {
		t.Errorf("a command was added without a --now case here (-want +got):\n%s", diff)
	}
}

// TestNowChangesScores checks that --now is the clock scoring uses: an
// ongoing credential validity differs between dates far apart.
func TestNowChangesScores(t *testing.T) {
	a := mustRun(t, "", "rank", "--candidates", candidatesFile, "--role", "../../testdata/roles/big-data.json", "--all", "--json", "--now", "2000-01-01").stdout
	b := mustRun(t, "", "rank", "--candidates", candidatesFile, "--role", "../../testdata/roles/big-data.json", "--all", "--json", "--now", testDate).stdout
	if a == b {
		t.Errorf("rank --now 2000-01-01 and --now %s gave the same output; --now is not the scoring clock", testDate)
	}
}

func TestInterruptedRunExits130(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var stdout, stderr bytes.Buffer
	code := run(ctx, []string{"import", "--index", filepath.Join(t.TempDir(), "index"), candidatesFile}, strings.NewReader(""), &stdout, &stderr)
	if code != 130 {
		t.Errorf("import with a cancelled context: exit %d, want 130; stderr:\n%s", code, stderr.String())
	}
	if got, want := firstLine(stderr.String()), "certmatch import: interrupted"; !strings.Contains(stderr.String(), want) {
		t.Errorf("stderr = %q, want it to say %q", got, want)
	}
}

// TestInterruptExits130 sends SIGINT to the tool blocked reading stdin
// and checks it exits 130 soon after.
func TestInterruptExits130(t *testing.T) {
	cmd := exec.Command(os.Args[0], "normalize")
	cmd.Env = append(os.Environ(), "CERTMATCH_RUN_MAIN=1")
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	defer stdin.Close()
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Once a line is answered, the signal handler is in place.
	fmt.Fprintln(stdin, "OCP 11")
	if _, err := bufio.NewReader(stdout).ReadString('\n'); err != nil {
		t.Fatalf("no answer from normalize: %v; stderr:\n%s", err, stderr.String())
	}
	start := time.Now()
	if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	err = cmd.Wait()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 130 {
		t.Fatalf("after SIGINT: %v, want exit status 130; stderr:\n%s", err, stderr.String())
	}
	if d := time.Since(start); d > interruptGrace+5*time.Second {
		t.Errorf("exit took %v after SIGINT", d)
	}
	if !strings.Contains(stderr.String(), "interrupted") {
		t.Errorf("stderr %q does not say the run was interrupted", stderr.String())
	}
}

func TestProgressOnlyOnTerminal(t *testing.T) {
	devNull, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer devNull.Close()
	logFile, err := os.Create(filepath.Join(t.TempDir(), "stderr.log"))
	if err != nil {
		t.Fatal(err)
	}
	defer logFile.Close()
	for _, tc := range []struct {
		name string
		w    *os.File
	}{{"/dev/null", devNull}, {"a file", logFile}} {
		if isTerminal(tc.w) {
			t.Errorf("isTerminal(%s) = true; a progress line would be drawn there", tc.name)
		}
	}
	var buf bytes.Buffer
	if isTerminal(&buf) {
		t.Error("isTerminal(a buffer) = true")
	}

	var stdout bytes.Buffer
	code := run(context.Background(), []string{"import", "--index", filepath.Join(t.TempDir(), "index"), candidatesFile}, strings.NewReader(""), &stdout, logFile)
	if code != 0 {
		t.Fatalf("import: exit %d", code)
	}
	logged, err := os.ReadFile(logFile.Name())
	if err != nil {
		t.Fatal(err)
	}
	if len(logged) != 0 {
		t.Errorf("import wrote to a non-terminal stderr: %q", logged)
	}

	// On a terminal the bar is redrawn on one line.
	var bar bytes.Buffer
	progressBar(&bar, "c.json")(match.Progress{Read: 4000, Imported: 3998, Rejected: 2})
	if got := bar.String(); !strings.HasPrefix(got, "\rc.json [##  ") || !strings.Contains(got, "] 4000 read, 3998 imported, 2 rejected (") || strings.Contains(got, "\n") {
		t.Errorf("progress bar = %q", got)
	}
}

// TestREADMEUsage checks that the README shows the tool's usage exactly as
// `certmatch help` prints it.
func TestREADMEUsage(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	block := "```\n" + usage() + "```\n"
	if !strings.Contains(string(readme), block) {
		t.Errorf("README.md has no code block that is the usage as printed; put this in it:\n%s", block)
	}
	r := mustRun(t, "", "help")
	if r.stdout != usage() {
		t.Errorf("help printed %q, want usage()", r.stdout)
	}
}

// TestReindex: reindex re-derives every stored candidate of an existing
// index and names the fingerprint it recorded; it never creates an index.
func TestReindex(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	imported := mustRun(t, "", "import", "--index", dir, candidatesFile, "--json").stdout
	var rep struct{ Imported int }
	if err := json.Unmarshal([]byte(imported), &rep); err != nil || rep.Imported == 0 {
		t.Fatalf("import --json = %q (%v)", imported, err)
	}
	want := fmt.Sprintf("re-derived %d candidates; index fingerprint %s\n", rep.Imported, index.Fingerprint(scoring.DefaultCatalog()))
	if got := mustRun(t, "", "reindex", "--index", dir).stdout; got != want {
		t.Errorf("reindex printed %q, want %q", got, want)
	}
	// Rankings read the same after a reindex.
	before := mustRun(t, "", "rank", "--index", dir, "--role", seniorJavaRole, "--json", "--now", testDate).stdout
	mustRun(t, "", "reindex", "--index", dir)
	if after := mustRun(t, "", "rank", "--index", dir, "--role", seniorJavaRole, "--json", "--now", testDate).stdout; after != before {
		t.Errorf("rank differs after reindex:\n%s\nvs\n%s", before, after)
	}
	missing := filepath.Join(t.TempDir(), "nothing")
	if r := runTool(t, "", "reindex", "--index", missing); r.code != 1 {
		t.Errorf("reindex of a missing folder: exit %d, want 1", r.code)
	}
	if _, err := os.Stat(missing); err == nil {
		t.Errorf("reindex created %s", missing)
	}
	if r := runTool(t, "", "reindex"); r.code != 2 {
		t.Errorf("reindex without --index: exit %d, want 2", r.code)
	}
}
