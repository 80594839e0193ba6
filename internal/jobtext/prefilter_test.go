package jobtext

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestSkillsFirstWordCheck: the first-word check never changes what
// Skills finds, only how fast it says nothing.
func TestSkillsFirstWordCheck(t *testing.T) {
	f := For(nil)
	texts := []string{
		"Built Kafka pipelines for order events",
		"Moved services to Spring Boot on Kubernetes.",
		"Wrote C++ and C# tools; ported a .NET service",
		"Senior Java Developer",
		"Led a team of five through a migration",
		"Go Sooners and Cardinal!",
		"Développé des services Kafka et PostgreSQL",
		"MySQL, Oracle, or SQL Server databases",
		"Backend developer for logistics. Built Kafka pipelines. Led a team. Moved to Spring Boot.",
		"HDPCD. Apache Spark Developer Certification is a plus",
		"",
	}
	for _, text := range texts {
		if diff := cmp.Diff(f.allSkills(text), f.Skills(text)); diff != "" {
			t.Errorf("Skills(%q) with the check (-without +with):\n%s", text, diff)
		}
	}
	if f.skills.mayMatch("Led a team of five through a migration") {
		t.Errorf("a sentence without a skill word passes the check")
	}
	if n := testing.AllocsPerRun(50, func() { f.Skills("Led a team of five through a migration") }); n != 0 {
		t.Errorf("Skills of a text without a skill word allocates %v times, want 0", n)
	}
}

func FuzzSkillsFirstWordCheck(fz *testing.F) {
	for _, s := range []string{"Built Kafka pipelines", "C++ and .NET", "the rest"} {
		fz.Add(s)
	}
	f := For(nil)
	fz.Fuzz(func(t *testing.T, text string) {
		if got, want := f.Skills(text), f.allSkills(text); !cmp.Equal(want, got) {
			t.Fatalf("Skills(%q) = %q, without the check %q", text, got, want)
		}
	})
}

// allSkills is Skills reading every sentence, without the first-word
// check.
func (f *Finder) allSkills(text string) []string {
	var out []string
	for _, s := range newSentences(text) {
		for _, sk := range f.findSkills(s, f.skills, nil) {
			out = append(out, sk.names...)
		}
	}
	return out
}
