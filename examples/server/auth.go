package main

import (
	"bufio"
	"crypto/sha256"
	"crypto/subtle"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strings"
)

// access is what a route needs of the caller.
type access int

const (
	public      access = iota // no token
	readAccess                // a read-only or read-write token
	writeAccess               // a read-write token
)

// minTokenLen is the shortest token the tokens file may hold.
const minTokenLen = 16

// token is one accepted bearer token, kept as its SHA-256 sum so that
// comparing takes the same time whatever the length of what was sent.
type token struct {
	sum   [sha256.Size]byte
	write bool
}

// tokens are the accepted bearer tokens.
type tokens []token

// readTokensFile reads a tokens file: one token a line followed by "ro"
// (read-only) or "rw" (read-write); blank lines and lines starting with
// '#' are skipped. Errors name the line, never the token. A file others
// may read is refused: its tokens are as good as published.
func readTokensFile(path string) (tokens, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if st.Mode().Perm()&0o077 != 0 {
		return nil, fmt.Errorf("%s: readable by others (mode %v): chmod 600 it", path, st.Mode().Perm())
	}
	t, err := parseTokens(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return t, nil
}

func parseTokens(r io.Reader) (tokens, error) {
	var out tokens
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Fields(line)
		if len(f) != 2 || (f[1] != "ro" && f[1] != "rw") {
			return nil, fmt.Errorf("line %d: want TOKEN ro or TOKEN rw", n)
		}
		if len(f[0]) < minTokenLen {
			return nil, fmt.Errorf("line %d: a token has at least %d characters", n, minTokenLen)
		}
		out = append(out, token{sum: sha256.Sum256([]byte(f[0])), write: f[1] == "rw"})
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no tokens")
	}
	return out, nil
}

// check returns the access a request's bearer token gives: every token is
// compared, in constant time, whatever matches first.
func (ts tokens) check(r *http.Request) (granted access, sent bool) {
	h := r.Header.Get("Authorization")
	scheme, cred, ok := strings.Cut(h, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return public, h != ""
	}
	sum := sha256.Sum256([]byte(strings.TrimSpace(cred)))
	granted = public
	for _, t := range ts {
		if subtle.ConstantTimeCompare(sum[:], t.sum[:]) == 1 {
			if t.write {
				granted = writeAccess
			} else if granted == public {
				granted = readAccess
			}
		}
	}
	return granted, true
}

// authorize answers 401 or 403 unless the request may use a route that
// needs need. ts nil means authentication is off.
func (ts tokens) authorize(w http.ResponseWriter, r *http.Request, need access) error {
	if ts == nil || need == public {
		return nil
	}
	granted, sent := ts.check(r)
	switch {
	case granted == public && !sent:
		w.Header().Set("WWW-Authenticate", `Bearer realm="certmatch"`)
		return newProblem(probUnauthorized, "send Authorization: Bearer TOKEN")
	case granted == public:
		w.Header().Set("WWW-Authenticate", `Bearer realm="certmatch", error="invalid_token"`)
		return newProblem(probUnauthorized, "the token is not one the server accepts")
	case granted < need:
		w.Header().Set("WWW-Authenticate", `Bearer realm="certmatch", error="insufficient_scope"`)
		return newProblem(probForbidden, "this request changes what is stored and needs a read-write token")
	}
	return nil
}

// isLoopback reports whether addr (host:port) listens on loopback only:
// localhost or a loopback IP. An empty host listens everywhere.
func isLoopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	return loopbackHost(host)
}

// loopbackHost reports whether a host, with or without a port, is
// localhost or a loopback IP.
func loopbackHost(host string) bool {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
