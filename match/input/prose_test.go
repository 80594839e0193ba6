package input

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestVocabFinderSkills(t *testing.T) {
	tests := []struct {
		text string
		want []string
		why  string
	}{
		{"Built Kafka pipelines for order events", []string{"Kafka"}, "one known skill"},
		{"Moved services to Spring Boot on Kubernetes.", []string{"Spring Boot", "Kubernetes"}, "a two-word skill before a one-word one; the full stop is not part of it"},
		{"Built Apache Kafka and PySpark jobs", []string{"Apache Kafka", "PySpark"}, "spellings the synonym table folds"},
		{"go live with a REST API in Go", []string{"REST API"}, "common words count only as names are written; the longest run wins; Go never in prose"},
		{"Go Sooners! Built Golang services", []string{"Golang"}, "a cheer is no skill; Golang is"},
		{"the rest of the node", nil, "lower-case common words are not skills"},
		{"Wrote Node.js services", []string{"Node.js"}, "a dot inside a name"},
		{"Led a team of five", nil, "no skill"},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, vocabFinder{}.skills(tt.text)); diff != "" {
			t.Errorf("skills(%q) (-want +got):\n%s(%s)", tt.text, diff, tt.why)
		}
	}
}
