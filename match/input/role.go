package input

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/certmatch/certmatch/internal/strictjson"
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

// NewRoleError wraps err, the reason the input ("role" or "job") whose id
// is id (or "") could not be read, as a *RoleError, taking the field from
// the *scoring.FieldError (a validation error) or the JSON path from the
// decoding error err wraps.
func NewRoleError(input, id string, err error) *RoleError {
	re := &RoleError{Input: input, Role: id, Err: err}
	var fe *scoring.FieldError
	var pe *strictjson.FieldError
	switch {
	case errors.As(err, &pe):
		re.Field, re.Err = pe.Path, pe.Err
	case errors.As(err, &fe):
		re.Field, re.Err = fe.Field, fe.Err
	}
	return re
}

// LoadRole reads one role in the native JSON format and validates it
// against cat (nil means scoring.DefaultCatalog()) with
// (*scoring.Role).Validate. Unknown fields, values of the wrong type and
// trailing data are rejected. Every error is a *RoleError naming the
// field: `role senior-java: required[0].any_of[1]: invalid: unknown
// certification or group "ocpjpx"`.
func LoadRole(r io.Reader, cat *scoring.Catalog) (scoring.Role, error) {
	var role scoring.Role
	data, err := strictjson.ReadObject(r)
	if err != nil {
		return role, &RoleError{Input: "role", Err: err}
	}
	if err := strictjson.Unmarshal(data, &role); err != nil {
		return scoring.Role{}, NewRoleError("role", peekID(data), err)
	}
	if cat == nil {
		cat = scoring.DefaultCatalog()
	}
	if err := role.Validate(cat); err != nil {
		return scoring.Role{}, NewRoleError("role", role.ID, err)
	}
	return role, nil
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
