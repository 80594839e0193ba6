package match

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"net/mail"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/certmatch/certmatch/scoring"
)

// shapeKind is the JSON type a schema property wants.
type shapeKind int

const (
	kindString shapeKind = iota
	kindDate             // the schema's iso8601
	kindEmail            // a string with format "email"
	kindURI              // a string with format "uri"
	kindObject
	kindArray
	kindEnum // a string, one of shape.enum (compared case-insensitively)
)

// shape is the part of a JSON schema certmatch checks: types, nested
// objects and arrays, formats and enums. Properties not listed are allowed.
type shape struct {
	kind   shapeKind
	fields map[string]*shape
	item   *shape
	enum   []string
}

var (
	str      = &shape{kind: kindString}
	date     = &shape{kind: kindDate}
	uri      = &shape{kind: kindURI}
	strArray = &shape{kind: kindArray, item: str}
)

func object(fields map[string]*shape) *shape { return &shape{kind: kindObject, fields: fields} }
func array(item *shape) *shape               { return &shape{kind: kindArray, item: item} }

// resumeShape is schema.json's description of the sections certmatch reads.
var resumeShape = object(map[string]*shape{
	"basics": object(map[string]*shape{
		"name": str, "label": str, "image": str, "email": {kind: kindEmail}, "phone": str, "url": uri, "summary": str,
		"location": object(map[string]*shape{
			"address": str, "postalCode": str, "city": str, "countryCode": str, "region": str,
		}),
		"profiles": array(object(map[string]*shape{"network": str, "username": str, "url": uri})),
	}),
	"skills": array(object(map[string]*shape{"name": str, "level": str, "keywords": strArray})),
	"certificates": array(object(map[string]*shape{
		"name": str, "date": date, "url": uri, "issuer": str,
	})),
	"work": array(object(map[string]*shape{
		"name": str, "location": str, "description": str, "position": str, "url": uri,
		"startDate": date, "endDate": date, "summary": str, "highlights": strArray,
	})),
})

// iso8601RE is the schema's date pattern.
var iso8601RE = regexp.MustCompile(`^([1-2][0-9]{3}-[0-1][0-9]-[0-3][0-9]|[1-2][0-9]{3}-[0-1][0-9]|[1-2][0-9]{3})$`)

// check reports the first place, in a stable order, where v does not fit s.
func (s *shape) check(v any, path string) *fieldError {
	bad := func(format string, args ...any) *fieldError {
		return &fieldError{path, fmt.Errorf(format, args...)}
	}
	switch s.kind {
	case kindObject:
		m, ok := v.(map[string]any)
		if !ok {
			return bad("want an object, got %s", kindOf(v))
		}
		keys := make([]string, 0, len(s.fields))
		for k := range s.fields {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			if fv, present := m[k]; present {
				if err := s.fields[k].check(fv, joinPath(path, k)); err != nil {
					return err
				}
			}
		}
		return nil
	case kindArray:
		a, ok := v.([]any)
		if !ok {
			return bad("want an array, got %s", kindOf(v))
		}
		for i, it := range a {
			if err := s.item.check(it, fmt.Sprintf("%s[%d]", path, i)); err != nil {
				return err
			}
		}
		return nil
	}
	sv, ok := v.(string)
	if !ok {
		return bad("want a string, got %s", kindOf(v))
	}
	switch s.kind {
	case kindDate:
		if sv == "" {
			return nil
		}
		if !iso8601RE.MatchString(sv) {
			return bad("date %q: want YYYY, YYYY-MM or YYYY-MM-DD", sv)
		}
		if _, err := scoring.ParseDate(sv); err != nil {
			return &fieldError{path, err}
		}
	case kindEmail:
		if sv == "" {
			return nil
		}
		if a, err := mail.ParseAddress(sv); err != nil || a.Address != sv || a.Name != "" {
			return bad("%q is not an email address", sv)
		}
	case kindURI:
		if _, err := url.Parse(sv); err != nil {
			return &fieldError{path, fmt.Errorf("%q is not a URL: %w", sv, err)}
		}
	case kindEnum:
		for _, e := range s.enum {
			if strings.EqualFold(sv, e) {
				return nil
			}
		}
		return bad("%q is not one of %s", sv, strings.Join(s.enum, ", "))
	}
	return nil
}

// kindOf names the JSON kind of a value decoded into any.
func kindOf(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case string:
		return "a string"
	case json.Number, float64:
		return "a number"
	case bool:
		return "a boolean"
	case []any:
		return "an array"
	case map[string]any:
		return "an object"
	}
	return fmt.Sprintf("%T", v)
}

// decodeAny decodes raw into generic values, numbers kept as json.Number.
func decodeAny(raw []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	return v, nil
}

// hashID is prefix and the first 12 hex digits of the SHA-256 of raw's
// compacted JSON.
func hashID(prefix string, raw []byte) string {
	var b bytes.Buffer
	if json.Compact(&b, raw) != nil {
		b.Reset()
		b.Write(raw)
	}
	sum := sha256.Sum256(b.Bytes())
	return prefix + hex.EncodeToString(sum[:])[:12]
}

