package scoring

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/certmatch/certmatch/scoring/internal/gazetteer"
)

// AreaKind is the kind of area a market figure is for.
type AreaKind uint8

// Area kinds, as BLS's AREA_TYPE numbers them (1 nation, 2 state, 4
// metropolitan area); other areas (territories, non-metropolitan areas)
// are kept as AreaOther and never chosen for a place.
const (
	AreaOther AreaKind = iota
	AreaNation
	AreaState
	AreaMetro
)

// MarketPay is what one occupation pays in one area: annual figures in a
// currency, 0 where the source publishes none.
type MarketPay struct {
	Occupation      string // "15-1252", or the table's own key
	OccupationTitle string // "Software Developers"
	Area            string // "16980"; "99" or "US" for the nation
	AreaTitle       string // "Chicago-Naperville-Elgin, IL-IN-WI"
	Kind            AreaKind
	Currency        string
	Mean            float64
	P10, P25        float64
	Median          float64
	P75, P90        float64
	Source          string // where the figures come from, for explanations
}

// Reference is the figure a desired pay is compared with: the median when
// published, else the mean.
func (m MarketPay) Reference() (amount float64, what string) {
	if m.Median > 0 {
		return m.Median, "median"
	}
	return m.Mean, "average"
}

// Name is the area as explanations name it: "the Chicago market" for a
// metropolitan area (its first principal city), "the Illinois market" for a
// state, "the national market" for the nation.
func (m MarketPay) Name() string {
	switch m.Kind {
	case AreaNation:
		return "the national market"
	case AreaMetro:
		city, _, _ := metroParts(m.AreaTitle)
		return "the " + city + " market"
	}
	return "the " + m.AreaTitle + " market"
}

// metroParts splits a metropolitan area's title, "Chicago-Naperville-Elgin,
// IL-IN-WI", into its first principal city, its first state and whether it
// has that shape.
func metroParts(title string) (city, state string, ok bool) {
	cities, states, ok := strings.Cut(title, ",")
	city, _, _ = strings.Cut(cities, "-")
	city, _, _ = strings.Cut(city, "/")
	state, _, _ = strings.Cut(strings.TrimSpace(states), "-")
	return strings.TrimSpace(city), state, ok
}

// Market is a table of market pay by occupation and area, such as BLS's
// Occupational Employment and Wage Statistics (OEWS). A Market is
// immutable once read and safe for concurrent use.
type Market struct {
	rows []MarketPay
	// where are the metropolitan areas' principal cities, by row, for
	// matching a place to its nearest market.
	where []Place
}

// MarketRadiusKm is how far from a metropolitan area's first principal
// city a place may be and still be in that market: Evanston, 21 km from
// Chicago, is in the Chicago market.
const MarketRadiusKm = 80

// BackendDeveloperNationalAverage is the built-in reference: the national
// average salary of a backend developer in the US, $103,568 a year, as a
// staffing firm's backend developer job description gives it, with the
// note that pay varies by experience, industry, organisation size and
// local market.
const BackendDeveloperNationalAverage = 103568

// defaultMarket is DefaultMarket's table.
var defaultMarket = newMarket([]MarketPay{{
	Occupation: "backend-developer", OccupationTitle: "Backend Developer", Area: "US", AreaTitle: "U.S.",
	Kind: AreaNation, Currency: "USD", Mean: BackendDeveloperNationalAverage,
	Source: "the national average salary for a backend developer",
}})

// DefaultMarket returns the built-in market: one national figure, the
// average salary of a backend developer (BackendDeveloperNationalAverage).
func DefaultMarket() *Market { return defaultMarket }

func newMarket(rows []MarketPay) *Market {
	m := &Market{rows: rows, where: make([]Place, len(rows))}
	for i, r := range rows {
		if r.Kind != AreaMetro {
			continue
		}
		if city, state, ok := metroParts(r.AreaTitle); ok {
			m.where[i] = PlaceOf(city, state, "US")
		}
	}
	return m
}

// Len returns the number of figures in the table.
func (m *Market) Len() int {
	if m == nil {
		return 0
	}
	return len(m.rows)
}

