//go:build !race

package cluster

// raceEnabled is true when the tests run under the race detector, which
// slows them several times: the largest tests use a smaller population.
const raceEnabled = false
