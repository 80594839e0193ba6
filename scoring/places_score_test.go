package scoring_test

import (
	"errors"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/certmatch/certmatch/scoring"
)

// notScored stands for a component a result leaves out.
const notScored = "(not scored)"

// TestPlaceAndPayExplained: the location and compensation components say
// what matched, from the places and pay parsed once per profile.
func TestPlaceAndPayExplained(t *testing.T) {
	market, err := scoring.ReadMarketOEWS(strings.NewReader(`AREA,AREA_TITLE,AREA_TYPE,OCC_CODE,OCC_TITLE,A_MEAN,A_MEDIAN
99,U.S.,1,15-1252,Software Developers,"137,280","131,040"
16980,"Chicago-Naperville-Elgin, IL-IN-WI",4,15-1252,Software Developers,"128,960","124,800"
`))
	if err != nil {
		t.Fatal(err)
	}
	withMarket, err := scoring.NewScorer(scoring.Options{Market: market, Now: func() time.Time { return testNow }})
	if err != nil {
		t.Fatal(err)
	}
	plain := newScorer(t)
	for _, tc := range []struct {
		name   string
		s      *scoring.Scorer
		role   scoring.Role
		cand   scoring.Candidate
		want   map[string]string
		points map[string]float64 // component points, where the arithmetic is worth checking
	}{
		{"a neighbour within the radius, the built-in national average", plain,
			scoring.Role{ID: "r", Location: "Chicago, IL", RequiredSkills: []string{"java"}},
			scoring.Candidate{ID: "c", Location: "Evanston, Illinois", DesiredSalary: 140000, Skills: []string{"Java"}},
			map[string]string{
				"location":     "Evanston, IL is 21.5 km from Chicago, IL, within 50 km: 100%",
				"compensation": "asks $140,000 a year; the national average is $103,568: 0%",
			}, nil},
		// The Chicago median is 124,800: 1 - (140,000 - 124,800) /
		// (124,800 * 0.25) = 1 - 15,200 / 31,200 = 0.5128; of the
		// component's 100 * 0.1 / (0.3 + 0.2 + 0.1 + 0.1) = 14.29 points,
		// 7.33.
		{"the local market", withMarket,
			scoring.Role{ID: "r", Location: "Chicago, IL", RequiredSkills: []string{"java"}},
			scoring.Candidate{ID: "c", Location: "Evanston, IL", DesiredSalary: 140000, Skills: []string{"Java"}},
			map[string]string{
				"location":     "Evanston, IL is 21.5 km from Chicago, IL, within 50 km: 100%",
				"compensation": "asks $140,000 a year; the Chicago market's median for this occupation is $124,800; the national median is $131,040: 51%",
			}, map[string]float64{"compensation": 7.33}},
		{"same name, another state", plain,
			scoring.Role{ID: "r", Location: "Portland, OR", SalaryMin: 60, SalaryMax: 75, SalaryPeriod: scoring.PerHour},
			scoring.Candidate{ID: "c", Location: "Portland, ME", DesiredSalary: 150000},
			map[string]string{
				"location":     "Portland, ME is 4,081 km from Portland, OR, beyond 50 km: 0%",
				"compensation": "asks $150,000 a year; the role pays $60 to $75 an hour: 100%",
			}, nil},
		{"remote wanted and allowed, hourly pay", plain,
			scoring.Role{ID: "r", Location: "Remote (US)", SalaryMax: 130000},
			scoring.Candidate{ID: "c", Location: "Austin, TX", WorkMode: scoring.RemoteMode, DesiredSalary: 70, DesiredPeriod: scoring.PerHour},
			map[string]string{
				"location":     "wants remote work; the role allows it in the US: 100%",
				"compensation": "asks $70 an hour ($145,600 a year); the role pays up to $130,000 a year: 52%",
			}, nil},
		{"willing to relocate", plain,
			scoring.Role{ID: "r", Location: "Chicago, IL", RadiusKm: 30},
			scoring.Candidate{ID: "c", Location: "NYC", Relocate: true},
			map[string]string{"location": "New York, NY is 1,146 km from Chicago, IL, beyond 30 km; willing to relocate: 60%", "compensation": notScored}, nil},
		{"another currency without rates is not scored on pay", plain,
			scoring.Role{ID: "r", Location: "Berlin", SalaryMax: 90000, SalaryCurrency: "EUR"},
			scoring.Candidate{ID: "c", Location: "Berlin, Germany", DesiredSalary: 100000},
			map[string]string{"location": "Berlin, DE is the role's place: 100%", "compensation": notScored}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := tc.s.Score(tc.cand, tc.role)
			got := map[string]string{"location": notScored, "compensation": notScored}
			for _, c := range r.Components {
				if _, ok := got[c.Name]; ok {
					got[c.Name] = c.Reason
				}
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("reasons (-want +got):\n%s", diff)
			}
			for name, want := range tc.points {
				for _, c := range r.Components {
					if c.Name == name && math.Abs(c.Points-want) > 0.005 {
						t.Errorf("%s: %v points, want %v", name, c.Points, want)
					}
				}
			}
		})
	}
}

