package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

// fuzzRoutes are the routes that decode a body.
var fuzzRoutes = [][2]string{
	{"POST", "/v1/rank"}, {"POST", "/v1/normalize"}, {"PUT", "/v1/candidates/c-1"},
	{"POST", "/v1/candidates:import"}, {"PUT", "/v1/roles/r"}, {"POST", "/v1/roles:fromJob"},
}

// FuzzRequests sends arbitrary bodies to the routes that decode one: the
// server answers 2xx with JSON or 4xx with problem details, never 5xx,
// never a panic.
func FuzzRequests(f *testing.F) {
	for _, seed := range []string{
		`{"role_id":"senior-java","top":3}`,
		`{"role":{"id":"r","required":[{"any_of":["ocpjp"],"min_version":"11"}]},"ineligible":true,"filters":{"skills":["java"]}}`,
		`{"texts":["OCP Java SE 11 Developer"]}`,
		`{"id":"c-1","certifications":[{"name":"OCA","date":"2021-13"}]}`,
		`[{"id":"a"},{"id":"b","years_experience":"x"}]`,
		"id,name,skills\nc-2,Ann,java;kafka\n",
		`{"title":"Java Developer","qualifications":["OCP Java 11 required"]}`,
		`{"role":{"id":"r","weights":{"skills":-1}}}`,
		`{`, `null`, `[]`, "\xef\xbb\xbf{}", `{"top":1e400}`,
	} {
		for i := range fuzzRoutes {
			f.Add(uint8(i), seed)
		}
	}
	ctx := context.Background()
	b, err := openBackend(ctx, "", func() time.Time { return testNow })
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { b.eng.Close() })
	roles, err := openRoles("", b.cat)
	if err != nil {
		f.Fatal(err)
	}
	s := newServer(b, roles, nil, slog.New(slog.NewTextHandler(io.Discard, nil)), limits{MaxBody: 64 << 10, MaxImport: 64 << 10, ImportTimeout: time.Minute})
	role, _ := json.Marshal(map[string]any{"id": "senior-java", "required": []any{map[string]any{"any_of": []string{"ocpjp"}}}, "required_skills": []string{"java"}})
	w := httptest.NewRecorder()
	s.ServeHTTP(w, newJSONRequest("PUT", "/v1/roles/senior-java", role))
	if w.Code != http.StatusCreated {
		f.Fatalf("saving a role: %d %s", w.Code, w.Body)
	}

	f.Fuzz(func(t *testing.T, route uint8, body string) {
		rt := fuzzRoutes[int(route)%len(fuzzRoutes)]
		method, path := rt[0], rt[1]
		w := httptest.NewRecorder()
		s.ServeHTTP(w, newJSONRequest(method, path, []byte(body)))
		ct := w.Header().Get("Content-Type")
		switch {
		case w.Code >= 500:
			t.Fatalf("%s %s %q: %d %s", method, path, body, w.Code, w.Body)
		case w.Code >= 400 && ct != "application/problem+json":
			t.Fatalf("%s %s %q: %d with Content-Type %q", method, path, body, w.Code, ct)
		case w.Code < 300 && ct != "application/json":
			t.Fatalf("%s %s %q: %d with Content-Type %q", method, path, body, w.Code, ct)
		}
		if !json.Valid(w.Body.Bytes()) {
			t.Fatalf("%s %s %q: not JSON: %s", method, path, body, w.Body)
		}
	})
}

func newJSONRequest(method, path string, body []byte) *http.Request {
	r := httptest.NewRequest(method, "http://127.0.0.1"+path, bytes.NewReader(body))
	r.Header.Set("Content-Type", "application/json")
	return r
}
