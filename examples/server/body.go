package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"reflect"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/certmatch/certmatch/internal/strictjson"
)

// mediaType returns the media type of the request's Content-Type, lower
// case and without parameters; "" when there is none or it cannot be
// parsed.
func mediaType(r *http.Request) string {
	ct := r.Header.Get("Content-Type")
	if ct == "" {
		return ""
	}
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		return ""
	}
	return mt
}

// isJSONType reports whether mt is application/json or a +json type.
func isJSONType(mt string) bool {
	return mt == "application/json" || (strings.HasPrefix(mt, "application/") && strings.HasSuffix(mt, "+json"))
}

// requireJSON answers 415 unless the request says its body is JSON.
func requireJSON(r *http.Request) error {
	if mt := mediaType(r); !isJSONType(mt) {
		return newProblem(probMediaType, "send the body as application/json, not %q", orNone(mt))
	}
	return nil
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

// readBody reads the whole (limited) body. A body over its limit or past
// its deadline is the error asProblem turns into 413 or 408.
func readBody(r *http.Request) ([]byte, error) {
	b, err := io.ReadAll(r.Body)
	if err != nil {
		return nil, err
	}
	return b, nil
}

// decodeJSON reads a JSON request body into dst strictly: the content
// type must say JSON, unknown fields and values of the wrong type are
// 422 naming the field, malformed JSON and trailing data are 400.
func decodeJSON(r *http.Request, dst any) error {
	if err := requireJSON(r); err != nil {
		return err
	}
	data, err := readBody(r)
	if err != nil {
		return err
	}
	return unmarshalStrict(data, dst)
}

// unmarshalStrict decodes one JSON value into dst, rejecting unknown
// fields and trailing data.
func unmarshalStrict(data []byte, dst any) error {
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	if len(bytes.TrimSpace(data)) == 0 {
		return newProblem(probMalformedJSON, "the body is empty")
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		var syntaxErr *json.SyntaxError
		if errors.As(err, &syntaxErr) || errors.Is(err, io.ErrUnexpectedEOF) {
			return jsonProblem(err)
		}
		// encoding/json names neither the path of an unknown field nor
		// the indexes of a bad value: strictjson does.
		fresh := reflect.New(reflect.TypeOf(dst).Elem()).Interface()
		var fe *strictjson.FieldError
		if serr := strictjson.Unmarshal(data, fresh); errors.As(serr, &fe) && fe.Path != "" {
			return newProblem(probInvalidField, "%v", fe.Err).at("", fe.Path)
		}
		return jsonProblem(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return newProblem(probMalformedJSON, "data after the JSON value at offset %d", dec.InputOffset())
	}
	return nil
}

// jsonProblem classifies an encoding/json error: a wrong type or an
// unknown field names the field (422); anything else is malformed (400).
// The messages never quote the value sent.
func jsonProblem(err error) *problem {
	var typeErr *json.UnmarshalTypeError
	var syntaxErr *json.SyntaxError
	switch {
	case errors.As(err, &typeErr):
		field := typeErr.Field
		if field == "" {
			return newProblem(probMalformedJSON, "want a JSON %s, got %s", jsonTypeName(typeErr.Type.Kind().String()), typeErr.Value)
		}
		return newProblem(probInvalidField, "want %s, got %s", jsonTypeName(typeErr.Type.Kind().String()), typeErr.Value).at("", field)
	case errors.As(err, &syntaxErr):
		return newProblem(probMalformedJSON, "malformed JSON at offset %d", syntaxErr.Offset)
	case errors.Is(err, io.ErrUnexpectedEOF):
		return newProblem(probMalformedJSON, "the JSON ends too early")
	}
	if name, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		field := strings.Trim(name, `"`)
		return newProblem(probInvalidField, "unknown field").at("", field)
	}
	var mb *http.MaxBytesError
	if errors.As(err, &mb) {
		return asProblem(err)
	}
	return newProblem(probMalformedJSON, "the body is not the JSON expected")
}

// jsonTypeName names a Go kind as JSON does.
func jsonTypeName(kind string) string {
	switch kind {
	case "struct", "map":
		return "object"
	case "slice", "array":
		return "array"
	case "string":
		return "string"
	case "bool":
		return "boolean"
	}
	return "number"
}

// maxIDLen bounds ids given in paths and query parameters.
const maxIDLen = 256

// checkCandidateID vets a candidate id taken from a path or query: valid
// UTF-8, 1 to maxIDLen bytes, no control characters or slashes, not a dot
// path segment.
func checkCandidateID(id string) error {
	switch {
	case id == "":
		return newProblem(probInvalidID, "the id is empty").at("", "id")
	case len(id) > maxIDLen:
		return newProblem(probInvalidID, "the id is longer than %d bytes", maxIDLen).at("", "id")
	case !utf8.ValidString(id):
		return newProblem(probInvalidID, "the id is not UTF-8").at("", "id")
	case id == "." || id == ".." || strings.ContainsAny(id, `/\`):
		return newProblem(probInvalidID, "an id holds no slash and is not a dot segment").at("", "id")
	case strings.ContainsFunc(id, unicode.IsControl):
		return newProblem(probInvalidID, "the id holds a control character").at("", "id")
	}
	return nil
}

// checkRoleID vets a role id. Saved roles are files named by their id, so
// an id is 1 to 128 of the letters, digits, '.', '_' and '-', starting
// with a letter or digit.
func checkRoleID(id, field string) error {
	if id == "" || len(id) > 128 {
		return newProblem(probInvalidID, "a role id is 1 to 128 characters").at("", field)
	}
	for i, r := range id {
		ok := r < utf8.RuneSelf && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || i > 0 && (r == '.' || r == '_' || r == '-'))
		if !ok {
			return newProblem(probInvalidID, "a role id is letters, digits, '.', '_' and '-', starting with a letter or digit").at("", field)
		}
	}
	return nil
}
