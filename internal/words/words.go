package words

import (
	"unicode"
	"unicode/utf8"
)

// Next returns the byte span [start, end) of the first word of s that
// starts at or after byte i, or -1, -1 when there is none.
func Next(s string, i int) (start, end int) {
	start = -1
	for i < len(s) {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		switch {
		case isWordRune(r):
			if start < 0 {
				start = i
			}
		case start >= 0 && r == '.' && i+1 < len(s) && nextIsWordRune(s[i+1:]):
			// A dot inside a word ("1.4", "Node.js").
		case start >= 0:
			return start, i
		}
		i += size
	}
	if start < 0 {
		return -1, -1
	}
	return start, len(s)
}

// IsWordRune reports whether r is part of a word: a letter or a digit.
func IsWordRune(r rune) bool { return isWordRune(r) }

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

func nextIsWordRune(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return isWordRune(r)
}

// Append appends the words of s to dst, as substrings of s, and returns
// the extended slice.
func Append(dst []string, s string) []string {
	for start, end := Next(s, 0); start >= 0; start, end = Next(s, end) {
		dst = append(dst, s[start:end])
	}
	return dst
}
