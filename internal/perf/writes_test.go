package perf

import (
	"context"
	"os"
	"runtime"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/certmatch/certmatch/internal/gen"
	"github.com/certmatch/certmatch/match"
)

// BenchmarkSingleAdds100k loads 100k candidates in memory, times Rank top
// 20 for every seed role, adds 10,000 more candidates one Add each, and
// times Rank again: rank-x is the slowest role's after/before ratio of
// medians, add-p99 the 99th percentile of one Add, heap-MB the Go heap
// after the adds. CERTMATCH_BENCH_ADDS sets another number of adds.
func BenchmarkSingleAdds100k(b *testing.B) {
	const n = 100_000
	adds := 10_000
	if v, err := strconv.Atoi(os.Getenv("CERTMATCH_BENCH_ADDS")); err == nil && v > 0 {
		adds = v // fewer, to measure an index that degrades
	}
	ctx := context.Background()
	for i := 0; i < b.N; i++ {
		eng, err := match.Open(ctx, match.Options{Now: now})
		if err != nil {
			b.Fatal(err)
		}
		for start := 0; start < n; start += 10_000 {
			if _, err := eng.Add(ctx, gen.Candidates(gen.Options{Seed: 1, Start: start}, 10_000)...); err != nil {
				b.Fatal(err)
			}
		}
		roles := seedRoles(b)
		rank := func() []time.Duration {
			out := make([]time.Duration, len(roles))
			for r, role := range roles {
				var ts []time.Duration
				for range 15 {
					t0 := time.Now()
					if _, err := eng.Rank(ctx, role, match.RankOptions{Top: 20}); err != nil {
						b.Fatal(err)
					}
					ts = append(ts, time.Since(t0))
				}
				slices.Sort(ts)
				out[r] = ts[len(ts)/2]
			}
			return out
		}
		before := rank()
		more := gen.Candidates(gen.Options{Seed: 2, Start: n}, adds)
		lat := make([]time.Duration, adds)
		for j := range more {
			t0 := time.Now()
			if _, err := eng.Add(ctx, more[j]); err != nil {
				b.Fatal(err)
			}
			lat[j] = time.Since(t0)
		}
		after := rank()
		worst := 0.0
		for r := range roles {
			worst = max(worst, float64(after[r])/float64(before[r]))
		}
		slices.Sort(lat)
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		b.ReportMetric(worst, "rank-x")
		b.ReportMetric(float64(lat[adds*99/100].Microseconds())/1000, "add-p99-ms")
		b.ReportMetric(float64(lat[adds/2].Microseconds())/1000, "add-p50-ms")
		b.ReportMetric(float64(ms.HeapAlloc)/(1<<20), "heap-MB")
		if err := eng.Close(); err != nil {
			b.Fatal(err)
		}
	}
}
