// Package perf holds certmatch's performance benchmarks over generated
// candidates, with their baselines in the same files: a raw bleve query
// for each role, and a brute-force scan over compact records. It has no
// code of its own; it is the one place besides index that imports bleve,
// for the baselines.
//
//	go test -run '^$' -bench . -benchtime 200x ./internal/perf/
//	CERTMATCH_BENCH_1M=1 go test -run '^$' -bench '^BenchmarkRank1M$' -benchtime 20x -timeout 60m ./internal/perf/
//	CERTMATCH_BENCH_1M=1 go test -run '^$' -bench OpenRank1M -benchtime 1x -timeout 60m ./internal/perf/
package perf
