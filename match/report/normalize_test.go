package report_test

import (
	"testing"

	"github.com/certmatch/certmatch/match/report"
	"github.com/certmatch/certmatch/scoring"
	"github.com/google/go-cmp/cmp"
)

func TestNormalize(t *testing.T) {
	cat := scoring.DefaultCatalog()
	for _, tc := range []struct {
		text string
		why  string
		want report.Normalized
	}{
		{"Oracle Certified Professional, Java SE 11 Developer", "a full Oracle title gives the id and the version",
			report.Normalized{Text: "Oracle Certified Professional, Java SE 11 Developer", ID: "ocpjp", Version: "11"}},
		{"PMP", "a credential the catalog does not hold has no id and no version",
			report.Normalized{Text: "PMP"}},
	} {
		t.Run(tc.text, func(t *testing.T) {
			got := report.Normalize(cat, tc.text)
			res, _ := cat.Normalize(tc.text)
			tc.want.Confidence = res.Confidence // the normaliser's own figure
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("%s (-want +got):\n%s", tc.why, diff)
			}
		})
	}
}
