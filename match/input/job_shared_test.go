package input

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/certmatch/certmatch/scoring"
)

// sharedDir finds a folder of the project's shared data (the seed page,
// the real-world postings) beside the checkout, which holds it at
// ../shared (three levels up from this package); a worktree one level
// deeper looks one level further. It skips the
// test when the folder is absent: the data is never copied into the
// project.
func sharedDir(t *testing.T, sub string) string {
	t.Helper()
	for _, up := range []string{"../../../shared", "../../../../shared"} {
		dir := filepath.Join(up, sub)
		if st, err := os.Stat(dir); err == nil && st.IsDir() {
			return dir
		}
	}
	t.Skipf("../shared/%s is absent (it is read from beside the checkout, never copied into it)", sub)
	return ""
}

// seedJobs returns the seed page verbatim, and two JSON Resume jobs made
// from it as a new user would: the whole page as the description, and
// its list as qualifications under their lead line.
func seedJobs(t *testing.T) map[string]string {
	data, err := os.ReadFile(filepath.Join(sharedDir(t, "seed"), "backend-developer-job-description.txt"))
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	var desc, quals []string
	lines := strings.Split(text, "\n")
	for i, line := range lines {
		line = strings.TrimSpace(line)
		switch {
		case line == "":
		case strings.HasPrefix(line, "•"):
			quals = append(quals, strings.TrimSpace(strings.TrimPrefix(line, "•")))
		case i+2 < len(lines) && strings.HasPrefix(strings.TrimSpace(lines[i+2]), "•"):
			quals = append(quals, line+":") // the list's lead line
		default:
			desc = append(desc, line)
		}
	}
	if len(quals) != 6 {
		t.Fatalf("the seed page's list: %d lines, want a lead line and 5 items", len(quals))
	}
	whole, _ := json.Marshal(map[string]any{"title": "Backend Developer", "description": text})
	split, _ := json.Marshal(map[string]any{"title": "Backend Developer", "description": strings.Join(desc, "\n"), "qualifications": quals})
	return map[string]string{"text": text, "json description": string(whole), "json qualifications": string(split)}
}

// The seed page gives the five certifications it names as preferred (a
// Spark developer one, not the Pig/Hive HDPCD), at most one required, and
// the bundled candidates stay eligible.
func TestRoleFromJobSeedPage(t *testing.T) {
	cands := bundledCandidates(t)
	s, err := scoring.NewScorer(scoring.Options{Now: func() time.Time { return time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC) }})
	if err != nil {
		t.Fatal(err)
	}
	spark := []string{"spark-developer", "hdpcd-spark", "cca175", "databricks-spark-associate"}
	for name, doc := range seedJobs(t) {
		t.Run(name, func(t *testing.T) {
			role, err := RoleFromJob(strings.NewReader(doc), nil)
			if err != nil {
				t.Fatal(err)
			}
			var preferred []string
			for _, q := range role.Preferred {
				if len(q.AnyOf) != 1 {
					t.Errorf("preferred %v: want one certification or group each", q.AnyOf)
					continue
				}
				id := q.AnyOf[0]
				if slices.Contains(spark, id) {
					id = "spark"
				}
				preferred = append(preferred, id)
				if q.Source == "" {
					t.Errorf("preferred %v has no source", q.AnyOf)
				}
			}
			want := []string{"ocajp", "ocpjp", "spring-professional", "ocewcd", "spark"}
			if !slices.Equal(preferred, want) {
				t.Errorf("preferred %v, want %v (a Spark developer certification, not hdpcd)", preferred, want)
			}
			for _, q := range append(slices.Clone(role.Required), role.Preferred...) {
				if slices.Contains(q.AnyOf, "hdpcd") {
					t.Errorf("%v names the Pig/Hive HDPCD", q.AnyOf)
				}
			}
			if len(role.Required) > 1 {
				t.Errorf("%d required certifications %v, want at most one", len(role.Required), role.Required)
			}
			eligible := 0
			for _, c := range cands {
				if s.Score(c, role).Eligible {
					eligible++
				}
			}
			if eligible != len(cands) {
				t.Errorf("%d of %d bundled candidates eligible for %+v, want all (nothing is required)", eligible, len(cands), role)
			}
		})
	}
}

