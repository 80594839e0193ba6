package input

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/certmatch/certmatch/internal/jobtext"
	"github.com/certmatch/certmatch/internal/strictjson"
	"github.com/certmatch/certmatch/scoring"
)

// read is what a recruiter reads from a posting, written compactly:
// requirements as "id|id>=version", skills by scoring.SkillKey, required
// alternatives as "key|key".
type read struct {
	Required, Preferred             []string
	RequiredSkills, PreferredSkills []string
	AnySkills                       []string
	MinYears                        float64
}

func readOf(r scoring.Role) read {
	var out read
	req := func(qs []scoring.Requirement) []string {
		var s []string
		for _, q := range qs {
			t := strings.Join(q.AnyOf, "|")
			if q.MinVersion != "" {
				t += ">=" + q.MinVersion
			}
			s = append(s, t)
		}
		return s
	}
	keys := func(names []string) []string {
		var s []string
		for _, n := range names {
			s = append(s, scoring.SkillKey(n))
		}
		return s
	}
	out.Required, out.Preferred = req(r.Required), req(r.Preferred)
	out.RequiredSkills, out.PreferredSkills = keys(r.RequiredSkills), keys(r.PreferredSkills)
	for _, alts := range r.RequiredAnySkills {
		out.AnySkills = append(out.AnySkills, strings.Join(keys(alts), "|"))
	}
	out.MinYears = r.MinYears
	return out
}

// jobJSON builds a JSON Resume job.
func jobJSON(title string, qualifications []string, description string) string {
	doc := map[string]any{"title": title}
	if description != "" {
		doc["description"] = description
	}
	if qualifications != nil {
		doc["qualifications"] = qualifications
	}
	b, _ := json.Marshal(doc)
	return string(b)
}

func sl(s ...string) []string { return s }

