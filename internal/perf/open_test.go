package perf

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/blevesearch/bleve/v2"

	"github.com/certmatch/certmatch/index"
	"github.com/certmatch/certmatch/internal/gen"
	"github.com/certmatch/certmatch/match"
)

// onDisk builds an on-disk index of n generated candidates once per run.
func onDisk(b *testing.B, n int) string {
	dir, err := os.MkdirTemp("", "certmatch-open-")
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { os.RemoveAll(dir) })
	path := dir + "/ix"
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
// structure's cost per candidate.
func BenchmarkOpenRank100k(b *testing.B) {
	const n = 100_000
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
				b.StartTimer()
				eng, err := match.Open(ctx, match.Options{Path: path, Now: now})
				if err != nil {
					b.Fatal(err)
				}
				if _, err := eng.Rank(ctx, role, match.RankOptions{Top: 20}); err != nil {
					b.Fatal(err)
				}
				b.StopTimer()
				engineHeap = heapAlloc() - before
				// Close writes the rank file again.
				if err := eng.Close(); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(engineHeap-bleveHeap)/n, "heap-B/cand")
			b.ReportMetric(float64(bleveHeap)/n, "bleve-heap-B/cand")
		})
	}
}