// Rows returns a copy of the table's figures, in the order read.
func (m *Market) Rows() []MarketPay {
	if m == nil {
		return nil
	}
	return append([]MarketPay(nil), m.rows...)
}

// occupation reports whether row r is of occupation occ: its code or its
// title in any case; "" is the table's first occupation.
func (m *Market) occupation(r *MarketPay, occ string) bool {
	if occ == "" {
		return r.Occupation == m.rows[0].Occupation
	}
	return strings.EqualFold(r.Occupation, occ) || strings.EqualFold(r.OccupationTitle, occ)
}

// Local returns the figures of occupation occ (a code or title; "" for
// the table's first occupation) for the market of place p: the
// metropolitan area whose first principal city is nearest p within
// MarketRadiusKm, else p's state. ok is false when the table has neither.
func (m *Market) Local(occ string, p Place) (MarketPay, bool) {
	if m.Len() == 0 {
		return MarketPay{}, false
	}
	best, bestKm := -1, float64(MarketRadiusKm)
	for i := range m.rows {
		r := &m.rows[i]
		if r.Kind != AreaMetro || !m.occupation(r, occ) {
			continue
		}
		if km, ok := p.DistanceKm(m.where[i]); ok && km <= bestKm {
			best, bestKm = i, km
		}
	}
	if best >= 0 {
		return m.rows[best], true
	}
	if name, ok := regionNames[p.Country()+p.Region()]; ok && p.Country() == "US" {
		for i := range m.rows {
			r := &m.rows[i]
			if r.Kind == AreaState && m.occupation(r, occ) && strings.EqualFold(r.AreaTitle, name) {
				return *r, true
			}
		}
	}
	return MarketPay{}, false
}

// National returns the national figures of occupation occ (as for
// Local); when the table has none, the built-in national average.
func (m *Market) National(occ string) MarketPay {
	for i := range m.Len() {
		if r := &m.rows[i]; r.Kind == AreaNation && m.occupation(r, occ) {
			return *r
		}
	}
	return defaultMarket.rows[0]
}

// ErrMarket is wrapped by the errors of reading a market table.
var ErrMarket = errors.New("market table")

// MarketError names the line and column of a market table's problem.
type MarketError struct {
	Line   int    // 1-based line of the file
	Column string // the column's name, "" for the file as a whole
	Err    error
}

func (e *MarketError) Error() string {
	if e.Column == "" {
		return fmt.Sprintf("market table: line %d: %v", e.Line, e.Err)
	}
	return fmt.Sprintf("market table: line %d: %s: %v", e.Line, e.Column, e.Err)
}

func (e *MarketError) Unwrap() error { return e.Err }

// marketError makes a MarketError that also wraps ErrMarket.
func marketError(line int, column, format string, args ...any) error {
	return &MarketError{Line: line, Column: column, Err: fmt.Errorf("%w: "+format, append([]any{ErrMarket}, args...)...)}
}

