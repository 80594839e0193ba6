package cluster

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"regexp"
	"strconv"
	"sync"
	"testing"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/certmatch/certmatch/internal/gen"
	"github.com/certmatch/certmatch/match"
	"github.com/certmatch/certmatch/scoring"
)

// TestStreamCompaction rewrites every candidate several times and deletes
// some: the stream keeps one message per candidate (its last write), a
// replica that was down through the rewrites resumes to the final state,
// and a new replica rebuilds from one message per candidate, not from the
// history; both rank as one Engine over the final state.
func TestStreamCompaction(t *testing.T) {
	ctx := context.Background()
	url := startNATS(t, 1)
	cfg := Config{Stream: "compact", Shards: 2}
	dir := t.TempDir()
	down := ShardConfig{Config: cfg, URL: url, Shard: 0, Replica: "down", Dir: filepath.Join(dir, "down")}
	r0 := startShard(t, down)
	r1 := startShard(t, ShardConfig{Config: cfg, URL: url, Shard: 1, Replica: "up", Dir: filepath.Join(dir, "up")})
	waitReady(t, r0, r1)
	c := openCoordinator(t, url, cfg)

	const rewrites = 3
	n := 300
	if raceEnabled {
		n = 120
	}
	cands := gen.Candidates(gen.Options{Seed: 21}, n)
	tok := addAll(t, c, cands)
	waitApplied(t, r0.Shard, tok[0])
	r0.stop(t)
	final := map[string]scoring.Candidate{}
	for round := range rewrites {
		for i := range cands {
			cands[i].Skills = append(cands[i].Skills, "skill-"+strconv.Itoa(round))
			final[cands[i].ID] = cands[i]
		}
		tok = tok.Merge(addAll(t, c, cands))
	}
	var dels []string
	for i := 0; i < n; i += 8 {
		dels = append(dels, cands[i].ID)
		delete(final, cands[i].ID)
	}
	dels = append(dels, "never-written-1", "never-written-2")
	dt, err := c.Delete(ctx, dels...)
	if err != nil {
		t.Fatal(err)
	}
	tok = tok.Merge(dt)
	writes := n*(1+rewrites) + len(dels)

	st, err := c.js.Stream(ctx, cfg.Stream)
	if err != nil {
		t.Fatal(err)
	}
	info, err := st.Info(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if want := uint64(n + 2); info.State.Msgs != want {
		t.Errorf("the stream holds %d messages after %d writes; want %d, one per candidate written (deletes kept as the last write)", info.State.Msgs, writes, want)
	}

	// The replica that was down resumes from its record; a new replica of
	// shard 1 rebuilds from the first message.
	r0 = startShard(t, down)
	var mu sync.Mutex
	var logged []string
	fresh := startShard(t, ShardConfig{Config: cfg, URL: url, Shard: 1, Replica: "fresh", Logf: func(format string, args ...any) {
		mu.Lock()
		logged = append(logged, fmt.Sprintf(format, args...))
		mu.Unlock()
	}})
	waitReady(t, r0, fresh)
	waitApplied(t, r0.Shard, tok[0])
	waitApplied(t, fresh.Shard, tok[1])
	written := map[string]bool{}
	for _, id := range dels {
		written[id] = true
	}
	for _, cand := range cands {
		written[cand.ID] = true
	}
	shard1 := 0
	for id := range written {
		if cfg.ShardOf(id) == 1 {
			shard1++
		}
	}
	replayed := -1
	re := regexp.MustCompile(`catching up (\d+) writes after sequence 0`)
	mu.Lock()
	for _, l := range logged {
		if m := re.FindStringSubmatch(l); m != nil {
			replayed, _ = strconv.Atoi(m[1])
		}
	}
	mu.Unlock()
	if replayed != shard1 {
		t.Errorf("the new replica of shard 1 replayed %d messages; want %d, one per candidate of the shard (log: %q)", replayed, shard1, logged)
	}
	// Stop the replica that stayed up, so shard 1 answers from the rebuilt
	// one.
	r1.stop(t)

	var want []scoring.Candidate
	for _, cand := range final {
		want = append(want, cand)
	}
	sameRankings(t, openEngine(t, want), c, tok, "after compaction", match.RankOptions{Top: n, IncludeIneligible: true})
}

// TestStreamOfOtherLayout: a stream of the cluster's name whose subjects
// are not one per candidate is refused with ErrConfig, not written to.
func TestStreamOfOtherLayout(t *testing.T) {
	ctx := context.Background()
	url := startNATS(t, 1)
	nc, err := nats.Connect(url)
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	js, err := jetstream.New(nc)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := js.CreateStream(ctx, jetstream.StreamConfig{Name: "older", Subjects: []string{"certmatch.older.shard.*"}}); err != nil {
		t.Fatal(err)
	}
	_, err = Open(ctx, Options{Config: Config{Stream: "older", Shards: 2}, Conn: nc})
	if !errors.Is(err, ErrConfig) {
		t.Errorf("Open over a stream with one subject per shard: %v; want an error wrapping ErrConfig", err)
	}
}
