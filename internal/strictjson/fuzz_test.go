package strictjson

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/certmatch/certmatch/scoring"
)

// FuzzUnmarshal checks that Unmarshal never panics and agrees with
// encoding/json (unknown fields disallowed) on which objects decode, and
// on the value decoded when no key repeats.
func FuzzUnmarshal(f *testing.F) {
	for _, seed := range []string{
		`{"id":"c1","certifications":[{"name":"OCPJP","date":"2021-03"}],"years_experience":7.5}`,
		`{"id":"c1","skills":["Java",1]}`,
		`{"ID":"c1","Skills":null,"bogus":1}`,
		`{"id":"c1","certifications":[{"date":"2021-13"}]}`,
		`{"id":"c1","desired_salary":1e999}`,
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, data string) {
		var strict scoring.Candidate
		err := Unmarshal([]byte(data), &strict)
		t0 := bytes.TrimSpace([]byte(data))
		if len(t0) == 0 || t0[0] != '{' || !json.Valid(t0) {
			return
		}
		var std scoring.Candidate
		dec := json.NewDecoder(bytes.NewReader(t0))
		dec.DisallowUnknownFields()
		stdErr := dec.Decode(&std)
		if (err == nil) != (stdErr == nil) {
			t.Fatalf("Unmarshal error %v, encoding/json error %v, for %s", err, stdErr, data)
		}
		if err == nil && !repeatsKey(t0) {
			if diff := cmp.Diff(std, strict); diff != "" {
				t.Errorf("Unmarshal and encoding/json decode %s differently (-json +strict):\n%s", data, diff)
			}
		}
	})
}

// repeatsKey reports whether an object in data has a key twice (compared
// case-insensitively, as fields match), where the decoders may merge
// differently.
func repeatsKey(data []byte) bool {
	dec := json.NewDecoder(bytes.NewReader(data))
	var stack []map[string]bool
	expectKey := false
	for {
		tok, err := dec.Token()
		if err != nil {
			return false
		}
		switch tok {
		case json.Delim('{'):
			stack = append(stack, map[string]bool{})
			expectKey = true
			continue
		case json.Delim('}'), json.Delim(']'):
			if tok == json.Delim('}') {
				stack = stack[:len(stack)-1]
			}
		case json.Delim('['):
			stack = append(stack, nil)
			expectKey = false
			continue
		default:
			if s, ok := tok.(string); ok && expectKey && len(stack) > 0 && stack[len(stack)-1] != nil {
				k := string(bytes.ToLower([]byte(s)))
				if stack[len(stack)-1][k] {
					return true
				}
				stack[len(stack)-1][k] = true
				expectKey = false
				continue
			}
		}
		// After a value: in an object the next token is a key.
		expectKey = len(stack) > 0 && stack[len(stack)-1] != nil
	}
}