// ReadMarketOEWS reads a market table in the layout BLS publishes OEWS
// estimates in (the national, state, metropolitan and all-data files,
// saved as CSV or tab-separated text): a header row naming the columns,
// in any case and order, of which it reads AREA, AREA_TITLE, AREA_TYPE,
// OCC_CODE, OCC_TITLE, A_MEAN, A_PCT10, A_PCT25, A_MEDIAN, A_PCT75,
// A_PCT90, H_MEAN and H_MEDIAN, and ignores the rest.
//
// Figures are US dollars a year; where BLS publishes only hourly figures,
// the annual one is the hourly times HoursPerYear, as BLS computes it.
// Figures BLS does not publish ("*", "**", and "#" for one above its top
// value) are 0. Rows for one industry or ownership (NAICS other than
// 000000, OWN_CODE other than 1235) are skipped, so the all-data file
// gives cross-industry figures. Without AREA_TYPE, area 99 (or "U.S.") is
// the nation, a title that is a state's name a state, and a title of the
// form "City-City, ST-ST" a metropolitan area.
func ReadMarketOEWS(r io.Reader) (*Market, error) {
	rows, header, err := readTable(r)
	if err != nil {
		return nil, err
	}
	col := func(name string) int {
		for i, h := range header {
			if strings.EqualFold(strings.TrimSpace(h), name) {
				return i
			}
		}
		return -1
	}
	need := []string{"AREA", "AREA_TITLE", "OCC_CODE"}
	for _, n := range need {
		if col(n) < 0 {
			return nil, marketError(1, n, "missing column")
		}
	}
	cArea, cTitle, cType, cOcc, cOccT := col("AREA"), col("AREA_TITLE"), col("AREA_TYPE"), col("OCC_CODE"), col("OCC_TITLE")
	cNAICS, cOwn := col("NAICS"), col("OWN_CODE")
	annual := map[string]int{"A_MEAN": col("A_MEAN"), "A_PCT10": col("A_PCT10"), "A_PCT25": col("A_PCT25"),
		"A_MEDIAN": col("A_MEDIAN"), "A_PCT75": col("A_PCT75"), "A_PCT90": col("A_PCT90")}
	cHMean, cHMedian := col("H_MEAN"), col("H_MEDIAN")
	if annual["A_MEAN"] < 0 && annual["A_MEDIAN"] < 0 && cHMean < 0 && cHMedian < 0 {
		return nil, marketError(1, "A_MEAN", "missing column (no A_MEAN, A_MEDIAN, H_MEAN or H_MEDIAN)")
	}
	var out []MarketPay
	for i, rec := range rows {
		line := i + 2
		get := func(c int) string {
			if c < 0 || c >= len(rec) {
				return ""
			}
			return strings.TrimSpace(rec[c])
		}
		if n := get(cNAICS); n != "" && n != "000000" {
			continue
		}
		if o := get(cOwn); o != "" && o != "1235" {
			continue
		}
		mp := MarketPay{Area: get(cArea), AreaTitle: get(cTitle), Occupation: get(cOcc), OccupationTitle: get(cOccT),
			Currency: "USD", Source: "BLS OEWS"}
		if mp.Occupation == "" {
			return nil, marketError(line, "OCC_CODE", "empty")
		}
		mp.Kind = areaKind(get(cType), mp.Area, mp.AreaTitle)
		figures := []struct {
			col string
			to  *float64
		}{{"A_MEAN", &mp.Mean}, {"A_PCT10", &mp.P10}, {"A_PCT25", &mp.P25}, {"A_MEDIAN", &mp.Median}, {"A_PCT75", &mp.P75}, {"A_PCT90", &mp.P90}}
		for _, f := range figures {
			v, err := wage(get(annual[f.col]))
			if err != nil {
				return nil, marketError(line, f.col, "%v", err)
			}
			*f.to = v
		}
		for _, h := range []struct {
			c  int
			to *float64
		}{{cHMean, &mp.Mean}, {cHMedian, &mp.Median}} {
			v, err := wage(get(h.c))
			if err != nil {
				return nil, marketError(line, header[h.c], "%v", err)
			}
			if *h.to == 0 {
				*h.to = v * HoursPerYear
			}
		}
		out = append(out, mp)
	}
	if len(out) == 0 {
		return nil, marketError(1, "", "no rows")
	}
	return newMarket(out), nil
}

