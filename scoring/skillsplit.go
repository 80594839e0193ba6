package scoring

import (
	"strings"
	"sync"
	"unicode"
)

// compoundSkills are skill keys (see SkillKey) written with a slash that
// name one thing: "CI/CD" is not "CI" and "CD". SplitSkill keeps a word
// whose key is listed here whole. Terms written with '.', '+' or '#'
// (".NET", "Node.js", "C++", "C#") need no entry: SplitSkill never splits
// at those.
var compoundSkills = map[string]bool{
	"cicd":         true,
	"tcpip":        true,
	"udpip":        true,
	"plsql":        true,
	"plpgsql":      true,
	"pl1":          true,
	"uiux":         true,
	"uxui":         true,
	"io":           true,
	"ab":           true,
	"clientserver": true,
	"os2":          true,
	"as400":        true,
	"s4hana":       true,
	"tcpudp":       true,
	"i18nl10n":     true,
}

// SplitSkill splits one skill entry as people write it in a skills list
// into the skills it names, in order and without repeats (by SkillKey):
//
//   - commas, semicolons, '|', bullets ('•', '·') and line breaks separate
//     skills: "Spring, Hibernate" is two;
//   - a spaced '&' separates skills ("HTML & CSS"); "R&D" stays whole;
//   - a slash separates skills ("Java/J2EE", "C/C++"), except in a word
//     that is one term ("CI/CD", "TCP/IP", "PL/SQL", "UI/UX", "I/O": the
//     compound terms certmatch knows) and between digits ("24/7");
//   - a parenthesised or bracketed part names skills of its own: "Java
//     (Spring Boot)" is "Java" and "Spring Boot", "Spring (Boot)" is
//     "Spring" and, since "Spring Boot" is a skill the synonym table knows,
//     "Spring Boot"; a part of version numbers only ("Java (8, 11)") adds
//     nothing;
//   - a trailing "etc" adds nothing.
//
// '.', '+', '#' and '-' never split, so ".NET", "Node.js", "C++", "C#" and
// "Spring-Boot" are one skill each. A blank entry gives nil.
func SplitSkill(s string) []string {
	if !strings.ContainsAny(s, skillSeparators) {
		// One skill, the usual case: no map, no rune slices.
		p := strings.TrimSpace(strings.TrimLeft(strings.TrimRight(strings.TrimSpace(s), ".:-–— "), ":-–— "))
		if p == "" || versionOnly(p) || strings.EqualFold(p, "etc") || !strings.ContainsFunc(p, keyRune) {
			return nil
		}
		return []string{p}
	}
	var out []string
	seen := map[string]bool{}
	add := func(p string) {
		p = strings.TrimSpace(strings.TrimLeft(strings.TrimRight(strings.TrimSpace(p), ".:-–— "), ":-–— "))
		if p == "" || versionOnly(p) || strings.EqualFold(p, "etc") {
			return
		}
		k := SkillKey(p)
		if k == "" || seen[k] {
			return
		}
		seen[k] = true
		out = append(out, p)
	}
	for _, item := range skillTopLevel(s) {
		outer, inner := skillParens(item)
		var lastOuter string
		for _, p := range splitSkillList(outer) {
			add(p)
			if p = strings.TrimSpace(p); p != "" {
				lastOuter = p
			}
		}
		for _, group := range inner {
			for _, p := range splitSkillList(group) {
				p = strings.TrimSpace(p)
				if lastOuter != "" && p != "" && !strings.ContainsRune(p, ' ') {
					// "Spring (Boot)": the outer word and the inner one may be
					// one known skill.
					if joined := lastOuter + " " + p; knownSkill(SkillKey(joined)) {
						add(joined)
						continue
					}
				}
				add(p)
			}
		}
	}
	return out
}

// keyRune reports whether r is kept in a skill key (SkillKey drops
// spaces and - _ . /).
func keyRune(r rune) bool {
	return !unicode.IsSpace(r) && r != '-' && r != '_' && r != '.' && r != '/'
}

// skillSeparators are the runes at which SplitSkill may split.
const skillSeparators = ",;|/&()[]{}•·\n\r"

