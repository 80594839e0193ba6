package jobtext

import (
	"html"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/certmatch/certmatch/internal/words"
)

// BlockKind is what a block of a document is.
type BlockKind int

// The kinds of block.
const (
	// Para is a line of prose.
	Para BlockKind = iota
	// Heading is a heading or a lead line ("Requirements",
	// "**Nice to have:**", "Candidate Certifications to Look For"); it
	// scopes the blocks under it.
	Heading
	// Item is a list item.
	Item
)

// Block is one heading, list item or line of prose, with its markup
// removed.
type Block struct {
	Kind BlockKind
	// Level orders headings: 1-6 for Markdown and HTML headings,
	// leadLevel for bold and colon lead lines, itemLevel and more for a
	// list item ending in a colon. A heading scopes the blocks after it
	// until one of the same or a lower level.
	Level int
	// Depth is a list item's nesting, 0 for the outermost.
	Depth int
	Text  string
}

// Levels of the headings that are not Markdown or HTML headings.
const (
	leadLevel = 7
	itemLevel = 8
)

// Document is a posting (or any text) read into blocks.
type Document struct {
	// Title is the front matter's title, else the first level-1 heading,
	// else a first line that is a heading and scopes nothing.
	Title string
	// Format is what Parse read: "HTML", "Markdown" or "text".
	Format string
	Blocks []Block
}

// Parse reads text as a posting is pasted: HTML (recognised by its tags),
// Markdown or plain text, with headings, lead lines and lists. Front
// matter (a block between "---" lines at the start, also inside an HTML
// comment) gives the title and is otherwise skipped.
func Parse(text string) Document {
	var d Document
	d.Add(text)
	return d
}

// Add reads text as Parse does and appends its blocks.
func (d *Document) Add(text string) {
	text = strings.ToValidUTF8(text, "\uFFFD")
	text, title := frontMatter(text)
	if d.Title == "" {
		d.Title = title
	}
	format := "text"
	switch {
	case looksHTML(text):
		text = htmlToMarkdown(text)
		format = "HTML"
	case markdownRE.MatchString(text):
		format = "Markdown"
	}
	if d.Format == "" {
		d.Format = format
	}
	first := len(d.Blocks)
	d.addLines(text)
	if d.Title == "" && first < len(d.Blocks) && d.Blocks[first].Kind == Heading && countWords(d.Blocks[first].Text) <= maxLeadWords &&
		classifyHeading(d.Blocks[first].Text) == ScopeNone { // "Requirements" is no title
		d.Title = strings.TrimRight(d.Blocks[first].Text, ": ")
	}
}

// AddList appends a list under a heading, as a JSON Resume job's
// qualifications: an item ending in a colon heads the items after it.
func (d *Document) AddList(heading string, items []string) {
	if len(items) == 0 {
		return
	}
	d.Blocks = append(d.Blocks, Block{Kind: Heading, Level: leadLevel, Text: heading})
	for _, it := range items {
		for line := range strings.Lines(it) {
			if t := cleanInline(line); t != "" {
				d.Blocks = append(d.Blocks, itemBlock(t, 0))
			}
		}
	}
}

func itemBlock(text string, depth int) Block {
	if endsWithColon(text) {
		return Block{Kind: Heading, Level: itemLevel + depth, Depth: depth, Text: text}
	}
	return Block{Kind: Item, Depth: depth, Text: text}
}

var (
	htmlTagRE     = regexp.MustCompile(`(?i)<(p|br|li|ul|ol|div|h[1-6]|span|strong|b|table|tr|td)\b[^>]*>`)
	markdownRE    = regexp.MustCompile(`(?m)^#{1,6}\s|\*\*\S|\]\(|^\s*[-*]\s`)
	frontMatterRE = regexp.MustCompile(`^(?:\s*<!--)?\s*---[ \t]*\r?\n`)
	titleRE       = regexp.MustCompile(`(?m)^title:\s*(.+?)\s*$`)
)

func looksHTML(s string) bool {
	return len(htmlTagRE.FindAllStringIndex(s, 3)) >= 2
}

