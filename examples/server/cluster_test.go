package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	natsserver "github.com/nats-io/nats-server/v2/server"

	"github.com/certmatch/certmatch/match"
	"github.com/certmatch/certmatch/match/cluster"
	"github.com/certmatch/certmatch/scoring"
)

// startJetStream starts an embedded NATS server with JetStream on a
// loopback port, its store under t.TempDir, and returns its client URL.
func startJetStream(t *testing.T) string {
	t.Helper()
	s, err := natsserver.NewServer(&natsserver.Options{
		Host: "127.0.0.1", Port: -1, JetStream: true,
		StoreDir: filepath.Join(t.TempDir(), "nats"), NoLog: true, NoSigs: true,
	})
	if err != nil {
		t.Fatal(err)
	}
	go s.Start()
	if !s.ReadyForConnections(10 * time.Second) {
		t.Fatal("the NATS server did not start")
	}
	t.Cleanup(func() {
		s.Shutdown()
		s.WaitForShutdown()
	})
	return s.ClientURL()
}

// startShards runs one in-memory replica of every shard of cfg in this
// process and waits until each answers queries.
func startShards(t *testing.T, url string, cfg cluster.Config) {
	t.Helper()
	for n := range cfg.Shards {
		sh, err := cluster.OpenShard(context.Background(), cluster.ShardConfig{
			Config: cfg, URL: url, Shard: n, Replica: fmt.Sprintf("r%d", n),
			Engine: match.Options{Catalog: scoring.DefaultCatalog()},
		})
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error, 1)
		go func() {
			err := sh.Run(ctx)
			if cerr := sh.Close(); err == nil {
				err = cerr
			}
			done <- err
		}()
		t.Cleanup(func() {
			cancel()
			if err := <-done; err != nil {
				t.Errorf("shard %d: %v", n, err)
			}
		})
		select {
		case <-sh.Ready():
		case <-time.After(30 * time.Second):
			t.Fatalf("shard %d did not catch up", n)
		}
	}
}

