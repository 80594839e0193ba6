package report_test

import (
	"context"
	"os"
	"time"

	"github.com/certmatch/certmatch/match"
	"github.com/certmatch/certmatch/match/report"
	"github.com/certmatch/certmatch/scoring"
)

// ranking ranks two candidates against a senior Java role, as of a fixed
// day.
func ranking() (match.Ranking, *scoring.Catalog) {
	ctx := context.Background()
	eng, err := match.Open(ctx, match.Options{
		Now: func() time.Time { return time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC) },
	})
	if err != nil {
		panic(err)
	}
	defer eng.Close()
	if _, err := eng.Add(ctx,
		scoring.Candidate{ID: "ana", YearsExperience: 6, Skills: []string{"Java", "Spring Boot"},
			Certifications: []scoring.Credential{{Name: "Oracle Certified Professional: Java SE 11 Developer", Date: scoring.MustDate("2021-03")}}},
		scoring.Candidate{ID: "ben", YearsExperience: 9, Skills: []string{"java"},
			Certifications: []scoring.Credential{{Name: "SCJP 6"}}},
	); err != nil {
		panic(err)
	}
	role := scoring.Role{
		ID:             "senior-java",
		Required:       []scoring.Requirement{{AnyOf: []string{"ocpjp"}, MinVersion: "11"}},
		RequiredSkills: []string{"java"},
		MinYears:       5,
	}
	r, err := eng.Rank(ctx, role, match.RankOptions{IncludeIneligible: true})
	if err != nil {
		panic(err)
	}
	return r, eng.Catalog()
}

// WriteTable prints one line per ranked candidate: what met the role, what
// is missing and the one next step that matters most.
func ExampleWriteTable() {
	r, cat := ranking()
	if err := report.WriteTable(os.Stdout, cat, r); err != nil {
		panic(err)
	}
	// Output:
	// RANK  CANDIDATE  SCORE  ELIGIBLE  MATCHED   MISSING                NEXT STEP
	// 1     ana        90.91  yes       OCPJP 11  -                      -
	// 2     ben        55.36  no        -         required: ocpjp >= 11  holds "SCJP 6": upgrade exam 1Z0-817 for OCPJP 11
}

// WriteJSONLine writes a value on one line, for JSON Lines; ">=" is not
// escaped.
func ExampleWriteJSONLine() {
	r, _ := ranking()
	res := r.Results[1]
	if err := report.WriteJSONLine(os.Stdout, map[string]any{"candidate": res.CandidateID, "missing": report.MissingText(res.Result)}); err != nil {
		panic(err)
	}
	// Output:
	// {"candidate":"ben","missing":"required: ocpjp >= 11"}
}
