package scoring

import "strings"

// skillSynonyms folds common spellings of one skill together. Keys and
// values are skill keys (see SkillKey).
var skillSynonyms = map[string]string{
	"apachespark":       "spark",
	"pyspark":           "spark",
	"sparksql":          "spark",
	"springboot":        "springboot",
	"springboot2":       "springboot",
	"springboot3":       "springboot",
	"postgres":          "postgresql",
	"postgresdb":        "postgresql",
	"psql":              "postgresql",
	"apachekafka":       "kafka",
	"apachehadoop":      "hadoop",
	"k8s":               "kubernetes",
	"golang":            "go",
	"js":                "javascript",
	"node":              "nodejs",
	"reactjs":           "react",
	"springframework":   "spring",
	"j2ee":              "javaee",
	"jee":               "javaee",
	"jakartaee":         "javaee",
	"servlet":           "servlets",
	"javaservlets":      "servlets",
	"jsps":              "jsp",
	"javaserverpages":   "jsp",
	"restful":           "rest",
	"restapi":           "rest",
	"restapis":          "rest",
	"restfulapis":       "rest",
	"microservice":      "microservices",
	"amazonwebservices": "aws",
	"mongo":             "mongodb",
	"mssql":             "sqlserver",
	"java8":             "java",
	"java11":            "java",
	"java17":            "java",
	"corejava":          "java",
	"hibernateorm":      "hibernate",
}

// SkillKey folds a skill name for comparison: lower case, without spaces
// and the punctuation people vary ("Spring Boot", "spring-boot" and
// "springboot" are one key; "C#" and "C++" keep their symbols), then
// through a small synonym table ("Apache Spark" is "spark", "Postgres" is
// "postgresql").
func SkillKey(s string) string {
	// Fast path: plain ASCII needs one pass and one allocation.
	if key, ok := asciiSkillKey(make([]byte, 0, len(s)), s); ok {
		if syn, ok := skillSynonyms[string(key)]; ok {
			return syn
		}
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
	k := b.String()
	if syn, ok := skillSynonyms[k]; ok {
		return syn
	}
	return k
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
