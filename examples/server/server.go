package main

import (
	"bytes"
	"log/slog"
	"net/http"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/certmatch/certmatch/match/report"
)

// limits bound what a request may send and how long it may take.
type limits struct {
	// MaxBody bounds a JSON request body, MaxImport an import's.
	MaxBody, MaxImport int64
	// ImportTimeout is how long an import may take to arrive and be
	// answered; other requests have the server's read and write timeouts.
	ImportTimeout time.Duration
}

// defaultLimits apply when the flags say nothing else.
var defaultLimits = limits{MaxBody: 1 << 20, MaxImport: 256 << 20, ImportTimeout: 10 * time.Minute}

// server is the HTTP API and the page over one engine and one role store.
type server struct {
	b       *backend
	roles   *roleStore
	tokens  tokens // nil: authentication off
	metrics *metrics
	log     *slog.Logger
	limits  limits
	routes  []route
	mux     *http.ServeMux
	// csrf refuses state-changing requests a browser sends from another
	// origin.
	csrf *http.CrossOriginProtection
}

// route is one registered method and path.
type route struct {
	method, path string
	access       access
	handle       func(http.ResponseWriter, *http.Request) error
	// long marks an import: its body may be MaxImport bytes (others:
	// MaxBody), its deadlines are ImportTimeout and it counts as in
	// flight.
	long bool
	// request and response are values of the JSON body types, for the
	// OpenAPI document's test; nil when the body is not JSON or absent.
	request, response any
}

func (rt route) pattern() string { return rt.method + " " + rt.path }

func newServer(b *backend, roles *roleStore, ts tokens, log *slog.Logger, lim limits) *server {
	s := &server{b: b, roles: roles, tokens: ts, metrics: newMetrics(), log: log, limits: lim, mux: http.NewServeMux()}
	s.routes = s.routeTable()
	methods := map[string][]string{}
	var paths []string
	for _, rt := range s.routes {
		s.mux.Handle(rt.pattern(), s.wrap(rt))
		if _, ok := methods[rt.path]; !ok {
			paths = append(paths, rt.path)
		}
		methods[rt.path] = append(methods[rt.path], rt.method)
	}
	// A known path asked with another method is 405 with Allow, and an
	// unknown path 404, both as problem details.
	for _, p := range paths {
		allow := methods[p]
		if slices.Contains(allow, http.MethodGet) {
			allow = append(allow, http.MethodHead)
		}
		s.mux.HandleFunc(p, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Allow", strings.Join(allow, ", "))
			writeProblem(w, r, newProblem(probMethod, "%s is not allowed here; use %s", r.Method, strings.Join(allow, ", ")))
		})
	}
	s.mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeProblem(w, r, newProblem(probNotFound, "no such resource"))
	})
	s.csrf = http.NewCrossOriginProtection()
	s.csrf.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeProblem(w, r, newProblem(probCrossOrigin, "a page of another origin may not send this request"))
	}))
	return s
}

// ServeHTTP logs and counts every request.
func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	rec := &recorder{ResponseWriter: w, status: http.StatusOK}
	s.guard(rec, r)
	d := time.Since(start)
	route, method := routeOf(r.Pattern), methodLabel(r.Method)
	s.metrics.observe(method, route, rec.status, d)
	// The access log holds no path, query or body: ids stay out of it,
	// and names and e-mail addresses never reach it.
	s.log.LogAttrs(r.Context(), slog.LevelInfo, "request",
		slog.String("method", method),
		slog.String("route", route),
		slog.Int("status", rec.status),
		slog.Float64("duration_ms", float64(d.Microseconds())/1000),
		slog.Int64("bytes", rec.bytes),
	)
}

// guard refuses what a browser may be tricked into sending: a request
// from a page of another origin that would change something
// (http.CrossOriginProtection: Sec-Fetch-Site and Origin), and, without
// tokens, a request naming a host that is not loopback, as a page that
// rebinds its DNS name to 127.0.0.1 does.
func (s *server) guard(w http.ResponseWriter, r *http.Request) {
	if s.tokens == nil && !loopbackHost(r.Host) {
		writeProblem(w, r, newProblem(probCrossOrigin, "without tokens the server answers only requests for a loopback host"))
		return
	}
	if err := s.csrf.Check(r); err != nil {
		writeProblem(w, r, newProblem(probCrossOrigin, "a page of another origin may not send this request"))
		return
	}
	s.mux.ServeHTTP(w, r)
}

// methodLabel is the method as metrics and logs name it: one of the
// standard methods, or "OTHER", so that a client inventing methods cannot
// grow the metrics without bound.
func methodLabel(m string) string {
	switch m {
	case http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch,
		http.MethodDelete, http.MethodOptions, http.MethodConnect, http.MethodTrace:
		return m
	}
	return "OTHER"
}

// routeOf is the path of a matched pattern, "unmatched" for none.
func routeOf(pattern string) string {
	if pattern == "" {
		return "unmatched"
	}
	if _, p, ok := strings.Cut(pattern, " "); ok {
		return p
	}
	return pattern
}

// recorder keeps the status and the number of body bytes written.
type recorder struct {
	http.ResponseWriter
	status      int
	bytes       int64
	wroteHeader bool
}

func (r *recorder) WriteHeader(code int) {
	if !r.wroteHeader {
		r.status, r.wroteHeader = code, true
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *recorder) Write(b []byte) (int, error) {
	r.wroteHeader = true
	n, err := r.ResponseWriter.Write(b)
	r.bytes += int64(n)
	return n, err
}

// Unwrap lets http.ResponseController reach the connection.
func (r *recorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

// wrap applies a route's authentication, body limit and deadlines, and
// turns its error into problem details.
func (s *server) wrap(rt route) http.Handler {
	maxBody := s.limits.MaxBody
	if rt.long {
		maxBody = s.limits.MaxImport
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.log.Error("handler panic", "route", rt.path, "panic", v, "stack", string(debug.Stack()))
				writeProblem(w, r, newProblem(probInternal, "the server could not complete the request"))
			}
		}()
		if err := s.tokens.authorize(w, r, rt.access); err != nil {
			writeProblem(w, r, asProblem(err))
			return
		}
		if r.ContentLength > maxBody {
			writeProblem(w, r, newProblem(probTooLarge, "the body is over the limit of %d bytes", maxBody))
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, maxBody)
		if rt.long {
			rc := http.NewResponseController(w)
			deadline := time.Now().Add(s.limits.ImportTimeout)
			rc.SetReadDeadline(deadline)
			rc.SetWriteDeadline(deadline.Add(time.Minute))
			s.metrics.importsInFlight.Add(1)
			defer s.metrics.importsInFlight.Add(-1)
		}
		if err := rt.handle(w, r); err != nil {
			p := asProblem(err)
			if p.Status == http.StatusInternalServerError {
				s.log.Error("request failed", "route", rt.path, "err", err)
			}
			writeProblem(w, r, p)
		}
	})
}

// writeJSON answers status with v as JSON.
func writeJSON(w http.ResponseWriter, status int, v any) error {
	var buf bytes.Buffer
	if err := report.WriteJSONLine(&buf, v); err != nil {
		return err
	}
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Length", strconv.Itoa(buf.Len()))
	w.WriteHeader(status)
	// A failed write means the client is gone: there is no one to tell.
	w.Write(buf.Bytes())
	return nil
}
