package main

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/certmatch/certmatch/internal/golden"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// fixedClock is the date the golden output was made with, so that
// currency and recency do not change with the day the test runs.
func fixedClock() time.Time { return time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC) }

// TestGolden runs the quick start on the bundled data and compares its
// output, a ranked table per seed role, with testdata/quickstart.golden.
// A change in normalisation, scoring or ranking shows as a diff here; run
// `go test ./examples/quickstart -update` after an intended change and
// read the diff.
func TestGolden(t *testing.T) {
	var buf bytes.Buffer
	if err := run(context.Background(), &buf, "../../testdata", 10, fixedClock); err != nil {
		t.Fatalf("run: %v", err)
	}
	golden.Compare(t, filepath.Join("testdata", "quickstart.golden"), buf.String(), *update)
}

func TestMissingData(t *testing.T) {
	var buf bytes.Buffer
	err := run(context.Background(), &buf, t.TempDir(), 10, fixedClock)
	if !os.IsNotExist(err) {
		t.Errorf("run on a folder without candidates.json: %v; want a not-exist error", err)
	}
}
