package match_test

import (
	"context"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/certmatch/certmatch/match"
	"github.com/certmatch/certmatch/match/report"
	"github.com/certmatch/certmatch/scoring"
)

// Open starts an engine; the zero Options keep the index in memory. Add
// normalises each credential as it indexes the candidate: a free-text title
// becomes a canonical id and version, and the text is kept as written.
func ExampleOpen() {
	ctx := context.Background()
	eng, err := match.Open(ctx, match.Options{
		Now: func() time.Time { return time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC) },
	})
	if err != nil {
		panic(err)
	}
	defer eng.Close()

	rep, err := eng.Add(ctx,
		scoring.Candidate{ID: "ana", Skills: []string{"Java"},
			Certifications: []scoring.Credential{{Name: "Oracle Certified Professional, Java SE 11 Developer"}}},
		scoring.Candidate{ID: "ben", Skills: []string{"Java", "Servlets"},
			Certifications: []scoring.Credential{{Name: "SCWCD 1.4"}}},
	)
	if err != nil {
		panic(err)
	}
	n, err := eng.Count(ctx)
	if err != nil {
		panic(err)
	}
	fmt.Printf("added %d, rejected %d; the index holds %d\n", rep.Added, len(rep.Rejected), n)

	ana, err := eng.Get(ctx, "ana")
	if err != nil {
		panic(err)
	}
	cr := ana.Certifications[0]
	fmt.Printf("%s: %q is %s %s\n", ana.ID, cr.Name, cr.ID, cr.Version)
	// Output:
	// added 2, rejected 0; the index holds 2
	// ana: "Oracle Certified Professional, Java SE 11 Developer" is ocpjp 11
}

// Rank returns one page of a role's ranking: eligible candidates first,
// then score descending, then id. This is the README's quick start, with a
// fixed clock so that the output does not change with the date.
//
// The role gives no location or salary, so the default weights leave
// certifications 50 points, skills 30 and experience 20:
//
//	ana: 50 (OCPJP 11 meets ocpjp >= 11) + 30 (java) + 20*6/(6+5) = 90.91
//	ben: 50*0.25 (SCJP 6 is the OCPJP line, below 11: partial credit)
//	     + 30 (java) + 20*9/(9+5) = 12.50 + 30 + 12.86 = 55.36, not eligible
func ExampleEngine_Rank() {
	ctx := context.Background()
	eng, err := match.Open(ctx, match.Options{ // in memory
		Now: func() time.Time { return time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC) },
	})
	if err != nil {
		panic(err)
	}
	defer eng.Close()

	if _, err := eng.Add(ctx,
		scoring.Candidate{ID: "ana", YearsExperience: 6, Skills: []string{"Java", "Spring Boot"},
			Certifications: []scoring.Credential{{Name: "Oracle Certified Professional: Java SE 11 Developer", Date: scoring.MustDate("2021-03")}}},
		scoring.Candidate{ID: "ben", YearsExperience: 9, Skills: []string{"java"},
			Certifications: []scoring.Credential{{Name: "SCJP 6"}}},
	); err != nil {
		panic(err)
	}
	role := scoring.Role{
		ID:             "senior-java",
		Required:       []scoring.Requirement{{AnyOf: []string{"ocpjp"}, MinVersion: "11"}},
		RequiredSkills: []string{"java"},
		MinYears:       5,
	}
	ranking, err := eng.Rank(ctx, role, match.RankOptions{IncludeIneligible: true})
	if err != nil {
		panic(err)
	}
	for _, r := range ranking.Results {
		fmt.Printf("%d %s %.2f eligible=%v\n", r.Rank, r.CandidateID, r.Score, r.Eligible)
		for _, step := range r.NextSteps {
			fmt.Println("  next:", step.Text)
		}
	}
	// Output:
	// 1 ana 90.91 eligible=true
	// 2 ben 55.36 eligible=false
	//   next: holds "SCJP 6": upgrade exam 1Z0-817 for OCPJP 11
}

// Explain says why a candidate scores what it does: each component's
// points and maximum, the credential that met each requirement (here
// through an implication: an OCEWCD holder was an OCPJP first), what is
// missing and what would meet it.
func ExampleEngine_Explain() {
	ctx := context.Background()
	eng, err := match.Open(ctx, match.Options{
		Now: func() time.Time { return time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC) },
	})
	if err != nil {
		panic(err)
	}
	defer eng.Close()

	if _, err := eng.Add(ctx, scoring.Candidate{
		ID:              "cand-0042",
		YearsExperience: 8,
		Skills:          []string{"Java", "Servlets", "JSP"},
		Certifications: []scoring.Credential{
			{Name: "Oracle Certified Expert, Java EE 6 Web Component Developer", Date: scoring.MustDate("2014-05")},
		},
	}); err != nil {
		panic(err)
	}
	role := scoring.Role{
		ID:              "java-backend",
		Required:        []scoring.Requirement{{AnyOf: []string{"ocpjp"}}},
		Preferred:       []scoring.Requirement{{AnyOf: []string{"spring-professional"}}},
		RequiredSkills:  []string{"java"},
		PreferredSkills: []string{"spring boot"},
		MinYears:        5,
		Weights:         &scoring.Weights{Certifications: 0.5, Skills: 0.3, Experience: 0.2},
	}
	// certifications 50 * 2/3 (required ocpjp, weight 2, met through
	// OCEWCD; preferred spring-professional, weight 1, not met) = 33.33;
	// skills 30 * 2/3 (java, weight 2; not spring boot, weight 1) = 20;
	// experience 20 * 8/(8+5) = 12.31; total 65.64.
	res, err := eng.Explain(ctx, "cand-0042", role)
	if err != nil {
		panic(err)
	}
	if err := report.WriteExplanation(os.Stdout, res); err != nil {
		panic(err)
	}
	// Output:
	// cand-0042 against java-backend: 65.64 of 100, eligible
	//   certifications   33.33 of  50.00  meets 1 of 2 certification requirements (required weigh 2, preferred 1 unless set)
	//       + required: ocpjp: "Oracle Certified Expert, Java EE 6 Web Component Developer" (OCEWCD 6) meets it: OCEWCD implies OCPJP
	//       - preferred: spring-professional: no credential of spring-professional
	//   skills           20.00 of  30.00  has 1 of 2 skills (required weigh 2, preferred 1): java; lacks spring boot
	//   experience       12.31 of  20.00  8 years: credit 8/(8+5) = 62%; role asks at least 5
	//   missing  preferred: spring-professional: holds no spring-professional
	//   missing  preferred skill: spring boot: not among the candidate's skills
	//   next     preferred: spring-professional: one exam, 2V0-72.22, for Spring Professional 5.3
}

