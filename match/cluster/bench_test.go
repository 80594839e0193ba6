package cluster

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
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

// benchN is the population of the cluster benchmarks,
// CERTMATCH_CLUSTER_BENCH_N. They build on-disk shards and take minutes
// even for a small population, so without it they are skipped.
func benchN(b *testing.B) int {
	s := os.Getenv("CERTMATCH_CLUSTER_BENCH_N")
	if s == "" {
		b.Skip("set CERTMATCH_CLUSTER_BENCH_N to a candidate count (20000 for a quick run) to run the cluster benchmarks")
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 {
		b.Fatalf("CERTMATCH_CLUSTER_BENCH_N=%q: want a positive count", s)
	}
	return n
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

// benchDir is where BenchmarkClusterRank keeps its bulk-built shard
// indexes between runs: CERTMATCH_CLUSTER_BENCH_DIR, or a temporary
// folder removed after the run.
func benchDir(b *testing.B) string {
	if d := os.Getenv("CERTMATCH_CLUSTER_BENCH_DIR"); d != "" {
		return d
	}
	return b.TempDir()
}

// bulkBuild returns the folders of the replicas of M-shard layouts of
// the first n generated candidates (seed 1), by M: shard k's replica in
// <dir>/m<M>/<k>, built directly (each shard's candidates added to its
// Engine, compacted) and attached to stream bulk<M> with an applied
// sequence of 0, as if it had applied an empty stream. Every layout is
// built in one pass over the candidates; <dir>/m<M>/built records how
// many each holds, so a layout left by an earlier run is reused, and one
// holding fewer is extended (adding a candidate again is harmless).
func bulkBuild(b *testing.B, dir string, n int, layouts []int) map[int]string {
	ctx := context.Background()
	roots := map[int]string{}
	built := n
	for _, m := range layouts {
		roots[m] = filepath.Join(dir, fmt.Sprintf("m%d", m))
		data, err := os.ReadFile(filepath.Join(roots[m], "built"))
		have, _ := strconv.Atoi(strings.TrimSpace(string(data)))
		switch {
		case err != nil:
			if err := os.RemoveAll(roots[m]); err != nil {
				b.Fatal(err)
			}
			have = 0
		case have > n:
			b.Fatalf("%s holds %d candidates, more than CERTMATCH_CLUSTER_BENCH_N=%d: remove it or raise N", roots[m], have, n)
		}
		built = min(built, have)
	}
	if built == n {
		return roots
	}
	engines := map[int][]*match.Engine{}
	for _, m := range layouts {
		for k := range m {
			e, err := match.Open(ctx, match.Options{Path: filepath.Join(roots[m], strconv.Itoa(k), "index"), Now: fixedNow})
			if err != nil {
				b.Fatal(err)
			}
			engines[m] = append(engines[m], e)
		}
	}
	start := time.Now()
	const chunk = 8000
	for i := built; i < n; i += chunk {
		cands := gen.Candidates(gen.Options{Seed: 1, Start: i}, min(chunk, n-i))
		for _, m := range layouts {
			parts := make([][]scoring.Candidate, m)
			for _, c := range cands {
				k := ShardOf(c.ID, m)
				parts[k] = append(parts[k], c)
			}
			for k, part := range parts {
				if _, err := engines[m][k].Add(ctx, part...); err != nil {
					b.Fatal(err)
				}
			}
			if err := os.WriteFile(filepath.Join(roots[m], "built"), []byte(strconv.Itoa(i+len(cands))), 0o644); err != nil {
				b.Fatal(err)
			}
		}
		if (i/chunk)%25 == 0 {
			b.Logf("layouts: %d of %d built in %v (load %s)", i+len(cands), n, time.Since(start).Round(time.Second), loadAvg())
		}
	}
	for _, m := range layouts {
		for k, e := range engines[m] {
			if err := e.Index().Compact(ctx); err != nil {
				b.Fatal(err)
			}
			if err := e.Close(); err != nil {
				b.Fatal(err)
			}
			data, _ := json.Marshal(position{Stream: fmt.Sprintf("bulk%d", m), Shard: k, Shards: m, Seq: 0})
			if err := os.WriteFile(filepath.Join(roots[m], strconv.Itoa(k), "applied"), data, 0o644); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.Logf("layouts %v: candidates %d to %d bulk-built in %v (%.0f/s per layout)", layouts, built, n,
		time.Since(start).Round(time.Second), float64(n-built)/time.Since(start).Seconds())
	return roots
}

// copyTree copies the regular files under src to dst.
func copyTree(b *testing.B, src, dst string) {
	err := filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		to := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(to, 0o755)
		}
		in, err := os.Open(path)
		if err != nil {
			return err
		}
		defer in.Close()
		out, err := os.Create(to)
		if err != nil {
			return err
		}
		if _, err := io.Copy(out, in); err != nil {
			out.Close()
			return err
		}
		return out.Close()
	})
	if err != nil {
		b.Fatal(err)
	}
}

// rss is the process's resident memory in bytes (0 where /proc is
// missing).
func rss() int64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmRSS:" {
			kb, _ := strconv.ParseInt(f[1], 10, 64)
			return kb << 10
		}
	}
	return 0
}

