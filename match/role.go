package match

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/certmatch/certmatch/scoring"
)

// RoleError is a role (or a JSON Resume job) that could not be read or is
// invalid.
type RoleError struct {
	// Input is what was read: "role" (LoadRole) or "job" (RoleFromJob).
	Input string
	Role  string // the role id, when known
	Field string // JSON path of the problem, "" when the input as a whole is at fault
	Err   error
}

// Error formats e as `role senior-java: required[0].any_of[1]: invalid:
// unknown certification or group "ocpjpx"`.
func (e *RoleError) Error() string {
	s := e.Input
	if s == "" {
		s = "role"
	}
	if e.Role != "" {
		s += " " + e.Role
	}
	if e.Field != "" {
		s += ": " + e.Field
	}
	if e.Err == nil {
		return s + ": invalid"
	}
	return s + ": " + e.Err.Error()
}

// Unwrap returns the underlying error; a validation error wraps
// scoring.ErrInvalid.
func (e *RoleError) Unwrap() error { return e.Err }

// LoadRole reads one role in the native JSON format and validates it
// against cat with (*scoring.Role).Validate. Unknown fields, values of the
// wrong type and trailing data are rejected. Every error is a *RoleError
// naming the field: `role senior-java: required[0].any_of[1]: invalid:
// unknown certification or group "ocpjpx"`.
func LoadRole(r io.Reader, cat *scoring.Catalog) (scoring.Role, error) {
	var role scoring.Role
	data, err := readJSONDoc(r)
	if err != nil {
		return role, &RoleError{Input: "role", Err: err}
	}
	if err := strictUnmarshal(data, &role); err != nil {
		re := &RoleError{Input: "role", Role: peekID(data), Err: err}
		var fe *fieldError
		if errors.As(err, &fe) {
			re.Field, re.Err = fe.field, fe.err
		}
		return scoring.Role{}, re
	}
	if cat == nil {
		cat = scoring.DefaultCatalog()
	}
	if err := role.Validate(cat); err != nil {
		return scoring.Role{}, roleValidationError("role", role.ID, err)
	}
	return role, nil
}

// roleValidationError wraps a (*scoring.Role).Validate error as a
// *RoleError.
func roleValidationError(input, id string, err error) error {
	re := &RoleError{Input: input, Role: id, Err: err}
	var fe *scoring.FieldError
	if errors.As(err, &fe) {
		re.Field, re.Err = fe.Field, fe.Err
	}
	return re
}

// readJSONDoc reads a single JSON object from r: all of r, a byte order
// mark dropped, nothing but white space after the object.
func readJSONDoc(r io.Reader) ([]byte, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("read: %w", err)
	}
	data = bytes.TrimSpace(trimBOM(data))
	if len(data) == 0 {
		return nil, errors.New("empty input")
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	var raw json.RawMessage
	if err := dec.Decode(&raw); err != nil {
		return nil, fmt.Errorf("malformed JSON: %w", err)
	}
	if raw[0] != '{' {
		return nil, fmt.Errorf("want a JSON object, got %s", jsonKind(raw))
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, fmt.Errorf("data after the object at offset %d", dec.InputOffset())
	}
	return raw, nil
}

// LoadRoleFile reads and validates a native role JSON file; errors name
// the file.
func LoadRoleFile(path string, cat *scoring.Catalog) (scoring.Role, error) {
	f, err := os.Open(path)
	if err != nil {
		return scoring.Role{}, err
	}
	defer f.Close()
	r, err := LoadRole(f, cat)
	if err != nil {
		return r, fmt.Errorf("%s: %w", path, err)
	}
	return r, nil
}
