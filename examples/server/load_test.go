package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/certmatch/certmatch/internal/gen"
	"github.com/certmatch/certmatch/match"
	"github.com/certmatch/certmatch/match/input"
)

var (
	loadN        = flag.Int("load.n", 100_000, "candidates the load benchmark indexes")
	loadPairs    = flag.Int("load.pairs", 300, "in-process and HTTP ranks the load benchmark alternates")
	loadRanks    = flag.Int("load.ranks", 2000, "ranks of the concurrent phase")
	loadWorkers  = flag.Int("load.workers", 4, "concurrent rank clients")
	loadImportsN = flag.Int("load.imports", 500, "candidates per import of the concurrent phase")
)

// BenchmarkLoad is a bounded load generator on loopback: it imports
// -load.n generated candidates through POST /v1/candidates:import, then
//
//  1. alternates -load.pairs in-process Engine.Rank calls with the same
//     rank over HTTP (top 20, senior-java), one at a time, and reports both
//     medians and the median of the differences: what the server adds;
//  2. runs -load.ranks ranks from -load.workers clients, first alone,
//     then while one more client imports -load.imports new candidates a
//     request, over and over, and reports requests/s and p50/p99 of each.
//
// Run it once: go test ./examples/server -run '^$' -bench Load -benchtime 1x
func BenchmarkLoad(b *testing.B) {
	ctx := context.Background()
	now := gen.DefaultNow
	be, err := openBackend(ctx, "", func() time.Time { return now })
	if err != nil {
		b.Fatal(err)
	}
	defer be.eng.Close()
	roles, _ := openRoles("", be.cat)
	s := newServer(be, roles, nil, slog.New(slog.NewTextHandler(io.Discard, nil)), defaultLimits)
	hs := httptest.NewServer(s)
	defer hs.Close()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}, Timeout: time.Minute}

	start := time.Now()
	pr, pw := io.Pipe()
	go func() { pw.CloseWithError(gen.WriteJSONL(pw, gen.Options{Seed: 1, Now: now}, *loadN)) }()
	var rep match.ImportReport
	slow := &http.Client{Timeout: 10 * time.Minute}
	if err := post(slow, hs.URL+"/v1/candidates:import", "application/x-ndjson", pr, &rep); err != nil {
		b.Fatal(err)
	}
	importTime := time.Since(start)
	if rep.Imported != *loadN {
		b.Fatalf("imported %d of %d", rep.Imported, *loadN)
	}
	importRate := float64(*loadN) / importTime.Seconds()

	role, err := input.LoadRoleFile("../../testdata/roles/senior-java.json", be.cat)
	if err != nil {
		b.Fatal(err)
	}
	roles.put(role, nil)
	// The role by id (a saved role), as a staffing tool sends it; the
	// server still compiles it on every request, as Rank does.
	body, _ := json.Marshal(map[string]any{"role_id": role.ID, "top": 20})

	for b.Loop() {
		b.ReportMetric(importRate, "import-cands/s")
		// 1. What the server adds to one rank.
		var inproc, overHTTP, added []time.Duration
		for range *loadPairs {
			t0 := time.Now()
			if _, err := be.eng.Rank(ctx, role, match.RankOptions{Top: 20}); err != nil {
				b.Fatal(err)
			}
			t1 := time.Now()
			raw, err := postRaw(client, hs.URL+"/v1/rank", "application/json", bytes.NewReader(body))
			if err != nil {
				b.Fatal(err)
			}
			t2 := time.Now()
			var r match.Ranking
			if err := json.Unmarshal(raw, &r); err != nil || len(r.Results) != 20 {
				b.Fatalf("ranking of %d results, %v", len(r.Results), err)
			}
			inproc, overHTTP, added = append(inproc, t1.Sub(t0)), append(overHTTP, t2.Sub(t1)), append(added, t2.Sub(t1)-t1.Sub(t0))
		}
		b.ReportMetric(ms(pct(inproc, 50)), "inproc-p50-ms")
		b.ReportMetric(ms(pct(overHTTP, 50)), "http-p50-ms")
		b.ReportMetric(ms(pct(added, 50)), "added-p50-ms")
		b.ReportMetric(ms(pct(added, 99)), "added-p99-ms")

		// 2. Concurrent ranks alone, then beside a stream of imports.
		ranksAlone := concurrent(b, client, hs.URL, body, false)
		b.ReportMetric(ranksAlone.rankRate, "alone-rank-req/s")
		b.ReportMetric(ms(pct(ranksAlone.rank, 50)), "alone-rank-p50-ms")
		b.ReportMetric(ms(pct(ranksAlone.rank, 99)), "alone-rank-p99-ms")
		mixed := concurrent(b, client, hs.URL, body, true)
		b.ReportMetric(mixed.rankRate, "rank-req/s")
		b.ReportMetric(ms(pct(mixed.rank, 50)), "rank-p50-ms")
		b.ReportMetric(ms(pct(mixed.rank, 99)), "rank-p99-ms")
		b.ReportMetric(mixed.importRate, "import-req/s")
		b.ReportMetric(ms(pct(mixed.imports, 50)), "import-p50-ms")
		b.ReportMetric(ms(pct(mixed.imports, 99)), "import-p99-ms")
		b.ReportMetric(mixed.candRate, "concurrent-import-cands/s")
	}
}

// phase is what a concurrent phase measured.
type phase struct {
	rank, imports                  []time.Duration
	rankRate, importRate, candRate float64
}

