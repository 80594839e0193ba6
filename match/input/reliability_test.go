package input

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestErrorsNeverQuotePersonalFields feeds records whose personal fields
// are malformed, or whose only name is personal, and holds every
// rejection (its text and its JSON) free of those values.
func TestErrorsNeverQuotePersonalFields(t *testing.T) {
	tests := []struct {
		name     string
		why      string
		input    string
		format   Format
		secrets  []string // values no error may contain
		wantPos  string
		wantFld  string
		wantID   string // the id the rejection names; "hash" for a resume- hash
		wantText string // a substring of the reason
	}{
		{
			name: "phone number in the years column", why: "a CSV number cell is never quoted",
			input: "id,years_experience\nc1,+1 (312) 555-0188\n", secrets: []string{"555-0188", "312"},
			wantPos: "line 2", wantFld: "years_experience", wantID: "c1", wantText: "not a number",
		},
		{
			name: "invalid resume email", why: "an invalid address is never quoted back",
			input: `{"basics":{"email":"ann lee at example dot com","name":"Ann Lee"}}`, format: FormatJSONResume,
			secrets: []string{"ann lee", "example dot com", "Ann Lee"},
			wantPos: "document", wantFld: "basics.email", wantID: "hash", wantText: "not an email address",
		},
		{
			name: "resume rejected for a bad date", why: "a JSON Resume record is named by a hash, never by its email",
			input: `{"basics":{"email":"ann.lee@example.com"},"certificates":[{"name":"OCP","date":"2021-13"}]}`, format: FormatJSONResume,
			secrets: []string{"ann.lee", "example.com"},
			wantPos: "document", wantFld: "certificates[0].date", wantID: "hash", wantText: "month",
		},
		{
			name: "resume rejected by validation", why: "the validation path names the record by a hash too",
			input: `{"basics":{"email":"ann.lee@example.com"},"work":[{"startDate":"1800"}]}`, format: FormatJSONResume,
			secrets: []string{"ann.lee", "example.com"},
			wantPos: "document", wantFld: "work", wantID: "hash", wantText: "between 0 and 80",
		},
		{
			name: "profile URL that does not parse", why: "a URL is personal; neither it nor url's error (which holds it) is quoted",
			input: `{"basics":{"email":"a@x.org","profiles":[{"url":"http://ann%zz.example/"}]}}`, format: FormatJSONResume,
			secrets: []string{"ann%zz", "a@x.org"},
			wantPos: "document", wantFld: "basics.profiles[0].url", wantID: "hash", wantText: "not a URL",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			outs, recs, _, err := decodeAll(t, tt.input, DecodeOptions{Format: tt.format})
			if err != nil || len(recs) != 1 || recs[0].Err == nil {
				t.Fatalf("Decode = %+v, %v; want one rejection (%s)", outs, err, tt.why)
			}
			var re *RecordError
			errors.As(recs[0].Err, &re)
			js, _ := json.Marshal(re)
			for _, text := range []string{re.Error(), string(js)} {
				for _, s := range tt.secrets {
					if strings.Contains(text, s) {
						t.Errorf("%s: the error %s quotes %q", tt.why, text, s)
					}
				}
				if !strings.Contains(text, tt.wantText) {
					t.Errorf("error %s does not say %q", text, tt.wantText)
				}
			}
			if re.Position != tt.wantPos || re.Field != tt.wantFld {
				t.Errorf("rejection at %q field %q, want %q field %q", re.Position, re.Field, tt.wantPos, tt.wantFld)
			}
			switch {
			case tt.wantID == "hash" && !strings.HasPrefix(re.Record, "resume-"):
				t.Errorf("rejection names %q, want a resume- hash", re.Record)
			case tt.wantID != "hash" && re.Record != tt.wantID:
				t.Errorf("rejection names %q, want %q", re.Record, tt.wantID)
			}
		})
	}
}

