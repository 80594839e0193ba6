// Package doctexttest writes small DOCX and PDF files for tests: resumes
// in every form certmatch reads, and the broken ones it must refuse (an
// encrypted PDF, an image-only PDF, a zip bomb), without checked-in
// binaries.
//
// The files are minimal but valid: a DOCX holds [Content_Types].xml, the
// package relationships and word/document.xml; a PDF has a catalog, a page
// tree, a Courier font with its widths, one content stream per page and a
// cross-reference table with exact offsets.
//
//	data := doctexttest.PDF([][]string{{"Jane Roe", "Java developer"}})
//	doc, err := doctext.Bytes(data, "cv.pdf", doctext.Options{})
package doctexttest

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"fmt"
	"hash/crc32"
	"strings"
)

// DOCX returns a DOCX whose body holds one paragraph per element of
// paragraphs. Each paragraph is written as several runs, cut inside words
// too, as word processors do, so that a reader must join runs to get the
// words back. A paragraph holding "\t" gets a w:tab there.
func DOCX(paragraphs []string) []byte {
	var body strings.Builder
	for _, p := range paragraphs {
		body.WriteString("<w:p><w:pPr><w:pStyle w:val=\"Normal\"/></w:pPr>")
		for i, cell := range strings.Split(p, "\t") {
			if i > 0 {
				body.WriteString("<w:r><w:tab/></w:r>")
			}
			for _, run := range cutRuns(cell) {
				fmt.Fprintf(&body, `<w:r><w:rPr><w:b w:val="0"/></w:rPr><w:t xml:space="preserve">%s</w:t></w:r>`, xmlEscape(run))
			}
		}
		body.WriteString("</w:p>")
	}
	return docxPackage(documentXML(body.String()))
}

// DOCXWithNoise is DOCX with, around the paragraphs, what a reader must
// leave out: a deleted revision, a field instruction and the fallback copy
// of a text box (whose text is also in the choice, so it must appear once).
func DOCXWithNoise(paragraphs []string, boxText string) []byte {
	var body strings.Builder
	for _, p := range paragraphs {
		fmt.Fprintf(&body, `<w:p><w:r><w:t>%s</w:t></w:r><w:del w:id="1"><w:r><w:delText>DELETED</w:delText></w:r></w:del></w:p>`, xmlEscape(p))
	}
	body.WriteString(`<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>HYPERLINK "x"</w:instrText></w:r></w:p>`)
	fmt.Fprintf(&body, `<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent><w:p><w:r><w:t>%s</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>%s</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>`,
		xmlEscape(boxText), xmlEscape(boxText))
	return docxPackage(documentXML(body.String()))
}

// DOCXBomb returns a DOCX whose document.xml inflates to inflated bytes
// from a few kilobytes. When lie is true the archive declares a small
// uncompressed size, so only a reader that limits what it inflates stops
// it.
func DOCXBomb(inflated int, lie bool) []byte {
	xmlBody := documentXML("<w:p><w:r><w:t>" + strings.Repeat(" ", inflated) + "</w:t></w:r></w:p>")
	var comp bytes.Buffer
	fw, _ := flate.NewWriter(&comp, flate.BestCompression)
	fw.Write(xmlBody)
	fw.Close()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	addFile(zw, "[Content_Types].xml", []byte(contentTypes))
	size := uint64(len(xmlBody))
	if lie {
		size = 1000
	}
	w, _ := zw.CreateRaw(&zip.FileHeader{
		Name: "word/document.xml", Method: zip.Deflate,
		CRC32:              crc32.ChecksumIEEE(xmlBody),
		CompressedSize64:   uint64(comp.Len()),
		UncompressedSize64: size,
	})
	w.Write(comp.Bytes())
	zw.Close()
	return buf.Bytes()
}

// Zip returns a zip archive of the named files, for exports and for
// archives that are not documents.
func Zip(files map[string][]byte, order []string) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range order {
		addFile(zw, name, files[name])
	}
	zw.Close()
	return buf.Bytes()
}

// cutRuns cuts s into runs of about seven bytes, inside words too.
func cutRuns(s string) []string {
	var out []string
	rs := []rune(s)
	for len(rs) > 7 {
		out = append(out, string(rs[:7]))
		rs = rs[7:]
	}
	return append(out, string(rs))
}

func xmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;").Replace(s)
}

