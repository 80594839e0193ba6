package scoring

import "testing"

func TestPayMatch(t *testing.T) {
	bls := readOEWSFixture(t)
	for _, tc := range []struct {
		name   string
		band   PayBand
		place  string
		market *Market
		rates  Rates
		pay    Pay
		on     bool
		credit float64
		reason string
	}{
		{"under the band's maximum", PayBand{Max: 130000}, "Chicago, IL", nil, nil, Pay{Amount: 120000},
			true, 1, "asks $120,000 a year; the role pays up to $130,000 a year: 100%"},
		// 1 - (140,000 - 130,000) / (130,000 * 0.25) = 1 - 10,000 / 32,500
		// = 0.692.
		{"over the band's maximum", PayBand{Min: 100000, Max: 130000}, "Chicago, IL", nil, nil, Pay{Amount: 140000},
			true, 1 - 10000.0/32500, "asks $140,000 a year; the role pays $100,000 to $130,000 a year: 69%"},
		// 70 an hour is 145,600 a year; 1 - 15,600 / 32,500 = 0.52.
		{"an hourly ask", PayBand{Max: 130000}, "Chicago, IL", nil, nil, Pay{Amount: 70, Period: PerHour},
			true, 1 - 15600.0/32500, "asks $70 an hour ($145,600 a year); the role pays up to $130,000 a year: 52%"},
		// A monthly band: 10,000 * 12 = 120,000 a year.
		{"a monthly band", PayBand{Max: 10000, Period: PerMonth}, "Chicago, IL", nil, nil, Pay{Amount: 115000},
			true, 1, "asks $115,000 a year; the role pays up to $10,000 a month: 100%"},
		// Without a band, the built-in national average: 1 - (110,000 -
		// 103,568) / (103,568 * 0.25) = 1 - 6,432 / 25,892 = 0.752.
		{"no band: the national average", PayBand{}, "Chicago, IL", DefaultMarket(), nil, Pay{Amount: 110000},
			true, 1 - 6432.0/25892, "asks $110,000 a year; the national average is $103,568: 75%"},
		// The Chicago median is 124,800: 1 - 15,200 / 31,200 = 0.513.
		{"no band: the local market", PayBand{}, "Evanston, IL", bls, nil, Pay{Amount: 140000},
			true, 1 - 15200.0/31200,
			"asks $140,000 a year; the Chicago market's median for this occupation is $124,800; the national median is $131,040: 51%"},
		{"another currency, no rates", PayBand{Max: 130000}, "Chicago, IL", nil, nil, Pay{Amount: 90000, Currency: "EUR"},
			false, 0, ""},
		// 90,000 EUR * 1.1 = 99,000 USD.
		{"another currency with rates", PayBand{Max: 130000}, "Chicago, IL", nil, Rates{"USD": 1, "EUR": 1.1}, Pay{Amount: 90000, Currency: "EUR"},
			true, 1, "asks EUR 90,000 a year ($99,000 a year); the role pays up to $130,000 a year: 100%"},
		{"a floor only", PayBand{Min: 100000, Currency: "CAD"}, "Toronto, ON", nil, nil, Pay{Amount: 150000, Currency: "CAD"},
			true, 1, "asks CAD 150,000 a year; the role pays from CAD 100,000 a year: 100%"},
		{"no desired pay", PayBand{Max: 130000}, "Chicago, IL", nil, nil, Pay{}, false, 0, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := newPayWant(tc.band, ParsePlace(tc.place), "", tc.market, tc.rates)
			h := newPayHave(tc.pay)
			if got := w.on(&h); got != tc.on {
				t.Fatalf("on = %v, want %v", got, tc.on)
			}
			if !tc.on {
				return
			}
			c := w.credit(&h)
			if diff := c - tc.credit; diff > 1e-12 || diff < -1e-12 {
				t.Errorf("credit %v, want %v", c, tc.credit)
			}
			if got := w.reason(&h, c); got != tc.reason {
				t.Errorf("reason\n got %q\nwant %q", got, tc.reason)
			}
		})
	}
}