// frontMatter cuts a leading "---" block, returning its title.
func frontMatter(s string) (rest, title string) {
	m := frontMatterRE.FindStringIndex(s)
	if m == nil {
		return s, ""
	}
	body := s[m[1]:]
	end := strings.Index(body, "\n---")
	if end < 0 {
		return s, ""
	}
	if t := titleRE.FindStringSubmatch(body[:end]); t != nil {
		title = strings.Trim(t[1], `"'`)
	}
	rest = body[end+4:]
	if i := strings.IndexByte(rest, '\n'); i >= 0 {
		rest = rest[i+1:]
	} else {
		rest = ""
	}
	if strings.HasPrefix(strings.TrimSpace(s), "<!--") {
		if i := strings.Index(rest, "-->"); i >= 0 && strings.TrimSpace(rest[:i]) == "" {
			rest = rest[i+3:]
		}
	}
	return rest, title
}

var (
	htmlCommentRE = regexp.MustCompile(`(?s)<!--.*?-->`)
	htmlDropRE    = regexp.MustCompile(`(?is)<(script|style)\b.*?</(script|style)>`)
	htmlAnyTagRE  = regexp.MustCompile(`(?s)<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>`)
)

// htmlToMarkdown turns HTML into the Markdown addLines reads: headings
// become "#" lines, list items "-" lines indented by depth, blocks and
// breaks new lines; other tags go and entities are decoded.
func htmlToMarkdown(s string) string {
	s = htmlCommentRE.ReplaceAllString(s, " ")
	s = htmlDropRE.ReplaceAllString(s, " ")
	var b strings.Builder
	depth := 0
	last := 0
	for _, m := range htmlAnyTagRE.FindAllStringSubmatchIndex(s, -1) {
		b.WriteString(collapseSpace(s[last:m[0]]))
		last = m[1]
		closing := m[3] > m[2]
		tag := strings.ToLower(s[m[4]:m[5]])
		switch {
		case tag == "ul" || tag == "ol":
			if closing {
				depth = max(0, depth-1)
			} else {
				depth++
			}
			b.WriteByte('\n')
		case tag == "li" && !closing:
			b.WriteString("\n" + strings.Repeat("    ", max(0, depth-1)) + "- ")
		case len(tag) == 2 && tag[0] == 'h' && tag[1] >= '1' && tag[1] <= '6':
			if closing {
				b.WriteByte('\n')
			} else {
				b.WriteString("\n" + strings.Repeat("#", int(tag[1]-'0')) + " ")
			}
		case tag == "p" || tag == "br" || tag == "div" || tag == "tr" || tag == "li" || tag == "table":
			b.WriteByte('\n')
		default:
			b.WriteByte(' ')
		}
	}
	b.WriteString(collapseSpace(s[last:]))
	return html.UnescapeString(b.String())
}

func collapseSpace(s string) string {
	if strings.TrimSpace(s) == "" {
		if s == "" {
			return ""
		}
		return " "
	}
	return strings.Join(strings.Fields(s), " ")
}

var (
	headingRE = regexp.MustCompile(`^(#{1,6})\s+(.*?)\s*#*$`)
	bulletRE  = regexp.MustCompile(`^([ \t]*)(?:[-*+•·▪◦●○■□➢➤►‣⁃–—]|\d{1,2}[.)])[ \t]+`)
	boldRE    = regexp.MustCompile(`^\s*(?:\*\*|__)(.+?)(?:\*\*|__)\s*(:?)\s*$`)
)

