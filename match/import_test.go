package match_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/certmatch/certmatch/match"
	"github.com/certmatch/certmatch/match/input"
)

// accounts checks the import invariant: every record read is imported,
// rejected or lost.
func accounts(t *testing.T, what string, rep match.ImportReport) {
	t.Helper()
	if rep.Read != rep.Imported+len(rep.Rejected)+rep.Lost {
		t.Errorf("%s: read %d != imported %d + rejected %d + lost %d", what, rep.Read, rep.Imported, len(rep.Rejected), rep.Lost)
	}
}

// TestImportKeepsRecordsBeforeAWholeInputError cuts a six-record array at
// every byte and imports each cut with batches of two: every record
// complete in the cut is stored, none is lost, and the report says where
// the input stopped.
func TestImportKeepsRecordsBeforeAWholeInputError(t *testing.T) {
	ctx := context.Background()
	var doc bytes.Buffer
	var ends []int
	doc.WriteString("[\n")
	for i := 0; i < 6; i++ {
		if i > 0 {
			doc.WriteString(",\n")
		}
		fmt.Fprintf(&doc, `{"id":"c%d","years_experience":%d,"skills":["Java"]}`, i, i+1)
		ends = append(ends, doc.Len())
	}
	doc.WriteString("\n]")
	full := doc.Bytes()
	eng, err := match.Open(ctx, match.Options{Now: testNow, BatchSize: 2})
	if err != nil {
		t.Fatal(err)
	}
	defer eng.Close()
	ids := []string{"c0", "c1", "c2", "c3", "c4", "c5"}
	for n := 0; n <= len(full); n++ {
		if _, err := eng.Delete(ctx, ids...); err != nil {
			t.Fatal(err)
		}
		want := 0
		for _, end := range ends {
			if end <= n {
				want++
			}
		}
		rep, err := eng.Import(ctx, bytes.NewReader(full[:n]), match.ImportOptions{})
		accounts(t, fmt.Sprintf("cut at %d", n), rep)
		count, cerr := eng.Count(ctx)
		if rep.Imported != want || count != want || rep.Lost != 0 || cerr != nil {
			t.Errorf("cut at %d of %d: imported %d, lost %d, index holds %d (%v); want %d stored, none lost", n, len(full), rep.Imported, rep.Lost, count, cerr, want)
		}
		var ie *input.InputError
		switch {
		case n == len(full) && (err != nil || rep.Stopped != ""):
			t.Errorf("whole array: %v, stopped %q", err, rep.Stopped)
		case n > 0 && n < len(full) && (!errors.As(err, &ie) || rep.Stopped != err.Error()):
			t.Errorf("cut at %d: error %v, stopped %q; want an *input.InputError, also in the report", n, err, rep.Stopped)
		}
	}
}

// TestImportAfterAFailingReader: 2,500 JSON Lines records, then the reader
// fails. Every complete record is stored (with batches of 1,000 the last
// 500 used to be dropped) and the report says why the import stopped.
func TestImportAfterAFailingReader(t *testing.T) {
	ctx := context.Background()
	eng := newEngine(t)
	var b strings.Builder
	for i := 0; i < 2500; i++ {
		fmt.Fprintf(&b, "{\"id\":\"c%04d\",\"skills\":[\"Java\"]}\n", i)
	}
	b.WriteString(`{"id":"c25`)
	disk := errors.New("read error: device gone")
	rep, err := eng.Import(ctx, io.MultiReader(strings.NewReader(b.String()), &errReader{disk}), match.ImportOptions{})
	if !errors.Is(err, disk) {
		t.Fatalf("Import error = %v, want the reader's", err)
	}
	accounts(t, "failing reader", rep)
	want := match.ImportReport{Format: input.FormatNative, Read: 2500, Imported: 2500, Stopped: "line 2501: read: read error: device gone"}
	if diff := cmp.Diff(want, rep); diff != "" {
		t.Errorf("report mismatch (-want +got):\n%s", diff)
	}
	if n, _ := eng.Count(ctx); n != 2500 {
		t.Errorf("index holds %d, want 2500", n)
	}
}

type errReader struct{ err error }

func (r *errReader) Read([]byte) (int, error) { return 0, r.err }

// TestImportAccountsForLostBatches: when the index fails or the import is
// cancelled after the first batch, the records read but not stored are
// counted as lost, with the reason.
func TestImportAccountsForLostBatches(t *testing.T) {
	var b strings.Builder
	for i := 0; i < 50; i++ {
		fmt.Fprintf(&b, "{\"id\":\"c%02d\"}\n", i)
	}
	b.WriteString("{\"id\":\"\"}\n") // one rejection
	for _, tt := range []struct {
		name string
		stop func(eng *match.Engine, cancel context.CancelFunc)
		want error
	}{
		{"index closed", func(eng *match.Engine, _ context.CancelFunc) { eng.Close() }, nil},
		{"cancelled", func(_ *match.Engine, cancel context.CancelFunc) { cancel() }, context.Canceled},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			eng, err := match.Open(ctx, match.Options{Now: testNow, BatchSize: 10})
			if err != nil {
				t.Fatal(err)
			}
			defer eng.Close()
			once := false
			rep, err := eng.Import(ctx, strings.NewReader(b.String()), match.ImportOptions{Progress: func(match.Progress) {
				if !once {
					once = true
					tt.stop(eng, cancel)
				}
			}})
			if err == nil || (tt.want != nil && !errors.Is(err, tt.want)) {
				t.Fatalf("Import error = %v, want %v", err, tt.want)
			}
			accounts(t, tt.name, rep)
			// A cancellation may land just after the first batch, before
			// another record is read: then nothing is lost, and the
			// accounting above still holds. A failed index loses the
			// batches sent after it failed.
			if rep.Imported < 10 || rep.Stopped == "" || (tt.want == nil && rep.Lost == 0) {
				t.Errorf("report %+v: want the first batch imported, the rest lost with a reason", rep)
			}
		})
	}
}