// TestNearestToEligible: a 10-year Java developer missing only the
// certification ranks above a DevOps engineer with no Java and 2 years,
// whatever their scores.
func TestNearestToEligible(t *testing.T) {
	s := newScorer(t)
	role := scoring.Role{ID: "r", Required: []scoring.Requirement{{AnyOf: []string{"ocpjp"}, MinVersion: "11"}},
		RequiredSkills: []string{"java"}, PreferredSkills: []string{"kubernetes", "terraform", "aws", "docker"}, MinYears: 5, Location: "Chicago, IL"}
	devops := scoring.Candidate{ID: "a-devops", YearsExperience: 2, Location: "Chicago, IL", Skills: []string{"Kubernetes", "Terraform", "AWS", "Docker"}}
	javaDev := scoring.Candidate{ID: "b-java", YearsExperience: 10, Location: "Portland, ME", Skills: []string{"Java"}}
	d, j := s.Score(devops, role), s.Score(javaDev, role)
	if d.Score <= j.Score {
		t.Fatalf("the test wants the DevOps engineer to score higher: %v vs %v", d.Score, j.Score)
	}
	if got, want := j.Away, (scoring.Away{Unmet: 1, Missing: 1}); got != want {
		t.Errorf("Java developer away %+v, want %+v", got, want)
	}
	if got, want := d.Away, (scoring.Away{Unmet: 3, Missing: 3}); got != want {
		t.Errorf("DevOps engineer away %+v, want %+v", got, want)
	}
	if !j.CandidateOrder().Before(d.CandidateOrder()) {
		t.Errorf("the Java developer (%s, %.2f) should rank before the DevOps engineer (%s, %.2f)", j.Away, j.Score, d.Away, d.Score)
	}
	// Rank's key says the same as the explained result's.
	plan, err := s.Compile(role)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []scoring.Candidate{devops, javaDev} {
		pr := s.Profile(&c)
		res := plan.Explain(c, &pr)
		if got, want := plan.Order(&pr, c.ID), res.CandidateOrder(); got != want {
			t.Errorf("%s: Order %+v, want the explained result's %+v", c.ID, got, want)
		}
	}
}

func TestPlacePayValidation(t *testing.T) {
	for _, tc := range []struct {
		name  string
		err   error
		field string
	}{
		{"role radius", (&scoring.Role{ID: "r", RadiusKm: math.NaN()}).Validate(scoring.DefaultCatalog()), "radius_km"},
		{"role band", (&scoring.Role{ID: "r", SalaryMin: 2, SalaryMax: 1}).Validate(scoring.DefaultCatalog()), "salary_min"},
		{"role period", (&scoring.Role{ID: "r", SalaryMax: 1, SalaryPeriod: "weekly"}).Validate(scoring.DefaultCatalog()), "salary_period"},
		{"candidate currency", (&scoring.Candidate{ID: "c", DesiredCurrency: "dollars"}).Validate(), "desired_currency"},
		{"candidate period", (&scoring.Candidate{ID: "c", DesiredPeriod: "daily"}).Validate(), "desired_period"},
		{"candidate work mode", (&scoring.Candidate{ID: "c", WorkMode: "sometimes"}).Validate(), "work_mode"},
	} {
		var fe *scoring.FieldError
		if !errors.As(tc.err, &fe) || fe.Field != tc.field {
			t.Errorf("%s: %v, want an error on %s", tc.name, tc.err, tc.field)
		}
	}
	if _, err := scoring.NewScorer(scoring.Options{Rates: scoring.Rates{"EUR": -1}}); !errors.Is(err, scoring.ErrOptions) {
		t.Errorf("a negative rate: %v, want ErrOptions", err)
	}
	s := newScorer(t)
	pr := s.Profile(&scoring.Candidate{ID: "c", Location: "evanston il", DesiredSalary: 70, DesiredPeriod: "hourly"})
	if pr.Place().String() != "Evanston, IL" || pr.Location() != "Evanston, IL" || pr.DesiredPay().Annual() != 145600 {
		t.Errorf("profile place %q key %q pay %v, want Evanston, IL and 145600 a year", pr.Place(), pr.Location(), pr.DesiredPay().Annual())
	}
}