// addLines reads Markdown or plain text line by line.
func (d *Document) addLines(text string) {
	lines := strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	for i, line := range lines {
		if strings.TrimSpace(line) == "" {
			continue
		}
		if m := headingRE.FindStringSubmatch(strings.TrimSpace(line)); m != nil {
			t := cleanInline(m[2])
			if t == "" {
				continue
			}
			d.Blocks = append(d.Blocks, Block{Kind: Heading, Level: len(m[1]), Text: t})
			if d.Title == "" && len(m[1]) == 1 {
				d.Title = t
			}
			continue
		}
		if m := bulletRE.FindStringSubmatch(line); m != nil {
			t := cleanInline(line[len(m[0]):])
			if t != "" {
				d.Blocks = append(d.Blocks, itemBlock(t, indentDepth(m[1])))
			}
			continue
		}
		if m := boldRE.FindStringSubmatch(line); m != nil && allBold(m[1]) {
			if t := cleanInline(m[1] + m[2]); t != "" {
				d.Blocks = append(d.Blocks, Block{Kind: Heading, Level: leadLevel, Text: t})
			}
			continue
		}
		t := cleanInline(line)
		if t == "" {
			continue
		}
		if isLeadLine(t, lines[i+1:]) {
			d.Blocks = append(d.Blocks, Block{Kind: Heading, Level: leadLevel, Text: t})
			continue
		}
		d.Blocks = append(d.Blocks, Block{Kind: Para, Text: t})
	}
}

// allBold reports whether the inside of a bold line has no plain text
// between bold runs ("We** **Offer" from "**We** **Offer**:").
func allBold(inner string) bool {
	parts := strings.Split(strings.ReplaceAll(inner, "__", "**"), "**")
	for i := 1; i < len(parts); i += 2 {
		if strings.TrimSpace(parts[i]) != "" {
			return false
		}
	}
	return true
}

func indentDepth(indent string) int {
	n := 0
	for _, r := range indent {
		if r == '\t' {
			n += 4
		} else {
			n++
		}
	}
	return n / 4
}

// maxLeadWords is the longest a line without markup may be and still be
// read as a lead line.
const maxLeadWords = 12

// isLeadLine reports whether a plain line heads what follows: it ends in
// a colon, or it is short, has no sentence end, and stands alone (a blank
// line or a list follows).
func isLeadLine(t string, rest []string) bool {
	n := countWords(t)
	if n == 0 || n > maxLeadWords {
		return false
	}
	if endsWithColon(t) {
		return true
	}
	last, _ := utf8.DecodeLastRuneInString(t)
	if last == '.' || last == ',' || last == ';' || n > 8 {
		return false
	}
	if len(rest) == 0 {
		return false
	}
	next := rest[0]
	return strings.TrimSpace(next) == "" || bulletRE.MatchString(next)
}

func endsWithColon(t string) bool {
	t = strings.TrimRight(t, " \t*_")
	return strings.HasSuffix(t, ":") || strings.HasSuffix(t, "：")
}

func countWords(s string) int {
	n := 0
	for start, end := words.Next(s, 0); start >= 0; start, end = words.Next(s, end) {
		n++
	}
	return n
}

var (
	mdImageRE = regexp.MustCompile(`!\[[^\]]*\]\([^)]*\)`)
	mdLinkRE  = regexp.MustCompile(`\[([^\]]*)\]\([^)]*\)`)
	mdTagRE   = regexp.MustCompile(`</?[a-zA-Z][^>]*>`)
	hashTagRE = regexp.MustCompile(`(?:^|\s)#[A-Za-z][\w-]*`)
	// inlineMarks are the emphasis and code marks cleanInline drops.
	inlineMarks = strings.NewReplacer("**", "", "__", "", "`", "", `\`, "", "\u00a0", " ", "\u200b", "")
	urlRE       = regexp.MustCompile(`(?i)\b(?:https?://|www\.)[^\s)\]]+`)
)

// cleanInline removes inline Markdown (emphasis, code marks, links,
// escapes, stray tags, hashtags) and collapses white space.
func cleanInline(s string) string {
	if strings.Contains(s, "://") || strings.Contains(s, "www.") {
		s = urlRE.ReplaceAllString(s, " ")
	}
	if strings.ContainsAny(s, "[<#") {
		s = mdImageRE.ReplaceAllString(s, "")
		s = mdLinkRE.ReplaceAllString(s, "$1")
		s = mdTagRE.ReplaceAllString(s, " ")
		s = hashTagRE.ReplaceAllString(s, " ")
	}
	s = inlineMarks.Replace(s)
	s = strings.Join(strings.Fields(s), " ")
	// Single '*' or '_' emphasis around words.
	s = strings.Trim(s, "*_ ")
	return s
}
