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
	"github.com/certmatch/certmatch/scoring"
)

// BenchmarkSingleAdds100k loads the same 100k candidates into two
// in-memory engines, adds 10,000 more to one of them with one Add each,
// and times Rank top 20 for every seed role on both, interleaved: rank-x
// is the slowest role's ratio of medians, the index written to over the
// one that was not (the median of the ratios of adjacent calls), once
// bleve has every write (Index.Bleve waits for
// them); rank-x-busy the same right after the last Add returns, while
// bleve may still be taking the writes. Measured side by side, the
// machine's load and the background work of the writes (bleve's batches
// and merges) slow both alike, so the ratio is what the writes did to the
// index. rank-x-self is the ratio on the written index alone, after the
// adds over before them (measured minutes apart, so it carries the
// machine's noise). add-p50-ms and add-p99-ms are percentiles of one Add,
// heap-MB the Go heap after the adds (both engines). CERTMATCH_BENCH_ADDS
// sets another number of adds.
func BenchmarkSingleAdds100k(b *testing.B) {
	const n = 100_000
	adds := 10_000
	if v, err := strconv.Atoi(os.Getenv("CERTMATCH_BENCH_ADDS")); err == nil && v > 0 {
		adds = v // fewer, to measure an index that degrades
	}
	ctx := context.Background()
	open := func() *match.Engine {
		eng, err := match.Open(ctx, match.Options{Now: now})
		if err != nil {
			b.Fatal(err)
		}
		for start := 0; start < n; start += 10_000 {
			if _, err := eng.Add(ctx, gen.Candidates(gen.Options{Seed: 1, Start: start}, 10_000)...); err != nil {
				b.Fatal(err)
			}
		}
		return eng
	}
	roles := seedRoles(b)
	for i := 0; i < b.N; i++ {
		eng, ctl := open(), open()
		before, controlBefore, _ := rankSideBySide(b, roles, eng, ctl)
		more := gen.Candidates(gen.Options{Seed: 2, Start: n}, adds)
		lat := make([]time.Duration, adds)
		for j := range more {
			t0 := time.Now()
			if _, err := eng.Add(ctx, more[j]); err != nil {
				b.Fatal(err)
			}
			lat[j] = time.Since(t0)
		}
		busy, controlBusy, busyX := rankSideBySide(b, roles, eng, ctl)
		eng.Index().Bleve() // waits until bleve has every write
		after, control, afterX := rankSideBySide(b, roles, eng, ctl)
		worst, worstBusy, self := 0.0, 0.0, 0.0
		for r := range roles {
			worst = max(worst, afterX[r])
			worstBusy = max(worstBusy, busyX[r])
			self = max(self, float64(after[r])/float64(before[r]))
			b.Logf("%s: before %v (control %v), busy %v (control %v, %.2fx), after %v (control %v, %.2fx)",
				roles[r].ID, before[r], controlBefore[r], busy[r], controlBusy[r], busyX[r], after[r], control[r], afterX[r])
		}
		slices.Sort(lat)
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		b.ReportMetric(worst, "rank-x")
		b.ReportMetric(worstBusy, "rank-x-busy")
		b.ReportMetric(self, "rank-x-self")
		b.ReportMetric(float64(lat[adds*99/100].Microseconds())/1000, "add-p99-ms")
		b.ReportMetric(float64(lat[adds/2].Microseconds())/1000, "add-p50-ms")
		b.ReportMetric(float64(ms.HeapAlloc)/(1<<20), "heap-MB")
		for _, e := range []*match.Engine{eng, ctl} {
			if err := e.Close(); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// rankSideBySide times Rank top 20 for every role on two engines in
// alternation (which goes first alternates too), 31 rounds, and returns
// each engine's median per role and the median per role of x's time over
// y's in the same round: a ratio of calls made moments apart, which the
// machine's load changes less than it changes either.
func rankSideBySide(b *testing.B, roles []scoring.Role, x, y *match.Engine) (xs, ys []time.Duration, ratio []float64) {
	ctx := context.Background()
	const rounds = 31
	tx := make([][]time.Duration, len(roles))
	ty := make([][]time.Duration, len(roles))
	type side struct {
		eng *match.Engine
		ts  *[]time.Duration
	}
	for round := range rounds {
		for r, role := range roles {
			sides := []side{{x, &tx[r]}, {y, &ty[r]}}
			if round%2 == 1 {
				sides[0], sides[1] = sides[1], sides[0]
			}
			for _, side := range sides {
				t0 := time.Now()
				if _, err := side.eng.Rank(ctx, role, match.RankOptions{Top: 20}); err != nil {
					b.Fatal(err)
				}
				*side.ts = append(*side.ts, time.Since(t0))
			}
		}
	}
	median := func(ts []time.Duration) time.Duration {
		slices.Sort(ts)
		return ts[len(ts)/2]
	}
	for r := range roles {
		rs := make([]float64, rounds)
		for i := range rs {
			rs[i] = float64(tx[r][i]) / float64(ty[r][i])
		}
		slices.Sort(rs)
		ratio = append(ratio, rs[rounds/2])
		xs = append(xs, median(tx[r]))
		ys = append(ys, median(ty[r]))
	}
	return xs, ys, ratio
}
