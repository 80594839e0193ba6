package scoring

import (
	"fmt"
	"strings"
)

// Role is a set of requirements in the native JSON format.
type Role struct {
	ID              string        `json:"id"`
	Title           string        `json:"title,omitempty"`
	Required        []Requirement `json:"required,omitempty"`
	Preferred       []Requirement `json:"preferred,omitempty"`
	RequiredSkills  []string      `json:"required_skills,omitempty"`
	PreferredSkills []string      `json:"preferred_skills,omitempty"`
	// RequiredAnySkills are required alternatives: each list is met by
	// any one of its skills ("MySQL, Oracle, or SQL Server"), and counts
	// as one required skill.
	RequiredAnySkills [][]string `json:"required_any_skills,omitempty"`
	MinYears          float64    `json:"min_years,omitempty"`
	// Location is where the role is, as people write it ("Chicago, IL",
	// "Remote (US)", "Hybrid - Chicago"); see ParsePlace.
	Location string `json:"location,omitempty"`
	// RadiusKm is how far from Location a candidate may live for full
	// location credit; 0 is DefaultRadiusKm.
	RadiusKm float64 `json:"radius_km,omitempty"`
	// Remote allows remote work, beside the place or instead of it.
	Remote bool `json:"remote,omitempty"`
	// SalaryMin and SalaryMax bound the pay offered, per SalaryPeriod in
	// SalaryCurrency; either may be 0 for none.
	SalaryMin float64 `json:"salary_min,omitempty"`
	SalaryMax float64 `json:"salary_max,omitempty"`
	// SalaryCurrency is an ISO 4217 code; "" is DefaultCurrency.
	SalaryCurrency string `json:"salary_currency,omitempty"`
	// SalaryPeriod is "year" (the default), "month" or "hour".
	SalaryPeriod PayPeriod `json:"salary_period,omitempty"`
	// Occupation names the market pay figures the role is compared with
	// when it gives no maximum: a code or title of the scorer's Market
	// ("15-1252", "Software Developers"); "" is the market's first.
	Occupation string `json:"occupation,omitempty"`
	// Weights, when given, replace DefaultWeights whole: a component left
	// out has weight 0 and is not scored.
	Weights *Weights `json:"weights,omitempty"`
	// Source names what a generated role was read from ("job posting
	// backend.md"); SkillSources and MinYearsSource give the sentence
	// behind each skill (by the skill as written) and behind min_years,
	// so a recruiter can review the role. Scoring never reads them.
	Source         string            `json:"source,omitempty"`
	SkillSources   map[string]string `json:"skill_sources,omitempty"`
	MinYearsSource string            `json:"min_years_source,omitempty"`
}

// PayBand returns the role's pay band.
func (r *Role) PayBand() PayBand {
	return PayBand{Min: r.SalaryMin, Max: r.SalaryMax, Currency: r.SalaryCurrency, Period: r.SalaryPeriod}
}

// Requirement is one certification group: any one of AnyOf (certification
// ids or catalog groups) meets it, subject to the conditions.
type Requirement struct {
	AnyOf []string `json:"any_of"`
	// MinVersion, compared numerically (1.4 < 5 < 11).
	MinVersion string `json:"min_version,omitempty"`
	// Current requires an unexpired credential: its own expiry date, or
	// the catalog's validity period counted from its issue date.
	Current bool `json:"current,omitempty"`
	// WithinYears requires a credential issued in the last N years.
	WithinYears float64 `json:"within_years,omitempty"`
	// Weight within the certification component; 0 means the default
	// (DefaultRequiredWeight or DefaultPreferredWeight).
	Weight float64 `json:"weight,omitempty"`
	// Source is the sentence a generated requirement was read from;
	// scoring never reads it.
	Source string `json:"source,omitempty"`
}

// String describes r in words a recruiter reads: "ocpjp >= 11, current".
func (r Requirement) String() string {
	s := strings.Join(r.AnyOf, " or ")
	if r.MinVersion != "" {
		s += " >= " + r.MinVersion
	}
	if r.Current {
		s += ", current"
	}
	if r.WithinYears > 0 {
		s += fmt.Sprintf(", within %g years", r.WithinYears)
	}
	return s
}

// Weights are the relative weights of the score's components. They need
// not sum to 1: a component's maximum is 100 times its weight over the sum
// of the weights of the components that apply.
type Weights struct {
	Certifications float64 `json:"certifications"`
	Skills         float64 `json:"skills"`
	Experience     float64 `json:"experience"`
	Location       float64 `json:"location,omitempty"`
	Compensation   float64 `json:"compensation,omitempty"`
}

// total is the sum of the weights of the components switched on, added
// in one fixed order so that every caller gets the same float.
func (w *Weights) total(cert, skill, exp, loc, comp bool) float64 {
	t := 0.0
	if cert {
		t += w.Certifications
	}
	if skill {
		t += w.Skills
	}
	if exp {
		t += w.Experience
	}
	if loc {
		t += w.Location
	}
	if comp {
		t += w.Compensation
	}
	return t
}

