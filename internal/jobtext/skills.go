package jobtext

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// skillDef is one skill the lexicon knows, as lower-case words.
type skillDef struct {
	words []string
	// capital: a common word that is a skill only when written with a
	// capital ("React", not "react to").
	capital bool
	// database: a word that is a skill only beside another database or
	// followed by "database" ("Oracle" the database, not the company).
	database bool
	// name, for a caller's own skill, is its spelling, kept in findings.
	name string
}

// builtinSkills are the skills job text is searched for, besides a job's
// own skills section. "c++", "c#" and ".net" are matched with their
// symbols. Names go through scoring.SkillKey and its synonyms later, so
// spellings need not be folded here.
const builtinSkills = `java, j2ee, java ee, jakarta ee, jee, spring, spring boot, springboot, spring mvc, spring framework,
	spring cloud, spring security, spring data, hibernate, jpa, jsf, jsp, servlets, struts, wicket, gwt, jboss, wildfly,
	tomcat, weblogic, websphere, kafka, apache kafka, rabbitmq, activemq, active mq, apache camel, jms, sql, nosql, mysql,
	postgresql, postgres, sql server, ms sql, db2, mongodb, mongo db, cassandra, redis, elasticsearch, dynamodb, rds,
	aws, azure, gcp, google cloud, docker, kubernetes, k8s, openshift, terraform, ansible, jenkins, git, github, gitlab,
	maven, gradle, junit, mockito, selenium, rest, rest api, restful, soap, graphql, grpc, microservices, micro services,
	javascript, typescript, angular, angularjs, vue, vue.js, node.js, nodejs, html, html5, css, jquery, python, scala,
	kotlin, golang, rust, ruby, php, perl, bash, spark, apache spark, pyspark, spark sql, spark streaming,
	structured streaming, hadoop, hive, hdfs, databricks, delta lake, airflow, snowflake, flink, etl, power bi,
	tableau, pandas, numpy, linux, unix, ci cd, agile, scrum, tdd, oauth, jira, jvm, oop, c++, c#, .net, swift`

// capitalSkills and databaseSkills qualify entries of builtinSkills.
var (
	capitalSkills = wordSet(`react cypress pig camel express flask django swift rust`)
	// upperSkills are skills only when written in capitals ("REST", not "the rest").
	upperSkills    = wordSet(`rest soap`)
	databaseSkills = wordSet(`oracle`)
	dbWords        = wordSet(`database databases db dbms rdbms sql`)
)

// lexicon finds skills: phrases by first word, longest first.
type lexicon map[string][]skillDef

func newLexicon() lexicon {
	l := lexicon{}
	for _, p := range strings.Split(builtinSkills, ",") {
		l.add(strings.TrimSpace(p))
	}
	for w := range capitalSkills {
		l.add(w)
	}
	for w := range databaseSkills {
		l.add(w)
	}
	return l
}

// skillWords splits a skill name into the words the lexicon compares:
// "C++" is "c++", ".NET" is ".net", "CI/CD" is "ci" "cd".
func skillWords(name string) []string {
	return lowerWords(name)
}

func (l lexicon) add(name string) { l.addNamed(name, "") }

func (l lexicon) addNamed(name, keep string) {
	ws := skillWords(name)
	if len(ws) == 0 {
		return
	}
	switch strings.ToLower(name) {
	case "c++", "c#":
		ws = []string{strings.ToLower(name)}
	case ".net":
		ws = []string{".net"}
	}
	d := skillDef{words: ws, name: keep}
	if len(ws) == 1 {
		d.capital = capitalSkills[ws[0]]
		d.database = databaseSkills[ws[0]]
	}
	for i, old := range l[ws[0]] {
		if strings.Join(old.words, " ") == strings.Join(ws, " ") {
			if keep != "" && old.name == "" {
				l[ws[0]][i].name = keep
			}
			return
		}
	}
	list := append(l[ws[0]], d)
	for i := len(list) - 1; i > 0 && len(list[i].words) > len(list[i-1].words); i-- {
		list[i], list[i-1] = list[i-1], list[i]
	}
	l[ws[0]] = list
}

// with returns the lexicon and the given skill names.
func (l lexicon) with(names []string) lexicon {
	if len(names) == 0 {
		return l
	}
	out := make(lexicon, len(l)+len(names))
	for k, v := range l {
		out[k] = slices.Clone(v)
	}
	for _, n := range names {
		out.addNamed(n, strings.TrimSpace(n))
	}
	return out
}

// skillHit is a skill, or alternatives of which any one is enough, found
// in a sentence.
type skillHit struct {
	names    []string
	from, to int
}

// exampleLeads introduce examples, of which any one is enough: "such as
// MySQL, Oracle, or SQL Server".
var exampleLeads = phrases(`such as, e.g, for example, for instance, like, including, incl, i.e, namely, especially`)

