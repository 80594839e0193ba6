package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/certmatch/certmatch/scoring"
	"github.com/google/go-cmp/cmp"
)

// openAPIDoc is the part of the OpenAPI document the tests read.
type openAPIDoc struct {
	OpenAPI    string                                `json:"openapi"`
	Paths      map[string]map[string]json.RawMessage `json:"paths"`
	Components struct {
		Schemas   map[string]*schema `json:"schemas"`
		Responses map[string]struct {
			Content map[string]struct {
				Schema *schema `json:"schema"`
			} `json:"content"`
		} `json:"responses"`
	} `json:"components"`
}

type schema struct {
	Ref        string             `json:"$ref"`
	Type       string             `json:"type"`
	Properties map[string]*schema `json:"properties"`
	Items      *schema            `json:"items"`
	AllOf      []*schema          `json:"allOf"`
	Enum       []string           `json:"enum"`
	// AdditionalProperties is false (a closed object) or the schema of
	// the values of a map.
	AdditionalProperties json.RawMessage `json:"additionalProperties"`
}

type operation struct {
	Security    *[]map[string][]string `json:"security"`
	RequestBody *struct {
		Ref     string `json:"$ref"`
		Content map[string]struct {
			Schema *schema `json:"schema"`
		} `json:"content"`
	} `json:"requestBody"`
	Responses map[string]struct {
		Ref     string `json:"$ref"`
		Content map[string]struct {
			Schema *schema `json:"schema"`
		} `json:"content"`
	} `json:"responses"`
}

func readOpenAPI(t *testing.T) *openAPIDoc {
	t.Helper()
	var doc openAPIDoc
	if err := json.Unmarshal(openAPI, &doc); err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	if doc.OpenAPI != "3.1.0" {
		t.Fatalf("openapi %q, want 3.1.0", doc.OpenAPI)
	}
	return &doc
}

// docPath is a route's path as the document writes it.
func docPath(muxPath string) string { return strings.TrimSuffix(muxPath, "{$}") }

var docMethods = []string{"get", "put", "post", "delete", "patch", "head", "options", "trace"}

// TestOpenAPIRoutes: every route the server registers is in the document
// with its method, and the document has nothing else; an operation needs
// a token exactly when its route does.
func TestOpenAPIRoutes(t *testing.T) {
	doc := readOpenAPI(t)
	s := newServer(nil, nil, nil, nil, defaultLimits)
	var registered, documented []string
	access := map[string]access{}
	for _, rt := range s.routes {
		k := strings.ToLower(rt.method) + " " + docPath(rt.path)
		registered = append(registered, k)
		access[k] = rt.access
	}
	for p, item := range doc.Paths {
		for _, m := range docMethods {
			raw, ok := item[m]
			if !ok {
				continue
			}
			k := m + " " + p
			documented = append(documented, k)
			var op operation
			if err := json.Unmarshal(raw, &op); err != nil {
				t.Fatalf("%s: %v", k, err)
			}
			open := op.Security != nil && len(*op.Security) == 0
			if a, ok := access[k]; ok && open != (a == public) {
				t.Errorf("%s: the document says it needs no token: %v; the route's access is %v", k, open, a)
			}
		}
	}
	sort.Strings(registered)
	sort.Strings(documented)
	if diff := cmp.Diff(registered, documented); diff != "" {
		t.Errorf("routes (-registered +documented):\n%s", diff)
	}
}

// TestOpenAPIFields: the JSON of every request and response type, with
// every field filled, matches its schema: every field the Go type writes
// is a property of the schema, of the right JSON type, and every property
// of the schema is a field the Go type writes.
func TestOpenAPIFields(t *testing.T) {
	doc := readOpenAPI(t)
	s := newServer(nil, nil, nil, nil, defaultLimits)
	checked := 0
	for _, rt := range s.routes {
		op := doc.operation(t, rt)
		if rt.request != nil {
			if op.RequestBody == nil || op.RequestBody.Content["application/json"].Schema == nil {
				t.Errorf("%s: the document has no JSON request body", rt.pattern())
			} else {
				doc.check(t, rt.pattern()+" request", filled(t, rt.request), op.RequestBody.Content["application/json"].Schema)
				checked++
			}
		}
		if rt.response != nil {
			found := false
			for code, r := range op.Responses {
				if !strings.HasPrefix(code, "2") {
					continue
				}
				if sc := r.Content["application/json"].Schema; sc != nil {
					doc.check(t, rt.pattern()+" response "+code, filled(t, rt.response), sc)
					found, checked = true, checked+1
				}
			}
			if !found {
				t.Errorf("%s: the document has no JSON 2xx response", rt.pattern())
			}
		}
		if strings.HasPrefix(rt.path, "/v1/") {
			if d, ok := op.Responses["default"]; !ok || d.Ref != "#/components/responses/Problem" {
				t.Errorf("%s: no default problem response", rt.pattern())
			}
		}
	}
	if checked < 15 {
		t.Errorf("checked %d bodies: the route table lost its types", checked)
	}

	// The problem object, and the problem types the server uses.
	ps := doc.Components.Responses["Problem"].Content["application/problem+json"].Schema
	doc.check(t, "problem", filled(t, problem{}), ps)
	var kinds []string
	for _, k := range problemKinds {
		kinds = append(kinds, problemTypePrefix+k.name)
	}
	if diff := cmp.Diff(kinds, doc.resolve(ps).Properties["type"].Enum); diff != "" {
		t.Errorf("problem types (-server +document):\n%s", diff)
	}
}

