package match_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/certmatch/certmatch/index"
	"github.com/certmatch/certmatch/internal/gen"
	"github.com/certmatch/certmatch/internal/identity"
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

// TestEngineIsBlindToResumePersonalData imports the same candidates as
// JSON Resume documents twice, the second time with every personal field
// changed: name, e-mail (and so the id, a keyed hash of it), phone, URL,
// photo and profiles. Mapping each disguised id back to the original, every
// ranking gives each candidate the same score, eligibility, components and
// next steps, and the same sequence of scores; only the order among equal
// scores may differ, as it follows the ids.
func TestEngineIsBlindToResumePersonalData(t *testing.T) {
	ctx := context.Background()
	cands := gen.Candidates(gen.Options{Seed: 11}, 600)
	var orig, other bytes.Buffer
	back := map[string]string{} // disguised id -> original id
	h := identity.New(nil)
	for i, c := range cands {
		r := gen.ResumeOf(c, testNow())
		r.Basics.Email = fmt.Sprintf("p%d@example.com", i)
		writeLine(t, &orig, r)
		d := r
		d.Basics.Name = fmt.Sprintf("Someone Else %d", i)
		d.Basics.Email = fmt.Sprintf("other.%d@example.org", i)
		raw := resumeMap(t, d)
		basics := raw["basics"].(map[string]any)
		basics["phone"] = fmt.Sprintf("+44 20 7946 %04d", i)
		basics["url"] = fmt.Sprintf("https://people.example.org/%d", i)
		basics["image"] = fmt.Sprintf("https://people.example.org/%d.jpg", i)
		basics["profiles"] = []any{map[string]any{"network": "LinkedIn", "url": fmt.Sprintf("https://www.linkedin.com/in/other-%d", i)}}
		writeLine(t, &other, raw)
		a, _ := h.Email(r.Basics.Email)
		b, _ := h.Email(d.Basics.Email)
		back[b] = a
	}
	ea, eb := newEngine(t), newEngine(t)
	for _, x := range []struct {
		eng *match.Engine
		in  *bytes.Buffer
	}{{ea, &orig}, {eb, &other}} {
		rep, err := x.eng.Import(ctx, x.in, match.ImportOptions{})
		if err != nil || rep.Imported != len(cands) {
			t.Fatalf("Import: %d of %d imported, err %v", rep.Imported, len(cands), err)
		}
	}
	for _, role := range seedRoles(t) {
		for _, o := range []match.RankOptions{
			{Top: 600, IncludeIneligible: true},
			{Top: 600, IncludeIneligible: true, Query: "java kafka"},
			{Top: 600, IncludeIneligible: true, Filters: index.Filters{Skills: []string{"java"}}},
		} {
			ra, err := ea.Rank(ctx, role, o)
			if err != nil {
				t.Fatal(err)
			}
			rb, err := eb.Rank(ctx, role, o)
			if err != nil {
				t.Fatal(err)
			}
			if len(ra.Results) == 0 || len(ra.Results) != len(rb.Results) || ra.Eligible != rb.Eligible {
				t.Fatalf("%s %+v: %d results (%d eligible) against %d (%d)", role.ID, o, len(ra.Results), ra.Eligible, len(rb.Results), rb.Eligible)
			}
			byID := map[string]scoring.Result{}
			for _, r := range ra.Results {
				byID[r.CandidateID] = r.Result
			}
			for i, r := range rb.Results {
				if ra.Results[i].Score != r.Score || ra.Results[i].Eligible != r.Eligible {
					t.Fatalf("%s: rank %d is %.4f/%v, was %.4f/%v", role.ID, i+1, r.Score, r.Eligible, ra.Results[i].Score, ra.Results[i].Eligible)
				}
				want, ok := byID[back[r.CandidateID]]
				if !ok {
					t.Fatalf("%s: disguised %s has no original in the ranking", role.ID, r.CandidateID)
				}
				got := r.Result
				got.CandidateID = want.CandidateID
				if diff := cmp.Diff(want, got); diff != "" {
					t.Fatalf("%s: candidate %s scored differently with personal fields changed (-original +disguised):\n%s", role.ID, want.CandidateID, diff)
				}
			}
		}
	}
}

func writeLine(t *testing.T, w *bytes.Buffer, v any) {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	w.Write(b)
	w.WriteByte('\n')
}

func resumeMap(t *testing.T, r gen.Resume) map[string]any {
	t.Helper()
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m
}
