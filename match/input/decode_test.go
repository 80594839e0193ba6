package input

import (
	"bufio"
	"encoding/json"
	"errors"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/certmatch/certmatch/scoring"
)

// outcome is what a test compares of a decoded record.
type outcome struct {
	Pos   string
	ID    string // candidate id, or RecordError.Record
	Field string // RecordError.Field
	Err   string // a substring of the error; "" for an accepted record
}

// decodeAll runs Decode and summarises its records.
func decodeAll(t *testing.T, input string, opts DecodeOptions) ([]outcome, []Record, Format, error) {
	t.Helper()
	var outs []outcome
	var recs []Record
	f, err := Decode(strings.NewReader(input), opts, func(r Record) error {
		recs = append(recs, r)
		o := outcome{Pos: r.Position, ID: r.Candidate.ID}
		if r.Err != nil {
			var re *RecordError
			if !errors.As(r.Err, &re) {
				t.Fatalf("%s: Err is %T, want *RecordError", r.Position, r.Err)
			}
			if re.Position != r.Position {
				t.Errorf("RecordError.Position %q, Record.Position %q", re.Position, r.Position)
			}
			if re.Record != r.Candidate.ID {
				t.Errorf("RecordError.Record %q, Record.Candidate.ID %q", re.Record, r.Candidate.ID)
			}
			o.Field, o.Err = re.Field, re.Err.Error()
		}
		outs = append(outs, o)
		return nil
	})
	return outs, recs, f, err
}

// matchErrs replaces each got Err with want's when it contains it, so
// cmp.Diff shows only real differences.
func matchErrs(want, got []outcome) {
	for i := range got {
		if i < len(want) && want[i].Err != "" && strings.Contains(got[i].Err, want[i].Err) {
			got[i].Err = want[i].Err
		}
	}
}