// RolesFor is reverse matching: one candidate against many roles, best
// first, each with what is missing and the next certification that would
// meet it. An OCA holder is one exam from the OCP.
func ExampleEngine_RolesFor() {
	ctx := context.Background()
	eng, err := match.Open(ctx, match.Options{
		Now: func() time.Time { return time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC) },
	})
	if err != nil {
		panic(err)
	}
	defer eng.Close()

	if _, err := eng.Add(ctx, scoring.Candidate{
		ID:              "cand-0007",
		YearsExperience: 4,
		Skills:          []string{"Java", "SQL", "Git"},
		Certifications:  []scoring.Credential{{Name: "Oracle Certified Associate, Java SE 8 Programmer", Date: scoring.MustDate("2022-09")}},
	}); err != nil {
		panic(err)
	}
	roles := []scoring.Role{
		{ID: "java-associate", Required: []scoring.Requirement{{AnyOf: []string{"ocajp"}}}, RequiredSkills: []string{"java"}},
		{ID: "java-professional", Required: []scoring.Requirement{{AnyOf: []string{"ocpjp"}, MinVersion: "8"}}, RequiredSkills: []string{"java"}, MinYears: 3},
		{ID: "spring-backend", Required: []scoring.Requirement{{AnyOf: []string{"spring-professional"}}}, RequiredSkills: []string{"java", "spring boot"}},
	}
	// The default weights without location or salary: certifications 50,
	// skills 30, experience 20 * years/(years + max(min_years, 3)).
	//   java-associate:    50 + 30 (java) + 20*4/(4+3) = 91.43
	//   java-professional:  0 + 30 (java) + 11.43      = 41.43
	//   spring-backend:     0 + 30*2/4 (java, not spring boot) + 11.43 = 26.43
	results, err := eng.RolesFor(ctx, "cand-0007", roles)
	if err != nil {
		panic(err)
	}
	for _, r := range results {
		fmt.Printf("%s: %.2f eligible=%v\n", r.RoleID, r.Score, r.Eligible)
		for _, m := range r.Missing {
			fmt.Printf("  missing %s: %s\n", m.Requirement, m.Reason)
		}
		for _, n := range r.NextSteps {
			fmt.Println("  next:", n.Text)
		}
	}
	// Output:
	// java-associate: 91.43 eligible=true
	// java-professional: 41.43 eligible=false
	//   missing required: ocpjp >= 8: holds no ocpjp
	//   next: holds "Oracle Certified Associate, Java SE 8 Programmer": one exam, 1Z0-809, for OCPJP 8
	// spring-backend: 26.43 eligible=false
	//   missing required: spring-professional: holds no spring-professional
	//   missing required skill: spring boot: not among the candidate's skills
	//   next: one exam, 2V0-72.22, for Spring Professional 5.3
	//   next: evidence of spring boot (a listed skill or project)
}

// Import streams candidates in any supported format (here native JSON
// Lines). A bad record is rejected with its line, id, field and reason and
// never stops the good ones.
func ExampleEngine_Import() {
	ctx := context.Background()
	eng, err := match.Open(ctx, match.Options{
		Now: func() time.Time { return time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC) },
	})
	if err != nil {
		panic(err)
	}
	defer eng.Close()

	input := strings.NewReader(`{"id": "cand-0001", "skills": ["Java"], "certifications": [{"name": "OCP Java SE 17 Developer", "date": "2023-05"}]}
{"id": "cand-0002", "skills": ["Spark"], "certifications": [{"name": "CCA Spark and Hadoop Developer", "date": "2021-13"}]}
{"id": "cand-0003", "skills": ["Java", "Spring"], "certifications": [{"name": "Pivotal Spring Professional 5", "date": "2019"}, {"name": "Udemy Java course"}]}
`)
	rep, err := eng.Import(ctx, input, match.ImportOptions{})
	if err != nil {
		panic(err)
	}
	fmt.Printf("format %s: read %d, imported %d\n", rep.Format, rep.Read, rep.Imported)
	for _, r := range rep.Rejected {
		fmt.Println("rejected:", r)
	}
	for _, u := range rep.Unresolved {
		fmt.Printf("kept as written: %s %q: %s\n", u.CandidateID, u.Text, u.Reason)
	}
	// Output:
	// format native: read 3, imported 2
	// rejected: line 2 (cand-0002): certifications[0].date: date "2021-13": bad month
	// kept as written: cand-0003 "Udemy Java course": "udemy": a course or course provider, not a credential
}
