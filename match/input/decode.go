package input

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/certmatch/certmatch/internal/strictjson"
	"github.com/certmatch/certmatch/scoring"
)

// Format names an input format; the package documentation gives the
// rules of each.
type Format string

// The input formats Decode reads.
const (
	FormatAuto       Format = ""           // recognised by content (see DetectFormat)
	FormatNative     Format = "native"     // a JSON object, an array of objects, or JSON Lines
	FormatJSONResume Format = "jsonresume" // one resume, an array, or JSON Lines of them
	FormatCSV        Format = "csv"        // a header row; certifications and skills separated by ';'
)

// ErrUnknownFormat is wrapped by the error DetectFormat (and Decode with
// FormatAuto) returns when the input is none of the known formats, and by
// Decode's error for a Format value it does not know.
var ErrUnknownFormat = errors.New("unknown input format")

// RecordError is a rejected input record.
//
// Position says where the record is, in one of these forms:
//
//   - "line 12": the 1-based line a record starts on, in JSON Lines and
//     CSV (the header is line 1);
//   - "[3]": the 0-based index of an element of a top-level JSON array;
//   - "document": a file holding a single JSON value;
//   - "document 2": the 1-based place of a value in a stream of
//     concatenated JSON values that are not one per line.
//
// Record is the candidate id when it is known, Field the JSON path or CSV
// column of the problem ("certifications[1].date", "basics.email",
// "years_experience"), "" when the record as a whole is at fault.
type RecordError struct {
	Position string `json:"position"`
	Record   string `json:"record,omitempty"`
	Field    string `json:"field,omitempty"`
	Err      error  `json:"-"`
}

// Error formats e as `line 12 (cand-0007): certifications[1].date: date
// "2021-13": bad month`, leaving out what is not known.
func (e *RecordError) Error() string {
	var b strings.Builder
	b.WriteString(e.Position)
	if e.Record != "" {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString("(" + e.Record + ")")
	}
	if e.Field != "" {
		if b.Len() > 0 {
			b.WriteString(": ")
		}
		b.WriteString(e.Field)
	}
	if b.Len() > 0 {
		b.WriteString(": ")
	}
	if e.Err == nil {
		b.WriteString("rejected")
	} else {
		b.WriteString(e.Err.Error())
	}
	return b.String()
}

// Unwrap returns the underlying error.
func (e *RecordError) Unwrap() error { return e.Err }

// MarshalJSON writes e with its error text under "error".
func (e *RecordError) MarshalJSON() ([]byte, error) {
	msg := "rejected"
	if e.Err != nil {
		msg = e.Err.Error()
	}
	return json.Marshal(struct {
		Position string `json:"position"`
		Record   string `json:"record,omitempty"`
		Field    string `json:"field,omitempty"`
		Error    string `json:"error"`
	}{e.Position, e.Record, e.Field, msg})
}

// NewRecordError wraps err, the reason the record at pos with id (either
// may be "") is rejected, as a *RecordError. A *RecordError in err is
// returned itself, its empty Position and Record filled in; the field of a
// *scoring.FieldError (a validation error) becomes Field.
func NewRecordError(pos, id string, err error) *RecordError {
	var re *RecordError
	if errors.As(err, &re) {
		if re.Position == "" {
			re.Position = pos
		}
		if re.Record == "" {
			re.Record = id
		}
		return re
	}
	out := &RecordError{Position: pos, Record: id, Err: err}
	var fe *scoring.FieldError
	if errors.As(err, &fe) {
		out.Field, out.Err = fe.Field, fe.Err
		if out.Record == "" {
			out.Record = fe.Record
		}
	}
	if out.Err == nil {
		out.Err = errors.New("rejected")
	}
	return out
}

// DecodeOptions configure Decode. The zero value recognises the format by
// content and uses the wall clock.
type DecodeOptions struct {
	Format Format
	// Now is today for ongoing JSON Resume work periods; nil means time.Now.
	Now func() time.Time
}

// Record is one decoded input record: a candidate or the reason it was
// rejected.
type Record struct {
	// Candidate is the decoded candidate. When Err is set it holds at most
	// the record's id, if one could be read.
	Candidate scoring.Candidate
	Position  string // see RecordError
	Err       error  // a *RecordError when the record is rejected
}

// peekSize is the buffer DetectFormat looks into. A JSON Lines file whose
// first line is longer than this is read as a stream of JSON values, which
// gives the same records but stops at the first malformed one.
const peekSize = 1 << 20

