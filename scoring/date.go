package scoring

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Date is an ISO 8601 calendar date that may be partial: "2021", "2021-03"
// or "2021-03-14". The zero Date is "no date" and marshals as "". A Date
// keeps the precision it was written with, so JSON round-trips exactly.
type Date struct {
	Year  int // 0 means no date
	Month int // 0 when only the year is known
	Day   int // 0 when only the year and month are known
}

// ParseDate parses a full or partial ISO 8601 date. An empty string gives the
// zero Date. A timestamp such as "2021-03-14T10:00:00Z" keeps its date part.
func ParseDate(s string) (Date, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Date{}, nil
	}
	if i := strings.IndexAny(s, "T "); i == 10 {
		s = s[:10]
	}
	parts := strings.Split(s, "-")
	if len(parts) > 3 || len(parts[0]) != 4 {
		return Date{}, fmt.Errorf("date %q: want YYYY, YYYY-MM or YYYY-MM-DD", s)
	}
	var d Date
	var err error
	if d.Year, err = strconv.Atoi(parts[0]); err != nil || d.Year < 1000 || d.Year > 9999 {
		return Date{}, fmt.Errorf("date %q: bad year", s)
	}
	if len(parts) > 1 {
		if len(parts[1]) != 2 {
			return Date{}, fmt.Errorf("date %q: month must have two digits", s)
		}
		if d.Month, err = strconv.Atoi(parts[1]); err != nil || d.Month < 1 || d.Month > 12 {
			return Date{}, fmt.Errorf("date %q: bad month", s)
		}
	}
	if len(parts) > 2 {
		if len(parts[2]) != 2 {
			return Date{}, fmt.Errorf("date %q: day must have two digits", s)
		}
		if d.Day, err = strconv.Atoi(parts[2]); err != nil || d.Day < 1 || d.Day > 31 {
			return Date{}, fmt.Errorf("date %q: bad day", s)
		}
		if t := d.First(); t.Day() != d.Day {
			return Date{}, fmt.Errorf("date %q: no such day", s)
		}
	}
	return d, nil
}

// Validate reports whether d can be written and read back: the zero Date,
// or a year from 1000 to 9999 with an optional month 1-12 and, only with a
// month, an optional day that exists in that month. These are the rules
// ParseDate applies, so every valid Date round-trips through its String.
func (d Date) Validate() error {
	switch {
	case d == Date{}:
		return nil
	case d.Year < 1000 || d.Year > 9999:
		return fmt.Errorf("bad year %d: want 1000 to 9999", d.Year)
	case d.Month < 0 || d.Month > 12:
		return fmt.Errorf("bad month %d", d.Month)
	case d.Month == 0 && d.Day != 0:
		return fmt.Errorf("a day needs a month")
	case d.Day < 0 || d.Day > 31 || (d.Day > 0 && d.First().Day() != d.Day):
		return fmt.Errorf("no such day %04d-%02d-%02d", d.Year, d.Month, d.Day)
	}
	return nil
}

// MustDate is ParseDate for literals in tests and examples; it panics on a
// malformed date.
func MustDate(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// DateOf returns the full Date of t. A time outside the years 1000-9999
// (the zero time.Time among them) gives a Date that Validate rejects.
func DateOf(t time.Time) Date {
	return Date{Year: t.Year(), Month: int(t.Month()), Day: t.Day()}
}

// IsZero reports whether d is "no date".
func (d Date) IsZero() bool { return d.Year == 0 }

// String formats d with the precision it has; "" for the zero Date.
func (d Date) String() string {
	switch {
	case d.Year == 0:
		return ""
	case d.Month == 0:
		return fmt.Sprintf("%04d", d.Year)
	case d.Day == 0:
		return fmt.Sprintf("%04d-%02d", d.Year, d.Month)
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
}

// First is the earliest instant d may mean: "2021" is 1 January 2021.
func (d Date) First() time.Time {
	m, day := max(d.Month, 1), max(d.Day, 1)
	return time.Date(d.Year, time.Month(m), day, 0, 0, 0, 0, time.UTC)
}

// Last is the latest day d may mean: "2021" is 31 December 2021, "2021-02"
// is 28 February 2021.
func (d Date) Last() time.Time {
	switch {
	case d.Month == 0:
		return time.Date(d.Year, time.December, 31, 0, 0, 0, 0, time.UTC)
	case d.Day == 0:
		return time.Date(d.Year, time.Month(d.Month)+1, 0, 0, 0, 0, 0, time.UTC)
	}
	return d.First()
}

// Days is d's First as days since 1970-01-01; 0 for the zero Date.
func (d Date) Days() int32 {
	if d.IsZero() {
		return 0
	}
	return int32(d.First().Unix() / 86400)
}

// MarshalJSON writes d as a string in the precision it was given.
func (d Date) MarshalJSON() ([]byte, error) { return json.Marshal(d.String()) }

// UnmarshalJSON reads a partial ISO 8601 date string; null and "" are the
// zero Date.
func (d *Date) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*d = Date{}
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("date: want a string such as \"2021-03\", got %s", b)
	}
	v, err := ParseDate(s)
	if err != nil {
		return err
	}
	*d = v
	return nil
}
