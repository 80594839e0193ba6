package strictjson

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

// SchemaDrift compares s with the JSON Schema document schema (draft-07
// as JSON Resume writes it: type, properties, items, format, enum, pattern
// and $ref to "#/definitions/..."), and lists, sorted, every place where
// they disagree: a field s describes that the schema does not have, a
// different JSON type, a [Date], [Email] or [URI] where the schema has no
// such format (or the reverse), an [Enum] with other values. Fields the
// schema has and s does not describe are not drift: s checks only what
// certmatch reads. It is how a hand-written shape is kept in step with
// the schema it copies.
func (s *Shape) SchemaDrift(schema []byte) ([]string, error) {
	var root map[string]any
	if err := json.Unmarshal(schema, &root); err != nil {
		return nil, fmt.Errorf("schema: %w", err)
	}
	var drift []string
	s.drift(root, root, "", &drift)
	slices.Sort(drift)
	return drift, nil
}

func (s *Shape) drift(root, node map[string]any, path string, out *[]string) {
	at := path
	if at == "" {
		at = "(document)"
	}
	report := func(format string, args ...any) { *out = append(*out, at+": "+fmt.Sprintf(format, args...)) }
	node, dated := resolveRef(root, node)
	typ, _ := node["type"].(string)
	want := "string"
	switch s.kind {
	case kindObject:
		want = "object"
	case kindArray:
		want = "array"
	}
	if typ != want {
		report("the schema's type is %q, the shape's %q", typ, want)
		return
	}
	format, _ := node["format"].(string)
	switch s.kind {
	case kindObject:
		props, _ := node["properties"].(map[string]any)
		for k, f := range s.fields {
			p, ok := props[k].(map[string]any)
			if !ok {
				*out = append(*out, joinPath(path, k)+": not in the schema")
				continue
			}
			f.drift(root, p, joinPath(path, k), out)
		}
	case kindArray:
		items, ok := node["items"].(map[string]any)
		if !ok {
			report("the schema gives no items")
			return
		}
		s.item.drift(root, items, path+"[]", out)
	case kindDate:
		if !dated {
			report("the shape is a date, the schema is not iso8601")
		}
	case kindEmail, kindURI:
		if want := map[shapeKind]string{kindEmail: "email", kindURI: "uri"}[s.kind]; format != want {
			report("the shape's format is %q, the schema's %q", want, format)
		}
	case kindEnum:
		var values []string
		for _, v := range asSlice(node["enum"]) {
			if v, ok := v.(string); ok {
				values = append(values, strings.ToLower(v))
			}
		}
		mine := make([]string, len(s.enum))
		for i, v := range s.enum {
			mine[i] = strings.ToLower(v)
		}
		slices.Sort(values)
		slices.Sort(mine)
		if !slices.Equal(values, mine) {
			report("the shape's values are %v, the schema's %v", mine, values)
		}
	case kindString:
		switch {
		case format != "":
			report("the schema's format is %q, the shape checks none", format)
		case dated:
			report("the schema is iso8601, the shape is a plain string")
		case node["enum"] != nil:
			report("the schema is an enum, the shape is a plain string")
		}
	}
}

// resolveRef follows a "#/definitions/NAME" $ref of node, and reports
// whether node is a date: a reference to iso8601, or the same pattern.
func resolveRef(root, node map[string]any) (map[string]any, bool) {
	if ref, ok := node["$ref"].(string); ok {
		name, found := strings.CutPrefix(ref, "#/definitions/")
		defs, _ := root["definitions"].(map[string]any)
		if def, ok := defs[name].(map[string]any); found && ok {
			_, dated := resolveRef(root, def)
			return def, dated || name == "iso8601"
		}
	}
	pattern, _ := node["pattern"].(string)
	return node, pattern != "" && pattern == iso8601RE.String()
}

func asSlice(v any) []any { s, _ := v.([]any); return s }
