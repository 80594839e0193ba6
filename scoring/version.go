package scoring

import (
	"strconv"
	"strings"
)

// CompareVersions compares dotted numeric versions numerically, part by
// part: 1.4 < 5 < 11 < 17, and 3 == 3.0. Non-numeric parts compare as text
// after numeric ones. It returns -1, 0 or +1.
func CompareVersions(a, b string) int {
	pa, pb := strings.Split(a, "."), strings.Split(b, ".")
	for i := 0; i < max(len(pa), len(pb)); i++ {
		x, y := "0", "0"
		if i < len(pa) {
			x = pa[i]
		}
		if i < len(pb) {
			y = pb[i]
		}
		nx, ex := strconv.Atoi(x)
		ny, ey := strconv.Atoi(y)
		switch {
		case ex == nil && ey == nil:
			if nx != ny {
				if nx < ny {
					return -1
				}
				return 1
			}
		case ex == nil:
			return -1
		case ey == nil:
			return 1
		default:
			if c := strings.Compare(x, y); c != 0 {
				return c
			}
		}
	}
	return 0
}

// versionKey encodes a version for fast comparison: major*1e6 + minor*1e3
// + patch. Versions with non-numeric parts or parts above 999 get -1 and
// must be compared with CompareVersions.
func versionKey(v string) int64 {
	if v == "" {
		return -1
	}
	var key int64
	parts := strings.Split(v, ".")
	if len(parts) > 3 {
		return -1
	}
	for i := 0; i < 3; i++ {
		key *= 1000
		if i < len(parts) {
			n, err := strconv.Atoi(parts[i])
			if err != nil || n < 0 || n > 999 {
				return -1
			}
			key += int64(n)
		}
	}
	return key
}

func validVersion(v string) bool {
	if v == "" {
		return false
	}
	for _, p := range strings.Split(v, ".") {
		if p == "" {
			return false
		}
		for _, r := range p {
			if !(r >= '0' && r <= '9') {
				return false
			}
		}
	}
	return true
}

// CanonicalVersion writes a version the way the catalog compares it, for a
// certification versioned as given: "5.0" is "5" and "4.x" is "4"
// everywhere; under Java numbering "1.5" is "5" and "1.6" is "6", while
// "1.2" to "1.4" keep their form. It returns "" for text that is not a
// version, and always "" under NoVersion.
func CanonicalVersion(v string, scheme Versioning) string {
	if scheme == NoVersion {
		return ""
	}
	v = strings.TrimPrefix(strings.ToLower(strings.TrimSpace(v)), "v")
	v = strings.TrimSuffix(v, ".x")
	for strings.HasSuffix(v, ".0") && strings.Count(v, ".") >= 1 {
		v = strings.TrimSuffix(v, ".0")
	}
	if !validVersion(v) {
		return ""
	}
	if scheme == JavaVersion && strings.HasPrefix(v, "1.") {
		rest := strings.TrimPrefix(v, "1.")
		major, _, _ := strings.Cut(rest, ".")
		if n, err := strconv.Atoi(major); err == nil && n >= 5 {
			v = rest
		}
	}
	return v
}

// WrittenVersion is a version in the form Resolution and stored
// credentials report it: under Java numbering the canonical form (policy:
// "1.5" and "5.0" are version 5, the way Oracle renumbered them); under
// every other scheme as written, trimmed of a leading "v" and a trailing
// ".x" ("3.0" stays "3.0", "2021" stays "2021"). Comparisons read it on
// the line's axis ([Catalog.AxisVersion]). It returns "" for text that is
// not a version, and always "" under NoVersion.
func WrittenVersion(v string, scheme Versioning) string {
	switch scheme {
	case NoVersion:
		return ""
	case JavaVersion:
		return CanonicalVersion(v, scheme)
	}
	v = strings.TrimSuffix(strings.TrimPrefix(strings.ToLower(strings.TrimSpace(v)), "v"), ".x")
	if !validVersion(v) {
		return ""
	}
	return v
}
