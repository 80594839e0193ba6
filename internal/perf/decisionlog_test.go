package perf

import (
	"context"
	"io"
	"testing"

	"github.com/certmatch/certmatch/internal/gen"
	"github.com/certmatch/certmatch/match"
)

// BenchmarkDecisionLog100k compares Rank with and without a decision log
// (JSON Lines to io.Discard: the encoding is paid, not the disk) over the
// same 100k candidates, every bundled role, a page of 20.
func BenchmarkDecisionLog100k(b *testing.B) {
	const n = 100_000
	plain := load(b, n).eng
	ctx := context.Background()
	logged, err := match.Open(ctx, match.Options{Now: now, DecisionLog: match.NewJSONLinesLog(io.Discard)})
	if err != nil {
		b.Fatal(err)
	}
	defer logged.Close()
	for start := 0; start < n; start += 10000 {
		if _, err := logged.Add(ctx, gen.Candidates(gen.Options{Seed: 1, Start: start}, 10000)...); err != nil {
			b.Fatal(err)
		}
	}
	for _, role := range seedRoles(b) {
		// The log's own cost, alone: building and encoding the entry of
		// a page of 20, to compare with Rank's time in the same run.
		b.Run("role="+role.ID+"/entry", func(b *testing.B) {
			r, err := plain.Rank(ctx, role, match.RankOptions{Top: 20})
			if err != nil {
				b.Fatal(err)
			}
			log := match.NewJSONLinesLog(io.Discard)
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				d := match.Decision{Time: now(), Now: now(), Library: match.Version(), Catalog: logged.CatalogID(), Role: role,
					Options: match.DecisionOptions{Top: 20}, Eligible: r.Eligible, Total: r.Total, Results: match.DecisionFor(r)}
				if err := log.LogDecision(ctx, d); err != nil {
					b.Fatal(err)
				}
			}
		})
		for _, side := range []struct {
			name string
			eng  *match.Engine
		}{{"plain", plain}, {"logged", logged}} {
			b.Run("role="+role.ID+"/"+side.name, func(b *testing.B) {
				b.ReportAllocs()
				for i := 0; i < b.N; i++ {
					if _, err := side.eng.Rank(ctx, role, match.RankOptions{Top: 20}); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