func TestDecodeNative(t *testing.T) {
	tests := []struct {
		name    string
		why     string
		input   string
		format  Format
		want    []outcome
		wantErr string // substring of Decode's error
	}{
		{
			name:  "single object",
			why:   "a file holding one candidate is a document",
			input: `{"id": "c1", "name": "Ann", "years_experience": 3}`,
			want:  []outcome{{Pos: "document", ID: "c1"}},
		},
		{
			name:  "single object over several lines",
			why:   "an indented object is not JSON Lines",
			input: "{\n  \"id\": \"c1\",\n  \"skills\": [\"Java\"]\n}\n",
			want:  []outcome{{Pos: "document", ID: "c1"}},
		},
		{
			name:  "array with a bad record in the middle",
			why:   "a type error rejects its record, names the field and never stops the others",
			input: `[{"id":"c1"}, {"id":"c2","years_experience":"ten"}, {"id":"c3"}]`,
			want: []outcome{
				{Pos: "[0]", ID: "c1"},
				{Pos: "[1]", ID: "c2", Field: "years_experience", Err: "want a number, got a string"},
				{Pos: "[2]", ID: "c3"},
			},
		},
		{
			name:  "JSON Lines with a malformed line",
			why:   "JSON Lines are read line by line, so a syntax error costs one record; blank lines count",
			input: "{\"id\":\"c1\"}\n{\"id\":\"c2\",}\n\n{\"id\":\"c3\"}\n",
			want: []outcome{
				{Pos: "line 1", ID: "c1"},
				{Pos: "line 2", Err: "invalid character"},
				{Pos: "line 4", ID: "c3"},
			},
		},
		{
			name:  "JSON Lines with CRLF and no final newline",
			why:   "Windows line ends and a missing last newline are fine",
			input: "{\"id\":\"c1\"}\r\n{\"id\":\"c2\"}",
			want:  []outcome{{Pos: "line 1", ID: "c1"}, {Pos: "line 2", ID: "c2"}},
		},
		{
			name:  "JSON Lines with an array line",
			why:   "each line must be an object",
			input: "{\"id\":\"c1\"}\n[1,2]\n",
			want:  []outcome{{Pos: "line 1", ID: "c1"}, {Pos: "line 2", Err: "want a JSON object, got an array"}},
		},
		{
			name:  "unknown top-level field",
			why:   "native records are strict so typos are caught",
			input: `{"id":"c1","nmae":"Ann"}`,
			want:  []outcome{{Pos: "document", ID: "c1", Field: "nmae", Err: "unknown field"}},
		},
		{
			name:  "unknown nested field",
			why:   "the path includes the array index",
			input: `{"id":"c1","certifications":[{"name":"OCPJP"},{"name":"SCJP","issuerr":"Sun"}]}`,
			want:  []outcome{{Pos: "document", ID: "c1", Field: "certifications[1].issuerr", Err: "unknown field"}},
		},
		{
			name:  "bad month",
			why:   "a date error names the credential's date",
			input: `{"id":"cand-0007","certifications":[{"name":"OCPJP"},{"name":"SCJP","date":"2021-13"}]}`,
			want:  []outcome{{Pos: "document", ID: "cand-0007", Field: "certifications[1].date", Err: `date "2021-13": bad month`}},
		},
		{
			name:  "date of the wrong type",
			why:   "Date's own error passes through",
			input: `{"id":"c1","certifications":[{"name":"OCPJP","date":2021}]}`,
			want:  []outcome{{Pos: "document", ID: "c1", Field: "certifications[0].date", Err: "want a string"}},
		},
		{
			name:  "skills not an array",
			why:   "an array field given a string",
			input: `{"id":"c1","skills":"Java"}`,
			want:  []outcome{{Pos: "document", ID: "c1", Field: "skills", Err: "want an array, got a string"}},
		},
		{
			name:  "skill not a string",
			why:   "array elements are checked with their index",
			input: `{"id":"c1","skills":["Java", 7]}`,
			want:  []outcome{{Pos: "document", ID: "c1", Field: "skills[1]", Err: "want a string, got a number"}},
		},
		{
			name:  "credential not an object",
			why:   "a credential given as a bare string",
			input: `{"id":"c1","certifications":["OCPJP"]}`,
			want:  []outcome{{Pos: "document", ID: "c1", Field: "certifications[0]", Err: "want an object, got a string"}},
		},
		{
			name:  "id of the wrong type",
			why:   "the record id is unknown when it is not a string",
			input: `{"id":7}`,
			want:  []outcome{{Pos: "document", Field: "id", Err: "want a string, got a number"}},
		},
		{
			name:  "missing id",
			why:   "Validate's FieldError gives the field",
			input: `[{"name":"Ann"}]`,
			want:  []outcome{{Pos: "[0]", Field: "id", Err: "missing"}},
		},
		{
			name:  "years out of range",
			why:   "Validate rejects 100 years, naming the record",
			input: `[{"id":"c1","years_experience":100}]`,
			want:  []outcome{{Pos: "[0]", ID: "c1", Field: "years_experience", Err: "between 0 and 80"}},
		},
		{
			name:  "credential without name or id",
			why:   "Validate's credential rule, with its index",
			input: `{"id":"c1","certifications":[{"issuer":"Oracle"}]}`,
			want:  []outcome{{Pos: "document", ID: "c1", Field: "certifications[0]", Err: "needs a name or an id"}},
		},
		{
			name:  "null record in an array",
			why:   "an element that is not an object is rejected alone",
			input: `[null, {"id":"c2"}]`,
			want:  []outcome{{Pos: "[0]", Err: "want a JSON object, got null"}, {Pos: "[1]", ID: "c2"}},
		},
		{
			name:  "nulls are absent values",
			why:   "as with encoding/json, null leaves a field empty",
			input: `{"id":"c1","name":null,"skills":null,"certifications":[{"name":"OCPJP","date":null}]}`,
			want:  []outcome{{Pos: "document", ID: "c1"}},
		},
		{
			name:  "keys match case-insensitively",
			why:   "encoding/json's rule, kept so strictness does not reject what json accepts",
			input: `{"ID":"c1","Skills":["Java"]}`,
			want:  []outcome{{Pos: "document", ID: "c1"}},
		},
		{
			name:  "concatenated documents",
			why:   "several indented objects in a row are numbered documents",
			input: "{\n\"id\":\"c1\"\n}\n{\n\"id\":\"c2\"\n}\n",
			want:  []outcome{{Pos: "document 1", ID: "c1"}, {Pos: "document 2", ID: "c2"}},
		},
		{
			name:  "byte order mark",
			why:   "a UTF-8 BOM is skipped",
			input: "\xef\xbb\xbf[{\"id\":\"c1\"}]",
			want:  []outcome{{Pos: "[0]", ID: "c1"}},
		},
		{
			name:  "empty input",
			why:   "no records and no error",
			input: "",
		},
		{
			name:  "white space only",
			why:   "no records and no error",
			input: " \n\t\n",
		},
		{
			name:    "truncated array",
			why:     "malformed JSON outside JSON Lines stops decoding after the records already read",
			input:   `[{"id":"c1"}, {"id":"c2"`,
			want:    []outcome{{Pos: "[0]", ID: "c1"}},
			wantErr: "[1]:",
		},
		{
			name:    "data after the array",
			why:     "trailing data is an error of the input",
			input:   `[{"id":"c1"}] {"id":"c2"}`,
			want:    []outcome{{Pos: "[0]", ID: "c1"}},
			wantErr: "after the array",
		},
		{
			name:    "a scalar",
			why:     "neither objects nor an array",
			input:   `42`,
			format:  FormatNative,
			wantErr: "want a JSON object, an array of objects or JSON Lines",
		},
		{
			name:    "truncated document",
			why:     "a single document cut short cannot be read",
			input:   "{\n\"id\": \"c1\"",
			format:  FormatNative,
			wantErr: "document:",
		},
	}
	seen := map[string]bool{}
	for _, tt := range tests {
		if seen[tt.name] {
			t.Fatalf("duplicate test name %q", tt.name)
		}
		seen[tt.name] = true
		t.Run(tt.name, func(t *testing.T) {
			got, _, _, err := decodeAll(t, tt.input, DecodeOptions{Format: tt.format})
			if tt.wantErr == "" && err != nil {
				t.Fatalf("Decode: %v (%s)", err, tt.why)
			}
			if tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)) {
				t.Fatalf("Decode error = %v, want one containing %q (%s)", err, tt.wantErr, tt.why)
			}
			matchErrs(tt.want, got)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("records mismatch (-want +got) (%s):\n%s", tt.why, diff)
			}
		})
	}
}