// Decode streams records from r, calling fn for each, without loading the
// whole input: a top-level JSON array is read element by element with
// json.Decoder, JSON Lines line by line, CSV row by row with encoding/csv.
// A bad record never stops the good ones: it is passed to fn with Err set
// to a *RecordError naming its position, id and field. Native records are
// decoded strictly (unknown fields and wrong types are rejected) and
// checked with (*scoring.Candidate).Validate; the package documentation
// says how JSON Resume and CSV are read. Decode does not normalise
// certifications; match.Engine.Import does.
//
// Decode returns the format it read, and an error only when the input as a
// whole cannot be read (an I/O error, malformed JSON outside JSON Lines, a
// bad CSV header, an unknown format) or fn returns one, which stops
// decoding and is returned as is. Empty input (only white space) is no
// records and no error; the format returned is then opts.Format.
//
// A JSON object whose first line is a complete JSON value starts JSON
// Lines: every non-blank line must then hold one record. A single such
// line is a "document"; to tell, the first record of JSON Lines is handed
// to fn when the second line arrives.
func Decode(r io.Reader, opts DecodeOptions, fn func(Record) error) (Format, error) {
	br := bufio.NewReaderSize(r, peekSize)
	if err := skipBOM(br); err != nil {
		return opts.Format, err
	}
	format := opts.Format
	switch format {
	case FormatAuto:
		f, err := DetectFormat(br)
		if errors.Is(err, errEmpty) {
			return format, nil
		}
		if err != nil {
			return format, err
		}
		format = f
	case FormatNative, FormatJSONResume, FormatCSV:
	default:
		return format, fmt.Errorf("%w %q (want %q, %q, %q or \"\")", ErrUnknownFormat, format, FormatNative, FormatJSONResume, FormatCSV)
	}
	now := opts.Now
	if now == nil {
		now = time.Now
	}
	if format == FormatCSV {
		return format, decodeCSV(br, fn)
	}
	conv := func(raw []byte, pos string) Record { return nativeRecord(raw, pos) }
	if format == FormatJSONResume {
		today := now()
		conv = func(raw []byte, pos string) Record { return resumeRecord(raw, pos, today) }
	}
	return format, decodeJSON(br, conv, fn)
}

// errEmpty marks input that holds nothing but white space.
var errEmpty = fmt.Errorf("%w: empty input", ErrUnknownFormat)

// DetectFormat peeks at the start of br, without consuming it, and says
// which format it holds:
//
//   - JSON (the first byte past white space and a byte order mark is '{' or
//     '['): the top-level keys of the first object decide. A JSON Resume
//     section (basics, work, volunteer, education, awards, certificates,
//     publications, languages, interests, references, projects, meta,
//     $schema) means FormatJSONResume; a native field (id, name, email,
//     certifications, years_experience, ...) means FormatNative; "skills"
//     alone decides by its first element, an object for JSON Resume, a
//     string for native. An object with neither is native.
//   - Otherwise CSV, when the first line is a header with an "id" column.
//
// It returns an error wrapping ErrUnknownFormat for anything else,
// including empty input. Give br a buffer of at least a few kilobytes:
// DetectFormat looks no further than br's buffer.
func DetectFormat(br *bufio.Reader) (Format, error) {
	head, err := peekUntil(br, func(b []byte, final bool) bool {
		t := bytes.TrimLeft(strictjson.TrimBOM(b), " \t\r\n")
		if len(t) == 0 {
			return final
		}
		if t[0] == '{' || t[0] == '[' {
			_, done := classifyJSON(t)
			return done || final
		}
		return bytes.IndexByte(t, '\n') >= 0 || final
	})
	if err != nil {
		return FormatAuto, err
	}
	t := bytes.TrimLeft(strictjson.TrimBOM(head), " \t\r\n")
	switch {
	case len(t) == 0:
		return FormatAuto, errEmpty
	case t[0] == '{' || t[0] == '[':
		f, _ := classifyJSON(t)
		return f, nil
	}
	line := t
	if i := bytes.IndexByte(t, '\n'); i >= 0 {
		line = t[:i]
	}
	cols, err := csvHeader(line)
	if err != nil {
		return FormatAuto, fmt.Errorf("%w: not JSON, and not CSV: %v", ErrUnknownFormat, err)
	}
	if !cols.has("id") {
		return FormatAuto, fmt.Errorf("%w: not JSON, and the first line is not a CSV header with an \"id\" column", ErrUnknownFormat)
	}
	return FormatCSV, nil
}

// peekUntil peeks at more and more of br, a read at a time so that a slow
// stream is never waited on for more than it needs, until enough reports
// true, the buffer is full or the input ends.
func peekUntil(br *bufio.Reader, enough func(b []byte, final bool) bool) ([]byte, error) {
	for {
		b, _ := br.Peek(br.Buffered())
		full := len(b) >= br.Size()
		if enough(b, full) || full {
			return b, nil
		}
		if _, err := br.Peek(len(b) + 1); err != nil {
			b, _ = br.Peek(br.Buffered())
			if err == io.EOF || errors.Is(err, bufio.ErrBufferFull) {
				enough(b, true)
				return b, nil
			}
			return b, fmt.Errorf("read: %w", err)
		}
	}
}

