package match

import (
	"os"
	"testing"
)

// openTestdata opens a file for the test, closing it when the test ends.
func openTestdata(t *testing.T, path string) *os.File {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}
