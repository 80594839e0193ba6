package audit

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// population builds outcomes and categories from rows of (sex, race,
// assessed, selected); selected means eligible.
type row struct {
	sex, race          string
	assessed, selected int
}

func population(rows []row) ([]Outcome, Categories) {
	var outs []Outcome
	cats := Categories{}
	n := 0
	for _, r := range rows {
		for i := 0; i < r.assessed; i++ {
			id := fmt.Sprintf("c%05d", n)
			n++
			outs = append(outs, Outcome{CandidateID: id, Eligible: i < r.selected})
			cats[id] = Person{Sex: r.sex, Race: r.race}
		}
	}
	return outs, cats
}

func rateOf(t *testing.T, rep Report, dim, cat string) Rate {
	t.Helper()
	for _, r := range rep.Rates {
		if r.Dimension == dim && r.Category == cat {
			return r
		}
	}
	t.Fatalf("no rate for %s %q in %+v", dim, cat, rep.Rates)
	return Rate{}
}

// TestPublishedExample checks the selection rates and impact ratios of the
// worked example published with the rules for NYC Local Law 144 (sex and
// race/ethnicity tables; the two tables come from different samples, so
// they are built as two groups, each unknown in the other dimension).
func TestPublishedExample(t *testing.T) {
	rows := []row{
		{"Male", "", 1390, 667},
		{"Female", "", 1181, 555},
		{"", "Hispanic or Latino", 408, 204},
		{"", "White", 797, 412},
		{"", "Black or African American", 390, 170},
		{"", "Native Hawaiian or Pacific Islander", 119, 52},
		{"", "Asian", 616, 302},
		{"", "Native American or Alaska Native", 41, 18},
		{"", "Two or More Races", 213, 96},
	}
	outs, cats := population(rows)
	rep, err := Compute(outs, cats, Options{SmallShare: -1})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		dim, cat    string
		rate, ratio float64
		why         string
	}{
		// 667/1390 = 0.4799; the highest sex rate, so 1.
		{DimSex, "Male", 0.4799, 1, "the most selected sex category"},
		// 555/1181 = 0.4699; 0.4699/0.4799 = 0.979 (published: 47%, 0.979).
		{DimSex, "Female", 0.4699, 0.979, "published female impact ratio"},
		// 412/797 = 0.5169, the highest race rate.
		{DimRace, "White", 0.5169, 1, "the most selected race category"},
		// 204/408 = 0.5; 0.5/0.5169 = 0.967 (published 0.97).
		{DimRace, "Hispanic or Latino", 0.5, 0.967, "published 0.97"},
		// 170/390 = 0.4359; /0.5169 = 0.843 (published 0.84).
		{DimRace, "Black or African American", 0.4359, 0.843, "published 0.84"},
		// 52/119 = 0.4370; /0.5169 = 0.845 (published 0.85).
		{DimRace, "Native Hawaiian or Pacific Islander", 0.4370, 0.845, "published 0.85"},
		// 302/616 = 0.4903; /0.5169 = 0.948 (published 0.95).
		{DimRace, "Asian", 0.4903, 0.948, "published 0.95"},
		// 18/41 = 0.4390; /0.5169 = 0.849 (published 0.85).
		{DimRace, "Native American or Alaska Native", 0.4390, 0.849, "published 0.85"},
		// 96/213 = 0.4507; /0.5169 = 0.872 (published 0.87).
		{DimRace, "Two or More Races", 0.4507, 0.872, "published 0.87"},
	}
	for _, tc := range tests {
		got := rateOf(t, rep, tc.dim, tc.cat)
		if math.Abs(got.Rate-tc.rate) > 0.0001 || math.Abs(got.ImpactRatio-tc.ratio) > 0.001 {
			t.Errorf("%s %s (%s): rate %.4f ratio %.4f, want %.4f %.3f", tc.dim, tc.cat, tc.why, got.Rate, got.ImpactRatio, tc.rate, tc.ratio)
		}
	}
	// 2,584 outcomes have a race and no sex; 2,571 a sex and no race; no
	// outcome has both, so all 5,155 are unknown for the intersection.
	want := map[string]int{DimSex: 2584, DimRace: 2571, DimIntersection: 5155}
	if diff := cmp.Diff(want, rep.Unknown); diff != "" {
		t.Errorf("unknown counts (-want +got):\n%s", diff)
	}
}