// skipBOM drops a UTF-8 byte order mark at the start of br.
func skipBOM(br *bufio.Reader) error {
	b, err := br.Peek(3)
	if err != nil && err != io.EOF {
		return fmt.Errorf("read: %w", err)
	}
	_, _ = br.Discard(len(b) - len(strictjson.TrimBOM(b)))
	return nil
}

// Top-level keys that decide between the JSON formats.
var (
	resumeKeys = map[string]bool{"basics": true, "work": true, "volunteer": true, "education": true, "awards": true,
		"certificates": true, "publications": true, "languages": true, "interests": true, "references": true,
		"projects": true, "meta": true, "$schema": true}
	nativeKeys = map[string]bool{"id": true, "name": true, "email": true, "phone": true, "location": true,
		"years_experience": true, "desired_salary": true, "summary": true, "certifications": true}
)

// classifyJSON reads the keys of the first object in b (a prefix of the
// input) and reports the format they show, and whether they were enough to
// decide.
func classifyJSON(b []byte) (Format, bool) {
	dec := json.NewDecoder(bytes.NewReader(b))
	tok, err := dec.Token()
	if err != nil {
		return FormatNative, false
	}
	if tok == json.Delim('[') {
		if tok, err = dec.Token(); err != nil {
			return FormatNative, false
		}
		if tok == json.Delim(']') {
			return FormatNative, true // an empty array: nothing to decide
		}
	}
	if tok != json.Delim('{') {
		return FormatNative, true // not objects: let the native decoder say so
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return FormatNative, false
		}
		key, _ := tok.(string)
		switch {
		case resumeKeys[key]:
			return FormatJSONResume, true
		case nativeKeys[key]:
			return FormatNative, true
		case key == "skills":
			if f, ok := classifySkills(dec); ok {
				return f, true
			}
			continue
		}
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			return FormatNative, false
		}
	}
	if _, err := dec.Token(); err != nil {
		return FormatNative, false // the object is cut off
	}
	return FormatNative, true
}

// classifySkills looks at the first element of a "skills" value: an object
// is JSON Resume, a string native. It consumes the whole value.
func classifySkills(dec *json.Decoder) (Format, bool) {
	var raw json.RawMessage
	if err := dec.Decode(&raw); err != nil {
		return FormatNative, false
	}
	var items []json.RawMessage
	if json.Unmarshal(raw, &items) != nil || len(items) == 0 {
		return FormatNative, false
	}
	switch bytes.TrimSpace(items[0])[0] {
	case '{':
		return FormatJSONResume, true
	case '"':
		return FormatNative, true
	}
	return FormatNative, false
}

// decodeJSON reads a top-level array, JSON Lines or a stream of JSON
// values from br, converting each record with conv.
func decodeJSON(br *bufio.Reader, conv func(raw []byte, pos string) Record, fn func(Record) error) error {
	head, err := peekUntil(br, func(b []byte, final bool) bool {
		t := bytes.TrimLeft(b, " \t\r\n")
		return len(t) > 0 && (t[0] != '{' || bytes.IndexByte(t, '\n') >= 0) || final
	})
	if err != nil {
		return err
	}
	t := bytes.TrimLeft(head, " \t\r\n")
	switch {
	case len(t) == 0:
		return nil
	case t[0] == '[':
		return decodeArray(br, conv, fn)
	case t[0] == '{':
		first := t
		if i := bytes.IndexByte(t, '\n'); i >= 0 {
			first = t[:i]
		}
		if json.Valid(first) {
			return decodeLines(br, conv, fn)
		}
		return decodeStream(br, conv, fn)
	}
	return fmt.Errorf("want a JSON object, an array of objects or JSON Lines, found %q", abbrev(t))
}

func abbrev(b []byte) string {
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		b = b[:i]
	}
	if len(b) > 20 {
		return string(b[:20]) + "..."
	}
	return string(b)
}

func decodeArray(br *bufio.Reader, conv func([]byte, string) Record, fn func(Record) error) error {
	dec := json.NewDecoder(br)
	if _, err := dec.Token(); err != nil { // '['
		return fmt.Errorf("array: %w", err)
	}
	for i := 0; dec.More(); i++ {
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return fmt.Errorf("[%d]: %w", i, err)
		}
		if err := fn(conv(raw, fmt.Sprintf("[%d]", i))); err != nil {
			return err
		}
	}
	if _, err := dec.Token(); err != nil { // ']'
		return fmt.Errorf("array: %w", err)
	}
	if err := expectEOF(dec); err != nil {
		return fmt.Errorf("after the array: %w", err)
	}
	return nil
}

