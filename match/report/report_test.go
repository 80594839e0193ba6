package report_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/certmatch/certmatch/match/report"
)

func TestWriteJSON(t *testing.T) {
	var b bytes.Buffer
	if err := report.WriteJSON(&b, map[string]any{"requirement": "ocpjp >= 11", "n": []int{1}}); err != nil {
		t.Fatal(err)
	}
	// Indented two spaces, keys sorted, ">=" as written, a final newline.
	want := "{\n  \"n\": [\n    1\n  ],\n  \"requirement\": \"ocpjp >= 11\"\n}\n"
	if diff := cmp.Diff(want, b.String()); diff != "" {
		t.Errorf("WriteJSON mismatch (-want +got):\n%s", diff)
	}
	b.Reset()
	if err := report.WriteJSONLine(&b, map[string]string{"a": "<b>"}); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff("{\"a\":\"<b>\"}\n", b.String()); diff != "" {
		t.Errorf("WriteJSONLine mismatch (-want +got):\n%s", diff)
	}
}

// failAfter accepts n bytes, then fails every write.
type failAfter struct{ n int }

var errFull = errors.New("disk full")

func (f *failAfter) Write(p []byte) (int, error) {
	if len(p) > f.n {
		n := f.n
		f.n = 0
		return n, errFull
	}
	f.n -= len(p)
	return len(p), nil
}

func TestWritersReturnWriteErrors(t *testing.T) {
	r, cat := ranking()
	for _, tc := range []struct {
		name  string
		write func(w *failAfter) error
	}{
		{"WriteTable", func(w *failAfter) error { return report.WriteTable(w, cat, r) }},
		{"WriteExplanation", func(w *failAfter) error { return report.WriteExplanation(w, r.Results[1].Result) }},
		{"WriteJSON", func(w *failAfter) error { return report.WriteJSON(w, r) }},
	} {
		// Failing at the first byte and part way through: both must say so.
		for _, n := range []int{0, 40} {
			if err := tc.write(&failAfter{n: n}); !errors.Is(err, errFull) {
				t.Errorf("%s to a writer failing after %d bytes: error %v, want %v", tc.name, n, err, errFull)
			}
		}
	}
}

func TestFirstStepAndSummaries(t *testing.T) {
	r, cat := ranking()
	ana, ben := r.Results[0].Result, r.Results[1].Result
	if _, ok := report.FirstStep(ana); ok {
		t.Errorf("FirstStep(ana) found a step; ana meets every requirement")
	}
	step, ok := report.FirstStep(ben)
	if !ok || !strings.HasPrefix(step.Requirement, "required") {
		t.Errorf("FirstStep(ben) = %+v, %v; want the step of the required certification", step, ok)
	}
	got := []string{report.Matched(cat, ana), report.MissingText(ana), report.Matched(cat, ben), report.MissingText(ben)}
	want := []string{"OCPJP 11", "", "", "required: ocpjp >= 11"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Matched and MissingText of ana and ben (-want +got):\n%s", diff)
	}
}

func TestWriteExplanation(t *testing.T) {
	r, _ := ranking()
	var b bytes.Buffer
	if err := report.WriteExplanation(&b, r.Results[1].Result); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	if lines[0] != "ben against senior-java: 55.36 of 100, not eligible" {
		t.Errorf("first line = %q", lines[0])
	}
	var missing, next int
	for _, l := range lines {
		missing += strings.Count(l, "  missing  ")
		next += strings.Count(l, "  next     ")
	}
	if missing != len(r.Results[1].Missing) || next != len(r.Results[1].NextSteps) {
		t.Errorf("%d missing and %d next lines; want %d and %d:\n%s", missing, next, len(r.Results[1].Missing), len(r.Results[1].NextSteps), b.String())
	}
}
