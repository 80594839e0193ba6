package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/certmatch/certmatch/match"
	"github.com/google/go-cmp/cmp"
)

// stored is everything a server holds: each candidate as stored, the
// saved roles and the bytes of the roles folder.
type stored struct {
	Candidates map[string]string
	Roles      string
	Files      map[string]string
}

func (ts *testServer) snapshot() stored {
	ts.t.Helper()
	ctx := context.Background()
	out := stored{Candidates: map[string]string{}, Files: map[string]string{}}
	n, err := ts.s.b.eng.Count(ctx)
	if err != nil {
		ts.t.Fatal(err)
	}
	for i := 1; i <= n+5; i++ {
		id := fmt.Sprintf("cand-%04d", i)
		if c, err := ts.s.b.eng.Get(ctx, id); err == nil {
			b, _ := json.Marshal(c)
			out.Candidates[id] = string(b)
		}
	}
	if len(out.Candidates) != n {
		ts.t.Fatalf("snapshot found %d of %d candidates", len(out.Candidates), n)
	}
	b, _ := json.Marshal(ts.s.roles.list())
	out.Roles = string(b)
	entries, err := os.ReadDir(ts.roles)
	if err != nil {
		ts.t.Fatal(err)
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(ts.roles, e.Name()))
		if err != nil {
			ts.t.Fatal(err)
		}
		out.Files[e.Name()] = string(b)
	}
	return out
}

// chunked hides a body's length, so the server cannot refuse it by its
// Content-Length and must stop reading at the limit.
type chunked struct{ r io.Reader }

func (c chunked) Read(p []byte) (int, error) { return c.r.Read(p) }

