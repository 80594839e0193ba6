package doctext_test

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/certmatch/certmatch/internal/doctext"
	"github.com/certmatch/certmatch/internal/doctext/doctexttest"
)

var resumeLines = []string{
	"Jane Roe — Java developer",
	"Oracle Certified Professional, Java SE 11 Developer (2021)",
	"Skills: Java, Spring (Boot), Kafka",
	"Acme Corp, 03/2018 – Present",
}

func TestBytes(t *testing.T) {
	resumeText := strings.Join(resumeLines, "\n")
	tests := []struct {
		name string
		file string
		data []byte
		want doctext.Document
		why  string
	}{
		{"text", "cv.txt", []byte(resumeText + "\n"), doctext.Document{Kind: doctext.KindText, Text: resumeText}, "UTF-8 text as is, trailing space trimmed"},
		{"text with BOM and CRLF", "cv.txt", []byte("\xef\xbb\xbfJane\r\n\r\n\r\nJava\r\n"), doctext.Document{Kind: doctext.KindText, Text: "Jane\n\nJava"}, "byte order mark dropped, CRLF and blank runs folded"},
		{"UTF-16", "cv.txt", utf16LE("Jane\nJava"), doctext.Document{Kind: doctext.KindText, Text: "Jane\nJava"}, "Notepad's UTF-16 with a byte order mark"},
		{"markdown", "cv.md", []byte("# Jane Roe\n\n## Skills\n\n- **Java**, _Spring_ (Boot)\n- [Kafka](https://kafka.apache.org)\n\n---\n| Cert | Year |\n|---|---|\n| OCP 11 | 2021 |\n"),
			doctext.Document{Kind: doctext.KindMarkdown, Text: "Jane Roe\n\nSkills\n\nJava, Spring (Boot)\nKafka\n\nCert \t Year\nOCP 11 \t 2021"}, "markup out, words and table cells kept"},
		{"markdown keeps snake_case", "cv.md", []byte("worked on my_big_project"), doctext.Document{Kind: doctext.KindMarkdown, Text: "worked on my_big_project"}, "underscores inside words are not emphasis"},
		{"text named .md.txt", "cv.md.txt", []byte("**Java**"), doctext.Document{Kind: doctext.KindText, Text: "**Java**"}, "only a Markdown extension makes Markdown"},
		{"docx", "cv.docx", doctexttest.DOCX(resumeLines), doctext.Document{Kind: doctext.KindDOCX, Text: resumeText}, "paragraphs are lines; runs cut inside words are joined"},
		{"docx tab", "cv.docx", doctexttest.DOCX([]string{"OCP 11\t2021"}), doctext.Document{Kind: doctext.KindDOCX, Text: "OCP 11\t2021"}, "a tab element is a tab"},
		{"docx noise", "cv.docx", doctexttest.DOCXWithNoise([]string{"Jane", "Java"}, "Kafka"), doctext.Document{Kind: doctext.KindDOCX, Text: "Jane\nJava\n\nKafka"}, "no deleted text, no field code, a text box once"},
		{"docx named .bin", "upload.bin", doctexttest.DOCX([]string{"Java"}), doctext.Document{Kind: doctext.KindDOCX, Text: "Java"}, "the kind is told by content, not name"},
		{"pdf", "cv.pdf", doctexttest.PDF([][]string{resumeLines}), doctext.Document{Kind: doctext.KindPDF, Text: resumeText, Pages: 1}, "lines from baselines, spaces from glyph gaps, WinAnsi punctuation"},
		{"pdf two pages", "cv.pdf", doctexttest.PDF([][]string{{"Page one"}, {"Page two"}}), doctext.Document{Kind: doctext.KindPDF, Text: "Page one\n\nPage two", Pages: 2}, "pages in order, a blank line between"},
		{"pdf without widths", "cv.pdf", doctexttest.PDFWithoutWidths([]string{"Jane Roe", "Java developer"}), doctext.Document{Kind: doctext.KindPDF, Text: "Jane Roe\nJava developer", Pages: 1}, "a font without widths: a new position is a new word"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := doctext.Bytes(tt.data, tt.file, doctext.Options{})
			if err != nil {
				t.Fatalf("Bytes: %v (%s)", err, tt.why)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Bytes (-want +got):\n%s(%s)", diff, tt.why)
			}
		})
	}
}

