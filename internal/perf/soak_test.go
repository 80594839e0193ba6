package perf

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/certmatch/certmatch/internal/gen"
	"github.com/certmatch/certmatch/match"
)

// Soak sizes: the candidates loaded first, and the writers and readers run
// against them. Writers update candidates they own, so the index stays the
// same size however long the soak runs.
const (
	soakCandidates = 20_000
	soakWriters    = 2
	soakReaders    = 2
)

// BenchmarkSoak runs writers (single-candidate Adds, each writer owning
// its ids and stamping every write with a sequence number) and readers
// (Rank top 20 of a seed role, then Get of a random candidate) against one
// on-disk engine for the duration CERTMATCH_SOAK gives (60s for the
// documented run). It fails on any error and on a lost update: at the end
// every candidate holds the last version its writer wrote. It reports
// p50/p99 latencies per operation, the operations done and the Go heap
// before and after.
//
//	CERTMATCH_SOAK=60s go test -run '^$' -bench Soak -benchtime 1x -timeout 10m ./internal/perf/
func BenchmarkSoak(b *testing.B) {
	d := os.Getenv("CERTMATCH_SOAK")
	if d == "" {
		b.Skip("set CERTMATCH_SOAK=60s to run the soak")
	}
	dur, err := time.ParseDuration(d)
	if err != nil {
		b.Fatalf("CERTMATCH_SOAK=%q: %v", d, err)
	}
	ctx := context.Background()
	eng, err := match.Open(ctx, match.Options{Path: b.TempDir() + "/ix", Now: now})
	if err != nil {
		b.Fatal(err)
	}
	defer eng.Close()
	base := gen.Candidates(gen.Options{Seed: 1}, soakCandidates)
	for start := 0; start < len(base); start += 5000 {
		if _, err := eng.Add(ctx, base[start:min(start+5000, len(base))]...); err != nil {
			b.Fatal(err)
		}
	}
	role := seedRoles(b)[3] // senior-java
	heapBefore := heapAlloc()

	for range b.N {
		var (
			mu       sync.Mutex
			firstErr error
			lat      = map[string][]time.Duration{}
		)
		fail := func(err error) {
			mu.Lock()
			defer mu.Unlock()
			if firstErr == nil {
				firstErr = err
			}
		}
		record := func(op string, ds []time.Duration) {
			mu.Lock()
			defer mu.Unlock()
			lat[op] = append(lat[op], ds...)
		}
		deadline := time.Now().Add(dur)
		last := make([]map[string]int, soakWriters) // per writer: id -> last version written
		var wg sync.WaitGroup
		for w := range soakWriters {
			last[w] = map[string]int{}
			wg.Add(1)
			go func() {
				defer wg.Done()
				rng := rand.New(rand.NewPCG(uint64(w), 1))
				var ds []time.Duration
				defer func() { record("add", ds) }()
				for seq := 1; time.Now().Before(deadline); seq++ {
					i := w + soakWriters*rng.IntN(soakCandidates/soakWriters) // ids owned by writer w
					c := base[i]
					c.Summary = fmt.Sprintf("soak version %d", seq)
					start := time.Now()
					rep, err := eng.Add(ctx, c)
					ds = append(ds, time.Since(start))
					if err != nil || rep.Added != 1 {
						fail(fmt.Errorf("writer %d: Add %s: %+v, %v", w, c.ID, rep, err))
						return
					}
					last[w][c.ID] = seq
				}
			}()
		}
		for r := range soakReaders {
			wg.Add(1)
			go func() {
				defer wg.Done()
				rng := rand.New(rand.NewPCG(uint64(100+r), 1))
				var ranks, gets []time.Duration
				defer func() { record("rank", ranks); record("get", gets) }()
				for time.Now().Before(deadline) {
					start := time.Now()
					res, err := eng.Rank(ctx, role, match.RankOptions{})
					ranks = append(ranks, time.Since(start))
					if err != nil || res.Total == 0 {
						fail(fmt.Errorf("reader %d: Rank: %d ranked, %v", r, res.Total, err))
						return
					}
					id := base[rng.IntN(soakCandidates)].ID
					start = time.Now()
					_, err = eng.Get(ctx, id)
					gets = append(gets, time.Since(start))
					if err != nil {
						fail(fmt.Errorf("reader %d: Get %s: %v", r, id, err))
						return
					}
				}
			}()
		}
		wg.Wait()
		if firstErr != nil {
			b.Fatal(firstErr)
		}
		lost := 0
		for _, m := range last {
			for id, seq := range m {
				c, err := eng.Get(ctx, id)
				if err != nil || c.Summary != fmt.Sprintf("soak version %d", seq) {
					lost++
				}
			}
		}
		if n, err := eng.Count(ctx); err != nil || n != soakCandidates {
			b.Errorf("index holds %d (%v), want %d", n, err, soakCandidates)
		}
		if lost > 0 {
			b.Errorf("%d lost updates", lost)
		}
		for _, op := range []string{"add", "rank", "get"} {
			ds := lat[op]
			slices.Sort(ds)
			if len(ds) == 0 {
				b.Fatalf("no %s done", op)
			}
			ms := func(q float64) float64 { return float64(ds[int(q*float64(len(ds)-1))].Microseconds()) / 1000 }
			b.ReportMetric(ms(0.50), op+"-p50-ms")
			b.ReportMetric(ms(0.99), op+"-p99-ms")
			b.ReportMetric(float64(len(ds)), op+"s")
		}
		b.ReportMetric(float64(lost), "lost-updates")
	}
	b.ReportMetric(float64(heapBefore)/(1<<20), "heap-before-MB")
	b.ReportMetric(float64(heapAlloc())/(1<<20), "heap-after-MB")
}