// findSkills returns the skills of a sentence outside the spans of its
// certifications. A list of skills joined by "or" or '/', or introduced by
// "such as", "e.g." or "including", or in parentheses, is one finding
// whose names are alternatives; joined by "and" or commas only, each is
// its own.
func (f *Finder) findSkills(s sentence, l lexicon, skip [][2]int) []skillHit {
	ws := s.words
	type one struct {
		name     string
		from, to int
	}
	var found []one
	for k := 0; k < len(ws); {
		if inSpans(k, skip) {
			k++
			continue
		}
		n, name := l.match(s, k)
		if n == 0 || inSpans(k+n-1, skip) {
			k++
			continue
		}
		found = append(found, one{name, k, k + n})
		k += n
	}
	// Oracle is a skill beside another database or before "database".
	found = deleteFunc(found, func(i int, o one) bool {
		if !databaseSkills[ws[o.from].norm] || o.to-o.from != 1 {
			return false
		}
		if o.to < len(ws) && dbWords[ws[o.to].norm] {
			return false
		}
		for j, p := range found {
			if j != i && abs(j-i) <= 2 && (dbWords[ws[p.from].norm] || isDatabase(ws[p.from].norm)) {
				return false
			}
		}
		return true
	})
	var out []skillHit
	for i := 0; i < len(found); {
		j := i + 1
		or := false
		first := found[i]
		examples := leadsExamples(s, first.from)
		for j < len(found) {
			gapOr, ok := listGap(s, found[j-1].to, found[j].from)
			if ws[found[j].from].paren != ws[first.from].paren {
				break
			}
			// Examples run on to the end of their list: "including
			// micro-services, CI/CD using GitHub, Kubernetes, and GCP".
			if !ok && !(examples && plainGap(s, found[j-1].to, found[j].from)) {
				break
			}
			or = or || gapOr
			j++
		}
		anyOf := or || j-i > 1 && (ws[first.from].paren != 0 || examples)
		if anyOf {
			h := skillHit{from: first.from, to: found[j-1].to}
			for _, o := range found[i:j] {
				h.names = append(h.names, o.name)
			}
			out = append(out, h)
		} else {
			for _, o := range found[i:j] {
				out = append(out, skillHit{names: []string{o.name}, from: o.from, to: o.to})
			}
		}
		i = j
	}
	return out
}

func isDatabase(w string) bool {
	switch w {
	case "mysql", "postgresql", "postgres", "db2", "mongodb", "mongo", "cassandra", "redis", "sql", "nosql", "dynamodb":
		return true
	}
	return false
}

// listGap reports whether only list separators lie between words a and b
// (commas, '/', '&', "or", "and", "and/or", "etc"), and whether one of
// them says "or".
func listGap(s sentence, aEnd, bFrom int) (or, ok bool) {
	ws := s.words
	or = ws[aEnd-1].slash
	for _, w := range ws[aEnd:bFrom] {
		switch {
		case w.norm == "or":
			or = true
		case w.norm == "and" || w.norm == "etc" || w.norm == "as" || w.norm == "well" || isVersion(w.norm):
		default:
			return false, false
		}
	}
	gap := s.text[ws[aEnd-1].end:ws[bFrom].start]
	if strings.ContainsAny(gap, ";:()") {
		return false, false
	}
	and := false
	for _, w := range ws[aEnd:bFrom] {
		and = and || w.norm == "and"
	}
	return or && !and, true
}

// plainGap reports whether the words between two skills hold no marker
// and no ';' or ':'.
func plainGap(s sentence, aEnd, bFrom int) bool {
	ws := s.words
	if strings.ContainsAny(s.text[ws[aEnd-1].end:ws[bFrom].start], ";:") || bFrom-aEnd > 3 {
		return false
	}
	return !hasMarker(ws, aEnd, bFrom)
}

func leadsExamples(s sentence, k int) bool {
	return exampleLeads.endsWith(s.norms[max(0, k-3):k])
}

// match returns the words of the longest skill at ws[k] and its name as
// written.
func (l lexicon) match(s sentence, k int) (int, string) {
	ws := s.words
	w := ws[k]
	// Symbols the word splitter drops: "C++", "C#", ".NET".
	after := s.text[w.end:]
	switch {
	case w.norm == "c" && strings.HasPrefix(after, "++") && len(l["c++"]) > 0:
		return 1, s.text[w.start : w.end+2]
	case w.norm == "c" && strings.HasPrefix(after, "#") && len(l["c#"]) > 0:
		return 1, s.text[w.start : w.end+1]
	case w.norm == "net" && w.start > 0 && s.text[w.start-1] == '.' && len(l[".net"]) > 0:
		return 1, s.text[w.start-1 : w.end]
	}
	for _, d := range l[w.norm] {
		n := len(d.words)
		if k+n > len(ws) {
			continue
		}
		ok := true
		for j := 1; j < n; j++ {
			if ws[k+j].norm != d.words[j] {
				ok = false
				break
			}
		}
		if !ok {
			continue
		}
		if n == 1 && upperSkills[w.norm] && !w.upper {
			continue
		}
		if d.capital {
			r, _ := utf8.DecodeRuneInString(s.text[w.start:])
			if !unicode.IsUpper(r) {
				continue
			}
		}
		if d.name != "" {
			return n, d.name
		}
		return n, s.text[w.start:ws[k+n-1].end]
	}
	return 0, ""
}

func inSpans(k int, spans [][2]int) bool {
	for _, sp := range spans {
		if k >= sp[0] && k < sp[1] {
			return true
		}
	}
	return false
}

func deleteFunc[T any](s []T, del func(int, T) bool) []T {
	var out []T
	for i, v := range s {
		if !del(i, v) {
			out = append(out, v)
		}
	}
	return out
}