// The postings below were written for these tests; each says what a
// recruiter reads from it and why.
func TestRoleFromJobReadsAsARecruiter(t *testing.T) {
	tests := []struct {
		name string
		why  string
		in   string
		want read
	}{
		// The seed page's shapes.
		{
			name: "certifications to look for",
			why:  "a \"look for\" lead line makes its list preferred; a prerequisite described and a description (Java included) ask for nothing",
			in: "Candidate Certifications to Look For\n\n" +
				"  • OCAJP. The Oracle Certified Associate Java Programmer certification is the first step to becoming a Java developer.\n" +
				"  • OCEWCD. It can be obtained after obtaining the OCAJP and OCPJP certifications.\n",
			want: read{Preferred: sl("ocajp", "ocewcd")},
		},
		{
			name: "abbreviation expanded by the next sentence",
			why:  "HDPCD is named by the Spark developer group its next sentence expands it to, not the Pig/Hive HDPCD",
			in:   "Certifications to look for:\n- HDPCD. Apache Spark Developer Certification is a hands-on, performance-based certification.\n",
			want: read{Preferred: sl("spark-developer")},
		},
		// Requirement wording.
		{name: "required after", why: "\"required\" speaks of what precedes it and keeps the version",
			in: "OCP Java 11 required.", want: read{Required: sl("ocpjp>=11")}},
		{name: "must have", why: "\"must\" speaks of what follows it",
			in: "You must have the OCPJP certification.", want: read{Required: sl("ocpjp")}},
		{name: "mandatory", why: "\"mandatory\" is requirement wording",
			in: "Spring Professional certification is mandatory.", want: read{Required: sl("spring-professional")}},
		{name: "minimum colon", why: "a marker before a colon leads what follows; the official title keeps its comma and version",
			in: "Minimum: Oracle Certified Associate, Java SE 8 Programmer", want: read{Required: sl("ocajp>=8")}},
		{name: "need", why: "\"need\" is requirement wording",
			in: "You need an OCEWCD to apply.", want: read{Required: sl("ocewcd")}},
		{name: "you have", why: "\"you have\" states a requirement",
			in: "You have the OCPJP 8 or a later version.", want: read{Required: sl("ocpjp>=8")}},
		{name: "or equivalent is required", why: "\"X or equivalent is required\" requires X",
			in: "OCPJP or equivalent is required.", want: read{Required: sl("ocpjp")}},
		// Preference wording.
		{name: "a plus", why: "\"a plus\" is preference",
			in: "Spring Professional certification is a plus.", want: read{Preferred: sl("spring-professional")}},
		{name: "nice to have colon", why: "\"Nice to have:\" leads what follows",
			in: "Nice to have: OCEWCD", want: read{Preferred: sl("ocewcd")}},
		{name: "bonus colon", why: "\"Bonus:\" at the start leads what follows; an exam code names its certification",
			in: "Bonus: CCA175", want: read{Preferred: sl("cca175")}},
		{name: "ideally", why: "\"ideally\" is preference",
			in: "Ideally you hold the OCPJP.", want: read{Preferred: sl("ocpjp")}},
		{name: "greatly appreciated", why: "\"greatly appreciated\" is preference; \"Databricks certification\" is the family",
			in: "A Databricks certification will be greatly appreciated.", want: read{Preferred: sl("databricks-certification")}},
		{name: "distinguish", why: "what distinguishes a candidate is preferred",
			in: "An OCPJP distinguishes you from other applicants.", want: read{Preferred: sl("ocpjp")}},
		{name: "set apart", why: "what sets a candidate apart is preferred",
			in: "Spring Professional certification sets you apart.", want: read{Preferred: sl("spring-professional")}},
		{name: "not required", why: "\"not required\" is no requirement",
			in: "OCPJP is not required but welcome.", want: read{Preferred: sl("ocpjp")}},
		// Per clause.
		{name: "two markers two clauses", why: "each certification takes the marker of its own part of the sentence",
			in:   "OCP Java 11 is required and Spring Professional certification is a big plus",
			want: read{Required: sl("ocpjp>=11"), Preferred: sl("spring-professional")}},
		{name: "list ended by a marker", why: "a marker ending a list covers the list before it",
			in:   "OCPJP, OCEWCD and Spring Professional certifications are preferred.",
			want: read{Preferred: sl("ocpjp", "ocewcd", "spring-professional")}},
		{name: "colon markers across commas", why: "\"Must haves:\" leads until \"Preferred-\" does",
			in:   "Must haves: OCPJP, Kafka, Preferred- OCEWCD, Spark",
			want: read{Required: sl("ocpjp"), Preferred: sl("ocewcd"), RequiredSkills: sl("kafka"), PreferredSkills: sl("spark")}},
		{name: "marker before parentheses", why: "a marker just before parentheses speaks of what is in them",
			in:   "## Qualifications\n- Any experience with frameworks will be greatly appreciated (Spring, JSF).\n- Java",
			want: read{RequiredSkills: sl("java"), PreferredSkills: sl("spring", "jsf")}},
		// Place: headings, lead lines, lists, prose.
		{name: "markdown requirements list", why: "unmarked items of a requirements list are required",
			in:   "## Requirements\n- OCPJP\n- 5+ years of Java\n",
			want: read{Required: sl("ocpjp"), RequiredSkills: sl("java"), MinYears: 5}},
		{name: "markdown nice to have list", why: "items under \"Nice to have\" are preferred",
			in: "## Nice to have\n- OCEWCD\n- Kafka\n", want: read{Preferred: sl("ocewcd"), PreferredSkills: sl("kafka")}},
		{name: "bonus points lead line", why: "a lead line ending in a colon scopes the list under it",
			in: "Bonus points for:\n* Spring Professional certification\n", want: read{Preferred: sl("spring-professional")}},
		{name: "prose mention", why: "an unmarked mention in prose is preferred",
			in:   "You will work on our payment services with Kafka; an OCPJP helps.",
			want: read{Preferred: sl("ocpjp"), PreferredSkills: sl("kafka")}},
		{name: "bold heading", why: "a bold line is a heading; a heading that says nothing keeps the scope above it",
			in:   "### Qualifications\n**Technical:**\n- OCPJP 17\n**BONUS POINTS FOR:**\n- CCA175\n",
			want: read{Required: sl("ocpjp>=17"), Preferred: sl("cca175")}},
		{name: "html", why: "HTML headings and list items read as Markdown ones",
			in:   "<h3>Requirements</h3><ul><li>OCP Java 17+</li><li>Spring Boot</li></ul><h3>Nice to have</h3><ul><li>CCA175</li></ul>",
			want: read{Required: sl("ocpjp>=17"), Preferred: sl("cca175"), RequiredSkills: sl("springboot")}},
		{name: "json qualifications colon item", why: "in a JSON Resume job a qualifications item ending in a colon heads the items after it",
			in:   jobJSON("Backend Developer", sl("Java", "Certifications we look for:", "OCPJP", "Spring Professional"), ""),
			want: read{Preferred: sl("ocpjp", "spring-professional"), RequiredSkills: sl("java")}},
		// Narrative.
		{name: "benefit", why: "a certification the employer pays for is a benefit, not a requirement",
			in: "We pay for your certifications, the OCPJP included. Java is required.", want: read{RequiredSkills: sl("java")}},
		{name: "benefits list", why: "nothing under \"We offer\" is asked of a candidate",
			in:   "## We offer\n- Trainings and certifications (Spring Professional)\n## Requirements\n- Java\n",
			want: read{RequiredSkills: sl("java")}},
		{name: "experience as", why: "experience as a certified developer names a title held, not a master-level credential",
			in: "## Requirements\n- Experience as a Sun Certified Java Developer\n- Java 17\n", want: read{RequiredSkills: sl("java")}},
		{name: "company boilerplate", why: "certifications the company holds ask nothing of a candidate",
			in:   "## About us\nOur engineers hold OCPJP and CCA175 certifications.\n## Requirements\n- Java\n",
			want: read{RequiredSkills: sl("java")}},
		// Families.
		{name: "java certification", why: "the generic phrase is the java-certification group, required as a qualifications item",
			in: jobJSON("Developer", sl("Java certification"), ""), want: read{Required: sl("java-certification")}},
		{name: "oracle java certification required", why: "the Oracle wording is the same group",
			in: "Oracle Java certification required.", want: read{Required: sl("java-certification")}},
		{name: "java-related certifications", why: "the plural and \"-related\" are the same group",
			in: "Java-related certifications is a plus.", want: read{Preferred: sl("java-certification")}},
		{name: "oca or ocp", why: "\"OCA or OCP\" is the java-programmer group, not two bare abbreviations",
			in: "## Requirements\n- OCA or OCP certification\n", want: read{Required: sl("java-programmer")}},
		{name: "spring certification", why: "the Spring family",
			in: "Spring certification is a plus.", want: read{Preferred: sl("spring-certification")}},
		{name: "spark certification", why: "the Spark developer group",
			in: "Spark certification preferred.", want: read{Preferred: sl("spark-developer")}},
		{name: "desirable databricks", why: "\"Desirable:\" leads; the Databricks family",
			in: "Desirable: Databricks Certification", want: read{Preferred: sl("databricks-certification")}},
		{name: "cloudera certification", why: "the Cloudera family (Hortonworks included)",
			in: "Cloudera certification preferred.", want: read{Preferred: sl("cloudera-certification")}},
		{name: "group with members", why: "a group named with its members gives the group alone",
			in: "A Spark certification (HDPCD:Spark, CCA175 or Databricks) is desirable.", want: read{Preferred: sl("spark-developer")}},
		// Context decides an abbreviation.
		{name: "hdpcd with spark", why: "HDPCD with Spark in its clause is the Spark developer one",
			in: "HDPCD (Spark) certification preferred.", want: read{Preferred: sl("hdpcd-spark")}},
		{name: "hdpcd without spark", why: "bare HDPCD is the Pig/Hive developer one",
			in: "HDPCD certification preferred.", want: read{Preferred: sl("hdpcd")}},
		{name: "openshift ocp", why: "OCP beside OpenShift is the container platform, not a Java credential; \"required\" covers what precedes it",
			in:   "Experience with OpenShift (OCP) and Kubernetes is required for our Java team.",
			want: read{RequiredSkills: sl("openshift", "kubernetes"), PreferredSkills: sl("java")}},
		{name: "ocp in java context", why: "bare OCP in a Java context is the Java professional",
			in: "Java developers with OCP are preferred.", want: read{Preferred: sl("ocpjp"), PreferredSkills: sl("java")}},
		{name: "ocp without java", why: "bare OCP outside a Java context is not guessed",
			in: "OCP administration experience preferred. Kafka is required.", want: read{RequiredSkills: sl("kafka")}},
		{name: "expansion wins", why: "an expansion in the same sentence (OpenShift) wins over a Java context",
			in:   "OCP (OpenShift Container Platform) experience for our Java platform team is a plus.",
			want: read{PreferredSkills: sl("openshift", "java")}},
		// Versions.
		{name: "java version without certification", why: "\"Java SE 11 or later\" is a skill, not a certification",
			in: "Experience with Java SE 11 or later is required.", want: read{RequiredSkills: sl("java")}},
		{name: "ocp 17 plus", why: "\"OCP 17+\" keeps 17 as min_version",
			in: "OCP 17+ preferred.", want: read{Preferred: sl("ocpjp>=17")}},
		{name: "version in parentheses", why: "\"OCP (Java SE 11 or later)\" is ocpjp 11 or later",
			in: "OCP (Java SE 11 or later) required.", want: read{Required: sl("ocpjp>=11")}},
		{name: "family with a version", why: "a Java family keeps the Java version after it",
			in: "Java certification (Java SE 11 or later) is a plus.", want: read{Preferred: sl("java-certification>=11")}},
		{name: "version of another line", why: "a Java version is no Spring version, and a list item after a comma is no version",
			in:   "Spring Professional certification for Java 17 developers is a plus. OCPJP, Java 8, Kafka are required.",
			want: read{Required: sl("ocpjp"), Preferred: sl("spring-professional"), RequiredSkills: sl("java", "kafka")}},
		{name: "official title or later", why: "the official title with \"or later\" keeps its version",
			in: "Oracle Certified Professional, Java SE 11 Developer or later required.", want: read{Required: sl("ocpjp>=11")}},
		{name: "alternatives", why: "\"or\" and '/' join certifications into one any_of; exam codes of one certification keep the lower version",
			in:   "## Requirements\n- OCPJP or OCEWCD\n- 1Z0-809/1Z0-819\n",
			want: read{Required: sl("ocpjp|ocewcd", "ocpjp>=8")}},
		// Years.
		{name: "years in words", why: "\"at least five years\" in a requirement is min_years 5",
			in: "At least five years of Java experience are required.", want: read{RequiredSkills: sl("java"), MinYears: 5}},
		{name: "minimum of years", why: "\"minimum of 3 years\" is requirement wording",
			in: "Minimum of 3 years with Spring Boot.", want: read{RequiredSkills: sl("springboot"), MinYears: 3}},
		{name: "years range", why: "\"3-5 years\" asks for 3",
			in: "## Requirements\n- 3-5 years of experience with Kafka\n", want: read{RequiredSkills: sl("kafka"), MinYears: 3}},
		{name: "preferred years", why: "years in a preferred clause are no minimum",
			in: "10+ years with Kafka preferred.", want: read{PreferredSkills: sl("kafka")}},
		// Skills.
		{name: "any of databases", why: "\"MySQL, Oracle, or SQL Server\" is one requirement met by any of them",
			in:   "## Requirements\n- Experience with relational databases such as MySQL, Oracle, or SQL Server\n",
			want: read{AnySkills: sl("mysql|oracle|sqlserver")}},
		{name: "skills section", why: "keywords are preferred; the title's skill is required",
			in:   `{"title":"Java Developer","skills":[{"name":"Java","keywords":["Concurrency","Memory"]}]}`,
			want: read{RequiredSkills: sl("java"), PreferredSkills: sl("concurrency", "memory")}},
		{name: "skills section named by a requirement", why: "a keyword a requirement names is required; the others stay preferred",
			in:   `{"title":"Engineer","qualifications":["Must have Concurrency experience"],"skills":[{"name":"Low latency","keywords":["Concurrency","Buffers"]}]}`,
			want: read{RequiredSkills: sl("concurrency"), PreferredSkills: sl("lowlatency", "buffers")}},
		{name: "strong experience in a qualifications list", why: "an unmarked qualifications item is a requirement",
			in:   jobJSON("Engineer", sl("Strong experience in Spring Boot", "Docker is a plus"), ""),
			want: read{RequiredSkills: sl("springboot"), PreferredSkills: sl("docker")}},
	}
	seen := map[string]bool{}
	for _, tt := range tests {
		if seen[tt.name] {
			t.Fatalf("duplicate test name %q", tt.name)
		}
		seen[tt.name] = true
		t.Run(tt.name, func(t *testing.T) {
			r, err := RoleFromJob(strings.NewReader(tt.in), nil)
			if err != nil {
				t.Fatalf("RoleFromJob: %v (%s)", err, tt.why)
			}
			if diff := cmp.Diff(tt.want, readOf(r)); diff != "" {
				t.Errorf("mismatch (-want +got) (%s):\n%s", tt.why, diff)
			}
		})
	}
	if len(tests) < 40 {
		t.Errorf("%d postings; the table is meant to hold at least 40", len(tests))
	}
}

