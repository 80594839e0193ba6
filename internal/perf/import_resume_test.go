package perf

import (
	"bytes"
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/certmatch/certmatch/internal/gen"
	"github.com/certmatch/certmatch/match"
)

// BenchmarkImportJSONResume imports the same generated candidates as
// native JSON Lines and as JSON Resume documents (one per line, dates as
// people write them, skills found in work highlights, ids hashed from the
// e-mail addresses),
// in memory, one after the other in every iteration, and reports both
// times and their ratio. The JSON Resume import should stay within 1.2x
// of the native one.
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
			run := func(data []byte, opts match.ImportOptions) time.Duration {
				eng, err := match.Open(context.Background(), match.Options{Now: now})
				if err != nil {
					b.Fatal(err)
				}
				defer eng.Close()
				start := time.Now()
				rep, err := eng.Import(context.Background(), bytes.NewReader(data), opts)
				if err != nil || rep.Imported != n {
					b.Fatalf("imported %d of %d: %v (first rejection %v)", rep.Imported, n, err, firstRejection(rep))
				}
				return time.Since(start)
			}
			var tn, tr time.Duration
			b.ResetTimer()
			for range b.N {
				tn += run(native.Bytes(), match.ImportOptions{})
				tr += run(resumes.Bytes(), match.ImportOptions{})
			}
			b.ReportMetric(tn.Seconds()/float64(b.N), "native-s")
			b.ReportMetric(tr.Seconds()/float64(b.N), "resume-s")
			b.ReportMetric(float64(tr)/float64(tn), "ratio")
		})
	}
}

func firstRejection(rep match.ImportReport) error {
	if len(rep.Rejected) == 0 {
		return nil
	}
	return rep.Rejected[0]
}
