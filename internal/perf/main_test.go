package perf

import (
	"os"
	"testing"
)

// TestMain closes the engines benchmarks share, so that the temporary
// folders of in-memory indexes do not outlive the run.
func TestMain(m *testing.M) {
	code := m.Run()
	for _, c := range corpora {
		c.eng.Close()
	}
	os.Exit(code)
}
