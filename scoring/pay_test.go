package scoring

import (
	"errors"
	"math"
	"testing"
)

func TestParsePayPeriod(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want PayPeriod
		ok   bool
	}{
		{"", PerYear, true}, {"year", PerYear, true}, {"Annual", PerYear, true}, {" yearly ", PerYear, true},
		{"month", PerMonth, true}, {"Monthly", PerMonth, true}, {"hour", PerHour, true}, {"HOURLY", PerHour, true},
		{"weekly", "", false}, {"fortnight", "", false},
	} {
		got, err := ParsePayPeriod(tc.in)
		if got != tc.want || (err == nil) != tc.ok {
			t.Errorf("ParsePayPeriod(%q) = %q, %v; want %q, ok %v", tc.in, got, err, tc.want, tc.ok)
		}
		if err != nil && !errors.Is(err, ErrInvalid) {
			t.Errorf("ParsePayPeriod(%q) error %v does not wrap ErrInvalid", tc.in, err)
		}
	}
}

func TestPayAnnual(t *testing.T) {
	for _, tc := range []struct {
		pay  Pay
		want float64
		why  string
	}{
		{Pay{Amount: 140000}, 140000, "no period is a year"},
		{Pay{Amount: 70, Period: PerHour}, 145600, "70 * 2,080 hours"},
		{Pay{Amount: 9000, Period: PerMonth}, 108000, "9,000 * 12 months"},
		{Pay{Amount: -5}, 0, "a negative amount is none"},
		{Pay{Amount: math.NaN()}, 0, "NaN is none"},
		{Pay{Amount: 100, Period: "weekly"}, 0, "an unknown period is none"},
	} {
		if got := tc.pay.Annual(); got != tc.want {
			t.Errorf("%+v.Annual() = %v, want %v (%s)", tc.pay, got, tc.want, tc.why)
		}
	}
}

func TestCurrencies(t *testing.T) {
	rates := Rates{"USD": 1, "EUR": 1.1, "CAD": 0.75}
	for _, tc := range []struct {
		name   string
		pay    Pay
		to     string
		rates  Rates
		want   float64
		wantOK bool
	}{
		{"same currency needs no rates", Pay{Amount: 100000, Currency: "usd"}, "USD", nil, 100000, true},
		{"no currency is USD", Pay{Amount: 100000}, "USD", nil, 100000, true},
		{"no conversion without rates", Pay{Amount: 100000, Currency: "EUR"}, "USD", nil, 0, false},
		// 100,000 EUR * 1.1 USD per EUR / 1 = 110,000 USD.
		{"EUR to USD with rates", Pay{Amount: 100000, Currency: "EUR"}, "USD", rates, 110000, true},
		// 100,000 CAD * 0.75 / 1.1 = 68,181.82 EUR.
		{"CAD to EUR through the base", Pay{Amount: 100000, Currency: "CAD"}, "EUR", rates, 100000 * 0.75 / 1.1, true},
		{"a currency the rates lack", Pay{Amount: 1, Currency: "JPY"}, "USD", rates, 0, false},
		{"a bad rate", Pay{Amount: 1, Currency: "EUR"}, "USD", Rates{"USD": 1, "EUR": math.Inf(1)}, 0, false},
	} {
		got, ok := tc.pay.AnnualIn(tc.to, tc.rates)
		if ok != tc.wantOK || math.Abs(got-tc.want) > 1e-6 {
			t.Errorf("%s: AnnualIn = %v, %v; want %v, %v", tc.name, got, ok, tc.want, tc.wantOK)
		}
	}
}

