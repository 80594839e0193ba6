package jobtext

import (
	"regexp"
	"strconv"
	"strings"
)

// Phrases that state years of experience; the first group is the number.
var yearsREs = func() []*regexp.Regexp {
	num := `(\d{1,2}(?:\.\d)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty)`
	yrs := `(?:years?|yrs?)\b`
	return []*regexp.Regexp{
		regexp.MustCompile(`(?i)\b(?:at\s+least|minimum(?:\s+of)?|min\.?|over|more\s+than)\s+` + num + `\s*\+?\s*` + yrs),
		regexp.MustCompile(`(?i)\b` + num + `\s*\+\s*` + yrs),
		regexp.MustCompile(`(?i)\b` + num + `\s*(?:-|–|to)\s*\d{1,2}\s*\+?\s*` + yrs),
		regexp.MustCompile(`(?i)\b` + num + `\s*` + yrs + `['’]?\s+(?:of\s+)?(?:[\w.#+-]+\s+){0,3}?experience\b`),
	}
}()

// rangeEndRE matches text ending where the top of a range starts: "3-",
// "3 to ".
var rangeEndRE = regexp.MustCompile(`(?i)\d\s*(?:-|–|to)\s*$`)

var numberWords = map[string]float64{"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
	"eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20}

// maxYears is the most years a posting plausibly asks for; larger
// numbers are dates or company history.
const maxYears = 40

// mentionsYears reports whether a sentence has a word for years, before
// the regular expressions are run.
func mentionsYears(s sentence) bool {
	for _, w := range s.words {
		if yearWords[w.norm] {
			return true
		}
	}
	return false
}

type yearsHit struct {
	n        float64
	from, to int // word span
}

// findYears returns the years of experience a sentence states: "5+
// years", "at least five years", "minimum of 3 years", "3-5 years" (3),
// "5 years' Java experience".
func findYears(s sentence) []yearsHit {
	if !mentionsYears(s) {
		return nil
	}
	var out []yearsHit
	seen := map[int]bool{}
	for _, re := range yearsREs {
		for _, m := range re.FindAllStringSubmatchIndex(s.text, -1) {
			if seen[m[2]] || rangeEndRE.MatchString(s.text[:m[2]]) {
				continue // the top of "3-5 years": the range's own match counts
			}
			numText := strings.ToLower(s.text[m[2]:m[3]])
			n, ok := numberWords[numText]
			if !ok {
				f, err := strconv.ParseFloat(numText, 64)
				if err != nil {
					continue
				}
				n = f
			}
			if n <= 0 || n > maxYears {
				continue
			}
			from, to := -1, -1
			for k, w := range s.words {
				if w.end > m[0] && w.start < m[1] {
					if from < 0 {
						from = k
					}
					to = k + 1
				}
			}
			if from < 0 {
				continue
			}
			seen[m[2]] = true
			out = append(out, yearsHit{n: n, from: from, to: to})
		}
	}
	return out
}

var (
	payRE     = regexp.MustCompile(`(?i)(?:\$|€|£|\b(?:usd|eur|gbp|php|inr|cad|aud)\s?)\s?(\d{1,3}(?:[,.]\d{3})+|\d+(?:\.\d+)?)\s?(k\b)?(?:\s*(?:-|–|to)\s*(?:\$|€|£|\b(?:usd|eur|gbp|php)\s?)?\s?(\d{1,3}(?:[,.]\d{3})+|\d+(?:\.\d+)?)\s?(k\b)?)?`)
	payWords  = wordSet(`salary salaries compensation pay paid base package rate wage wages remuneration ctc`)
	notPay    = wordSet(`average median national typical`)
	hourlyRE  = regexp.MustCompile(`(?i)/\s*(?:hr|hour|h)\b|per\s+hour|an\s+hour|hourly|/\s*day|per\s+day|daily`)
	minAnnual = 1000.0
	maxAnnual = 10_000_000.0
)

// payFigure reads a figure as written: a comma separates thousands
// ("120,000"), and so does a dot before three final digits ("80.000");
// thousands multiplies by 1000 ("125k").
func payFigure(num string, thousands bool) (float64, bool) {
	if num == "" {
		return 0, false
	}
	if strings.Contains(num, ",") {
		num = strings.ReplaceAll(num, ",", "")
	} else if i := strings.LastIndexByte(num, '.'); i >= 0 && len(num)-i == 4 {
		num = strings.ReplaceAll(num, ".", "")
	}
	v, err := strconv.ParseFloat(num, 64)
	if err != nil {
		return 0, false
	}
	if thousands {
		v *= 1000
	}
	return v, true
}

// findPay returns the largest annual pay figure a sentence about pay
// states ("base compensation of $125k-$200k", "up to Php 50,000"); an
// average, a median or an hourly rate is not the job's pay.
func findPay(s sentence) (float64, bool) {
	text := s.text
	pay := false
	for _, w := range s.words {
		if notPay[w.norm] {
			return 0, false
		}
		pay = pay || payWords[w.norm]
	}
	if !pay || !strings.ContainsAny(text, "0123456789") || hourlyRE.MatchString(text) {
		return 0, false
	}
	best := 0.0
	for _, m := range payRE.FindAllStringSubmatch(text, -1) {
		for _, g := range [][2]string{{m[1], m[2]}, {m[3], m[4]}} {
			if v, ok := payFigure(g[0], g[1] != ""); ok && v >= minAnnual && v <= maxAnnual && v > best {
				best = v
			}
		}
	}
	return best, best > 0
}
