package peopledate

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/certmatch/certmatch/scoring"
)

func TestParse(t *testing.T) {
	d := scoring.MustDate
	tests := []struct {
		in   string
		want Value
		err  error // the condition wrapped, nil for success
		why  string
	}{
		{"", Value{}, nil, "no date is no error: the caller decides what absent means"},
		{"   ", Value{}, nil, "white space is no date"},
		{"2026", Value{Date: d("2026")}, nil, "ISO year keeps year precision"},
		{"2026-02", Value{Date: d("2026-02")}, nil, "ISO year-month keeps month precision"},
		{"2026-02-14", Value{Date: d("2026-02-14")}, nil, "ISO full date"},
		{"2026-2", Value{Date: d("2026-02")}, nil, "one-digit month after an ISO year"},
		{"2026-02-14T09:30:00Z", Value{Date: d("2026-02-14")}, nil, "ISO datetime keeps its date part"},
		{"2026-02-14 09:30", Value{Date: d("2026-02-14")}, nil, "datetime with a space"},
		{"2026-02-14T09:30:00.000+01:00", Value{Date: d("2026-02-14")}, nil, "datetime with fraction and offset"},
		{"20260214", Value{Date: d("2026-02-14")}, nil, "compact ISO"},
		{"February 2026", Value{Date: d("2026-02")}, nil, "month name and year"},
		{"Feb 2026", Value{Date: d("2026-02")}, nil, "three-letter month"},
		{"Feb. 2026", Value{Date: d("2026-02")}, nil, "abbreviated month with a full stop"},
		{"feb, 2026", Value{Date: d("2026-02")}, nil, "comma between month and year"},
		{"SEPT 2019", Value{Date: d("2019-09")}, nil, "four-letter cut, upper case"},
		{"2012, July", Value{Date: d("2012-07")}, nil, "year before the month name, as one real resume writes it"},
		{"14 February 2026", Value{Date: d("2026-02-14")}, nil, "day month-name year"},
		{"February 14, 2026", Value{Date: d("2026-02-14")}, nil, "US order with a month name is not ambiguous"},
		{"14th Feb 2026", Value{Date: d("2026-02-14")}, nil, "ordinal day"},
		{"1st of March 2021", Value{Date: d("2021-03-01")}, nil, "ordinal and 'of'"},
		{"enero de 2020", Value{Date: d("2020-01")}, nil, "Spanish month with 'de'"},
		{"févr. 2021", Value{Date: d("2021-02")}, nil, "French cut month with an accent"},
		{"März 2019", Value{Date: d("2019-03")}, nil, "German month"},
		{"02/2026", Value{Date: d("2026-02")}, nil, "numeric month/year"},
		{"2/2026", Value{Date: d("2026-02")}, nil, "one-digit month/year"},
		{"2026/02", Value{Date: d("2026-02")}, nil, "year/month"},
		{"2026.02", Value{Date: d("2026-02")}, nil, "year.month"},
		{"02.2026", Value{Date: d("2026-02")}, nil, "month.year"},
		{"2026/02/14", Value{Date: d("2026-02-14")}, nil, "year first is always year, month, day"},
		{"14/02/2026", Value{Date: d("2026-02-14")}, nil, "14 can only be the day"},
		{"02/14/2026", Value{Date: d("2026-02-14")}, nil, "14 can only be the day, US order"},
		{"04/04/2026", Value{Date: d("2026-04-04")}, nil, "both orders give the same date"},
		{"03/04/2026", Value{}, ErrAmbiguous, "March 4th or 3 April: not guessed"},
		{"1.2.2020", Value{}, ErrAmbiguous, "dotted European-looking order is still not guessed"},
		{"Present", Value{Ongoing: true}, nil, "ongoing"},
		{"current", Value{Ongoing: true}, nil, "ongoing, lower case"},
		{"Now", Value{Ongoing: true}, nil, "ongoing, as a real resume writes it"},
		{"today", Value{Ongoing: true}, nil, "ongoing"},
		{"Till Date", Value{Ongoing: true}, nil, "Indian English phrase for ongoing"},
		{"Actualidad", Value{Ongoing: true}, nil, "Spanish ongoing"},
		{"aujourd’hui", Value{Ongoing: true}, nil, "French ongoing with a typographic apostrophe"},
		{" present. ", Value{Ongoing: true}, nil, "spaces and a full stop around"},
		{"2010-2014", Value{}, ErrRange, "a range where one date was wanted, as a real certificate writes it"},
		{"Jan 2019 - Present", Value{}, ErrRange, "a range with an ongoing end"},
		{"2026-13", Value{}, ErrUnreadable, "no month 13"},
		{"2026-02-30", Value{}, ErrUnreadable, "no 30 February"},
		{"13/13/2026", Value{}, ErrUnreadable, "neither number is a month"},
		{"02/26", Value{}, ErrUnreadable, "two-digit year: the century would be a guess"},
		{"Feb 26", Value{}, ErrUnreadable, "month name with a two-digit number: day or year?"},
		{"Summer 2019", Value{}, ErrUnreadable, "a season is not a month"},
		{"February", Value{}, ErrUnreadable, "no year"},
		{"Ju 2019", Value{}, ErrUnreadable, "two letters name no month"},
		{"Jui 2019", Value{}, ErrUnreadable, "juin or juillet: a cut shared by two months"},
		{"999", Value{}, ErrUnreadable, "three-digit year"},
		{"123456789", Value{}, ErrUnreadable, "a long number"},
		{"[403 Forbidden]", Value{}, ErrUnreadable, "junk"},
		{"2026-02-14Tnoon", Value{}, ErrUnreadable, "a T not followed by a time"},
	}
	seen := map[string]bool{}
	for _, tt := range tests {
		if seen[tt.in] {
			t.Fatalf("duplicate case %q", tt.in)
		}
		seen[tt.in] = true
		got, err := Parse(tt.in)
		if tt.err == nil {
			if err != nil {
				t.Errorf("Parse(%q) = error %v, want %v (%s)", tt.in, err, tt.want, tt.why)
				continue
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Parse(%q) (-want +got):\n%s(%s)", tt.in, diff, tt.why)
			}
			continue
		}
		var pe *Error
		if !errors.Is(err, tt.err) || !errors.As(err, &pe) {
			t.Errorf("Parse(%q) = %v, %v; want an *Error wrapping %v (%s)", tt.in, got, err, tt.err, tt.why)
		}
	}
}

