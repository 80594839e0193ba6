package cluster

import (
	"context"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/certmatch/certmatch/index"
	"github.com/certmatch/certmatch/internal/gen"
	"github.com/certmatch/certmatch/match"
	"github.com/certmatch/certmatch/scoring"
)

// equateWire compares values that crossed the wire as JSON: an empty
// slice left out by omitempty comes back nil.
var equateWire = cmpopts.EquateEmpty()

// exactCandidates is the population of the exactness test.
func exactCandidates() int {
	if raceEnabled {
		return 500
	}
	return 2000
}

// optionSets are the rank options the exactness test pages through, each
// with the page size it uses.
var optionSets = []struct {
	name string
	why  string
	opts match.RankOptions
}{
	{"eligible", "the default ranking: gates select, shards score only who can be eligible", match.RankOptions{Top: 20}},
	{"all", "ineligible candidates follow the eligible ones on every shard and in the merge", match.RankOptions{Top: 400, IncludeIneligible: true}},
	{"text", "free text filters per candidate, so per shard", match.RankOptions{Top: 20, Query: "kafka spark"}},
	{"filters-facets", "filters select per candidate; facet counts are summed", match.RankOptions{Top: 200, IncludeIneligible: true, Facets: true, Filters: index.Filters{Skills: []string{"java"}}}},
	{"location", "a location filter and an odd page size", match.RankOptions{Top: 7, IncludeIneligible: true, Filters: index.Filters{Locations: []string{"Chicago, IL"}}}},
}

// TestClusterExact ranks the same candidates with a cluster of four
// shards, two replicas each, over a three-server NATS cluster, and with
// one Engine, and compares every page of every bundled role under several
// option sets, and Count, Get, Explain and RolesFor.
func TestClusterExact(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a three-server NATS cluster and eight shard replicas; skipped with -short")
	}
	ctx := context.Background()
	url := startNATS(t, 3)
	cfg := Config{Stream: "exact", Shards: 4, Replicas: 3}
	tc := newCluster(t, url, cfg, 2, "")
	n := exactCandidates()
	cands := gen.Candidates(gen.Options{Seed: 7}, n)
	tok := addAll(t, tc.coord, cands)
	eng := openEngine(t, cands)
	roles := loadRoles(t)

	for _, role := range roles {
		for _, os := range optionSets {
			t.Run(role.ID+"/"+os.name, func(t *testing.T) {
				pages := 0
				for offset := 0; ; offset += os.opts.Top {
					opts := os.opts
					opts.Offset = offset
					want, err := eng.Rank(ctx, role, opts)
					if err != nil {
						t.Fatal(err)
					}
					got, err := tc.coord.RankWith(ctx, role, opts, ReadOptions{After: tok})
					if err != nil {
						t.Fatal(err)
					}
					if diff := cmp.Diff(want, got.Ranking, equateWire); diff != "" {
						t.Fatalf("%s; page at offset %d (-want +got):\n%s", os.why, offset, diff)
					}
					pages++
					if len(want.Results) == 0 {
						break
					}
				}
				if pages < 2 {
					t.Errorf("only %d page(s) compared; the population should give more", pages)
				}
			})
		}
	}

	// Deep pages: a few results far into the ranking, where each shard's
	// top Offset+Top is long; only the page's candidates are explained.
	explained := func() int64 {
		var sum int64
		for _, reps := range tc.shards {
			for _, r := range reps {
				sum += r.explained.Load()
			}
		}
		return sum
	}
	deep := []struct {
		name string
		why  string
		opts match.RankOptions
	}{
		{"middle", "a page in the middle of every candidate", match.RankOptions{Top: 3, Offset: n / 2, IncludeIneligible: true}},
		{"last-but-one", "a page cut short by the end", match.RankOptions{Top: 3, Offset: n - 1, IncludeIneligible: true}},
		{"last-full", "the last full page", match.RankOptions{Top: 9, Offset: n - 9, IncludeIneligible: true}},
		{"past-end", "a page past the end has counts and no result", match.RankOptions{Top: 3, Offset: n + 5, IncludeIneligible: true}},
		{"ineligible-deep", "the ineligible-only ranking, deep", match.RankOptions{Top: 4, Offset: n / 3, IneligibleOnly: true, Facets: true}},
		{"eligible-deep", "the eligible ranking's one but last page of one", match.RankOptions{Top: 1, Offset: 40}},
	}
	for _, role := range roles {
		for _, d := range deep {
			t.Run(role.ID+"/deep-"+d.name, func(t *testing.T) {
				want, err := eng.Rank(ctx, role, d.opts)
				if err != nil {
					t.Fatal(err)
				}
				before := explained()
				got, err := tc.coord.RankWith(ctx, role, d.opts, ReadOptions{After: tok})
				if err != nil {
					t.Fatal(err)
				}
				if diff := cmp.Diff(want, got.Ranking, equateWire); diff != "" {
					t.Fatalf("%s (-want +got):\n%s", d.why, diff)
				}
				if e := explained() - before; e != int64(len(want.Results)) {
					t.Errorf("%s: the shards explained %d results for a page of %d; want only the page's", d.why, e, len(want.Results))
				}
			})
		}
	}

	count, err := tc.coord.Count(ctx)
	if err != nil || count != n {
		t.Errorf("Count = %d, %v; want %d", count, err, n)
	}
	for i := 0; i < len(cands); i += 97 {
		id := cands[i].ID
		want, _ := eng.Get(ctx, id)
		got, err := tc.coord.Get(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, got, equateWire); diff != "" {
			t.Errorf("Get(%s) (-want +got):\n%s", id, diff)
		}
		wantX, _ := eng.Explain(ctx, id, roles[0])
		gotX, err := tc.coord.Explain(ctx, id, roles[0])
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(wantX, gotX, equateWire); diff != "" {
			t.Errorf("Explain(%s) (-want +got):\n%s", id, diff)
		}
		wantR, _ := eng.RolesFor(ctx, id, roles)
		gotR, err := tc.coord.RolesFor(ctx, id, roles)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(wantR, gotR, equateWire); diff != "" {
			t.Errorf("RolesFor(%s) (-want +got):\n%s", id, diff)
		}
	}
}

