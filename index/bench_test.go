package index

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"

	"github.com/certmatch/certmatch/internal/gen"
	"github.com/certmatch/certmatch/scoring"
)

// benchSizes are the corpus sizes of BenchmarkPut. The 100k variants take
// a while (about half a minute each on two cores); run them once, and the
// 10k ones a few times:
//
//	go test ./index -run '^$' -bench 'Put/n=100000$' -benchtime 1x
//	go test ./index -run '^$' -bench 'Put/n=10000$' -benchtime 3x
var benchSizes = []int{10_000, 100_000}

// putCorpus is n generated candidates with their credentials resolved,
// the same candidates as generated (names unresolved), and the bleve
// documents of each, prebuilt for the raw bleve baseline.
type putCorpus struct {
	sc         *scoring.Scorer
	resolved   []scoring.Candidate
	unresolved []scoring.Candidate
	docs       map[string][]doc // by variant: "resolved", "unresolved"
}

var (
	putCorporaMu sync.Mutex
	putCorpora   = map[int]*putCorpus{}
)

func loadPutCorpus(b *testing.B, n int) *putCorpus {
	putCorporaMu.Lock()
	defer putCorporaMu.Unlock()
	if c := putCorpora[n]; c != nil {
		return c
	}
	sc := newScorer(b)
	c := &putCorpus{sc: sc, unresolved: gen.Candidates(gen.Options{Seed: 1}, n), resolved: gen.Candidates(gen.Options{Seed: 1}, n), docs: map[string][]doc{}}
	for i := range c.resolved {
		c.resolved[i].Resolve(sc.Catalog())
	}
	for name, cands := range map[string][]scoring.Candidate{"resolved": c.resolved, "unresolved": c.unresolved} {
		docs := make([]doc, n)
		for i := range cands {
			p := sc.Profile(&cands[i])
			d, err := toDoc(sc, &cands[i], &p)
			if err != nil {
				b.Fatal(err)
			}
			docs[i] = d
		}
		c.docs[name] = docs
	}
	putCorpora = map[int]*putCorpus{n: c} // keep one size in memory at a time
	return c
}

// BenchmarkPut measures Index.Put throughput in memory and on disk. Each
// iteration also indexes the same documents, prebuilt with toDoc, into a
// raw bleve index (scorch, the index's mapping, the same batch size) and
// times that apart, alternating which goes first, so each line carries
// its own baseline: cands/s is Put's rate (and ns/op its time),
// bleve-cands/s the baseline's, overhead-x Put's time over bleve's.
// "resolved" candidates have their credentials resolved already, so the
// comparison is about indexing; "unresolved" ones are put as generated, so
// Put also normalises every credential name.
func BenchmarkPut(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			c := loadPutCorpus(b, n)
			for _, store := range []string{"memory", "disk"} {
				for _, v := range []struct {
					name  string
					cands []scoring.Candidate
				}{{"resolved", c.resolved}, {"unresolved", c.unresolved}} {
					b.Run(store+"/"+v.name, func(b *testing.B) {
						benchPut(b, store, c.sc, v.cands, c.docs[v.name])
					})
				}
			}
		})
	}
}