func (doc *openAPIDoc) operation(t *testing.T, rt route) operation {
	t.Helper()
	var op operation
	raw, ok := doc.Paths[docPath(rt.path)][strings.ToLower(rt.method)]
	if !ok {
		t.Fatalf("%s is not in the document", rt.pattern())
	}
	if err := json.Unmarshal(raw, &op); err != nil {
		t.Fatal(err)
	}
	for code, r := range op.Responses {
		if r.Ref != "" {
			name := strings.TrimPrefix(r.Ref, "#/components/responses/")
			comp, ok := doc.Components.Responses[name]
			if !ok {
				t.Fatalf("%s: unknown response %s", rt.pattern(), r.Ref)
			}
			r.Content = comp.Content
			op.Responses[code] = r
		}
	}
	return op
}

func (doc *openAPIDoc) resolve(s *schema) *schema {
	for s != nil && s.Ref != "" {
		s = doc.Components.Schemas[strings.TrimPrefix(s.Ref, "#/components/schemas/")]
	}
	return s
}

// properties merges the properties of an object schema and its allOf
// parts.
func (doc *openAPIDoc) properties(s *schema) map[string]*schema {
	s = doc.resolve(s)
	out := map[string]*schema{}
	for k, v := range s.Properties {
		out[k] = v
	}
	for _, part := range s.AllOf {
		for k, v := range doc.properties(part) {
			out[k] = v
		}
	}
	return out
}

// check compares a JSON value with a schema, both ways.
func (doc *openAPIDoc) check(t *testing.T, path string, v any, s *schema) {
	t.Helper()
	s = doc.resolve(s)
	if s == nil {
		t.Errorf("%s: no schema", path)
		return
	}
	typ := s.Type
	if typ == "" && len(s.AllOf) > 0 {
		typ = "object"
	}
	switch v := v.(type) {
	case map[string]any:
		if typ != "object" {
			t.Errorf("%s: an object in Go, %q in the document", path, typ)
			return
		}
		props := doc.properties(s)
		if len(props) == 0 && len(s.AdditionalProperties) > 0 && s.AdditionalProperties[0] == '{' {
			// A map: every value has the schema of additionalProperties.
			var values schema
			if err := json.Unmarshal(s.AdditionalProperties, &values); err != nil {
				t.Fatalf("%s: additionalProperties: %v", path, err)
			}
			if len(v) == 0 {
				t.Errorf("%s: an empty map tests nothing", path)
			}
			for k, sub := range v {
				doc.check(t, path+"["+k+"]", sub, &values)
			}
			return
		}
		for k, sub := range v {
			ps, ok := props[k]
			if !ok {
				t.Errorf("%s.%s: written by the Go type, missing from the document", path, k)
				continue
			}
			doc.check(t, path+"."+k, sub, ps)
		}
		for k := range props {
			if _, ok := v[k]; !ok {
				t.Errorf("%s.%s: in the document, never written by the Go type", path, k)
			}
		}
	case []any:
		if typ != "array" {
			t.Errorf("%s: an array in Go, %q in the document", path, typ)
			return
		}
		for _, e := range v {
			doc.check(t, path+"[]", e, s.Items)
		}
	case string:
		if typ != "string" {
			t.Errorf("%s: a string in Go, %q in the document", path, typ)
		}
	case float64:
		if typ != "number" && typ != "integer" {
			t.Errorf("%s: a number in Go, %q in the document", path, typ)
		}
	case bool:
		if typ != "boolean" {
			t.Errorf("%s: a boolean in Go, %q in the document", path, typ)
		}
	default:
		t.Errorf("%s: unexpected JSON %T", path, v)
	}
}

