package scoring

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestSplitSkill(t *testing.T) {
	tests := []struct {
		in   string
		want []string
		why  string
	}{
		{"Java", []string{"Java"}, "one skill"},
		{"", nil, "blank"},
		{"Java (Spring Boot)", []string{"Java", "Spring Boot"}, "a parenthesised part is a skill of its own"},
		{"Java/J2EE", []string{"Java", "J2EE"}, "a slash between two skills"},
		{"Spring, Hibernate", []string{"Spring", "Hibernate"}, "a comma list"},
		{"Java; Kotlin | Scala", []string{"Java", "Kotlin", "Scala"}, "semicolons and bars"},
		{"CI/CD", []string{"CI/CD"}, "a compound term stays whole"},
		{"CI/CD pipelines", []string{"CI/CD pipelines"}, "a compound term inside a longer skill"},
		{"TCP/IP", []string{"TCP/IP"}, "compound"},
		{"PL/SQL", []string{"PL/SQL"}, "compound"},
		{"Oracle, PL/SQL", []string{"Oracle", "PL/SQL"}, "a compound in a list"},
		{"C++", []string{"C++"}, "plus signs never split"},
		{"C#", []string{"C#"}, "hash never splits"},
		{".NET", []string{".NET"}, "a leading dot is kept"},
		{"Node.js", []string{"Node.js"}, "a dot inside never splits"},
		{"C/C++", []string{"C", "C++"}, "a slash between C and C++"},
		{"HTML & CSS", []string{"HTML", "CSS"}, "a spaced ampersand"},
		{"R&D", []string{"R&D"}, "an unspaced ampersand stays"},
		{"24/7 support", []string{"24/7 support"}, "a slash between digits"},
		{"Spring Boot/Spring Cloud", []string{"Spring Boot", "Spring Cloud"}, "a slash between multi-word skills"},
		{"Java (8, 11)", []string{"Java"}, "versions alone add no skill"},
		{"Spring (Boot)", []string{"Spring", "Spring Boot"}, "outer and inner form a skill the synonym table knows"},
		{"Spring (MVC, Data)", []string{"Spring", "MVC", "Data"}, "inner words that do not form a known skill stay as written"},
		{"Java, java, JAVA", []string{"Java"}, "repeats by skill key are dropped"},
		{"Docker, Kubernetes, etc.", []string{"Docker", "Kubernetes"}, "a trailing etc"},
		{"Spring-Boot", []string{"Spring-Boot"}, "a hyphen never splits"},
		{"Java (Spring Boot, Hibernate", []string{"Java", "Spring Boot", "Hibernate"}, "an unclosed parenthesis runs to the end"},
		{"Messaging (Kafka (Streams))", []string{"Messaging", "Kafka", "Streams"}, "nested groups are flattened"},
		{"• Java\n• Spring", []string{"Java", "Spring"}, "bullets and line breaks"},
	}
	seen := map[string]bool{}
	for _, tt := range tests {
		if seen[tt.in] {
			t.Fatalf("duplicate case %q", tt.in)
		}
		seen[tt.in] = true
		if diff := cmp.Diff(tt.want, SplitSkill(tt.in)); diff != "" {
			t.Errorf("SplitSkill(%q) (-want +got):\n%s(%s)", tt.in, diff, tt.why)
		}
	}
}

func TestSplitSkillPartsAreSkills(t *testing.T) {
	// The parts fold to the keys the candidate is scored on: "Java/J2EE"
	// holds java and javaee.
	var keys []string
	for _, p := range SplitSkill("Java/J2EE (Spring Boot)") {
		keys = append(keys, SkillKey(p))
	}
	if diff := cmp.Diff([]string{"java", "javaee", "springboot"}, keys); diff != "" {
		t.Errorf("keys (-want +got):\n%s", diff)
	}
}

func FuzzSplitSkill(f *testing.F) {
	for _, s := range []string{"Java (Spring Boot)", "CI/CD", "C/C++", "Spring (Boot)", "a & b", "((", "24/7"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		parts := SplitSkill(s)
		seen := map[string]bool{}
		for _, p := range parts {
			k := SkillKey(p)
			if k == "" || seen[k] {
				t.Fatalf("SplitSkill(%q) = %q: blank or repeated part %q", s, parts, p)
			}
			seen[k] = true
		}
	})
}

func TestKnownSkill(t *testing.T) {
	for key, want := range map[string]bool{"kafka": true, "apachekafka": true, "springboot": true, "java": true, "cobol": false, "": false} {
		if got := knownSkill(key); got != want {
			t.Errorf("knownSkill(%q) = %v, want %v", key, got, want)
		}
	}
}
