package scoring

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Candidate is a profile in the native JSON format. Name, Email, Phone and
// the other personal fields are carried for the caller and never read by
// the scorer.
type Candidate struct {
	ID    string `json:"id"`
	Name  string `json:"name,omitempty"`
	Email string `json:"email,omitempty"`
	Phone string `json:"phone,omitempty"`
	// Location is where the candidate lives, as people write it; see
	// ParsePlace.
	Location string `json:"location,omitempty"`
	// WorkMode is how the candidate wants to work: "remote", "onsite",
	// "hybrid", or "" for no preference. A Location such as "Remote" or
	// "Remote (Austin, TX)" says remote too.
	WorkMode WorkMode `json:"work_mode,omitempty"`
	// Relocate says the candidate is willing to move for a role.
	Relocate        bool    `json:"relocate,omitempty"`
	YearsExperience float64 `json:"years_experience,omitempty"`
	// DesiredSalary is the pay the candidate asks, per DesiredPeriod in
	// DesiredCurrency.
	DesiredSalary float64 `json:"desired_salary,omitempty"`
	// DesiredCurrency is an ISO 4217 code; "" is DefaultCurrency.
	DesiredCurrency string `json:"desired_currency,omitempty"`
	// DesiredPeriod is "year" (the default), "month" or "hour".
	DesiredPeriod  PayPeriod    `json:"desired_period,omitempty"`
	Summary        string       `json:"summary,omitempty"`
	Skills         []string     `json:"skills,omitempty"`
	Certifications []Credential `json:"certifications,omitempty"`
}

// DesiredPay returns the pay the candidate asks.
func (c *Candidate) DesiredPay() Pay {
	return Pay{Amount: c.DesiredSalary, Currency: c.DesiredCurrency, Period: c.DesiredPeriod}
}

// Credential is a certification a candidate holds, as written and as
// resolved. A credential is given by free-text Name, by canonical ID, or
// both; the normaliser fills ID and Version from Name on import and keeps
// Name as written.
type Credential struct {
	Name         string `json:"name,omitempty"`
	ID           string `json:"id,omitempty"`
	Version      string `json:"version,omitempty"`
	Issuer       string `json:"issuer,omitempty"`
	Date         Date   `json:"date,omitempty"` // issued
	Expires      Date   `json:"expires,omitempty"`
	URL          string `json:"url,omitempty"`
	CredentialID string `json:"credential_id,omitempty"`
}

// Written is the credential as the candidate wrote it: its name, or its id
// and version when it has no name.
func (cr Credential) Written() string {
	if cr.Name != "" {
		return cr.Name
	}
	if cr.Version != "" {
		return cr.ID + " " + cr.Version
	}
	return cr.ID
}

// ErrInvalid is wrapped by every validation error of a candidate or role.
var ErrInvalid = errors.New("invalid")

// FieldError names the record and the field path of a validation error.
type FieldError struct {
	Record string // candidate or role id; "" when the record has none
	Field  string // JSON path such as "certifications[2].date"
	Err    error
}

func (e *FieldError) Error() string {
	rec := e.Record
	if rec == "" {
		rec = "(no id)"
	}
	return fmt.Sprintf("%s: %s: %v", rec, e.Field, e.Err)
}

func (e *FieldError) Unwrap() error { return e.Err }

func invalid(record, field, format string, args ...any) error {
	return &FieldError{Record: record, Field: field, Err: fmt.Errorf("%w: "+format, append([]any{ErrInvalid}, args...)...)}
}

