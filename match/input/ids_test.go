package input

import (
	"errors"
	"strings"
	"testing"

	"github.com/certmatch/certmatch/internal/identity"
)

func TestPickID(t *testing.T) {
	h := identity.New(nil)
	emailID, _ := h.Email("ann@example.com")
	urlID, _ := h.ProfileURL("linkedin.com/in/ann")
	doc := map[string]any{"meta": map[string]any{"id": "ats-7"}}
	tests := []struct {
		name   string
		opts   IDOptions
		in     IDInput
		doc    map[string]any
		want   string
		warned bool
		err    error
		why    string
	}{
		{"email", IDOptions{}, IDInput{Email: " Ann@Example.com ", ProfileURL: "linkedin.com/in/ann"}, nil, emailID, false, nil, "the keyed hash of the address, folded"},
		{"bad email", IDOptions{}, IDInput{Email: "[403 Forbidden]", ProfileURL: "https://www.linkedin.com/in/ann/"}, nil, urlID, false, nil, "not an address: the profile URL"},
		{"content", IDOptions{}, IDInput{}, nil, h.Content([]byte("x")), true, nil, "neither: the content, with a warning"},
		{"field", IDOptions{Field: "meta.id"}, IDInput{Email: "ann@example.com"}, doc, "ats-7", false, nil, "the integrator's own id wins"},
		{"field missing", IDOptions{Field: "meta.ats"}, IDInput{Email: "ann@example.com"}, doc, "", false, errNoID, "rejected rather than mixing id kinds"},
		{"func", IDOptions{Func: func(in IDInput) (string, error) { return "F-" + in.Name, nil }, Field: "meta.id"}, IDInput{Name: "cv.pdf"}, doc, "F-cv.pdf", false, nil, "the function first"},
		{"func passes", IDOptions{Func: func(IDInput) (string, error) { return " ", nil }}, IDInput{Email: "ann@example.com"}, nil, emailID, false, nil, "blank: the rules below"},
		{"func rejects", IDOptions{Func: func(IDInput) (string, error) { return "", errTest }}, IDInput{}, nil, "", false, errTest, "an error rejects"},
		{"key", IDOptions{Key: []byte("tenant")}, IDInput{Email: "ann@example.com"}, nil, func() string { id, _ := identity.New([]byte("tenant")).Email("ann@example.com"); return id }(), false, nil, "the integrator's key"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id, warn, err := tt.opts.pickID(tt.in, tt.doc, func() []byte { return []byte("x") })
			if !errors.Is(err, tt.err) || (tt.err == nil) != (err == nil) {
				t.Fatalf("err = %v, want %v (%s)", err, tt.err, tt.why)
			}
			if id != tt.want || (warn != nil) != tt.warned {
				t.Errorf("pickID = %q, warn %v; want %q, warned %v (%s)", id, warn, tt.want, tt.warned, tt.why)
			}
			if strings.Contains(id, "ann") {
				t.Errorf("id %q holds part of the address", id)
			}
		})
	}
}
