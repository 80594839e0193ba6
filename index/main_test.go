package index

import (
	"os"
	"testing"
)

// TestMain closes the indexes tests and benchmarks share, so that the
// temporary folders of in-memory indexes do not outlive the run.
func TestMain(m *testing.M) {
	code := m.Run()
	for _, c := range corpora {
		c.ix.Close()
	}
	if retrievalIx != nil {
		retrievalIx.Close()
	}
	os.Exit(code)
}
