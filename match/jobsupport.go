package match

import (
	"github.com/certmatch/certmatch/internal/strictjson"
	"github.com/certmatch/certmatch/match/input"
)

// This file gives RoleFromJob (job.go) the names it is written with; each
// forwards to the package that owns it (internal/strictjson for JSON and
// schema shapes, match/input for roles and JSON Resume), so nothing here
// has logic of its own.

// RoleError is the error RoleFromJob returns; see [input.RoleError].
type RoleError = input.RoleError

var (
	readJSONDoc = strictjson.ReadObject
	decodeAny   = strictjson.DecodeAny
	hashID      = strictjson.HashID
	getObj      = strictjson.GetObject
	getArr      = strictjson.GetArray
	getStr      = strictjson.GetString
	placeName   = input.PlaceName
)

func roleValidationError(in, id string, err error) error { return input.NewRoleError(in, id, err) }

// shape is a strictjson.Shape as the job table writes it: a composite
// literal {kind: kindEnum, enum: ...} for an enum, the values below for
// the rest.
type shape struct {
	kind shapeKind
	enum []string
	s    *strictjson.Shape
}

type shapeKind int

const (
	kindBuilt shapeKind = iota // s holds the shape
	kindEnum                   // an enum of the values in enum
)

var (
	str      = &shape{s: strictjson.String()}
	strArray = &shape{s: strictjson.Array(strictjson.String())}
)

func object(fields map[string]*shape) *shape {
	m := make(map[string]*strictjson.Shape, len(fields))
	for k, f := range fields {
		m[k] = f.built()
	}
	return &shape{s: strictjson.Object(m)}
}

func array(item *shape) *shape { return &shape{s: strictjson.Array(item.built())} }

func (s *shape) built() *strictjson.Shape {
	if s.kind == kindEnum {
		return strictjson.Enum(s.enum...)
	}
	return s.s
}

// fieldError is a *strictjson.FieldError with the field names job.go
// reads.
type fieldError struct {
	field string
	err   error
}

func (s *shape) check(v any, path string) *fieldError {
	if fe := s.built().Check(v, path); fe != nil {
		return &fieldError{fe.Path, fe.Err}
	}
	return nil
}
