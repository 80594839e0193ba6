package scoring

import (
	"errors"
	"math"
	"strings"
	"testing"
	"time"
)

func TestDateValidate(t *testing.T) {
	tests := []struct {
		d   Date
		ok  bool
		why string
	}{
		{Date{}, true, "the zero Date is no date"},
		{Date{Year: 2021}, true, "a year alone"},
		{Date{Year: 2021, Month: 3}, true, "a month"},
		{Date{Year: 2024, Month: 2, Day: 29}, true, "a leap day"},
		{Date{Year: 2021, Month: 13}, false, "month 13"},
		{Date{Year: 2021, Month: 1, Day: 101}, false, "day 101"},
		{Date{Year: 10000}, false, "year 10000 has five digits"},
		{Date{Year: 2021, Month: 2, Day: 30}, false, "30 February"},
		{Date{Year: 2023, Month: 2, Day: 29}, false, "29 February of a common year"},
		{Date{Year: 2021, Day: 5}, false, "a day without a month"},
		{Date{Year: 2021, Month: -1}, false, "a negative month"},
		{DateOf(time.Time{}), false, "the zero time.Time is year 1"},
		{Date{Year: 999}, false, "a three-digit year"},
	}
	for _, tc := range tests {
		err := tc.d.Validate()
		if (err == nil) != tc.ok {
			t.Errorf("%+v (%s): Validate = %v, want ok=%v", tc.d, tc.why, err, tc.ok)
			continue
		}
		if tc.ok { // every valid date round-trips
			back, err := ParseDate(tc.d.String())
			if err != nil || back != tc.d {
				t.Errorf("%+v (%s): round trip gave %+v, %v", tc.d, tc.why, back, err)
			}
		}
	}
}

func TestCandidateRejectsUnstorableValues(t *testing.T) {
	base := func() Candidate {
		return Candidate{ID: "c1", Certifications: []Credential{{ID: "ocajp", Version: "8"}}}
	}
	tests := []struct {
		name  string
		edit  func(*Candidate)
		field string
	}{
		{"month 13", func(c *Candidate) { c.Certifications[0].Date = Date{Year: 2021, Month: 13} }, "certifications[0].date"},
		{"expiry 30 February", func(c *Candidate) { c.Certifications[0].Expires = Date{Year: 2030, Month: 2, Day: 30} }, "certifications[0].expires"},
		{"zero time", func(c *Candidate) { c.Certifications[0].Date = DateOf(time.Time{}) }, "certifications[0].date"},
		{"invalid UTF-8 id", func(c *Candidate) { c.ID = "a\xffb" }, "id"},
		{"long id", func(c *Candidate) { c.ID = strings.Repeat("x", MaxIDLength+1) }, "id"},
		{"control character", func(c *Candidate) { c.ID = "a\nb" }, "id"},
		{"infinite salary", func(c *Candidate) { c.DesiredSalary = math.Inf(1) }, "desired_salary"},
		{"huge salary", func(c *Candidate) { c.DesiredSalary = 1e300 }, "desired_salary"},
	}
	for _, tc := range tests {
		c := base()
		tc.edit(&c)
		err := c.Validate()
		var fe *FieldError
		if !errors.As(err, &fe) || fe.Field != tc.field || !errors.Is(err, ErrInvalid) {
			t.Errorf("%s: Validate = %v, want an invalid %s", tc.name, err, tc.field)
		}
		if err != nil && strings.Contains(err.Error(), "\xff") {
			t.Errorf("%s: the error quotes the bad id", tc.name)
		}
	}
	c := base()
	c.ID = "ünïcode-id"
	if err := c.Validate(); err != nil {
		t.Errorf("a valid UTF-8 id: %v", err)
	}
}

