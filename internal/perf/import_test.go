package perf

import (
	"bytes"
	"context"
	"fmt"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"

	"github.com/certmatch/certmatch/index"
	"github.com/certmatch/certmatch/internal/cputime"
	"github.com/certmatch/certmatch/internal/gen"
	"github.com/certmatch/certmatch/match"
	"github.com/certmatch/certmatch/scoring"
)

// BenchmarkImport compares Engine.Import of a JSON Lines file (decoding,
// validation, normalisation, profiles, the ranking structure and bleve)
// with raw bleve batch indexing of the same bleve documents, prebuilt, in
// the same run: in memory and on disk, at 10k and 100k candidates.
//
// In memory there are two bleve baselines: "mem/bleve" is scorch without
// a path, which never merges its segments (cheap to write, slower to read
// with every batch); "mem/bleve-folder" is scorch as an in-memory Index
// keeps it, in a temporary folder written with unsafe_batch, merging.
func BenchmarkImport(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) { benchImport(b, n) })
	}
}

func benchImport(b *testing.B, n int) {
	{
		var jsonl bytes.Buffer
		if err := gen.WriteJSONL(&jsonl, gen.Options{Seed: 1}, n); err != nil {
			b.Fatal(err)
		}
		sc, err := scoring.NewScorer(scoring.Options{Now: now})
		if err != nil {
			b.Fatal(err)
		}
		cands := gen.Candidates(gen.Options{Seed: 1}, n)
		docs := make([]any, n)
		for i := range cands {
			cands[i].Resolve(sc.Catalog())
			if docs[i], err = index.Document(sc, &cands[i]); err != nil {
				b.Fatal(err)
			}
		}
		for _, disk := range []bool{false, true} {
			where := "mem"
			if disk {
				where = "disk"
			}
			b.Run(where+"/certmatch", func(b *testing.B) {
				defer reportCPU(b, cputime.Used())
				for i := 0; i < b.N; i++ {
					path := ""
					if disk {
						path = b.TempDir() + "/ix"
					}
					eng, err := match.Open(context.Background(), match.Options{Path: path, Now: now})
					if err != nil {
						b.Fatal(err)
					}
					rep, err := eng.Import(context.Background(), bytes.NewReader(jsonl.Bytes()), match.ImportOptions{})
					if err != nil || rep.Imported != n {
						b.Fatalf("imported %d of %d: %v", rep.Imported, n, err)
					}
					eng.Close()
				}
				b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "cands/s")
			})
			bleveRun := func(name string, folder bool, config map[string]any) {
				b.Run(where+"/"+name, func(b *testing.B) { rawImport(b, n, cands, docs, folder, config) })
			}
			bleveRun("bleve", disk, nil)
			if !disk {
				bleveRun("bleve-folder", true, map[string]any{"unsafe_batch": true})
			}
		}
	}
}

// rawImport indexes prebuilt bleve documents in batches of
// index.DefaultBatchSize, in a temporary folder or (without folder) in
// memory.
func rawImport(b *testing.B, n int, cands []scoring.Candidate, docs []any, folder bool, config map[string]any) {
	defer reportCPU(b, cputime.Used())
	for i := 0; i < b.N; i++ {
		path := ""
		if folder {
			path = b.TempDir() + "/ix"
		}
		idx, err := bleve.NewUsing(path, index.Mapping(), scorch.Name, scorch.Name, config)
		if err != nil {
			b.Fatal(err)
		}
		for start := 0; start < n; start += index.DefaultBatchSize {
			batch := idx.NewBatch()
			for j := start; j < min(start+index.DefaultBatchSize, n); j++ {
				if err := batch.Index(cands[j].ID, docs[j]); err != nil {
					b.Fatal(err)
				}
			}
			if err := idx.Batch(batch); err != nil {
				b.Fatal(err)
			}
		}
		idx.Close()
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "cands/s")
}