func TestBadInput(t *testing.T) {
	const smallLimit = 64 << 10
	ts := newTestServer(t, serverOpts{auth: true, limits: limits{MaxBody: smallLimit, MaxImport: smallLimit, ImportTimeout: time.Minute}})
	ts.importFile("candidates.json")
	ts.putRoleFile("senior-java")
	huge := `{"id":"cand-0001","summary":"` + strings.Repeat("x", smallLimit) + `"}`
	hugeImport := "[" + strings.Repeat(`{"id":"cand-0001","skills":["cobol"]},`, smallLimit/30) + `{"id":"z"}]`

	for _, tc := range []struct {
		name   string
		req    req
		status int
		kind   problemKind
		record string
		field  string
	}{
		{"malformed JSON candidate", req{method: "PUT", path: "/v1/candidates/cand-0001", contentType: "application/json", body: strings.NewReader(`{"id":"cand-0001",`)},
			400, probMalformedJSON, "", ""},
		{"malformed JSON rank", req{method: "POST", path: "/v1/rank", contentType: "application/json", body: strings.NewReader(`{"role_id":`)},
			400, probMalformedJSON, "", ""},
		{"malformed JSON role", req{method: "PUT", path: "/v1/roles/senior-java", contentType: "application/json", body: strings.NewReader(`{"id":"senior-java"]`)},
			400, probMalformedJSON, "", ""},
		{"trailing data after a rank request", req{method: "POST", path: "/v1/rank", contentType: "application/json", body: strings.NewReader(`{"role_id":"senior-java"} {}`)},
			400, probMalformedJSON, "", ""},
		{"candidate sent as text", req{method: "PUT", path: "/v1/candidates/cand-0001", contentType: "text/plain", body: strings.NewReader(`{"id":"cand-0001"}`)},
			415, probMediaType, "", ""},
		{"rank without a content type", req{method: "POST", path: "/v1/rank", body: strings.NewReader(`{"role_id":"senior-java"}`)},
			415, probMediaType, "", ""},
		{"role sent as a form", req{method: "PUT", path: "/v1/roles/senior-java", contentType: "application/x-www-form-urlencoded", body: strings.NewReader(`id=senior-java`)},
			415, probMediaType, "", ""},
		{"import sent as a multipart form", req{method: "POST", path: "/v1/candidates:import", contentType: "multipart/form-data; boundary=x", body: strings.NewReader("--x--")},
			415, probMediaType, "", ""},
		{"posting as a PDF", req{method: "POST", path: "/v1/roles:fromJob", contentType: "application/pdf", body: strings.NewReader("%PDF-1.7")},
			415, probMediaType, "", ""},
		{"huge candidate, refused by its length", req{method: "PUT", path: "/v1/candidates/cand-0001", contentType: "application/json", body: strings.NewReader(huge)},
			413, probTooLarge, "", ""},
		{"huge candidate, cut at the limit", req{method: "PUT", path: "/v1/candidates/cand-0001", contentType: "application/json", body: chunked{strings.NewReader(huge)}},
			413, probTooLarge, "", ""},
		{"huge import, refused by its length", req{method: "POST", path: "/v1/candidates:import", contentType: "application/json", body: strings.NewReader(hugeImport)},
			413, probTooLarge, "", ""},
		{"huge rank request, cut at the limit", req{method: "POST", path: "/v1/rank", contentType: "application/json", body: chunked{strings.NewReader(`{"text":"` + strings.Repeat("x", smallLimit) + `"}`)}},
			413, probTooLarge, "", ""},
		{"unknown field in a candidate", req{method: "PUT", path: "/v1/candidates/cand-0001", contentType: "application/json", body: strings.NewReader(`{"id":"cand-0001","nickname":"x"}`)},
			422, probInvalidField, "cand-0001", "nickname"},
		{"unknown field in a credential", req{method: "PUT", path: "/v1/candidates/cand-0001", contentType: "application/json", body: strings.NewReader(`{"id":"cand-0001","certifications":[{"name":"OCA","grade":"A"}]}`)},
			422, probInvalidField, "cand-0001", "certifications[0].grade"},
		{"wrong type in a candidate", req{method: "PUT", path: "/v1/candidates/cand-0001", contentType: "application/json", body: strings.NewReader(`{"id":"cand-0001","years_experience":"ten"}`)},
			422, probInvalidField, "cand-0001", "years_experience"},
		{"invalid value in a candidate", req{method: "PUT", path: "/v1/candidates/cand-0001", contentType: "application/json", body: strings.NewReader(`{"id":"cand-0001","years_experience":-1}`)},
			422, probInvalidField, "cand-0001", "years_experience"},
		{"body id is not the path's", req{method: "PUT", path: "/v1/candidates/cand-0001", contentType: "application/json", body: strings.NewReader(`{"id":"cand-0002"}`)},
			422, probInvalidField, "cand-0001", "id"},
		{"several candidates in a PUT", req{method: "PUT", path: "/v1/candidates/cand-0001", contentType: "application/json", body: strings.NewReader(`[{"id":"cand-0001"},{"id":"cand-0002"}]`)},
			400, probInvalidInput, "", ""},
		{"unknown field in a rank request", req{method: "POST", path: "/v1/rank", contentType: "application/json", body: strings.NewReader(`{"role_id":"senior-java","topp":3}`)},
			422, probInvalidField, "", "topp"},
		{"unknown field in rank filters", req{method: "POST", path: "/v1/rank", contentType: "application/json", body: strings.NewReader(`{"role_id":"senior-java","filters":{"skillz":["java"]}}`)},
			422, probInvalidField, "", "filters.skillz"},
		{"wrong type in a list of texts", req{method: "POST", path: "/v1/normalize", contentType: "application/json", body: strings.NewReader(`{"texts":["OCA",7]}`)},
			422, probInvalidField, "", "texts[1]"},
		{"wrong type in a rank request", req{method: "POST", path: "/v1/rank", contentType: "application/json", body: strings.NewReader(`{"role_id":"senior-java","filters":{"skills":"java"}}`)},
			422, probInvalidField, "", "filters.skills"},
		{"unknown field in an inline role", req{method: "POST", path: "/v1/rank", contentType: "application/json", body: strings.NewReader(`{"role":{"id":"r","requird":[]}}`)},
			422, probInvalidField, "r", "role.requird"},
		{"unknown certification in an inline role", req{method: "POST", path: "/v1/rank", contentType: "application/json", body: strings.NewReader(`{"role":{"id":"r","required":[{"any_of":["ocpjpx"]}]}}`)},
			422, probInvalidField, "r", "role.required[0].any_of[0]"},
		{"role and role_id both", req{method: "POST", path: "/v1/rank", contentType: "application/json", body: strings.NewReader(`{"role":{"id":"r"},"role_id":"senior-java"}`)},
			422, probInvalidField, "", "role_id"},
		{"neither role nor role_id", req{method: "POST", path: "/v1/rank", contentType: "application/json", body: strings.NewReader(`{"top":3}`)},
			422, probInvalidField, "", "role"},
		{"negative offset", req{method: "POST", path: "/v1/rank", contentType: "application/json", body: strings.NewReader(`{"role_id":"senior-java","offset":-1}`)},
			422, probInvalidField, "senior-java", "offset"},
		{"page too large", req{method: "POST", path: "/v1/rank", contentType: "application/json", body: strings.NewReader(`{"role_id":"senior-java","top":100000}`)},
			422, probInvalidField, "senior-java", "top"},
		{"unknown field in a saved role", req{method: "PUT", path: "/v1/roles/senior-java", contentType: "application/json", body: strings.NewReader(`{"id":"senior-java","min_yeras":3}`)},
			422, probInvalidField, "senior-java", "min_yeras"},
		{"invalid saved role", req{method: "PUT", path: "/v1/roles/senior-java", contentType: "application/json", body: strings.NewReader(`{"id":"senior-java","required":[{"any_of":[]}]}`)},
			422, probInvalidField, "senior-java", "required[0].any_of"},
		{"invalid job posting", req{method: "POST", path: "/v1/roles:fromJob", contentType: "application/json", body: strings.NewReader(`{"title":"Dev","remote":"Sometimes"}`)},
			422, probInvalidField, "dev", "remote"},
		{"posting with nothing to read", req{method: "POST", path: "/v1/roles:fromJob", contentType: "text/plain", body: strings.NewReader("Lorem ipsum dolor sit amet, consectetur adipiscing elit.")},
			422, probNothingFound, "", ""},
		{"JSON that is not a job", req{method: "POST", path: "/v1/roles:fromJob", contentType: "application/json", body: strings.NewReader(`{"basics":{"name":"x"}}`)},
			422, probNothingFound, "", ""},
		{"import of an unknown format", req{method: "POST", path: "/v1/candidates:import", contentType: "application/octet-stream", body: strings.NewReader("\x00\x01binary")},
			400, probInvalidInput, "", ""},
		{"import with a bad format parameter", req{method: "POST", path: "/v1/candidates:import?format=xml", contentType: "application/json", body: strings.NewReader(`[]`)},
			400, probInvalidQuery, "", "format"},
		{"unknown candidate", req{method: "GET", path: "/v1/candidates/cand-9999"}, 404, probNotFound, "cand-9999", "id"},
		{"delete of an unknown candidate", req{method: "DELETE", path: "/v1/candidates/cand-9999"}, 404, probNotFound, "cand-9999", "id"},
		{"explain of an unknown candidate", req{method: "GET", path: "/v1/candidates/cand-9999/explain?role=senior-java"}, 404, probNotFound, "cand-9999", "id"},
		{"explain against an unknown role", req{method: "GET", path: "/v1/candidates/cand-0001/explain?role=nope"}, 404, probNotFound, "nope", "role"},
		{"explain without a role", req{method: "GET", path: "/v1/candidates/cand-0001/explain"}, 400, probInvalidQuery, "", "role"},
		{"roles of an unknown candidate", req{method: "GET", path: "/v1/candidates/cand-9999/roles"}, 404, probNotFound, "cand-9999", "id"},
		{"rank by an unknown role", req{method: "POST", path: "/v1/rank", contentType: "application/json", body: strings.NewReader(`{"role_id":"nope"}`)},
			404, probNotFound, "nope", "role_id"},
		{"unknown saved role", req{method: "GET", path: "/v1/roles/nope"}, 404, probNotFound, "nope", "id"},
		{"delete of an unknown role", req{method: "DELETE", path: "/v1/roles/nope"}, 404, probNotFound, "nope", "id"},
		{"facets for an unknown role", req{method: "GET", path: "/v1/facets?role=nope"}, 404, probNotFound, "nope", "role"},
		{"path traversal in a role id", req{method: "PUT", path: "/v1/roles/..%2F..%2Fetc%2Fpasswd", contentType: "application/json", body: strings.NewReader(`{"required_skills":["java"]}`)},
			400, probInvalidID, "", "id"},
		{"dot segment as a role id", req{method: "DELETE", path: "/v1/roles/%2E%2E"}, 400, probInvalidID, "", "id"},
		{"hidden file as a role id", req{method: "GET", path: "/v1/roles/.senior-java"}, 400, probInvalidID, "", "id"},
		{"path traversal in a saved role's id", req{method: "POST", path: "/v1/rank", contentType: "application/json", body: strings.NewReader(`{"role_id":"../senior-java"}`)},
			400, probInvalidID, "", "role_id"},
		{"path traversal in a role query", req{method: "GET", path: "/v1/candidates/cand-0001/explain?role=..%2Fsenior-java"}, 400, probInvalidID, "", "role"},
		{"path traversal in a candidate id", req{method: "DELETE", path: "/v1/candidates/..%2Fcand-0001"}, 400, probInvalidID, "", "id"},
		{"control character in a candidate id", req{method: "GET", path: "/v1/candidates/cand%0A0001"}, 400, probInvalidID, "", "id"},
		{"method not allowed", req{method: "PATCH", path: "/v1/candidates/cand-0001", contentType: "application/json", body: strings.NewReader(`{}`)},
			405, probMethod, "", ""},
		{"unknown route", req{method: "GET", path: "/v1/candidate/cand-0001"}, 404, probNotFound, "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := ts.snapshot()
			tc.req.token = rwToken
			r := ts.do(tc.req)
			if r.status != tc.status {
				t.Fatalf("status %d, want %d; body %s", r.status, tc.status, r.body)
			}
			p := r.problemOf(t)
			want := problem{Type: problemTypePrefix + tc.kind.name, Title: tc.kind.title, Status: tc.status, Record: tc.record, Field: tc.field}
			got := p
			got.Detail, got.Instance, got.Import = "", "", nil
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("problem (-want +got):\n%s\ndetail: %s", diff, p.Detail)
			}
			if p.Detail == "" || p.Instance == "" {
				t.Errorf("problem without detail or instance: %s", r.body)
			}
			if diff := cmp.Diff(before, ts.snapshot()); diff != "" {
				t.Errorf("stored state changed (-before +after):\n%s", diff)
			}
		})
	}
}

