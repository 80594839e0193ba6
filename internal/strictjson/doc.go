// Package strictjson decodes JSON strictly and says where it is wrong: the
// first problem of a document is a *[FieldError] whose Path is the JSON
// path of the value at fault, indexes included
// ("certifications[1].date", "required[0].any_of[1]").
//
// [Unmarshal] decodes an object into a struct like encoding/json with
// unknown fields disallowed, following pointers, slices and nested
// structs, and turns encoding/json's type errors into words ("want a
// number, got a string", a *[TypeError]). [Shape] checks a document
// decoded with [DecodeAny] against the part of a JSON schema certmatch
// relies on (types, nested objects and arrays, date, email and URI
// formats, enums), and [Shape.SchemaDrift] compares a hand-written shape
// with the schema it copies. [ReadObject] reads one object from a reader.
//
// Limits: Unmarshal wants a JSON object at the top and a struct to decode
// it into; it reports only the first problem, in document order; it is
// slower than encoding/json, so callers decode with encoding/json first and
// run it only to name the field of a document that failed. A Shape knows
// no $ref, oneOf or required properties: absent fields always pass.
//
// Every function is safe for concurrent use; a Shape is not changed after
// it is built.
//
// Example:
//
//	var role scoring.Role
//	if err := strictjson.Unmarshal(data, &role); err != nil {
//		var fe *strictjson.FieldError
//		if errors.As(err, &fe) { fmt.Println(fe.Path, fe.Err) } // weights.skillz unknown field
//	}
package strictjson
