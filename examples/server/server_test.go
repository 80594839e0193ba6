package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/certmatch/certmatch/match"
	"github.com/certmatch/certmatch/match/input"
	"github.com/certmatch/certmatch/scoring"
)

// testNow is the clock of every test server, so scores do not drift.
var testNow = time.Date(2026, time.June, 1, 0, 0, 0, 0, time.UTC)

// The tokens of test servers started with auth.
const (
	rwToken = "rw-token-0123456789abcdef"
	roToken = "ro-token-0123456789abcdef"
)

// testServer is a server over an in-memory engine on real loopback HTTP.
type testServer struct {
	t     *testing.T
	s     *server
	http  *httptest.Server
	roles string // the saved roles folder
	logs  *lockedWriter
}

type serverOpts struct {
	auth   bool
	limits limits
	config func(*http.Server)
}

func newTestServer(t *testing.T, o serverOpts) *testServer {
	t.Helper()
	ctx := context.Background()
	b, err := openBackend(ctx, "", func() time.Time { return testNow })
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.eng.Close() })
	dir := filepath.Join(t.TempDir(), "roles")
	roles, err := openRoles(dir, b.cat)
	if err != nil {
		t.Fatal(err)
	}
	var ts tokens
	if o.auth {
		ts, err = parseTokens(strings.NewReader(rwToken + " rw\n" + roToken + " ro\n"))
		if err != nil {
			t.Fatal(err)
		}
	}
	lim := o.limits
	if lim == (limits{}) {
		lim = defaultLimits
	}
	logs := &lockedWriter{}
	s := newServer(b, roles, ts, slog.New(slog.NewJSONHandler(logs, nil)), lim)
	hs := httptest.NewUnstartedServer(s)
	if o.config != nil {
		o.config(hs.Config)
	}
	hs.Start()
	t.Cleanup(hs.Close)
	return &testServer{t: t, s: s, http: hs, roles: dir, logs: logs}
}

// response is an answer read whole.
type response struct {
	status int
	header http.Header
	body   []byte
}

// req is a request to send; token "" sends none.
type req struct {
	method, path, contentType, token string
	body                             io.Reader
}

func (ts *testServer) do(q req) response {
	ts.t.Helper()
	r, err := http.NewRequest(q.method, ts.http.URL+q.path, q.body)
	if err != nil {
		ts.t.Fatal(err)
	}
	if q.contentType != "" {
		r.Header.Set("Content-Type", q.contentType)
	}
	if q.token != "" {
		r.Header.Set("Authorization", "Bearer "+q.token)
	}
	resp, err := ts.http.Client().Do(r)
	if err != nil {
		ts.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		ts.t.Fatal(err)
	}
	return response{status: resp.StatusCode, header: resp.Header, body: body}
}

// json sends v as JSON.
func (ts *testServer) json(method, path string, v any) response {
	ts.t.Helper()
	var body io.Reader
	if v != nil {
		b, err := json.Marshal(v)
		if err != nil {
			ts.t.Fatal(err)
		}
		body = bytes.NewReader(b)
	}
	return ts.do(req{method: method, path: path, contentType: "application/json", token: rwTokenIfAuth(ts), body: body})
}

func rwTokenIfAuth(ts *testServer) string {
	if ts.s.tokens != nil {
		return rwToken
	}
	return ""
}

// want checks the status and decodes the body into v (nil: not decoded).
func (r response) want(t *testing.T, status int, v any) {
	t.Helper()
	if r.status != status {
		t.Fatalf("status %d, want %d; body %s", r.status, status, r.body)
	}
	if v != nil {
		if err := json.Unmarshal(r.body, v); err != nil {
			t.Fatalf("decode %s: %v", r.body, err)
		}
	}
}

// problemOf decodes a problem details answer, checking its media type.
func (r response) problemOf(t *testing.T) problem {
	t.Helper()
	if ct := r.header.Get("Content-Type"); ct != "application/problem+json" {
		t.Fatalf("Content-Type %q, want application/problem+json; body %s", ct, r.body)
	}
	var p problem
	if err := json.Unmarshal(r.body, &p); err != nil {
		t.Fatalf("decode problem %s: %v", r.body, err)
	}
	if p.Status != r.status {
		t.Errorf("problem status %d, HTTP status %d", p.Status, r.status)
	}
	return p
}

// importFile imports a file of the repository's testdata.
func (ts *testServer) importFile(name string) match.ImportReport {
	ts.t.Helper()
	f, err := os.Open(filepath.Join("..", "..", "testdata", name))
	if err != nil {
		ts.t.Fatal(err)
	}
	defer f.Close()
	var rep match.ImportReport
	ts.do(req{method: "POST", path: "/v1/candidates:import", contentType: "application/json", token: rwTokenIfAuth(ts), body: f}).want(ts.t, http.StatusOK, &rep)
	return rep
}

// putRoleFile saves a role of testdata/roles.
func (ts *testServer) putRoleFile(id string) {
	ts.t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "roles", id+".json"))
	if err != nil {
		ts.t.Fatal(err)
	}
	ts.do(req{method: "PUT", path: "/v1/roles/" + id, contentType: "application/json", token: rwTokenIfAuth(ts), body: bytes.NewReader(b)}).want(ts.t, http.StatusCreated, nil)
}

func loadTestRole(t *testing.T, id string) scoring.Role {
	t.Helper()
	r, err := input.LoadRoleFile(filepath.Join("..", "..", "testdata", "roles", id+".json"), scoring.DefaultCatalog())
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// lockedWriter is a log buffer that handlers write to and a test reads.
type lockedWriter struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

// lines waits until the log holds at least n lines (a request is logged
// just after its answer is sent) and returns them.
func (l *lockedWriter) lines(t *testing.T, n int) []string {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		l.mu.Lock()
		out := strings.Split(strings.TrimSpace(l.b.String()), "\n")
		l.mu.Unlock()
		if len(out) >= n || time.Now().After(deadline) {
			return out
		}
		time.Sleep(5 * time.Millisecond)
	}
}