// concurrent runs -load.ranks ranks from -load.workers clients, beside
// one client importing -load.imports new candidates a request when
// withImports is set.
func concurrent(b *testing.B, client *http.Client, base string, body []byte, withImports bool) phase {
	var out phase
	var mu sync.Mutex
	stop := make(chan struct{})
	var wg sync.WaitGroup
	imported := 0
	if withImports {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				var buf bytes.Buffer
				gen.WriteJSONL(&buf, gen.Options{Seed: 2, Start: *loadN + i**loadImportsN, Now: gen.DefaultNow}, *loadImportsN)
				t0 := time.Now()
				var r match.ImportReport
				if err := post(client, base+"/v1/candidates:import", "application/x-ndjson", &buf, &r); err != nil {
					b.Error(err)
					return
				}
				mu.Lock()
				out.imports = append(out.imports, time.Since(t0))
				imported += r.Imported
				mu.Unlock()
			}
		}()
	}
	jobs := make(chan struct{}, *loadRanks)
	for range *loadRanks {
		jobs <- struct{}{}
	}
	close(jobs)
	t0 := time.Now()
	var rankers sync.WaitGroup
	for range *loadWorkers {
		rankers.Add(1)
		go func() {
			defer rankers.Done()
			for range jobs {
				t := time.Now()
				if _, err := postRaw(client, base+"/v1/rank", "application/json", bytes.NewReader(body)); err != nil {
					b.Error(err)
					return
				}
				mu.Lock()
				out.rank = append(out.rank, time.Since(t))
				mu.Unlock()
			}
		}()
	}
	rankers.Wait()
	elapsed := time.Since(t0).Seconds()
	close(stop)
	wg.Wait()
	out.rankRate = float64(len(out.rank)) / elapsed
	out.importRate = float64(len(out.imports)) / elapsed
	out.candRate = float64(imported) / elapsed
	return out
}

func post(c *http.Client, url, contentType string, body io.Reader, out any) error {
	raw, err := postRaw(c, url, contentType, body)
	if err != nil {
		return err
	}
	return json.Unmarshal(raw, out)
}

// postRaw sends a request and reads its answer whole, without decoding
// it: the time it takes is the server's and the loopback's, not the
// client's JSON decoder's.
func postRaw(c *http.Client, url, contentType string, body io.Reader) ([]byte, error) {
	resp, err := c.Post(url, contentType, body)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("%s: %d %.200s", url, resp.StatusCode, b)
	}
	return b, nil
}

// pct is the p-th percentile of ds (nearest rank).
func pct(ds []time.Duration, p int) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	i := (len(s)*p + 99) / 100
	return s[max(0, min(len(s)-1, i-1))]
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

var overheadN = flag.Int("overhead.n", 20_000, "candidates BenchmarkRankOverhead indexes")

// BenchmarkRankOverhead splits what the server adds to a rank: the same
// rank (senior-java, top 20, by a saved role's id) through the engine,
// through the handler alone (an httptest.ResponseRecorder: decoding, the
// role lookup, JSON encoding, logging, metrics) and over loopback HTTP,
// in turn; one op is the three.
//
//	go test ./examples/server -run '^$' -bench RankOverhead -benchtime 300x
func BenchmarkRankOverhead(b *testing.B) {
	ctx := context.Background()
	now := gen.DefaultNow
	be, err := openBackend(ctx, "", func() time.Time { return now })
	if err != nil {
		b.Fatal(err)
	}
	defer be.eng.Close()
	if _, err := be.eng.Add(ctx, gen.Candidates(gen.Options{Seed: 1, Now: now}, *overheadN)...); err != nil {
		b.Fatal(err)
	}
	roles, _ := openRoles("", be.cat)
	role, err := input.LoadRoleFile("../../testdata/roles/senior-java.json", be.cat)
	if err != nil {
		b.Fatal(err)
	}
	roles.put(role, nil)
	s := newServer(be, roles, nil, slog.New(slog.NewJSONHandler(io.Discard, nil)), defaultLimits)
	body, _ := json.Marshal(map[string]any{"role_id": role.ID, "top": 20})

	hs := httptest.NewServer(s)
	defer hs.Close()
	c := hs.Client()
	// The three run in turn, so that the machine's noise falls on each
	// alike; the medians of the differences are what the server adds.
	var engine, handlerAdded, loopbackAdded []time.Duration
	for b.Loop() {
		t0 := time.Now()
		if _, err := be.eng.Rank(ctx, role, match.RankOptions{Top: 20}); err != nil {
			b.Fatal(err)
		}
		t1 := time.Now()
		r := httptest.NewRequest("POST", "http://127.0.0.1/v1/rank", bytes.NewReader(body))
		r.Header.Set("Content-Type", "application/json")
		w := httptest.NewRecorder()
		s.ServeHTTP(w, r)
		if w.Code != http.StatusOK {
			b.Fatalf("status %d: %s", w.Code, w.Body)
		}
		t2 := time.Now()
		if _, err := postRaw(c, hs.URL+"/v1/rank", "application/json", bytes.NewReader(body)); err != nil {
			b.Fatal(err)
		}
		t3 := time.Now()
		e := t1.Sub(t0)
		engine = append(engine, e)
		handlerAdded = append(handlerAdded, t2.Sub(t1)-e)
		loopbackAdded = append(loopbackAdded, t3.Sub(t2)-e)
	}
	b.ReportMetric(ms(pct(engine, 50)), "engine-p50-ms")
	b.ReportMetric(ms(pct(handlerAdded, 50)), "handler-added-p50-ms")
	b.ReportMetric(ms(pct(loopbackAdded, 50)), "loopback-added-p50-ms")
	b.ReportMetric(ms(pct(loopbackAdded, 90)), "loopback-added-p90-ms")
}