// ReadMarketCSV reads a plain market table: a header row with the columns
// occupation, area and at least one of mean and median, and optionally
// occupation_title, area_title, area_type (nation, state, metro),
// currency (default USD), p10, p25, p75 and p90; figures are annual, with
// or without thousands separators. An area "US" without area_type is the
// nation.
func ReadMarketCSV(r io.Reader) (*Market, error) {
	rows, header, err := readTable(r)
	if err != nil {
		return nil, err
	}
	idx := map[string]int{}
	for i, h := range header {
		idx[strings.ToLower(strings.TrimSpace(h))] = i
	}
	for _, n := range []string{"occupation", "area"} {
		if _, ok := idx[n]; !ok {
			return nil, marketError(1, n, "missing column")
		}
	}
	_, hasMean := idx["mean"]
	_, hasMedian := idx["median"]
	if !hasMean && !hasMedian {
		return nil, marketError(1, "median", "missing column (no mean or median)")
	}
	var out []MarketPay
	for i, rec := range rows {
		line := i + 2
		get := func(name string) string {
			c, ok := idx[name]
			if !ok || c >= len(rec) {
				return ""
			}
			return strings.TrimSpace(rec[c])
		}
		mp := MarketPay{Occupation: get("occupation"), OccupationTitle: get("occupation_title"), Area: get("area"),
			AreaTitle: get("area_title"), Currency: currencyCode(get("currency")), Source: "market table"}
		if mp.Occupation == "" {
			return nil, marketError(line, "occupation", "empty")
		}
		if !validCurrency(mp.Currency) {
			return nil, marketError(line, "currency", "%q is not an ISO 4217 code", mp.Currency)
		}
		if mp.AreaTitle == "" {
			mp.AreaTitle = mp.Area
		}
		switch t := strings.ToLower(get("area_type")); t {
		case "nation", "national":
			mp.Kind = AreaNation
		case "state":
			mp.Kind = AreaState
		case "metro", "metropolitan":
			mp.Kind = AreaMetro
		case "":
			mp.Kind = areaKind("", mp.Area, mp.AreaTitle)
		default:
			return nil, marketError(line, "area_type", "%q (want nation, state or metro)", t)
		}
		for _, f := range []struct {
			col string
			to  *float64
		}{{"mean", &mp.Mean}, {"median", &mp.Median}, {"p10", &mp.P10}, {"p25", &mp.P25}, {"p75", &mp.P75}, {"p90", &mp.P90}} {
			v, err := wage(get(f.col))
			if err != nil {
				return nil, marketError(line, f.col, "%v", err)
			}
			*f.to = v
		}
		out = append(out, mp)
	}
	if len(out) == 0 {
		return nil, marketError(1, "", "no rows")
	}
	return newMarket(out), nil
}

// readTable reads a comma- or tab-separated table (tabs when the header
// has one) and returns its rows after the header.
func readTable(r io.Reader) (rows [][]string, header []string, err error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, nil, fmt.Errorf("%w: %w", ErrMarket, err)
	}
	first, _, _ := strings.Cut(string(data), "\n")
	cr := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(data), "\ufeff")))
	if strings.Contains(first, "\t") {
		cr.Comma = '\t'
	}
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	all, err := cr.ReadAll()
	if err != nil {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return nil, nil, marketError(pe.Line, "", "%v", pe.Err)
		}
		return nil, nil, fmt.Errorf("%w: %w", ErrMarket, err)
	}
	if len(all) == 0 {
		return nil, nil, marketError(1, "", "empty")
	}
	return all[1:], all[0], nil
}

// areaKind reads BLS's AREA_TYPE, or guesses from the area's code and
// title when there is none.
func areaKind(areaType, area, title string) AreaKind {
	switch areaType {
	case "1":
		return AreaNation
	case "2":
		return AreaState
	case "4":
		return AreaMetro
	case "":
	default:
		return AreaOther
	}
	switch {
	case area == "99" || strings.EqualFold(area, "US") || title == "U.S." || strings.EqualFold(title, "United States"):
		return AreaNation
	}
	if _, ok := regionKeys[gazetteer.Fold(title)]; ok && !strings.Contains(title, ",") {
		return AreaState
	}
	if _, _, ok := metroParts(title); ok {
		return AreaMetro
	}
	return AreaOther
}

// wage reads a published figure: "103,568", "67.31"; BLS's marks for
// figures it does not publish ("*", "**", "#", "~") and "" are 0.
func wage(s string) (float64, error) {
	switch s {
	case "", "*", "**", "#", "~", "-":
		return 0, nil
	}
	v, err := strconv.ParseFloat(strings.ReplaceAll(strings.TrimPrefix(s, "$"), ",", ""), 64)
	if err != nil || badNumber(v) {
		return 0, fmt.Errorf("%q is not a wage", s)
	}
	return v, nil
}
