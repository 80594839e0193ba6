package cluster

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/certmatch/certmatch/internal/gen"
	"github.com/certmatch/certmatch/match"
	"github.com/certmatch/certmatch/scoring"
)

// TestReadYourWrites writes, rewrites and deletes one candidate again and
// again and ranks with each write's token: every ranking shows the write.
func TestReadYourWrites(t *testing.T) {
	ctx := context.Background()
	url := startNATS(t, 1)
	tc := newCluster(t, url, Config{Stream: "ryw", Shards: 2}, 2, "")
	role := loadRoles(t)[0]
	base := gen.Candidates(gen.Options{Seed: 3}, 200)
	tok := addAll(t, tc.coord, base)
	// A candidate holding everything the role asks for, and the same one
	// without its certifications.
	strong := strongCandidate(t, role)
	weak := strong
	weak.Certifications = nil
	opts := match.RankOptions{Top: 500, IncludeIneligible: true}
	for i := range 10 {
		for _, step := range []struct {
			name     string
			write    func() (Token, error)
			present  bool
			eligible bool
		}{
			{"put eligible", func() (Token, error) { r, err := tc.coord.Add(ctx, strong); return r.Token, err }, true, true},
			{"rewrite ineligible", func() (Token, error) { r, err := tc.coord.Add(ctx, weak); return r.Token, err }, true, false},
			{"delete", func() (Token, error) { return tc.coord.Delete(ctx, strong.ID) }, false, false},
		} {
			wt, err := step.write()
			if err != nil {
				t.Fatal(err)
			}
			tok = tok.Merge(wt)
			got, err := tc.coord.RankWith(ctx, role, opts, ReadOptions{After: wt})
			if err != nil {
				t.Fatal(err)
			}
			present, eligible := false, false
			for _, r := range got.Results {
				if r.CandidateID == strong.ID {
					present, eligible = true, r.Eligible
				}
			}
			if present != step.present || eligible != step.eligible {
				t.Fatalf("round %d, after %s: present %v eligible %v; want %v %v", i, step.name, present, eligible, step.present, step.eligible)
			}
		}
	}
	n, err := tc.coord.CountWith(ctx, ReadOptions{After: tok})
	if err != nil || n != len(base) {
		t.Errorf("Count = %d, %v; want %d", n, err, len(base))
	}
}

// strongCandidate returns an eligible candidate for role, under a new
// id: the best of a generated population.
func strongCandidate(t testing.TB, role scoring.Role) scoring.Candidate {
	t.Helper()
	if len(role.Required) == 0 {
		t.Fatalf("role %s requires no certification", role.ID)
	}
	ctx := context.Background()
	e := openEngine(t, gen.Candidates(gen.Options{Seed: 4}, 2000))
	r, err := e.Rank(ctx, role, match.RankOptions{Top: 1})
	if err != nil || len(r.Results) == 0 {
		t.Fatalf("no eligible candidate for %s: %v", role.ID, err)
	}
	c, err := e.Get(ctx, r.Results[0].CandidateID)
	if err != nil {
		t.Fatal(err)
	}
	c.ID = "zz-strong"
	return c
}

