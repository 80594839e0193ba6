package identity

import (
	"strings"
	"testing"
)

func TestNormalizeEmail(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
		why      string
	}{
		{"ann@example.com", "ann@example.com", true, "plain"},
		{"  Ann.Lee@Example.COM ", "ann.lee@example.com", true, "trimmed and lower-cased"},
		{"mailto:ann@example.com", "ann@example.com", true, "mailto dropped"},
		{"Ann Lee <ann@example.com>", "ann@example.com", true, "display name dropped"},
		{"ann+cv@example.com", "ann+cv@example.com", true, "a tag is part of the address"},
		{"[403 Forbidden]", "", false, "what a scraper left in a real resume"},
		{"", "", false, "empty"},
		{"ann@", "", false, "no domain"},
		{"ann at example dot com", "", false, "spelled out"},
	}
	for _, tt := range tests {
		got, ok := NormalizeEmail(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("NormalizeEmail(%q) = %q, %v; want %q, %v (%s)", tt.in, got, ok, tt.want, tt.ok, tt.why)
		}
	}
}

func TestNormalizeProfileURL(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
		why      string
	}{
		{"https://www.LinkedIn.com/in/Ann-Lee/?trk=x#top", "linkedin.com/in/ann-lee", true, "scheme, www, case, query, fragment and slash folded"},
		{"linkedin.com/in/ann-lee", "linkedin.com/in/ann-lee", true, "no scheme"},
		{"https://uk.linkedin.com/in/ann-lee", "linkedin.com/in/ann-lee", true, "a country subdomain is the same profile"},
		{"http://github.com/AnnLee", "github.com/annlee", true, "GitHub names are case-insensitive"},
		{"https://ann.dev/About", "ann.dev/About", true, "other paths keep their case"},
		{"not a url", "", false, "no host"},
		{"", "", false, "empty"},
	}
	for _, tt := range tests {
		got, ok := NormalizeProfileURL(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("NormalizeProfileURL(%q) = %q, %v; want %q, %v (%s)", tt.in, got, ok, tt.want, tt.ok, tt.why)
		}
	}
}

func TestIDs(t *testing.T) {
	h := New(nil)
	a, ok1 := h.Email("Ann.Lee@Example.COM")
	b, ok2 := h.Email(" ann.lee@example.com")
	if !ok1 || !ok2 || a != b {
		t.Fatalf("one address, two spellings: %q %v, %q %v; want one id", a, ok1, b, ok2)
	}
	if !strings.HasPrefix(a, PrefixEmail) || len(a) != len(PrefixEmail)+hexDigits {
		t.Errorf("id %q: want %q and %d hex digits", a, PrefixEmail, hexDigits)
	}
	if strings.Contains(a, "ann") || strings.Contains(a, "example") {
		t.Errorf("id %q holds part of the address", a)
	}
	if other, _ := New([]byte("tenant secret")).Email("ann.lee@example.com"); other == a {
		t.Errorf("two keys gave one id %q", a)
	}
	if c, _ := New([]byte(DefaultKey)).Email("ann.lee@example.com"); c != a {
		t.Errorf("New(nil) and New(DefaultKey) differ: %q, %q", a, c)
	}
	if z, _ := (Hasher{}).Email("ann.lee@example.com"); z != a {
		t.Errorf("the zero Hasher does not use DefaultKey: %q, %q", z, a)
	}
	u, _ := h.ProfileURL("linkedin.com/in/ann-lee")
	if !strings.HasPrefix(u, PrefixURL) {
		t.Errorf("profile id %q: want prefix %q", u, PrefixURL)
	}
	// The same value from two sources gives two ids: kind is hashed too.
	if ce := h.Content([]byte("ann.lee@example.com")); ce[len(PrefixContent):] == a[len(PrefixEmail):] {
		t.Errorf("content and e-mail ids share a hash")
	}
	if h.Content([]byte(`{"a":1}`)) == h.Content([]byte(`{"a":2}`)) {
		t.Errorf("two contents, one id")
	}
}

func TestDefaultKeyAsDocumented(t *testing.T) {
	// match/input's documentation gives the default key's text.
	if DefaultKey != "certmatch identity v1" {
		t.Errorf("DefaultKey = %q; update the documentation of match/input (doc.go, IDOptions.Key)", DefaultKey)
	}
}