// TestImportCutAtTheLimit: an import whose length is not announced and
// that runs past the limit is 413 with the report of what was imported
// before the limit: its imported count is what the index holds.
func TestImportCutAtTheLimit(t *testing.T) {
	const limit = 128 << 10 // about 3,600 records: three batches written before the cut
	ts := newTestServer(t, serverOpts{limits: limits{MaxBody: 1 << 10, MaxImport: limit, ImportTimeout: time.Minute}})
	// An import may be larger than other bodies.
	var small strings.Builder
	for i := 0; small.Len() < 8<<10; i++ {
		fmt.Fprintf(&small, `{"id":"small-%05d","skills":["java"]}`+"\n", i)
	}
	var rep match.ImportReport
	ts.do(req{method: "POST", path: "/v1/candidates:import", contentType: "application/x-ndjson", body: strings.NewReader(small.String())}).want(t, http.StatusOK, &rep)
	if rep.Imported == 0 || rep.Imported != rep.Read {
		t.Fatalf("import under MaxImport: %+v", rep)
	}
	var lines strings.Builder
	for i := 0; lines.Len() < 4*limit; i++ {
		fmt.Fprintf(&lines, `{"id":"bulk-%05d","skills":["java"]}`+"\n", i)
	}
	r := ts.do(req{method: "POST", path: "/v1/candidates:import", contentType: "application/x-ndjson", body: chunked{strings.NewReader(lines.String())}})
	if r.status != http.StatusRequestEntityTooLarge {
		t.Fatalf("status %d, want 413; body %s", r.status, r.body)
	}
	p := r.problemOf(t)
	if p.Import == nil {
		t.Fatalf("no import report in %s", r.body)
	}
	n, _ := ts.s.b.eng.Count(context.Background())
	n -= rep.Imported
	if p.Import.Imported != n || n == 0 || p.Import.Read < p.Import.Imported+len(p.Import.Rejected) {
		t.Errorf("report %+v, index holds %d", *p.Import, n)
	}
}

