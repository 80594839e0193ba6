package doctext

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// Kind is a document kind.
type Kind string

// The kinds Read recognises.
const (
	KindText     Kind = "text"
	KindMarkdown Kind = "markdown"
	KindDOCX     Kind = "docx"
	KindPDF      Kind = "pdf"
)

// The conditions an *Error wraps.
var (
	// ErrTooLarge is a file, an archive member or a text past a limit.
	ErrTooLarge = errors.New("too large")
	// ErrEncrypted is a password-protected document.
	ErrEncrypted = errors.New("encrypted (password-protected); save it without a password")
	// ErrNoText is a document with no text to read: a scanned or
	// image-only PDF, an empty DOCX.
	ErrNoText = errors.New("no text (a scanned or image-only document needs OCR first)")
	// ErrNotDocument is data of no kind Read knows: an image, an archive
	// that is not a DOCX, another binary.
	ErrNotDocument = errors.New("not a resume document (want PDF, DOCX, Markdown or text)")
	// ErrMalformed is a PDF or DOCX that cannot be parsed.
	ErrMalformed = errors.New("malformed")
)

// Error is a document that could not be read.
type Error struct {
	Kind Kind  // "" when the kind could not be told
	Err  error // wraps one of the conditions above
}

func (e *Error) Error() string {
	if e.Kind == "" {
		return e.Err.Error()
	}
	return string(e.Kind) + ": " + e.Err.Error()
}

// Unwrap returns the condition.
func (e *Error) Unwrap() error { return e.Err }

// Defaults for the zero Options.
const (
	DefaultMaxSize  = 20 << 20 // bytes of the file
	DefaultMaxXML   = 32 << 20 // uncompressed bytes of a DOCX's document.xml
	DefaultMaxPages = 50
	DefaultMaxText  = 2 << 20 // bytes of text kept
)

// Options bound the work Read does; a zero field means its default.
type Options struct {
	MaxSize  int64 // file size; larger files are ErrTooLarge
	MaxXML   int64 // uncompressed document.xml; larger is ErrTooLarge
	MaxPages int   // PDF pages read; the rest are left out
	MaxText  int   // text kept; the rest is cut at a line break
}

func (o Options) withDefaults() Options {
	if o.MaxSize <= 0 {
		o.MaxSize = DefaultMaxSize
	}
	if o.MaxXML <= 0 {
		o.MaxXML = DefaultMaxXML
	}
	if o.MaxPages <= 0 {
		o.MaxPages = DefaultMaxPages
	}
	if o.MaxText <= 0 {
		o.MaxText = DefaultMaxText
	}
	return o
}

// Document is the text of a document.
type Document struct {
	Kind  Kind
	Text  string // lines separated by "\n", trimmed, no blank runs
	Pages int    // PDF pages read; 0 for other kinds
	// Cut is true when Text stopped at Options.MaxText or MaxPages.
	Cut bool
}

// Read reads a whole document from r (at most Options.MaxSize bytes) and
// returns its text. name is used only for its extension, to tell Markdown
// from text.
func Read(r io.Reader, name string, opts Options) (Document, error) {
	opts = opts.withDefaults()
	data, err := io.ReadAll(io.LimitReader(r, opts.MaxSize+1))
	if err != nil {
		return Document{}, &Error{Err: fmt.Errorf("read: %w", err)}
	}
	if int64(len(data)) > opts.MaxSize {
		return Document{}, &Error{Err: fmt.Errorf("%w: over %d bytes", ErrTooLarge, opts.MaxSize)}
	}
	return Bytes(data, name, opts)
}

