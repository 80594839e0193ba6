package peopledate

import (
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/certmatch/certmatch/scoring"
)

// Value is a date as read: a calendar date with the precision it was
// written with, or a period that has not ended. The zero Value is no date.
type Value struct {
	Date    scoring.Date // zero when Ongoing or when no date was written
	Ongoing bool         // "Present", "current", "now"...
}

// IsZero reports whether v is no date at all.
func (v Value) IsZero() bool { return !v.Ongoing && v.Date.IsZero() }

// String is "present" for an ongoing period, else the ISO date in its
// precision ("" for no date).
func (v Value) String() string {
	if v.Ongoing {
		return "present"
	}
	return v.Date.String()
}

// The conditions Parse reports, wrapped in an *Error.
var (
	// ErrUnreadable is a text that is not a date in any form Parse reads.
	ErrUnreadable = errors.New("not a date (want a form such as 2026-02, Feb 2026, 02/2026 or Present)")
	// ErrAmbiguous is a numeric date whose day and month could be either
	// way round ("03/04/2026"); it is not guessed.
	ErrAmbiguous = errors.New("day and month could be either way round; write the month as a word or use YYYY-MM-DD")
	// ErrRange is two dates written where one was wanted ("2010-2014").
	ErrRange = errors.New("two dates (a range) where one was wanted")
)

// Error is a date that could not be read.
type Error struct {
	Text string // the text, cut to maxQuoted bytes
	Err  error  // ErrUnreadable, ErrAmbiguous or ErrRange, possibly wrapped
}

// maxQuoted is how much of an unreadable text an error repeats.
const maxQuoted = 40

func (e *Error) Error() string { return fmt.Sprintf("date %q: %v", e.Text, e.Err) }

// Unwrap returns the condition.
func (e *Error) Unwrap() error { return e.Err }

func fail(s string, err error) error {
	if len(s) > maxQuoted {
		cut := maxQuoted
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut] + "..."
	}
	return &Error{Text: s, Err: err}
}

// maxInput bounds the text Parse looks at; nobody writes a date longer.
const maxInput = 64

// Parse reads one date written by a person (see the package doc for the
// forms). The empty string is the zero Value and no error.
func Parse(s string) (Value, error) {
	v, err := parseOne(s)
	if err == nil || !errors.Is(err, ErrUnreadable) {
		return v, err
	}
	if _, _, rerr := ParseRange(s); rerr == nil {
		return Value{}, fail(strings.TrimSpace(s), ErrRange)
	}
	return v, err
}

// parseOne is Parse without the check for a range.
func parseOne(s string) (Value, error) {
	t := strings.TrimSpace(s)
	if t == "" {
		return Value{}, nil
	}
	if len(t) > maxInput {
		return Value{}, fail(t, ErrUnreadable)
	}
	if y, m, d, ok := plainISO(t); ok {
		return dateOf(t, y, m, d)
	}
	if ongoingWords[plainWords(t)] {
		return Value{Ongoing: true}, nil
	}
	if d, ok := isoPrefix(t); ok {
		return dateOf(t, d.y, d.m, d.d)
	}
	toks, ok := tokenize(t)
	if !ok {
		return Value{}, fail(t, ErrUnreadable)
	}
	var nums []token
	month := 0
	for _, tk := range toks {
		switch {
		case tk.num:
			nums = append(nums, tk)
		case fillerWords[tk.text]:
		case month == 0 && monthOf(tk.text) > 0:
			month = monthOf(tk.text)
		default:
			return Value{}, fail(t, ErrUnreadable)
		}
	}
	if month > 0 {
		return withMonthWord(t, month, nums)
	}
	return numeric(t, nums)
}

// withMonthWord reads a date whose month is a word: a year, and perhaps a
// day, in either order.
func withMonthWord(t string, month int, nums []token) (Value, error) {
	switch len(nums) {
	case 1:
		if nums[0].digits == 4 && !nums[0].ordinal {
			return dateOf(t, nums[0].val, month, 0)
		}
	case 2:
		y, d := nums[0], nums[1]
		if d.digits == 4 {
			y, d = d, y
		}
		if y.digits == 4 && !y.ordinal && d.digits <= 2 && d.val >= 1 {
			return dateOf(t, y.val, month, d.val)
		}
	}
	return Value{}, fail(t, ErrUnreadable)
}

// numeric reads a date written in numbers only.
func numeric(t string, nums []token) (Value, error) {
	for _, n := range nums {
		if n.ordinal {
			return Value{}, fail(t, ErrUnreadable)
		}
	}
	switch len(nums) {
	case 1:
		switch n := nums[0]; n.digits {
		case 4:
			return dateOf(t, n.val, 0, 0)
		case 8: // 20260214
			return dateOf(t, n.val/10000, n.val/100%100, n.val%100)
		}
	case 2:
		a, b := nums[0], nums[1]
		switch {
		case a.digits == 4 && b.digits == 4:
			return Value{}, fail(t, ErrRange)
		case a.digits == 4 && b.digits <= 2:
			return dateOf(t, a.val, b.val, 0)
		case b.digits == 4 && a.digits <= 2:
			return dateOf(t, b.val, a.val, 0)
		}
	case 3:
		a, b, c := nums[0], nums[1], nums[2]
		switch {
		case a.digits == 4 && b.digits <= 2 && c.digits <= 2:
			return dateOf(t, a.val, b.val, c.val)
		case c.digits == 4 && a.digits <= 2 && b.digits <= 2:
			return dayMonth(t, a.val, b.val, c.val)
		}
	}
	return Value{}, fail(t, ErrUnreadable)
}