// TestJSONLinesWhateverTheFirstLine: JSON Lines is read line by line even
// when its first line is malformed or longer than the detection buffer,
// so one bad line costs one record; indented objects and streams are still
// read as before.
func TestJSONLinesWhateverTheFirstLine(t *testing.T) {
	long := `{"id":"c1","summary":"` + strings.Repeat("x", peekSize+10) + `"}`
	tests := []struct {
		name    string
		why     string
		input   string
		want    []outcome
		wantErr string
	}{
		{
			name: "malformed first line", why: "the next line starts a record in the first column",
			input: "{\"id\":\"c1\",}\n{\"id\":\"c2\"}\n{\"id\":\"c3\"}\n",
			want:  []outcome{{Pos: "line 1", Err: "invalid character"}, {Pos: "line 2", ID: "c2"}, {Pos: "line 3", ID: "c3"}},
		},
		{
			name: "malformed first line then blank lines", why: "blank lines are skipped to find the next record",
			input: "{\"id\":\"c1\" \"name\":\"x\"}\n\n  \n{\"id\":\"c2\"}\n",
			want:  []outcome{{Pos: "line 1", Err: "invalid character"}, {Pos: "line 4", ID: "c2"}},
		},
		{
			name: "truncated first line", why: "a cut-off first line is one rejected record",
			input: "{\"id\":\"c1\",\"skills\":[\"Ja\n{\"id\":\"c2\"}\n",
			want:  []outcome{{Pos: "line 1", Field: "skills", Err: "unexpected EOF"}, {Pos: "line 2", ID: "c2"}},
		},
		{
			name: "first line over the detection buffer", why: "a line longer than a megabyte is still one line",
			input: long + "\n{\"id\":\"c2\"}\n{\"id\":\"c3\",}\n{\"id\":\"c4\"}\n",
			want:  []outcome{{Pos: "line 1", ID: "c1"}, {Pos: "line 2", ID: "c2"}, {Pos: "line 3", Err: "invalid character"}, {Pos: "line 4", ID: "c4"}},
		},
		{
			name: "one long line", why: "a one-line file over the buffer is a document",
			input: long,
			want:  []outcome{{Pos: "document", ID: "c1"}},
		},
		{
			name: "JSON Resume lines with a malformed first line", why: "the next record decides the format",
			input: "{,\"basics\":{}}\n{\"basics\":{\"email\":\"a@x.org\"}}\n",
			want:  []outcome{{Pos: "line 1", Err: "invalid character"}, {Pos: "line 2", ID: "a@x.org"}},
		},
		{
			name: "indented stream", why: "an indented object's second line does not start with '{'",
			input: "{\n  \"id\": \"c1\"\n}\n{\n  \"id\": \"c2\"\n}\n",
			want:  []outcome{{Pos: "document 1", ID: "c1"}, {Pos: "document 2", ID: "c2"}},
		},
		{
			name: "malformed single line", why: "one line and nothing else reads as a document, to say why",
			input:   "{\"id\":\"c1\",}\n",
			wantErr: "document: invalid character",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _, _, err := decodeAll(t, tt.input, DecodeOptions{})
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("Decode error = %v, want %q (%s)", err, tt.wantErr, tt.why)
				}
				return
			}
			if err != nil {
				t.Fatalf("Decode: %v (%s)", err, tt.why)
			}
			matchErrs(tt.want, got)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("records mismatch (-want +got) (%s):\n%s", tt.why, diff)
			}
		})
	}
}

