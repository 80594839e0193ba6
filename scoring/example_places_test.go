package scoring_test

import (
	"fmt"
	"strings"

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