func bundledCandidates(t *testing.T) []scoring.Candidate {
	t.Helper()
	var out []scoring.Candidate
	_, err := Decode(openTestdata(t, "../../testdata/candidates.json"), DecodeOptions{}, func(r Record) error {
		if r.Err != nil {
			return r.Err
		}
		out = append(out, r.Candidate)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(out) == 0 {
		t.Fatal("no bundled candidates")
	}
	return out
}

// The traps of real postings (../shared/realworld/job-postings, read by
// hand to learn their shapes, never copied): generic phrases are
// families, a title held is no credential, a skills section is not a list
// of requirements, OpenShift's OCP is not Java's, benefits ask nothing,
// and a French posting is not guessed at.
func TestRoleFromJobRealPostings(t *testing.T) {
	dir := sharedDir(t, "realworld/job-postings")
	read := func(t *testing.T, name string) (scoring.Role, error) {
		t.Helper()
		f, err := os.Open(filepath.Join(dir, name))
		if err != nil {
			t.Skipf("%s: %v", name, err)
		}
		defer f.Close()
		return RoleFromJob(f, nil)
	}
	reqs := func(qs []scoring.Requirement) []string {
		var out []string
		for _, q := range qs {
			out = append(out, strings.Join(q.AnyOf, "|"))
		}
		return out
	}
	keys := func(names []string) []string {
		var out []string
		for _, n := range names {
			out = append(out, scoring.SkillKey(n))
		}
		return out
	}
	tests := []struct {
		file  string
		why   string
		check func(t *testing.T, r scoring.Role)
	}{
		{"brightspeed-lead-java.md", "\"Java certification\" as a qualifications item is the family, required; 7+ years", func(t *testing.T, r scoring.Role) {
			if got := reqs(r.Required); !slices.Equal(got, []string{"java-certification"}) {
				t.Errorf("required %v, want [java-certification]", got)
			}
			if r.MinYears != 7 || !slices.Contains(keys(r.RequiredSkills), "java") {
				t.Errorf("min_years %v, required skills %v; want 7 and java", r.MinYears, r.RequiredSkills)
			}
		}},
		{"real-senior-backend.md", "\"Java certification is highly desirable\" is the family, preferred", func(t *testing.T, r scoring.Role) {
			if got := reqs(r.Preferred); !slices.Equal(got, []string{"java-certification"}) || len(r.Required) > 0 {
				t.Errorf("preferred %v, required %v; want [java-certification] and none", got, reqs(r.Required))
			}
			if r.MinYears != 6 {
				t.Errorf("min_years %v, want 6 (\"Minimum of 6 years\")", r.MinYears)
			}
		}},
		{"ob-software-engineer.markdown", "\"Java-related certifications is a plus\" is the family, preferred (HTML with front matter)", func(t *testing.T, r scoring.Role) {
			if got := reqs(r.Preferred); !slices.Equal(got, []string{"java-certification"}) || len(r.Required) > 0 {
				t.Errorf("preferred %v, required %v", got, reqs(r.Required))
			}
		}},
		{"databricks-sse.md", "\"Desirable: Databricks Certification\" is the family, preferred", func(t *testing.T, r scoring.Role) {
			if got := reqs(r.Preferred); !slices.Equal(got, []string{"databricks-certification"}) || len(r.Required) > 0 {
				t.Errorf("preferred %v, required %v", got, reqs(r.Required))
			}
		}},
		{"algastech-java-developer.txt", "\"Experience as a Sun Certified Java Developer\" is a title held, not a master-level credential", func(t *testing.T, r scoring.Role) {
			if len(r.Required)+len(r.Preferred) > 0 {
				t.Errorf("certifications %v %v, want none", reqs(r.Required), reqs(r.Preferred))
			}
		}},
		{"hn-furtim-java.json", "skills keywords are preferred; the title's Java is required", func(t *testing.T, r scoring.Role) {
			if got := keys(r.RequiredSkills); !slices.Equal(got, []string{"java"}) {
				t.Errorf("required skills %v, want [java]", got)
			}
			for _, k := range []string{"concurrency", "memory", "buffers"} {
				if !slices.Contains(keys(r.PreferredSkills), k) {
					t.Errorf("%s not preferred: %v", k, r.PreferredSkills)
				}
			}
		}},
		{"hn-lunt-databricks.json", "a skills section asks for no certification; Full is remote", func(t *testing.T, r scoring.Role) {
			if len(r.Required) > 0 || !r.Remote {
				t.Errorf("required %v, remote %v", reqs(r.Required), r.Remote)
			}
		}},
		{"derex-angular.md", "\"OCP/AWS\" among DevOps tools is OpenShift, not Java's OCP; 5-8 years asks 5", func(t *testing.T, r scoring.Role) {
			if len(r.Required)+len(r.Preferred) > 0 || r.MinYears != 5 {
				t.Errorf("certifications %v %v, min_years %v", reqs(r.Required), reqs(r.Preferred), r.MinYears)
			}
		}},
		{"jhug-accepted-senior-java.md", "\"Trainings and Certifications\" is a benefit", func(t *testing.T, r scoring.Role) {
			if len(r.Required)+len(r.Preferred) > 0 || r.MinYears != 6 {
				t.Errorf("certifications %v %v, min_years %v", reqs(r.Required), reqs(r.Preferred), r.MinYears)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			r, err := read(t, tt.file)
			if err != nil {
				t.Fatalf("%v (%s)", err, tt.why)
			}
			tt.check(t, r)
		})
	}
	t.Run("devoteam-azure-data-engineer.md", func(t *testing.T) {
		_, err := read(t, "devoteam-azure-data-engineer.md")
		if !errors.Is(err, ErrNothingFound) || !strings.Contains(err.Error(), "French") {
			t.Errorf("err = %v, want nothing found: French", err)
		}
	})
}
