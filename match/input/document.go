package input

import (
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/certmatch/certmatch/internal/peopledate"
	"github.com/certmatch/certmatch/scoring"
)

// docSection is the kind of a resume section, told by its heading.
type docSection int

const (
	secTop        docSection = iota // before the first heading: the contact block
	secSummary                      // summary, profile, about
	secExperience                   // experience, employment, work history
	secSkills                       // skills, technologies
	secCerts                        // certifications, licenses
	secEducation                    // education
	secProjects                     // projects
	secOther                        // any other heading
)

// docHeadings maps a heading, lower case without a trailing colon, to its
// section.
var docHeadings = func() map[string]docSection {
	m := map[string]docSection{}
	for sec, hs := range map[docSection]string{
		secSummary:    "summary|profile|professional summary|about|about me|career summary|objective|professional profile",
		secExperience: "experience|work experience|professional experience|employment|employment history|work history|career history|career",
		secSkills:     "skills|technical skills|core skills|key skills|skills and tools|skills & tools|technologies|tech stack|competencies|core competencies|expertise|tools",
		secCerts:      "certifications|certification|certificates|licenses and certifications|licenses & certifications|licences and certifications|credentials|accreditations",
		secEducation:  "education|education and training|academic background|training|courses",
		secProjects:   "projects|personal projects|selected projects|open source",
		secOther:      "languages|interests|hobbies|references|awards|publications|contact|volunteering|volunteer experience|achievements",
	} {
		for h := range strings.SplitSeq(hs, "|") {
			m[h] = sec
		}
	}
	return m
}()

// docLine is a line of resume text with its section.
type docLine struct {
	n       int // 1-based line number in the text
	text    string
	section docSection
	heading bool
	// under is the line that opens the entry it belongs to in an
	// experience or projects section (the position line), "" otherwise.
	under string
}

// docLines splits text into lines and tells each one's section. A
// heading is a line that is a known heading, alone or before a colon
// ("Skills: Java, Kafka" is a skills line with its heading inline).
func docLines(text string) []docLine {
	var out []docLine
	sec := secTop
	entry := ""
	for i, raw := range strings.Split(text, "\n") {
		t := strings.TrimSpace(raw)
		if t == "" {
			entry = ""
			continue
		}
		key := strings.ToLower(strings.TrimRight(t, ": "))
		if s, ok := docHeadings[key]; ok {
			sec, entry = s, ""
			out = append(out, docLine{n: i + 1, text: t, section: s, heading: true})
			continue
		}
		if head, rest, ok := strings.Cut(t, ":"); ok {
			if s, ok := docHeadings[strings.ToLower(strings.TrimSpace(head))]; ok && strings.TrimSpace(rest) != "" {
				out = append(out, docLine{n: i + 1, text: strings.TrimSpace(rest), section: s})
				continue
			}
		}
		l := docLine{n: i + 1, text: t, section: sec}
		if sec == secExperience || sec == secProjects {
			if entry == "" || docRangeRE.MatchString(t) {
				entry = t
			}
			l.under = entry
		}
		out = append(out, l)
	}
	return out
}

// A date as written in a range: "Mar 2019", "03/2019", "2019-03", "2019".
// The word before a year may be a month or not ("Acme, 2019"): matches are
// read by docRange and docDate, which drop leading words that are not.
const docDatePattern = `(?:(?:[A-Za-zÀ-ÿ]{3,9}\.?,?\s+)?\d{1,2}[/.]\d{4}|(?:[A-Za-zÀ-ÿ]{3,9}\.?,?\s+)?(?:19|20)\d{2}(?:-\d{2}){0,2})`

