// Package doctext turns a resume document into plain text: PDF, DOCX,
// Markdown and plain text files.
//
// The kind is recognised by content, not by name: "%PDF-" starts a PDF, a
// zip archive holding word/document.xml is a DOCX, and UTF-8 (or UTF-16
// with a byte order mark) text is text; a name ending in .md or .markdown
// makes text Markdown, whose markup is taken out (headings, emphasis, links
// keep their words, code fences their contents).
//
//   - DOCX: the paragraphs of word/document.xml (archive/zip and
//     encoding/xml), one line each; runs are joined, tabs and breaks kept,
//     deleted revisions, field codes and the fallback copies of drawings
//     left out. Headers, footers and comments are not read.
//   - PDF: the text of each page (github.com/ledongthuc/pdf, BSD-3-Clause,
//     pure Go, no dependencies), rebuilt into lines from the glyphs'
//     positions: a new line where the baseline moves, a space where a gap
//     is wider than a fifth of the font size. Pages are read in order;
//     multi-column layouts come out in content order.
//
// Every limit is an option ([Options]) with a default, so a hostile file
// costs bounded memory and time: the file's size, the uncompressed size of
// document.xml (a zip bomb is refused from its declared size before it is
// inflated, and archive/zip never inflates past what a member declares),
// the pages read and the text kept.
//
// Failures are an *[Error] naming the kind and wrapping one of
// [ErrTooLarge], [ErrEncrypted], [ErrNoText], [ErrNotDocument] and
// [ErrMalformed]; the error never quotes the document.
//
// Functions are safe for concurrent use.
//
//	doc, err := doctext.Read(f, "resume.pdf", doctext.Options{})
//	if errors.Is(err, doctext.ErrNoText) {
//		// a scanned resume: nothing to read without OCR
//	}
//	lines := strings.Split(doc.Text, "\n")
package doctext
