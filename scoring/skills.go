package scoring

import "strings"

// SkillKey folds a skill name for comparison with the built-in catalog's
// skill synonyms; see [Catalog.SkillKey].
func SkillKey(s string) string { return DefaultCatalog().SkillKey(s) }

// SkillKey folds a skill name for comparison: lower case, without spaces
// and the punctuation people vary ("Spring Boot", "spring-boot" and
// "springboot" are one key; "C#" and "C++" keep their symbols), then
// through the catalog's skill synonyms ("Apache Spark" is "spark",
// "Postgres" is "postgresql").
//
// A nil or zero Catalog folds without synonyms.
func (c *Catalog) SkillKey(s string) string {
	var syn map[string]string
	if c != nil {
		syn = c.skillSyn
	}
	// Fast path: plain ASCII needs one pass and one allocation.
	if key, ok := asciiSkillKey(make([]byte, 0, len(s)), s); ok {
		if to, ok := syn[string(key)]; ok {
			return to
		}
		return string(key)
	}
	k := foldSkill(s)
	if to, ok := syn[k]; ok {
		return to
	}
	return k
}

// foldSkill is a skill's key before synonyms.
func foldSkill(s string) string {
	if key, ok := asciiSkillKey(make([]byte, 0, len(s)), s); ok {
		return string(key)
	}
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch {
		case r == ' ' || r == '-' || r == '_' || r == '.' || r == '/' || r == '\t' || r == '\n' || r == '\r':
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// asciiSkillKey appends s's skill key, before synonyms, to buf; ok is
// false when s is not plain ASCII.
func asciiSkillKey(buf []byte, s string) ([]byte, bool) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 0x80:
			return nil, false
		case c == ' ' || c == '-' || c == '_' || c == '.' || c == '/' || c == '\t' || c == '\n' || c == '\r':
		case c >= 'A' && c <= 'Z':
			buf = append(buf, c+('a'-'A'))
		default:
			buf = append(buf, c)
		}
	}
	return buf, true
}