// TestClusterErrors checks the errors a caller branches on are those of
// an Engine, across the wire.
func TestClusterErrors(t *testing.T) {
	ctx := context.Background()
	url := startNATS(t, 1)
	tc := newCluster(t, url, Config{Stream: "errors", Shards: 2}, 1, "")
	role := loadRoles(t)[0]
	tests := []struct {
		name string
		why  string
		call func() error
		want error
	}{
		{"get-unknown", "an id no shard holds is the Engine's unknown candidate",
			func() error { _, err := tc.coord.Get(ctx, "nobody"); return err }, match.ErrUnknownCandidate},
		{"explain-unknown", "explain routes to the owner, which does not hold it",
			func() error { _, err := tc.coord.Explain(ctx, "nobody", role); return err }, match.ErrUnknownCandidate},
		{"bad-role", "a role the catalog rejects fails before any shard is asked",
			func() error {
				_, err := tc.coord.Rank(ctx, scoring.Role{ID: "x", Required: []scoring.Requirement{{AnyOf: []string{"no-such-cert"}}}}, match.RankOptions{})
				return err
			}, scoring.ErrRole},
		{"negative-top", "bad options are the Engine's ErrOptions",
			func() error { _, err := tc.coord.Rank(ctx, role, match.RankOptions{Top: -1}); return err }, match.ErrOptions},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.call()
			if !errors.Is(err, tt.want) {
				t.Errorf("%s: got %v, want an error wrapping %v", tt.why, err, tt.want)
			}
		})
	}
}
