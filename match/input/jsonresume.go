package input

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/samber/lo"

	"github.com/certmatch/certmatch/internal/strictjson"
	"github.com/certmatch/certmatch/scoring"
)

var (
	str      = strictjson.String()
	date     = strictjson.Date()
	uri      = strictjson.URI()
	strArray = strictjson.Array(str)
	object   = strictjson.Object
	array    = strictjson.Array
)

// resumeShape is schema.json's description of the sections certmatch reads.
var resumeShape = object(map[string]*strictjson.Shape{
	"basics": object(map[string]*strictjson.Shape{
		"name": str, "label": str, "image": str, "email": strictjson.Email(), "phone": str, "url": uri, "summary": str,
		"location": object(map[string]*strictjson.Shape{
			"address": str, "postalCode": str, "city": str, "countryCode": str, "region": str,
		}),
		"profiles": array(object(map[string]*strictjson.Shape{"network": str, "username": str, "url": uri})),
	}),
	"skills": array(object(map[string]*strictjson.Shape{"name": str, "level": str, "keywords": strArray})),
	"certificates": array(object(map[string]*strictjson.Shape{
		"name": str, "date": date, "url": uri, "issuer": str,
	})),
	"work": array(object(map[string]*strictjson.Shape{
		"name": str, "location": str, "description": str, "position": str, "url": uri,
		"startDate": date, "endDate": date, "summary": str, "highlights": strArray,
	})),
})

// Getters for values already checked against a shape.
var (
	getObj = strictjson.GetObject
	getArr = strictjson.GetArray
	getStr = strictjson.GetString
)

// resumeRecord converts one JSON Resume record.
func resumeRecord(raw []byte, pos string, now time.Time) Record {
	v, err := strictjson.DecodeAny(raw)
	if err != nil {
		return reject(pos, "", "", err)
	}
	doc, ok := v.(map[string]any)
	if !ok {
		return reject(pos, "", "", fmt.Errorf("want a JSON Resume object, got %s", strictjson.KindOfValue(v)))
	}
	id := strictjson.HashID("resume-", raw)
	// A rejection names the record by this hash, never by its address.
	errID := id
	if e, ok := getObj(doc, "basics")["email"].(string); ok && strings.TrimSpace(e) != "" {
		id = strings.ToLower(strings.TrimSpace(e))
	}
	if fe := resumeShape.Check(doc, ""); fe != nil {
		return reject(pos, errID, fe.Path, fe.Err)
	}
	c := scoring.Candidate{ID: id}
	basics := getObj(doc, "basics")
	c.Name = getStr(basics, "name")
	c.Email = getStr(basics, "email")
	c.Phone = getStr(basics, "phone")
	c.Summary = joinNonEmpty(": ", getStr(basics, "label"), getStr(basics, "summary"))
	c.Location = PlaceName(getObj(basics, "location"))

	var skills []string
	for _, it := range getArr(doc, "skills") {
		sk := it.(map[string]any)
		skills = append(skills, getStr(sk, "name"))
		for _, kw := range getArr(sk, "keywords") {
			skills = append(skills, strings.TrimSpace(kw.(string)))
		}
	}
	// In order, without empty strings or duplicates compared
	// case-insensitively; none stays nil, as in every other format.
	if skills = lo.UniqBy(lo.Compact(skills), strings.ToLower); len(skills) > 0 {
		c.Skills = skills
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
		return reject(pos, errID, fe.Path, fe.Err)
	}
	c.YearsExperience = years

	if err := c.Validate(); err != nil {
		c.ID = errID
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

// joinNonEmpty joins the parts that are not "" with sep.
func joinNonEmpty(sep string, parts ...string) string { return strings.Join(lo.Compact(parts), sep) }

// PlaceName formats a JSON Resume location object (a resume's
// basics.location, a job's location) as scoring.PlaceOf reads its city,
// region and countryCode: "Chicago, IL", "Berlin, DE" (a region that
// repeats the city is left out), "Bavaria, DE" without a city. loc is a
// value checked against the schema's location shape; nil gives "".
func PlaceName(loc map[string]any) string {
	return scoring.PlaceOf(getStr(loc, "city"), getStr(loc, "region"), getStr(loc, "countryCode")).String()
}

// workYears is the length of the union of the work periods in years,
// rounded to 0.1.
func workYears(work []any, now time.Time) (float64, *strictjson.FieldError) {
	type span struct{ from, to time.Time }
	var spans []span
	for i, it := range work {
		w := it.(map[string]any)
		start, _ := scoring.ParseDate(getStr(w, "startDate"))
		end, _ := scoring.ParseDate(getStr(w, "endDate"))
		if !end.IsZero() && !start.IsZero() && end.Last().Before(start.First()) {
			return 0, &strictjson.FieldError{Path: fmt.Sprintf("work[%d].endDate", i), Err: fmt.Errorf("%s is before the startDate %s", end, start)}
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