// dayMonth reads "a/b/year" where a and b are a day and a month in an
// order that only their values can tell.
func dayMonth(t string, a, b, year int) (Value, error) {
	switch {
	case a == b, a > 12 && b <= 12:
		return dateOf(t, year, b, a)
	case b > 12 && a <= 12:
		return dateOf(t, year, a, b)
	case a <= 12 && b <= 12:
		return Value{}, fail(t, ErrAmbiguous)
	}
	return Value{}, fail(t, ErrUnreadable)
}

// dateOf checks a date as scoring.ParseDate does (a year of four digits,
// a month 1 to 12, a day that exists), so that every Date Parse returns is
// one the native formats accept.
func dateOf(t string, y, m, d int) (Value, error) {
	switch {
	case y < 1000 || y > 9999 || m < 0 || m > 12 || d < 0 || m == 0 && d > 0:
		return Value{}, fail(t, ErrUnreadable)
	case d > 0 && d > daysIn(y, m):
		return Value{}, fail(t, fmt.Errorf("%w: no such day", ErrUnreadable))
	}
	return Value{Date: scoring.Date{Year: y, Month: m, Day: d}}, nil
}

// daysIn is the number of days of month m of year y.
func daysIn(y, m int) int { return time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day() }

// plainISO reads "YYYY", "YYYY-MM" and "YYYY-MM-DD", the forms most dates
// come in, without tokenizing; ok is false for any other text.
func plainISO(t string) (y, m, d int, ok bool) {
	digits := func(s string) bool {
		for i := 0; i < len(s); i++ {
			if s[i] < '0' || s[i] > '9' {
				return false
			}
		}
		return true
	}
	switch {
	case len(t) == 4 && digits(t):
		return atoi(t), 0, 0, true
	case len(t) == 7 && t[4] == '-' && digits(t[:4]) && digits(t[5:]):
		return atoi(t[:4]), atoi(t[5:]), 0, true
	case len(t) == 10 && t[4] == '-' && t[7] == '-' && digits(t[:4]) && digits(t[5:7]) && digits(t[8:]):
		return atoi(t[:4]), atoi(t[5:7]), atoi(t[8:]), true
	}
	return 0, 0, 0, false
}

type ymd struct{ y, m, d int }

// isoPrefix reads "YYYY-MM-DD" followed by a time ("T09:30:00Z", " 09:30").
func isoPrefix(t string) (ymd, bool) {
	if len(t) <= 10 || (t[10] != 'T' && t[10] != 't' && t[10] != ' ') {
		return ymd{}, false
	}
	var out ymd
	for i, c := range []byte(t[:10]) {
		switch {
		case i == 4 || i == 7:
			if c != '-' {
				return ymd{}, false
			}
		case c < '0' || c > '9':
			return ymd{}, false
		}
	}
	out.y = atoi(t[0:4])
	out.m = atoi(t[5:7])
	out.d = atoi(t[8:10])
	rest := strings.TrimSpace(t[11:])
	if rest == "" || rest[0] < '0' || rest[0] > '9' {
		return ymd{}, false
	}
	return out, true
}

func atoi(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}

// token is a run of digits or of letters.
type token struct {
	num     bool
	text    string // lower case
	val     int    // the number, when num
	digits  int    // how many digits, when num
	ordinal bool   // a number written "14th", "1st", "1er"
}

// tokenize splits t into numbers and words; anything else separates them.
// It fails on a number too long to be part of a date.
func tokenize(t string) ([]token, bool) {
	var out []token
	t = strings.ToLower(t)
	for i := 0; i < len(t); {
		r, size := utf8.DecodeRuneInString(t[i:])
		switch {
		case r >= '0' && r <= '9':
			j := i
			for j < len(t) && t[j] >= '0' && t[j] <= '9' {
				j++
			}
			if j-i > 8 {
				return nil, false
			}
			out = append(out, token{num: true, text: t[i:j], val: atoi(t[i:j]), digits: j - i})
			i = j
		case unicode.IsLetter(r) || r == '\'' || r == '’':
			j := i
			for j < len(t) {
				r2, s2 := utf8.DecodeRuneInString(t[j:])
				if !unicode.IsLetter(r2) && r2 != '\'' && r2 != '’' {
					break
				}
				j += s2
			}
			w := t[i:j]
			if n := len(out); n > 0 && out[n-1].num && ordinalSuffix[w] && i > 0 && t[i-1] >= '0' && t[i-1] <= '9' {
				out[n-1].ordinal = true
			} else {
				out = append(out, token{text: w})
			}
			i = j
		default:
			i += size
		}
	}
	return out, true
}