// Getters for values already checked against a shape.
func getObj(m map[string]any, k string) map[string]any { v, _ := m[k].(map[string]any); return v }
func getArr(m map[string]any, k string) []any          { v, _ := m[k].([]any); return v }
func getStr(m map[string]any, k string) string {
	v, _ := m[k].(string)
	return strings.TrimSpace(v)
}

// resumeRecord converts one JSON Resume record.
func resumeRecord(raw []byte, pos string, now time.Time) Record {
	v, err := decodeAny(raw)
	if err != nil {
		return reject(pos, "", "", err)
	}
	doc, ok := v.(map[string]any)
	if !ok {
		return reject(pos, "", "", fmt.Errorf("want a JSON Resume object, got %s", kindOf(v)))
	}
	id := hashID("resume-", raw)
	if e, ok := getObj(doc, "basics")["email"].(string); ok && strings.TrimSpace(e) != "" {
		id = strings.ToLower(strings.TrimSpace(e))
	}
	if fe := resumeShape.check(doc, ""); fe != nil {
		return reject(pos, id, fe.field, fe.err)
	}
	c := scoring.Candidate{ID: id}
	basics := getObj(doc, "basics")
	c.Name = getStr(basics, "name")
	c.Email = getStr(basics, "email")
	c.Phone = getStr(basics, "phone")
	c.Summary = joinNonEmpty(": ", getStr(basics, "label"), getStr(basics, "summary"))
	c.Location = placeName(getObj(basics, "location"))

	seen := map[string]bool{}
	addSkill := func(s string) {
		s = strings.TrimSpace(s)
		if k := strings.ToLower(s); s != "" && !seen[k] {
			seen[k] = true
			c.Skills = append(c.Skills, s)
		}
	}
	for _, it := range getArr(doc, "skills") {
		sk := it.(map[string]any)
		addSkill(getStr(sk, "name"))
		for _, kw := range getArr(sk, "keywords") {
			addSkill(kw.(string))
		}
	}

	var certIndex []int // certifications[i] came from certificates[certIndex[i]]
	for i, it := range getArr(doc, "certificates") {
		ce := it.(map[string]any)
		name := getStr(ce, "name")
		if name == "" {
			continue
		}
		d, _ := scoring.ParseDate(getStr(ce, "date")) // checked by the shape
		c.Certifications = append(c.Certifications, scoring.Credential{
			Name: name, Date: d, Issuer: getStr(ce, "issuer"), URL: getStr(ce, "url"),
		})
		certIndex = append(certIndex, i)
	}

	years, fe := workYears(getArr(doc, "work"), now)
	if fe != nil {
		return reject(pos, id, fe.field, fe.err)
	}
	c.YearsExperience = years

	if err := c.Validate(); err != nil {
		return rejectValidation(pos, &c, err, func(field string) string {
			return resumeField(field, certIndex)
		})
	}
	return Record{Candidate: c, Position: pos}
}

// resumeField maps a candidate field path back to the JSON Resume path it
// came from.
func resumeField(field string, certIndex []int) string {
	var i int
	if n, _ := fmt.Sscanf(field, "certifications[%d]", &i); n == 1 && i >= 0 && i < len(certIndex) {
		_, rest, _ := strings.Cut(field, "]")
		rest = strings.Replace(rest, ".expires", ".date", 1)
		return fmt.Sprintf("certificates[%d]%s", certIndex[i], rest)
	}
	switch {
	case field == "years_experience":
		return "work"
	case strings.HasPrefix(field, "skills"):
		return "skills"
	case field == "id":
		return "basics.email"
	}
	return field
}

func joinNonEmpty(sep string, parts ...string) string {
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, sep)
}

// placeName formats a JSON Resume location object: "City, Region", "City,
// CountryCode" when there is no region or it repeats the city, "Region,
// CountryCode" when there is no city.
func placeName(loc map[string]any) string {
	city, region, country := getStr(loc, "city"), getStr(loc, "region"), getStr(loc, "countryCode")
	if strings.EqualFold(city, region) {
		region = ""
	}
	switch {
	case city != "" && region != "":
		return city + ", " + region
	case city != "":
		return joinNonEmpty(", ", city, country)
	}
	return joinNonEmpty(", ", region, country)
}

// workYears is the length of the union of the work periods in years,
// rounded to 0.1.
func workYears(work []any, now time.Time) (float64, *fieldError) {
	type span struct{ from, to time.Time }
	var spans []span
	for i, it := range work {
		w := it.(map[string]any)
		start, _ := scoring.ParseDate(getStr(w, "startDate"))
		end, _ := scoring.ParseDate(getStr(w, "endDate"))
		if !end.IsZero() && !start.IsZero() && end.Last().Before(start.First()) {
			return 0, &fieldError{fmt.Sprintf("work[%d].endDate", i), fmt.Errorf("%s is before the startDate %s", end, start)}
		}
		if start.IsZero() {
			continue
		}
		from, to := start.First(), now
		if !end.IsZero() {
			to = end.Last().AddDate(0, 0, 1) // through the last day
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
	return math.Round(years*10) / 10, nil
}