// loadAvg is the first field of /proc/loadavg ("?" where missing).
func loadAvg() string {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	return strings.Fields(string(data))[0]
}

type ranker interface {
	Rank(context.Context, scoring.Role, match.RankOptions) (match.Ranking, error)
}

// BenchmarkClusterRank compares one on-disk Engine with clusters of 1, 2,
// 4 and 8 shards (one replica each, on disk) over the same
// CERTMATCH_CLUSTER_BENCH_N generated candidates, in this process over
// one NATS server on loopback. The shards' indexes are bulk-built per
// shard and attached (see bulkBuild; kept in CERTMATCH_CLUSTER_BENCH_DIR
// between runs); the Engine opens a copy of the one-shard layout. One
// layout runs at a time beside the Engine: interleaved rounds rank every
// bundled role (top 20, and a deep page at offset 1000) on the Engine
// then on the cluster, so the machine's noise falls on both alike. It
// logs medians, the ratio to the Engine's median in the same rounds
// (the Engine column is the median over every layout's rounds), the slowest shard's own keys-only
// rank (what a cluster of one machine per shard waits for), resident
// memory and disk per candidate, and the throughput of four concurrent
// callers. Run once:
//
//	CERTMATCH_CLUSTER_BENCH_N=2000000 CERTMATCH_CLUSTER_BENCH_DIR=/tmp/cmbench go test ./match/cluster -run '^$' -bench ClusterRank -benchtime 1x -timeout 300m
func BenchmarkClusterRank(b *testing.B) {
	ctx := context.Background()
	n := benchN(b)
	dir := benchDir(b)
	roles := loadRoles(b)
	layouts := []int{1, 2, 4, 8}
	roots := bulkBuild(b, dir, n, layouts)
	engDir := filepath.Join(b.TempDir(), "engine")
	copyTree(b, filepath.Join(roots[1], "0", "index"), engDir)
	base := rss()
	start := time.Now()
	eng, err := match.Open(ctx, match.Options{Path: engDir, Now: fixedNow})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { eng.Close() })
	if _, err := eng.Rank(ctx, roles[0], match.RankOptions{}); err != nil {
		b.Fatal(err)
	}
	b.Logf("engine: %d candidates, opened and ranked once in %v; resident memory %.0f B per candidate, disk %.0f B per candidate",
		n, time.Since(start).Round(time.Millisecond), float64(rss()-base)/float64(n), float64(dirSize(b, engDir))/float64(n))
	url := startNATS(b, 1)
	const rounds = 11
	shallow := match.RankOptions{Top: 20}
	deep := match.RankOptions{Top: 20, Offset: 1000, IncludeIneligible: true}
	for b.Loop() {
		var table, deepTable, tput strings.Builder
		fmt.Fprintf(&table, "top 20, %d candidates, median of %d interleaved rounds (engine over every round, then engine / cluster in each layout's rounds):\n| role | engine |", n, rounds)
		fmt.Fprintf(&deepTable, "offset 1000, top 20, with ineligible, median of %d rounds:\n| role | engine |", rounds)
		engTimes := make(map[string][]time.Duration)
		type cell struct{ engine, cluster, shard time.Duration }
		cells := make(map[string]map[int]cell)
		for _, m := range layouts {
			fmt.Fprintf(&table, " engine / %d shards | slowest shard alone |", m)
			fmt.Fprintf(&deepTable, " engine / %d shards |", m)
			cfg := Config{Stream: fmt.Sprintf("bulk%d", m), Shards: m}
			debug.FreeOSMemory()
			before := rss()
			t0 := time.Now()
			var shards []*runningShard
			for k := range m {
				shards = append(shards, startShard(b, ShardConfig{Config: cfg, URL: url, Shard: k, Replica: "r0", Dir: filepath.Join(roots[m], strconv.Itoa(k))}))
			}
			waitReady(b, shards...)
			coord := openCoordinator(b, url, cfg)
			if _, err := coord.Rank(ctx, roles[0], shallow); err != nil {
				b.Fatal(err)
			}
			b.Logf("shards=%d: opened and ranked once in %v; resident memory %.0f B per candidate; disk %.0f B per candidate; load %s",
				m, time.Since(t0).Round(time.Millisecond), float64(rss()-before)/float64(n), float64(dirSize(b, roots[m]))/float64(n), loadAvg())
			for _, phase := range []struct {
				name string
				opts match.RankOptions
			}{{"top", shallow}, {"deep", deep}} {
				for _, role := range roles {
					var et, ct, st []time.Duration
					for range rounds {
						for _, sys := range []ranker{eng, coord} {
							t0 := time.Now()
							if _, err := sys.Rank(ctx, role, phase.opts); err != nil {
								b.Fatal(err)
							}
							if sys == ranker(eng) {
								et = append(et, time.Since(t0))
							} else {
								ct = append(ct, time.Since(t0))
							}
						}
						// Each shard's own first phase, one after another:
						// the slowest is what separate machines wait for.
						var slowest time.Duration
						for _, s := range shards {
							o := phase.opts
							o.Top, o.Offset = o.Top+o.Offset, 0
							t0 := time.Now()
							if _, err := s.rankKeys(ctx, role, o, testNow); err != nil {
								b.Fatal(err)
							}
							slowest = max(slowest, time.Since(t0))
						}
						st = append(st, slowest)
					}
					key := phase.name + "/" + role.ID
					engTimes[key] = append(engTimes[key], et...)
					if cells[key] == nil {
						cells[key] = map[int]cell{}
					}
					cells[key][m] = cell{engine: median(et), cluster: median(ct), shard: median(st)}
				}
			}
			// Throughput: four callers ranking the roles in turn for 3 s.
			for _, sys := range []ranker{eng, coord} {
				var done atomic.Int64
				var wg sync.WaitGroup
				end := time.Now().Add(3 * time.Second)
				for w := range 4 {
					wg.Add(1)
					go func() {
						defer wg.Done()
						for i := w; time.Now().Before(end); i++ {
							if _, err := sys.Rank(ctx, roles[i%len(roles)], shallow); err != nil {
								b.Error(err)
								return
							}
							done.Add(1)
						}
					}()
				}
				wg.Wait()
				name := "engine"
				if sys != ranker(eng) {
					name = fmt.Sprintf("shards=%d", m)
				}
				fmt.Fprintf(&tput, " %s %.0f/s (load %s);", name, float64(done.Load())/3, loadAvg())
			}
			coord.Close()
			for _, s := range shards {
				s.stop(b)
			}
		}
		table.WriteString("\n")
		deepTable.WriteString("\n")
		for _, role := range roles {
			for _, phase := range []string{"top", "deep"} {
				key := phase + "/" + role.ID
				e := median(engTimes[key])
				w := &table
				if phase == "deep" {
					w = &deepTable
				}
				fmt.Fprintf(w, "| %s | %.2f ms |", role.ID, ms(e))
				for _, m := range layouts {
					c := cells[key][m]
					if phase == "top" {
						fmt.Fprintf(w, " %.2f / %.2f ms (%.2fx) | %.2f ms |", ms(c.engine), ms(c.cluster), float64(c.cluster)/float64(c.engine), ms(c.shard))
					} else {
						fmt.Fprintf(w, " %.2f / %.2f ms (%.2fx) |", ms(c.engine), ms(c.cluster), float64(c.cluster)/float64(c.engine))
					}
				}
				w.WriteString("\n")
			}
		}
		b.Log(table.String())
		b.Log(deepTable.String())
		b.Log("throughput, 4 concurrent callers, 3 s each:" + tput.String())
	}
}

