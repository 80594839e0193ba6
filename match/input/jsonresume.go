package input

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
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

// resumeShape is schema.json's description of the fields certmatch reads:
// the types readResume expects (a value of another type is a warning),
// held to schema.json by a test.
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

// getStr reads a string field of a value checked against a shape.
var getStr = strictjson.GetString

// recordOptions are what the decoders of people's formats (JSON Resume,
// LinkedIn, documents) need besides the record.
type recordOptions struct {
	ids  IDOptions
	name string // the file name, "" in a stream
	find proseFinder
	now  time.Time
}

// resumeRecord converts one JSON Resume record, leniently: only a record
// that is not a JSON object, or has no usable id, is rejected.
func resumeRecord(raw []byte, pos string, ro recordOptions) Record {
	var v any
	var err error
	if ro.ids.Field != "" {
		v, err = strictjson.DecodeAny(raw) // numbers as written, for a numeric id
	} else {
		err = json.Unmarshal(raw, &v) // no decoder buffer: the common case
	}
	if err != nil {
		return reject(pos, "", "", err)
	}
	doc, ok := v.(map[string]any)
	if !ok {
		return reject(pos, "", "", fmt.Errorf("want a JSON Resume object, got %s", strictjson.KindOfValue(v)))
	}
	r := readResume(doc, ro.find, ro.now)
	compact := func() []byte {
		var b bytes.Buffer
		if json.Compact(&b, raw) != nil {
			return raw
		}
		return b.Bytes()
	}
	in := IDInput{Format: FormatJSONResume, Position: pos, Name: ro.name, Email: r.cand.Email, ProfileURL: r.profileURL, Raw: raw}
	id, warn, err := ro.ids.pickID(in, doc, compact)
	if err != nil {
		return reject(pos, "", ro.ids.Field, err)
	}
	if warn != nil {
		r.notes = append(r.notes, fieldNote{field: "basics.email", err: warn})
	}
	c := r.cand
	c.ID = id
	c.Location = PlaceName(r.location)
	c.SkillSources = r.skillSources()
	r.notes = append(r.notes, keepValid(&c, func(field string) string { return resumeField(field, r.certPaths) })...)
	return Record{Candidate: c, Position: pos, Warnings: warnings(pos, id, r.notes)}
}

// keepValid validates c and, rather than rejecting it, drops what
// Validate refuses, a note each: a credential it refuses is left out,
// years it refuses count as none. rename maps a candidate field to the
// input's.
func keepValid(c *scoring.Candidate, rename func(string) string) []fieldNote {
	var notes []fieldNote
	for range len(c.Certifications) + len(c.Skills) + 2 {
		err := c.Validate()
		if err == nil {
			return notes
		}
		var fe *scoring.FieldError
		if !errors.As(err, &fe) {
			return append(notes, fieldNote{field: "", err: err})
		}
		field := fe.Field
		var i int
		switch {
		case field == "years_experience":
			c.YearsExperience = 0
		case strings.HasPrefix(field, "certifications["):
			if _, err := fmt.Sscanf(field, "certifications[%d]", &i); err != nil || i >= len(c.Certifications) {
				return append(notes, fieldNote{field: rename(field), err: fe.Err})
			}
			c.Certifications = slices.Delete(c.Certifications, i, i+1)
		case strings.HasPrefix(field, "skills["):
			if _, err := fmt.Sscanf(field, "skills[%d]", &i); err != nil || i >= len(c.Skills) {
				return append(notes, fieldNote{field: rename(field), err: fe.Err})
			}
			c.Skills = slices.Delete(c.Skills, i, i+1)
		default:
			return append(notes, fieldNote{field: rename(field), err: fe.Err})
		}
		notes = append(notes, fieldNote{field: rename(field), err: fmt.Errorf("%w; left out", fe.Err)})
	}
	return notes
}

// resumeField maps a candidate field path back to the JSON Resume path it
// came from; certPaths[i] is the path of certifications[i].
func resumeField(field string, certPaths []string) string {
	var i int
	if n, _ := fmt.Sscanf(field, "certifications[%d]", &i); n == 1 && i >= 0 && i < len(certPaths) {
		_, rest, _ := strings.Cut(field, "]")
		rest = strings.Replace(rest, ".expires", ".date", 1)
		return certPaths[i] + rest
	}
	switch {
	case field == "years_experience":
		return "work"
	case strings.HasPrefix(field, "skills"):
		return "skills"
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
