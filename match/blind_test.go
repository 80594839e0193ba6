package match_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/certmatch/certmatch/index"
	"github.com/certmatch/certmatch/internal/gen"
	"github.com/certmatch/certmatch/match"
	"github.com/certmatch/certmatch/scoring"
)

// disguise changes every personal field of a candidate and nothing that
// scores: the name, e-mail, phone, and each credential's URL and
// credential number.
func disguise(c scoring.Candidate, i int) scoring.Candidate {
	c.Name = fmt.Sprintf("Person %d Other", i)
	c.Email = fmt.Sprintf("someone.else.%d@example.org", i)
	c.Phone = fmt.Sprintf("+1 555 %04d", i)
	c.Certifications = append([]scoring.Credential(nil), c.Certifications...)
	for j := range c.Certifications {
		c.Certifications[j].URL = fmt.Sprintf("https://verify.example.org/%d/%d", i, j)
		c.Certifications[j].CredentialID = fmt.Sprintf("X-%d-%d", i, j)
	}
	return c
}

// TestEngineIsBlind imports the same candidates twice, once with every
// personal field changed, and shows that Engine.Rank gives identical
// rankings (scores, order, explanations, facets) for every bundled role,
// with text queries, filters, facets and ineligible candidates.
func TestEngineIsBlind(t *testing.T) {
	ctx := context.Background()
	cands := gen.Candidates(gen.Options{Seed: 7}, 1500)
	other := make([]scoring.Candidate, len(cands))
	changed := 0
	for i, c := range cands {
		other[i] = disguise(c, i)
		if other[i].Name != c.Name && other[i].Email != c.Email {
			changed++
		}
	}
	if changed != len(cands) {
		t.Fatalf("only %d of %d candidates were disguised", changed, len(cands))
	}
	a, b := newEngine(t), newEngine(t)
	for _, x := range []struct {
		eng   *match.Engine
		cands []scoring.Candidate
	}{{a, cands}, {b, other}} {
		rep, err := x.eng.Add(ctx, x.cands...)
		if err != nil || rep.Added != len(cands) {
			t.Fatalf("Add: %d added, err %v", rep.Added, err)
		}
	}
	opts := []struct {
		name string
		opts match.RankOptions
	}{
		{"eligible", match.RankOptions{Top: 50}},
		{"all", match.RankOptions{Top: 200, IncludeIneligible: true, Facets: true}},
		{"text", match.RankOptions{Top: 50, IncludeIneligible: true, Query: "kafka spring"}},
		{"filters", match.RankOptions{Top: 50, IncludeIneligible: true, Filters: index.Filters{Skills: []string{"java"}, Certifications: []string{"ocajp"}}}},
		{"page", match.RankOptions{Top: 10, Offset: 30, IncludeIneligible: true}},
	}
	for _, role := range seedRoles(t) {
		for _, o := range opts {
			ra, err := a.Rank(ctx, role, o.opts)
			if err != nil {
				t.Fatal(err)
			}
			rb, err := b.Rank(ctx, role, o.opts)
			if err != nil {
				t.Fatal(err)
			}
			if len(ra.Results) == 0 {
				t.Errorf("%s/%s: empty ranking proves nothing", role.ID, o.name)
			}
			if diff := cmp.Diff(ra, rb); diff != "" {
				t.Errorf("%s/%s: ranking changed with personal fields (-original +disguised):\n%s", role.ID, o.name, diff)
			}
		}
	}
}