var ordinalSuffix = map[string]bool{"st": true, "nd": true, "rd": true, "th": true, "er": true, "o": true, "º": true}

// fillerWords may stand between the parts of a date: "enero de 2020",
// "1st of March 2021".
var fillerWords = map[string]bool{"de": true, "del": true, "of": true, "the": true}

// plainWords lower-cases t, turns punctuation into single spaces and trims
// it, for matching whole phrases.
func plainWords(t string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.ToLower(t) {
		if unicode.IsLetter(r) || r == '\'' {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
			continue
		}
		if r == '’' {
			b.WriteByte('\'')
			continue
		}
		space = true
	}
	return b.String()
}

// ongoingWords are the phrases (after plainWords) for a period that has
// not ended.
var ongoingWords = map[string]bool{
	"present": true, "presently": true, "current": true, "currently": true, "now": true,
	"today": true, "ongoing": true, "to date": true, "till date": true, "till now": true,
	"until now": true, "to present": true,
	"presente": true, "actualidad": true, "actualmente": true, "actual": true, // Spanish, Portuguese
	"aujourd'hui": true, "en cours": true, // French
	"heute": true, "aktuell": true, "jetzt": true, // German
	"oggi": true, "attuale": true, // Italian
	"atual": true, "atualmente": true, // Portuguese
}

// monthNames lists each month's names in the languages Parse reads.
var monthNames = [12][]string{
	{"january", "enero", "janvier", "januar", "jänner", "gennaio", "janeiro"},
	{"february", "febrero", "février", "fevrier", "februar", "febbraio", "fevereiro"},
	{"march", "marzo", "mars", "märz", "maerz", "marz", "março", "marco"},
	{"april", "abril", "avril", "aprile"},
	{"may", "mayo", "mai", "maggio", "maio"},
	{"june", "junio", "juin", "juni", "giugno", "junho"},
	{"july", "julio", "juillet", "juli", "luglio", "julho"},
	{"august", "agosto", "août", "aout"},
	{"september", "septiembre", "setiembre", "septembre", "settembre", "setembro"},
	{"october", "octubre", "octobre", "oktober", "ottobre", "outubro"},
	{"november", "noviembre", "novembre", "novembro"},
	{"december", "diciembre", "décembre", "decembre", "dezember", "dicembre", "dezembro"},
}

// monthPrefixes maps every name of a month, and every cut of one to three
// or more letters, to its month; a cut shared by two months maps to 0.
var monthPrefixes = func() map[string]int {
	m := map[string]int{}
	for i, names := range monthNames {
		for _, name := range names {
			runes := []rune(name)
			for n := 3; n <= len(runes); n++ {
				p := string(runes[:n])
				if prev, ok := m[p]; ok && prev != i+1 {
					m[p] = 0
					continue
				}
				m[p] = i + 1
			}
		}
	}
	return m
}()

// monthOf returns the month a word names, or 0.
func monthOf(w string) int { return monthPrefixes[w] }

// rangeSeparators split a range, tried in this order.
var rangeSeparators = []string{"–", "—", " - ", " to ", " until ", " till ", " through ", "-", "/"}

// ParseRange reads a period written as one text: "Jan 2019 – Present",
// "2019-2022", "03/2018 - 05/2020", "2015 to 2017". from is never Ongoing;
// to is Ongoing for "Present" and its synonyms. It fails, wrapping
// ErrUnreadable, unless the text is two dates around a separator (a dash,
// "to", "until", "till", "through"), and when to is before from.
func ParseRange(s string) (from, to Value, err error) {
	t := strings.TrimSpace(s)
	if len(t) > 2*maxInput {
		return Value{}, Value{}, fail(t, ErrUnreadable)
	}
	lower := asciiLower(t) // same length as t, so its offsets are t's
	for _, sep := range rangeSeparators {
		for off := 0; ; {
			i := strings.Index(lower[off:], sep)
			if i < 0 {
				break
			}
			i += off
			off = i + len(sep)
			left, right := t[:i], t[i+len(sep):]
			a, errA := parseOne(left)
			if errA != nil || a.IsZero() || a.Ongoing {
				continue
			}
			b, errB := parseOne(right)
			if errB != nil || b.IsZero() {
				continue
			}
			if !b.Ongoing && b.Date.Last().Before(a.Date.First()) {
				return Value{}, Value{}, fail(t, fmt.Errorf("%w: ends before it starts", ErrUnreadable))
			}
			return a, b, nil
		}
	}
	return Value{}, Value{}, fail(t, fmt.Errorf("%w: not two dates around a dash or \"to\"", ErrUnreadable))
}

// asciiLower lower-cases the ASCII letters of s only, keeping every byte
// offset.
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
