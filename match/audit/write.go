package audit

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"text/tabwriter"
)

// WriteTable prints a report for people: one row per category with its
// counts, rate and impact ratio, then the unknown counts and the notes.
func WriteTable(w io.Writer, rep Report) error {
	sel := "eligible for the role"
	if rep.Selection == SelectedAboveMedian {
		sel = "scoring above the ranking's median"
	}
	if _, err := fmt.Fprintf(w, "Impact report: %d outcomes in %d ranking(s); selected means %s.\n\n", rep.Assessed, rep.Rankings, sel); err != nil {
		return err
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "DIMENSION\tCATEGORY\tASSESSED\tSELECTED\tRATE\tIMPACT RATIO")
	for _, r := range rep.Rates {
		ratio := fmt.Sprintf("%.3f", r.ImpactRatio)
		if r.Small {
			ratio = "excluded (small)"
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%.1f%%\t%s\n", r.Dimension, r.Category, r.Assessed, r.Selected, 100*r.Rate, ratio)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if _, err := fmt.Fprintf(w, "\nUnknown category (counted, not rated): sex %d, race/ethnicity %d, intersection %d.\n",
		rep.Unknown[DimSex], rep.Unknown[DimRace], rep.Unknown[DimIntersection]); err != nil {
		return err
	}
	for _, n := range rep.Notes {
		if _, err := fmt.Fprintln(w, "Note:", n); err != nil {
			return err
		}
	}
	return nil
}

// WriteCSV writes a report's rates as CSV with a header; unknown counts
// follow as rows of category "(unknown)" with no rate.
func WriteCSV(w io.Writer, rep Report) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"selection", "dimension", "category", "assessed", "selected", "rate", "impact_ratio", "small"})
	f := func(x float64) string { return strconv.FormatFloat(x, 'f', 4, 64) }
	for _, r := range rep.Rates {
		ratio := f(r.ImpactRatio)
		if r.Small {
			ratio = ""
		}
		cw.Write([]string{string(rep.Selection), r.Dimension, r.Category, strconv.Itoa(r.Assessed), strconv.Itoa(r.Selected), f(r.Rate), ratio, strconv.FormatBool(r.Small)})
	}
	for _, dim := range []string{DimSex, DimRace, DimIntersection} {
		cw.Write([]string{string(rep.Selection), dim, "(unknown)", strconv.Itoa(rep.Unknown[dim]), "", "", "", ""})
	}
	cw.Flush()
	return cw.Error()
}