func TestDecodeNativeCandidate(t *testing.T) {
	input := `{
	  "id": "cand-0001",
	  "name": "Maria", "email": "maria@example.com",
	  "location": "Chicago, IL",
	  "years_experience": 7.5,
	  "desired_salary": 115000,
	  "summary": "free text",
	  "skills": ["Java", "Spring Boot", "Kafka"],
	  "certifications": [
	    {"name": "Oracle Certified Professional, Java SE 11 Developer",
	     "issuer": "Oracle", "date": "2021-03", "expires": "",
	     "url": "", "credential_id": ""},
	    {"id": "spring-professional", "version": "5", "date": "2019-06-01"}
	  ]
	}`
	want := []Record{{
		Position: "document",
		Candidate: scoring.Candidate{
			ID: "cand-0001", Name: "Maria", Email: "maria@example.com", Location: "Chicago, IL",
			YearsExperience: 7.5, DesiredSalary: 115000, Summary: "free text",
			Skills: []string{"Java", "Spring Boot", "Kafka"},
			Certifications: []scoring.Credential{
				// Decode keeps the name as written and does not resolve it.
				{Name: "Oracle Certified Professional, Java SE 11 Developer", Issuer: "Oracle", Date: scoring.MustDate("2021-03")},
				{ID: "spring-professional", Version: "5", Date: scoring.MustDate("2019-06-01")},
			},
		},
	}}
	_, got, f, err := decodeAll(t, input, DecodeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if f != FormatNative {
		t.Errorf("format = %q, want %q", f, FormatNative)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("record mismatch (-want +got):\n%s", diff)
	}
}

func TestDecodeBundledCandidates(t *testing.T) {
	f := openTestdata(t, "../../testdata/candidates.json")
	n := 0
	format, err := Decode(f, DecodeOptions{}, func(r Record) error {
		n++
		if r.Err != nil {
			t.Errorf("%s: %v", r.Position, r.Err)
		}
		return nil
	})
	if err != nil || format != FormatNative {
		t.Fatalf("Decode = %q, %v; want native, nil", format, err)
	}
	if n == 0 {
		t.Error("no candidates decoded from testdata/candidates.json")
	}
}

func TestDecodeFnErrorStops(t *testing.T) {
	stop := errors.New("stop")
	for _, tt := range []struct {
		name, input string
	}{
		{"array", `[{"id":"c1"},{"id":"c2"}]`},
		{"JSON Lines", "{\"id\":\"c1\"}\n{\"id\":\"c2\"}\n"},
		{"documents", "{\n\"id\":\"c1\"}\n{\n\"id\":\"c2\"}"},
		{"CSV", "id\nc1\nc2\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			calls := 0
			_, err := Decode(strings.NewReader(tt.input), DecodeOptions{}, func(Record) error {
				calls++
				return stop
			})
			if !errors.Is(err, stop) {
				t.Errorf("Decode error = %v, want fn's error", err)
			}
			if calls != 1 {
				t.Errorf("fn called %d times after returning an error, want 1", calls)
			}
		})
	}
}

func TestDecodeUnknownFormat(t *testing.T) {
	_, err := Decode(strings.NewReader(`{"id":"c1"}`), DecodeOptions{Format: "xml"}, func(Record) error { return nil })
	if !errors.Is(err, ErrUnknownFormat) {
		t.Errorf("Decode error = %v, want ErrUnknownFormat", err)
	}
}

