package doctext

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
)

// The WordprocessingML namespaces DOCX text lives in.
const (
	wordNS   = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	markupNS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
)

// readDOCX returns the paragraphs of word/document.xml.
func readDOCX(data []byte, opts Options) (Document, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return Document{}, fmt.Errorf("%w: not a zip archive: %v", ErrMalformed, err)
	}
	var body *zip.File
	for _, f := range zr.File {
		if f.Name == "word/document.xml" {
			body = f
			break
		}
	}
	if body == nil {
		return Document{}, fmt.Errorf("%w: a zip archive without word/document.xml", ErrNotDocument)
	}
	if body.UncompressedSize64 > uint64(opts.MaxXML) {
		return Document{}, fmt.Errorf("%w: word/document.xml inflates to %d bytes, over %d", ErrTooLarge, body.UncompressedSize64, opts.MaxXML)
	}
	if body.Flags&0x1 != 0 {
		return Document{}, ErrEncrypted
	}
	rc, err := body.Open()
	if err != nil {
		return Document{}, fmt.Errorf("%w: word/document.xml: %v", ErrMalformed, err)
	}
	defer rc.Close()
	// archive/zip never inflates past the declared size (reading on is
	// zip.ErrFormat), so the check above bounds the work even when the
	// archive lies.
	text, err := docxText(rc, opts.MaxText)
	if err != nil {
		return Document{}, fmt.Errorf("%w: word/document.xml: %v", ErrMalformed, err)
	}
	return Document{Text: text}, nil
}

// docxText walks document.xml: text runs (w:t) in paragraphs (w:p), tabs
// and breaks, leaving out deleted text (w:delText is another element),
// field instructions (w:instrText) and the fallback copy of drawings
// (mc:Fallback repeats mc:Choice's text). It stops once max bytes are
// gathered.
func docxText(r io.Reader, max int) (string, error) {
	dec := xml.NewDecoder(r)
	dec.Strict = false
	var b strings.Builder
	inText, skip := false, 0
	for b.Len() <= max {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return "", err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch {
			case skip > 0 || (t.Name.Space == markupNS && t.Name.Local == "Fallback"):
				skip++
			case t.Name.Space != wordNS:
			case t.Name.Local == "t":
				inText = true
			case t.Name.Local == "tab", t.Name.Local == "ptab":
				b.WriteByte('\t')
			case t.Name.Local == "br", t.Name.Local == "cr":
				b.WriteByte('\n')
			}
		case xml.EndElement:
			switch {
			case skip > 0:
				skip--
			case t.Name.Space != wordNS:
			case t.Name.Local == "t":
				inText = false
			case t.Name.Local == "p":
				b.WriteByte('\n')
			case t.Name.Local == "tc":
				b.WriteByte('\t')
			}
		case xml.CharData:
			if inText && skip == 0 {
				b.Write(t)
			}
		}
	}
	return b.String(), nil
}