func TestRoleFromJobSample(t *testing.T) {
	got, err := RoleFromJob(openTestdata(t, "../../testdata/jsonresume/sample.job.json"), nil)
	if err != nil {
		t.Fatal(err)
	}
	want := scoring.Role{
		ID:    "web-developer",
		Title: "Web Developer",
		// "Strong understanding of JavaScript, HTML, and CSS" is an
		// unmarked qualifications item: required. The skills section
		// lists what the job mentions: preferred. No certification:
		// "Database Management" and "SQL" are no credential without a
		// cue.
		// "3+ years of experience in web development" names a skill of
		// the skills section (kept as the section spells it).
		RequiredSkills:  []string{"Web Development", "JavaScript", "HTML", "CSS"},
		PreferredSkills: []string{"React", "Node.js", "Database Management", "SQL", "NoSQL", "MongoDB"},
		MinYears:        3,            // "3+ years of experience in web development"
		Location:        "Berlin, DE", // the region repeats the city
		Remote:          false,        // "Hybrid"
		SalaryMax:       100000,
		Source:          "JSON Resume job",
		SkillSources: map[string]string{
			"JavaScript": "Strong understanding of JavaScript, HTML, and CSS", "HTML": "Strong understanding of JavaScript, HTML, and CSS",
			"CSS": "Strong understanding of JavaScript, HTML, and CSS", "Web Development": "3+ years of experience in web development",
			"React": "skills: React", "Node.js": "skills: Node.js", "Database Management": "skills: Database Management",
			"SQL": "skills: SQL", "NoSQL": "skills: NoSQL", "MongoDB": "skills: MongoDB",
		},
		MinYearsSource: "3+ years of experience in web development",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("role mismatch (-want +got):\n%s", diff)
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
			doc: `{"title":"Senior Java Developer (Spring/Kafka)","remote":"Full","salary":"$90k - $110k","description":"Kafka at scale.",
				"location":{"city":"Chicago","region":"IL","countryCode":"US"}}`,
			want: scoring.Role{ID: "senior-java-developer-spring-kafka", Title: "Senior Java Developer (Spring/Kafka)",
				RequiredSkills: []string{"Java", "Spring", "Kafka"}, Location: "Chicago, IL", Remote: true, SalaryMax: 110000,
				Source: "JSON Resume job", SkillSources: map[string]string{"Java": "title: Senior Java Developer (Spring/Kafka)",
					"Spring": "title: Senior Java Developer (Spring/Kafka)", "Kafka": "title: Senior Java Developer (Spring/Kafka)"}},
		},
		{
			name: "remote none and a salary in words",
			why:  "None is not remote; a salary that is not a number gives no salary_max, nor does the description's prose",
			doc:  `{"title":"Data Engineer","remote":"none","salary":"competitive","description":"Spark is a plus."}`,
			want: scoring.Role{ID: "data-engineer", Title: "Data Engineer", PreferredSkills: []string{"Spark"},
				Source: "JSON Resume job", SkillSources: map[string]string{"Spark": "Spark is a plus."}},
		},
		{
			name: "pay from the description",
			why:  "without a salary field, the largest figure of a sentence about pay",
			doc:  `{"title":"Kafka Engineer","description":"Base compensation of $125k-$200k plus equity."}`,
			want: scoring.Role{ID: "kafka-engineer", Title: "Kafka Engineer", RequiredSkills: []string{"Kafka"}, SalaryMax: 200000,
				Source: "JSON Resume job", SkillSources: map[string]string{"Kafka": "title: Kafka Engineer"}},
		},
		{
			name: "certification keyword",
			why:  "a skills keyword naming a certification is a (preferred) requirement, not a skill",
			doc:  `{"title":"Engineer","skills":[{"name":"Messaging","keywords":["OCPJP"]}]}`,
			want: scoring.Role{ID: "engineer", Title: "Engineer", Preferred: []scoring.Requirement{{AnyOf: []string{"ocpjp"}, Source: "skills: OCPJP"}},
				PreferredSkills: []string{"Messaging"}, Source: "JSON Resume job", SkillSources: map[string]string{"Messaging": "skills: Messaging"}},
		},
		{
			name: "no title",
			why:  "the id falls back to a hash of the job",
			doc:  `{"description":"OCPJP required"}`,
			want: scoring.Role{ID: "job-" + strictjson.HashID("", []byte(`{"description":"OCPJP required"}`)),
				Required: []scoring.Requirement{{AnyOf: []string{"ocpjp"}, Source: "OCPJP required"}}, Source: "JSON Resume job"},
		},
		{
			name: "unread fields",
			why:  "fields RoleFromJob does not read may hold anything",
			doc:  `{"title":"X","company":null,"type":7,"date":"soon","meta":[],"qualifications":["Java"]}`,
			want: scoring.Role{ID: "x", Title: "X", RequiredSkills: []string{"Java"}, Source: "JSON Resume job",
				SkillSources: map[string]string{"Java": "Java"}},
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
	french := "Vous avez au moins 3 ans d'expérience dans le domaine de la Data et sur le cloud Azure. " +
		"Vous êtes capable de qualifier un besoin client et vous parlez couramment français et anglais. Certification Databricks."
	tests := []struct {
		name    string
		why     string
		doc     string
		field   string
		msg     string
		nothing bool // wraps ErrNothingFound
	}{
		{"null title", "the schema wants a string", `{"title":null}`, "title",
			"job job-" + strictjson.HashID("", []byte(`{"title":null}`)) + ": title: want a string, got null", false},
		{"qualifications object", "an array is wanted", `{"title":"T","qualifications":{}}`, "qualifications",
			"job t: qualifications: want an array, got an object", false},
		{"qualification number", "items are strings", `{"title":"T","qualifications":["ok",3]}`, "qualifications[1]",
			"job t: qualifications[1]: want a string, got a number", false},
		{"remote enum", "remote is Full, Hybrid or None", `{"title":"T","remote":"Sometimes"}`, "remote",
			`job t: remote: "Sometimes" is not one of Full, Hybrid, None`, false},
		{"location city", "location fields are strings", `{"title":"T","location":{"city":null}}`, "location.city",
			"job t: location.city: want a string, got null", false},
		{"keyword null", "skills are checked as in a resume", `{"title":"T","skills":[{"keywords":[null]}]}`, "skills[0].keywords[0]",
			"job t: skills[0].keywords[0]: want a string, got null", false},
		{"salary number", "the schema's salary is a string", `{"title":"T","salary":100000}`, "salary",
			"job t: salary: want a string, got a number", false},
		{"malformed", "a syntax error", `{"title":"T",}`, "", "job: malformed JSON: invalid character", false},
		{"array", "a job is an object", `[]`, "", "job: want a JSON object, got an array", false},
		{"empty", "no input at all", "  \n", "", "job: nothing found: empty input", true},
		{"no text", "a job whose text fields are all missing", `{"title":"Java Developer","salary":"100k"}`, "description",
			"job java-developer: description: nothing found: no text to read", true},
		{"resume", "a JSON Resume resume is not a job; the message names keys, never values",
			`{"basics":{"name":"Ada Lovelace","email":"ada@example.com"},"work":[]}`, "",
			"job: nothing found: not a JSON Resume job: none of title, description, qualifications, responsibilities, skills (it looks like a JSON Resume resume)", true},
		{"native role", "a native role file is read as a role, not a job",
			`{"id":"x","required":[{"any_of":["ocpjp"]}]}`, "", "job: nothing found: not a JSON Resume job", true},
		{"another language", "a posting in French gives nothing rather than a guess", french, "",
			"job job-" + strictjson.HashID("", []byte(french)) + ": nothing found: the text reads as French; postings are read in English", true},
		{"another language json", "the field named is the description", jobJSON("Ingénieur", nil, french), "description",
			"job ingénieur: description: nothing found: the text reads as French", true},
		{"nothing in english", "an English posting with no certification, skill or years", "We are a friendly team in a sunny office.", "",
			"job ", true},
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
			if errors.Is(err, ErrNothingFound) != tt.nothing {
				t.Errorf("errors.Is(%v, ErrNothingFound) = %v, want %v (%s)", err, !tt.nothing, tt.nothing, tt.why)
			}
			for _, personal := range []string{"Ada", "ada@example.com"} {
				if strings.Contains(err.Error(), personal) {
					t.Errorf("message %q quotes a personal field", err)
				}
			}
		})
	}
}

