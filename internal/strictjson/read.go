package strictjson

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
)

var bom = []byte("\xef\xbb\xbf")

// TrimBOM drops a UTF-8 byte order mark at the start of b.
func TrimBOM(b []byte) []byte { return bytes.TrimPrefix(b, bom) }

// ReadObject reads a single JSON object from r: all of r, a byte order
// mark dropped, nothing but white space after the object. It returns the
// object's bytes, for [Unmarshal] or [DecodeAny].
func ReadObject(r io.Reader) ([]byte, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("read: %w", err)
	}
	data = bytes.TrimSpace(TrimBOM(data))
	if len(data) == 0 {
		return nil, errors.New("empty input")
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	var raw json.RawMessage
	if err := dec.Decode(&raw); err != nil {
		return nil, fmt.Errorf("malformed JSON: %w", err)
	}
	if raw[0] != '{' {
		return nil, fmt.Errorf("want a JSON object, got %s", KindOf(raw))
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, fmt.Errorf("data after the object at offset %d", dec.InputOffset())
	}
	return raw, nil
}

// DecodeAny decodes raw into generic values (map[string]any, []any,
// string, bool, nil), numbers kept as json.Number, for checking with a
// [Shape].
func DecodeAny(raw []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	return v, nil
}

// HashID is prefix and the first 12 hex digits of the SHA-256 of raw's
// compacted JSON, so the same document gets the same id however it is
// indented.
func HashID(prefix string, raw []byte) string {
	var b bytes.Buffer
	if json.Compact(&b, raw) != nil {
		b.Reset()
		b.Write(raw)
	}
	sum := sha256.Sum256(b.Bytes())
	return prefix + hex.EncodeToString(sum[:])[:12]
}

// GetObject returns m[k] when it is an object, else nil. The getters read
// values already checked against a [Shape], where a field is either
// absent or of its kind.
func GetObject(m map[string]any, k string) map[string]any {
	v, _ := m[k].(map[string]any)
	return v
}

// GetArray returns m[k] when it is an array, else nil.
func GetArray(m map[string]any, k string) []any {
	v, _ := m[k].([]any)
	return v
}

// GetString returns m[k] with surrounding white space trimmed when it is
// a string, else "".
func GetString(m map[string]any, k string) string {
	v, _ := m[k].(string)
	return strings.TrimSpace(v)
}
