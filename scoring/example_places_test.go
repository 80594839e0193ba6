package scoring_test

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/certmatch/certmatch/scoring"
)

// Locations as people write them, read into city, region, country and
// remote or hybrid work; distances come from the bundled gazetteer.
func ExampleParsePlace() {
	for _, s := range []string{"Evanston, Illinois", "NYC", "Remote (US)", "Hybrid - Chicago", "Portland, ME", "Toronto, ON, Canada"} {
		p := scoring.ParsePlace(s)
		fmt.Printf("%-20s %-22s remote=%v located=%v\n", s, p, p.Remote(), p.Located())
	}
	chicago := scoring.ParsePlace("Chicago, IL")
	km, _ := scoring.ParsePlace("Evanston, IL").DistanceKm(chicago)
	fmt.Printf("Evanston to Chicago: %.1f km\n", km)
	km, _ = scoring.ParsePlace("Portland, ME").DistanceKm(scoring.ParsePlace("Portland, OR"))
	fmt.Printf("Portland to Portland: %.0f km\n", km)
	// Output:
	// Evanston, Illinois   Evanston, IL           remote=false located=true
	// NYC                  New York, NY           remote=false located=true
	// Remote (US)          Remote (US)            remote=true located=false
	// Hybrid - Chicago     Chicago, IL (hybrid)   remote=false located=true
	// Portland, ME         Portland, ME           remote=false located=true
	// Toronto, ON, Canada  Toronto, ON            remote=false located=true
	// Evanston to Chicago: 21.5 km
	// Portland to Portland: 4081 km
}

// A market table in the layout BLS publishes OEWS estimates in; a place
// finds its metropolitan area, and the nation's figure stands beside it
// (the figures here are made up).
func ExampleReadMarketOEWS() {
	const oews = `AREA,AREA_TITLE,AREA_TYPE,OCC_CODE,OCC_TITLE,A_MEAN,A_MEDIAN
99,U.S.,1,15-1252,Software Developers,"137,280","131,040"
16980,"Chicago-Naperville-Elgin, IL-IN-WI",4,15-1252,Software Developers,"128,960","124,800"
`
	m, err := scoring.ReadMarketOEWS(strings.NewReader(oews))
	if err != nil {
		panic(err)
	}
	local, _ := m.Local("15-1252", scoring.ParsePlace("Evanston, IL"))
	amount, what := local.Reference()
	fmt.Printf("%s: %s %s\n", local.Name(), what, scoring.Money(amount, local.Currency))
	n := m.National("15-1252")
	fmt.Printf("%s: average %s\n", n.Name(), scoring.Money(n.Mean, n.Currency))
	d := scoring.DefaultMarket().National("")
	fmt.Printf("built in: %s, %s\n", d.OccupationTitle, scoring.Money(d.Mean, d.Currency))
	// Output:
	// the Chicago market: median $124,800
	// the national market: average $137,280
	// built in: Backend Developer, $103,568
}

// Ineligible candidates come after the eligible ones nearest to eligible
// first: fewer unmet required items, then how near each is (one step
// away, to renew, a version below, missing), then score, then id.
func ExamplePlan_Order() {
	s, _ := scoring.NewScorer(scoring.Options{Now: func() time.Time { return time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC) }})
	role := scoring.Role{ID: "senior-java", Location: "Chicago, IL",
		Required: []scoring.Requirement{{AnyOf: []string{"ocpjp"}, MinVersion: "11"}}, RequiredSkills: []string{"java"}, MinYears: 5}
	ocp := func(v string) []scoring.Credential {
		return []scoring.Credential{{Name: "Oracle Certified Professional, Java SE " + v + " Programmer"}}
	}
	cands := []scoring.Candidate{
		{ID: "eve", Location: "Chicago, IL", YearsExperience: 2, Skills: []string{"Kubernetes", "Terraform"}},
		{ID: "fay", Location: "Chicago, IL", YearsExperience: 10, Skills: []string{"Java"}},
		{ID: "dan", Location: "Chicago, IL", YearsExperience: 10, Skills: []string{"Java"}, Certifications: ocp("8")},
		{ID: "gil", Location: "Evanston, IL", YearsExperience: 4.2, Skills: []string{"Java"}, Certifications: ocp("11")},
		{ID: "ana", Location: "Evanston, IL", YearsExperience: 6, Skills: []string{"Java"}, Certifications: ocp("11")},
	}
	var results []scoring.Result
	for _, c := range cands {
		results = append(results, s.Score(c, role))
	}
	slices.SortFunc(results, func(a, b scoring.Result) int { return a.CandidateOrder().Compare(b.CandidateOrder()) })
	for _, r := range results {
		next := ""
		if len(r.NextSteps) > 0 {
			next = r.NextSteps[0].Text
		}
		fmt.Println(strings.TrimSpace(fmt.Sprintf("%s %6.2f %-22s %s", r.CandidateID, r.Score, r.Away, next)))
	}
	// Output:
	// ana  91.73 eligible
	// gil  90.11 1 unmet: one step away 0.8 more years of experience
	// dan  59.84 1 unmet: one step away holds "Oracle Certified Professional, Java SE 8 Programmer": upgrade exam 1Z0-817 for OCPJP 11
	// fay  48.48 1 unmet: missing       one exam, 1Z0-830, for OCPJP 21
	// eve  14.28 3 unmet: 3 missing     one exam, 1Z0-830, for OCPJP 21
}
