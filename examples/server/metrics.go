package main

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// latencyBuckets are the upper bounds, in seconds, of the request
// latency histogram.
var latencyBuckets = []float64{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30}

// metrics counts requests by route and status and keeps a latency
// histogram by route, written in the Prometheus text format. It is safe
// for concurrent use.
type metrics struct {
	mu       sync.Mutex
	requests map[requestKey]uint64
	latency  map[routeKey]*histogram

	importsInFlight atomic.Int64
}

type routeKey struct{ method, route string }

type requestKey struct {
	routeKey
	status int
}

type histogram struct {
	counts []uint64 // per bucket, not cumulative; the last is +Inf
	sum    float64
	n      uint64
}

func newMetrics() *metrics {
	return &metrics{requests: map[requestKey]uint64{}, latency: map[routeKey]*histogram{}}
}

// observe records one finished request.
func (m *metrics) observe(method, route string, status int, d time.Duration) {
	rk := routeKey{method, route}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.requests[requestKey{rk, status}]++
	h := m.latency[rk]
	if h == nil {
		h = &histogram{counts: make([]uint64, len(latencyBuckets)+1)}
		m.latency[rk] = h
	}
	s := d.Seconds()
	i, _ := slices.BinarySearch(latencyBuckets, s)
	h.counts[i]++
	h.sum += s
	h.n++
}

// gauge is a value read when metrics are written.
type gauge struct {
	name, help string
	value      float64
}

// write writes every metric in the Prometheus text exposition format
// (version 0.0.4), series sorted so that the output is stable.
func (m *metrics) write(w io.Writer, gauges []gauge) error {
	m.mu.Lock()
	reqKeys := make([]requestKey, 0, len(m.requests))
	for k := range m.requests {
		reqKeys = append(reqKeys, k)
	}
	latKeys := make([]routeKey, 0, len(m.latency))
	for k := range m.latency {
		latKeys = append(latKeys, k)
	}
	slices.SortFunc(reqKeys, func(a, b requestKey) int {
		if c := compareRoute(a.routeKey, b.routeKey); c != 0 {
			return c
		}
		return a.status - b.status
	})
	slices.SortFunc(latKeys, compareRoute)

	var b strings.Builder
	b.WriteString("# HELP certmatch_http_requests_total HTTP requests by method, route pattern and status.\n")
	b.WriteString("# TYPE certmatch_http_requests_total counter\n")
	for _, k := range reqKeys {
		fmt.Fprintf(&b, "certmatch_http_requests_total{method=%s,route=%s,status=\"%d\"} %d\n", label(k.method), label(k.route), k.status, m.requests[k])
	}
	b.WriteString("# HELP certmatch_http_request_duration_seconds HTTP request latency by method and route pattern.\n")
	b.WriteString("# TYPE certmatch_http_request_duration_seconds histogram\n")
	for _, k := range latKeys {
		h := m.latency[k]
		var cum uint64
		for i, ub := range latencyBuckets {
			cum += h.counts[i]
			fmt.Fprintf(&b, "certmatch_http_request_duration_seconds_bucket{method=%s,route=%s,le=\"%g\"} %d\n", label(k.method), label(k.route), ub, cum)
		}
		cum += h.counts[len(latencyBuckets)]
		fmt.Fprintf(&b, "certmatch_http_request_duration_seconds_bucket{method=%s,route=%s,le=\"+Inf\"} %d\n", label(k.method), label(k.route), cum)
		fmt.Fprintf(&b, "certmatch_http_request_duration_seconds_sum{method=%s,route=%s} %g\n", label(k.method), label(k.route), h.sum)
		fmt.Fprintf(&b, "certmatch_http_request_duration_seconds_count{method=%s,route=%s} %d\n", label(k.method), label(k.route), h.n)
	}
	m.mu.Unlock()
	gauges = append(gauges, gauge{"certmatch_imports_in_flight", "Imports being streamed now.", float64(m.importsInFlight.Load())})
	for _, g := range gauges {
		fmt.Fprintf(&b, "# HELP %s %s\n# TYPE %s gauge\n%s %g\n", g.name, g.help, g.name, g.name, g.value)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func compareRoute(a, b routeKey) int {
	if c := strings.Compare(a.route, b.route); c != 0 {
		return c
	}
	return strings.Compare(a.method, b.method)
}

// label quotes a label value as the text format wants: backslash, double
// quote and line feed escaped.
func label(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`)
	return `"` + r.Replace(s) + `"`
}
