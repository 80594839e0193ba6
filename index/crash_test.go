package index

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/certmatch/certmatch/internal/gen"
	"github.com/certmatch/certmatch/scoring"
)

// crashDirEnv names the directory of the index TestCrashChildHelper
// writes; the helper does nothing without it.
const crashDirEnv = "CERTMATCH_CRASH_CHILD_DIR"

// crashBatch is the batch size of the crash test: one Put of crashBatch
// candidates per loop, so an acknowledged Put is one whole bleve batch.
const crashBatch = 500

// crashMinAcks is how many acknowledged batches the parent waits for
// before it kills the child.
const crashMinAcks = 5

// TestCrashChildHelper is not a test: it is the child process of
// TestCrashRecovery, and skips itself unless crashDirEnv is set. It opens
// an on-disk index and puts generated candidates forever, one batch per
// Put, printing "acked N" (N candidates stored so far) after each Put
// returns, until it is killed.
func TestCrashChildHelper(t *testing.T) {
	dir := os.Getenv(crashDirEnv)
	if dir == "" {
		t.Skip("helper process for TestCrashRecovery; runs only when " + crashDirEnv + " is set")
	}
	ctx := context.Background()
	ix, err := Open(ctx, Options{Path: dir, BatchSize: crashBatch})
	if err != nil {
		fmt.Fprintln(os.Stderr, "child: open:", err)
		os.Exit(2)
	}
	for n := 0; ; {
		cands := gen.Candidates(gen.Options{Seed: 1, Start: n}, crashBatch)
		if _, err := ix.Put(ctx, cands); err != nil {
			fmt.Fprintln(os.Stderr, "child: put:", err)
			os.Exit(2)
		}
		n += len(cands)
		// Unbuffered: the line is in the pipe before the next batch starts.
		if _, err := fmt.Fprintf(os.Stdout, "acked %d\n", n); err != nil {
			os.Exit(3) // the parent is gone
		}
	}
}

// TestCrashRecovery kills a process that is writing an on-disk index with
// SIGKILL, in the middle of a batch, and checks that the index opens with
// every acknowledged batch whole and no partial batch.
func TestCrashRecovery(t *testing.T) {
	if testing.Short() {
		t.Skip("starts and kills a child process; skipped with -short")
	}
	dir := filepath.Join(t.TempDir(), "ix")
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChildHelper$", "-test.count=1", "-test.timeout=3m")
	cmd.Env = append(os.Environ(), crashDirEnv+"="+dir)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Never leave the child running, whatever happens below.
	watchdog := time.AfterFunc(2*time.Minute, func() { cmd.Process.Kill() })
	defer watchdog.Stop()

	acked := 0
	lines := bufio.NewScanner(stdout)
	readAck := func() bool {
		for lines.Scan() {
			if s, ok := strings.CutPrefix(lines.Text(), "acked "); ok {
				n, err := strconv.Atoi(s)
				if err != nil {
					t.Fatalf("child printed %q", lines.Text())
				}
				acked = n
				return true
			}
		}
		return false
	}
	for acked < crashMinAcks*crashBatch {
		if !readAck() {
			cmd.Wait()
			t.Fatalf("child stopped after %d acknowledged candidates; stderr:\n%s", acked, stderr.String())
		}
	}
	// Kill at some point of the next batch (or the one after).
	time.Sleep(time.Duration(rand.IntN(150)) * time.Millisecond)
	if err := cmd.Process.Kill(); err != nil { // SIGKILL: no Close, no flush
		t.Fatal(err)
	}
	// Acknowledgements already in the pipe were given before the kill.
	for readAck() {
	}
	err = cmd.Wait()
	t.Logf("child killed after %d acknowledged candidates (%v)", acked, err)
	if strings.Contains(stderr.String(), "child:") {
		t.Fatalf("child failed before the kill:\n%s", stderr.String())
	}

	ctx := context.Background()
	ix := open(t, Options{Path: dir})
	n := count(t, ix)
	t.Logf("reopened with %d candidates", n)
	if n < acked {
		t.Errorf("Count after the crash = %d, want at least the %d acknowledged", n, acked)
	}
	if n%crashBatch != 0 {
		t.Errorf("Count after the crash = %d, not a multiple of the batch size %d: a partial batch is visible", n, crashBatch)
	}
	// Batches land in order, so the survivors are the first n generated.
	want := gen.Candidates(gen.Options{Seed: 1}, max(n, acked))
	for i, c := range want {
		got, err := ix.Get(ctx, c.ID)
		if i >= n {
			if err == nil {
				t.Errorf("Get(%q) of batch %d found it, but Count is %d", c.ID, i/crashBatch, n)
			}
			continue
		}
		if err != nil {
			t.Errorf("Get(%q) of acknowledged batch %d: %v", c.ID, i/crashBatch, err)
			continue
		}
		if diff := cmp.Diff(c, got, equateEmpty); diff != "" {
			t.Errorf("Get(%q) after the crash (-put +got):\n%s", c.ID, diff)
		}
	}
	scanned := 0
	err = ix.view(ctx, func(v *view) error {
		return v.scan(ctx, Selection{}, func(id string, _ *scoring.Profile) error {
			scanned++
			if !strings.HasPrefix(id, "gen-") {
				return fmt.Errorf("unexpected id %q", id)
			}
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	if scanned != n {
		t.Errorf("Scan after the crash visits %d candidates, Count is %d", scanned, n)
	}
	res, err := ix.Search(ctx, SearchRequest{Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != uint64(n) {
		t.Errorf("bleve holds %d documents after the crash, Count is %d", res.Total, n)
	}
	// The recovered index takes writes.
	put(t, ix, gen.Candidates(gen.Options{Seed: 1, Start: n}, 10))
	if got := count(t, ix); got != n+10 {
		t.Errorf("Count after a Put on the recovered index = %d, want %d", got, n+10)
	}
}
