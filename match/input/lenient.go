package input

import (
	"encoding/json"
	"fmt"
	"math"
	"net/mail"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/certmatch/certmatch/internal/peopledate"
	"github.com/certmatch/certmatch/internal/strictjson"
	"github.com/certmatch/certmatch/scoring"
)

// lenientReader reads the fields of a JSON document decoded into generic
// values, noting every field of the wrong type or form instead of
// failing: the caller keeps the record and reports the notes.
type lenientReader struct {
	notes []fieldNote
}

func (lr *lenientReader) note(path, format string, args ...any) {
	lr.notes = append(lr.notes, fieldNote{field: path, err: fmt.Errorf(format, args...)})
}

func joinJSONPath(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// obj returns m[k] when it is an object; absent is nil without a note.
func (lr *lenientReader) obj(m map[string]any, path, k string) map[string]any {
	v, ok := m[k]
	if !ok {
		return nil
	}
	o, ok := v.(map[string]any)
	if !ok {
		lr.note(joinJSONPath(path, k), "want an object, got %s", strictjson.KindOfValue(v))
	}
	return o
}

// arr returns m[k] when it is an array; absent is nil without a note.
func (lr *lenientReader) arr(m map[string]any, path, k string) []any {
	v, ok := m[k]
	if !ok {
		return nil
	}
	a, ok := v.([]any)
	if !ok {
		lr.note(joinJSONPath(path, k), "want an array, got %s", strictjson.KindOfValue(v))
	}
	return a
}

// objects returns the elements of m[k] that are objects, with their
// paths, noting the others.
func (lr *lenientReader) objects(m map[string]any, path, k string) (items []map[string]any, paths []string) {
	for i, it := range lr.arr(m, path, k) {
		p := joinJSONPath(path, k) + "[" + strconv.Itoa(i) + "]"
		o, ok := it.(map[string]any)
		if !ok {
			lr.note(p, "want an object, got %s", strictjson.KindOfValue(it))
			continue
		}
		items, paths = append(items, o), append(paths, p)
	}
	return items, paths
}

// str returns m[k] trimmed when it is a string; absent is "" without a
// note, any other kind (null included) "" with one.
func (lr *lenientReader) str(m map[string]any, path, k string) string {
	v, ok := m[k]
	if !ok {
		return ""
	}
	s, ok := v.(string)
	if !ok {
		lr.note(joinJSONPath(path, k), "want a string, got %s", strictjson.KindOfValue(v))
	}
	return strings.TrimSpace(s)
}

// strs returns the string elements of the array m[k], noting the others.
func (lr *lenientReader) strs(m map[string]any, path, k string) []string {
	var out []string
	for i, it := range lr.arr(m, path, k) {
		s, ok := it.(string)
		if !ok {
			lr.note(fmt.Sprintf("%s[%d]", joinJSONPath(path, k), i), "want a string, got %s", strictjson.KindOfValue(it))
			continue
		}
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// date reads m[k] with peopledate. null is an ongoing date when
// nullOngoing (an end date) and noted otherwise; an unreadable date is
// noted and is no date.
func (lr *lenientReader) date(m map[string]any, path, k string, nullOngoing bool) peopledate.Value {
	v, ok := m[k]
	switch {
	case !ok:
		return peopledate.Value{}
	case v == nil && nullOngoing:
		return peopledate.Value{Ongoing: true}
	}
	s, ok := v.(string)
	if !ok {
		lr.note(joinJSONPath(path, k), "want a date string such as \"2021-03\" or \"Mar 2021\", got %s", strictjson.KindOfValue(v))
		return peopledate.Value{}
	}
	d, err := peopledate.Parse(s)
	if err != nil {
		lr.note(joinJSONPath(path, k), "%w; read as no date", err)
		return peopledate.Value{}
	}
	return d
}

// email reads m[k] as an e-mail address: one that is not an address is
// noted (without its value) and left out.
func (lr *lenientReader) email(m map[string]any, path, k string) string {
	s := lr.str(m, path, k)
	if s == "" {
		return ""
	}
	if a, err := mail.ParseAddress(s); err != nil || a.Address != s {
		lr.note(joinJSONPath(path, k), "want an e-mail address, got a string that is not one; left out")
		return ""
	}
	return s
}

// url reads m[k] as a URL: one that does not parse is noted (without its
// value) and left out.
func (lr *lenientReader) url(m map[string]any, path, k string) string {
	s := lr.str(m, path, k)
	if s == "" {
		return ""
	}
	if _, err := url.Parse(s); err != nil {
		lr.note(joinJSONPath(path, k), "want a URL, got a string that does not parse; left out")
		return ""
	}
	return s
}

// resumeRead is what a JSON Resume says, read leniently.
type resumeRead struct {
	docResult
	location   map[string]any // basics.location, its fields checked
	certPaths  []string       // the JSON path of each of cand.Certifications
	profileURL string         // the LinkedIn profile, else the first profile, else basics.url
	notes      []fieldNote
}

// readResume reads a JSON Resume document leniently (see the package doc
// for the rules): fields of the wrong type or form are notes, and those
// that score count as absent.
func readResume(doc map[string]any, find proseFinder, now time.Time) resumeRead {
	lr := &lenientReader{}
	var r resumeRead
	c := &r.cand

	basics := lr.obj(doc, "", "basics")
	c.Name = lr.str(basics, "basics", "name")
	label := lr.str(basics, "basics", "label")
	summary := lr.str(basics, "basics", "summary")
	c.Email = lr.email(basics, "basics", "email")
	c.Phone = lr.str(basics, "basics", "phone")
	c.Summary = joinNonEmpty(": ", label, summary)
	lr.str(basics, "basics", "image")
	site := lr.url(basics, "basics", "url")
	if loc := lr.obj(basics, "basics", "location"); loc != nil {
		for _, k := range []string{"address", "postalCode", "city", "countryCode", "region"} {
			lr.str(loc, "basics.location", k)
		}
		r.location = loc // PlaceName reads its strings only
	}
	var linkedinURL, firstURL string
	profiles, paths := lr.objects(basics, "basics", "profiles")
	for i, p := range profiles {
		lr.str(p, paths[i], "username")
		network := lr.str(p, paths[i], "network")
		u := lr.url(p, paths[i], "url")
		switch {
		case u == "":
		case linkedinURL == "" && (strings.EqualFold(network, "linkedin") || strings.Contains(strings.ToLower(u), "linkedin.com/")):
			linkedinURL = u
		case firstURL == "":
			firstURL = u
		}
	}
	r.profileURL = linkedinURL
	if r.profileURL == "" {
		r.profileURL = firstURL
	}
	if r.profileURL == "" {
		r.profileURL = site
	}

	skills := newSkillSet(c)
	items, paths := lr.objects(doc, "", "skills")
	for i, sk := range items {
		lr.str(sk, paths[i], "level")
		for _, s := range scoring.SplitSkill(lr.str(sk, paths[i], "name")) {
			skills.add(s)
		}
		for _, kw := range lr.strs(sk, paths[i], "keywords") {
			for _, s := range scoring.SplitSkill(kw) {
				skills.add(s)
			}
		}
	}

	work, paths := lr.objects(doc, "", "work")
	ps := make([]period, 0, len(work))
	for i, w := range work {
		entry := joinNonEmpty(", ", lr.str(w, paths[i], "position"), lr.str(w, paths[i], "name"))
		lr.str(w, paths[i], "location")
		lr.url(w, paths[i], "url")
		start := lr.date(w, paths[i], "startDate", false)
		end := lr.date(w, paths[i], "endDate", true)
		if !start.Date.IsZero() && !end.Date.IsZero() && end.Date.Last().Before(start.Date.First()) {
			lr.note(paths[i]+".endDate", "%s is before the startDate %s; the period is not counted", end, start)
			start, end = peopledate.Value{}, peopledate.Value{}
		}
		ps = append(ps, period{start: start, end: end})
		for _, h := range lr.strs(w, paths[i], "highlights") {
			skills.prose(find, h, workSource("work highlight at", entry, start, end))
		}
		skills.prose(find, lr.str(w, paths[i], "summary"), workSource("work summary at", entry, start, end))
		skills.prose(find, lr.str(w, paths[i], "description"), workSource("work description at", entry, start, end))
	}
	c.YearsExperience = periodYears(ps, now)

	projects, paths := lr.objects(doc, "", "projects")
	for i, p := range projects {
		name := lr.str(p, paths[i], "name")
		start := lr.date(p, paths[i], "startDate", false)
		end := lr.date(p, paths[i], "endDate", true)
		for _, h := range lr.strs(p, paths[i], "highlights") {
			skills.prose(find, h, workSource("project highlight of", name, start, end))
		}
		skills.prose(find, lr.str(p, paths[i], "description"), workSource("project", name, start, end))
		for _, kw := range lr.strs(p, paths[i], "keywords") {
			for _, s := range scoring.SplitSkill(kw) {
				skills.addFrom(s, workSource("project keyword of", name, start, end))
			}
		}
	}
	skills.prose(find, label, at("resume label"))
	skills.prose(find, summary, at("resume summary"))
	r.sources = skills.sources

	certs, paths := lr.objects(doc, "", "certificates")
	if len(certs) > 0 {
		c.Certifications = make([]scoring.Credential, 0, len(certs))
	}
	for i, ce := range certs {
		// Names written over several lines ("Oracle Certified
		// Professional\n\nJava SE 17 Developer") are one name.
		name := strings.Join(strings.Fields(lr.str(ce, paths[i], "name")), " ")
		d := lr.date(ce, paths[i], "date", false)
		issuer := lr.str(ce, paths[i], "issuer")
		u := lr.url(ce, paths[i], "url")
		if name == "" {
			continue
		}
		c.Certifications = append(c.Certifications, scoring.Credential{Name: name, Date: d.Date, Issuer: issuer, URL: u})
		r.certPaths = append(r.certPaths, paths[i])
	}
	if len(c.Certifications) == 0 {
		c.Certifications = nil // none stays nil, as in every other format
	}
	r.notes = lr.notes
	return r
}

// fieldAt returns the value at a dotted path in doc ("meta.id"), as an id:
// a string trimmed, or a whole number as written; ok is false when there
// is none.
func fieldAt(doc map[string]any, path string) (string, bool) {
	var v any = doc
	for key := range strings.SplitSeq(path, ".") {
		m, ok := v.(map[string]any)
		if !ok {
			return "", false
		}
		if v, ok = m[key]; !ok {
			return "", false
		}
	}
	switch x := v.(type) {
	case string:
		x = strings.TrimSpace(x)
		return x, x != ""
	case json.Number:
		if _, err := x.Int64(); err == nil {
			return x.String(), true
		}
	case float64:
		if x == math.Trunc(x) && math.Abs(x) < 1<<53 {
			return strconv.FormatFloat(x, 'f', -1, 64), true
		}
	}
	return "", false
}

// skillSources are the sources of skills found in prose, for the
// candidate.
func (r docResult) skillSources() map[string]string {
	if len(r.sources) == 0 {
		return nil
	}
	out := make(map[string]string, len(r.sources))
	for _, s := range r.sources {
		out[s.skill] = s.source
	}
	return out
}