// TestRecordTooLarge: a JSON Lines line over MaxRecordSize is rejected
// with its line, and the lines after it are read.
func TestRecordTooLarge(t *testing.T) {
	big := `{"id":"big","summary":"` + strings.Repeat("x", MaxRecordSize) + `"}`
	input := "{\"id\":\"c1\"}\n" + big + "\n{\"id\":\"c3\"}\n"
	got, _, _, err := decodeAll(t, input, DecodeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := []outcome{{Pos: "line 1", ID: "c1"}, {Pos: "line 2", Err: "longer than"}, {Pos: "line 3", ID: "c3"}}
	matchErrs(want, got)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("records mismatch (-want +got):\n%s", diff)
	}
	// The same record in an array.
	got, _, _, err = decodeAll(t, "[{\"id\":\"c1\"},"+big+"]", DecodeOptions{})
	want = []outcome{{Pos: "[0]", ID: "c1"}, {Pos: "[1]", Err: "longer than"}}
	matchErrs(want, got)
	if diff := cmp.Diff(want, got); err != nil || diff != "" {
		t.Errorf("array: %v, records mismatch (-want +got):\n%s", err, diff)
	}
}

// failingReader returns data, then err.
type failingReader struct {
	data []byte
	err  error
}

func (r *failingReader) Read(p []byte) (int, error) {
	if len(r.data) == 0 {
		return 0, r.err
	}
	n := copy(p, r.data)
	r.data = r.data[n:]
	return n, nil
}

// TestWholeInputErrorsSayWhere: an input that fails as a whole hands on
// every record before the failure and returns an *InputError naming where
// it stopped.
func TestWholeInputErrorsSayWhere(t *testing.T) {
	disk := errors.New("disk on fire")
	tests := []struct {
		name    string
		why     string
		r       io.Reader
		wantIDs []string
		wantPos string
		wantErr error // wrapped by the error, when set
	}{
		{"truncated array", "the element cut off is where it stopped",
			strings.NewReader(`[{"id":"c1"},{"id":"c2"},{"id":"c`), []string{"c1", "c2"}, "[2]", nil},
		{"array not closed", "the input ends where the next element or ']' should be",
			strings.NewReader(`[{"id":"c1"},{"id":"c2"}`), []string{"c1", "c2"}, "[2]", nil},
		{"malformed array element", "a syntax error ends an array: json cannot resynchronise",
			strings.NewReader(`[{"id":"c1"},{"id" "c2"},{"id":"c3"}]`), []string{"c1"}, "[1]", nil},
		{"data after the array", "trailing data is an error after every record",
			strings.NewReader(`[{"id":"c1"}] x`), []string{"c1"}, "after the array", nil},
		{"truncated stream", "concatenated objects cut off in the third",
			strings.NewReader("{\n\"id\":\"c1\"}{\n\"id\":\"c2\"}{\n\"id\""), []string{"c1", "c2"}, "document 3", nil},
		{"reader fails in JSON Lines", "the held first record is handed on before the error",
			&failingReader{[]byte("{\"id\":\"c1\"}\n{\"id\":\"c2\"}\n{\"id\""), disk}, []string{"c1", "c2"}, "line 3", disk},
		{"reader fails after one line", "a first record held to tell a document is not lost",
			&failingReader{[]byte("{\"id\":\"c1\"}\n{\"id\""), disk}, []string{"c1"}, "line 2", disk},
		{"reader fails in an array", "records before the failure are handed on",
			&failingReader{[]byte(`[{"id":"c1"},{"id":"c2"},{"id"`), disk}, []string{"c1", "c2"}, "[2]", disk},
		{"reader fails in CSV", "rows before the failure are handed on",
			&failingReader{[]byte("id\nc1\nc2\n"), disk}, []string{"c1", "c2"}, "after line", disk},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var ids []string
			_, err := Decode(tt.r, DecodeOptions{}, func(r Record) error {
				if r.Err != nil {
					t.Errorf("%s: %v", r.Position, r.Err)
				}
				ids = append(ids, r.Candidate.ID)
				return nil
			})
			if diff := cmp.Diff(tt.wantIDs, ids); diff != "" {
				t.Errorf("records handed on (-want +got) (%s):\n%s", tt.why, diff)
			}
			var ie *InputError
			if !errors.As(err, &ie) || !strings.HasPrefix(ie.Position, tt.wantPos) {
				t.Fatalf("Decode error = %v (%T), want an *InputError at %q", err, err, tt.wantPos)
			}
			if tt.wantErr != nil && !errors.Is(err, tt.wantErr) {
				t.Errorf("error %v does not wrap %v", err, tt.wantErr)
			}
		})
	}
}

