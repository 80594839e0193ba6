package perf

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"

	"github.com/certmatch/certmatch/index"
	"github.com/certmatch/certmatch/internal/cputime"
	"github.com/certmatch/certmatch/internal/gen"
	"github.com/certmatch/certmatch/match"
)

// onDisk builds an on-disk index of n generated candidates once per run.
// With CERTMATCH_BENCH_KEEP naming a folder, the index is kept there
// (open-N) and reused by later runs, which saves building a million
// candidates each time; the benchmarks leave it as they found it.
func onDisk(b *testing.B, n int) string {
	if keep := os.Getenv("CERTMATCH_BENCH_KEEP"); keep != "" {
		path := filepath.Join(keep, fmt.Sprintf("open-%d", n))
		if _, err := os.Stat(filepath.Join(path, "index_meta.json")); err == nil {
			return path
		}
		if err := os.MkdirAll(keep, 0o755); err != nil {
			b.Fatal(err)
		}
		return buildOnDisk(b, path, n)
	}
	dir, err := os.MkdirTemp("", "certmatch-open-")
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { os.RemoveAll(dir) })
	return buildOnDisk(b, dir+"/ix", n)
}

func buildOnDisk(b *testing.B, path string, n int) string {
	eng, err := match.Open(context.Background(), match.Options{Path: path, Now: now})
	if err != nil {
		b.Fatal(err)
	}
	var jsonl bytes.Buffer
	if err := gen.WriteJSONL(&jsonl, gen.Options{Seed: 1}, n); err != nil {
		b.Fatal(err)
	}
	if _, err := eng.Import(context.Background(), &jsonl, match.ImportOptions{}); err != nil {
		b.Fatal(err)
	}
	if err := eng.Close(); err != nil {
		b.Fatal(err)
	}
	return path
}

func heapAlloc() uint64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// BenchmarkOpenRank100k opens an on-disk index of 100k candidates and runs
// the first Rank: "rebuild" without the index's rank file (the ranking
// structure is rebuilt from bleve's stored records, as for an index whose
// file is missing, stale or damaged), "persisted" with the file Close wrote
// (the ranking structure is read). heap-B/cand is the Go heap the engine
// holds beyond what bleve alone holds for the same index: the ranking
// structure's cost per candidate. rss-MiB is the process's resident set
// after the open and the Rank, base-rss-MiB before the open (after
// returning freed memory to the system), hwm-MiB its peak during them;
// cpu-ms the CPU time the process spent in them (bleve's background merges
// included), which a shared machine does not inflate as it does wall time.
func BenchmarkOpenRank100k(b *testing.B) { benchOpenRank(b, 100_000) }

// BenchmarkOpenRank1M is BenchmarkOpenRank100k over a million candidates;
// it runs only with CERTMATCH_BENCH_1M set (building the index takes
// minutes):
//
//	CERTMATCH_BENCH_1M=1 go test -run '^$' -bench OpenRank1M -benchtime 1x -timeout 60m ./internal/perf/
func BenchmarkOpenRank1M(b *testing.B) {
	if os.Getenv("CERTMATCH_BENCH_1M") == "" {
		b.Skip("set CERTMATCH_BENCH_1M=1 to run the 1M benchmark")
	}
	benchOpenRank(b, 1_000_000)
}

func benchOpenRank(b *testing.B, n int) {
	path := onDisk(b, n)
	role := seedRoles(b)[3] // senior-java
	ctx := context.Background()

	base := heapAlloc()
	raw, err := bleve.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	bleveHeap := heapAlloc() - base
	raw.Close()

	for _, persisted := range []bool{false, true} {
		name := "rebuild"
		if persisted {
			name = "persisted"
		}
		b.Run(name, func(b *testing.B) {
			var engineHeap uint64
			var baseRSS, rss, hwm float64
			var cpu time.Duration
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				rankFile := filepath.Join(path, index.RankFile)
				if !persisted {
					if err := os.Remove(rankFile); err != nil && !os.IsNotExist(err) {
						b.Fatal(err)
					}
				} else if _, err := os.Stat(rankFile); err != nil {
					b.Fatalf("no rank file to read: %v", err)
				}
				before := heapAlloc()
				debug.FreeOSMemory()
				baseRSS = procStatus("VmRSS")
				resetPeakRSS()
				cpu0 := cputime.Used()
				b.StartTimer()
				eng, err := match.Open(ctx, match.Options{Path: path, Now: now})
				if err != nil {
					b.Fatal(err)
				}
				if _, err := eng.Rank(ctx, role, match.RankOptions{Top: 20}); err != nil {
					b.Fatal(err)
				}
				b.StopTimer()
				cpu += cputime.Used() - cpu0
				rss, hwm = procStatus("VmRSS"), procStatus("VmHWM")
				engineHeap = heapAlloc() - before
				// Close writes the rank file again.
				if err := eng.Close(); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(cpu.Milliseconds())/float64(b.N), "cpu-ms/op")
			b.ReportMetric(float64(engineHeap-bleveHeap)/float64(n), "heap-B/cand")
			b.ReportMetric(float64(bleveHeap)/float64(n), "bleve-heap-B/cand")
			if rss > 0 {
				b.ReportMetric(baseRSS, "base-rss-MiB")
				b.ReportMetric(rss, "rss-MiB")
				b.ReportMetric(hwm, "hwm-MiB")
			}
		})
	}
}

// procStatus returns a memory figure of /proc/self/status ("VmRSS",
// "VmHWM") in MiB, 0 where there is none (not Linux).
func procStatus(field string) float64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, field+":"); ok {
			kb, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 64)
			if err != nil {
				return 0
			}
			return kb / 1024
		}
	}
	return 0
}

// resetPeakRSS makes VmHWM start again from the current resident set
// (Linux: "5" to clear_refs); elsewhere it does nothing.
func resetPeakRSS() { _ = os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) }
