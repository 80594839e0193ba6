package identity

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"hash"
	"io"
	"net/mail"
	"net/url"
	"strings"
	"sync"
)

// DefaultKey is the key New uses when given none. It is public: ids made
// with it are stable, but anyone holding an e-mail address can recompute
// its id. Set your own key in production.
const DefaultKey = "certmatch identity v1"

// The id prefixes, by source.
const (
	PrefixEmail   = "em-"
	PrefixURL     = "url-"
	PrefixContent = "doc-"
)

// hexDigits is how much of the HMAC an id keeps: 80 bits, so that two
// candidates of a pool of a billion collide with odds below one in a
// million.
const hexDigits = 20

// Hasher makes ids with one key.
type Hasher struct {
	key  []byte
	macs *sync.Pool // of hash.Hash keyed with key, reused across ids
}

// New returns a Hasher with key; an empty key means DefaultKey.
func New(key []byte) Hasher {
	if len(key) == 0 {
		key = []byte(DefaultKey)
	}
	key = append([]byte(nil), key...)
	return Hasher{key: key, macs: &sync.Pool{New: func() any { return hmac.New(sha256.New, key) }}}
}

func (h Hasher) sum(kind, value string) string {
	if h.macs == nil { // the zero Hasher
		h = New(nil)
	}
	m := h.macs.Get().(hash.Hash)
	defer h.macs.Put(m)
	m.Reset()
	io.WriteString(m, kind)
	m.Write([]byte{0})
	io.WriteString(m, value)
	var buf [sha256.Size]byte
	return hex.EncodeToString(m.Sum(buf[:0])[:hexDigits/2])
}

// Email returns the id of an e-mail address after NormalizeEmail; ok is
// false when s is not an address.
func (h Hasher) Email(s string) (id string, ok bool) {
	n, ok := NormalizeEmail(s)
	if !ok {
		return "", false
	}
	return PrefixEmail + h.sum("email", n), true
}

// ProfileURL returns the id of a profile URL after NormalizeProfileURL; ok
// is false when s is not a URL with a host.
func (h Hasher) ProfileURL(s string) (id string, ok bool) {
	n, ok := NormalizeProfileURL(s)
	if !ok {
		return "", false
	}
	return PrefixURL + h.sum("url", n), true
}

// Content returns the id of a record's content. Callers pass a canonical
// form (compacted JSON, the file's bytes) so that layout does not matter.
func (h Hasher) Content(b []byte) string {
	return PrefixContent + h.sum("content", string(b))
}

// NormalizeEmail trims s, drops a "mailto:" and a display name ("Ann Lee
// <ann@example.com>") and lower-cases the address; ok is false unless
// what is left is one address with a local part and a domain. Nothing
// else is folded: "ann+cv@example.com" stays its own address.
func NormalizeEmail(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if len(s) > 320 {
		return "", false
	}
	if len(s) >= 7 && strings.EqualFold(s[:7], "mailto:") {
		s = s[7:]
	}
	a, err := mail.ParseAddress(s)
	if err != nil {
		return "", false
	}
	local, domain, ok := strings.Cut(a.Address, "@")
	if !ok || local == "" || domain == "" || strings.ContainsAny(domain, "@ ") {
		return "", false
	}
	return strings.ToLower(a.Address), true
}

// NormalizeProfileURL reduces a profile URL to host and path: no scheme,
// "www." or "m." dropped, host lower case, no query, fragment or trailing
// slash; a LinkedIn or GitHub path is lower-cased too (both are
// case-insensitive). "https://www.LinkedIn.com/in/Ann-Lee/?trk=x" is
// "linkedin.com/in/ann-lee". ok is false without a host.
func NormalizeProfileURL(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 2048 {
		return "", false
	}
	if !strings.Contains(s, "://") {
		s = "https://" + s
	}
	u, err := url.Parse(s)
	if err != nil || u.Hostname() == "" || !strings.Contains(u.Hostname(), ".") {
		return "", false
	}
	host := strings.ToLower(u.Hostname())
	host = strings.TrimPrefix(host, "www.")
	host = strings.TrimPrefix(host, "m.")
	path := strings.TrimRight(u.EscapedPath(), "/")
	if host == "linkedin.com" || strings.HasSuffix(host, ".linkedin.com") || host == "github.com" {
		path = strings.ToLower(path)
		if strings.HasSuffix(host, ".linkedin.com") {
			host = "linkedin.com" // uk.linkedin.com is the same profile
		}
	}
	return host + path, true
}