// DefaultWeights apply to a role that gives none.
var DefaultWeights = Weights{Certifications: 0.5, Skills: 0.3, Experience: 0.2, Location: 0.1, Compensation: 0.1}

// Validate checks a role against a catalog, naming the field of the first
// problem: unknown certification or group ids, empty any_of, malformed
// versions, negative or NaN weights and numbers. A nil cat means
// DefaultCatalog; a nil r is an error.
func (r *Role) Validate(cat *Catalog) error {
	if r == nil {
		return fmt.Errorf("%w: no role (nil)", ErrInvalid)
	}
	if cat == nil {
		cat = DefaultCatalog()
	}
	if strings.TrimSpace(r.ID) == "" {
		return invalid("", "id", "missing")
	}
	if err := ValidateID(r.ID); err != nil {
		return &FieldError{Field: "id", Err: err}
	}
	check := func(field string, reqs []Requirement) error {
		for i, q := range reqs {
			f := fmt.Sprintf("%s[%d]", field, i)
			if len(q.AnyOf) == 0 {
				return invalid(r.ID, f+".any_of", "empty")
			}
			for j, id := range q.AnyOf {
				if !cat.Known(id) {
					return invalid(r.ID, fmt.Sprintf("%s.any_of[%d]", f, j), "unknown certification or group %q", id)
				}
			}
			if q.MinVersion != "" && !validVersion(q.MinVersion) {
				return invalid(r.ID, f+".min_version", "%q is not a version", q.MinVersion)
			}
			if q.MinVersion != "" {
				if err := cat.checkAxis(q.AnyOf, q.MinVersion); err != nil {
					return invalid(r.ID, f+".min_version", "%v", err)
				}
			}
			if badNumber(q.WithinYears) || q.WithinYears > MaxYears {
				return invalid(r.ID, f+".within_years", "must be a number from 0 to %d, got %v", MaxYears, q.WithinYears)
			}
			if badNumber(q.Weight) || q.Weight > MaxWeight {
				return invalid(r.ID, f+".weight", "must be a number from 0 to %g, got %v", float64(MaxWeight), q.Weight)
			}
		}
		return nil
	}
	if err := check("required", r.Required); err != nil {
		return err
	}
	if err := check("preferred", r.Preferred); err != nil {
		return err
	}
	for i, s := range r.RequiredSkills {
		if SkillKey(s) == "" {
			return invalid(r.ID, fmt.Sprintf("required_skills[%d]", i), "empty skill")
		}
	}
	for i, s := range r.PreferredSkills {
		if SkillKey(s) == "" {
			return invalid(r.ID, fmt.Sprintf("preferred_skills[%d]", i), "empty skill")
		}
	}
	for i, alts := range r.RequiredAnySkills {
		if len(alts) == 0 {
			return invalid(r.ID, fmt.Sprintf("required_any_skills[%d]", i), "empty")
		}
		for j, s := range alts {
			if SkillKey(s) == "" {
				return invalid(r.ID, fmt.Sprintf("required_any_skills[%d][%d]", i, j), "empty skill")
			}
		}
	}
	if badNumber(r.MinYears) || r.MinYears > MaxYears {
		return invalid(r.ID, "min_years", "must be a number from 0 to %d, got %v", MaxYears, r.MinYears)
	}
	if badNumber(r.RadiusKm) {
		return invalid(r.ID, "radius_km", "must be a non-negative number, got %v", r.RadiusKm)
	}
	if badNumber(r.SalaryMax) || r.SalaryMax > MaxSalary {
		return invalid(r.ID, "salary_max", "must be a number from 0 to %g, got %v", float64(MaxSalary), r.SalaryMax)
	}
	if badNumber(r.SalaryMin) || r.SalaryMin > MaxSalary {
		return invalid(r.ID, "salary_min", "must be a number from 0 to %g, got %v", float64(MaxSalary), r.SalaryMin)
	}
	if err := r.PayBand().Validate(r.ID); err != nil {
		return err
	}
	if w := r.Weights; w != nil {
		for _, f := range []struct {
			name string
			v    float64
		}{{"certifications", w.Certifications}, {"skills", w.Skills}, {"experience", w.Experience}, {"location", w.Location}, {"compensation", w.Compensation}} {
			if badNumber(f.v) || f.v > MaxWeight {
				return invalid(r.ID, "weights."+f.name, "must be a number from 0 to %g, got %v", float64(MaxWeight), f.v)
			}
		}
		if w.Certifications+w.Skills+w.Experience+w.Location+w.Compensation == 0 {
			return invalid(r.ID, "weights", "all zero")
		}
	}
	return nil
}
