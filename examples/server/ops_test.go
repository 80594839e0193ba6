package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/certmatch/certmatch/match"
	"github.com/google/go-cmp/cmp"
)

// TestAccessLog: every request is logged with its method, route pattern,
// status, duration and size, and nothing a client sent: no path, id,
// name, e-mail address or body.
func TestAccessLog(t *testing.T) {
	ts := newTestServer(t, serverOpts{})
	ts.importFile("candidates.json")
	r := ts.json("GET", "/v1/candidates/cand-0001", nil)
	r.want(t, 200, nil)
	var c struct{ Name, Email string }
	json.Unmarshal(r.body, &c)
	if c.Name == "" || c.Email == "" {
		t.Fatalf("cand-0001 has no name or e-mail to look for: %s", r.body)
	}
	ts.json("PUT", "/v1/candidates/cand-0002", map[string]any{"id": "cand-0002", "name": "Zed Secretname", "email": "zed@secret.example"}).want(t, 200, nil)

	lines := ts.logs.lines(t, 3)
	if len(lines) != 3 {
		t.Fatalf("%d log lines, want 3:\n%s", len(lines), strings.Join(lines, "\n"))
	}
	var got []map[string]any
	for _, l := range lines {
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatalf("log line %q: %v", l, err)
		}
		if _, ok := m["duration_ms"].(float64); !ok {
			t.Errorf("no duration_ms in %s", l)
		}
		if b, ok := m["bytes"].(float64); !ok || b <= 0 {
			t.Errorf("no bytes in %s", l)
		}
		delete(m, "time")
		delete(m, "duration_ms")
		delete(m, "bytes")
		got = append(got, m)
		for _, secret := range []string{c.Name, c.Email, "Secretname", "zed@", "cand-000"} {
			if strings.Contains(l, secret) {
				t.Errorf("log line holds %q: %s", secret, l)
			}
		}
	}
	want := []map[string]any{
		{"level": "INFO", "msg": "request", "method": "POST", "route": "/v1/candidates:import", "status": 200.0},
		{"level": "INFO", "msg": "request", "method": "GET", "route": "/v1/candidates/{id}", "status": 200.0},
		{"level": "INFO", "msg": "request", "method": "PUT", "route": "/v1/candidates/{id}", "status": 200.0},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("access log (-want +got):\n%s", diff)
	}
}