// BenchmarkClusterIngest publishes CERTMATCH_CLUSTER_BENCH_N generated
// candidates through the coordinator into clusters of 1, 2, 4 and 8
// on-disk shards (one replica each) and logs the publishing rate (the
// stream holds every write) and the ingestion rate (every shard has
// applied every write), with the stream's bytes per write. Run:
//
//	CERTMATCH_CLUSTER_BENCH_N=200000 go test ./match/cluster -run '^$' -bench ClusterIngest -benchtime 1x -timeout 120m
func BenchmarkClusterIngest(b *testing.B) {
	n := benchN(b)
	cands := gen.Candidates(gen.Options{Seed: 1}, n)
	url := startNATS(b, 1)
	for b.Loop() {
		for _, shards := range []int{1, 2, 4, 8} {
			bc := buildBenchCluster(b, url, shards, cands)
			bc.coord.Close()
			for _, s := range bc.shards {
				s.stop(b)
			}
		}
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
// and times the rebuild of the same N writes from the stream; then
// rewrites every candidate twice more and times a rebuild again, which
// the compacted stream keeps at N messages instead of 3N. Run:
//
//	CERTMATCH_CLUSTER_BENCH_N=100000 go test ./match/cluster -run '^$' -bench CatchUp -benchtime 1x -timeout 60m
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
		cands := gen.Candidates(gen.Options{Seed: 2}, n)
		start := time.Now()
		tok := addAll(b, c, cands)
		b.Logf("%d writes published in %v (%.0f/s; load %s)", n, time.Since(start).Round(time.Millisecond), float64(n)/time.Since(start).Seconds(), loadAvg())
		catchUp := restart(sc, tok[0])
		if err := os.RemoveAll(sc.Dir); err != nil {
			b.Fatal(err)
		}
		rebuild := restart(sc, tok[0])
		b.Logf("%d writes: catch-up after downtime %v (%.0f writes/s), rebuild with the index lost %v (%.0f writes/s); load %s",
			n, catchUp.Round(time.Millisecond), float64(n)/catchUp.Seconds(), rebuild.Round(time.Millisecond), float64(n)/rebuild.Seconds(), loadAvg())
		for round := range 2 {
			for j := range cands {
				cands[j].Skills = append(cands[j].Skills, "rewrite-"+strconv.Itoa(round))
			}
			tok = tok.Merge(addAll(b, c, cands))
		}
		st, err := c.js.Stream(ctx, cfg.Stream)
		if err != nil {
			b.Fatal(err)
		}
		info, err := st.Info(ctx)
		if err != nil {
			b.Fatal(err)
		}
		if err := os.RemoveAll(sc.Dir); err != nil {
			b.Fatal(err)
		}
		compacted := restart(sc, tok[0])
		b.Logf("after %d writes (each candidate written 3 times) the stream holds %d messages (%.0f B each); rebuild %v (%.0f candidates/s); load %s",
			3*n, info.State.Msgs, float64(info.State.Bytes)/float64(info.State.Msgs), compacted.Round(time.Millisecond), float64(n)/compacted.Seconds(), loadAvg())
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
