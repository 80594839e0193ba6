package cluster

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
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/certmatch/certmatch/internal/gen"
	"github.com/certmatch/certmatch/match"
	"github.com/certmatch/certmatch/scoring"
)

// childEnv carries a shard replica's settings (JSON) to the child
// process TestShardChildHelper; the helper does nothing without it.
const childEnv = "CERTMATCH_SHARD_CHILD"

// childSpec is what a child shard process runs.
type childSpec struct {
	URL     string `json:"url"`
	Stream  string `json:"stream"`
	Shard   string `json:"shard"` // N/M
	Dir     string `json:"dir"`
	Replica string `json:"replica"`
}

// TestShardChildHelper is not a test: it is the shard process of the
// kill tests and skips itself unless childEnv is set. It runs one replica
// with RunShard, prints "ready" once it answers queries and its log lines
// on stderr, until it is killed.
func TestShardChildHelper(t *testing.T) {
	spec := os.Getenv(childEnv)
	if spec == "" {
		t.Skip("helper process for the kill tests; runs only when " + childEnv + " is set")
	}
	var cs childSpec
	if err := json.Unmarshal([]byte(spec), &cs); err != nil {
		fmt.Fprintln(os.Stderr, "child:", err)
		os.Exit(2)
	}
	n, m, err := ParseShard(cs.Shard)
	if err != nil {
		fmt.Fprintln(os.Stderr, "child:", err)
		os.Exit(2)
	}
	ctx := context.Background()
	s, err := OpenShard(ctx, ShardConfig{
		Config: Config{Stream: cs.Stream, Shards: m}, URL: cs.URL, Shard: n, Dir: cs.Dir, Replica: cs.Replica,
		Logf: func(format string, args ...any) { fmt.Fprintf(os.Stderr, format+"\n", args...) },
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, "child: open:", err)
		os.Exit(2)
	}
	go func() {
		<-s.Ready()
		fmt.Fprintln(os.Stdout, "ready")
	}()
	if err := s.Run(ctx); err != nil {
		fmt.Fprintln(os.Stderr, "child: run:", err)
		os.Exit(2)
	}
	os.Exit(0)
}

// child is a running shard process.
type child struct {
	cmd    *exec.Cmd
	ready  chan struct{}
	stderr *syncBuffer
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// startChild starts a shard replica in a new process.
func startChild(t *testing.T, cs childSpec) *child {
	t.Helper()
	spec, _ := json.Marshal(cs)
	cmd := exec.Command(os.Args[0], "-test.run=^TestShardChildHelper$", "-test.count=1", "-test.timeout=5m")
	cmd.Env = append(os.Environ(), childEnv+"="+string(spec))
	ch := &child{cmd: cmd, ready: make(chan struct{}), stderr: &syncBuffer{}}
	cmd.Stderr = ch.stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if sc.Text() == "ready" {
				close(ch.ready)
			}
		}
	}()
	t.Cleanup(func() { ch.kill() })
	return ch
}

func (c *child) waitReady(t *testing.T) {
	t.Helper()
	select {
	case <-c.ready:
	case <-time.After(5 * time.Minute):
		t.Fatalf("shard process did not catch up; its log:\n%s", c.stderr)
	}
}

// kill sends SIGKILL and reaps the process.
func (c *child) kill() {
	if c.cmd.ProcessState != nil {
		return
	}
	_ = c.cmd.Process.Kill()
	_ = c.cmd.Wait()
}

// TestKillShardDuringImport kills a shard process with SIGKILL while a
// stream of upserts, rewrites and deletes is applied to its on-disk index,
// starts it again on the same directory, and checks the cluster ends with
// exactly the acknowledged writes: every ranking page equals one Engine
// over the final state.
func TestKillShardDuringImport(t *testing.T) {
	if testing.Short() {
		t.Skip("starts and kills shard processes; skipped with -short")
	}
	ctx := context.Background()
	url := startNATS(t, 1)
	cfg := Config{Stream: "killimport", Shards: 2}
	dir := filepath.Join(t.TempDir(), "shard0")
	spec := childSpec{URL: url, Stream: cfg.Stream, Shard: "0/2", Dir: dir, Replica: "p0"}
	proc := startChild(t, spec)
	proc.waitReady(t)
	other := startShard(t, ShardConfig{Config: cfg, URL: url, Shard: 1, Replica: "mem"})
	waitReady(t, other)
	c := openCoordinator(t, url, cfg)

	// The writes: batches of new candidates, with rewrites of earlier ones
	// (a changed skill list) and deletes mixed in, so order matters.
	final := map[string]scoring.Candidate{}
	var tok Token
	var acked atomic.Int64
	per := 200 // new candidates per batch
	if raceEnabled {
		per = 100
	}
	write := func(i int) {
		cands := gen.Candidates(gen.Options{Seed: 11, Start: i * per}, per)
		if i > 0 {
			old := gen.Candidates(gen.Options{Seed: 11, Start: (i - 1) * per}, per/5)
			for j := range old {
				old[j].Skills = append(old[j].Skills, fmt.Sprintf("skill-%d", i))
			}
			cands = append(cands, old...)
		}
		rep, err := c.Add(ctx, cands...)
		if err != nil {
			t.Fatal(err)
		}
		for _, cand := range cands {
			final[cand.ID] = cand
		}
		tok = tok.Merge(rep.Token)
		var dels []string
		for j := 0; j < per; j += 17 {
			dels = append(dels, cands[j].ID)
			delete(final, cands[j].ID)
		}
		dt, err := c.Delete(ctx, dels...)
		if err != nil {
			t.Fatal(err)
		}
		tok = tok.Merge(dt)
		acked.Add(1)
	}
	batches := 30
	if raceEnabled {
		batches = 15
	}
	killed := false
	for i := range batches {
		write(i)
		// Kill the shard process once it has applied part of the stream
		// and is still behind.
		if !killed && i >= 8 {
			time.Sleep(200 * time.Millisecond)
			proc.kill()
			killed = true
			t.Logf("killed the shard process after %d acknowledged batches", acked.Load())
		}
	}
	proc = startChild(t, spec)
	proc.waitReady(t)
	if log := proc.stderr.String(); !strings.Contains(log, "catching up") || strings.Contains(log, "rebuilding") {
		t.Errorf("the restarted shard should resume from its record and catch up, not rebuild; its log:\n%s", log)
	}

	var want []scoring.Candidate
	for _, cand := range final {
		want = append(want, cand)
	}
	sameRankings(t, openEngine(t, want), c, tok, "after the kill", match.RankOptions{Top: 50}, match.RankOptions{Top: 50, IncludeIneligible: true, Offset: 3 * per})
	n, err := c.CountWith(ctx, ReadOptions{After: tok})
	if err != nil || n != len(final) {
		t.Errorf("Count = %d, %v; want the %d acknowledged candidates", n, err, len(final))
	}
}