func TestBytesRefuses(t *testing.T) {
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
	tests := []struct {
		name string
		data []byte
		opts doctext.Options
		kind doctext.Kind
		err  error
		why  string
	}{
		{"image pdf", doctexttest.ImagePDF(), doctext.Options{}, doctext.KindPDF, doctext.ErrNoText, "a scanned resume has no text layer"},
		{"encrypted pdf", doctexttest.EncryptedPDF(), doctext.Options{}, doctext.KindPDF, doctext.ErrEncrypted, "a user password is needed"},
		{"empty docx", doctexttest.DOCX(nil), doctext.Options{}, doctext.KindDOCX, doctext.ErrNoText, "a DOCX with no paragraphs"},
		{"blank docx", doctexttest.DOCX([]string{"  ", ""}), doctext.Options{}, doctext.KindDOCX, doctext.ErrNoText, "paragraphs of white space only"},
		{"zip bomb", doctexttest.DOCXBomb(4<<20, false), doctext.Options{MaxXML: 1 << 20}, doctext.KindDOCX, doctext.ErrTooLarge, "declared uncompressed size over the limit: refused before inflating"},
		{"lying zip bomb", doctexttest.DOCXBomb(4<<20, true), doctext.Options{MaxXML: 1 << 20}, doctext.KindDOCX, doctext.ErrMalformed, "a member inflating past its declared size is refused, not inflated"},
		{"zip of other files", doctexttest.Zip(map[string][]byte{"a.csv": []byte("x")}, []string{"a.csv"}), doctext.Options{}, "", doctext.ErrNotDocument, "an archive that is not a DOCX"},
		{"png", png, doctext.Options{}, "", doctext.ErrNotDocument, "an image is no resume"},
		{"nul bytes", []byte("Jane\x00\x00\x00Roe"), doctext.Options{}, "", doctext.ErrNotDocument, "binary data with NULs"},
		{"latin-1", []byte("Jos\xe9"), doctext.Options{}, "", doctext.ErrNotDocument, "not UTF-8: refused rather than misread"},
		{"old word", append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 512)...), doctext.Options{}, "", doctext.ErrNotDocument, "a Word 97-2003 file"},
		{"encrypted docx", append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, utf16LE("EncryptionInfo")...), doctext.Options{}, doctext.KindDOCX, doctext.ErrEncrypted, "a password-protected DOCX is an OLE file"},
		{"truncated pdf", doctexttest.PDF([][]string{{"x"}})[:200], doctext.Options{}, doctext.KindPDF, doctext.ErrMalformed, "cut off before its trailer"},
		{"too large", bytes.Repeat([]byte("a"), 2000), doctext.Options{MaxSize: 1000}, "", doctext.ErrTooLarge, "over MaxSize"},
		{"empty", nil, doctext.Options{}, doctext.KindText, doctext.ErrNoText, "an empty file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := doctext.Bytes(tt.data, "cv", tt.opts)
			var de *doctext.Error
			if !errors.Is(err, tt.err) || !errors.As(err, &de) {
				t.Fatalf("Bytes = %v, want an *Error wrapping %v (%s)", err, tt.err, tt.why)
			}
			if de.Kind != tt.kind {
				t.Errorf("Kind = %q, want %q (%s)", de.Kind, tt.kind, tt.why)
			}
		})
	}
}

// zeros is an endless reader of zero bytes.
type zeros struct{}

func (zeros) Read(p []byte) (int, error) { clear(p); return len(p), nil }

func TestReadFiftyMegabytes(t *testing.T) {
	// A 50 MB upload is refused after reading the limit, not the file.
	_, err := doctext.Read(io.LimitReader(zeros{}, 50<<20), "scan.pdf", doctext.Options{})
	if !errors.Is(err, doctext.ErrTooLarge) {
		t.Fatalf("Read(50 MB) = %v, want ErrTooLarge", err)
	}
}

