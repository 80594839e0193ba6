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
	var b strings.Builder
	for _, r := range strings.ToLower(strings.TrimSpace(s)) {
		switch {
		case r == ' ' || r == '-' || r == '_' || r == '.' || r == '/' || r == '\t':
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

// LocationKey folds a location for comparison: lower case, single spaces,
// no punctuation but the commas that separate city, region and country.
func LocationKey(s string) string {
	parts := strings.Split(strings.ToLower(s), ",")
	out := parts[:0]
	for _, p := range parts {
		p = strings.Join(strings.FieldsFunc(p, func(r rune) bool { return r == ' ' || r == '.' || r == '\t' }), " ")
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, ",")
}
