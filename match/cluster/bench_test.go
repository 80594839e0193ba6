package cluster

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/certmatch/certmatch/internal/gen"
	"github.com/certmatch/certmatch/match"
	"github.com/certmatch/certmatch/scoring"
)

// benchN is the population of the cluster benchmarks:
// CERTMATCH_CLUSTER_BENCH_N, 20,000 by default.
func benchN(b *testing.B) int {
	if s := os.Getenv("CERTMATCH_CLUSTER_BENCH_N"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			b.Fatalf("CERTMATCH_CLUSTER_BENCH_N=%q: want a positive count", s)
		}
		return n
	}
	return 20000
}

// benchCluster is a cluster over the benchmark population, on disk,
// compacted after ingestion, with one replica per shard.
type benchCluster struct {
	coord  *Coordinator
	shards []*runningShard
	tok    Token
}

// buildBenchCluster ingests cands through the stream into shards and
// reports the rates: publishing (the stream has every write) and
// ingestion (every shard has applied every write).
func buildBenchCluster(b *testing.B, url string, shards int, cands []scoring.Candidate) *benchCluster {
	ctx := context.Background()
	cfg := Config{Stream: fmt.Sprintf("bench%d", shards), Shards: shards}
	dir := b.TempDir()
	bc := &benchCluster{}
	for n := range shards {
		bc.shards = append(bc.shards, startShard(b, ShardConfig{Config: cfg, URL: url, Shard: n, Replica: "r0", Dir: filepath.Join(dir, strconv.Itoa(n))}))
	}
	waitReady(b, bc.shards...)
	bc.coord = openCoordinator(b, url, cfg)
	start := time.Now()
	bc.tok = addAll(b, bc.coord, cands)
	published := time.Since(start)
	for n, s := range bc.shards {
		waitApplied(b, s.Shard, bc.tok[n])
	}
	ingested := time.Since(start)
	for _, s := range bc.shards {
		if err := s.Engine().Index().Compact(ctx); err != nil {
			b.Fatal(err)
		}
	}
	st, err := bc.coord.js.Stream(ctx, cfg.Stream)
	if err != nil {
		b.Fatal(err)
	}
	info, err := st.Info(ctx)
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("shards=%d: on disk, %.0f B per candidate in the shards' indexes, %.0f B per write in the stream",
		shards, float64(dirSize(b, dir))/float64(len(cands)), float64(info.State.Bytes)/float64(info.State.Msgs))
	b.Logf("shards=%d: %d candidates published in %v (%.0f/s), applied by every shard in %v (%.0f/s)",
		shards, len(cands), published.Round(time.Millisecond), float64(len(cands))/published.Seconds(),
		ingested.Round(time.Millisecond), float64(len(cands))/ingested.Seconds())
	return bc
}

// BenchmarkClusterRank ranks the bundled roles (top 20) with 1, 2, 4 and
// 8 shards over the same population, and with one on-disk Engine, all in
// this process over one NATS server on loopback. Run:
//
//	CERTMATCH_CLUSTER_BENCH_N=100000 go test ./match/cluster -run '^$' -bench ClusterRank -benchtime 20x
func BenchmarkClusterRank(b *testing.B) {
	ctx := context.Background()
	n := benchN(b)
	cands := gen.Candidates(gen.Options{Seed: 1}, n)
	roles := loadRoles(b)
	url := startNATS(b, 1)

	eng, err := match.Open(ctx, match.Options{Path: filepath.Join(b.TempDir(), "engine"), Now: fixedNow})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { eng.Close() })
	for i := 0; i < len(cands); i += 5000 {
		if _, err := eng.Add(ctx, cands[i:min(i+5000, len(cands))]...); err != nil {
			b.Fatal(err)
		}
	}
	if err := eng.Index().Compact(ctx); err != nil {
		b.Fatal(err)
	}
	type ranker interface {
		Rank(context.Context, scoring.Role, match.RankOptions) (match.Ranking, error)
	}
	run := func(b *testing.B, r ranker) {
		for _, role := range roles {
			b.Run(role.ID, func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					if _, err := r.Rank(ctx, role, match.RankOptions{Top: 20}); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
	b.Run("engine", func(b *testing.B) { run(b, eng) })
	for _, shards := range []int{1, 2, 4, 8} {
		bc := buildBenchCluster(b, url, shards, cands)
		b.Run(fmt.Sprintf("shards=%d", shards), func(b *testing.B) { run(b, bc.coord) })
		for _, s := range bc.shards {
			s.stop(b)
		}
	}
}

// BenchmarkCatchUp stops an on-disk replica, publishes N writes
// (CERTMATCH_CLUSTER_BENCH_N) while it is down, and times its restart
// until it has applied them all.
func BenchmarkCatchUp(b *testing.B) {
	ctx := context.Background()
	n := benchN(b)
	url := startNATS(b, 1)
	cfg := Config{Stream: "catchupbench", Shards: 1}
	c := openCoordinator(b, url, cfg)
	for i := 0; b.Loop(); i++ {
		b.StopTimer()
		sc := ShardConfig{Config: cfg, URL: url, Replica: "r" + strconv.Itoa(i), Dir: filepath.Join(b.TempDir(), "r")}
		s := startShard(b, sc)
		waitReady(b, s)
		// Catch up from the end of the stream: the replica is current.
		s.stop(b)
		cands := gen.Candidates(gen.Options{Seed: 2, Start: i * n}, n)
		tok := addAll(b, c, cands)
		b.StartTimer()
		start := time.Now()
		s2, err := OpenShard(ctx, sc)
		if err != nil {
			b.Fatal(err)
		}
		rctx, cancel := context.WithCancel(ctx)
		done := make(chan error, 1)
		go func() { done <- s2.Run(rctx) }()
		waitApplied(b, s2, tok[0])
		<-s2.Ready()
		d := time.Since(start)
		b.StopTimer()
		b.ReportMetric(float64(n)/d.Seconds(), "writes/s")
		cancel()
		<-done
		s2.Close()
		b.StartTimer()
	}
}

// dirSize is the bytes of the files under dir.
func dirSize(b *testing.B, dir string) int64 {
	var n int64
	err := filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			info, err := d.Info()
			if err != nil {
				return err
			}
			n += info.Size()
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return n
}