func TestMetrics(t *testing.T) {
	ts := newTestServer(t, serverOpts{})
	rep := ts.importFile("candidates.json")
	ts.putRoleFile("senior-java")
	ts.json("GET", "/v1/candidates/nope", nil).want(t, 404, nil)
	ts.json("GET", "/v1/candidates/nope", nil).want(t, 404, nil)
	for _, m := range []string{"BREW", "WHEN"} { // invented methods share one label
		ts.do(req{method: m, path: "/v1/rank"}).want(t, 405, nil)
	}
	ts.logs.lines(t, 6) // the last request is counted once it is logged

	r := ts.json("GET", "/metrics", nil)
	r.want(t, 200, nil)
	if ct := r.header.Get("Content-Type"); !strings.HasPrefix(ct, "text/plain; version=0.0.4") {
		t.Errorf("Content-Type %q", ct)
	}
	text := string(r.body)
	for _, want := range []string{
		`certmatch_http_requests_total{method="POST",route="/v1/candidates:import",status="200"} 1`,
		`certmatch_http_requests_total{method="GET",route="/v1/candidates/{id}",status="404"} 2`,
		`certmatch_http_requests_total{method="PUT",route="/v1/roles/{id}",status="201"} 1`,
		`certmatch_http_request_duration_seconds_bucket{method="GET",route="/v1/candidates/{id}",le="+Inf"} 2`,
		`certmatch_http_request_duration_seconds_count{method="GET",route="/v1/candidates/{id}"} 2`,
		fmt.Sprintf("certmatch_candidates %d\n", rep.Imported),
		"certmatch_saved_roles 1\n",
		"certmatch_imports_in_flight 0\n",
		"# TYPE certmatch_http_request_duration_seconds histogram\n",
		`certmatch_http_requests_total{method="OTHER",route="/v1/rank",status="405"} 2`,
	} {
		if !strings.Contains(text, want) {
			t.Errorf("metrics lack %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "BREW") {
		t.Errorf("an invented method became a label:\n%s", text)
	}
	// Every sample line is NAME{LABELS} VALUE or NAME VALUE, and the
	// buckets of a series never decrease.
	sample := regexp.MustCompile(`^[a-z_]+(\{[a-z_]+="[^"]*"(,[a-z_]+="[^"]*")*\})? [0-9.e+-]+$`)
	last := map[string]float64{}
	for _, l := range strings.Split(strings.TrimSpace(text), "\n") {
		if strings.HasPrefix(l, "# ") {
			continue
		}
		if !sample.MatchString(l) {
			t.Errorf("not a sample line: %q", l)
			continue
		}
		if strings.Contains(l, "_bucket{") {
			series := l[:strings.Index(l, ",le=")]
			var v float64
			fmt.Sscan(l[strings.LastIndex(l, " ")+1:], &v)
			if v < last[series] {
				t.Errorf("bucket decreases: %q", l)
			}
			last[series] = v
		}
	}
}

// TestServeRefusesOpenAddrWithoutTokens: beyond loopback the server does
// not start without tokens, and with them it wants one.
func TestServeRefusesOpenAddrWithoutTokens(t *testing.T) {
	var stderr bytes.Buffer
	code := run(context.Background(), []string{"--addr", "0.0.0.0:0"}, &stderr, nil)
	if code != 2 || !strings.Contains(stderr.String(), "listens beyond loopback: give --tokens FILE") {
		t.Errorf("exit %d, stderr %q; want 2 and the reason", code, stderr.String())
	}

	dir := t.TempDir()
	tokensFile := filepath.Join(dir, "tokens")
	if err := os.WriteFile(tokensFile, []byte(rwToken+" rw\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	stderr.Reset()
	code = run(context.Background(), []string{"--addr", "0.0.0.0:0", "--tokens", tokensFile}, &stderr, nil)
	if code != 1 || !strings.Contains(stderr.String(), "readable by others (mode -rw-r--r--): chmod 600 it") || strings.Contains(stderr.String(), rwToken) {
		t.Errorf("exit %d, stderr %q; want 1 and the reason, without the token", code, stderr.String())
	}
	if err := os.Chmod(tokensFile, 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ready := make(chan string, 1)
	done := make(chan int, 1)
	go func() { done <- run(ctx, []string{"--addr", "0.0.0.0:0", "--tokens", tokensFile}, io.Discard, ready) }()
	addr := <-ready
	_, port, _ := net.SplitHostPort(addr)
	resp, err := http.Get("http://127.0.0.1:" + port + "/v1/roles")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("status %d without a token, want 401", resp.StatusCode)
	}
	cancel()
	if code := <-done; code != 0 {
		t.Errorf("exit %d after shutdown, want 0", code)
	}
}

// TestShutdownFinishesImports: a shutdown that starts while an import is
// arriving lets it finish and answer with its report, then the server
// exits cleanly and the on-disk index holds the candidates.
func TestShutdownFinishesImports(t *testing.T) {
	dir := t.TempDir()
	idx := filepath.Join(dir, "idx")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	cfg, err := parseFlags([]string{"--addr", "127.0.0.1:0", "--index", idx, "--now", "2026-06-01"}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.roles != idx+".roles" {
		t.Errorf("roles folder %q, want %q beside the index", cfg.roles, idx+".roles")
	}
	ready := make(chan string, 1)
	done := make(chan error, 1)
	go func() { done <- serve(ctx, cfg, slog.New(slog.NewTextHandler(io.Discard, nil)), ready) }()
	base := "http://" + <-ready

	pr, pw := io.Pipe()
	answer := make(chan *http.Response, 1)
	go func() {
		resp, err := http.Post(base+"/v1/candidates:import", "application/x-ndjson", pr)
		if err != nil {
			t.Error(err)
			answer <- nil
			return
		}
		answer <- resp
	}()
	const n = 2500
	line := func(i int) string { return fmt.Sprintf(`{"id":"late-%04d","skills":["java"]}`+"\n", i) }
	for i := 0; i < n/2; i++ {
		io.WriteString(pw, line(i))
	}
	waitFor(t, base+"/metrics", "certmatch_imports_in_flight 1\n")
	cancel() // the signal
	// The listener closes; the import goes on.
	waitRefused(t, base+"/healthz")
	for i := n / 2; i < n; i++ {
		io.WriteString(pw, line(i))
	}
	pw.Close()
	resp := <-answer
	if resp == nil {
		t.FailNow()
	}
	defer resp.Body.Close()
	var rep match.ImportReport
	if err := json.NewDecoder(resp.Body).Decode(&rep); err != nil || resp.StatusCode != 200 {
		t.Fatalf("status %d, %v", resp.StatusCode, err)
	}
	if rep.Read != n || rep.Imported != n {
		t.Errorf("import read %d, imported %d; want %d", rep.Read, rep.Imported, n)
	}
	if err := <-done; err != nil {
		t.Fatalf("serve: %v", err)
	}
	b, err := openBackend(context.Background(), idx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer b.eng.Close()
	if got, _ := b.eng.Count(context.Background()); got != n {
		t.Errorf("index holds %d after the restart, want %d", got, n)
	}
}

// waitFor polls url until its body holds want.
func waitFor(t *testing.T, url, want string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		resp, err := http.Get(url)
		if err == nil {
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if bytes.Contains(b, []byte(want)) {
				return
			}
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("%s never held %q", url, want)
}

// waitRefused polls url until connections are refused.
func waitRefused(t *testing.T, url string) {
	t.Helper()
	c := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		resp, err := c.Get(url)
		if err != nil {
			var op *net.OpError
			if errors.As(err, &op) {
				return
			}
		} else {
			resp.Body.Close()
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("%s still answers", url)
}
