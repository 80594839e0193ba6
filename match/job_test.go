package match

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/certmatch/certmatch/scoring"
)

func TestRoleFromJobSample(t *testing.T) {
	got, err := RoleFromJob(openTestdata(t, "../testdata/jsonresume/sample.job.json"), nil)
	if err != nil {
		t.Fatal(err)
	}
	want := scoring.Role{
		ID:    "web-developer",
		Title: "Web Developer",
		// No certification: "Database Management" and "SQL" match the
		// oracle-database entry's word rules, but job prose is not a
		// credential without a cue.
		RequiredSkills:  []string{"HTML", "CSS", "JavaScript", "React", "Node.js", "SQL", "NoSQL", "MongoDB"},
		PreferredSkills: []string{"Web Development", "Database Management"},
		MinYears:        3,            // "3+ years of experience in web development"
		Location:        "Berlin, DE", // the region repeats the city
		Remote:          false,        // "Hybrid"
		SalaryMax:       100000,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("role mismatch (-want +got):\n%s", diff)
	}
}

// job builds a job document from its qualifications and description.
func job(qualifications []string, description string) string {
	doc := map[string]any{"title": "Java Developer", "description": description}
	if qualifications != nil {
		doc["qualifications"] = qualifications
	}
	b, _ := json.Marshal(doc)
	return string(b)
}

func req(version string, ids ...string) scoring.Requirement {
	return scoring.Requirement{AnyOf: ids, MinVersion: version}
}

