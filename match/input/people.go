package input

import (
	"archive/zip"
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"strings"

	"github.com/certmatch/certmatch/internal/doctext"
	"github.com/certmatch/certmatch/internal/linkedin"
)

// documentExtensions are the file name extensions that make a file a
// resume document whatever it holds.
var documentExtensions = map[string]bool{".pdf": true, ".docx": true, ".md": true, ".markdown": true, ".txt": true, ".text": true}

// documentName reports whether a file name says it is a resume document.
func documentName(name string) bool { return documentExtensions[strings.ToLower(path.Ext(name))] }

// detectBinary tells a resume document or a LinkedIn export zip from the
// first bytes of an input: a PDF, a DOCX, an OLE file (an old or
// encrypted Word file, which the document reader names), a zip holding
// LinkedIn's CSV files.
func detectBinary(head []byte) (Format, bool) {
	switch {
	case bytes.HasPrefix(head, []byte("%PDF-")), bytes.HasPrefix(head, []byte{0xD0, 0xCF, 0x11, 0xE0}):
		return FormatDocument, true
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		if bytes.Contains(head, []byte("word/")) {
			return FormatDocument, true
		}
		return FormatLinkedIn, true
	}
	return FormatAuto, false
}

// binaryData reports whether the start of an input is not text: it holds
// a NUL byte, or control bytes (but tabs, line breaks and form feeds) make
// up more than a tenth of it. Text in a legacy 8-bit encoding is text.
func binaryData(head []byte) bool {
	b := head[:min(len(head), 4096)]
	if bytes.IndexByte(b, 0) >= 0 {
		return true
	}
	control := 0
	for _, c := range b {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' {
			control++
		}
	}
	return control*10 > len(b)
}

// maxExport bounds a LinkedIn export zip read into memory.
const maxExport = 64 << 20

// documentRecord reads a whole resume document from br as one candidate,
// at Position "document". A document that cannot be read (encrypted,
// image-only, not a document, too large) is a rejected record saying so.
func documentRecord(br *bufio.Reader, ro recordOptions) Record {
	const pos = "document"
	data, err := io.ReadAll(io.LimitReader(br, doctext.DefaultMaxSize+1))
	if err != nil {
		return reject(pos, "", "", fmt.Errorf("read: %w", err))
	}
	doc, err := doctext.Bytes(data, ro.name, doctext.Options{})
	if err != nil {
		return reject(pos, "", "", err)
	}
	r := documentCandidate(doc.Text, ro.find, ro.now)
	in := IDInput{Format: FormatDocument, Position: pos, Name: ro.name, Email: r.cand.Email, Raw: []byte(doc.Text)}
	id, warn, err := ro.ids.pickID(in, nil, func() []byte { return []byte(doc.Text) })
	if err != nil {
		return reject(pos, "", "", err)
	}
	var notes []fieldNote
	if warn != nil {
		notes = append(notes, fieldNote{field: "email", err: warn})
	}
	if doc.Cut {
		notes = append(notes, fieldNote{err: errors.New("the document is longer than the text read; the rest was left out")})
	}
	c := r.cand
	c.ID = id
	c.SkillSources = r.skillSources()
	notes = append(notes, keepValid(&c, func(f string) string { return f })...)
	return Record{Candidate: c, Position: pos, Warnings: warnings(pos, id, notes), Inferred: r.inferred}
}

// linkedinRecord reads a LinkedIn export from br, a zip of the export or
// one of its CSV files, as one candidate at Position "export".
func linkedinRecord(br *bufio.Reader, ro recordOptions) Record {
	const pos = "export"
	head, _ := br.Peek(4)
	var exp linkedin.Export
	var raw []byte
	var err error
	if bytes.HasPrefix(head, []byte("PK\x03\x04")) {
		raw, err = io.ReadAll(io.LimitReader(br, maxExport+1))
		switch {
		case err != nil:
			return reject(pos, "", "", fmt.Errorf("read: %w", err))
		case len(raw) > maxExport:
			return reject(pos, "", "", fmt.Errorf("a zip larger than %d bytes", maxExport))
		}
		zr, zerr := zip.NewReader(bytes.NewReader(raw), int64(len(raw)))
		if zerr != nil {
			return reject(pos, "", "", fmt.Errorf("not a zip archive: %w", zerr))
		}
		exp, err = linkedin.ReadFS(zr)
	} else {
		var buf bytes.Buffer
		exp, err = linkedin.ReadCSV(io.TeeReader(br, &buf))
		raw = buf.Bytes()
	}
	if err != nil {
		return reject(pos, "", "", err)
	}
	return exportRecord(exp, raw, pos, ro)
}

// ExportDir reports whether the folder fsys holds a LinkedIn data export:
// its Profile, Email Addresses, Positions, Projects, Skills or
// Certifications CSV files, in the folder itself.
func ExportDir(fsys fs.FS) bool {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return false
	}
	for _, e := range entries {
		if !e.IsDir() && linkedin.IsExportFile(e.Name()) {
			return true
		}
	}
	return false
}

// DecodeExportDir reads the LinkedIn data export in the folder fsys (its
// files in the folder itself or, as a zip unpacks, in its one subfolder)
// as one candidate and calls fn with it, at Position "export".
// opts.Format is ignored. It returns fn's error, or an error when fsys
// holds no export.
func DecodeExportDir(fsys fs.FS, opts DecodeOptions, fn func(Record) error) error {
	exp, err := linkedin.ReadFS(fsys)
	if errors.Is(err, linkedin.ErrNotExport) {
		return err
	}
	if err != nil {
		return fn(reject("export", "", "", err))
	}
	var raw bytes.Buffer
	for _, f := range exp.Files {
		raw.WriteString(string(f))
	}
	raw.WriteString(fmt.Sprint(exp.Profile, exp.Emails, exp.Positions, exp.Skills, exp.Certifications))
	ro := recordOptionsFor(opts)
	return fn(exportRecord(exp, raw.Bytes(), "export", ro))
}

// exportRecord gives an export's candidate its id and warnings.
func exportRecord(exp linkedin.Export, raw []byte, pos string, ro recordOptions) Record {
	r, notes := linkedinCandidate(exp, ro.find, ro.now)
	in := IDInput{Format: FormatLinkedIn, Position: pos, Name: ro.name, Email: r.cand.Email, Raw: raw}
	id, warn, err := ro.ids.pickID(in, nil, func() []byte { return raw })
	if err != nil {
		return reject(pos, "", "", err)
	}
	if warn != nil {
		notes = append(notes, fieldNote{field: string(linkedin.FileEmails), err: warn})
	}
	c := r.cand
	c.ID = id
	c.SkillSources = r.skillSources()
	notes = append(notes, keepValid(&c, func(f string) string { return f })...)
	return Record{Candidate: c, Position: pos, Warnings: warnings(pos, id, notes)}
}
