package cluster

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/nats-io/nats-server/v2/server"

	"github.com/certmatch/certmatch/match"
	"github.com/certmatch/certmatch/scoring"
)

// testNow is the clock of every test: the generator's reference date.
var testNow = time.Date(2026, time.June, 1, 0, 0, 0, 0, time.UTC)

func fixedNow() time.Time { return testNow }

// startNATS starts n embedded NATS servers with JetStream on loopback
// ports, joined as one cluster when n > 1, and returns the client URLs
// (comma-separated, as nats.Connect takes them). Their stores live under
// t.TempDir; they are shut down when the test ends.
func startNATS(t testing.TB, n int) string {
	t.Helper()
	base := t.TempDir()
	var servers []*server.Server
	// A JetStream cluster wants its routes configured up front: pick free
	// loopback ports for them first.
	ports := make([]int, n)
	var routes []*url.URL
	if n > 1 {
		for i := range ports {
			l, err := net.Listen("tcp", "127.0.0.1:0")
			if err != nil {
				t.Fatal(err)
			}
			ports[i] = l.Addr().(*net.TCPAddr).Port
			l.Close()
			routes = append(routes, &url.URL{Scheme: "nats", Host: fmt.Sprintf("127.0.0.1:%d", ports[i])})
		}
	}
	for i := range n {
		opts := &server.Options{
			ServerName: fmt.Sprintf("s%d", i),
			Host:       "127.0.0.1",
			Port:       -1,
			JetStream:  true,
			StoreDir:   filepath.Join(base, fmt.Sprintf("s%d", i)),
			NoLog:      true,
			NoSigs:     true,
		}
		if n > 1 {
			opts.Cluster = server.ClusterOpts{Name: "certmatch-test", Host: "127.0.0.1", Port: ports[i]}
			opts.Routes = routes
		}
		s, err := server.NewServer(opts)
		if err != nil {
			t.Fatal(err)
		}
		go s.Start()
		if !s.ReadyForConnections(10 * time.Second) {
			t.Fatalf("NATS server %d did not start", i)
		}
		t.Cleanup(func() {
			s.Shutdown()
			s.WaitForShutdown()
		})
		servers = append(servers, s)
	}
	if n > 1 {
		// Wait until the servers have elected a JetStream leader.
		deadline := time.Now().Add(20 * time.Second)
		for {
			leader := false
			for _, s := range servers {
				leader = leader || s.JetStreamIsLeader()
			}
			if leader {
				break
			}
			if time.Now().After(deadline) {
				t.Fatal("the NATS cluster elected no JetStream leader")
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
	urls := make([]string, len(servers))
	for i, s := range servers {
		urls[i] = s.ClientURL()
	}
	return strings.Join(urls, ",")
}

// testCluster is a running cluster for a test: shards in this process.
type testCluster struct {
	url    string
	cfg    Config
	coord  *Coordinator
	shards [][]*runningShard // by shard, then replica
}

// runningShard is a shard replica running on its own goroutine.
type runningShard struct {
	*Shard
	cancel context.CancelFunc
	done   chan error
}

// stop ends the replica and waits for it.
func (r *runningShard) stop(t testing.TB) {
	t.Helper()
	r.cancel()
	if err := <-r.done; err != nil {
		t.Errorf("shard: %v", err)
	}
}

// startShard opens and runs a replica; it is stopped when the test ends
// unless stopped before.
func startShard(t testing.TB, cfg ShardConfig) *runningShard {
	t.Helper()
	if cfg.Engine.Catalog == nil {
		cfg.Engine.Catalog = scoring.DefaultCatalog()
	}
	s, err := OpenShard(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	r := &runningShard{Shard: s, cancel: cancel, done: make(chan error, 1)}
	go func() {
		err := s.Run(ctx)
		if cerr := s.Close(); err == nil {
			err = cerr
		}
		r.done <- err
		close(r.done)
	}()
	t.Cleanup(func() {
		cancel()
		<-r.done
	})
	return r
}

// waitReady waits until a replica answers queries.
func waitReady(t testing.TB, rs ...*runningShard) {
	t.Helper()
	for _, r := range rs {
		select {
		case <-r.Ready():
		case <-time.After(10 * time.Minute):
			t.Fatalf("shard %d replica did not catch up", r.cfg.Shard)
		}
	}
}

// newCluster starts nats servers, shards with replicas each (in memory
// when dir is "", else on disk under it) and a coordinator.
func newCluster(t testing.TB, url string, cfg Config, replicas int, dir string) *testCluster {
	t.Helper()
	tc := &testCluster{url: url, cfg: cfg}
	for n := range cfg.Shards {
		var reps []*runningShard
		for r := range replicas {
			sc := ShardConfig{Config: cfg, URL: url, Shard: n, Replica: fmt.Sprintf("r%d", r)}
			if dir != "" {
				sc.Dir = filepath.Join(dir, fmt.Sprintf("shard%d-r%d", n, r))
			}
			reps = append(reps, startShard(t, sc))
		}
		tc.shards = append(tc.shards, reps)
	}
	for _, reps := range tc.shards {
		waitReady(t, reps...)
	}
	tc.coord = openCoordinator(t, url, cfg)
	return tc
}

func openCoordinator(t testing.TB, url string, cfg Config) *Coordinator {
	t.Helper()
	c, err := Open(context.Background(), Options{Config: cfg, URL: url, Now: fixedNow, AttemptTimeout: time.Second, Timeout: 20 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// openEngine opens one in-memory Engine at the test clock over cands.
func openEngine(t testing.TB, cands []scoring.Candidate) *match.Engine {
	t.Helper()
	e, err := match.Open(context.Background(), match.Options{Now: fixedNow, BatchSize: 2000})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.Close() })
	for i := 0; i < len(cands); i += 2000 {
		if _, err := e.Add(context.Background(), cands[i:min(i+2000, len(cands))]...); err != nil {
			t.Fatal(err)
		}
	}
	return e
}

// loadRoles reads the bundled roles.
func loadRoles(t testing.TB) []scoring.Role {
	t.Helper()
	paths, err := filepath.Glob("../../testdata/roles/*.json")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no bundled roles: %v", err)
	}
	var roles []scoring.Role
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		var r scoring.Role
		if err := json.Unmarshal(data, &r); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		roles = append(roles, r)
	}
	return roles
}

// addAll publishes cands through the coordinator in chunks and returns
// the token of every write.
func addAll(t testing.TB, c *Coordinator, cands []scoring.Candidate) Token {
	t.Helper()
	var tok Token
	for i := 0; i < len(cands); i += 1000 {
		rep, err := c.Add(context.Background(), cands[i:min(i+1000, len(cands))]...)
		if err != nil {
			t.Fatal(err)
		}
		if len(rep.Rejected) > 0 {
			t.Fatalf("rejected: %v", rep.Rejected[0])
		}
		tok = tok.Merge(rep.Token)
	}
	return tok
}

// sameRankings ranks every bundled role with each of opts on eng and on
// c, reading at least tok, and reports each page that differs; when says
// at what point ("after the kill").
func sameRankings(t testing.TB, eng *match.Engine, c *Coordinator, tok Token, when string, opts ...match.RankOptions) {
	t.Helper()
	ctx := context.Background()
	for _, role := range loadRoles(t) {
		for _, o := range opts {
			w, err := eng.Rank(ctx, role, o)
			if err != nil {
				t.Fatal(err)
			}
			got, err := c.RankWith(ctx, role, o, ReadOptions{After: tok})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(w, got.Ranking, equateWire); diff != "" {
				t.Errorf("%s %+v %s (-want +got):\n%s", role.ID, o, when, diff)
			}
		}
	}
}