var (
	// docRangeRE finds a period: two dates, or a date and "present",
	// around a dash or "to".
	docRangeRE = regexp.MustCompile(`(?i)` + docDatePattern + `\s*(?:–|—|-|to|until|till)\s*(?:` + docDatePattern + `|present|current|now|today|ongoing|to date)`)
	// docDateRE finds one date.
	docDateRE = regexp.MustCompile(`(?i)` + docDatePattern)
	// docStatedYearsRE finds "8 years of experience", "8+ years".
	docStatedYearsRE = regexp.MustCompile(`(?i)\b(\d{1,2}(?:\.\d)?)\+?\s*(?:years|yrs)\b(?:\s+of)?(?:\s+(?:professional|industry|hands-on|work))?\s*(?:experience)?`)
	docEmailRE       = regexp.MustCompile(`[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}`)
	// docPlaceRE is a "City, Region" line of the contact block.
	docPlaceRE = regexp.MustCompile(`^\p{Lu}[\p{L} .'-]{1,40}, \p{Lu}[\p{L} .'-]{1,40}$`)
	// docCertCueRE marks a line outside the certifications section that
	// may name a credential.
	docCertCueRE = regexp.MustCompile(`(?i)\b(?:certified|certification|certificate|certifications|exam|1z0|scjp|scja|scwcd|ocajp|ocpjp|ocewcd|hdpcd|cca ?175)`)
)

// docPeriods returns the work periods written in lines: ranges on the
// lines of the experience section, or, when the text has no experience
// heading, on every line outside education and certifications.
func docPeriods(lines []docLine) []period {
	hasExperience := false
	for _, l := range lines {
		hasExperience = hasExperience || l.heading && l.section == secExperience
	}
	var out []period
	for _, l := range lines {
		switch {
		case hasExperience && l.section != secExperience:
			continue
		case l.section == secEducation || l.section == secCerts:
			continue
		}
		for _, m := range docRangeRE.FindAllString(l.text, -1) {
			if from, to, _, ok := docRange(m); ok {
				out = append(out, period{start: from, end: to})
			}
		}
	}
	return out
}

// docStatedYears returns the largest "N years of experience" in lines, or
// 0.
func docStatedYears(lines []docLine) float64 {
	best := 0.0
	for _, l := range lines {
		for _, m := range docStatedYearsRE.FindAllStringSubmatch(l.text, -1) {
			if !strings.Contains(strings.ToLower(m[0]), "experience") && l.section != secSummary && l.section != secTop {
				continue
			}
			if y, err := strconv.ParseFloat(m[1], 64); err == nil && y <= 60 && y > best {
				best = y
			}
		}
	}
	return best
}

// docDates reads the dates written on a certification's line: a range is
// issued and expires, a single date is issued.
func docDates(text string) (issued, expires scoring.Date) {
	if m := docRangeRE.FindString(text); m != "" {
		if from, to, _, ok := docRange(m); ok {
			return from.Date, to.Date
		}
	}
	for _, m := range docDateRE.FindAllString(text, -1) {
		if v, _, ok := docDate(m); ok && !v.Date.IsZero() {
			return v.Date, scoring.Date{}
		}
	}
	return scoring.Date{}, scoring.Date{}
}

// docRange reads a range docRangeRE matched, dropping up to two leading
// words that are not part of it ("Acme, 2019 - 2021"); read is the text
// it read.
func docRange(m string) (from, to peopledate.Value, read string, ok bool) {
	for range 3 {
		if from, to, err := peopledate.ParseRange(m); err == nil {
			return from, to, m, true
		}
		if m, ok = dropWord(m); !ok {
			break
		}
	}
	return peopledate.Value{}, peopledate.Value{}, "", false
}

// docDate reads a date docDateRE matched, as docRange does.
func docDate(m string) (v peopledate.Value, read string, ok bool) {
	for range 2 {
		if v, err := peopledate.Parse(m); err == nil {
			return v, m, true
		}
		if m, ok = dropWord(m); !ok {
			break
		}
	}
	return peopledate.Value{}, "", false
}

// dropWord removes s's first word and the separators after it.
func dropWord(s string) (string, bool) {
	i := strings.IndexAny(s, " ,\t")
	if i < 0 {
		return s, false
	}
	return strings.TrimLeft(s[i:], " ,\t"), true
}

// docCertName is a certification line without its dates and bullets:
// "Spring Professional (May 2022)" is "Spring Professional", so that a
// year is not read as the version.
func docCertName(line string) string {
	name := strings.TrimLeft(line, "-*•· ")
	if m := docRangeRE.FindString(name); m != "" {
		if _, _, read, ok := docRange(m); ok {
			name = strings.Replace(name, read, "", 1)
		}
	}
	for _, m := range docDateRE.FindAllString(name, -1) {
		if v, read, ok := docDate(m); ok && !v.Date.IsZero() {
			name = strings.Replace(name, read, "", 1)
		}
	}
	name = strings.NewReplacer("()", "", "( )", "", "[]", "").Replace(name)
	return strings.TrimSpace(strings.TrimRight(strings.TrimSpace(name), ",;:-–—|"))
}