// TestHugeWeightsAreRejected: weights whose sum overflows would give NaN
// scores; the bound keeps every sum finite.
func TestHugeWeightsAreRejected(t *testing.T) {
	roles := []struct {
		name  string
		role  Role
		field string
	}{
		{"component weight", Role{ID: "r", Weights: &Weights{Certifications: 1e308, Skills: 1e308}}, "weights.certifications"},
		{"requirement weight", Role{ID: "r", Preferred: []Requirement{{AnyOf: []string{"ocajp"}, Weight: 1e308}}}, "preferred[0].weight"},
		{"min years", Role{ID: "r", MinYears: 1e9}, "min_years"},
		{"salary", Role{ID: "r", SalaryMax: math.MaxFloat64}, "salary_max"},
	}
	for _, tc := range roles {
		err := tc.role.Validate(DefaultCatalog())
		var fe *FieldError
		if !errors.As(err, &fe) || fe.Field != tc.field {
			t.Errorf("%s: Validate = %v, want an error on %s", tc.name, err, tc.field)
		}
	}
	// The largest weights allowed still score finitely.
	s, err := NewScorer(Options{})
	if err != nil {
		t.Fatal(err)
	}
	r := Role{ID: "r", Weights: &Weights{Certifications: MaxWeight, Skills: MaxWeight, Experience: MaxWeight, Location: MaxWeight, Compensation: MaxWeight},
		Preferred: []Requirement{{AnyOf: []string{"ocajp"}, Weight: MaxWeight}}, PreferredSkills: []string{"java"}}
	res := s.Score(Candidate{ID: "c", Skills: []string{"java"}, Certifications: []Credential{{ID: "ocajp", Version: "8"}}}, r)
	if math.IsNaN(res.Score) || math.IsInf(res.Score, 0) || res.Score < 0 || res.Score > 100 {
		t.Errorf("score with the largest weights = %v, want 0..100", res.Score)
	}
}

func TestLoadCatalogRejectsTrailingData(t *testing.T) {
	doc := `{"certs":[{"id":"x","label":"X","name":"X Cert","issuer":"I","level":"associate","versioning":"none"}]}`
	if _, err := LoadCatalog(strings.NewReader(doc + " \n")); err != nil {
		t.Fatalf("the catalog alone: %v", err)
	}
	for _, tail := range []string{" {}", "x", `{"certs":[]}`} {
		if _, err := LoadCatalog(strings.NewReader(doc + tail)); !errors.Is(err, ErrCatalog) {
			t.Errorf("catalog followed by %q: err = %v, want ErrCatalog", tail, err)
		}
		if _, err := DefaultCatalog().Extend(strings.NewReader(doc + tail)); !errors.Is(err, ErrCatalog) {
			t.Errorf("extension followed by %q: err = %v, want ErrCatalog", tail, err)
		}
	}
}

// TestCandidateCountLimits: the skills and credentials one candidate may
// hold are bounded, so that no single record can take the index's memory.
func TestCandidateCountLimits(t *testing.T) {
	c := Candidate{ID: "c"}
	for i := 0; i < MaxSkills; i++ {
		c.Skills = append(c.Skills, "s")
	}
	for i := 0; i < MaxCertifications; i++ {
		c.Certifications = append(c.Certifications, Credential{ID: "ocajp"})
	}
	if err := c.Validate(); err != nil {
		t.Fatalf("at the limits: %v", err)
	}
	for _, tc := range []struct {
		field string
		edit  func(*Candidate)
	}{
		{"skills", func(c *Candidate) { c.Skills = append(c.Skills, "one more") }},
		{"certifications", func(c *Candidate) { c.Certifications = append(c.Certifications, Credential{ID: "ocajp"}) }},
	} {
		over := c
		over.Skills, over.Certifications = c.Skills[:MaxSkills:MaxSkills], c.Certifications[:MaxCertifications:MaxCertifications]
		tc.edit(&over)
		var fe *FieldError
		if err := over.Validate(); !errors.As(err, &fe) || fe.Field != tc.field {
			t.Errorf("one over the %s limit: Validate = %v, want an error on %s", tc.field, err, tc.field)
		}
	}
}
