package scoring

// payWant is a role's compensation rule, worked out once per plan: its pay
// band in a year, or, when it gives no maximum, the market's figure for
// its place as the reference.
type payWant struct {
	band     PayBand
	currency string  // the currency desired pay is compared in
	lo, hi   float64 // the band's bounds for a year in currency; 0 for none
	// When the band gives no maximum: the market figure for the role's
	// place (local is false when the market has none and the national
	// figure stands in), and the national figure.
	market, national MarketPay
	local            bool
	ref              float64 // the amount desired pay is compared with: hi, or the market's reference
	rates            Rates
	// against is what reason says of the role's side, worked out once:
	// "; the role pays up to $120,000 a year".
	against string
}

// newPayWant works out a role's rule. The band is used as given: a band
// whose currency differs from the market's, without rates, keeps its own
// currency.
func newPayWant(band PayBand, place Place, occupation string, m *Market, rates Rates) payWant {
	w := payWant{band: band, currency: band.CurrencyCode(), rates: rates}
	w.compare(place, occupation, m)
	w.sayAgainst()
	return w
}

// compare works out what desired pay is compared with: the band's
// maximum, or the market's figure for the place (or the nation's).
func (w *payWant) compare(place Place, occupation string, m *Market) {
	w.lo, w.hi, _ = w.band.AnnualIn(w.currency, nil)
	w.national = m.National(occupation)
	if w.hi > 0 {
		w.ref = w.hi
		return
	}
	w.market, w.local = m.Local(occupation, place)
	if !w.local {
		w.market = w.national
	}
	amount, _ := w.market.Reference()
	if w.band.Min > 0 {
		// A band with a floor only takes the market as its ceiling when
		// the market is in the band's currency.
		if currencyCode(w.market.Currency) != w.currency {
			return
		}
	}
	w.currency = currencyCode(w.market.Currency)
	w.ref = amount
}

// payHave is a candidate's desired pay, worked out once per profile.
type payHave struct {
	pay Pay
	// What a score reads comes last, next to the fields of a Profile a
	// score reads first.
	cur    string
	annual float64 // in the pay's own currency
}

func newPayHave(p Pay) payHave {
	return payHave{pay: p, annual: p.Annual(), cur: p.CurrencyCode()}
}

// given reports whether the candidate gives a desired pay.
func (h *payHave) given() bool { return h.annual > 0 }

// desired returns the candidate's desired pay for a year in the rule's
// currency; ok is false when the currencies differ and no rates convert.
func (w *payWant) desired(h *payHave) (float64, bool) {
	if h.cur == w.currency {
		return h.annual, true
	}
	return w.rates.Convert(h.annual, h.cur, w.currency)
}

// on reports whether the rule can score candidate h: the role or the
// market gives a figure, the candidate a desired pay, in one currency or
// with rates between the two.
func (w *payWant) on(h *payHave) bool {
	if !h.given() || !w.scores() {
		return false
	}
	_, ok := w.desired(h)
	return ok
}

// credit is the one compensation rule: full credit up to the reference,
// falling linearly to 0 at the reference * (1 + CompensationTolerance); a
// band with a floor only gives full credit.
func (w *payWant) credit(h *payHave) float64 {
	d, ok := w.desired(h)
	if !ok {
		return 0
	}
	return w.creditOf(d)
}

// scores reports whether the rule gives any figure to compare with: the
// band's or the market's.
func (w *payWant) scores() bool { return w.ref > 0 || w.lo > 0 }

// creditOf is credit for a desired pay d already in the rule's currency.
func (w *payWant) creditOf(d float64) float64 {
	if w.ref <= 0 {
		return 1
	}
	return compensationCredit(d, w.ref)
}

// reason says in words what the credit compared: "asks $140,000 a year;
// the Chicago market's median for this occupation is $124,800; the
// national average is $103,568: 55%".
func (w *payWant) reason(h *payHave, credit float64) string {
	s := "asks " + h.pay.String()
	d, _ := w.desired(h)
	if h.pay.Period != "" && h.pay.Period != PerYear || h.cur != w.currency {
		s += " (" + Money(d, w.currency) + " a year)"
	}
	return s + w.against + ": " + percent(credit)
}

// sayAgainst works out what reason says of the role's side: its band, or
// the market figures it is compared with.
func (w *payWant) sayAgainst() {
	var s string
	switch {
	case w.hi > 0 || w.band.Min > 0 && w.ref <= 0:
		s = "; the role pays " + w.band.String()
	default:
		amount, what := w.market.Reference()
		if w.local {
			s += "; " + possessive(w.market.Name()) + " " + what + " for this occupation is " + Money(amount, w.market.Currency)
		}
		n, nwhat := w.national.Reference()
		s += "; the national " + nwhat + " is " + Money(n, w.national.Currency)
		if w.band.Min > 0 {
			s += "; the role pays " + w.band.String()
		}
	}
	w.against = s
}

// possessive turns "the Chicago market" into "the Chicago market's".
func possessive(s string) string { return s + "'s" }