// A 1 MB posting is read in bounded time, and input past MaxJobBytes is
// refused.
func TestRoleFromJobLargeInput(t *testing.T) {
	para := "## Requirements\n- OCP Java 11 required, Spring Professional a plus, 5+ years of Kafka\n" +
		"We build payment services, with a long sentence that goes on and on about nothing in particular, "
	big := strings.Repeat(para, (1<<20)/len(para)+1)
	r, err := RoleFromJob(strings.NewReader(big), nil)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(read{Required: sl("ocpjp>=11"), Preferred: sl("spring-professional"), RequiredSkills: sl("kafka"), MinYears: 5}, readOf(r)); diff != "" {
		t.Errorf("1 MB posting (-want +got):\n%s", diff)
	}
	_, err = RoleFromJob(strings.NewReader(strings.Repeat("x", MaxJobBytes+1)), nil)
	if err == nil || !strings.Contains(err.Error(), "larger than") {
		t.Errorf("oversized input: err = %v, want a size error", err)
	}
	// One sentence of thousands of words without punctuation still reads
	// (its time is linear in its length: BenchmarkRoleFromJob).
	words := strings.Repeat("OCPJP Java certification word ", (64<<10)/30)
	if _, err := RoleFromJob(strings.NewReader(words), nil); err != nil {
		t.Fatal(err)
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

// FuzzRoleFromJob checks that no posting, as JSON or as text, makes
// RoleFromJob panic, that every error is a *RoleError and that every
// role it returns is valid.
func FuzzRoleFromJob(f *testing.F) {
	for _, seed := range []string{
		"OCP Java 11 required, Spring Professional a plus",
		"Nice to have: Spark certification (HDPCD:Spark, CCA175 or Databricks); 3-5 years' experience",
		"Oracle Certified Professional, Java SE 17 Developer or 1Z0-809/1Z0-819. Must have: SCWCD 1.4",
		"## Requirements\n- OCA or OCP\n- MySQL, Oracle, or SQL Server\n<ul><li>HDPCD. Apache Spark</li></ul>",
		"a plus, , ( ) : ; nice to ---\ntitle: x\n---",
	} {
		f.Add(seed)
	}
	cat := scoring.DefaultCatalog()
	f.Fuzz(func(t *testing.T, text string) {
		doc, _ := json.Marshal(map[string]any{"title": text, "description": text, "qualifications": []string{text},
			"skills": []any{map[string]any{"name": text, "keywords": []string{text}}}, "salary": text})
		for _, in := range []string{string(doc), text} {
			r, err := RoleFromJob(strings.NewReader(in), cat)
			if err != nil {
				var re *RoleError
				if !errors.As(err, &re) {
					t.Errorf("error %v is not a *RoleError", err)
				}
				continue
			}
			if err := r.Validate(cat); err != nil {
				t.Errorf("invalid role: %v", err)
			}
		}
	})
}

// BenchmarkRoleFromJob reads a typical posting (testdata/jobs, 2.6 KB)
// at 1, 10 and 100 times its length, each copy numbered so that the text
// is not one paragraph repeated; ns/op should grow linearly. x1-cold reads
// it with a catalog whose Normalize has seen none of it, as a posting read
// once is.
func BenchmarkRoleFromJob(b *testing.B) {
	data, err := os.ReadFile("../../testdata/jobs/senior-java-backend.md")
	if err != nil {
		b.Fatal(err)
	}
	cat := scoring.DefaultCatalog()
	posting := func(n int) string {
		var sb strings.Builder
		for i := range n {
			sb.WriteString(strings.ReplaceAll(string(data), "300 people", strconv.Itoa(300+i)+" people"))
		}
		return sb.String()
	}
	for _, n := range []int{1, 10, 100} {
		text := posting(n)
		b.Run(fmt.Sprintf("x%d", n), func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				if _, err := RoleFromJob(strings.NewReader(text), cat); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	text := posting(1)
	b.Run("x1-cold", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(text)))
		for b.Loop() {
			b.StopTimer()
			fresh, err := cat.Extend(strings.NewReader(`{"certs": []}`))
			if err != nil {
				b.Fatal(err)
			}
			jobtext.For(fresh)
			b.StartTimer()
			if _, err := RoleFromJob(strings.NewReader(text), fresh); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// TestJobShapeMatchesSchema keeps the hand-written job shape in step with
// testdata/jsonresume/job-schema.json: every field it describes exists
// there with the same JSON type, format and enum values.
func TestJobShapeMatchesSchema(t *testing.T) {
	schema, err := os.ReadFile("../../testdata/jsonresume/job-schema.json")
	if err != nil {
		t.Fatal(err)
	}
	drift, err := jobShape.SchemaDrift(schema)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string(nil), drift); diff != "" {
		t.Errorf("jobShape has drifted from job-schema.json (-want +got):\n%s", diff)
	}
}

func TestLoadRoleOrJobFile(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := dir + "/" + name
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	tests := []struct {
		name, body string
		wantID     string
		wantSource string
		why        string
	}{
		{"role.json", `{"id":"senior-java","required":[{"any_of":["ocpjp"]}]}`, "senior-java", "", "a field only roles have"},
		{"bare.json", `{"id":"bare","title":"Bare role"}`, "bare", "", "a string id and no job field"},
		{"job.json", `{"id":266603,"title":"Java Developer","description":"Kafka is a plus."}`, "java-developer",
			"job.json (JSON Resume job)", "a job's numeric id and description make it a job"},
		{"job.md", "## Requirements\n- OCPJP\n", "job-" + strictjson.HashID("", []byte("## Requirements\n- OCPJP")), "job.md (job posting as Markdown)",
			"text is a posting"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := LoadRoleOrJobFile(write(tt.name, tt.body), nil)
			if err != nil {
				t.Fatalf("%v (%s)", err, tt.why)
			}
			if r.ID != tt.wantID || !strings.HasSuffix(r.Source, tt.wantSource) {
				t.Errorf("id %q source %q, want %q and a source ending %q (%s)", r.ID, r.Source, tt.wantID, tt.wantSource, tt.why)
			}
		})
	}
	_, err := LoadRoleOrJobFile(write("resume.json", `{"basics":{"name":"Ada"}}`), nil)
	if err == nil || !strings.Contains(err.Error(), "resume.json: job: nothing found: not a JSON Resume job") || strings.Contains(err.Error(), "Ada") {
		t.Errorf("a resume as --role: %v; want an error naming the file, not quoting the resume", err)
	}
}

// A user's catalog can add a family of its own: a group with aliases is
// found in postings like the built-in ones.
func TestRoleFromJobUserGroup(t *testing.T) {
	cat, err := scoring.DefaultCatalog().Extend(strings.NewReader(`{"groups": [{"id": "oracle-data", "name": "an Oracle data certification",
		"members": ["oracle-database", "mysql"], "aliases": ["Oracle data certification"]}]}`))
	if err != nil {
		t.Fatal(err)
	}
	r, err := RoleFromJob(strings.NewReader("## Requirements\n- An Oracle data certification\n- Oracle Database SQL certification\n"), cat)
	if err != nil {
		t.Fatal(err)
	}
	// The named certification beats the family, and its issuer is part of
	// its name, not the database skill.
	if diff := cmp.Diff(read{Required: sl("oracle-data", "oracle-database")}, readOf(r)); diff != "" {
		t.Errorf("a user's group (-want +got):\n%s", diff)
	}
}
