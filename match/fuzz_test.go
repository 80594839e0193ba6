package match_test

import (
	"bytes"
	"context"
	"errors"
	"math"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/certmatch/certmatch/match"
	"github.com/certmatch/certmatch/match/input"
	"github.com/certmatch/certmatch/scoring"
)

// asStored is s as the index stores text: encoding/json writes each byte
// that is not valid UTF-8 as U+FFFD.
func asStored(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		b.WriteRune(r) // utf8.RuneError for an invalid byte, n == 1
		i += n
	}
	return b.String()
}

// FuzzAddGetReopen adds one candidate built from the fuzzer's values to an
// on-disk engine. A candidate Add accepts must come back from Get as it was
// indexed, rank, and come back the same after the index is closed and
// reopened; one it rejects must leave the index empty, with the field
// named. The seeds run with go test; crashers found by `go test -fuzz
// FuzzAddGetReopen ./match/` are kept in testdata/fuzz.
func FuzzAddGetReopen(f *testing.F) {
	f.Add("c1", "Ann", "Java", "OCP Java 11", 2021, 3, 14, 7.5, 115000.0)
	f.Add("c2", "", "", "", 0, 0, 0, 0.0, 0.0)
	f.Add("c\xff", "B\xffb", "Sp\xferk", "OCA\xff", 2021, 13, 1, 1.0, 1.0)
	f.Add("c6", "B\xffb", "Sp\xferk", "OCA\xff 11", 2021, 3, 1, 1.0, 1.0)
	f.Add("c3", "x", "y", "Spring Professional", 2023, 2, 29, 80.0, 1e9)
	f.Add("c4", "x", "y", "z", 10000, 1, 1, math.Inf(1), math.NaN())
	f.Add(strings.Repeat("i", 300), "n", "s", "c", 1, 1, 1, -1.0, 5e9)
	f.Add("c5\n", "n", "s", "c", 2024, 2, 30, 3.0, 3.0)
	f.Fuzz(func(t *testing.T, id, name, skill, certName string, year, month, day int, years, salary float64) {
		ctx := context.Background()
		c := scoring.Candidate{ID: id, Name: name, YearsExperience: years, DesiredSalary: salary}
		if skill != "" {
			c.Skills = []string{skill}
		}
		if certName != "" {
			c.Certifications = []scoring.Credential{{Name: certName, Date: scoring.Date{Year: year, Month: month, Day: day}}}
		}
		dir := filepath.Join(t.TempDir(), "index")
		eng, err := match.Open(ctx, match.Options{Path: dir, Now: testNow})
		if err != nil {
			t.Fatal(err)
		}
		defer func() { eng.Close() }()
		rep, err := eng.Add(ctx, c)
		if err != nil {
			t.Fatalf("Add: %v", err)
		}
		if rep.Added == 0 {
			if len(rep.Rejected) != 1 || rep.Rejected[0].Field == "" && c.Validate() != nil {
				t.Fatalf("rejected without naming a field: %+v", rep)
			}
			if n, _ := eng.Count(ctx); n != 0 {
				t.Fatalf("a rejected candidate left %d in the index", n)
			}
			return
		}
		want := c
		want.Certifications = append([]scoring.Credential(nil), c.Certifications...)
		want.Resolve(eng.Catalog())
		want.Name = asStored(want.Name)
		for i := range want.Skills {
			want.Skills[i] = asStored(want.Skills[i])
		}
		for i := range want.Certifications {
			want.Certifications[i].Name = asStored(want.Certifications[i].Name)
		}
		check := func(when string) {
			got, err := eng.Get(ctx, id)
			if err != nil {
				t.Fatalf("%s: Get: %v", when, err)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("%s: Get differs from what was added (-want +got):\n%s", when, diff)
			}
			r, err := eng.Rank(ctx, scoring.Role{ID: "r", PreferredSkills: []string{"java"}}, match.RankOptions{IncludeIneligible: true})
			if err != nil || r.Total != 1 || r.Results[0].CandidateID != id {
				t.Fatalf("%s: Rank = %+v, %v; want the one candidate", when, r, err)
			}
		}
		check("after Add")
		if err := eng.Close(); err != nil {
			t.Fatal(err)
		}
		if eng, err = match.Open(ctx, match.Options{Path: dir, Now: testNow}); err != nil {
			t.Fatalf("reopen: %v", err)
		}
		check("after reopening")
	})
}

// FuzzImport imports arbitrary input. Whatever it holds, the report
// accounts for every record read (read = imported + rejected + lost, and
// nothing is lost when the index does not fail), every imported id can be
// fetched, the index holds exactly the distinct ids imported, and no
// rejection quotes an invalid id.
func FuzzImport(f *testing.F) {
	for _, seed := range []string{
		`[{"id":"c1","skills":["Java"]},{"id":"c2","years_experience":"ten"},{"id":"c3"}]`,
		"{\"id\":\"c1\",}\n{\"id\":\"c2\"}\n{\"id\":\"c\xff\"}\n",
		"{\n\"id\":\"c1\"}{\n\"id\":\"c2\"}{\"id",
		"id,years_experience,certifications\nc1,+1 555 0100,OCP|2021\nc2,3,OCP|2021-13\nc3,,\n",
		`{"basics":{"email":"a@x.org"},"certificates":[{"name":"OCP","date":"2021-02-30"}]}`,
		`[{"id":"c1","certifications":[{"id":"ocpjp","version":"11","date":"2021-03"}]},{"id":"c1"}`,
		"\xef\xbb\xbf[]",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		ctx := context.Background()
		eng, err := match.Open(ctx, match.Options{Now: testNow, BatchSize: 2})
		if err != nil {
			t.Fatal(err)
		}
		defer eng.Close()
		rep, err := eng.Import(ctx, bytes.NewReader(data), match.ImportOptions{})
		var ie *input.InputError
		if err != nil && !errors.As(err, &ie) && !errors.Is(err, input.ErrUnknownFormat) {
			t.Fatalf("Import error %v (%T): want only whole-input errors", err, err)
		}
		if rep.Read != rep.Imported+len(rep.Rejected)+rep.Lost || rep.Lost != 0 {
			t.Fatalf("report does not account: read %d, imported %d, rejected %d, lost %d", rep.Read, rep.Imported, len(rep.Rejected), rep.Lost)
		}
		for _, r := range rep.Rejected {
			if r.Position == "" || !utf8.ValidString(r.Error()) {
				t.Errorf("rejection without a position, or quoting invalid UTF-8: %q", r.Error())
			}
		}
		n, err := eng.Count(ctx)
		if err != nil || n != rep.Imported-len(rep.Duplicates) {
			t.Fatalf("index holds %d (%v), imported %d with %d duplicates", n, err, rep.Imported, len(rep.Duplicates))
		}
		r, err := eng.Rank(ctx, scoring.Role{ID: "r"}, match.RankOptions{Top: 1000, IncludeIneligible: true})
		if err != nil || r.Total != n {
			t.Fatalf("Rank: %d ranked of %d, %v", r.Total, n, err)
		}
		for _, res := range r.Results {
			if _, err := eng.Get(ctx, res.CandidateID); err != nil {
				t.Errorf("Get(%q) of an imported candidate: %v", res.CandidateID, err)
			}
		}
	})
}