// TestClusterMatchesEngine serves a two-shard cluster over HTTP in
// coordinator mode, imports the bundled candidates through the API and
// checks that every ranking is the one an in-memory Engine over the same
// candidates gives at the same clock: the same ids, scores and order.
func TestClusterMatchesEngine(t *testing.T) {
	ctx := context.Background()
	url := startJetStream(t)
	cfg := cluster.Config{Stream: "servertest", Shards: 2}
	startShards(t, url, cfg)
	now := func() time.Time { return testNow }
	b, err := openClusterBackend(ctx, url, cfg, now)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.eng.Close() })
	roles, err := openRoles(filepath.Join(t.TempDir(), "roles"), b.cat)
	if err != nil {
		t.Fatal(err)
	}
	logs := &lockedWriter{}
	s := newServer(b, roles, nil, slog.New(slog.NewJSONHandler(logs, nil)), defaultLimits)
	hs := httptest.NewServer(s)
	t.Cleanup(hs.Close)
	ts := &testServer{t: t, s: s, http: hs, logs: logs}

	local := newTestServer(t, serverOpts{})
	want := local.importFile("candidates.json")
	got := ts.importFile("candidates.json")
	if want.Read == 0 {
		t.Fatal("no candidates read: the test tests nothing")
	}
	if diff := cmp.Diff(asJSON(t, want), asJSON(t, got)); diff != "" {
		t.Errorf("import report (-engine +cluster):\n%s", diff)
	}
	role := loadTestRole(t, "senior-java")

	for _, tc := range []struct {
		why  string
		body map[string]any
	}{
		{"the default page of eligible candidates", map[string]any{"role": role}},
		{"every candidate, ineligible ones after, with facets summed over the shards", map[string]any{"role": role, "top": 100, "ineligible": true, "facets": true}},
		{"a page past the first, merged across shards", map[string]any{"role": role, "top": 4, "offset": 5, "ineligible": true}},
	} {
		t.Run(tc.why, func(t *testing.T) {
			var want, got match.Ranking
			local.json("POST", "/v1/rank", tc.body).want(t, http.StatusOK, &want)
			ts.json("POST", "/v1/rank", tc.body).want(t, http.StatusOK, &got)
			if len(want.Results) == 0 {
				t.Fatal("empty ranking: the case tests nothing")
			}
			if diff := cmp.Diff(idScores(want), idScores(got)); diff != "" {
				t.Errorf("ids, scores and order (-engine +cluster):\n%s", diff)
			}
			if diff := cmp.Diff(asJSON(t, want), asJSON(t, got)); diff != "" {
				t.Errorf("ranking (-engine +cluster):\n%s", diff)
			}
		})
	}

	// Reads that go to the shard owning a candidate answer as the engine.
	local.putRoleFile("senior-java")
	ts.putRoleFile("senior-java")
	for _, path := range []string{
		"/v1/candidates/cand-0050",
		"/v1/candidates/cand-0050/explain?role=senior-java",
		"/v1/candidates/cand-0011/explain?role=senior-java",
		"/v1/candidates/cand-0050/roles",
	} {
		var want, got any
		local.json("GET", path, nil).want(t, http.StatusOK, &want)
		ts.json("GET", path, nil).want(t, http.StatusOK, &got)
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("GET %s (-engine +cluster):\n%s", path, diff)
		}
	}

	// Deleting goes through the coordinator: a stored id is gone at once
	// (read-your-writes), an unknown one is 404.
	ts.json("DELETE", "/v1/candidates/cand-0050", nil).want(t, http.StatusNoContent, nil)
	ts.json("DELETE", "/v1/candidates/cand-0050", nil).want(t, http.StatusNotFound, nil)
	ts.json("GET", "/v1/candidates/cand-0050", nil).want(t, http.StatusNotFound, nil)

	// Facets over the whole index are not served over a cluster.
	r := ts.json("GET", "/v1/facets", nil)
	if p := r.problemOf(t); p.Status != http.StatusNotImplemented || p.Type != problemTypePrefix+probNotImplemented.name {
		t.Errorf("GET /v1/facets over a cluster: %+v, want a 501 not-implemented problem", p)
	}
}

// idScore is one result as the test compares it.
type idScore struct {
	ID       string
	Score    float64
	Eligible bool
}

func idScores(r match.Ranking) []idScore {
	out := make([]idScore, len(r.Results))
	for i, x := range r.Results {
		out[i] = idScore{x.CandidateID, x.Score, x.Eligible}
	}
	return out
}

// TestClusterFlags checks the flags of coordinator mode.
func TestClusterFlags(t *testing.T) {
	for _, tc := range []struct {
		why   string
		args  []string
		usage bool
	}{
		{"a cluster with its number of shards", []string{"--nats", "nats://127.0.0.1:4222", "--shards", "2", "--stream", "s"}, false},
		{"a cluster's shards hold the index", []string{"--nats", "nats://127.0.0.1:4222", "--shards", "2", "--index", "idx"}, true},
		{"the coordinator must know the number of shards", []string{"--nats", "nats://127.0.0.1:4222"}, true},
		{"shards mean nothing without a cluster", []string{"--shards", "2"}, true},
		{"a stream means nothing without a cluster", []string{"--stream", "s"}, true},
	} {
		t.Run(tc.why, func(t *testing.T) {
			cfg, err := parseFlags(tc.args, io.Discard)
			if got := errors.Is(err, errUsage); got != tc.usage {
				t.Fatalf("parseFlags(%q): %v, want usage error %v", tc.args, err, tc.usage)
			}
			if !tc.usage && (cfg.nats == "" || cfg.shards != 2 || cfg.stream != "s" || cfg.roles != "") {
				t.Errorf("config %+v", cfg)
			}
		})
	}
}