// Bytes is Read for a document already in memory.
func Bytes(data []byte, name string, opts Options) (Document, error) {
	opts = opts.withDefaults()
	if int64(len(data)) > opts.MaxSize {
		return Document{}, &Error{Err: fmt.Errorf("%w: %d bytes, over %d", ErrTooLarge, len(data), opts.MaxSize)}
	}
	if bytes.HasPrefix(data, cfbMagic) {
		// An OLE compound file: a password-protected Office document (its
		// encrypted package sits in a stream named EncryptionInfo) or a
		// Word 97-2003 .doc.
		if bytes.Contains(data, utf16Name("EncryptionInfo")) {
			return Document{}, &Error{Kind: KindDOCX, Err: ErrEncrypted}
		}
		return Document{}, &Error{Err: fmt.Errorf("%w: a Word 97-2003 or other OLE file; save it as DOCX or PDF", ErrNotDocument)}
	}
	kind := Detect(data, name)
	var doc Document
	var err error
	switch kind {
	case KindPDF:
		doc, err = readPDF(data, opts)
	case KindDOCX:
		doc, err = readDOCX(data, opts)
	case KindText, KindMarkdown:
		text, ok := decodeText(data)
		if !ok {
			return Document{}, &Error{Err: ErrNotDocument}
		}
		if kind == KindMarkdown {
			text = stripMarkdown(text)
		}
		doc = Document{Text: text}
	default:
		return Document{}, &Error{Err: ErrNotDocument}
	}
	if err != nil {
		return Document{}, &Error{Kind: kind, Err: err}
	}
	doc.Kind = kind
	var cut bool
	doc.Text, cut = tidy(doc.Text, opts.MaxText)
	doc.Cut = doc.Cut || cut
	if doc.Text == "" {
		return Document{}, &Error{Kind: kind, Err: ErrNoText}
	}
	return doc, nil
}

// cfbMagic starts an OLE compound file.
var cfbMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// utf16Name is s in UTF-16LE, as compound file directories write names.
func utf16Name(s string) []byte {
	out := make([]byte, 0, 2*len(s))
	for i := 0; i < len(s); i++ {
		out = append(out, s[i], 0)
	}
	return out
}

// Detect tells the kind of a document from its first bytes and, for
// Markdown, its name; "" when it is none Read knows.
func Detect(head []byte, name string) Kind {
	switch {
	case bytes.HasPrefix(head, []byte("%PDF-")):
		return KindPDF
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		if bytes.Contains(head, []byte("word/")) {
			return KindDOCX
		}
		return ""
	}
	if !looksLikeText(head) {
		return ""
	}
	switch strings.ToLower(path.Ext(name)) {
	case ".md", ".markdown", ".mdown", ".mkd":
		return KindMarkdown
	}
	return KindText
}

// looksLikeText reports whether the start of b is text: a UTF-16 byte
// order mark, or UTF-8 (a rune cut at the end allowed) without NUL or
// other control bytes but tab, line breaks and form feed.
func looksLikeText(b []byte) bool {
	if bytes.HasPrefix(b, []byte{0xFF, 0xFE}) || bytes.HasPrefix(b, []byte{0xFE, 0xFF}) {
		return true
	}
	const sniff = 8 << 10
	if len(b) > sniff {
		b = b[:sniff]
		for i := 0; i < utf8.UTFMax && len(b) > 0 && !utf8.Valid(b); i++ {
			b = b[:len(b)-1]
		}
	}
	if !utf8.Valid(b) {
		return false
	}
	for _, c := range b {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' {
			return false
		}
	}
	return true
}

// decodeText returns data as a string: UTF-8 (a byte order mark dropped)
// or UTF-16 with a byte order mark.
func decodeText(data []byte) (string, bool) {
	switch {
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		little := data[0] == 0xFF
		data = data[2:]
		u := make([]uint16, len(data)/2)
		for i := range u {
			if little {
				u[i] = uint16(data[2*i]) | uint16(data[2*i+1])<<8
			} else {
				u[i] = uint16(data[2*i])<<8 | uint16(data[2*i+1])
			}
		}
		return string(utf16.Decode(u)), true
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(data) || bytes.IndexByte(data, 0) >= 0 {
		return "", false
	}
	return string(data), true
}

// tidy trims every line, turns form feeds into line breaks, keeps at most
// one blank line in a row and cuts the text at a line break before max
// bytes.
func tidy(s string, max int) (string, bool) {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.NewReplacer("\r", "\n", "\f", "\n", "\u00a0", " ").Replace(s)
	var b strings.Builder
	blank := true
	cut := false
	for line := range strings.SplitSeq(s, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			if !blank {
				b.WriteByte('\n')
			}
			blank = true
			continue
		}
		if b.Len()+len(line)+1 > max {
			cut = true
			break
		}
		blank = false
		b.WriteString(line)
		b.WriteByte('\n')
	}
	return strings.TrimSpace(b.String()), cut
}