func TestRoleFromJobCertifications(t *testing.T) {
	type found struct {
		Required, Preferred []scoring.Requirement
		MinYears            float64
	}
	tests := []struct {
		name string
		why  string
		doc  string
		want found
	}{
		{
			name: "the brief's job",
			why:  "OCP Java 11 required, Spring Professional a plus, a generic Spark certification preferred, 3+ years",
			doc: job([]string{
				"OCP Java 11 required, Spring Professional a plus",
				"Apache Spark developer certification preferred",
				"3+ years of experience with Java and Spring Boot",
			}, ""),
			want: found{
				Required:  []scoring.Requirement{req("11", "ocpjp")},
				Preferred: []scoring.Requirement{req("", "spring-professional"), req("", "spark-developer")},
				MinYears:  3,
			},
		},
		{
			name: "official title with its comma",
			why:  "the comma after Certified Professional does not cut the title",
			doc:  job([]string{"Oracle Certified Professional, Java SE 17 Developer certification is mandatory"}, ""),
			want: found{Required: []scoring.Requirement{req("17", "ocpjp")}},
		},
		{
			name: "prose is not a credential",
			why:  "professional Java, SQL, web services and Java 17 developer match word rules but say nothing about a credential",
			doc: job([]string{
				"5 years of professional Java experience",
				"Strong SQL and web services skills",
				"You are a Java 17 developer who loves Database Management",
			}, ""),
			want: found{MinYears: 5},
		},
		{
			name: "a cue makes it a credential",
			why:  "SQL certification is the Oracle Database certification",
			doc:  job([]string{"SQL certification is a plus"}, ""),
			want: found{Preferred: []scoring.Requirement{req("", "oracle-database")}},
		},
		{
			name: "exam codes as alternatives",
			why:  "1Z0-809 (OCP 8) or 1Z0-819 (OCP 11) is one requirement, OCPJP 8 or later",
			doc:  job([]string{"Passed 1Z0-809 or 1Z0-819"}, ""),
			want: found{Required: []scoring.Requirement{req("8", "ocpjp")}},
		},
		{
			name: "different certifications as alternatives",
			why:  "or and / join certifications into one any_of; differing versions give none",
			doc:  job([]string{"OCPJP or OCEWCD", "OCAJP/OCPJP 11"}, ""),
			want: found{Required: []scoring.Requirement{req("", "ocpjp", "ocewcd"), req("", "ocajp", "ocpjp")}},
		},
		{
			name: "group with examples",
			why:  "a group named with its members in parentheses gives the group alone",
			doc:  job([]string{"A Spark certification (HDPCD:Spark, CCA175 or Databricks) is desirable"}, ""),
			want: found{Preferred: []scoring.Requirement{req("", "spark-developer")}},
		},
		{
			name: "specific Spark certification",
			why:  "a named certification is not replaced by the group; its version is kept as written",
			doc:  job([]string{"Databricks Certified Associate Developer for Apache Spark 3.0 required"}, ""),
			want: found{Required: []scoring.Requirement{req("3.0", "databricks-spark-associate")}},
		},
		{
			name: "heading marker",
			why:  "Nice to have: heads the sentence, so the clause without its own marker is preferred too",
			doc:  job(nil, "Nice to have: Spring Professional, OCEWCD. Required: OCP Java 11."),
			want: found{
				Required:  []scoring.Requirement{req("11", "ocpjp")},
				Preferred: []scoring.Requirement{req("", "spring-professional"), req("", "ocewcd")},
			},
		},
		{
			name: "nearest marker in a clause",
			why:  "each certification takes the marker next to it",
			doc:  job(nil, "OCP Java 11 is required and Spring Professional certification is a big plus"),
			want: found{
				Required:  []scoring.Requirement{req("11", "ocpjp")},
				Preferred: []scoring.Requirement{req("", "spring-professional")},
			},
		},
		{
			name: "leading markers",
			why:  "require and prefer speak of what follows them",
			doc:  job(nil, "We require OCP Java 11 and prefer Spring Professional"),
			want: found{
				Required:  []scoring.Requirement{req("11", "ocpjp")},
				Preferred: []scoring.Requirement{req("", "spring-professional")},
			},
		},
		{
			name: "leading and trailing in two clauses",
			why:  "must have covers its clause; a plus covers the next",
			doc:  job([]string{"Must have OCPJP, Spring Professional a plus"}, ""),
			want: found{
				Required:  []scoring.Requirement{req("", "ocpjp")},
				Preferred: []scoring.Requirement{req("", "spring-professional")},
			},
		},
		{
			name: "heading word",
			why:  "a sentence starting with Preferred is about preferred things",
			doc:  job([]string{"Preferred qualifications include Spring Professional and OCEWCD"}, ""),
			want: found{Preferred: []scoring.Requirement{req("", "spring-professional"), req("", "ocewcd")}},
		},
		{
			name: "markers with colons",
			why:  "a marker ending in a colon speaks of what follows; ';' ends a sentence",
			doc:  job([]string{"Required: OCPJP; preferred: OCEWCD"}, ""),
			want: found{
				Required:  []scoring.Requirement{req("", "ocpjp")},
				Preferred: []scoring.Requirement{req("", "ocewcd")},
			},
		},
		{
			name: "one marker for a list",
			why:  "a marker with no rival covers its whole clause",
			doc:  job(nil, "Spring Professional and OCEWCD certifications are preferred"),
			want: found{Preferred: []scoring.Requirement{req("", "spring-professional"), req("", "ocewcd")}},
		},
		{
			name: "required wins",
			why:  "named as required and as preferred, a certification is required",
			doc:  job([]string{"OCPJP preferred", "OCP Java 11 required"}, ""),
			want: found{Required: []scoring.Requirement{req("11", "ocpjp")}},
		},
		{
			name: "lower version kept",
			why:  "named twice with different versions, the lower is the requirement",
			doc:  job([]string{"OCP Java 17 certification"}, "Holders of OCP Java 11 welcome."),
			want: found{Required: []scoring.Requirement{req("11", "ocpjp")}},
		},
		{
			name: "years are not versions",
			why:  "a number followed by years is never a certification's version",
			doc:  job([]string{"Spring Professional certification, 5+ years with Java"}, ""),
			want: found{Required: []scoring.Requirement{req("", "spring-professional")}, MinYears: 5},
		},
		{
			name: "version after the title",
			why:  "the longer of two equally confident windows wins, keeping the version",
			doc:  job([]string{"Spring Professional 5 certified"}, ""),
			want: found{Required: []scoring.Requirement{req("5", "spring-professional")}},
		},
		{
			name: "years phrases",
			why:  "the largest required number of years; preferred years and unrelated numbers do not count",
			doc: job([]string{
				"at least 4 years of backend work",
				"minimum of two years with Kafka",
				"3-5 years of experience",
				"10+ yrs in finance preferred",
			}, "Founded 20 years ago. We have 12 offices."),
			want: found{MinYears: 4},
		},
		{
			name: "years of experience wording",
			why:  "N years' X experience counts",
			doc:  job([]string{"6 years' Java experience"}, ""),
			want: found{MinYears: 6},
		},
		{
			name: "sentences split at dots, not in versions",
			why:  "\"1.4\" and \"Node.js\" are not sentence ends",
			doc:  job(nil, "SCWCD 1.4 required. Node.js is a plus."),
			want: found{Required: []scoring.Requirement{req("1.4", "ocewcd")}},
		},
	}
	seen := map[string]bool{}
	for _, tt := range tests {
		if seen[tt.name] {
			t.Fatalf("duplicate test name %q", tt.name)
		}
		seen[tt.name] = true
		t.Run(tt.name, func(t *testing.T) {
			r, err := RoleFromJob(strings.NewReader(tt.doc), scoring.DefaultCatalog())
			if err != nil {
				t.Fatalf("RoleFromJob: %v (%s)", err, tt.why)
			}
			got := found{Required: r.Required, Preferred: r.Preferred, MinYears: r.MinYears}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("mismatch (-want +got) (%s):\n%s", tt.why, diff)
			}
		})
	}
}

