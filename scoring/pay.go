package scoring

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// PayPeriod is the period an amount of pay is for.
type PayPeriod string

// Pay periods. The empty period is a year.
const (
	PerYear  PayPeriod = "year"
	PerMonth PayPeriod = "month"
	PerHour  PayPeriod = "hour"
)

// Conversions between periods: a working year of 52 weeks of 40 hours
// (the convention of US pay statistics, which publish an annual wage as
// the hourly one times 2,080), and 12 months.
const (
	HoursPerYear  = 2080
	MonthsPerYear = 12
)

// DefaultCurrency is the currency of an amount that gives none: the
// native formats' salaries and the built-in market are US dollars.
const DefaultCurrency = "USD"

// ParsePayPeriod reads a period as people write it: "year" (also "yearly",
// "annual", "annually", "yr", "a"), "month" ("monthly", "mo") or "hour"
// ("hourly", "hr", "h"), in any case; "" is a year.
func ParsePayPeriod(s string) (PayPeriod, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "year", "yearly", "annual", "annually", "yr", "a", "per year":
		return PerYear, nil
	case "month", "monthly", "mo", "per month":
		return PerMonth, nil
	case "hour", "hourly", "hr", "h", "per hour":
		return PerHour, nil
	}
	return "", fmt.Errorf("%w: pay period %q (want year, month or hour)", ErrInvalid, s)
}

// UnmarshalJSON reads a period with [ParsePayPeriod], so a file's
// "hourly" decodes as "hour" and "weekly" is an error naming the value.
func (p *PayPeriod) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	v, err := ParsePayPeriod(s)
	if err != nil {
		return err
	}
	*p = v
	return nil
}

// PerYear is the number of periods in a year: 1, 12 or 2,080 (any
// spelling ParsePayPeriod reads); 0 for a period it rejects.
func (p PayPeriod) PerYear() float64 {
	v, err := ParsePayPeriod(string(p))
	switch {
	case err != nil:
		return 0
	case v == PerMonth:
		return MonthsPerYear
	case v == PerHour:
		return HoursPerYear
	}
	return 1
}

// Pay is an amount of money per period in a currency, such as what a
// candidate asks.
type Pay struct {
	Amount float64
	// Currency is an ISO 4217 code ("USD", "EUR"); "" is DefaultCurrency.
	Currency string
	Period   PayPeriod // "" is a year
}

// CurrencyCode returns the pay's currency, DefaultCurrency when it gives
// none, in upper case.
func (p Pay) CurrencyCode() string { return currencyCode(p.Currency) }

func currencyCode(c string) string {
	if c = strings.TrimSpace(c); c == "" {
		return DefaultCurrency
	}
	return strings.ToUpper(c)
}

// Annual returns the amount for a year in the pay's own currency: 70 an
// hour is 145,600 a year. A negative, NaN or infinite amount, or an
// unknown period, is 0.
func (p Pay) Annual() float64 {
	return nonNegative(p.Amount * p.Period.PerYear())
}

// AnnualIn returns the amount for a year in currency cur, converting with
// rates when the currencies differ; ok is false when they differ and the
// rates do not give both.
func (p Pay) AnnualIn(cur string, rates Rates) (float64, bool) {
	return rates.Convert(p.Annual(), p.CurrencyCode(), currencyCode(cur))
}

// String writes the pay as people read it: "$140,000 a year", "$70 an
// hour", "EUR 5,500 a month".
func (p Pay) String() string {
	return Money(p.Amount, p.Currency) + " " + periodWords(p.Period)
}

func periodWords(p PayPeriod) string {
	p, _ = ParsePayPeriod(string(p))
	switch p {
	case PerHour:
		return "an hour"
	case PerMonth:
		return "a month"
	}
	return "a year"
}

// PayBand is the pay a role offers: from Min to Max per period in a
// currency. Either bound may be 0 for none.
type PayBand struct {
	Min, Max float64
	Currency string    // ISO 4217; "" is DefaultCurrency
	Period   PayPeriod // "" is a year
}

// IsZero reports whether the band gives no bound.
func (b PayBand) IsZero() bool { return b.Min <= 0 && b.Max <= 0 }

// CurrencyCode returns the band's currency, DefaultCurrency when it gives
// none.
func (b PayBand) CurrencyCode() string { return currencyCode(b.Currency) }