func benchPut(b *testing.B, store string, sc *scoring.Scorer, cands []scoring.Candidate, docs []doc) {
	ctx := context.Background()
	path := func() string {
		if store == "disk" {
			return filepath.Join(b.TempDir(), "ix")
		}
		return ""
	}
	var bleveTime time.Duration
	baseline := func() {
		bl, err := bleve.NewUsing(path(), newMapping(), scorch.Name, scorch.Name, nil)
		if err != nil {
			b.Fatal(err)
		}
		start := time.Now()
		for lo := 0; lo < len(docs); lo += DefaultBatchSize {
			batch := bl.NewBatch()
			for j := lo; j < min(lo+DefaultBatchSize, len(docs)); j++ {
				if err := batch.Index(cands[j].ID, docs[j]); err != nil {
					b.Fatal(err)
				}
			}
			if err := bl.Batch(batch); err != nil {
				b.Fatal(err)
			}
		}
		bleveTime += time.Since(start)
		if err := bl.Close(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		if i%2 == 1 {
			baseline()
		}
		ix, err := Open(ctx, Options{Path: path(), Scorer: sc, BatchSize: DefaultBatchSize})
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if _, err := ix.Put(ctx, cands); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		if err := ix.Close(); err != nil {
			b.Fatal(err)
		}
		if i%2 == 0 {
			baseline()
		}
		b.StartTimer()
	}
	elapsed := b.Elapsed()
	b.ReportMetric(float64(len(cands)*b.N)/elapsed.Seconds(), "cands/s")
	b.ReportMetric(float64(len(docs)*b.N)/bleveTime.Seconds(), "bleve-cands/s")
	b.ReportMetric(elapsed.Seconds()/bleveTime.Seconds(), "overhead-x")
}

// retrievalSize is the corpus size of the retrieval benchmarks.
const retrievalSize = 10_000

var (
	retrievalOnce sync.Once
	retrievalIx   *Index
	retrievalSc   *scoring.Scorer
)

func retrievalIndex(b *testing.B) (*Index, *scoring.Scorer) {
	retrievalOnce.Do(func() {
		retrievalSc = newScorer(b)
		ix, err := Open(context.Background(), Options{Scorer: retrievalSc})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := ix.Put(context.Background(), gen.Candidates(gen.Options{Seed: 1}, retrievalSize)); err != nil {
			b.Fatal(err)
		}
		retrievalIx = ix
	})
	if retrievalIx == nil {
		b.Fatal("retrieval index failed to load")
	}
	return retrievalIx, retrievalSc
}

// BenchmarkRoleSearch is the latency of the bleve role query for each
// seed role at 10k candidates in memory: the top 20 by id.
func BenchmarkRoleSearch(b *testing.B) {
	ix, sc := retrievalIndex(b)
	ctx := context.Background()
	for _, r := range seedRoles(b) {
		b.Run(fmt.Sprintf("n=%d/%s", retrievalSize, r.ID), func(b *testing.B) {
			p, err := sc.Compile(r)
			if err != nil {
				b.Fatal(err)
			}
			req := SearchRequest{Selection: ForPlan(p), Limit: 20}
			var total uint64
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				res, err := ix.Search(ctx, req)
				if err != nil {
					b.Fatal(err)
				}
				total = res.Total
			}
			b.ReportMetric(float64(total), "hits")
		})
	}
}

// BenchmarkRoleScan is the latency of visiting every candidate the role's
// gates select at 10k candidates, from the posting bitmaps and profiles
// (no scoring).
func BenchmarkRoleScan(b *testing.B) {
	ix, sc := retrievalIndex(b)
	ctx := context.Background()
	for _, r := range seedRoles(b) {
		b.Run(fmt.Sprintf("n=%d/%s", retrievalSize, r.ID), func(b *testing.B) {
			p, err := sc.Compile(r)
			if err != nil {
				b.Fatal(err)
			}
			sel := ForPlan(p)
			visited := 0
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				visited = 0
				err := ix.view(ctx, func(v *view) error {
					return v.scan(ctx, sel, func(string, *scoring.Profile) error {
						visited++
						return nil
					})
				})
				if err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(visited), "hits")
		})
	}
}

// BenchmarkReindex measures re-deriving an on-disk index after a catalog
// change against importing the same candidates, in one run: each iteration
// puts n resolved candidates into a new on-disk index (import-s), closes
// it, and opens it with a catalog whose fingerprint differs, which
// re-derives every bleve document and profile from the stored records
// (reindex-s); reindex-x is the ratio. Run it once:
//
//	go test ./index -run '^$' -bench 'Reindex/n=100000$' -benchtime 1x
func BenchmarkReindex(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			ctx := context.Background()
			c := loadPutCorpus(b, n)
			changed, err := c.sc.Catalog().Extend(strings.NewReader(`{"skills": [{"key": "kubernetes", "spellings": ["kube"]}]}`))
			if err != nil {
				b.Fatal(err)
			}
			sc2, err := scoring.NewScorer(scoring.Options{Catalog: changed})
			if err != nil {
				b.Fatal(err)
			}
			var importTime, reindexTime time.Duration
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				path := filepath.Join(b.TempDir(), "ix")
				start := time.Now()
				ix, err := Open(ctx, Options{Path: path, Scorer: c.sc})
				if err != nil {
					b.Fatal(err)
				}
				if _, err := ix.Put(ctx, c.resolved); err != nil {
					b.Fatal(err)
				}
				if err := ix.Close(); err != nil {
					b.Fatal(err)
				}
				importTime += time.Since(start)
				start = time.Now()
				done := 0
				ix, err = Open(ctx, Options{Path: path, Scorer: sc2, ReindexProgress: func(p ReindexProgress) { done = p.Done }})
				if err != nil {
					b.Fatal(err)
				}
				if err := ix.Close(); err != nil {
					b.Fatal(err)
				}
				reindexTime += time.Since(start)
				if done != n {
					b.Fatalf("reindexed %d of %d", done, n)
				}
			}
			b.ReportMetric(importTime.Seconds()/float64(b.N), "import-s")
			b.ReportMetric(reindexTime.Seconds()/float64(b.N), "reindex-s")
			b.ReportMetric(reindexTime.Seconds()/importTime.Seconds(), "reindex-x")
		})
	}
}
