package doctext

import (
	"regexp"
	"strings"
)

var (
	mdLink     = regexp.MustCompile(`!?\[([^\]]*)\]\([^)]*\)`)
	mdRefLink  = regexp.MustCompile(`\[([^\]]+)\]\[[^\]]*\]`)
	mdAutoLink = regexp.MustCompile(`<((?:https?|mailto):[^>]+)>`)
	mdEmphasis = []*regexp.Regexp{
		regexp.MustCompile(`\*\*([^*\n]+)\*\*`),
		regexp.MustCompile(`\*([^*\s][^*\n]*)\*`),
		regexp.MustCompile(`~~([^~\n]+)~~`),
	}
	// Underscores mark emphasis only at word edges: snake_case stays.
	mdUnderscore = []*regexp.Regexp{
		regexp.MustCompile(`(^|[^\pL\pN_])__([^_\n]+)__([^\pL\pN_]|$)`),
		regexp.MustCompile(`(^|[^\pL\pN_])_([^_\n]+)_([^\pL\pN_]|$)`),
	}
	mdCode     = regexp.MustCompile("`([^`]*)`")
	mdHTMLTag  = regexp.MustCompile(`</?[a-zA-Z][^>]*>`)
	mdListItem = regexp.MustCompile(`^\s*(?:[-*+]|\d+[.)])\s+`)
	mdHeading  = regexp.MustCompile(`^\s{0,3}#{1,6}\s*`)
	mdRule     = regexp.MustCompile(`^\s{0,3}(?:[-*_]\s*){3,}$`)
	mdRefDef   = regexp.MustCompile(`^\s{0,3}\[[^\]]+\]:\s`)
	mdTableSep = regexp.MustCompile(`^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$`)
)

// stripMarkdown keeps the words of Markdown and drops its markup: heading
// marks, list bullets, emphasis, links (their text kept), images (their alt
// text kept), inline code marks, HTML tags, rules, fences, link
// definitions, table separators and pipes.
func stripMarkdown(s string) string {
	var b strings.Builder
	for line := range strings.SplitSeq(s, "\n") {
		t := strings.TrimRight(line, "\r")
		if mdTableSep.MatchString(t) && strings.Contains(t, "-") && strings.Contains(t, "|") {
			continue
		}
		if strings.HasPrefix(strings.TrimSpace(t), "```") || strings.HasPrefix(strings.TrimSpace(t), "~~~") ||
			mdRule.MatchString(t) || mdRefDef.MatchString(t) {
			b.WriteByte('\n')
			continue
		}
		t = mdHeading.ReplaceAllString(t, "")
		t = strings.TrimLeft(t, "> ")
		t = mdListItem.ReplaceAllString(t, "")
		t = mdLink.ReplaceAllString(t, "$1")
		t = mdRefLink.ReplaceAllString(t, "$1")
		t = mdAutoLink.ReplaceAllString(t, "$1")
		t = mdCode.ReplaceAllString(t, "$1")
		for _, re := range mdEmphasis { // ** before *, so ***x*** is x
			t = re.ReplaceAllString(t, "$1")
		}
		for _, re := range mdUnderscore {
			t = re.ReplaceAllString(t, "$1$2$3")
		}
		t = mdHTMLTag.ReplaceAllString(t, "")
		if strings.Count(t, "|") >= 2 {
			t = strings.ReplaceAll(strings.Trim(strings.TrimSpace(t), "|"), "|", "\t")
		}
		b.WriteString(t)
		b.WriteByte('\n')
	}
	return b.String()
}
