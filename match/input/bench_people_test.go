package input

import (
	"bytes"
	"testing"

	"github.com/certmatch/certmatch/internal/gen"
)

// BenchmarkDecodeJSONResume decodes generated candidates as native JSON
// Lines and as JSON Resume documents, without indexing: the decoding
// cost a JSON Resume import adds.
func BenchmarkDecodeJSONResume(b *testing.B) {
	const n = 2000
	var native, resumes bytes.Buffer
	if err := gen.WriteJSONL(&native, gen.Options{Seed: 1}, n); err != nil {
		b.Fatal(err)
	}
	if err := gen.WriteJSONResumeLines(&resumes, gen.Options{Seed: 1}, n); err != nil {
		b.Fatal(err)
	}
	for _, bc := range []struct {
		name string
		data []byte
	}{{"native", native.Bytes()}, {"jsonresume", resumes.Bytes()}} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				count := 0
				_, err := Decode(bytes.NewReader(bc.data), DecodeOptions{Now: fixedNow}, func(r Record) error {
					if r.Err != nil {
						b.Fatal(r.Err)
					}
					count++
					return nil
				})
				if err != nil || count != n {
					b.Fatalf("%d records, %v", count, err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/record")
		})
	}
}