// TestShardUnavailable stops the only replica of one shard: Rank fails
// with a *ShardError naming it, or with AllowPartial ranks what the other
// shard holds and names the missing one.
func TestShardUnavailable(t *testing.T) {
	ctx := context.Background()
	url := startNATS(t, 1)
	cfg := Config{Stream: "partial", Shards: 2}
	tc := newCluster(t, url, cfg, 1, "")
	cands := gen.Candidates(gen.Options{Seed: 5}, 600)
	tok := addAll(t, tc.coord, cands)
	role := loadRoles(t)[1]
	if _, err := tc.coord.RankWith(ctx, role, match.RankOptions{}, ReadOptions{After: tok}); err != nil {
		t.Fatal(err)
	}
	tc.shards[1][0].stop(t)

	c, err := Open(ctx, Options{Config: cfg, URL: url, Now: fixedNow, Timeout: 500 * time.Millisecond, AttemptTimeout: 200 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	start := time.Now()
	_, err = c.Rank(ctx, role, match.RankOptions{})
	var se *ShardError
	if !errors.As(err, &se) || se.Shard != 1 || !errors.Is(err, ErrShardUnavailable) {
		t.Fatalf("Rank with shard 1 down: %v; want a *ShardError for shard 1 wrapping ErrShardUnavailable", err)
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("Rank took %v to give up; the shard timeout is 500ms", d)
	}

	var shard0 []scoring.Candidate
	for _, cand := range cands {
		if cfg.ShardOf(cand.ID) == 0 {
			shard0 = append(shard0, cand)
		}
	}
	opts := match.RankOptions{Top: 30, IncludeIneligible: true, Facets: true}
	want, err := openEngine(t, shard0).Rank(ctx, role, opts)
	if err != nil {
		t.Fatal(err)
	}
	got, err := c.RankWith(ctx, role, opts, ReadOptions{AllowPartial: true})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]int{1}, got.Missing); diff != "" {
		t.Errorf("missing shards (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(want, got.Ranking, equateWire); diff != "" {
		t.Errorf("partial ranking is shard 0's ranking (-want +got):\n%s", diff)
	}
}

// TestCatchUp stops an on-disk replica, writes while it is down, and
// starts it again: it resumes from its recorded sequence (not from the
// start) and catches up; a replica whose record is lost rebuilds from the
// stream. Both end with the writes the stream holds.
func TestCatchUp(t *testing.T) {
	ctx := context.Background()
	url := startNATS(t, 1)
	cfg := Config{Stream: "catchup", Shards: 1}
	dir := t.TempDir()
	sc := ShardConfig{Config: cfg, URL: url, Dir: filepath.Join(dir, "r0"), Replica: "r0"}
	r := startShard(t, sc)
	waitReady(t, r)
	c := openCoordinator(t, url, cfg)
	first := gen.Candidates(gen.Options{Seed: 9}, 1000)
	tok := addAll(t, c, first)
	waitApplied(t, r.Shard, tok[0])
	r.stop(t)
	before := tok[0]

	second := gen.Candidates(gen.Options{Seed: 9, Start: 1000}, 1500)
	tok = tok.Merge(addAll(t, c, second))
	dt, err := c.Delete(ctx, first[0].ID, first[1].ID)
	if err != nil {
		t.Fatal(err)
	}
	tok = tok.Merge(dt)
	want := openEngine(t, append(first[2:], second...))

	for _, tt := range []struct {
		name      string
		why       string
		lose      bool
		wantStart uint64 // the sequence the replica resumes after
	}{
		{"resume", "the record beside the index says where to resume", false, before},
		{"rebuild", "without the record the index is dropped and rebuilt from the first write", true, 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if tt.lose {
				if err := os.Remove(filepath.Join(sc.Dir, "applied")); err != nil {
					t.Fatal(err)
				}
			}
			s, err := OpenShard(ctx, sc)
			if err != nil {
				t.Fatal(err)
			}
			if got := s.Applied(); got != tt.wantStart {
				s.Close()
				t.Fatalf("%s: opened at sequence %d, want %d", tt.why, got, tt.wantStart)
			}
			rctx, cancel := context.WithCancel(ctx)
			done := make(chan error, 1)
			go func() { done <- s.Run(rctx) }()
			waitApplied(t, s, tok[0])
			sameRankings(t, want, c, tok, tt.why+": after catching up", match.RankOptions{Top: 40, IncludeIneligible: true})
			cancel()
			if err := <-done; err != nil {
				t.Error(err)
			}
			if err := s.Close(); err != nil {
				t.Error(err)
			}
		})
	}
}

// waitApplied waits until s has applied seq.
func waitApplied(t testing.TB, s *Shard, seq uint64) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	if err := s.waitApplied(ctx, seq); err != nil {
		t.Fatalf("shard %d applied %d, not %d", s.cfg.Shard, s.Applied(), seq)
	}
}

// TestReadYourWritesOption: a coordinator opened with ReadYourWrites
// answers every read after its own writes, without tokens: Get sees an
// add and misses a delete at once, and Count follows.
func TestReadYourWritesOption(t *testing.T) {
	ctx := context.Background()
	url := startNATS(t, 1)
	cfg := Config{Stream: "rywopt", Shards: 3}
	newCluster(t, url, cfg, 2, "")
	c, err := Open(ctx, Options{Config: cfg, URL: url, Now: fixedNow, ReadYourWrites: true})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	cands := gen.Candidates(gen.Options{Seed: 8}, 30)
	for i, cand := range cands {
		if _, err := c.Add(ctx, cand); err != nil {
			t.Fatal(err)
		}
		got, err := c.Get(ctx, cand.ID)
		if err != nil || got.ID != cand.ID {
			t.Fatalf("Get right after Add of %s: %v", cand.ID, err)
		}
		if i%3 == 0 {
			if _, err := c.Delete(ctx, cand.ID); err != nil {
				t.Fatal(err)
			}
			if _, err := c.Get(ctx, cand.ID); !errors.Is(err, match.ErrUnknownCandidate) {
				t.Fatalf("Get right after Delete of %s: %v, want ErrUnknownCandidate", cand.ID, err)
			}
		}
		n, err := c.Count(ctx)
		if want := i + 1 - (i/3 + 1); err != nil || n != want {
			t.Fatalf("Count after %d adds and %d deletes = %d, %v; want %d", i+1, i/3+1, n, err, want)
		}
	}
}
