package strictjson

import (
	"encoding/json"
	"fmt"
	"maps"
	"net/mail"
	"net/url"
	"regexp"
	"slices"
	"strings"

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

// Shape is the part of a JSON schema certmatch checks: types, nested
// objects and arrays, formats and enums. Properties an object shape does
// not list may hold anything. Build one with [String], [Date], [Email],
// [URI], [Enum], [Object] and [Array]; a Shape is not changed after it is
// built and may be shared.
type Shape struct {
	kind   shapeKind
	fields map[string]*Shape
	item   *Shape
	enum   []string
}

// String is a string.
func String() *Shape { return &Shape{kind: kindString} }

// Date is the JSON Resume schema's iso8601: a string YYYY, YYYY-MM or
// YYYY-MM-DD that is a real calendar date. The empty string is accepted as
// "no date" (many resumes write "endDate": "" for a current job).
func Date() *Shape { return &Shape{kind: kindDate} }

// Email is a string with format "email": a bare address, or "".
func Email() *Shape { return &Shape{kind: kindEmail} }

// URI is a string with format "uri", checked only for being parseable,
// not for being absolute.
func URI() *Shape { return &Shape{kind: kindURI} }

// Enum is a string, one of values compared case-insensitively.
func Enum(values ...string) *Shape { return &Shape{kind: kindEnum, enum: slices.Clone(values)} }

// Object is an object whose listed fields, when present, have their
// shapes.
func Object(fields map[string]*Shape) *Shape {
	return &Shape{kind: kindObject, fields: maps.Clone(fields)}
}

// Array is an array whose every item has the item shape.
func Array(item *Shape) *Shape { return &Shape{kind: kindArray, item: item} }

// iso8601RE is the JSON Resume schema's date pattern.
var iso8601RE = regexp.MustCompile(`^([1-2][0-9]{3}-[0-1][0-9]-[0-3][0-9]|[1-2][0-9]{3}-[0-1][0-9]|[1-2][0-9]{3})$`)

// Check reports the first place, in a stable order (object fields by
// name), where v, a value from [DecodeAny], does not fit s, or nil. path is
// v's JSON path, "" for a whole document; the error's Path extends it.
// null is not a string, an object or an array.
func (s *Shape) Check(v any, path string) *FieldError {
	bad := func(format string, args ...any) *FieldError {
		return &FieldError{path, fmt.Errorf(format, args...)}
	}
	switch s.kind {
	case kindObject:
		m, ok := v.(map[string]any)
		if !ok {
			return bad("want an object, got %s", KindOfValue(v))
		}
		keys := make([]string, 0, len(s.fields))
		for k := range s.fields {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			if fv, present := m[k]; present {
				if err := s.fields[k].Check(fv, joinPath(path, k)); err != nil {
					return err
				}
			}
		}
		return nil
	case kindArray:
		a, ok := v.([]any)
		if !ok {
			return bad("want an array, got %s", KindOfValue(v))
		}
		for i, it := range a {
			if err := s.item.Check(it, fmt.Sprintf("%s[%d]", path, i)); err != nil {
				return err
			}
		}
		return nil
	}
	sv, ok := v.(string)
	if !ok {
		return bad("want a string, got %s", KindOfValue(v))
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
			return &FieldError{path, err}
		}
	case kindEmail:
		if sv == "" {
			return nil
		}
		if a, err := mail.ParseAddress(sv); err != nil || a.Address != sv || a.Name != "" {
			return bad("not an email address") // never quoted: an address is personal
		}
	case kindURI:
		if _, err := url.Parse(sv); err != nil {
			// Neither the value nor url's error (which holds it) is quoted:
			// a profile URL is personal.
			return bad("not a URL")
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

// KindOfValue names the JSON kind of a value from [DecodeAny], as [KindOf]
// does for raw JSON.
func KindOfValue(v any) string {
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
