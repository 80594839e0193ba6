package scoring_test

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/certmatch/certmatch/scoring"
)

// The families job postings name ("Java certification", "OCA or OCP",
// "Spark certification") are catalog groups with aliases.
func TestFamilyGroups(t *testing.T) {
	cat := scoring.DefaultCatalog()
	tests := []struct {
		group  string
		has    []string // members that must be in it
		hasNot []string // look-alikes that must not
		alias  string   // one of its aliases
		why    string
	}{
		{"java-certification", []string{"ocajp", "ocpjp", "ocewcd", "ocmjd"}, []string{"hdpcd-java", "spring-professional"}, "Java certification",
			"every Oracle or Sun Java credential; HDPCD:Java is a Hadoop credential"},
		{"java-programmer", []string{"ocajp", "ocpjp"}, []string{"ocewcd", "scja"}, "OCA or OCP", "the associate or the professional programmer"},
		{"spring-certification", []string{"spring-professional", "spring-web"}, []string{"vmware-vcp"}, "Spring certification", "any Spring credential, not other VMware ones"},
		{"spark-developer", []string{"hdpcd-spark", "cca175", "databricks-spark-associate"}, []string{"hdpcd", "databricks-data-engineer"}, "Spark certification",
			"plain HDPCD is Pig and Hive"},
		{"databricks-certification", []string{"databricks-spark-associate", "databricks-data-engineer"}, []string{"cca175"}, "Databricks certification", "Databricks' own"},
		{"cloudera-certification", []string{"cca175", "hdpcd", "hdpcd-spark", "ccah"}, []string{"databricks-spark-associate"}, "Cloudera certification",
			"Hortonworks credentials are Cloudera's"},
	}
	for _, tt := range tests {
		t.Run(tt.group, func(t *testing.T) {
			g, ok := cat.Group(tt.group)
			if !ok {
				t.Fatalf("Group(%q) not found", tt.group)
			}
			members := map[string]bool{}
			for _, m := range cat.Expand(tt.group) {
				members[m] = true
			}
			for _, m := range tt.has {
				if !members[m] {
					t.Errorf("%s lacks %s (%s)", tt.group, m, tt.why)
				}
			}
			for _, m := range tt.hasNot {
				if members[m] {
					t.Errorf("%s holds %s (%s)", tt.group, m, tt.why)
				}
			}
			found := false
			for _, a := range g.Aliases {
				found = found || a == tt.alias
			}
			if !found {
				t.Errorf("%s aliases %q lack %q", tt.group, g.Aliases, tt.alias)
			}
		})
	}
}

// A requirement on a family is met by any member, and the explanation
// names the member held.
func TestFamilyRequirementNamesMember(t *testing.T) {
	s, err := scoring.NewScorer(scoring.Options{Now: func() time.Time { return time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC) }})
	if err != nil {
		t.Fatal(err)
	}
	role := scoring.Role{ID: "java", Required: []scoring.Requirement{{AnyOf: []string{"java-certification"}}},
		Preferred: []scoring.Requirement{{AnyOf: []string{"spark-developer"}}}}
	cand := scoring.Candidate{ID: "c1", Certifications: []scoring.Credential{
		{Name: "Oracle Certified Professional, Java SE 11 Developer"},
		{Name: "CCA Spark and Hadoop Developer", Date: scoring.MustDate("2025-01")},
	}}
	r := s.Score(cand, role)
	if !r.Eligible {
		t.Fatalf("an OCP holder is not eligible for a Java certification requirement: %+v", r.Missing)
	}
	type ev struct{ Requirement, HeldID, Held string }
	var got []ev
	for _, e := range r.Components[0].Evidence {
		got = append(got, ev{e.Requirement, e.HeldID, e.Held})
	}
	want := []ev{
		{"required: java-certification", "ocpjp", "Oracle Certified Professional, Java SE 11 Developer"},
		{"preferred: spark-developer", "cca175", "CCA Spark and Hadoop Developer"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("evidence (-want +got):\n%s", diff)
	}
}

// Required alternatives are one required skill, met by any of them.
func TestRequiredAnySkills(t *testing.T) {
	s, err := scoring.NewScorer(scoring.Options{Now: func() time.Time { return time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC) }})
	if err != nil {
		t.Fatal(err)
	}
	role := scoring.Role{ID: "db", RequiredSkills: []string{"Java"},
		RequiredAnySkills: [][]string{{"MySQL", "Oracle", "SQL Server"}},
		Weights:           &scoring.Weights{Skills: 1}}
	tests := []struct {
		name     string
		skills   []string
		eligible bool
		score    float64
		why      string
	}{
		{"one alternative", []string{"java", "mssql"}, true, 100, "mssql is sql server; 2+2 of 4 skill weight"},
		{"two alternatives", []string{"Java", "MySQL", "Oracle"}, true, 100, "holding more alternatives earns nothing more"},
		{"none", []string{"Java", "PostgreSQL"}, false, 50, "2 of 4: the alternatives are one required skill"},
		{"only the alternative", []string{"Oracle"}, false, 50, "java is still required"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := s.Score(scoring.Candidate{ID: "c", Skills: tt.skills}, role)
			if r.Eligible != tt.eligible || r.Score != tt.score {
				t.Errorf("eligible %v score %v, want %v %v (%s); missing %+v", r.Eligible, r.Score, tt.eligible, tt.score, tt.why, r.Missing)
			}
		})
	}
	r := s.Score(scoring.Candidate{ID: "c", Skills: []string{"Java"}}, role)
	want := []scoring.Missing{{Kind: "skill", Requirement: "required skill: MySQL or Oracle or SQL Server", Required: true, Reason: "not among the candidate's skills"}}
	if diff := cmp.Diff(want, r.Missing); diff != "" {
		t.Errorf("missing (-want +got):\n%s", diff)
	}
	for _, bad := range []struct {
		alts  [][]string
		field string
	}{{[][]string{{}}, "required_any_skills[0]"}, {[][]string{{"MySQL", " "}}, "required_any_skills[0][1]"}} {
		r := scoring.Role{ID: "x", RequiredAnySkills: bad.alts}
		err := r.Validate(scoring.DefaultCatalog())
		var fe *scoring.FieldError
		if !errors.As(err, &fe) || fe.Field != bad.field {
			t.Errorf("Validate(%q) = %v, want an error on %s", bad.alts, err, bad.field)
		}
	}
}

// A group's aliases are copied out: changing them changes nothing in the
// catalog.
func TestGroupAliasesAreCopies(t *testing.T) {
	cat := scoring.DefaultCatalog()
	g, _ := cat.Group("java-certification")
	want := g.Aliases[0]
	g.Aliases[0] = "changed"
	for h := range cat.Groups() {
		if h.ID == "java-certification" {
			h.Aliases[0] = "changed"
		}
	}
	if g2, _ := cat.Group("java-certification"); g2.Aliases[0] != want {
		t.Errorf("aliases changed through a copy: %q, want %q", g2.Aliases[0], want)
	}
}
