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
	"unicode/utf8"

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
// Record is the candidate id when it is known and a valid id (an id that
// is not valid UTF-8, too long or holding control characters is never
// quoted; a rejected JSON Resume record is named by a hash of its content,
// never by its email address), Field the JSON path or CSV
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
	id = printableID(id)
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
			out.Record = printableID(fe.Record)
		}
	}
	if out.Err == nil {
		out.Err = errors.New("rejected")
	}
	return out
}

// InputError is an error of the input as a whole, which ends decoding:
// malformed or truncated JSON outside JSON Lines, a bad CSV header, a
// reader that fails. Every record before Position was handed on; the rest
// of the input was not read.
type InputError struct {
	// Position is where reading stopped, in the forms of RecordError: the
	// record the input failed in or would have held next ("[3]", "line
	// 40", "document 2"); "" at the start of the input.
	Position string
	Err      error
}

// Error formats e as "[3]: unexpected end of input".
func (e *InputError) Error() string {
	if e.Position == "" {
		return e.Err.Error()
	}
	return e.Position + ": " + e.Err.Error()
}

// Unwrap returns the underlying error.
func (e *InputError) Unwrap() error { return e.Err }

// inputErr builds an *InputError, naming an end of input mid-value for what
// it is.
func inputErr(pos string, err error) error {
	if err == io.EOF || errors.Is(err, io.ErrUnexpectedEOF) {
		err = errTruncated
	}
	return &InputError{Position: pos, Err: err}
}

// errTruncated is the reason of an input that ends inside a value.
var errTruncated = errors.New("unexpected end of input (truncated?)")

// MaxRecordSize is the largest record, in bytes of its input, that Decode
// reads: a longer record is rejected with its position (a JSON Lines line
// longer than this is skipped without being held in memory).
const MaxRecordSize = 16 << 20

// errTooLarge is the reason a record over MaxRecordSize is rejected.
var errTooLarge = fmt.Errorf("record longer than %d bytes", MaxRecordSize)

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

