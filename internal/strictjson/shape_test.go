package strictjson

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestShapeCheck(t *testing.T) {
	s := Object(map[string]*Shape{
		"name":   String(),
		"email":  Email(),
		"url":    URI(),
		"remote": Enum("Full", "Hybrid", "None"),
		"work":   Array(Object(map[string]*Shape{"startDate": Date(), "endDate": Date()})),
		"tags":   Array(String()),
	})
	tests := []struct {
		name, why, doc string
		want           string // "path: reason", "" when it fits
	}{
		{name: "fits", why: "every field of its kind", doc: `{"name":"a","email":"a@x.org","url":"https://x.org","remote":"full","work":[{"startDate":"2019-03","endDate":""}],"tags":["x"],"other":null}`},
		{name: "null string", why: "null is not a string", doc: `{"name":null}`, want: "name: want a string, got null"},
		{name: "number string", why: "numbers are not strings", doc: `{"tags":["x",3]}`, want: "tags[1]: want a string, got a number"},
		{name: "bad date", why: "dates follow the schema's pattern", doc: `{"work":[{"startDate":"March 2019"}]}`, want: `work[0].startDate: date "March 2019": want YYYY, YYYY-MM or YYYY-MM-DD`},
		{name: "impossible date", why: "and are calendar dates", doc: `{"work":[{},{"endDate":"2021-13"}]}`, want: `work[1].endDate: date "2021-13": bad month`},
		{name: "email with name", why: "an email is a bare address", doc: `{"email":"Ana <a@x.org>"}`, want: "email: not an email address"},
		{name: "enum", why: "an enum takes only its values", doc: `{"remote":"Sometimes"}`, want: `remote: "Sometimes" is not one of Full, Hybrid, None`},
		{name: "array wanted", why: "an object where an array belongs", doc: `{"work":{}}`, want: "work: want an array, got an object"},
		{name: "order", why: "fields are checked by name, so the first problem is stable", doc: `{"work":5,"email":"x"}`, want: "email: not an email address"},
		{name: "top", why: "the document itself", doc: `[1]`, want: "want an object, got an array"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, err := DecodeAny([]byte(tt.doc))
			if err != nil {
				t.Fatal(err)
			}
			got := ""
			if fe := s.Check(v, ""); fe != nil {
				got = fe.Error()
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Check(%s) mismatch (-want +got), %s:\n%s", tt.doc, tt.why, diff)
			}
		})
	}
}

func TestSchemaDrift(t *testing.T) {
	schema := []byte(`{
	  "definitions": {"iso8601": {"type": "string", "pattern": "^x$"}},
	  "properties": {
	    "name": {"type": "string"},
	    "date": {"$ref": "#/definitions/iso8601"},
	    "url": {"type": "string", "format": "uri"},
	    "remote": {"type": "string", "enum": ["Full", "None"]},
	    "tags": {"type": "array", "items": {"type": "string"}},
	    "loc": {"type": "object", "properties": {"city": {"type": "string"}}}
	  },
	  "type": "object"
	}`)
	tests := []struct {
		name, why string
		shape     *Shape
		want      []string
	}{
		{
			name: "in step", why: "every described field has the schema's type and format",
			shape: Object(map[string]*Shape{"name": String(), "date": Date(), "url": URI(), "remote": Enum("full", "none"),
				"tags": Array(String()), "loc": Object(map[string]*Shape{"city": String()})}),
		},
		{
			name: "drifted", why: "a wrong type, a lost format, a missing field and other enum values are each reported",
			shape: Object(map[string]*Shape{"name": Array(String()), "url": String(), "date": String(), "remote": Enum("Full"),
				"loc": Object(map[string]*Shape{"town": String()}), "tags": Array(Object(nil))}),
			want: []string{
				`date: the schema is iso8601, the shape is a plain string`,
				`loc.town: not in the schema`,
				`name: the schema's type is "string", the shape's "array"`,
				`remote: the shape's values are [full], the schema's [full none]`,
				`tags[]: the schema's type is "string", the shape's "object"`,
				`url: the schema's format is "uri", the shape checks none`,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.shape.SchemaDrift(schema)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("SchemaDrift mismatch (-want +got), %s:\n%s", tt.why, diff)
			}
		})
	}
}