// expectEOF reports an error unless dec's input has ended.
func expectEOF(dec *json.Decoder) error {
	tok, err := dec.Token()
	switch {
	case err == io.EOF:
		return nil
	case err != nil:
		return err
	}
	return fmt.Errorf("unexpected %v", tok)
}

// decodeLines reads JSON Lines. The first record is held until a second
// line shows up, so that a file of one object on one line is a "document",
// like the same object indented.
func decodeLines(br *bufio.Reader, conv func([]byte, string) Record, fn func(Record) error) error {
	var first []byte
	firstLine, records := 0, 0
	for n := 1; ; n++ {
		line, err := br.ReadBytes('\n')
		if err != nil && err != io.EOF {
			return fmt.Errorf("line %d: read: %w", n, err)
		}
		if t := bytes.TrimSpace(line); len(t) > 0 {
			records++
			switch records {
			case 1:
				first, firstLine = t, n
			case 2:
				if ferr := fn(conv(first, fmt.Sprintf("line %d", firstLine))); ferr != nil {
					return ferr
				}
				fallthrough
			default:
				if ferr := fn(conv(t, fmt.Sprintf("line %d", n))); ferr != nil {
					return ferr
				}
			}
		}
		if err == io.EOF {
			if records == 1 {
				return fn(conv(first, "document"))
			}
			return nil
		}
	}
}

func decodeStream(br *bufio.Reader, conv func([]byte, string) Record, fn func(Record) error) error {
	dec := json.NewDecoder(br)
	var raw json.RawMessage
	if err := dec.Decode(&raw); err != nil {
		return fmt.Errorf("document: %w", err)
	}
	if !dec.More() {
		if err := expectEOF(dec); err != nil {
			return fmt.Errorf("after the document: %w", err)
		}
		return fn(conv(raw, "document"))
	}
	for n := 1; ; n++ {
		if err := fn(conv(raw, fmt.Sprintf("document %d", n))); err != nil {
			return err
		}
		if !dec.More() {
			if err := expectEOF(dec); err != nil {
				return fmt.Errorf("after document %d: %w", n, err)
			}
			return nil
		}
		raw = nil
		if err := dec.Decode(&raw); err != nil {
			return fmt.Errorf("document %d: %w", n+1, err)
		}
	}
}

// reject builds a rejected Record.
func reject(pos, id, field string, err error) Record {
	return Record{
		Candidate: scoring.Candidate{ID: id},
		Position:  pos,
		Err:       &RecordError{Position: pos, Record: id, Field: field, Err: err},
	}
}

// rejectValidation turns a validation error of c into a rejected Record,
// taking the field from a *scoring.FieldError; rename maps the candidate's
// field path to the input's.
func rejectValidation(pos string, c *scoring.Candidate, err error, rename func(string) string) Record {
	field := ""
	var fe *scoring.FieldError
	if errors.As(err, &fe) {
		field, err = fe.Field, fe.Err
		if rename != nil {
			field = rename(field)
		}
	}
	return reject(pos, c.ID, field, err)
}

// nativeRecord decodes one native candidate.
func nativeRecord(raw []byte, pos string) Record {
	var c scoring.Candidate
	// Fast path: a well-formed record decodes with encoding/json alone; the
	// strict decoder runs only to name the field of a bad one.
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if t := bytes.TrimSpace(raw); len(t) > 0 && t[0] == '{' && dec.Decode(&c) == nil && !dec.More() {
		if err := c.Validate(); err != nil {
			return rejectValidation(pos, &c, err, nil)
		}
		return Record{Candidate: c, Position: pos}
	}
	c = scoring.Candidate{}
	id := peekID(raw)
	if err := strictjson.Unmarshal(raw, &c); err != nil {
		var fe *strictjson.FieldError
		if errors.As(err, &fe) {
			return reject(pos, id, fe.Path, fe.Err)
		}
		return reject(pos, id, "", err)
	}
	if err := c.Validate(); err != nil {
		return rejectValidation(pos, &c, err, nil)
	}
	return Record{Candidate: c, Position: pos}
}

// peekID returns the "id" string of a JSON object, or "".
func peekID(raw []byte) string {
	var v struct {
		ID json.RawMessage `json:"id"`
	}
	if json.Unmarshal(raw, &v) != nil {
		return ""
	}
	var id string
	if json.Unmarshal(v.ID, &id) != nil {
		return ""
	}
	return id
}