// TestEveryTruncationHandsOnEveryRecord cuts a six-record array at every
// byte: every element complete in the cut is handed on, in order, and the
// decoder says where it stopped.
func TestEveryTruncationHandsOnEveryRecord(t *testing.T) {
	var doc bytes.Buffer
	var ends []int // ends[i] is the offset just past element i
	doc.WriteString("[\n")
	for i := 0; i < 6; i++ {
		if i > 0 {
			doc.WriteString(",\n")
		}
		fmt.Fprintf(&doc, `{"id":"c%d","years_experience":%d,"skills":["Java","Spark"]}`, i, i+1)
		ends = append(ends, doc.Len())
	}
	doc.WriteString("\n]\n")
	full := doc.Bytes()
	if len(full) < 300 {
		t.Fatalf("the array is %d bytes; the test wants some 300 cuts", len(full))
	}
	for n := 0; n < len(full); n++ {
		var ids []string
		_, err := Decode(bytes.NewReader(full[:n]), DecodeOptions{}, func(r Record) error {
			if r.Err != nil {
				t.Errorf("cut at %d: %s rejected: %v", n, r.Position, r.Err)
			}
			ids = append(ids, r.Candidate.ID)
			return nil
		})
		var want []string
		for i, end := range ends {
			if end <= n {
				want = append(want, fmt.Sprintf("c%d", i))
			}
		}
		if diff := cmp.Diff(want, ids); diff != "" {
			t.Errorf("cut at %d of %d: records (-want +got):\n%s", n, len(full), diff)
		}
		var ie *InputError
		if closed := n > bytes.LastIndexByte(full, ']'); n > 0 && !closed && !errors.As(err, &ie) {
			t.Errorf("cut at %d: error %v, want an *InputError", n, err)
		}
	}
}

// TestInvalidUTF8IDsAreRejected: encoding/json would read both ids below
// as "a\uFFFD", merging two records; the id is checked as written, in
// every format, and never quoted.
func TestInvalidUTF8IDsAreRejected(t *testing.T) {
	for _, tt := range []struct {
		name, input string
		want        []outcome
	}{
		{"JSON Lines", "{\"id\":\"a\xff\"}\n{\"id\":\"a\xfe\"}\n{\"id\":\"ok\",\"summary\":\"caf\xe9\"}\n",
			[]outcome{{Pos: "line 1", Field: "id", Err: "not valid UTF-8"}, {Pos: "line 2", Field: "id", Err: "not valid UTF-8"}, {Pos: "line 3", ID: "ok"}}},
		{"array", "[{\"id\":\"a\xff\"}]", []outcome{{Pos: "[0]", Field: "id", Err: "not valid UTF-8"}}},
		{"CSV", "id,name\na\xff,Ann\nok,Bob\n", []outcome{{Pos: "line 2", Field: "id", Err: "not valid UTF-8"}, {Pos: "line 3", ID: "ok"}}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, recs, _, err := decodeAll(t, tt.input, DecodeOptions{})
			if err != nil {
				t.Fatal(err)
			}
			matchErrs(tt.want, got)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("records mismatch (-want +got):\n%s", diff)
			}
			for _, r := range recs {
				if r.Err != nil && (strings.Contains(r.Err.Error(), "\xff") || strings.Contains(r.Err.Error(), "\xfe") || strings.ContainsRune(r.Err.Error(), '\ufffd')) {
					t.Errorf("%s: the error quotes the id: %q", r.Position, r.Err)
				}
			}
		})
	}
}
