package scoring_test

import (
	"strings"
	"testing"

	"github.com/certmatch/certmatch/scoring"
)

func TestSkillSourceInExplanation(t *testing.T) {
	s := newScorer(t)
	plan, err := s.Compile(scoring.Role{ID: "r", RequiredSkills: []string{"java"}, PreferredSkills: []string{"kafka", "sql"}})
	if err != nil {
		t.Fatal(err)
	}
	c := scoring.Candidate{ID: "c", Skills: []string{"Java", "Apache Kafka"},
		SkillSources: map[string]string{"Apache Kafka": "work highlight at Senior Developer, Acme, 2019-2022"}}
	got := plan.Score(c)
	bare := plan.Score(scoring.Candidate{ID: "c", Skills: []string{"Java", "Apache Kafka"}})
	if got.Score != bare.Score {
		t.Errorf("a skill's source changed the score: %v, want %v", got.Score, bare.Score)
	}
	var reason string
	for _, comp := range got.Components {
		if comp.Name == scoring.CompSkills {
			reason = comp.Reason
		}
	}
	// The role's name, then where the resume showed it; a listed skill
	// has no source.
	if want := "java, kafka (work highlight at Senior Developer, Acme, 2019-2022); lacks sql"; !strings.HasSuffix(reason, want) {
		t.Errorf("skills reason %q, want it to end %q", reason, want)
	}
}