func TestAuth(t *testing.T) {
	ts := newTestServer(t, serverOpts{auth: true})
	ts.importFile("candidates.json")
	for _, tc := range []struct {
		name, method, path, token string
		body                      string
		status                    int
		kind                      problemKind
		challenge                 string
	}{
		{"no token", "GET", "/v1/candidates/cand-0001", "", "", 401, probUnauthorized, `Bearer realm="certmatch"`},
		{"wrong token", "GET", "/v1/candidates/cand-0001", "not-a-token-0123456789", "", 401, probUnauthorized, `Bearer realm="certmatch", error="invalid_token"`},
		{"prefix of a token", "GET", "/v1/candidates/cand-0001", rwToken[:len(rwToken)-1], "", 401, probUnauthorized, `Bearer realm="certmatch", error="invalid_token"`},
		{"read-only token writing a candidate", "PUT", "/v1/candidates/cand-0001", roToken, `{"id":"cand-0001"}`, 403, probForbidden, `Bearer realm="certmatch", error="insufficient_scope"`},
		{"read-only token deleting", "DELETE", "/v1/candidates/cand-0001", roToken, "", 403, probForbidden, `Bearer realm="certmatch", error="insufficient_scope"`},
		{"read-only token importing", "POST", "/v1/candidates:import", roToken, `[{"id":"cand-0001"}]`, 403, probForbidden, `Bearer realm="certmatch", error="insufficient_scope"`},
		{"read-only token saving a role", "PUT", "/v1/roles/x", roToken, `{"id":"x"}`, 403, probForbidden, `Bearer realm="certmatch", error="insufficient_scope"`},
		{"no token for metrics", "GET", "/metrics", "", "", 401, probUnauthorized, `Bearer realm="certmatch"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := ts.snapshot()
			var body io.Reader
			if tc.body != "" {
				body = strings.NewReader(tc.body)
			}
			r := ts.do(req{method: tc.method, path: tc.path, token: tc.token, contentType: "application/json", body: body})
			if r.status != tc.status {
				t.Fatalf("status %d, want %d; body %s", r.status, tc.status, r.body)
			}
			if p := r.problemOf(t); p.Type != problemTypePrefix+tc.kind.name {
				t.Errorf("type %q, want %q", p.Type, tc.kind.name)
			}
			if got := r.header.Get("WWW-Authenticate"); got != tc.challenge {
				t.Errorf("WWW-Authenticate %q, want %q", got, tc.challenge)
			}
			if diff := cmp.Diff(before, ts.snapshot()); diff != "" {
				t.Errorf("stored state changed (-before +after):\n%s", diff)
			}
		})
	}
	// What the tokens allow.
	ts.do(req{method: "GET", path: "/v1/candidates/cand-0001", token: roToken}).want(t, 200, nil)
	ts.do(req{method: "POST", path: "/v1/normalize", token: roToken, contentType: "application/json", body: strings.NewReader(`{"texts":["OCA"]}`)}).want(t, 200, nil)
	ts.do(req{method: "DELETE", path: "/v1/candidates/cand-0001", token: rwToken}).want(t, 204, nil)
	ts.do(req{method: "GET", path: "/healthz"}).want(t, 200, nil)
	ts.do(req{method: "GET", path: "/"}).want(t, 200, nil)
}

func TestParseTokens(t *testing.T) {
	for _, tc := range []struct {
		name, file, err string
		n               int
	}{
		{"two tokens, comments and blank lines", "# ops\n" + rwToken + " rw\n\n  " + roToken + "  ro  \n", "", 2},
		{"no scope", rwToken + "\n", "line 1: want TOKEN ro or TOKEN rw", 0},
		{"unknown scope", "# x\n" + rwToken + " admin\n", "line 2: want TOKEN ro or TOKEN rw", 0},
		{"short token", "short rw\n", "line 1: a token has at least 16 characters", 0},
		{"empty file", "# nothing\n", "no tokens", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := parseTokens(strings.NewReader(tc.file))
			errText := ""
			if err != nil {
				errText = err.Error()
			}
			if errText != tc.err || len(got) != tc.n {
				t.Errorf("got %d tokens, error %q; want %d, %q", len(got), errText, tc.n, tc.err)
			}
			if strings.Contains(errText, "short") || strings.Contains(errText, rwToken) {
				t.Errorf("error %q quotes a token", errText)
			}
		})
	}
}

func TestIsLoopback(t *testing.T) {
	for addr, want := range map[string]bool{
		"127.0.0.1:8080": true, "[::1]:8080": true, "localhost:8080": true, "127.0.0.2:80": true,
		":8080": false, "0.0.0.0:8080": false, "[::]:8080": false, "192.168.1.10:8080": false, "example.com:80": false, "nonsense": false,
	} {
		if got := isLoopback(addr); got != want {
			t.Errorf("isLoopback(%q) = %v, want %v", addr, got, want)
		}
	}
}

// TestSlowClients: a client that sends its body too slowly gets 408, and
// one that never finishes its headers is cut off at ReadHeaderTimeout
// (net/http closes such a connection without an answer).
func TestSlowClients(t *testing.T) {
	ts := newTestServer(t, serverOpts{config: func(s *http.Server) {
		s.ReadHeaderTimeout = 200 * time.Millisecond
		s.ReadTimeout = 500 * time.Millisecond
	}})
	addr := ts.http.Listener.Addr().String()

	t.Run("slow body", func(t *testing.T) {
		before := ts.snapshot()
		conn, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		body := `{"id":"slow-1","skills":["java"]}`
		fmt.Fprintf(conn, "PUT /v1/candidates/slow-1 HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s", len(body), body[:5])
		conn.SetReadDeadline(time.Now().Add(5 * time.Second))
		resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		r := response{status: resp.StatusCode, header: resp.Header, body: b}
		if r.status != http.StatusRequestTimeout {
			t.Fatalf("status %d, want 408; body %s", r.status, b)
		}
		if p := r.problemOf(t); p.Type != problemTypePrefix+probTimeout.name {
			t.Errorf("type %q", p.Type)
		}
		if diff := cmp.Diff(before, ts.snapshot()); diff != "" {
			t.Errorf("stored state changed (-before +after):\n%s", diff)
		}
	})
	t.Run("slow headers", func(t *testing.T) {
		conn, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		start := time.Now()
		fmt.Fprint(conn, "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n")
		conn.SetReadDeadline(time.Now().Add(5 * time.Second))
		n, err := conn.Read(make([]byte, 1))
		if n != 0 || err == nil {
			t.Fatalf("read %d bytes, error %v: want the connection closed", n, err)
		}
		if ne, ok := err.(net.Error); ok && ne.Timeout() {
			t.Fatalf("the server kept the connection open for 5s")
		}
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("closed after %v, want about 200ms", d)
		}
	})
}

// TestCrossOrigin: a page of another origin cannot make a browser change
// what the server holds (even with the simple requests a form could send),
// and without tokens the server answers only requests for a loopback
// host, so a DNS name rebound to 127.0.0.1 reaches nothing.
func TestCrossOrigin(t *testing.T) {
	ts := newTestServer(t, serverOpts{})
	ts.importFile("candidates.json")
	importBody := `[{"id":"cand-0001","skills":["cobol"]}]`
	for _, tc := range []struct {
		name    string
		method  string
		path    string
		header  map[string]string
		body    string
		status  int
		refused bool
	}{
		{"import as a simple cross-site request", "POST", "/v1/candidates:import", map[string]string{"Content-Type": "text/plain", "Sec-Fetch-Site": "cross-site", "Origin": "https://evil.example"}, importBody, 403, true},
		{"import from another origin, no fetch metadata", "POST", "/v1/candidates:import", map[string]string{"Content-Type": "text/plain", "Origin": "https://evil.example"}, importBody, 403, true},
		{"delete from another site", "DELETE", "/v1/candidates/cand-0001", map[string]string{"Sec-Fetch-Site": "cross-site"}, "", 403, true},
		{"rebound DNS name", "GET", "/v1/candidates/cand-0001", map[string]string{"Host": "evil.example"}, "", 403, true},
		{"rebound DNS name with a port", "POST", "/v1/candidates:import", map[string]string{"Host": "evil.example:8080", "Content-Type": "application/json"}, importBody, 403, true},
		{"the page's own request", "GET", "/v1/candidates/cand-0001", map[string]string{"Sec-Fetch-Site": "same-origin"}, "", 200, false},
		{"a read from another site", "GET", "/v1/roles", map[string]string{"Sec-Fetch-Site": "cross-site"}, "", 200, false},
		{"localhost by name", "GET", "/v1/roles", map[string]string{"Host": "localhost:8080"}, "", 200, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := ts.snapshot()
			var body io.Reader
			if tc.body != "" {
				body = strings.NewReader(tc.body)
			}
			r, err := http.NewRequest(tc.method, ts.http.URL+tc.path, body)
			if err != nil {
				t.Fatal(err)
			}
			for k, v := range tc.header {
				if k == "Host" {
					r.Host = v
				} else {
					r.Header.Set(k, v)
				}
			}
			resp, err := ts.http.Client().Do(r)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			got := response{status: resp.StatusCode, header: resp.Header, body: b}
			if got.status != tc.status {
				t.Fatalf("status %d, want %d; body %s", got.status, tc.status, b)
			}
			if tc.refused {
				if p := got.problemOf(t); p.Type != problemTypePrefix+probCrossOrigin.name {
					t.Errorf("type %q", p.Type)
				}
			}
			if diff := cmp.Diff(before, ts.snapshot()); diff != "" {
				t.Errorf("stored state changed (-before +after):\n%s", diff)
			}
		})
	}
}