func TestRoleFromJobFields(t *testing.T) {
	tests := []struct {
		name string
		why  string
		doc  string
		want scoring.Role
	}{
		{
			name: "full remote with a salary range",
			why:  "Full is remote; the top of a salary range is salary_max",
			doc: `{"title":"Senior Java Developer (Spring/Kafka)","remote":"Full","salary":"$90k - $110k",
				"location":{"city":"Chicago","region":"IL","countryCode":"US"}}`,
			want: scoring.Role{ID: "senior-java-developer-spring-kafka", Title: "Senior Java Developer (Spring/Kafka)",
				Location: "Chicago, IL", Remote: true, SalaryMax: 110000},
		},
		{
			name: "remote none and a salary in words",
			why:  "None is not remote; a salary that is not a number gives no salary_max",
			doc:  `{"title":"Data Engineer","remote":"none","salary":"competitive"}`,
			want: scoring.Role{ID: "data-engineer", Title: "Data Engineer"},
		},
		{
			name: "skills",
			why:  "keywords are required skills, names preferred; duplicates dropped, required first; a keyword naming a certification is a requirement",
			doc: `{"title":"Java Developer","skills":[
				{"name":"Java","keywords":["Java 17","Spring Boot","OCPJP"]},
				{"name":"Spring boot","keywords":["Kafka","spring-boot"]},
				{"name":"Messaging"}]}`,
			want: scoring.Role{ID: "java-developer", Title: "Java Developer",
				Required:        []scoring.Requirement{req("", "ocpjp")},
				RequiredSkills:  []string{"Java 17", "Spring Boot", "Kafka"},
				PreferredSkills: []string{"Messaging"}},
		},
		{
			name: "no title",
			why:  "the id falls back to a hash of the job",
			doc:  `{"description":"OCPJP required"}`,
			want: scoring.Role{ID: "job-" + hashID("", []byte(`{"description":"OCPJP required"}`)),
				Required: []scoring.Requirement{req("", "ocpjp")}},
		},
		{
			name: "unread fields",
			why:  "fields RoleFromJob does not read may hold anything",
			doc:  `{"title":"X","company":null,"type":7,"date":"soon","meta":[]}`,
			want: scoring.Role{ID: "x", Title: "X"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := RoleFromJob(strings.NewReader(tt.doc), nil)
			if err != nil {
				t.Fatalf("RoleFromJob: %v (%s)", err, tt.why)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("role mismatch (-want +got) (%s):\n%s", tt.why, diff)
			}
		})
	}
}

