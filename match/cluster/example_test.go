package cluster_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/nats-io/nats-server/v2/server"

	"github.com/certmatch/certmatch/match"
	"github.com/certmatch/certmatch/match/cluster"
	"github.com/certmatch/certmatch/scoring"
)

// A cluster of two shards over an embedded NATS server: the coordinator
// publishes the writes, each shard applies its own, and a ranking with the
// writes' token sees them all, ranked as one Engine would.
func Example() {
	ctx := context.Background()
	dir, cleanup := tempDir()
	defer cleanup()
	ns, err := server.NewServer(&server.Options{Host: "127.0.0.1", Port: -1, JetStream: true, StoreDir: filepath.Join(dir, "nats"), NoLog: true, NoSigs: true})
	if err != nil {
		panic(err)
	}
	go ns.Start()
	defer ns.Shutdown()
	if !ns.ReadyForConnections(10 * time.Second) {
		panic("NATS did not start")
	}

	cfg := cluster.Config{Shards: 2}
	for n := range cfg.Shards {
		// In production each shard runs in its own process:
		// certmatch shard --nats URL --shard N/2 --index DIR
		shard, err := cluster.OpenShard(ctx, cluster.ShardConfig{Config: cfg, URL: ns.ClientURL(), Shard: n, Dir: filepath.Join(dir, fmt.Sprint(n))})
		if err != nil {
			panic(err)
		}
		runCtx, stop := context.WithCancel(ctx)
		go shard.Run(runCtx)
		defer shard.Close()
		defer stop()
	}

	now := func() time.Time { return time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC) }
	c, err := cluster.Open(ctx, cluster.Options{Config: cfg, URL: ns.ClientURL(), Now: now})
	if err != nil {
		panic(err)
	}
	defer c.Close()
	cands := []scoring.Candidate{
		{ID: "ana", Skills: []string{"Java"}, YearsExperience: 6,
			Certifications: []scoring.Credential{{Name: "Oracle Certified Professional, Java SE 11 Developer", Date: scoring.Date{Year: 2021}}}},
		{ID: "ben", Skills: []string{"Java"}, YearsExperience: 3,
			Certifications: []scoring.Credential{{Name: "SCJP 6", Date: scoring.Date{Year: 2010}}}},
		{ID: "cho", Skills: []string{"Python"}},
	}
	rep, err := c.Add(ctx, cands...)
	if err != nil {
		panic(err)
	}
	role := scoring.Role{ID: "java", Required: []scoring.Requirement{{AnyOf: []string{"ocpjp"}}}, RequiredSkills: []string{"java"}}
	r, err := c.RankWith(ctx, role, match.RankOptions{}, cluster.ReadOptions{After: rep.Token})
	if err != nil {
		panic(err)
	}
	fmt.Printf("%d eligible of %d ranked\n", r.Eligible, r.Total)
	for _, x := range r.Results {
		fmt.Printf("%d. %s %.1f (shard %d)\n", x.Rank, x.CandidateID, x.Score, cfg.ShardOf(x.CandidateID))
	}

	// One Engine over the same candidates gives the same page.
	eng, err := match.Open(ctx, match.Options{Now: now})
	if err != nil {
		panic(err)
	}
	defer eng.Close()
	if _, err := eng.Add(ctx, cands...); err != nil {
		panic(err)
	}
	one, err := eng.Rank(ctx, role, match.RankOptions{})
	if err != nil {
		panic(err)
	}
	fmt.Println("one engine, first two:", one.Results[0].CandidateID, one.Results[0].Score, one.Results[1].CandidateID, one.Results[1].Score)
	// Output:
	// 2 eligible of 2 ranked
	// 1. ana 93.3 (shard 1)
	// 2. ben 90.0 (shard 0)
	// one engine, first two: ana 93.33 ben 90
}

// tempDir makes a directory for the example and returns its cleanup.
func tempDir() (string, func()) {
	dir, err := os.MkdirTemp("", "certmatch-cluster-example")
	if err != nil {
		panic(err)
	}
	return dir, func() { os.RemoveAll(dir) }
}