func documentXML(body string) []byte {
	return []byte(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ` +
		`xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="w14">` +
		`<w:body>` + body + `<w:sectPr/></w:body></w:document>`)
}

const contentTypes = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`

const packageRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`

func docxPackage(document []byte) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	addFile(zw, "[Content_Types].xml", []byte(contentTypes))
	addFile(zw, "_rels/.rels", []byte(packageRels))
	addFile(zw, "word/document.xml", document)
	zw.Close()
	return buf.Bytes()
}

func addFile(zw *zip.Writer, name string, data []byte) {
	w, _ := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate})
	w.Write(data)
}

// PDF returns a PDF with one page per element of pages, each line of a
// page set in 11-point Courier, 14 points below the one before.
func PDF(pages [][]string) []byte {
	var contents []string
	for _, lines := range pages {
		var c strings.Builder
		c.WriteString("BT /F1 11 Tf 72 760 Td\n")
		for i, l := range lines {
			if i > 0 {
				c.WriteString("0 -14 Td\n")
			}
			fmt.Fprintf(&c, "(%s) Tj\n", pdfString(l))
		}
		c.WriteString("ET\n")
		contents = append(contents, c.String())
	}
	return pdfFile(contents, false, true)
}

// PDFWithoutWidths is PDF with a font that lists no glyph widths, as some
// generators write the standard fonts, and each line shown in two parts
// at two positions.
func PDFWithoutWidths(lines []string) []byte {
	var c strings.Builder
	c.WriteString("BT /F1 11 Tf\n")
	for i, l := range lines {
		y := 760 - 14*i
		first, rest, _ := strings.Cut(l, " ")
		fmt.Fprintf(&c, "1 0 0 1 72 %d Tm (%s) Tj\n", y, pdfString(first))
		if rest != "" {
			fmt.Fprintf(&c, "1 0 0 1 %d %d Tm (%s) Tj\n", 72+7*(len(first)+1), y, pdfString(rest))
		}
	}
	c.WriteString("ET\n")
	return pdfFile([]string{c.String()}, false, false)
}

// ImagePDF returns a one-page PDF whose page only paints an image, as a
// scanned resume is: there is no text to read.
func ImagePDF() []byte {
	return pdfFile([]string{"q 200 0 0 100 72 600 cm /Im1 Do Q\n"}, false, true)
}

// EncryptedPDF returns a PDF whose trailer names a Standard security
// handler with a user password, so it cannot be read without one.
func EncryptedPDF() []byte {
	return pdfFile([]string{"BT /F1 11 Tf 72 760 Td (secret) Tj ET\n"}, true, true)
}

// winAnsi maps the punctuation resumes use past Latin-1 to its
// WinAnsiEncoding code.
var winAnsi = map[rune]byte{'—': 0x97, '–': 0x96, '’': 0x92, '‘': 0x91, '“': 0x93, '”': 0x94, '•': 0x95, '€': 0x80}

// pdfString escapes s for a PDF literal string in WinAnsiEncoding; other
// runes past Latin-1 become '?'.
func pdfString(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case winAnsi[r] != 0:
			fmt.Fprintf(&b, "\\%03o", winAnsi[r])
		case r == '(' || r == ')' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x80:
			b.WriteRune(r)
		case r < 0x100:
			fmt.Fprintf(&b, "\\%03o", r)
		default:
			b.WriteByte('?')
		}
	}
	return b.String()
}

// pdfFile lays out the objects: 1 catalog, 2 page tree, 3 font, 4 image,
// then a page and its content per page, then the encryption dictionary.
func pdfFile(contents []string, encrypt, widths bool) []byte {
	var objs []string
	n := len(contents)
	kids := make([]string, n)
	for i := range contents {
		kids[i] = fmt.Sprintf("%d 0 R", 5+2*i)
	}
	objs = append(objs,
		"<< /Type /Catalog /Pages 2 0 R >>",
		fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), n),
	)
	font := "<< /Type /Font /Subtype /Type1 /BaseFont /Courier /Encoding /WinAnsiEncoding"
	if widths {
		font += " /FirstChar 32 /LastChar 255 /Widths [" + strings.TrimSpace(strings.Repeat("600 ", 224)) + "]"
	}
	objs = append(objs, font+" >>")
	objs = append(objs, "<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length 4 >>\nstream\n\x00\xff\xff\x00\nendstream")
	for i, c := range contents {
		objs = append(objs,
			fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> /XObject << /Im1 4 0 R >> >> /Contents %d 0 R >>", 6+2*i),
			fmt.Sprintf("<< /Length %d >>\nstream\n%sendstream", len(c), c),
		)
	}
	encryptRef := ""
	if encrypt {
		objs = append(objs, "<< /Filter /Standard /V 1 /R 2 /Length 40 /P -44 /O <"+strings.Repeat("6f", 32)+"> /U <"+strings.Repeat("75", 32)+"> >>")
		encryptRef = fmt.Sprintf(" /Encrypt %d 0 R /ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>]", len(objs))
	}
	var buf bytes.Buffer
	buf.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = buf.Len()
		fmt.Fprintf(&buf, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := buf.Len()
	fmt.Fprintf(&buf, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&buf, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&buf, "trailer\n<< /Size %d /Root 1 0 R%s >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, encryptRef, xref)
	return buf.Bytes()
}