func TestSmallCategoriesAreFlaggedAndLeftOut(t *testing.T) {
	rows := []row{
		{"Female", "Asian", 60, 30}, // 50%
		{"Male", "Asian", 39, 13},   // 33.3%
		{"Female", "White", 1, 1},   // 100%, 1 of 100: small
		{"Male", "Hispanic or Latino", 0, 0},
	}
	outs, cats := population(rows)
	rep, err := Compute(outs, cats, Options{})
	if err != nil {
		t.Fatal(err)
	}
	white := rateOf(t, rep, DimRace, "White")
	if !white.Small || white.ImpactRatio != 0 {
		t.Errorf("White (1 of 100, under 2%%) = %+v, want small with no impact ratio", white)
	}
	// Without the small category the best race rate is Asian 43/99.
	asian := rateOf(t, rep, DimRace, "Asian")
	if asian.ImpactRatio != 1 {
		t.Errorf("Asian impact ratio = %v, want 1 (the small White category must not be the reference)", asian.ImpactRatio)
	}
	// Intersections: Asian Female 30/60 = 0.5 is the reference; Asian Male
	// 13/39 = 0.3333; 0.3333/0.5 = 0.6667.
	am := rateOf(t, rep, DimIntersection, "Asian Male")
	if math.Abs(am.ImpactRatio-0.6667) > 0.0001 {
		t.Errorf("Asian Male impact ratio = %.4f, want 0.6667", am.ImpactRatio)
	}
	if len(rep.Notes) == 0 || !strings.Contains(strings.Join(rep.Notes, "\n"), `"White": 1 of 100`) {
		t.Errorf("notes %q do not explain the excluded category", rep.Notes)
	}
}

// TestAboveMedian checks the scoring rate: selected means a score strictly
// above the median of the candidate's own ranking.
func TestAboveMedian(t *testing.T) {
	outs := []Outcome{
		// Ranking 0: scores 10 20 30 40 50, median 30: 40 and 50 are above.
		{0, "a", 50, true}, {0, "b", 40, true}, {0, "c", 30, true}, {0, "d", 20, false}, {0, "e", 10, false},
		// Ranking 1: scores 5 5 9 9, median 7: the two 9s are above.
		{1, "a", 9, false}, {1, "b", 5, false}, {1, "c", 9, false}, {1, "d", 5, false},
	}
	cats := Categories{"a": {Sex: "Female"}, "b": {Sex: "Male"}, "c": {Sex: "Female"}, "d": {Sex: "Male"}, "e": {Sex: "Male"}}
	rep, err := Compute(outs, cats, Options{Selection: SelectedAboveMedian, SmallShare: -1})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]float64{30, 7}, rep.Medians); diff != "" {
		t.Errorf("medians (-want +got):\n%s", diff)
	}
	// Female: a(50) above, c(30) not, a(9) above, c(9) above: 3 of 4 = 0.75.
	// Male: b(40) above, d, e, b(5), d(5) not: 1 of 5 = 0.2; 0.2/0.75 = 0.2667.
	f, m := rateOf(t, rep, DimSex, "Female"), rateOf(t, rep, DimSex, "Male")
	if f.Selected != 3 || f.Assessed != 4 || f.ImpactRatio != 1 {
		t.Errorf("Female = %+v, want 3 of 4 and ratio 1", f)
	}
	if m.Selected != 1 || m.Assessed != 5 || math.Abs(m.ImpactRatio-0.2667) > 0.0001 {
		t.Errorf("Male = %+v, want 1 of 5 and ratio 0.2667", m)
	}
	// Every outcome lacks a race.
	if rep.Unknown[DimRace] != 9 || rep.Unknown[DimIntersection] != 9 {
		t.Errorf("unknown = %v, want race and intersection 9", rep.Unknown)
	}
}