// filled returns the JSON of v with every exported field set (strings
// "x", numbers 1, true, one element in each slice), so omitempty drops
// nothing, decoded into maps and slices.
func filled(t *testing.T, v any) any {
	t.Helper()
	p := reflect.New(reflect.TypeOf(v))
	fill(p.Elem(), 0)
	b, err := json.Marshal(p.Interface())
	if err != nil {
		t.Fatalf("%T: %v", v, err)
	}
	var out any
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

// rankRoleExample is the type of a rank request's raw role.
var rankRoleExample scoring.Role

var (
	rawMessageType = reflect.TypeOf(json.RawMessage(nil))
	errorType      = reflect.TypeOf((*error)(nil)).Elem()
)

func fill(v reflect.Value, depth int) {
	if depth > 8 {
		return
	}
	switch {
	case v.Type() == rawMessageType:
		// The only raw field is a rank request's role.
		role := reflect.New(reflect.TypeOf(rankRoleExample)).Elem()
		fill(role, depth+1)
		b, _ := json.Marshal(role.Interface())
		v.SetBytes(b)
		return
	case v.Type() == errorType:
		v.Set(reflect.ValueOf(errors.New("x")))
		return
	}
	switch v.Kind() {
	case reflect.String:
		v.SetString("x")
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Int, reflect.Int32, reflect.Int64:
		v.SetInt(1)
	case reflect.Uint, reflect.Uint32, reflect.Uint64:
		v.SetUint(1)
	case reflect.Float64, reflect.Float32:
		v.SetFloat(1)
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		fill(v.Elem(), depth+1)
	case reflect.Slice:
		s := reflect.MakeSlice(v.Type(), 1, 1)
		fill(s.Index(0), depth+1)
		v.Set(s)
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() {
				fill(v.Field(i), depth+1)
			}
		}
	case reflect.Map:
		if v.Type().Key().Kind() != reflect.String {
			panic(fmt.Sprintf("fill: a map (%v) whose keys are not strings in a JSON body type", v.Type()))
		}
		m := reflect.MakeMap(v.Type())
		val := reflect.New(v.Type().Elem()).Elem()
		fill(val, depth+1)
		m.SetMapIndex(reflect.ValueOf("x").Convert(v.Type().Key()), val)
		v.Set(m)
	}
}

// TestOpenAPIServed: the document is served as JSON.
func TestOpenAPIServed(t *testing.T) {
	ts := newTestServer(t, serverOpts{})
	r := ts.do(req{method: "GET", path: "/v1/openapi.json"})
	r.want(t, http.StatusOK, nil)
	if ct := r.header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type %q", ct)
	}
	if !json.Valid(r.body) || !slices.Equal(r.body, openAPI) {
		t.Errorf("served document is not the embedded one")
	}
}

// TestOpenAPIRefs: every $ref of the document points at something it
// holds, and operation ids are unique.
func TestOpenAPIRefs(t *testing.T) {
	var doc any
	if err := json.Unmarshal(openAPI, &doc); err != nil {
		t.Fatal(err)
	}
	ops := map[string]string{}
	refs := 0
	var walk func(path string, v any)
	walk = func(path string, v any) {
		switch v := v.(type) {
		case map[string]any:
			if ref, ok := v["$ref"].(string); ok {
				refs++
				if !resolves(doc, ref) {
					t.Errorf("%s: $ref %q resolves to nothing", path, ref)
				}
			}
			if id, ok := v["operationId"].(string); ok {
				if other, dup := ops[id]; dup {
					t.Errorf("operationId %q at %s and %s", id, other, path)
				}
				ops[id] = path
			}
			for k, sub := range v {
				walk(path+"/"+k, sub)
			}
		case []any:
			for i, sub := range v {
				walk(fmt.Sprintf("%s/%d", path, i), sub)
			}
		}
	}
	walk("#", doc)
	if refs == 0 || len(ops) == 0 {
		t.Errorf("%d refs, %d operations: the walk found nothing", refs, len(ops))
	}
}

// resolves reports whether a local JSON pointer ("#/components/...")
// names a value of doc.
func resolves(doc any, ref string) bool {
	p, ok := strings.CutPrefix(ref, "#/")
	if !ok {
		return false
	}
	v := doc
	for _, part := range strings.Split(p, "/") {
		m, ok := v.(map[string]any)
		if !ok {
			return false
		}
		part = strings.ReplaceAll(strings.ReplaceAll(part, "~1", "/"), "~0", "~")
		if v, ok = m[part]; !ok {
			return false
		}
	}
	return true
}
