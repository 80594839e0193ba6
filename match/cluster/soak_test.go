package cluster

import (
	"context"
	"fmt"
	"math/rand/v2"
	"sync"
	"testing"
	"time"

	"github.com/certmatch/certmatch/internal/gen"
	"github.com/certmatch/certmatch/match"
	"github.com/certmatch/certmatch/scoring"
)

// soakFor bounds the soak's writing and reading.
const soakFor = 3 * time.Second

// TestSoak runs writers (upserts, rewrites, deletes, each on its own ids)
// and readers (rankings checked for order, numbering and counts) against
// two shards of two replicas for a few seconds, then checks the cluster
// holds exactly the writes: rankings equal one Engine over the final
// state.
func TestSoak(t *testing.T) {
	if testing.Short() {
		t.Skip("runs writers and readers for a few seconds; skipped with -short")
	}
	ctx := context.Background()
	url := startNATS(t, 1)
	cfg := Config{Stream: "soak", Shards: 2}
	tc := newCluster(t, url, cfg, 2, "")
	roles := loadRoles(t)
	deadline := time.Now().Add(soakFor)

	const writers = 3
	finals := make([]map[string]scoring.Candidate, writers)
	tokens := make([]Token, writers)
	var wg sync.WaitGroup
	errs := make(chan error, 16)
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(uint64(w), 1))
			final := map[string]scoring.Candidate{}
			var tok Token
			next := 0
			for time.Now().Before(deadline) {
				switch op := rng.IntN(10); {
				case op < 6 || len(final) == 0: // new candidates
					cands := gen.Candidates(gen.Options{Seed: uint64(100 + w), Start: next}, 1+rng.IntN(50))
					next += len(cands)
					for i := range cands {
						cands[i].ID = fmt.Sprintf("w%d-%s", w, cands[i].ID)
						final[cands[i].ID] = cands[i]
					}
					rep, err := tc.coord.Add(ctx, cands...)
					if err != nil {
						errs <- err
						return
					}
					tok = tok.Merge(rep.Token)
				case op < 8: // rewrite one
					for id, c := range final {
						c.YearsExperience++
						final[id] = c
						rep, err := tc.coord.Add(ctx, c)
						if err != nil {
							errs <- err
							return
						}
						tok = tok.Merge(rep.Token)
						break
					}
				default: // delete one
					for id := range final {
						delete(final, id)
						dt, err := tc.coord.Delete(ctx, id)
						if err != nil {
							errs <- err
							return
						}
						tok = tok.Merge(dt)
						break
					}
				}
			}
			finals[w], tokens[w] = final, tok
		}()
	}
	const readers = 2
	reads := make([]int, readers)
	for r := range readers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; time.Now().Before(deadline); i++ {
				opts := match.RankOptions{Top: 10, Offset: 10 * (i % 3), IncludeIneligible: i%2 == 0}
				got, err := tc.coord.Rank(ctx, roles[(i+r)%len(roles)], opts)
				if err != nil {
					errs <- err
					return
				}
				if err := checkPage(got, opts); err != nil {
					errs <- err
					return
				}
				reads[r]++
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}

	var tok Token
	var want []scoring.Candidate
	for w := range writers {
		tok = tok.Merge(tokens[w])
		for _, c := range finals[w] {
			want = append(want, c)
		}
	}
	t.Logf("%d candidates written, %d rankings read during the soak", len(want), reads[0]+reads[1])
	if reads[0]+reads[1] == 0 {
		t.Fatal("no ranking completed during the soak")
	}
	sameRankings(t, openEngine(t, want), tc.coord, tok, "after the soak", match.RankOptions{Top: 50, IncludeIneligible: true, Facets: true})
}

// checkPage checks what any page must satisfy, whatever writes ran
// meanwhile: the Engine's order, ranks numbered from Offset+1, no more
// than Top results, counts that add up.
func checkPage(r match.Ranking, opts match.RankOptions) error {
	if len(r.Results) > opts.Top || r.Eligible > r.Total {
		return fmt.Errorf("page of %d results (top %d), eligible %d of %d", len(r.Results), opts.Top, r.Eligible, r.Total)
	}
	for i, x := range r.Results {
		if x.Rank != opts.Offset+i+1 {
			return fmt.Errorf("result %d has rank %d, want %d", i, x.Rank, opts.Offset+i+1)
		}
		if !opts.IncludeIneligible && !x.Eligible {
			return fmt.Errorf("ineligible %s in an eligible-only ranking", x.CandidateID)
		}
		if i > 0 && r.Results[i-1].CandidateOrder().Compare(x.CandidateOrder()) >= 0 {
			return fmt.Errorf("%s ranked before %s out of order", r.Results[i-1].CandidateID, x.CandidateID)
		}
	}
	return nil
}