func TestComputeErrors(t *testing.T) {
	if _, err := Compute(nil, nil, Options{}); !errors.Is(err, ErrNoOutcomes) {
		t.Errorf("no outcomes: err = %v, want ErrNoOutcomes", err)
	}
	if _, err := Compute([]Outcome{{CandidateID: "a"}}, nil, Options{Selection: "top"}); err == nil {
		t.Error("unknown selection: want an error")
	}
}

func TestNoSelectedNote(t *testing.T) {
	outs, cats := population([]row{{"Female", "", 10, 0}, {"Male", "", 10, 0}})
	rep, err := Compute(outs, cats, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(strings.Join(rep.Notes, "\n"), "sex: no category has a selected candidate") {
		t.Errorf("notes = %q, want a note that no ratio can be computed", rep.Notes)
	}
}

func TestLoadCategories(t *testing.T) {
	in := "\ufeffCandidate_ID,Race,Sex,notes\nc1,Asian,Female,x\nc2,,Male\nc3,Prefer not to say,unknown\n"
	got, err := LoadCategories(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	want := Categories{"c1": {Sex: "Female", Race: "Asian"}, "c2": {Sex: "Male"}, "c3": {}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("categories (-want +got):\n%s", diff)
	}
	bad := []struct{ name, in, line, col string }{
		{"no id column", "sex,race\nMale,Asian\n", "line 1", "candidate_id"},
		{"no category column", "id,age\nc1,40\n", "line 1", ""},
		{"duplicate", "id,sex\nc1,Male\nc1,Female\n", "line 3", "candidate_id"},
		{"empty id", "id,sex\n,Male\n", "line 2", "candidate_id"},
	}
	for _, tc := range bad {
		_, err := LoadCategories(strings.NewReader(tc.in))
		var ce *CategoriesError
		if !errors.As(err, &ce) || !errors.Is(err, ErrCategories) || !strings.Contains(err.Error(), tc.line) || ce.Column != tc.col {
			t.Errorf("%s: err = %v, want a CategoriesError on %s column %q", tc.name, err, tc.line, tc.col)
		}
		if err != nil && strings.Contains(err.Error(), "Female") {
			t.Errorf("%s: error quotes a category value: %v", tc.name, err)
		}
	}
}

func TestWriters(t *testing.T) {
	outs, cats := population([]row{{"Female", "Asian", 3, 2}, {"Male", "Asian", 2, 1}, {"", "", 1, 0}})
	rep, err := Compute(outs, cats, Options{SmallShare: -1})
	if err != nil {
		t.Fatal(err)
	}
	var tab, csvOut bytes.Buffer
	if err := WriteTable(&tab, rep); err != nil {
		t.Fatal(err)
	}
	if err := WriteCSV(&csvOut, rep); err != nil {
		t.Fatal(err)
	}
	// Female 2/3 = 66.7%, the reference; Male 1/2 = 50%, 0.5/0.6667 = 0.750.
	for _, want := range []string{"sex  ", "Female", "66.7%", "1.000", "50.0%", "0.750", "sex 1, race/ethnicity 1, intersection 1"} {
		if !strings.Contains(tab.String(), want) {
			t.Errorf("table lacks %q:\n%s", want, tab.String())
		}
	}
	for _, want := range []string{"selection,dimension,category,assessed,selected,rate,impact_ratio,small", "eligible,sex,Male,2,1,0.5000,0.7500,false", "eligible,sex,(unknown),1,,,,"} {
		if !strings.Contains(csvOut.String(), want) {
			t.Errorf("csv lacks %q:\n%s", want, csvOut.String())
		}
	}
}