// knownSkill reports whether the built-in catalog's skill synonyms name
// key (a SkillKey), as a spelling or as the skill it folds to: the skills
// certmatch knows by name ("kafka", "springboot", "postgresql"...).
func knownSkill(key string) bool { return synonymKeys()[key] }

// synonymKeys holds every spelling and skill of the built-in catalog's
// skill synonyms.
var synonymKeys = sync.OnceValue(func() map[string]bool {
	syn := DefaultCatalog().skillSyn
	m := make(map[string]bool, 2*len(syn))
	for k, v := range syn {
		m[k], m[v] = true, true
	}
	return m
})

// skillTopLevel cuts s at the list separators outside parentheses and
// brackets (',', ';', '|', bullets, line breaks), so that each item keeps
// its parenthesised part: "Java (Spring Boot), Kafka" is "Java (Spring
// Boot)" and " Kafka".
func skillTopLevel(s string) []string {
	var out []string
	depth, start := 0, 0
	for i, r := range s {
		switch {
		case r == '(' || r == '[' || r == '{':
			depth++
		case (r == ')' || r == ']' || r == '}') && depth > 0:
			depth--
		case depth == 0 && (skillListSep(r) || r == '\n' || r == '\r'):
			out = append(out, s[start:i])
			start = i + len(string(r))
		}
	}
	return append(out, s[start:])
}

// skillParens takes the parenthesised and bracketed groups out of s: outer
// is s without them, inner the groups' contents (nested groups flattened).
// An unclosed group runs to the end.
func skillParens(s string) (outer string, inner []string) {
	var ob, ib strings.Builder
	depth := 0
	for _, r := range s {
		switch r {
		case '(', '[', '{':
			if depth == 0 {
				ob.WriteByte(' ')
			} else {
				ib.WriteByte(',')
			}
			depth++
			continue
		case ')', ']', '}':
			if depth > 0 {
				depth--
				if depth == 0 {
					inner = append(inner, ib.String())
					ib.Reset()
				} else {
					ib.WriteByte(',')
				}
			}
			continue
		}
		if depth > 0 {
			ib.WriteRune(r)
		} else {
			ob.WriteRune(r)
		}
	}
	if ib.Len() > 0 {
		inner = append(inner, ib.String())
	}
	return ob.String(), inner
}

// splitSkillList splits a list of skills at the separators SplitSkill describes,
// parentheses already taken out.
func splitSkillList(s string) []string {
	var parts []string
	start := 0
	rs := []rune(s)
	flush := func(end int) {
		parts = append(parts, string(rs[start:end]))
	}
	for i, r := range rs {
		switch {
		case r == ',' || r == ';' || r == '|' || r == '•' || r == '·' || r == '\n' || r == '\r':
		case r == '&' && i > 0 && i+1 < len(rs) && unicode.IsSpace(rs[i-1]) && unicode.IsSpace(rs[i+1]):
		case r == '/' && !skillSlashKept(rs, i):
		default:
			continue
		}
		flush(i)
		start = i + 1
	}
	flush(len(rs))
	return parts
}

// skillSlashKept reports whether the slash at rs[i] is inside one term: between
// digits, or in a word (a run without spaces) whose key is a compound
// skill.
func skillSlashKept(rs []rune, i int) bool {
	if i > 0 && i+1 < len(rs) && unicode.IsDigit(rs[i-1]) && unicode.IsDigit(rs[i+1]) {
		return true
	}
	from, to := i, i
	for from > 0 && !unicode.IsSpace(rs[from-1]) && !skillListSep(rs[from-1]) {
		from--
	}
	for to+1 < len(rs) && !unicode.IsSpace(rs[to+1]) && !skillListSep(rs[to+1]) {
		to++
	}
	return compoundSkills[SkillKey(string(rs[from:to+1]))]
}

func skillListSep(r rune) bool {
	return r == ',' || r == ';' || r == '|' || r == '•' || r == '·'
}

// versionOnly reports whether p is version numbers only: "8", "1.8",
// "11+", "v2".
func versionOnly(p string) bool {
	p = strings.TrimPrefix(strings.ToLower(p), "v")
	if p == "" {
		return false
	}
	for _, r := range p {
		if !unicode.IsDigit(r) && r != '.' && r != '+' && r != 'x' && r != ' ' {
			return false
		}
	}
	return strings.ContainsFunc(p, unicode.IsDigit)
}
