package cluster

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
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

// BenchmarkClusterRank builds one on-disk Engine and clusters of 1, 2, 4
// and 8 shards (one replica each, on disk, compacted) over the same
// population, all in this process over one NATS server on loopback, and
// ranks the bundled roles (top 20) in interleaved rounds: each round ranks
// every role once on every system, so the machine's noise falls on all
// alike. It logs the median latency per role and system, its ratio to the
// Engine, and the throughput of four concurrent callers. Run once:
//
//	CERTMATCH_CLUSTER_BENCH_N=100000 go test ./match/cluster -run '^$' -bench ClusterRank -benchtime 1x -timeout 60m
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
	start := time.Now()
	for i := 0; i < len(cands); i += 1000 {
		if _, err := eng.Add(ctx, cands[i:min(i+1000, len(cands))]...); err != nil {
			b.Fatal(err)
		}
	}
	b.Logf("engine: %d candidates added in %v (%.0f/s)", n, time.Since(start).Round(time.Millisecond), float64(n)/time.Since(start).Seconds())
	if err := eng.Index().Compact(ctx); err != nil {
		b.Fatal(err)
	}
	type ranker interface {
		Rank(context.Context, scoring.Role, match.RankOptions) (match.Ranking, error)
	}
	names := []string{"engine"}
	systems := []ranker{eng}
	for _, shards := range []int{1, 2, 4, 8} {
		bc := buildBenchCluster(b, url, shards, cands)
		names = append(names, fmt.Sprintf("shards=%d", shards))
		systems = append(systems, bc.coord)
	}
	// Let background merges settle before measuring.
	time.Sleep(3 * time.Second)
	const rounds = 15
	opts := match.RankOptions{Top: 20}
	for b.Loop() {
		times := make([][][]time.Duration, len(roles)) // role, system, round
		for r := range roles {
			times[r] = make([][]time.Duration, len(systems))
		}
		for range rounds {
			for r, role := range roles {
				for s, sys := range systems {
					t0 := time.Now()
					if _, err := sys.Rank(ctx, role, opts); err != nil {
						b.Fatal(err)
					}
					times[r][s] = append(times[r][s], time.Since(t0))
				}
			}
		}
		var table strings.Builder
		fmt.Fprintf(&table, "median of %d interleaved rounds, top 20, %d candidates:\n| role | %s |\n", rounds, n, strings.Join(names, " | "))
		for r, role := range roles {
			fmt.Fprintf(&table, "| %s |", role.ID)
			base := median(times[r][0])
			for s := range systems {
				m := median(times[r][s])
				if s == 0 {
					fmt.Fprintf(&table, " %.2f ms |", ms(m))
				} else {
					fmt.Fprintf(&table, " %.2f ms (%.2fx) |", ms(m), float64(m)/float64(base))
				}
			}
			table.WriteString("\n")
		}
		b.Log(table.String())
		// Throughput: four callers ranking the roles in turn for two seconds.
		var tput strings.Builder
		tput.WriteString("throughput, 4 concurrent callers, 2 s each:")
		for s, sys := range systems {
			var done atomic.Int64
			var wg sync.WaitGroup
			end := time.Now().Add(2 * time.Second)
			for w := range 4 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for i := w; time.Now().Before(end); i++ {
						if _, err := sys.Rank(ctx, roles[i%len(roles)], opts); err != nil {
							b.Error(err)
							return
						}
						done.Add(1)
					}
				}()
			}
			wg.Wait()
			fmt.Fprintf(&tput, " %s %.0f/s;", names[s], float64(done.Load())/2)
		}
		b.Log(tput.String())
	}
}

func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2]
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// BenchmarkCatchUp stops an on-disk replica, publishes N writes
// (CERTMATCH_CLUSTER_BENCH_N) while it is down, and times its restart
// until it has applied them all (catch-up); then removes its directory
// and times the rebuild of the same N writes from the stream. Run:
//
//	CERTMATCH_CLUSTER_BENCH_N=50000 go test ./match/cluster -run '^$' -bench CatchUp -benchtime 1x -timeout 30m
func BenchmarkCatchUp(b *testing.B) {
	ctx := context.Background()
	n := benchN(b)
	url := startNATS(b, 1)
	// restart opens the replica and times it until it has applied seq.
	restart := func(sc ShardConfig, seq uint64) time.Duration {
		start := time.Now()
		s, err := OpenShard(ctx, sc)
		if err != nil {
			b.Fatal(err)
		}
		rctx, cancel := context.WithCancel(ctx)
		done := make(chan error, 1)
		go func() { done <- s.Run(rctx) }()
		waitApplied(b, s, seq)
		<-s.Ready()
		d := time.Since(start)
		cancel()
		<-done
		s.Close()
		return d
	}
	for i := 0; b.Loop(); i++ {
		cfg := Config{Stream: "catchupbench" + strconv.Itoa(i), Shards: 1}
		c := openCoordinator(b, url, cfg)
		sc := ShardConfig{Config: cfg, URL: url, Replica: "r0", Dir: filepath.Join(b.TempDir(), "r")}
		s := startShard(b, sc)
		waitReady(b, s)
		s.stop(b)
		tok := addAll(b, c, gen.Candidates(gen.Options{Seed: 2}, n))
		catchUp := restart(sc, tok[0])
		if err := os.RemoveAll(sc.Dir); err != nil {
			b.Fatal(err)
		}
		rebuild := restart(sc, tok[0])
		b.Logf("%d writes: catch-up after downtime %v (%.0f writes/s), rebuild with the index lost %v (%.0f writes/s)",
			n, catchUp.Round(time.Millisecond), float64(n)/catchUp.Seconds(), rebuild.Round(time.Millisecond), float64(n)/rebuild.Seconds())
		b.ReportMetric(float64(n)/catchUp.Seconds(), "catchup-writes/s")
		b.ReportMetric(float64(n)/rebuild.Seconds(), "rebuild-writes/s")
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
