package perf

import (
	"bytes"
	"context"
	"testing"

	"github.com/certmatch/certmatch/internal/doctext/doctexttest"
	"github.com/certmatch/certmatch/match"
)

// BenchmarkImportPDF imports a two-page PDF resume (50 lines a page) into
// an in-memory engine: text extraction, reading the resume, normalising
// and indexing one candidate. The budget is 50 ms a resume.
//
//	go test -run '^$' -bench BenchmarkImportPDF ./internal/perf
func BenchmarkImportPDF(b *testing.B) {
	var pages [][]string
	for p := range 2 {
		lines := []string{"Ann Lee", "ann.lee@example.com", "Chicago, IL", "", "Experience"}
		for i := range 45 {
			lines = append(lines, []string{
				"Senior Java Developer, Acme Corp, 03/2018 - Present",
				"Built Kafka pipelines and Spring Boot services on Kubernetes",
				"Maintained the Hibernate data access layer and PL/SQL procedures",
			}[(i+p)%3])
		}
		if p == 1 {
			lines = append(lines, "", "Certifications", "Oracle Certified Professional, Java SE 11 Developer (2021)", "Skills", "Java (Spring Boot), Java/J2EE, CI/CD")
		}
		pages = append(pages, lines)
	}
	pdf := doctexttest.PDF(pages)
	ctx := context.Background()
	eng, err := match.Open(ctx, match.Options{Now: now})
	if err != nil {
		b.Fatal(err)
	}
	defer eng.Close()
	b.SetBytes(int64(len(pdf)))
	b.ReportAllocs()
	for b.Loop() {
		rep, err := eng.Import(ctx, bytes.NewReader(pdf), match.ImportOptions{Name: "ann-lee.pdf"})
		if err != nil || rep.Imported != 1 {
			b.Fatalf("imported %d, rejected %v: %v", rep.Imported, rep.Rejected, err)
		}
	}
	b.ReportMetric(b.Elapsed().Seconds()*1000/float64(b.N), "ms/resume")
}
