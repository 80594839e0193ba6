package jobtext

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
)

var numberWords = map[string]float64{"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
	"eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20}

// maxYears is the most years a posting plausibly asks for; larger
// numbers are dates or company history.
const maxYears = 40

// experienceReach is how many words after "years" may come before
// "experience" for a plain "N years" to count ("5 years of hands-on Java
// experience").
const experienceReach = 5

type yearsHit struct {
	n        float64
	from, to int // word span
}

// findYears returns the years of experience a sentence states: "5+
// years", "at least five years", "minimum of 3 years", "more than 4
// years", "3-5 years" and "3 to 5 years" (3), and a plain "5 years" when
// experience follows ("5 years' Java experience"); "founded 20 years
// ago" is no experience.
func findYears(s sentence) []yearsHit {
	ws := s.words
	var out []yearsHit
	for k := 1; k < len(ws); k++ {
		if !yearWords[ws[k].norm] {
			continue
		}
		n, ok := yearsNumber(ws[k-1].norm)
		if !ok {
			continue
		}
		from := k - 1
		// "3-5 years", "3 to 5 years": the bottom of the range counts.
		if from >= 1 {
			if lo, ok := yearsNumber(ws[from-1].norm); ok && isRangeDash(s.text[ws[from-1].end:ws[from].start]) {
				n, from = lo, from-1
			} else if from >= 2 && ws[from-1].norm == "to" {
				if lo, ok := yearsNumber(ws[from-2].norm); ok {
					n, from = lo, from-2
				}
			}
		}
		lead := yearsLead(s.norms[:from])
		from -= lead
		if lead == 0 && !ws[k-1].plus && from == k-1 && !experienceAfter(s.norms, k) {
			continue
		}
		if n > 0 && n <= maxYears {
			out = append(out, yearsHit{n: n, from: from, to: k + 1})
		}
	}
	return out
}

func yearsNumber(w string) (float64, bool) {
	if n, ok := numberWords[w]; ok {
		return n, true
	}
	if len(w) > 4 || !isVersion(w) || strings.Count(w, ".") > 1 {
		return 0, false
	}
	f, err := strconv.ParseFloat(w, 64)
	return f, err == nil
}

func isRangeDash(gap string) bool {
	g := strings.TrimSpace(gap)
	return g == "-" || g == "–" || g == "—"
}

// yearsLeads are the words before a number that make it a minimum.
var yearsLeads = [][]string{{"at", "least"}, {"minimum", "of"}, {"minimum"}, {"min"}, {"over"}, {"more", "than"}}

// yearsLead returns how many of the last words of before are a lead
// ("at least", "minimum of"), 0 when none.
func yearsLead(before []string) int {
	for _, l := range yearsLeads {
		if len(before) >= len(l) && slices.Equal(before[len(before)-len(l):], l) {
			return len(l)
		}
	}
	return 0
}

func experienceAfter(norms []string, k int) bool {
	for j := k + 1; j < len(norms) && j <= k+experienceReach; j++ {
		if norms[j] == "experience" {
			return true
		}
	}
	return false
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
