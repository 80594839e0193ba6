package perf

import (
	"bytes"
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/certmatch/certmatch/internal/cputime"
	"github.com/certmatch/certmatch/internal/gen"
	"github.com/certmatch/certmatch/match"
)

// BenchmarkImportJSONResume imports the same generated candidates as
// native JSON Lines and as JSON Resume documents (one per line, dates as
// people write them, skills found in work highlights, ids hashed from the
// e-mail addresses),
// in memory, one after the other in every iteration (which goes first
// alternates), and reports both wall times, both CPU times and their
// ratios. The JSON Resume import should stay within 1.2x of the native
// one; on a machine shared with other work the CPU ratio is the one to
// read.
//
//	go test -run '^$' -bench BenchmarkImportJSONResume -benchtime 1x ./internal/perf
func BenchmarkImportJSONResume(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			var native, resumes bytes.Buffer
			if err := gen.WriteJSONL(&native, gen.Options{Seed: 1}, n); err != nil {
				b.Fatal(err)
			}
			if err := gen.WriteJSONResumeLines(&resumes, gen.Options{Seed: 1}, n); err != nil {
				b.Fatal(err)
			}
			run := func(data []byte, wall, cpu *time.Duration) {
				eng, err := match.Open(context.Background(), match.Options{Now: now})
				if err != nil {
					b.Fatal(err)
				}
				defer eng.Close()
				start, cpuStart := time.Now(), cputime.Used()
				rep, err := eng.Import(context.Background(), bytes.NewReader(data), match.ImportOptions{})
				if err != nil || rep.Imported != n {
					b.Fatalf("imported %d of %d: %v (first rejection %v)", rep.Imported, n, err, firstRejection(rep))
				}
				*wall += time.Since(start)
				*cpu += cputime.Used() - cpuStart
			}
			var wn, wr, cn, cr time.Duration
			b.ResetTimer()
			for i := range b.N {
				if i%2 == 0 {
					run(native.Bytes(), &wn, &cn)
					run(resumes.Bytes(), &wr, &cr)
				} else {
					run(resumes.Bytes(), &wr, &cr)
					run(native.Bytes(), &wn, &cn)
				}
			}
			b.ReportMetric(wn.Seconds()/float64(b.N), "native-s")
			b.ReportMetric(wr.Seconds()/float64(b.N), "resume-s")
			b.ReportMetric(float64(wr)/float64(wn), "ratio")
			if cn > 0 {
				b.ReportMetric(cn.Seconds()/float64(b.N), "native-cpu-s")
				b.ReportMetric(cr.Seconds()/float64(b.N), "resume-cpu-s")
				b.ReportMetric(float64(cr)/float64(cn), "cpu-ratio")
			}
		})
	}
}

func firstRejection(rep match.ImportReport) error {
	if len(rep.Rejected) == 0 {
		return nil
	}
	return rep.Rejected[0]
}