func TestRoleFromJobErrors(t *testing.T) {
	tests := []struct {
		name  string
		why   string
		doc   string
		field string
		msg   string
	}{
		{"null title", "the schema wants a string", `{"title":null}`, "title",
			"job job-" + hashID("", []byte(`{"title":null}`)) + ": title: want a string, got null"},
		{"qualifications object", "an array is wanted", `{"title":"T","qualifications":{}}`, "qualifications",
			"job t: qualifications: want an array, got an object"},
		{"qualification number", "items are strings", `{"title":"T","qualifications":["ok",3]}`, "qualifications[1]",
			"job t: qualifications[1]: want a string, got a number"},
		{"remote enum", "remote is Full, Hybrid or None", `{"title":"T","remote":"Sometimes"}`, "remote",
			`job t: remote: "Sometimes" is not one of Full, Hybrid, None`},
		{"location city", "location fields are strings", `{"title":"T","location":{"city":null}}`, "location.city",
			"job t: location.city: want a string, got null"},
		{"keyword null", "skills are checked as in a resume", `{"title":"T","skills":[{"keywords":[null]}]}`, "skills[0].keywords[0]",
			"job t: skills[0].keywords[0]: want a string, got null"},
		{"salary number", "the schema's salary is a string", `{"title":"T","salary":100000}`, "salary",
			"job t: salary: want a string, got a number"},
		{"malformed", "a syntax error", `{"title":"T",}`, "", "job: malformed JSON: invalid character"},
		{"array", "a job is an object", `[]`, "", "job: want a JSON object, got an array"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := RoleFromJob(strings.NewReader(tt.doc), nil)
			var re *RoleError
			if !errors.As(err, &re) {
				t.Fatalf("RoleFromJob error = %v, want a *RoleError (%s)", err, tt.why)
			}
			if re.Field != tt.field || !strings.HasPrefix(err.Error(), tt.msg) {
				t.Errorf("got field %q, message %q; want %q, %q (%s)", re.Field, err, tt.field, tt.msg, tt.why)
			}
		})
	}
}

func TestParseSalary(t *testing.T) {
	tests := []struct {
		in   string
		want float64
	}{
		{"100000", 100000},
		{"$120,000", 120000},
		{"120k", 120000},
		{"90k-110k", 110000},
		{"€80.000 - 95000 EUR", 95000}, // 80.000 reads as 80; the range's top is what counts
		{"75000 to 85000", 85000},
		{"competitive", 0},
		{"100000 per year", 0},
		{"", 0},
	}
	for _, tt := range tests {
		if got := parseSalary(tt.in); got != tt.want {
			t.Errorf("parseSalary(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestSlug(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Web Developer", "web-developer"},
		{"  Senior Java Developer (OCP 11) ", "senior-java-developer-ocp-11"},
		{"C++/Go engineer", "c-go-engineer"},
		{"Développeur Java", "développeur-java"},
		{"!!!", ""},
	}
	for _, tt := range tests {
		if got := slug(tt.in); got != tt.want {
			t.Errorf("slug(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// FuzzRoleFromJob checks that no job text makes RoleFromJob panic and that
// every role it returns is valid.
func FuzzRoleFromJob(f *testing.F) {
	for _, seed := range []string{
		"OCP Java 11 required, Spring Professional a plus",
		"Nice to have: Spark certification (HDPCD:Spark, CCA175 or Databricks); 3-5 years' experience",
		"Oracle Certified Professional, Java SE 17 Developer or 1Z0-809/1Z0-819. Must have: SCWCD 1.4",
		"a plus, , ( ) : ; nice to",
	} {
		f.Add(seed)
	}
	cat := scoring.DefaultCatalog()
	f.Fuzz(func(t *testing.T, text string) {
		doc, _ := json.Marshal(map[string]any{"title": text, "description": text, "qualifications": []string{text},
			"skills": []any{map[string]any{"name": text, "keywords": []string{text}}}, "salary": text})
		r, err := RoleFromJob(strings.NewReader(string(doc)), cat)
		if err != nil {
			var re *RoleError
			if !errors.As(err, &re) {
				t.Errorf("error %v is not a *RoleError", err)
			}
			return
		}
		if err := r.Validate(cat); err != nil {
			t.Errorf("invalid role: %v", err)
		}
	})
}