func TestMaxTextCuts(t *testing.T) {
	lines := make([]string, 1000)
	for i := range lines {
		lines[i] = "Java Spring Kafka"
	}
	doc, err := doctext.Bytes(doctexttest.DOCX(lines), "cv.docx", doctext.Options{MaxText: 100})
	if err != nil {
		t.Fatal(err)
	}
	if !doc.Cut || len(doc.Text) > 100 || !strings.HasSuffix(doc.Text, "Kafka") {
		t.Errorf("Cut=%v, %d bytes ending %q; want a cut at a line break within 100 bytes", doc.Cut, len(doc.Text), doc.Text[max(0, len(doc.Text)-10):])
	}
}

func TestDetect(t *testing.T) {
	tests := []struct {
		head string
		name string
		want doctext.Kind
		why  string
	}{
		{"%PDF-1.7\n", "x", doctext.KindPDF, "PDF magic"},
		{"PK\x03\x04....word/document.xml", "x.zip", doctext.KindDOCX, "a zip naming word/"},
		{"PK\x03\x04....Profile.csv", "x.docx", "", "a zip without word/ is no DOCX, whatever its name"},
		{"# Jane", "CV.MD", doctext.KindMarkdown, "extension, any case"},
		{"Jane", "cv", doctext.KindText, "no extension"},
		{"GIF89a\x01\x00", "cv.txt", "", "an image named .txt"},
	}
	for _, tt := range tests {
		if got := doctext.Detect([]byte(tt.head), tt.name); got != tt.want {
			t.Errorf("Detect(%q, %q) = %q, want %q (%s)", tt.head, tt.name, got, tt.want, tt.why)
		}
	}
}

// TestTwoPagePDF reads the two-page resume BenchmarkTwoPagePDF times:
// both pages, every line, in order, with one blank line between pages.
func TestTwoPagePDF(t *testing.T) {
	pages := twoPages()
	doc, err := doctext.Bytes(doctexttest.PDF(pages), "cv.pdf", doctext.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for i, p := range pages {
		if i > 0 {
			want = append(want, "")
		}
		want = append(want, p...)
	}
	if diff := cmp.Diff(want, strings.Split(doc.Text, "\n")); diff != "" || doc.Pages != 2 || doc.Cut {
		t.Errorf("two-page PDF: %d pages, cut %v, text (-want +got):\n%s", doc.Pages, doc.Cut, diff)
	}
}

func BenchmarkTwoPagePDF(b *testing.B) {
	data := doctexttest.PDF(twoPages())
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := doctext.Bytes(data, "cv.pdf", doctext.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDOCX(b *testing.B) {
	var paras []string
	for _, p := range twoPages() {
		paras = append(paras, p...)
	}
	data := doctexttest.DOCX(paras)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := doctext.Bytes(data, "cv.docx", doctext.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// twoPages is two full pages of resume text, 50 lines each.
func twoPages() [][]string {
	var pages [][]string
	for p := range 2 {
		var lines []string
		for i := range 50 {
			lines = append(lines, []string{
				"Senior Java developer, Acme Corp, Chicago, IL, 03/2018 - Present",
				"Built Kafka pipelines and Spring Boot services on Kubernetes",
				"Oracle Certified Professional, Java SE 11 Developer (2021)",
			}[(i+p)%3])
		}
		pages = append(pages, lines)
	}
	return pages
}

func FuzzBytes(f *testing.F) {
	f.Add(doctexttest.PDF([][]string{{"Jane", "Java"}}), "cv.pdf")
	f.Add(doctexttest.DOCX([]string{"Jane", "Java"}), "cv.docx")
	f.Add([]byte("# Jane\n- Java"), "cv.md")
	f.Add(doctexttest.EncryptedPDF(), "cv.pdf")
	f.Fuzz(func(t *testing.T, data []byte, name string) {
		doc, err := doctext.Bytes(data, name, doctext.Options{MaxXML: 1 << 20, MaxPages: 5})
		if err != nil {
			var de *doctext.Error
			if !errors.As(err, &de) {
				t.Fatalf("error %v is not an *Error", err)
			}
			return
		}
		if doc.Text == "" || doc.Text != strings.TrimSpace(doc.Text) {
			t.Fatalf("text %q: want non-empty and trimmed", doc.Text)
		}
	})
}

func utf16LE(s string) []byte {
	out := []byte{0xFF, 0xFE}
	for _, r := range s {
		out = append(out, byte(r), byte(r>>8))
	}
	return out
}
