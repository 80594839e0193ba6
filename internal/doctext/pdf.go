package doctext

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"strings"

	"github.com/ledongthuc/pdf"
)

// readPDF returns the text of a PDF's pages, MaxPages at most.
func readPDF(data []byte, opts Options) (doc Document, err error) {
	// The PDF reader panics on some malformed input; a panic is that
	// file's error, never the caller's crash.
	defer func() {
		if r := recover(); r != nil {
			doc, err = Document{}, fmt.Errorf("%w: %v", ErrMalformed, r)
		}
	}()
	r, err := pdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		if errors.Is(err, pdf.ErrInvalidPassword) || encryptedPDF(data) {
			return Document{}, ErrEncrypted
		}
		return Document{}, fmt.Errorf("%w: %v", ErrMalformed, err)
	}
	n := r.NumPage()
	if n > opts.MaxPages {
		n, doc.Cut = opts.MaxPages, true
	}
	var b strings.Builder
	for i := 1; i <= n && b.Len() <= opts.MaxText; i++ {
		p := r.Page(i)
		if p.V.IsNull() {
			continue
		}
		pageText(&b, p.Content().Text)
		b.WriteString("\n\f")
	}
	doc.Text, doc.Pages = b.String(), n
	return doc, nil
}

// encryptedPDF reports whether a PDF's trailer names an Encrypt
// dictionary, for readers that fail on it without saying so.
func encryptedPDF(data []byte) bool {
	tail := data
	if len(tail) > 4096 {
		tail = tail[len(tail)-4096:]
	}
	return bytes.Contains(tail, []byte("/Encrypt"))
}

// pageText writes a page's glyphs as lines: a glyph whose baseline is more
// than half its size from the previous one's starts a line; a gap wider
// than a fifth of the size is a space. Glyphs stay in content order.
func pageText(b *strings.Builder, glyphs []pdf.Text) {
	var prev pdf.Text
	have := false
	for _, g := range glyphs {
		if g.S == "" || g.S == "\n" {
			continue
		}
		size := math.Abs(g.FontSize)
		if size == 0 {
			size = 10
		}
		switch {
		case !have:
		case math.Abs(g.Y-prev.Y) > size/2:
			b.WriteByte('\n')
		case g.S != " " && prev.S != " " && gap(prev, g) > size/5:
			b.WriteByte(' ')
		}
		b.WriteString(g.S)
		prev, have = g, true
	}
}

// gap is the horizontal space between two glyphs on one line. A font
// without widths gives every glyph of one show operation the same X; a
// move to a new X is then a new word.
func gap(prev, g pdf.Text) float64 {
	if prev.W == 0 {
		if g.X > prev.X+0.01 || g.X < prev.X-0.01 {
			return math.Inf(1)
		}
		return 0
	}
	return g.X - (prev.X + prev.W)
}
