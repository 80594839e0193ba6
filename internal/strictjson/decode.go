package strictjson

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
)

// FieldError is a problem at a JSON path: a value of the wrong type, an
// unknown field, a value a [Shape] does not allow.
type FieldError struct {
	// Path is the JSON path of the value at fault, indexes included:
	// "certifications[1].date", "basics.location.city"; "" for the
	// document itself.
	Path string
	Err  error
}

// Error formats e as "path: reason", or the reason alone without a path.
func (e *FieldError) Error() string {
	if e.Path == "" {
		return e.Err.Error()
	}
	return e.Path + ": " + e.Err.Error()
}

// Unwrap returns the underlying error.
func (e *FieldError) Unwrap() error { return e.Err }

var unmarshalerType = reflect.TypeFor[json.Unmarshaler]()

// Unmarshal decodes the JSON object data into the struct *dst like
// json.Unmarshal with DisallowUnknownFields, but reports the first problem
// (in document order) as a *[FieldError] with the full JSON path, indexes
// included: "certifications[1].date". Keys match field names exactly or,
// failing that, case-insensitively, as in encoding/json; null leaves a
// field as it is. dst must be a non-nil pointer to a struct; anything
// else is an error.
func Unmarshal(data []byte, dst any) error {
	rv := reflect.ValueOf(dst)
	if rv.Kind() != reflect.Pointer || rv.IsNil() || rv.Elem().Kind() != reflect.Struct {
		return fmt.Errorf("strictjson: Unmarshal wants a non-nil pointer to a struct, got %T", dst)
	}
	data = bytes.TrimSpace(data)
	if len(data) == 0 || data[0] != '{' {
		return fmt.Errorf("want a JSON object, got %s", KindOf(data))
	}
	return decodeValue(data, rv.Elem(), "")
}

func joinPath(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func decodeValue(data []byte, v reflect.Value, path string) error {
	t := v.Type()
	if isNull(data) {
		return nil
	}
	if t.Kind() != reflect.Pointer && reflect.PointerTo(t).Implements(unmarshalerType) {
		if err := json.Unmarshal(data, v.Addr().Interface()); err != nil {
			return &FieldError{path, typeErr(data, t, err)}
		}
		return nil
	}
	switch t.Kind() {
	case reflect.Pointer:
		p := reflect.New(t.Elem())
		if err := decodeValue(data, p.Elem(), path); err != nil {
			return err
		}
		v.Set(p)
		return nil
	case reflect.Struct:
		return decodeStruct(data, v, path)
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Uint8 {
			break
		}
		if data[0] != '[' {
			return &FieldError{path, fmt.Errorf("want an array, got %s", KindOf(data))}
		}
		var items []json.RawMessage
		if err := json.Unmarshal(data, &items); err != nil {
			return &FieldError{path, err}
		}
		s := reflect.MakeSlice(t, len(items), len(items))
		for i, it := range items {
			if err := decodeValue(it, s.Index(i), fmt.Sprintf("%s[%d]", path, i)); err != nil {
				return err
			}
		}
		v.Set(s)
		return nil
	}
	if err := json.Unmarshal(data, v.Addr().Interface()); err != nil {
		return &FieldError{path, typeErr(data, t, err)}
	}
	return nil
}

func decodeStruct(data []byte, v reflect.Value, path string) error {
	if data[0] != '{' {
		return &FieldError{path, fmt.Errorf("want an object, got %s", KindOf(data))}
	}
	fields := jsonFields(v.Type())
	dec := json.NewDecoder(bytes.NewReader(data))
	if _, err := dec.Token(); err != nil {
		return &FieldError{path, err}
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return &FieldError{path, err}
		}
		key := tok.(string)
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return &FieldError{joinPath(path, key), err}
		}
		idx, ok := fields[key]
		if !ok {
			for name, i := range fields {
				if strings.EqualFold(name, key) {
					idx, ok = i, true
					break
				}
			}
		}
		if !ok {
			return &FieldError{joinPath(path, key), errors.New("unknown field")}
		}
		if err := decodeValue(raw, v.Field(idx), joinPath(path, key)); err != nil {
			return err
		}
	}
	return nil
}

// jsonFields maps the JSON names of t's exported fields to their indexes.
func jsonFields(t reflect.Type) map[string]int {
	m := make(map[string]int, t.NumField())
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		switch name {
		case "-":
			continue
		case "":
			name = f.Name
		}
		m[name] = i
	}
	return m
}

func isNull(data []byte) bool { return string(data) == "null" }

// jsonKind names the kind of JSON value data holds.
func KindOf(data []byte) string {
	data = bytes.TrimSpace(data)
	if len(data) == 0 {
		return "nothing"
	}
	switch data[0] {
	case '"':
		return "a string"
	case '{':
		return "an object"
	case '[':
		return "an array"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	}
	return "a number"
}

// typeErr rewrites json's type errors as "want a number, got a string";
// other errors (a malformed date) pass through.
func typeErr(data []byte, t reflect.Type, err error) error {
	var ute *json.UnmarshalTypeError
	if !errors.As(err, &ute) {
		return err
	}
	want := "a " + t.Kind().String()
	switch t.Kind() {
	case reflect.String:
		want = "a string"
	case reflect.Float32, reflect.Float64:
		want = "a number"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		want = "a whole number"
	case reflect.Bool:
		want = "true or false"
	}
	got := KindOf(data)
	if want == "a whole number" && got == "a number" && !bytes.ContainsAny(data, ".eE") {
		got = want // an integer too large, or negative for an unsigned field
	}
	if got != want {
		return &TypeError{Msg: fmt.Sprintf("want %s, got %s", want, got), Err: err}
	}
	return &TypeError{Msg: fmt.Sprintf("%s is out of range for %s", bytes.TrimSpace(data), want), Err: err}
}

// TypeError is a value of the wrong type, in words ("want a number, got a
// string"); it unwraps to the parser's own error (encoding/json's, or
// strconv's for a number read from text).
type TypeError struct {
	Msg string
	Err error
}

func (e *TypeError) Error() string { return e.Msg }

// Unwrap returns the parser's error.
func (e *TypeError) Unwrap() error { return e.Err }