// peekSize is the buffer DetectFormat looks into. Input starting with a
// JSON object whose first line is longer than this is JSON Lines.
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
// decoding and is returned as is. An error of the input as a whole is an
// *InputError saying where it stopped; every record decoded before it has
// been handed to fn. Empty input (only white space) is no records and no
// error; the format returned is then opts.Format.
//
// Input starting with a JSON object is JSON Lines when its first line is a
// complete JSON value, when its first line does not end within the first
// megabyte, or when its next non-blank line starts with '{' in the first
// column (so a malformed first line costs that line only); every non-blank
// line then holds one record. A single such line is a "document"; to tell,
// the first record of JSON Lines is handed to fn when the second line
// arrives.
func Decode(r io.Reader, opts DecodeOptions, fn func(Record) error) (Format, error) {
	br := bufio.NewReaderSize(r, peekSize)
	if err := skipBOM(br); err != nil {
		return opts.Format, &InputError{Err: err}
	}
	format := opts.Format
	switch format {
	case FormatAuto:
		f, err := DetectFormat(br)
		if errors.Is(err, errEmpty) {
			return format, nil
		}
		if err != nil {
			return format, &InputError{Err: err}
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
		f, done := classifyJSON(t)
		// A malformed first JSON Lines record decides nothing: the next
		// line that starts a record does.
		for rest := t; !done && t[0] == '{'; {
			i := bytes.Index(rest, []byte("\n{"))
			if i < 0 {
				break
			}
			rest = rest[i+1:]
			f, done = classifyJSON(rest)
		}
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
	lines := false
	head, err := peekUntil(br, func(b []byte, final bool) bool {
		t := bytes.TrimLeft(b, " \t\r\n")
		if len(t) == 0 || t[0] != '{' {
			return len(t) > 0 || final
		}
		var decided bool
		lines, decided = looksLikeLines(t, final, len(b) >= br.Size())
		return decided
	})
	if err != nil {
		return &InputError{Err: err}
	}
	t := bytes.TrimLeft(head, " \t\r\n")
	switch {
	case len(t) == 0:
		return nil
	case t[0] == '[':
		return decodeArray(br, conv, fn)
	case t[0] == '{' && lines:
		return decodeLines(br, conv, fn)
	case t[0] == '{':
		return decodeStream(br, conv, fn)
	}
	return &InputError{Err: fmt.Errorf("want a JSON object, an array of objects or JSON Lines, found %q", abbrev(t))}
}

// looksLikeLines says whether t, the start of an input beginning with '{',
// is JSON Lines, and whether t was enough to tell. final means no more
// input is coming; full that the buffer is full, so the first line does
// not end within it.
func looksLikeLines(t []byte, final, full bool) (lines, decided bool) {
	i := bytes.IndexByte(t, '\n')
	if i < 0 {
		switch {
		case full:
			return true, true // a line longer than the buffer: one record, or a one-line document read the same
		case final:
			return json.Valid(t), true // one line: a document, or a stream of values on it
		}
		return false, false
	}
	if json.Valid(t[:i]) {
		return true, true
	}
	rest := t[i+1:]
	for {
		j := bytes.IndexByte(rest, '\n')
		if j < 0 && !final && !full {
			return false, false // the next line may still be blank
		}
		line := rest
		if j >= 0 {
			line = rest[:j]
		}
		if len(bytes.TrimSpace(line)) > 0 {
			return line[0] == '{', true
		}
		if j < 0 {
			return false, true // a single malformed line: read as a document, to say why
		}
		rest = rest[j+1:]
	}
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
		return inputErr("", err)
	}
	i := 0
	for ; dec.More(); i++ {
		var raw json.RawMessage
		pos := fmt.Sprintf("[%d]", i)
		if err := dec.Decode(&raw); err != nil {
			return inputErr(pos, err)
		}
		rec := sized(raw, pos, conv)
		if err := fn(rec); err != nil {
			return err
		}
	}
	if _, err := dec.Token(); err != nil { // ']'
		return inputErr(fmt.Sprintf("[%d]", i), err)
	}
	if err := expectEOF(dec); err != nil {
		return inputErr("after the array", err)
	}
	return nil
}

// sized converts raw with conv, or rejects it when it is longer than
// MaxRecordSize.
func sized(raw []byte, pos string, conv func([]byte, string) Record) Record {
	if len(raw) > MaxRecordSize {
		return reject(pos, "", "", errTooLarge)
	}
	return conv(raw, pos)
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
	firstLine, firstLong, records := 0, false, 0
	record := func(t []byte, long bool, pos string) Record {
		if long {
			return reject(pos, "", "", errTooLarge)
		}
		return conv(t, pos)
	}
	for n := 1; ; n++ {
		line, long, err := readLine(br, MaxRecordSize)
		if err != nil && err != io.EOF {
			if records == 1 {
				if ferr := fn(record(first, firstLong, fmt.Sprintf("line %d", firstLine))); ferr != nil {
					return ferr
				}
			}
			return &InputError{Position: fmt.Sprintf("line %d", n), Err: fmt.Errorf("read: %w", err)}
		}
		if t := bytes.TrimSpace(line); len(t) > 0 || long {
			records++
			switch records {
			case 1:
				first, firstLine, firstLong = t, n, long
			case 2:
				if ferr := fn(record(first, firstLong, fmt.Sprintf("line %d", firstLine))); ferr != nil {
					return ferr
				}
				fallthrough
			default:
				if ferr := fn(record(t, long, fmt.Sprintf("line %d", n))); ferr != nil {
					return ferr
				}
			}
		}
		if err == io.EOF {
			if records == 1 {
				return fn(record(first, firstLong, "document"))
			}
			return nil
		}
	}
}

// readLine reads one line of br, through its '\n' or the end of input. A
// line longer than limit is read through but not kept: long reports it.
func readLine(br *bufio.Reader, limit int) (line []byte, long bool, err error) {
	for {
		frag, err := br.ReadSlice('\n')
		if !long {
			if len(line)+len(frag) > limit {
				long, line = true, nil
			} else {
				line = append(line, frag...)
			}
		}
		if err != bufio.ErrBufferFull {
			return line, long, err
		}
	}
}

func decodeStream(br *bufio.Reader, conv func([]byte, string) Record, fn func(Record) error) error {
	dec := json.NewDecoder(br)
	var raw json.RawMessage
	if err := dec.Decode(&raw); err != nil {
		return inputErr("document", err)
	}
	if !dec.More() {
		if err := expectEOF(dec); err != nil {
			return inputErr("after the document", err)
		}
		return fn(sized(raw, "document", conv))
	}
	for n := 1; ; n++ {
		if err := fn(sized(raw, fmt.Sprintf("document %d", n), conv)); err != nil {
			return err
		}
		if !dec.More() {
			if err := expectEOF(dec); err != nil {
				return inputErr(fmt.Sprintf("after document %d", n), err)
			}
			return nil
		}
		raw = nil
		if err := dec.Decode(&raw); err != nil {
			return inputErr(fmt.Sprintf("document %d", n+1), err)
		}
	}
}

// printableID is id when it is a valid id, else "": an id that is not
// valid UTF-8, too long or holding control characters is never quoted.
func printableID(id string) string {
	if scoring.ValidateID(id) != nil {
		return ""
	}
	return id
}

// reject builds a rejected Record.
func reject(pos, id, field string, err error) Record {
	id = printableID(id)
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
	// encoding/json turns invalid UTF-8 into U+FFFD, which would fold two
	// distinct ids into one: the id is checked as written.
	if !utf8.Valid(raw) && !utf8.Valid(rawID(raw)) {
		return reject(pos, "", "id", fmt.Errorf("%w: not valid UTF-8", scoring.ErrID))
	}
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

// rawID returns the "id" member of a JSON object as written, or nil.
func rawID(raw []byte) []byte {
	var v struct {
		ID json.RawMessage `json:"id"`
	}
	if json.Unmarshal(raw, &v) != nil {
		return nil
	}
	return v.ID
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
