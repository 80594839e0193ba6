package input

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestTextFinder(t *testing.T) {
	f := finderFor(nil)
	skills := []struct {
		text string
		want []string
		why  string
	}{
		{"Built Kafka pipelines for order events", []string{"Kafka"}, "a skill in a highlight"},
		{"Moved services to Spring Boot on Kubernetes.", []string{"Spring Boot", "Kubernetes"}, "a two-word skill and a one-word one"},
		{"Go Sooners and Cardinal!", nil, "a cheer is no skill"},
		{"Led a team of five", nil, "no skill"},
	}
	for _, tt := range skills {
		if diff := cmp.Diff(tt.want, f.skills(tt.text)); diff != "" {
			t.Errorf("skills(%q) (-want +got):\n%s(%s)", tt.text, diff, tt.why)
		}
	}
	certs := []struct {
		text string
		want []foundCert
		why  string
	}{
		{"Oracle Certified Professional, Java SE 11 Developer", []foundCert{{"ocpjp", "11"}}, "a credential by its title"},
		{"Spring Professional", []foundCert{{"spring-professional", ""}}, "a seed certification's alias"},
		{"PMP", nil, "not in the catalog"},
	}
	for _, tt := range certs {
		if diff := cmp.Diff(tt.want, f.certs(tt.text), cmp.AllowUnexported(foundCert{})); diff != "" {
			t.Errorf("certs(%q) (-want +got):\n%s(%s)", tt.text, diff, tt.why)
		}
	}
}
