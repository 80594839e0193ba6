package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"strconv"

	"github.com/certmatch/certmatch/match"
)

// problemTypePrefix starts every problem type URI. The types are not
// dereferenceable; README.md and the OpenAPI document list them.
const problemTypePrefix = "urn:certmatch:problem:"

// The problem kinds the server answers with, each a type, a title and a
// status.
var (
	probMalformedJSON  = problemKind{"malformed-json", "Malformed JSON", http.StatusBadRequest}
	probInvalidField   = problemKind{"invalid-field", "Invalid field", http.StatusUnprocessableEntity}
	probInvalidID      = problemKind{"invalid-id", "Invalid id", http.StatusBadRequest}
	probInvalidQuery   = problemKind{"invalid-query", "Invalid query parameter", http.StatusBadRequest}
	probInvalidInput   = problemKind{"invalid-input", "Input cannot be read", http.StatusBadRequest}
	probNothingFound   = problemKind{"nothing-found", "No role found in the posting", http.StatusUnprocessableEntity}
	probMediaType      = problemKind{"unsupported-media-type", "Unsupported media type", http.StatusUnsupportedMediaType}
	probTooLarge       = problemKind{"body-too-large", "Request body too large", http.StatusRequestEntityTooLarge}
	probNotFound       = problemKind{"not-found", "Not found", http.StatusNotFound}
	probMethod         = problemKind{"method-not-allowed", "Method not allowed", http.StatusMethodNotAllowed}
	probUnauthorized   = problemKind{"unauthorized", "Missing or unknown bearer token", http.StatusUnauthorized}
	probForbidden      = problemKind{"forbidden", "Read-only token", http.StatusForbidden}
	probCrossOrigin    = problemKind{"cross-origin", "Cross-origin request refused", http.StatusForbidden}
	probTimeout        = problemKind{"request-timeout", "Request body not received in time", http.StatusRequestTimeout}
	probInternal       = problemKind{"internal", "Internal error", http.StatusInternalServerError}
	probNotImplemented = problemKind{"not-implemented", "Not served over a cluster", http.StatusNotImplemented}
)

// problemKinds lists every kind, for the OpenAPI document's test.
var problemKinds = []problemKind{probMalformedJSON, probInvalidField, probInvalidID, probInvalidQuery, probInvalidInput, probNothingFound,
	probMediaType, probTooLarge, probNotFound, probMethod, probUnauthorized, probForbidden, probCrossOrigin, probTimeout, probInternal, probNotImplemented}

// problemKind is one kind of problem: its type (after problemTypePrefix),
// title and HTTP status.
type problemKind struct {
	name   string
	title  string
	status int
}

// problem is an RFC 9457 problem details object. Besides the standard
// members it names the record (a candidate or role id, never a personal
// field) and the field (a JSON path, a query parameter or "id" for a path
// parameter) at fault, and for an import cut short, what the import did.
// A *problem is an error, so handlers return it.
type problem struct {
	Type     string `json:"type"`
	Title    string `json:"title"`
	Status   int    `json:"status"`
	Detail   string `json:"detail,omitempty"`
	Instance string `json:"instance,omitempty"`
	// Record is the id of the candidate or role at fault.
	Record string `json:"record,omitempty"`
	// Field is the JSON path, query parameter or path parameter at fault.
	Field string `json:"field,omitempty"`
	// Position is where a record is in its input ("line 12", "[3]").
	Position string `json:"position,omitempty"`
	// Import is what an import cut short had done when it stopped.
	Import *match.ImportReport `json:"import,omitempty"`
}

func (p *problem) Error() string {
	s := p.Title
	if p.Detail != "" {
		s += ": " + p.Detail
	}
	return s
}

// newProblem returns a problem of kind k with a detail.
func newProblem(k problemKind, format string, args ...any) *problem {
	return &problem{Type: problemTypePrefix + k.name, Title: k.title, Status: k.status, Detail: fmt.Sprintf(format, args...)}
}

// at sets the record and field of p and returns it.
func (p *problem) at(record, field string) *problem {
	p.Record, p.Field = record, field
	return p
}

// asProblem turns any handler error into a problem: a *problem as it is,
// a body over its limit as 413, a body read past its deadline as 408, an
// unknown candidate as 404, anything else as 500 without its text (which
// could hold what a client sent).
func asProblem(err error) *problem {
	var p *problem
	var tooLarge *http.MaxBytesError
	switch {
	case errors.As(err, &p):
		return p
	case errors.As(err, &tooLarge):
		return newProblem(probTooLarge, "the body is over the limit of %d bytes", tooLarge.Limit)
	case errors.Is(err, os.ErrDeadlineExceeded):
		return newProblem(probTimeout, "the request body was not received in time")
	case errors.Is(err, match.ErrUnknownCandidate):
		return newProblem(probNotFound, "no such candidate")
	}
	return newProblem(probInternal, "the server could not complete the request")
}

// writeProblem writes p as application/problem+json, with instance set to
// the request's path.
func writeProblem(w http.ResponseWriter, r *http.Request, p *problem) {
	if p.Instance == "" {
		p.Instance = r.URL.EscapedPath()
	}
	h := w.Header()
	h.Set("Content-Type", "application/problem+json")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	b, err := json.Marshal(p)
	if err != nil {
		b = []byte(`{"type":"` + problemTypePrefix + `internal","title":"Internal error","status":500}`)
		p.Status = http.StatusInternalServerError
	}
	b = append(b, '\n')
	h.Set("Content-Length", strconv.Itoa(len(b)))
	w.WriteHeader(p.Status)
	w.Write(b)
}