// AnnualIn returns the band's bounds for a year in currency cur,
// converting with rates when the currencies differ; ok is false when they
// differ and the rates do not give both. A bound not given stays 0.
func (b PayBand) AnnualIn(cur string, rates Rates) (lo, hi float64, ok bool) {
	f := b.Period.PerYear()
	lo, ok1 := rates.Convert(nonNegative(b.Min*f), b.CurrencyCode(), currencyCode(cur))
	hi, ok2 := rates.Convert(nonNegative(b.Max*f), b.CurrencyCode(), currencyCode(cur))
	return lo, hi, ok1 && ok2
}

// Validate checks the band's numbers, period and currency; errors name
// the record (a role id) and the role file's field.
func (b PayBand) Validate(record string) error {
	if badNumber(b.Min) {
		return invalid(record, "salary_min", "must be a non-negative number, got %v", b.Min)
	}
	if badNumber(b.Max) {
		return invalid(record, "salary_max", "must be a non-negative number, got %v", b.Max)
	}
	if b.Min > 0 && b.Max > 0 && b.Min > b.Max {
		return invalid(record, "salary_min", "%v is above salary_max %v", b.Min, b.Max)
	}
	if b.Period.PerYear() == 0 {
		return invalid(record, "salary_period", "%q (want year, month or hour)", string(b.Period))
	}
	if !validCurrency(b.Currency) {
		return invalid(record, "salary_currency", "%q is not an ISO 4217 code", b.Currency)
	}
	return nil
}

// validCurrency accepts "" and three ASCII letters.
func validCurrency(c string) bool {
	if c == "" {
		return true
	}
	if len(c) != 3 {
		return false
	}
	for i := 0; i < 3; i++ {
		if l := c[i] | 0x20; l < 'a' || l > 'z' {
			return false
		}
	}
	return true
}

// String writes the band as people read it: "$120,000 to $150,000 a
// year", "up to $130,000 a year", "from $60 an hour".
func (b PayBand) String() string {
	switch {
	case b.Min > 0 && b.Max > 0:
		return Money(b.Min, b.Currency) + " to " + Money(b.Max, b.Currency) + " " + periodWords(b.Period)
	case b.Max > 0:
		return "up to " + Money(b.Max, b.Currency) + " " + periodWords(b.Period)
	case b.Min > 0:
		return "from " + Money(b.Min, b.Currency) + " " + periodWords(b.Period)
	}
	return "no pay given"
}

// Rates converts between currencies: each currency's value in one unit of
// a common base, as in {"USD": 1, "EUR": 1.08, "CAD": 0.73}. certmatch
// never converts currencies on its own; a nil Rates converts an amount
// only to its own currency.
type Rates map[string]float64

// Convert returns amount in currency from as currency to; ok is false
// when they differ and the rates lack either or give a rate that is not a
// positive number.
func (r Rates) Convert(amount float64, from, to string) (float64, bool) {
	from, to = strings.ToUpper(from), strings.ToUpper(to)
	if from == to {
		return amount, true
	}
	f, t := r[from], r[to]
	if !(f > 0) || !(t > 0) || math.IsInf(f, 0) || math.IsInf(t, 0) {
		return 0, false
	}
	return amount * f / t, true
}

// Money writes an amount of a currency for people: "$140,000", "$67.50",
// "EUR 5,500"; whole amounts without cents, others with two decimals.
func Money(amount float64, currency string) string {
	cur := currencyCode(currency)
	prefix := cur + " "
	if cur == "USD" {
		prefix = "$"
	}
	if badNumber(amount) {
		amount = 0
	}
	cents := math.Round(amount * 100)
	whole := math.Floor(cents / 100)
	s := groupThousands(strconv.FormatFloat(whole, 'f', 0, 64))
	if frac := cents - whole*100; frac != 0 {
		s += "." + fmt.Sprintf("%02d", int(frac))
	}
	return prefix + s
}

// groupThousands puts commas between groups of three digits: "103568" is
// "103,568".
func groupThousands(digits string) string {
	if len(digits) <= 3 {
		return digits
	}
	var b strings.Builder
	first := len(digits) % 3
	if first == 0 {
		first = 3
	}
	b.WriteString(digits[:first])
	for i := first; i < len(digits); i += 3 {
		b.WriteByte(',')
		b.WriteString(digits[i : i+3])
	}
	return b.String()
}

// forPeople writes a number for people, rounded to one decimal place and
// without trailing zeros: 1.7999999999999998 is "1.8", 2.0 is "2", 0.25
// is "0.3".
func forPeople(f float64) string {
	return strconv.FormatFloat(math.Round(f*10)/10, 'f', -1, 64)
}