// docCertLines returns the lines that may name a credential: every line
// of the certifications section, and lines elsewhere with a credential
// cue.
func docCertLines(lines []docLine) []docLine {
	var out []docLine
	for _, l := range lines {
		if l.heading {
			continue
		}
		if l.section == secCerts || docCertCueRE.MatchString(l.text) {
			out = append(out, l)
		}
	}
	return out
}

// docSkillLists returns the skills listed in the skills section: each
// line (after a "Languages:"-style label) split into skills.
func docSkillLists(lines []docLine) []string {
	var out []string
	for _, l := range lines {
		if l.section != secSkills || l.heading {
			continue
		}
		t := l.text
		if _, rest, ok := strings.Cut(t, ":"); ok && strings.TrimSpace(rest) != "" {
			t = rest
		}
		t = strings.TrimLeft(t, "-*•· ")
		for _, s := range scoring.SplitSkill(t) {
			if len(strings.Fields(s)) <= maxListedSkillWords {
				out = append(out, s)
			}
		}
	}
	return out
}

// maxListedSkillWords is the most words a skill in a skills list has;
// longer entries are prose ("strong communication with stakeholders").
const maxListedSkillWords = 4

// docContact reads the contact block (the lines before the first
// heading): the name (the first line, when it is two to four capitalised
// words), the e-mail address and the location ("City, Region", or a
// "Location:" line). Contact lines are split at " · ", " | " and " • ".
// An e-mail address outside the block is taken when the block has none.
func docContact(lines []docLine) (name, email, location string) {
	for i, l := range lines {
		if l.section != secTop {
			break
		}
		for part := range strings.SplitSeq(strings.NewReplacer(" · ", "\n", " | ", "\n", " • ", "\n").Replace(l.text), "\n") {
			part = strings.TrimSpace(part)
			low := strings.ToLower(part)
			switch {
			case email == "" && docEmailRE.MatchString(part):
				email = docEmailRE.FindString(part)
			case location == "" && strings.HasPrefix(low, "location:"):
				location = strings.TrimSpace(part[len("location:"):])
			case location == "" && strings.HasPrefix(low, "based in "):
				location = strings.TrimSpace(part[len("based in "):])
			case location == "" && docPlaceRE.MatchString(part):
				location = part
			case i == 0 && name == "" && looksLikeName(part):
				name = part
			}
		}
	}
	if email == "" {
		for _, l := range lines {
			if m := docEmailRE.FindString(l.text); m != "" {
				email = m
				break
			}
		}
	}
	return name, email, location
}

// looksLikeName reports whether s is two to four capitalised words of
// letters.
func looksLikeName(s string) bool {
	ws := strings.Fields(s)
	if len(ws) < 2 || len(ws) > 4 {
		return false
	}
	for _, w := range ws {
		r := []rune(w)
		if !unicode.IsUpper(r[0]) {
			return false
		}
		for _, c := range r {
			if !unicode.IsLetter(c) && c != '-' && c != '\'' && c != '.' {
				return false
			}
		}
	}
	return true
}

// docSummary is the summary section's text, lines joined by spaces.
func docSummary(lines []docLine) string {
	var parts []string
	for _, l := range lines {
		if l.section == secSummary && !l.heading {
			parts = append(parts, l.text)
		}
	}
	return strings.Join(parts, " ")
}

// period is a span of work, as written.
type period struct {
	start, end peopledate.Value // end is zero or Ongoing for "until now"
}

