package strictjson

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/certmatch/certmatch/scoring"
)

func TestUnmarshalRole(t *testing.T) {
	tests := []struct {
		name, why string
		data      string
		wantPath  string
		wantErr   string
	}{
		{
			name: "unknown nested field", why: "pointers (Role.Weights) are followed and the path names the key",
			data:     `{"id":"r","weights":{"certifications":1,"skillz":2}}`,
			wantPath: "weights.skillz", wantErr: "unknown field",
		},
		{
			name: "type in nested array", why: "slices of structs of slices carry their indexes",
			data:     `{"id":"r","required":[{"any_of":["ocpjp", 1]}]}`,
			wantPath: "required[0].any_of[1]", wantErr: "want a string, got a number",
		},
		{
			name: "array expected", why: "a scalar where a slice belongs names the slice",
			data:     `{"id":"r","required_skills":"java"}`,
			wantPath: "required_skills", wantErr: "want an array, got a string",
		},
		{
			name: "first problem wins", why: "problems are reported in document order",
			data:     `{"idx":"r","title":5}`,
			wantPath: "idx", wantErr: "unknown field",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var r scoring.Role
			err := Unmarshal([]byte(tt.data), &r)
			var fe *FieldError
			if !errors.As(err, &fe) {
				t.Fatalf("Unmarshal error = %v, want a *FieldError (%s)", err, tt.why)
			}
			if diff := cmp.Diff([2]string{tt.wantPath, tt.wantErr}, [2]string{fe.Path, fe.Err.Error()}); diff != "" {
				t.Errorf("path and reason mismatch (-want +got), %s:\n%s", tt.why, diff)
			}
		})
	}
}

func TestUnmarshalOutOfRange(t *testing.T) {
	// A number of the right kind but too large says so.
	var v struct {
		Items []struct {
			N int8 `json:"n"`
		} `json:"items"`
	}
	err := Unmarshal([]byte(`{"items":[{"n":1},{"n":300}]}`), &v)
	if got, want := err.Error(), "items[1].n: 300 is out of range for a whole number"; got != want {
		t.Errorf("Unmarshal error = %q, want %q", got, want)
	}
}

func TestUnmarshalTypeErrorUnwraps(t *testing.T) {
	var r scoring.Role
	err := Unmarshal([]byte(`{"id":"r","required":[{"any_of":["ocpjp", 1]}]}`), &r)
	var ute *json.UnmarshalTypeError
	if !errors.As(err, &ute) {
		t.Errorf("type error %v does not unwrap to *json.UnmarshalTypeError", err)
	}
	var te *TypeError
	if !errors.As(err, &te) {
		t.Errorf("type error %v is not a *TypeError", err)
	}
}

func TestUnmarshalDecodes(t *testing.T) {
	// Keys match exactly or case-insensitively, null leaves a field alone,
	// and values decode as encoding/json decodes them.
	var r scoring.Role
	r.Title = "kept"
	err := Unmarshal([]byte(`{"ID":"r","title":null,"min_years":5,"required":[{"any_of":["ocpjp"],"min_version":"11"}]}`), &r)
	if err != nil {
		t.Fatal(err)
	}
	want := scoring.Role{ID: "r", Title: "kept", MinYears: 5, Required: []scoring.Requirement{{AnyOf: []string{"ocpjp"}, MinVersion: "11"}}}
	if diff := cmp.Diff(want, r); diff != "" {
		t.Errorf("decoded role mismatch (-want +got):\n%s", diff)
	}
}

func TestUnmarshalNotAnObject(t *testing.T) {
	var r scoring.Role
	for _, data := range []string{`[]`, `"x"`, ``, `  `} {
		if err := Unmarshal([]byte(data), &r); err == nil || !strings.HasPrefix(err.Error(), "want a JSON object") {
			t.Errorf("Unmarshal(%q) error = %v, want one saying a JSON object is wanted", data, err)
		}
	}
}

func TestUnmarshalWantsStructPointer(t *testing.T) {
	var r scoring.Role
	var m map[string]any
	for _, dst := range []any{r, &m, (*scoring.Role)(nil), nil} {
		if err := Unmarshal([]byte(`{"id":"r"}`), dst); err == nil || !strings.Contains(err.Error(), "pointer to a struct") {
			t.Errorf("Unmarshal into %T: error %v, want one asking for a pointer to a struct", dst, err)
		}
	}
}

func TestReadObject(t *testing.T) {
	tests := []struct {
		name, why, in string
		want, err     string
	}{
		{name: "plain", why: "an object is returned as written", in: ` {"a":1} `, want: `{"a":1}`},
		{name: "bom", why: "a byte order mark is dropped", in: "\xef\xbb\xbf{\"a\":1}", want: `{"a":1}`},
		{name: "empty", why: "nothing to read", in: " \n", err: "empty input"},
		{name: "array", why: "only an object is a document", in: `[1]`, err: "want a JSON object, got an array"},
		{name: "trailing", why: "a second value is not ignored", in: `{"a":1} {}`, err: "data after the object at offset 9"},
		{name: "malformed", why: "bad JSON says so", in: `{"a":`, err: "malformed JSON: unexpected EOF"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ReadObject(strings.NewReader(tt.in))
			gotErr := ""
			if err != nil {
				gotErr = err.Error()
			}
			if diff := cmp.Diff([2]string{tt.want, tt.err}, [2]string{string(got), gotErr}); diff != "" {
				t.Errorf("ReadObject(%q) mismatch (-want +got), %s:\n%s", tt.in, tt.why, diff)
			}
		})
	}
}

func TestHashIDIgnoresIndentation(t *testing.T) {
	a := HashID("x-", []byte(`{"a": [1, 2]}`))
	b := HashID("x-", []byte("{\n  \"a\": [1,2]\n}"))
	c := HashID("x-", []byte(`{"a":[2,1]}`))
	if a != b || a == c || len(a) != len("x-")+12 {
		t.Errorf("HashID = %q, %q, %q: want the first two equal, the third different, 12 hex digits", a, b, c)
	}
}
