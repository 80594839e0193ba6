package match

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

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
			in: jobJSON("Engineer", sl("Strong experience in Spring Boot", "Docker is a plus"), ""),
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