// periodYears is the length of the union of periods in years, rounded to
// 0.1: a period runs from the first day of its start ("2019" is 1 January
// 2019) to the last day of its end ("2020" is 31 December 2020), or to
// now when it is ongoing or has no end; periods without a start, days
// after now and overlaps are not counted.
func periodYears(ps []period, now time.Time) float64 {
	type span struct{ from, to time.Time }
	spans := make([]span, 0, len(ps))
	for _, p := range ps {
		if p.start.Date.IsZero() {
			continue
		}
		from, to := p.start.Date.First(), now
		if !p.end.Date.IsZero() {
			to = p.end.Date.Last().AddDate(0, 0, 1) // through the last day
		}
		if to.After(now) {
			to = now
		}
		if to.After(from) {
			spans = append(spans, span{from, to})
		}
	}
	slices.SortFunc(spans, func(a, b span) int { return a.from.Compare(b.from) })
	var total time.Duration
	var cur span
	for i, s := range spans {
		switch {
		case i == 0:
			cur = s
		case !s.from.After(cur.to):
			if s.to.After(cur.to) {
				cur.to = s.to
			}
		default:
			total += cur.to.Sub(cur.from)
			cur = s
		}
	}
	if len(spans) > 0 {
		total += cur.to.Sub(cur.from)
	}
	years := total.Hours() / 24 / 365.25
	return math.Round(years*10) / 10
}

// proseFinder finds credentials and skills named in prose.
type proseFinder interface {
	// certs returns the credentials text names, as catalog ids and
	// versions.
	certs(text string) []foundCert
	// skills returns the skills text names, as written.
	skills(text string) []string
}

// foundCert is a credential found in text.
type foundCert struct{ id, version string }

// docResult is a candidate read from resume text, without an id.
type docResult struct {
	cand scoring.Candidate
	// inferred names the candidate fields read from the text, in the
	// order of the native format.
	inferred []string
	// sources says, for skills found in prose rather than listed, where
	// each was found.
	sources []skillSource
}

// skillSource is a skill found in prose and where.
type skillSource struct{ skill, source string }

// documentCandidate reads a candidate from the text of a resume document
// (see the package doc for the rules).
func documentCandidate(text string, find proseFinder, now time.Time) docResult {
	lines := docLines(text)
	var r docResult
	c := &r.cand
	c.Name, c.Email, c.Location = docContact(lines)
	c.Summary = docSummary(lines)

	skills := newSkillSet(c)
	for _, s := range docSkillLists(lines) {
		skills.add(s)
	}
	for _, l := range lines {
		if l.heading || l.section == secSkills || l.section == secCerts || l.section == secEducation {
			continue
		}
		skills.prose(find, l.text, docSkillSource(l))
	}
	r.sources = skills.sources

	certSeen := map[foundCert]bool{}
	for _, l := range docCertLines(lines) {
		name := docCertName(l.text)
		if name == "" {
			continue
		}
		issued, expires := docDates(l.text)
		if !expires.IsZero() && !issued.IsZero() && expires.Last().Before(issued.First()) {
			expires = scoring.Date{}
		}
		found := find.certs(name)
		if len(found) == 0 && l.section == secCerts {
			// Kept as written, to be reported as not recognised.
			c.Certifications = append(c.Certifications, scoring.Credential{Name: name, Date: issued, Expires: expires})
			continue
		}
		for _, fc := range found {
			if certSeen[fc] {
				continue
			}
			certSeen[fc] = true
			c.Certifications = append(c.Certifications, scoring.Credential{Name: name, ID: fc.id, Version: fc.version, Date: issued, Expires: expires})
		}
	}

	if ps := docPeriods(lines); len(ps) > 0 {
		c.YearsExperience = periodYears(ps, now)
	} else {
		c.YearsExperience = docStatedYears(lines)
	}

	for _, f := range []struct {
		name string
		set  bool
	}{
		{"name", c.Name != ""}, {"email", c.Email != ""}, {"location", c.Location != ""},
		{"years_experience", c.YearsExperience > 0}, {"summary", c.Summary != ""},
		{"skills", len(c.Skills) > 0}, {"certifications", len(c.Certifications) > 0},
	} {
		if f.set {
			r.inferred = append(r.inferred, f.name)
		}
	}
	return r
}

// docSkillSource says where in a resume a skill was found in prose: "work
// highlight at <the entry's first line>", "summary", "resume text".
func docSkillSource(l docLine) source {
	switch {
	case l.section == secExperience && l.under != "" && l.under != l.text:
		return source{what: "work highlight at", entry: l.under}
	case l.section == secExperience:
		return source{what: "work entry", entry: l.text}
	case l.section == secProjects && l.under != "":
		return source{what: "project", entry: l.under}
	case l.section == secSummary:
		return at("summary")
	}
	return at("resume text")
}
