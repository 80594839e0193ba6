// Package cputime reads the CPU time the process has used, for
// benchmarks that report it beside wall time: on a machine shared with
// other work, wall time includes waiting for a core, CPU time is the work
// done.
package cputime
