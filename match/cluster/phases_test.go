package cluster

import (
	"context"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/certmatch/certmatch/internal/gen"
	"github.com/certmatch/certmatch/match"
	"github.com/certmatch/certmatch/scoring"
)

// TestWriteBetweenPhases lands a write on a candidate of the page after
// the shards have returned their keys and before the page is explained:
// the explanation no longer matches the key, so Rank ranks again and
// returns the page one Engine gives after the write; a page that changes
// at every attempt fails with ErrPageChanged.
func TestWriteBetweenPhases(t *testing.T) {
	ctx := context.Background()
	url := startNATS(t, 1)
	tc := newCluster(t, url, Config{Stream: "phases", Shards: 2}, 1, "")
	cands := gen.Candidates(gen.Options{Seed: 11}, 400)
	tok := addAll(t, tc.coord, cands)
	eng := openEngine(t, cands)
	role := loadRoles(t)[0]
	opts := match.RankOptions{Top: 10, IncludeIneligible: true}
	for n, reps := range tc.shards {
		waitApplied(t, reps[0].Shard, tok[n])
	}
	// write applies a write to the cluster and the Engine alike and waits
	// until the owning shard has applied it.
	write := func(t *testing.T, w func() (Token, error), e func() error) {
		t.Helper()
		wt, err := w()
		if err != nil {
			t.Fatal(err)
		}
		if err := e(); err != nil {
			t.Fatal(err)
		}
		for n, seq := range wt {
			if seq > 0 {
				waitApplied(t, tc.shards[n][0].Shard, seq)
			}
		}
	}
	top := func(t *testing.T) scoring.Candidate {
		t.Helper()
		r, err := eng.Rank(ctx, role, opts)
		if err != nil || len(r.Results) == 0 {
			t.Fatalf("no ranking: %v", err)
		}
		c, err := eng.Get(ctx, r.Results[0].CandidateID)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	tests := []struct {
		name   string
		why    string
		change func(t *testing.T)
		every  bool // at every attempt, not only the first
	}{
		{"rewrite", "the page's first candidate loses its certifications: its key moves", func(t *testing.T) {
			c := top(t)
			c.Certifications = nil
			write(t, func() (Token, error) { r, err := tc.coord.Add(ctx, c); return r.Token, err },
				func() error { _, err := eng.Add(ctx, c); return err })
		}, false},
		{"delete", "the page's first candidate is deleted: it cannot be explained", func(t *testing.T) {
			id := top(t).ID
			write(t, func() (Token, error) { return tc.coord.Delete(ctx, id) },
				func() error { _, err := eng.Delete(ctx, id); return err })
		}, false},
		{"every-attempt", "a page that changes at every attempt is an error, not a wrong page", func(t *testing.T) {
			id := top(t).ID
			write(t, func() (Token, error) { return tc.coord.Delete(ctx, id) },
				func() error { _, err := eng.Delete(ctx, id); return err })
		}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			attempts := 0
			tc.coord.betweenPhases = func([]*reply) {
				attempts++
				if attempts == 1 || tt.every {
					tt.change(t)
				}
			}
			defer func() { tc.coord.betweenPhases = nil }()
			got, err := tc.coord.Rank(ctx, role, opts)
			if tt.every {
				if !errors.Is(err, ErrPageChanged) || attempts != rankTries {
					t.Fatalf("%s: Rank after %d attempts: %v; want an error wrapping ErrPageChanged after %d", tt.why, attempts, err, rankTries)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			want, err := eng.Rank(ctx, role, opts)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, got, equateWire); diff != "" {
				t.Errorf("%s (-want +got):\n%s", tt.why, diff)
			}
			if attempts != 2 {
				t.Errorf("%s: %d attempts; want 2 (the first saw the write land between its phases)", tt.why, attempts)
			}
		})
	}
}

// TestReplicaDiesBetweenPhases stops the replica that ranked a shard's
// keys before the page is explained: the other replica, at the same
// sequence, explains it and the page is the Engine's.
func TestReplicaDiesBetweenPhases(t *testing.T) {
	ctx := context.Background()
	url := startNATS(t, 1)
	tc := newCluster(t, url, Config{Stream: "phasedie", Shards: 1}, 2, "")
	cands := gen.Candidates(gen.Options{Seed: 12}, 300)
	tok := addAll(t, tc.coord, cands)
	for _, r := range tc.shards[0] {
		waitApplied(t, r.Shard, tok[0])
	}
	eng := openEngine(t, cands)
	role := loadRoles(t)[0]
	opts := match.RankOptions{Top: 15, Offset: 30, IncludeIneligible: true}
	stopped := ""
	tc.coord.betweenPhases = func(replies []*reply) {
		if stopped != "" {
			return
		}
		for _, r := range tc.shards[0] {
			if subject := tc.cfg.replicaSubject(0, r.cfg.Replica); subject == replies[0].Ranking.Replica {
				r.stop(t)
				stopped = r.cfg.Replica
			}
		}
	}
	got, err := tc.coord.Rank(ctx, role, opts)
	if err != nil {
		t.Fatal(err)
	}
	if stopped == "" {
		t.Fatal("no replica named in the first phase's reply was found")
	}
	want, err := eng.Rank(ctx, role, opts)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got, equateWire); diff != "" {
		t.Errorf("page explained by the other replica after %s stopped (-want +got):\n%s", stopped, diff)
	}
}