// Validate checks a candidate's fields. Credentials with an id the catalog
// does not know are not errors: they are kept as written and reported by
// Resolve.
//
// A nil c is an error.
func (c *Candidate) Validate() error {
	if c == nil {
		return fmt.Errorf("%w: no candidate (nil)", ErrInvalid)
	}
	if strings.TrimSpace(c.ID) == "" {
		return invalid("", "id", "missing")
	}
	if err := ValidateID(c.ID); err != nil {
		return &FieldError{Field: "id", Err: err}
	}
	if badNumber(c.YearsExperience) || c.YearsExperience > MaxYears {
		return invalid(c.ID, "years_experience", "must be between 0 and %d", MaxYears)
	}
	if badNumber(c.DesiredSalary) || c.DesiredSalary > MaxSalary {
		return invalid(c.ID, "desired_salary", "must be a non-negative number up to %g", float64(MaxSalary))
	}
	if len(c.Skills) > MaxSkills {
		return invalid(c.ID, "skills", "%d skills, more than %d", len(c.Skills), MaxSkills)
	}
	if len(c.Certifications) > MaxCertifications {
		return invalid(c.ID, "certifications", "%d certifications, more than %d", len(c.Certifications), MaxCertifications)
	}
	if !validCurrency(c.DesiredCurrency) {
		return invalid(c.ID, "desired_currency", "%q is not an ISO 4217 code", c.DesiredCurrency)
	}
	if c.DesiredPeriod.PerYear() == 0 {
		return invalid(c.ID, "desired_period", "%q (want year, month or hour)", string(c.DesiredPeriod))
	}
	if _, err := ParseWorkMode(string(c.WorkMode)); err != nil {
		return invalid(c.ID, "work_mode", "%q (want remote, onsite, hybrid or any)", string(c.WorkMode))
	}
	for i, s := range c.Skills {
		if strings.TrimSpace(s) == "" {
			return invalid(c.ID, fmt.Sprintf("skills[%d]", i), "empty skill")
		}
	}
	for i, cr := range c.Certifications {
		f := fmt.Sprintf("certifications[%d]", i)
		if strings.TrimSpace(cr.Name) == "" && strings.TrimSpace(cr.ID) == "" {
			return invalid(c.ID, f, "needs a name or an id")
		}
		if err := cr.Date.Validate(); err != nil {
			return invalid(c.ID, f+".date", "%v", err)
		}
		if err := cr.Expires.Validate(); err != nil {
			return invalid(c.ID, f+".expires", "%v", err)
		}
		if !cr.Date.IsZero() && !cr.Expires.IsZero() && cr.Expires.Last().Before(cr.Date.First()) {
			return invalid(c.ID, f+".expires", "%s is before the issue date %s", cr.Expires, cr.Date)
		}
		if cr.Version != "" && !validVersion(CanonicalVersion(cr.Version, PlainVersion)) {
			return invalid(c.ID, f+".version", "%q is not a version", cr.Version)
		}
	}
	return nil
}

// Limits on what a candidate or role may hold. Each keeps every value the
// API accepts storable, readable back and finite in every sum a score
// makes.
const (
	// MaxIDLength is the longest candidate or role id, in bytes.
	MaxIDLength = 256
	// MaxYears bounds years of experience and a role's min_years.
	MaxYears = 80
	// MaxSalary bounds desired and offered pay, in any currency and period.
	MaxSalary = 1e9
	// MaxWeight bounds every weight a role or requirement gives.
	MaxWeight = 1e6
	// MaxSkills bounds the skills of one candidate.
	MaxSkills = 100_000
	// MaxCertifications bounds the credentials of one candidate.
	MaxCertifications = 1_000
)

// ErrID is wrapped by the error of an id that cannot be stored.
var ErrID = fmt.Errorf("%w id", ErrInvalid)

// ValidateID checks an id: not blank, valid UTF-8 (two distinct byte
// strings must never fold into one id), at most MaxIDLength bytes, no
// control characters. The error never quotes the id.
func ValidateID(id string) error {
	switch {
	case strings.TrimSpace(id) == "":
		return fmt.Errorf("%w: missing", ErrID)
	case !utf8.ValidString(id):
		return fmt.Errorf("%w: not valid UTF-8", ErrID)
	case len(id) > MaxIDLength:
		return fmt.Errorf("%w: %d bytes, longer than %d", ErrID, len(id), MaxIDLength)
	case strings.IndexFunc(id, unicode.IsControl) >= 0:
		return fmt.Errorf("%w: holds a control character", ErrID)
	}
	return nil
}

func badNumber(f float64) bool { return math.IsNaN(f) || math.IsInf(f, 0) || f < 0 }

// Unresolved is a credential the catalog could not place; it stays on the
// candidate as written.
type Unresolved struct {
	Index  int    `json:"index"` // position in Certifications
	Text   string `json:"text"`
	Reason string `json:"reason"`
}

// Resolve fills ID and Version of credentials given by name, using the
// catalog's normaliser. Versions stay as written ("3.0", "2021"; Java
// versions in Java numbering, see [WrittenVersion]): scores compare them on
// the line's version axis, so a later catalog can map them anew; a version
// given for a certification without versions is dropped. It returns the
// credentials it could not place; they are kept, as written, and count for
// nothing in a score. A nil cat means DefaultCatalog; a nil c has nothing
// to resolve.
func (c *Candidate) Resolve(cat *Catalog) []Unresolved {
	if c == nil {
		return nil
	}
	if cat == nil {
		cat = DefaultCatalog()
	}
	var out []Unresolved
	for i := range c.Certifications {
		cr := &c.Certifications[i]
		if cr.ID != "" {
			e := cat.entry(cr.ID)
			if e == nil {
				out = append(out, Unresolved{Index: i, Text: cr.Written(), Reason: fmt.Sprintf("unknown certification id %q", cr.ID)})
				continue
			}
			cr.Version = WrittenVersion(cr.Version, e.Versioning)
			continue
		}
		res, ok := cat.Normalize(cr.Name)
		if !ok {
			out = append(out, Unresolved{Index: i, Text: cr.Name, Reason: res.Reason})
			continue
		}
		cr.ID = res.ID
		if cr.Version == "" {
			cr.Version = res.Version
		} else if e := cat.entry(res.ID); e != nil {
			cr.Version = WrittenVersion(cr.Version, e.Versioning)
		}
	}
	return out
}