// TestKillReplicaDuringRanking ranks continuously while one of shard 0's
// two replica processes is killed: every Rank succeeds with the exact
// page (the query is sent again to the live replica). With both killed,
// Rank fails with a *ShardError naming shard 0; a replica started again
// catches up and Rank recovers.
func TestKillReplicaDuringRanking(t *testing.T) {
	if testing.Short() {
		t.Skip("starts and kills shard processes; skipped with -short")
	}
	ctx := context.Background()
	url := startNATS(t, 1)
	cfg := Config{Stream: "killrank", Shards: 2}
	base := t.TempDir()
	specs := []childSpec{
		{URL: url, Stream: cfg.Stream, Shard: "0/2", Dir: filepath.Join(base, "a"), Replica: "a"},
		{URL: url, Stream: cfg.Stream, Shard: "0/2", Dir: filepath.Join(base, "b"), Replica: "b"},
	}
	procs := []*child{startChild(t, specs[0]), startChild(t, specs[1])}
	other := startShard(t, ShardConfig{Config: cfg, URL: url, Shard: 1, Replica: "mem"})
	c := openCoordinator(t, url, cfg)
	cands := gen.Candidates(gen.Options{Seed: 13}, 1500)
	tok := addAll(t, c, cands)
	for _, p := range procs {
		p.waitReady(t)
	}
	waitReady(t, other)
	eng := openEngine(t, cands)
	roles := loadRoles(t)
	opts := match.RankOptions{Top: 25, IncludeIneligible: true}
	wants := make([]match.Ranking, len(roles))
	for i, role := range roles {
		var err error
		if wants[i], err = eng.Rank(ctx, role, opts); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := c.RankWith(ctx, roles[0], opts, ReadOptions{After: tok}); err != nil {
		t.Fatal(err)
	}

	stop := make(chan struct{})
	var ranks atomic.Int64
	var wg sync.WaitGroup
	errs := make(chan error, 4)
	for w := range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				k := i % len(roles)
				got, err := c.Rank(ctx, roles[k], opts)
				if err != nil {
					errs <- err
					return
				}
				if diff := cmp.Diff(wants[k], got, equateWire); diff != "" {
					errs <- fmt.Errorf("%s while a replica was killed (-want +got):\n%s", roles[k].ID, diff)
					return
				}
				ranks.Add(1)
			}
		}()
	}
	time.Sleep(500 * time.Millisecond)
	before := ranks.Load()
	procs[0].kill()
	time.Sleep(3 * time.Second)
	close(stop)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	if after := ranks.Load(); after <= before {
		t.Fatalf("no Rank completed after the kill (%d before, %d after)", before, after)
	}
	t.Logf("%d rankings, %d of them after the kill", ranks.Load(), ranks.Load()-before)

	procs[1].kill()
	short, err := Open(ctx, Options{Config: cfg, URL: url, Now: fixedNow, Timeout: time.Second, AttemptTimeout: 300 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer short.Close()
	_, err = short.Rank(ctx, roles[0], opts)
	var se *ShardError
	if !errors.As(err, &se) || se.Shard != 0 {
		t.Fatalf("Rank with no replica of shard 0: %v; want a *ShardError for shard 0", err)
	}

	again := startChild(t, specs[0])
	again.waitReady(t)
	got, err := c.Rank(ctx, roles[0], opts)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(wants[0], got, equateWire); diff != "" {
		t.Errorf("after a replica came back (-want +got):\n%s", diff)
	}
}
