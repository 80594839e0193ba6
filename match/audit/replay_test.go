package audit_test

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/certmatch/certmatch/index"
	"github.com/certmatch/certmatch/internal/gen"
	"github.com/certmatch/certmatch/match"
	"github.com/certmatch/certmatch/match/audit"
	"github.com/certmatch/certmatch/scoring"
)

var testNow = time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)

func role() scoring.Role {
	return scoring.Role{ID: "java", Title: "Java developer",
		Required:        []scoring.Requirement{{AnyOf: []string{"ocajp", "ocpjp"}}},
		Preferred:       []scoring.Requirement{{AnyOf: []string{"spring-professional"}, Current: true}},
		PreferredSkills: []string{"spring boot", "kafka"}, MinYears: 2}
}

// logged opens an engine over generated candidates whose rankings are
// written to the returned buffer.
func logged(t *testing.T, n int) (*match.Engine, *bytes.Buffer, []scoring.Candidate) {
	t.Helper()
	var buf bytes.Buffer
	eng, err := match.Open(context.Background(), match.Options{Now: func() time.Time { return testNow }, DecisionLog: match.NewJSONLinesLog(&buf)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { eng.Close() })
	cands := gen.Candidates(gen.Options{Seed: 3}, n)
	if _, err := eng.Add(context.Background(), cands...); err != nil {
		t.Fatal(err)
	}
	return eng, &buf, cands
}

func readLog(t *testing.T, b *bytes.Buffer) []match.Decision {
	t.Helper()
	var ds []match.Decision
	if err := match.ReadDecisions(bytes.NewReader(b.Bytes()), func(_ int, d match.Decision) error {
		ds = append(ds, d)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return ds
}

func TestDecisionLogRecordsEveryRanking(t *testing.T) {
	ctx := context.Background()
	eng, buf, cands := logged(t, 400)
	opts := []match.RankOptions{
		{Top: 10},
		{Top: 500, IncludeIneligible: true, Query: "java", Filters: index.Filters{Skills: []string{"java"}}},
	}
	var pages []match.Ranking
	for _, o := range opts {
		r, err := eng.Rank(ctx, role(), o)
		if err != nil {
			t.Fatal(err)
		}
		pages = append(pages, r)
	}
	ds := readLog(t, buf)
	if len(ds) != len(opts) {
		t.Fatalf("%d decisions logged for %d rankings", len(ds), len(opts))
	}
	for i, d := range ds {
		if d.Role.ID != "java" || !d.Now.Equal(testNow) || d.Catalog == "" || d.Library == "" || d.Weights == (scoring.Weights{}) {
			t.Errorf("decision %d lacks its context: role %q now %v catalog %q library %q weights %+v", i, d.Role.ID, d.Now, d.Catalog, d.Library, d.Weights)
		}
		if len(d.Results) != len(pages[i].Results) || d.Total != pages[i].Total || d.Eligible != pages[i].Eligible {
			t.Errorf("decision %d: %d results, total %d; the ranking had %d, %d", i, len(d.Results), d.Total, len(pages[i].Results), pages[i].Total)
		}
		for j, r := range d.Results {
			p := pages[i].Results[j]
			if r.CandidateID != p.CandidateID || r.Score != p.Score || r.Eligible != p.Eligible || len(r.Components) != len(p.Components) {
				t.Errorf("decision %d result %d = %+v, ranking had %s %.2f", i, j, r, p.CandidateID, p.Score)
			}
		}
	}
	if ds[1].Options.Query != "java" || ds[1].Options.Filters == nil || !ds[1].Options.IncludeIneligible {
		t.Errorf("options not logged: %+v", ds[1].Options)
	}
	// No personal field reaches the log.
	for _, c := range cands {
		for _, personal := range []string{c.Name, c.Email, c.Phone} {
			if personal != "" && strings.Contains(buf.String(), personal) {
				t.Fatalf("the log holds a personal field of %s", c.ID)
			}
		}
	}
}

func TestFailingLogFailsRank(t *testing.T) {
	boom := errors.New("disk full")
	eng, err := match.Open(context.Background(), match.Options{DecisionLog: match.DecisionLogFunc(func(context.Context, match.Decision) error { return boom })})
	if err != nil {
		t.Fatal(err)
	}
	defer eng.Close()
	_, err = eng.Rank(context.Background(), role(), match.RankOptions{})
	if !errors.Is(err, match.ErrDecisionLog) || !errors.Is(err, boom) {
		t.Errorf("Rank with a failing log: err = %v, want ErrDecisionLog wrapping the cause", err)
	}
}

func TestReplay(t *testing.T) {
	ctx := context.Background()
	eng, buf, cands := logged(t, 400)
	if _, err := eng.Rank(ctx, role(), match.RankOptions{Top: 400, IncludeIneligible: true}); err != nil {
		t.Fatal(err)
	}
	d := readLog(t, buf)[0]

	// Over the same index, even on a later day, replay reproduces it.
	later, err := match.Open(ctx, match.Options{Now: func() time.Time { return testNow.AddDate(3, 0, 0) }})
	if err != nil {
		t.Fatal(err)
	}
	defer later.Close()
	if _, err := later.Add(ctx, cands...); err != nil {
		t.Fatal(err)
	}
	got, err := audit.Replay(ctx, later, d)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Changes) != 0 || got.CatalogChanged {
		t.Fatalf("replay over the same candidates differs: %v", got.Changes)
	}

	// Update one ranked candidate: replay names them.
	top := d.Results[0].CandidateID
	c, err := later.Get(ctx, top)
	if err != nil {
		t.Fatal(err)
	}
	c.Certifications = nil
	if _, err := later.Add(ctx, c); err != nil {
		t.Fatal(err)
	}
	got, err = audit.Replay(ctx, later, d)
	if err != nil {
		t.Fatal(err)
	}
	var named bool
	for _, ch := range got.Changes {
		if ch.CandidateID == top && (ch.What == "score" || ch.What == "eligibility") {
			named = true
		}
	}
	if !named {
		t.Errorf("replay after updating %s: changes %v do not name it", top, got.Changes)
	}
	// Delete one: replay says it is missing.
	if _, err := later.Delete(ctx, top); err != nil {
		t.Fatal(err)
	}
	got, err = audit.Replay(ctx, later, d)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(changes(got.Changes), top+": missing from replay") {
		t.Errorf("replay after deleting %s: %v", top, got.Changes)
	}
}

func changes(cs []audit.Change) string {
	var s []string
	for _, c := range cs {
		s = append(s, c.String())
	}
	return strings.Join(s, "\n")
}
