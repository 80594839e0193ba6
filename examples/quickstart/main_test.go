package main

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
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
	compareGolden(t, filepath.Join("testdata", "quickstart.golden"), buf.Bytes())
}

func TestMissingData(t *testing.T) {
	var buf bytes.Buffer
	err := run(context.Background(), &buf, t.TempDir(), 10, fixedClock)
	if !os.IsNotExist(err) {
		t.Errorf("run on a folder without candidates.json: %v; want a not-exist error", err)
	}
}

func compareGolden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("output differs from %s (-want +got):\n%s", path, diff)
	}
}