// TestDecodeStreams proves Decode hands over records before the rest of
// the input exists: the writer sends the third record only after fn has
// seen the first. (The first record of JSON Lines waits for the second
// line, to tell JSON Lines from a one-line document.)
func TestDecodeStreams(t *testing.T) {
	for _, tt := range []struct {
		name          string
		first, second string
		format        Format
	}{
		{"JSON Lines", "{\"id\":\"c1\"}\n{\"id\":\"c2\"}\n", "{\"id\":\"c3\"}\n", FormatAuto},
		{"array", "[{\"id\":\"c1\"},{\"id\":\"c2\"},", "{\"id\":\"c3\"}]", FormatAuto},
		{"CSV", "id,name\nc1,Ann\nc2,Bob\n", "c3,Cy\n", FormatAuto},
		{"JSON Resume lines", "{\"basics\":{\"email\":\"a@x.org\"}}\n{\"basics\":{}}\n", "{\"basics\":{\"email\":\"b@x.org\"}}\n", FormatJSONResume},
	} {
		t.Run(tt.name, func(t *testing.T) {
			pr, pw := io.Pipe()
			gotFirst := make(chan struct{})
			go func() {
				_, _ = io.WriteString(pw, tt.first)
				select {
				case <-gotFirst:
					_, _ = io.WriteString(pw, tt.second)
					_ = pw.Close()
				case <-time.After(5 * time.Second):
					_ = pw.CloseWithError(errors.New("Decode waited for more input before its first record"))
				}
			}()
			var ids []string
			_, err := Decode(pr, DecodeOptions{Format: tt.format}, func(r Record) error {
				if r.Err != nil {
					t.Errorf("%s: %v", r.Position, r.Err)
				}
				ids = append(ids, r.Candidate.ID)
				if len(ids) == 1 {
					close(gotFirst)
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if len(ids) != 3 {
				t.Errorf("got %d records, want 3", len(ids))
			}
		})
	}
}

func TestDetectFormat(t *testing.T) {
	tests := []struct {
		name    string
		why     string
		input   string
		want    Format
		wantErr bool
	}{
		{"native object", "an id is a native field", `{"id":"c1"}`, FormatNative, false},
		{"native array", "the first element decides", `[{"name":"Ann","id":"c1"}]`, FormatNative, false},
		{"native JSON Lines", "the first line decides", "{\"id\":\"c1\"}\n{\"id\":\"c2\"}\n", FormatNative, false},
		{"native skills only", "skills as strings are native", `{"skills":["Java"]}`, FormatNative, false},
		{"empty object", "nothing says JSON Resume", `{}`, FormatNative, false},
		{"empty array", "nothing to decide; no records either way", `[]`, FormatNative, false},
		{"resume basics", "basics is a JSON Resume section", `{"basics":{"name":"Ann"}}`, FormatJSONResume, false},
		{"resume schema key", "$schema marks JSON Resume", `{"$schema":"https://x","meta":{}}`, FormatJSONResume, false},
		{"resume array", "an array of resumes", `[{"work":[]}]`, FormatJSONResume, false},
		{"resume skills only", "skills as objects are JSON Resume", `{"skills":[{"name":"Java"}]}`, FormatJSONResume, false},
		{"resume after unknown keys", "keys that decide nothing are skipped", `{"x":{"y":[1,2]},"certificates":[]}`, FormatJSONResume, false},
		{"resume with BOM", "a byte order mark is ignored", "\xef\xbb\xbf{\"basics\":{}}", FormatJSONResume, false},
		{"indented resume", "keys may come on later lines", "{\n  \"basics\": {}\n}", FormatJSONResume, false},
		{"CSV", "a header with an id column", "id,name,skills\nc1,Ann,Java\n", FormatCSV, false},
		{"CSV any case", "column names are case-insensitive", "Name, ID\nAnn,c1\n", FormatCSV, false},
		{"CSV without id", "a header needs an id column", "name,skills\nAnn,Java\n", FormatAuto, true},
		{"prose", "not JSON and not CSV", "hello world", FormatAuto, true},
		{"empty", "nothing to recognise", "", FormatAuto, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			br := bufio.NewReader(strings.NewReader(tt.input))
			got, err := DetectFormat(br)
			if (err != nil) != tt.wantErr {
				t.Fatalf("DetectFormat error = %v, want error %v (%s)", err, tt.wantErr, tt.why)
			}
			if err != nil && !errors.Is(err, ErrUnknownFormat) {
				t.Errorf("error %v does not wrap ErrUnknownFormat", err)
			}
			if got != tt.want {
				t.Errorf("DetectFormat = %q, want %q (%s)", got, tt.want, tt.why)
			}
			rest, _ := io.ReadAll(br)
			if string(rest) != tt.input {
				t.Errorf("DetectFormat consumed input: %q left of %q", rest, tt.input)
			}
		})
	}
}

func TestDetectFormatLongFirstRecord(t *testing.T) {
	// The deciding key comes after 10 KB of another field: DetectFormat
	// must peek further than bufio's default 4 KB when it can.
	input := `{"x":"` + strings.Repeat("a", 10000) + `","basics":{}}`
	got, err := DetectFormat(bufio.NewReaderSize(strings.NewReader(input), 64<<10))
	if err != nil || got != FormatJSONResume {
		t.Errorf("DetectFormat = %q, %v; want %q", got, err, FormatJSONResume)
	}
}

func TestRecordError(t *testing.T) {
	cause := errors.New(`date "2021-13": bad month`)
	tests := []struct {
		name string
		err  *RecordError
		want string
	}{
		{"everything", &RecordError{Position: "line 12", Record: "cand-0007", Field: "certifications[1].date", Err: cause},
			`line 12 (cand-0007): certifications[1].date: date "2021-13": bad month`},
		{"no record", &RecordError{Position: "[3]", Field: "id", Err: errors.New("missing")}, `[3]: id: missing`},
		{"no field", &RecordError{Position: "line 2", Err: errors.New("invalid character")}, `line 2: invalid character`},
		{"no position", &RecordError{Record: "c1", Field: "skills", Err: errors.New("bad")}, `(c1): skills: bad`},
		{"no error", &RecordError{Position: "line 2"}, `line 2: rejected`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.err.Error(); got != tt.want {
				t.Errorf("Error() = %q, want %q", got, tt.want)
			}
		})
	}
	re := tests[0].err
	if !errors.Is(re, cause) {
		t.Error("RecordError does not unwrap to its cause")
	}
	b, err := json.Marshal(re)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"position":"line 12","record":"cand-0007","field":"certifications[1].date","error":"date \"2021-13\": bad month"}`
	if diff := cmp.Diff(want, string(b)); diff != "" {
		t.Errorf("MarshalJSON mismatch (-want +got):\n%s", diff)
	}
}

func TestRecordErrorFromDecode(t *testing.T) {
	// The brief's example message, end to end.
	input := `{"id":"cand-0007","certifications":[{"name":"OCPJP"},{"name":"SCJP","date":"2021-13"}]}` + "\n"
	input = strings.Repeat(`{"id":"ok"}`+"\n", 11) + input
	var msgs []string
	_, err := Decode(strings.NewReader(input), DecodeOptions{}, func(r Record) error {
		if r.Err != nil {
			msgs = append(msgs, r.Err.Error())
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{`line 12 (cand-0007): certifications[1].date: date "2021-13": bad month`}
	if diff := cmp.Diff(want, msgs); diff != "" {
		t.Errorf("messages mismatch (-want +got):\n%s", diff)
	}
}

// FuzzDecode checks that no input makes Decode panic, and that every
// rejected record carries a *RecordError with its position.
func FuzzDecode(f *testing.F) {
	for _, seed := range []string{
		`{"id":"c1","certifications":[{"name":"OCPJP","date":"2021-03"}]}`,
		"[{\"id\":\"c1\"},{\"id\":2}]",
		"{\"id\":\"c1\"}\n{\"id\":\n",
		`{"basics":{"email":"a@x.org"},"work":[{"startDate":"2019","endDate":"2018"}],"skills":[{"keywords":[1]}]}`,
		"id,skills,certifications\nc1,Java;Go,OCPJP|2021\n\"c2,x\n",
		"\xef\xbb\xbf[",
	} {
		f.Add(seed, "")
		f.Add(seed, string(FormatJSONResume))
	}
	f.Fuzz(func(t *testing.T, input, format string) {
		switch Format(format) {
		case FormatAuto, FormatNative, FormatJSONResume, FormatCSV:
		default:
			return
		}
		_, _ = Decode(strings.NewReader(input), DecodeOptions{Format: Format(format), Now: func() time.Time { return time.Unix(1.7e9, 0) }}, func(r Record) error {
			if r.Err == nil {
				if err := r.Candidate.Validate(); err != nil {
					t.Errorf("%s: accepted an invalid candidate: %v", r.Position, err)
				}
				return nil
			}
			var re *RecordError
			if !errors.As(r.Err, &re) || re.Position == "" {
				t.Errorf("rejected record without a positioned *RecordError: %v", r.Err)
			}
			return nil
		})
	})
}
