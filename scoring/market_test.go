package scoring

import (
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func readOEWSFixture(t *testing.T) *Market {
	t.Helper()
	f, err := os.Open("testdata/market/oews-sample.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	m, err := ReadMarketOEWS(f)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestReadMarketOEWS(t *testing.T) {
	m := readOEWSFixture(t)
	// Eight rows less the one industry row.
	if m.Len() != 7 {
		t.Fatalf("Len() = %d, want 7 (the industry row is skipped)", m.Len())
	}
	want := MarketPay{Occupation: "15-1252", OccupationTitle: "Software Developers", Area: "16980",
		AreaTitle: "Chicago-Naperville-Elgin, IL-IN-WI", Kind: AreaMetro, Currency: "USD",
		Mean: 128960, P10: 72800, P25: 95680, Median: 124800, P75: 158080, P90: 197600, Source: "BLS OEWS"}
	if diff := cmp.Diff(want, m.Rows()[2]); diff != "" {
		t.Errorf("Chicago row (-want +got):\n%s", diff)
	}
	rows := m.Rows()
	if p := rows[3]; p.P90 != 0 || p.P75 != 162240 {
		t.Errorf("Portland, OR: P90 %v (want 0 for #), P75 %v (want 162240)", p.P90, p.P75)
	}
	if p := rows[5]; p.Kind != AreaOther || p.Mean != 0 {
		t.Errorf("non-metropolitan area: kind %v mean %v, want AreaOther and 0 for *", p.Kind, p.Mean)
	}
	// An occupation published by the hour only: 45.00 * 2,080 = 93,600
	// and 43.00 * 2,080 = 89,440.
	if w := rows[6]; w.Mean != 93600 || w.Median != 89440 {
		t.Errorf("hourly-only row: mean %v median %v, want 93600 and 89440", w.Mean, w.Median)
	}
}

func TestMarketLocal(t *testing.T) {
	m := readOEWSFixture(t)
	for _, tc := range []struct {
		place, occ string
		want       string // AreaTitle; "" for none
		why        string
	}{
		{"Chicago, IL", "", "Chicago-Naperville-Elgin, IL-IN-WI", "the principal city"},
		{"Evanston, Illinois", "", "Chicago-Naperville-Elgin, IL-IN-WI", "21 km from Chicago, within MarketRadiusKm"},
		{"Portland, ME", "", "Portland-South Portland, ME", "the region decides which Portland"},
		{"Portland, OR", "15-1252", "Portland-Vancouver-Hillsboro, OR-WA", "by occupation code"},
		{"Springfield, IL", "software developers", "Illinois", "no metropolitan area near: the state, occupation by title"},
		{"Smallville, KS", "", "", "not located, no Kansas row"},
		{"Chicago, IL", "15-1254", "", "the web developers have national figures only"},
		{"Remote", "", "", "remote is no market"},
	} {
		got, ok := m.Local(tc.occ, ParsePlace(tc.place))
		if ok != (tc.want != "") || got.AreaTitle != tc.want {
			t.Errorf("Local(%q, %q) = %q, %v; want %q (%s)", tc.occ, tc.place, got.AreaTitle, ok, tc.want, tc.why)
		}
	}
	if got := m.Rows()[2].Name(); got != "the Chicago market" {
		t.Errorf("Name() = %q, want \"the Chicago market\"", got)
	}
	if n := m.National(""); n.Mean != 137280 || n.Area != "99" {
		t.Errorf("National() = %+v, want the U.S. row", n)
	}
	if n := m.National("Web Developers"); n.Occupation != "15-1254" {
		t.Errorf("National(Web Developers) = %+v, want 15-1254", n)
	}
	if n := m.National("15-9999"); n.Mean != BackendDeveloperNationalAverage {
		t.Errorf("National of an occupation the table lacks = %+v, want the built-in average", n)
	}
}

func TestDefaultMarket(t *testing.T) {
	m := DefaultMarket()
	n := m.National("")
	amount, what := n.Reference()
	if amount != 103568 || what != "average" || n.Name() != "the national market" {
		t.Errorf("built-in national figure %v (%s) in %q, want 103568 (average) in the national market", amount, what, n.Name())
	}
	if _, ok := m.Local("", ParsePlace("Chicago, IL")); ok {
		t.Error("the built-in market has no local figures")
	}
	var nilMarket *Market
	if nilMarket.Len() != 0 || nilMarket.National("").Mean != BackendDeveloperNationalAverage {
		t.Error("a nil Market: want no rows and the built-in national figure")
	}
	if _, ok := nilMarket.Local("", ParsePlace("Chicago")); ok {
		t.Error("a nil Market has no local figures")
	}
}

func TestReadMarketCSV(t *testing.T) {
	in := "occupation,area,area_title,area_type,currency,median,mean\n" +
		"backend,US,U.S.,,,\"110,000\",\n" +
		"backend,16980,\"Chicago-Naperville-Elgin, IL-IN-WI\",metro,usd,125000,130000\n" +
		"backend,CA-ON,Ontario,state,CAD,115000,\n"
	m, err := ReadMarketCSV(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if n := m.National("backend"); n.Median != 110000 || n.Kind != AreaNation {
		t.Errorf("National = %+v, want the US row, median 110000", n)
	}
	local, ok := m.Local("", ParsePlace("Evanston, IL"))
	if !ok || local.Median != 125000 || local.Currency != "USD" {
		t.Errorf("Local(Evanston) = %+v, %v; want the Chicago row", local, ok)
	}
	// A tab-separated file reads the same.
	tabbed := strings.NewReplacer(",", "\t").Replace("occupation,area,mean\nbackend,US,100000\n")
	if m, err := ReadMarketCSV(strings.NewReader(tabbed)); err != nil || m.National("").Mean != 100000 {
		t.Errorf("tab-separated: %v, %v", m, err)
	}
}

func TestReadMarketErrors(t *testing.T) {
	for _, tc := range []struct {
		name, in    string
		oews        bool
		line        int
		column, has string
	}{
		{"no header", "", false, 1, "", "empty"},
		{"no occupation column", "area,mean\nUS,1\n", false, 1, "occupation", "missing column"},
		{"no figures", "occupation,area\nx,US\n", false, 1, "median", "no mean or median"},
		{"bad wage", "occupation,area,mean\nx,US,100000\nx,17,lots\n", false, 3, "mean", `"lots" is not a wage`},
		{"bad area type", "occupation,area,area_type,mean\nx,US,planet,1\n", false, 2, "area_type", "planet"},
		{"bad currency", "occupation,area,currency,mean\nx,US,dollars,1\n", false, 2, "currency", "ISO 4217"},
		{"no rows", "occupation,area,mean\n", false, 1, "", "no rows"},
		{"OEWS without OCC_CODE", "AREA,AREA_TITLE,A_MEAN\n99,U.S.,1\n", true, 1, "OCC_CODE", "missing column"},
		{"OEWS without wages", "AREA,AREA_TITLE,OCC_CODE\n99,U.S.,15-1252\n", true, 1, "A_MEAN", "missing column"},
		{"OEWS bad median", "AREA,AREA_TITLE,OCC_CODE,A_MEDIAN\n99,U.S.,15-1252,n/a\n", true, 2, "A_MEDIAN", "not a wage"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			read := ReadMarketCSV
			if tc.oews {
				read = ReadMarketOEWS
			}
			_, err := read(strings.NewReader(tc.in))
			var me *MarketError
			if !errors.As(err, &me) || !errors.Is(err, ErrMarket) {
				t.Fatalf("err = %v, want a *MarketError wrapping ErrMarket", err)
			}
			if me.Line != tc.line || me.Column != tc.column || !strings.Contains(err.Error(), tc.has) {
				t.Errorf("err = %v (line %d, column %q), want line %d, column %q, containing %q", err, me.Line, me.Column, tc.line, tc.column, tc.has)
			}
		})
	}
}