func TestParsePrecision(t *testing.T) {
	// The precision written is the precision kept: String round-trips
	// through scoring.ParseDate.
	for in, want := range map[string]string{"2026": "2026", "Feb 2026": "2026-02", "14/02/2026": "2026-02-14"} {
		v, err := Parse(in)
		if err != nil {
			t.Fatalf("Parse(%q): %v", in, err)
		}
		if got := v.String(); got != want {
			t.Errorf("Parse(%q).String() = %q, want %q", in, got, want)
		}
	}
}

func TestErrorQuotesAtMostAShortText(t *testing.T) {
	long := "not a date at all but a whole sentence that someone pasted into the field"
	_, err := Parse(long)
	var pe *Error
	if !errors.As(err, &pe) {
		t.Fatalf("Parse(long) = %v, want *Error", err)
	}
	if len(pe.Text) > maxQuoted+len("...") {
		t.Errorf("error quotes %d bytes, want at most %d", len(pe.Text), maxQuoted+3)
	}
}

func TestParseRange(t *testing.T) {
	d := scoring.MustDate
	tests := []struct {
		in       string
		from, to Value
		ok       bool
		why      string
	}{
		{"Jan 2019 – Present", Value{Date: d("2019-01")}, Value{Ongoing: true}, true, "en dash and an ongoing end"},
		{"2019-2022", Value{Date: d("2019")}, Value{Date: d("2022")}, true, "years around a bare hyphen"},
		{"03/2018 - 05/2020", Value{Date: d("2018-03")}, Value{Date: d("2020-05")}, true, "numeric months around a spaced hyphen"},
		{"2015 to 2017", Value{Date: d("2015")}, Value{Date: d("2017")}, true, "'to'"},
		{"2019-05 — 2020-06-30", Value{Date: d("2019-05")}, Value{Date: d("2020-06-30")}, true, "ISO dates of different precision around an em dash"},
		{"June 2016 until now", Value{Date: d("2016-06")}, Value{Ongoing: true}, true, "'until' and 'now'"},
		{"2021-03-14", Value{}, Value{}, false, "one ISO date is not a range"},
		{"2022-2019", Value{}, Value{}, false, "ends before it starts"},
		{"Present - 2019", Value{}, Value{}, false, "a range cannot start ongoing"},
		{"Java - Spring", Value{}, Value{}, false, "words that are not dates"},
	}
	for _, tt := range tests {
		from, to, err := ParseRange(tt.in)
		if (err == nil) != tt.ok {
			t.Errorf("ParseRange(%q) error = %v, want ok=%v (%s)", tt.in, err, tt.ok, tt.why)
			continue
		}
		if !tt.ok {
			if !errors.Is(err, ErrUnreadable) {
				t.Errorf("ParseRange(%q) = %v, want ErrUnreadable (%s)", tt.in, err, tt.why)
			}
			continue
		}
		if diff := cmp.Diff([2]Value{tt.from, tt.to}, [2]Value{from, to}); diff != "" {
			t.Errorf("ParseRange(%q) (-want +got):\n%s(%s)", tt.in, diff, tt.why)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"2026-02", "Feb. 2026", "03/04/2026", "Present", "2010-2014", "14th of Feb 2026", "2026-02-14T09:30:00Z", "févr. 2021", "20260214"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := Parse(s)
		if err != nil {
			var pe *Error
			if !errors.As(err, &pe) {
				t.Fatalf("Parse(%q) error %v is not an *Error", s, err)
			}
			if !v.IsZero() {
				t.Fatalf("Parse(%q) returned %v with error %v", s, v, err)
			}
			return
		}
		if v.Ongoing && !v.Date.IsZero() {
			t.Fatalf("Parse(%q) = %+v: ongoing with a date", s, v)
		}
		if !v.Date.IsZero() {
			// Every date read is one the native formats accept, in the
			// same precision.
			back, err := scoring.ParseDate(v.Date.String())
			if err != nil || back != v.Date {
				t.Fatalf("Parse(%q) = %v, which does not round-trip: %v, %v", s, v.Date, back, err)
			}
		}
		if from, to, err := ParseRange(s); err == nil {
			if from.Ongoing || from.IsZero() || to.IsZero() {
				t.Fatalf("ParseRange(%q) = %v, %v", s, from, to)
			}
		}
	})
}
