package scoring_test

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/certmatch/certmatch/internal/cputime"
	generate "github.com/certmatch/certmatch/internal/gen"
	"github.com/certmatch/certmatch/scoring"
)

// BenchmarkRankPath measures, per seed role, the two costs of a ranking
// the scorer owns, over generated candidates: the scan (EligiblePoints
// on every profile, as a ranking of the eligible does; Order on every
// profile, as one with the ineligible does) and the page (compiling the
// role and explaining its 20 best). ns/pair is the cost of one
// candidate-role pair of the scan, ns/page of one page; cpu-ns/pair and
// cpu-ns/page are the same in the process's CPU time, which other work
// on a shared machine does not inflate (run with -test.cpu 1 so that it
// is the benchmark's alone).
func BenchmarkRankPath(b *testing.B) {
	s := newScorer(b)
	cands := generate.Candidates(generate.Options{Seed: 1}, 20_000)
	profiles := make([]scoring.Profile, len(cands))
	for i := range cands {
		profiles[i] = s.Profile(&cands[i])
	}
	for _, role := range seedRoles(b) {
		plan, err := s.Compile(role)
		if err != nil {
			b.Fatal(err)
		}
		var cpuStart time.Duration
		start := func(b *testing.B) {
			b.ResetTimer()
			cpuStart = cputime.Used()
		}
		report := func(b *testing.B, per int, unit string) {
			cpu := cputime.Used() - cpuStart
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*per), "ns/"+unit)
			if cpu > 0 {
				b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N*per), "cpu-ns/"+unit)
			}
		}
		perPair := func(b *testing.B) { report(b, len(profiles), "pair") }
		b.Run(fmt.Sprintf("role=%s/eligible", role.ID), func(b *testing.B) {
			start(b)
			for i := 0; i < b.N; i++ {
				for j := range profiles {
					plan.EligiblePoints(&profiles[j])
				}
			}
			perPair(b)
		})
		b.Run(fmt.Sprintf("role=%s/order", role.ID), func(b *testing.B) {
			start(b)
			for i := 0; i < b.N; i++ {
				for j := range profiles {
					plan.Points(&profiles[j])
				}
			}
			perPair(b)
		})
		type kept struct {
			i     int
			score float64
		}
		var top []kept
		for j := range profiles {
			if score, ok := plan.EligiblePoints(&profiles[j]); ok {
				top = append(top, kept{j, score})
			}
		}
		slices.SortFunc(top, func(a, b kept) int {
			if a.score != b.score {
				if a.score > b.score {
					return -1
				}
				return 1
			}
			return a.i - b.i
		})
		top = top[:min(20, len(top))]
		b.Run(fmt.Sprintf("role=%s/page", role.ID), func(b *testing.B) {
			b.ReportAllocs()
			start(b)
			for i := 0; i < b.N; i++ {
				plan, err := s.Compile(role)
				if err != nil {
					b.Fatal(err)
				}
				for _, k := range top {
					plan.Explain(cands[k.i], &profiles[k.i])
				}
			}
			report(b, 1, "page")
		})
	}
}