func TestPayBand(t *testing.T) {
	b := PayBand{Min: 60, Max: 75, Period: PerHour}
	// 60 * 2,080 = 124,800 and 75 * 2,080 = 156,000.
	lo, hi, ok := b.AnnualIn("USD", nil)
	if lo != 124800 || hi != 156000 || !ok {
		t.Errorf("AnnualIn = %v, %v, %v; want 124800, 156000, true", lo, hi, ok)
	}
	for _, tc := range []struct {
		band  PayBand
		field string // "" for valid
	}{
		{PayBand{Min: 100000, Max: 130000}, ""},
		{PayBand{Max: 130000, Currency: "cad"}, ""},
		{PayBand{Min: 140000, Max: 130000}, "salary_min"},
		{PayBand{Min: -1}, "salary_min"},
		{PayBand{Max: math.Inf(1)}, "salary_max"},
		{PayBand{Max: 1, Period: "weekly"}, "salary_period"},
		{PayBand{Max: 1, Currency: "dollars"}, "salary_currency"},
	} {
		err := tc.band.Validate("role-1")
		var fe *FieldError
		switch {
		case tc.field == "" && err != nil:
			t.Errorf("%+v: %v, want valid", tc.band, err)
		case tc.field != "" && (!errors.As(err, &fe) || fe.Field != tc.field || fe.Record != "role-1"):
			t.Errorf("%+v: %v, want an error on role-1 %s", tc.band, err, tc.field)
		}
	}
	for _, tc := range []struct {
		band PayBand
		want string
	}{
		{PayBand{Min: 120000, Max: 150000}, "$120,000 to $150,000 a year"},
		{PayBand{Max: 130000}, "up to $130,000 a year"},
		{PayBand{Min: 60.5, Period: PerHour}, "from $60.50 an hour"},
		{PayBand{Max: 5500, Currency: "EUR", Period: PerMonth}, "up to EUR 5,500 a month"},
		{PayBand{}, "no pay given"},
	} {
		if got := tc.band.String(); got != tc.want {
			t.Errorf("%+v.String() = %q, want %q", tc.band, got, tc.want)
		}
	}
}

func TestMoneyAndNumbers(t *testing.T) {
	for _, tc := range []struct {
		amount float64
		cur    string
		want   string
	}{
		{103568, "", "$103,568"}, {140000, "USD", "$140,000"}, {999, "", "$999"}, {1000, "", "$1,000"},
		{1234567.891, "", "$1,234,567.89"}, {67.5, "", "$67.50"}, {5500, "eur", "EUR 5,500"}, {-3, "", "$0"},
	} {
		if got := Money(tc.amount, tc.cur); got != tc.want {
			t.Errorf("Money(%v, %q) = %q, want %q", tc.amount, tc.cur, got, tc.want)
		}
	}
	for _, tc := range []struct {
		f    float64
		want string
	}{{5 - 3.2, "1.8"}, {2, "2"}, {0.25, "0.3"}, {7.5, "7.5"}, {10.04, "10"}} {
		if got := forPeople(tc.f); got != tc.want {
			t.Errorf("forPeople(%v) = %q, want %q", tc.f, got, tc.want)
		}
	}
}

// TestNextStepYearsRounded: 5 - 3.2 is 1.7999999999999998 in floating
// point; people read 1.8.
func TestNextStepYearsRounded(t *testing.T) {
	s, err := NewScorer(Options{})
	if err != nil {
		t.Fatal(err)
	}
	res := s.Score(Candidate{ID: "c", YearsExperience: 3.2}, Role{ID: "r", MinYears: 5})
	var texts, reasons []string
	for _, n := range res.NextSteps {
		texts = append(texts, n.Text)
	}
	for _, m := range res.Missing {
		reasons = append(reasons, m.Reason)
	}
	if len(texts) != 1 || texts[0] != "1.8 more years of experience" {
		t.Errorf("next steps %q, want [\"1.8 more years of experience\"]", texts)
	}
	if len(reasons) != 1 || reasons[0] != "has 3.2 years" {
		t.Errorf("missing reasons %q, want [\"has 3.2 years\"]", reasons)
	}
	res = s.Score(Candidate{ID: "c", YearsExperience: 4}, Role{ID: "r", MinYears: 5})
	if len(res.NextSteps) != 1 || res.NextSteps[0].Text != "1 more year of experience" {
		t.Errorf("next steps %+v, want one \"1 more year of experience\"", res.NextSteps)
	}
}
