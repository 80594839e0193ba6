package jobtext

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParse(t *testing.T) {
	type blk struct {
		Kind  BlockKind
		Level int
		Text  string
	}
	tests := []struct {
		name   string
		in     string
		title  string
		format string
		want   []blk
		why    string
	}{
		{"markdown", "# [Java Dev](https://x.example/apply)\n### **Requirements**\n  * OCPJP\n    * nested\n**Nice to have:**\n- Kafka\n",
			"Java Dev", "Markdown",
			[]blk{{Heading, 1, "Java Dev"}, {Heading, 3, "Requirements"}, {Item, 0, "OCPJP"}, {Item, 0, "nested"}, {Heading, leadLevel, "Nice to have:"}, {Item, 0, "Kafka"}},
			"headings, bold lead lines and list items; a link keeps its text"},
		{"plain lead lines", "Backend Developer\n\nCandidate Certifications to Look For\n\n  • OCAJP. The first.\nThe salary is:\n$100\nA line of prose that ends.\n",
			"Backend Developer", "text",
			[]blk{{Heading, leadLevel, "Backend Developer"}, {Heading, leadLevel, "Candidate Certifications to Look For"}, {Item, 0, "OCAJP. The first."},
				{Heading, leadLevel, "The salary is:"}, {Para, 0, "$100"}, {Para, 0, "A line of prose that ends."}},
			"a short line standing alone or above a list heads it; a line ending in a colon too; prose stays prose"},
		{"html", "<!-- ---\ntitle: \"Java Engineer\"\n--- -->\n<h6>Qualifications</h6><ul><li>Java<ul><li>Spring &amp; Boot</li></ul></li></ul><p>See https://example.com/jobs now.</p>",
			"Java Engineer", "HTML",
			[]blk{{Heading, 6, "Qualifications"}, {Item, 0, "Java"}, {Item, 0, "Spring & Boot"}, {Para, 0, "See now."}},
			"front matter in a comment gives the title; tags become headings and items; entities decoded; URLs dropped"},
		{"front matter", "---\ntitle: 'Senior Dev'\nlayout: post\n---\n**Qualifications**:\n* Java\n", "Senior Dev", "Markdown",
			[]blk{{Heading, leadLevel, "Qualifications:"}, {Item, 0, "Java"}}, "YAML front matter is skipped"},
		{"bold runs", "**We** **Offer**:\n* Trainings\n**Must-Have:** values, and what we live by every day.\n", "", "Markdown",
			[]blk{{Heading, leadLevel, "We Offer:"}, {Item, 0, "Trainings"}, {Para, 0, "Must-Have: values, and what we live by every day."}},
			"bold runs with only spaces between are one heading (a heading that scopes is no title); bold then plain text is prose"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := Parse(tt.in)
			var got []blk
			for _, b := range d.Blocks {
				got = append(got, blk{b.Kind, b.Level, b.Text})
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("blocks (-want +got) (%s):\n%s", tt.why, diff)
			}
			if d.Title != tt.title || d.Format != tt.format {
				t.Errorf("title %q format %q, want %q %q", d.Title, d.Format, tt.title, tt.format)
			}
		})
	}
}

func TestAddListColonItem(t *testing.T) {
	var d Document
	d.AddList("Qualifications", []string{"Java", "Certifications we look for:", "OCPJP"})
	got := scopes(d.Blocks)
	want := []Scope{ScopeRequired, ScopeRequired, ScopePreferred, ScopePreferred}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("scopes (-want +got): an item ending in a colon heads the items after it:\n%s", diff)
	}
}

func TestScopes(t *testing.T) {
	blocks := []Block{
		{Kind: Heading, Level: 3, Text: "Qualifications"},
		{Kind: Heading, Level: leadLevel, Text: "WHAT IT TAKES TO CATCH OUR EYE:"},
		{Kind: Item, Text: "a"},
		{Kind: Heading, Level: leadLevel, Text: "Technical:"},
		{Kind: Item, Text: "b"},
		{Kind: Heading, Level: leadLevel, Text: "BONUS POINTS FOR:"},
		{Kind: Item, Text: "c"},
		{Kind: Heading, Level: 3, Text: "Additional Information"},
		{Kind: Para, Text: "d"},
		{Kind: Heading, Level: 3, Text: "Job Description"},
		{Kind: Para, Text: "e"},
	}
	want := []Scope{ScopeRequired, ScopeRequired, ScopeRequired, ScopeRequired, ScopeRequired, ScopePreferred, ScopePreferred,
		ScopeNarrative, ScopeNarrative, ScopeNone, ScopeNone}
	if diff := cmp.Diff(want, scopes(blocks)); diff != "" {
		t.Errorf("scopes (-want +got): a heading that says nothing keeps the scope above; a sibling or higher heading ends it:\n%s", diff)
	}
}

func TestSplitSentences(t *testing.T) {
	tests := []struct {
		in   string
		want []string
		why  string
	}{
		{"SCWCD 1.4 required. Node.js is a plus.", []string{"SCWCD 1.4 required.", "Node.js is a plus."}, "dots in versions and names stay"},
		{"Tools, e.g. Kafka. Done", []string{"Tools, e.g. Kafka.", "Done"}, "no stop after e.g"},
		{"It is “OCA.” This is next; and this", []string{"It is “OCA.”", "This is next", "and this"}, "closing quotes stay; ';' cuts"},
		{"Work hard. be kind", []string{"Work hard. be kind"}, "a lower-case word after a dot continues"},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, splitSentences(tt.in)); diff != "" {
			t.Errorf("splitSentences(%q) (-want +got) (%s):\n%s", tt.in, tt.why, diff)
		}
	}
}

// strengthOf returns the strength of the words of target in text.
func strengthOf(t *testing.T, text, target string) Strength {
	t.Helper()
	s := newSentences(text)[0]
	tw := lowerWords(target)
	for i := range s.words {
		if i+len(tw) <= len(s.norms) && strings.Join(s.norms[i:i+len(tw)], " ") == strings.Join(tw, " ") {
			return strengthAt(s, i, i+len(tw))
		}
	}
	t.Fatalf("%q not in %q", target, text)
	return Mentioned
}

func TestStrengthAt(t *testing.T) {
	tests := []struct {
		text, target string
		want         Strength
		why          string
	}{
		{"OCPJP is required", "OCPJP", Required, "a trailing marker"},
		{"We require OCPJP", "OCPJP", Required, "a leading marker"},
		{"OCPJP is required and Kafka is a plus", "Kafka", Preferred, "each item takes the marker after it"},
		{"OCPJP is required and Kafka is a plus", "OCPJP", Required, "the first marker after an item decides"},
		{"Required: OCPJP; preferred: Kafka", "OCPJP", Required, "a marker before a colon leads"},
		{"Must haves: Java, Kafka, Preferred- Spark, Docker", "Kafka", Required, "a colon marker leads across commas"},
		{"Must haves: Java, Kafka, Preferred- Spark, Docker", "Docker", Preferred, "until the next colon or dash marker"},
		{"Java, Kafka and Spark are nice to have", "Java", Preferred, "a short clause is an element of the list the next clause ends"},
		{"OCPJP, Java 8, Kafka are required", "OCPJP", Required, "a run of short clauses all join the clause that ends the list"},
		{"Java experience, which we use for every service we run, and Kafka is a plus", "Java", Mentioned, "a long clause is not a list element"},
		{"OCPJP is not required", "OCPJP", Preferred, "\"not required\" is a preference"},
		{"Java (Spring is a plus)", "Java", Mentioned, "a marker in parentheses speaks only of what is in them"},
		{"Java (Spring is a plus)", "Spring", Preferred, "and does speak of that"},
		{"Frameworks are greatly appreciated (Spring, JSF)", "JSF", Preferred, "a marker just before parentheses covers them"},
		{"Bonus: Kafka", "Kafka", Preferred, "an opening word before a colon"},
		{"A cash bonus and equity come with Kafka", "Kafka", Mentioned, "\"bonus\" is a marker only opening a sentence"},
		{"Kafka experience", "Kafka", Mentioned, "no marker"},
	}
	for _, tt := range tests {
		if got := strengthOf(t, tt.text, tt.target); got != tt.want {
			t.Errorf("%q in %q: %v, want %v (%s)", tt.target, tt.text, got, tt.want, tt.why)
		}
	}
}

func TestLanguage(t *testing.T) {
	tests := []struct {
		text, want, why string
	}{
		{"We are looking for a developer with experience in Java and you will work on the services of our team.", "English", "English function words"},
		{"Vous avez au moins 3 ans d'expérience dans le domaine de la Data et sur le cloud pour nos clients.", "French", "French outnumbers English"},
		{"Sie arbeiten mit der Cloud und wir bieten Ihnen eine Stelle in einem Team mit den besten Leuten für die Zukunft.", "German", "German"},
		{"OCPJP, Kafka, Spark", "", "too few words to tell"},
	}
	for _, tt := range tests {
		if got := Language(Parse(tt.text)); got != tt.want {
			t.Errorf("Language(%q) = %q, want %q (%s)", tt.text, got, tt.want, tt.why)
		}
	}
}

func TestYearsAndPay(t *testing.T) {
	years := []struct {
		text string
		want []float64
		why  string
	}{
		{"5+ years of Java", []float64{5}, "N+"},
		{"at least five years with Kafka", []float64{5}, "written numbers"},
		{"minimum of 3 years", []float64{3}, "minimum of"},
		{"3-5 years of experience", []float64{3}, "a range asks its bottom"},
		{"6 years' Java experience", []float64{6}, "N years' X experience"},
		{"3 to 5 years with Spark", []float64{3}, "a range in words"},
		{"more than 4 yrs in Java", []float64{4}, "more than, yrs"},
		{"Founded 20 years ago, 12 offices", nil, "company history is no experience"},
		{"We process two billion euros a year", nil, "no number before year"},
	}
	for _, tt := range years {
		var got []float64
		for _, y := range findYears(newSentences(tt.text)[0]) {
			got = append(got, y.n)
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("findYears(%q) (-want +got) (%s):\n%s", tt.text, tt.why, diff)
		}
	}
	pay := []struct {
		text string
		want float64
		why  string
	}{
		{"Base compensation of $125k-$200k and equity", 200000, "the top of a range, with k"},
		{"A salary of $120,000 - $140,000 a year", 140000, "thousands separators"},
		{"Compensation Package up to Php 50,000", 50000, "a currency code"},
		{"The average national salary is $103,568", 0, "an average is not the job's pay"},
		{"Pay: 120-140/hr", 0, "an hourly rate is not a salary"},
		{"We have 3,000 customers", 0, "a number without pay words"},
	}
	for _, tt := range pay {
		got, _ := findPay(newSentences(tt.text)[0])
		if got != tt.want {
			t.Errorf("findPay(%q) = %v, want %v (%s)", tt.text, got, tt.want, tt.why)
		}
	}
}

func TestFinderSkillsAndNarrative(t *testing.T) {
	f := For(nil)
	if diff := cmp.Diff([]string{"Java", "Kafka"}, f.Skills("Senior Java Developer (Kafka)")); diff != "" {
		t.Errorf("Skills of a title (-want +got):\n%s", diff)
	}
	type got struct {
		Kind      Kind
		IDs       []string
		Narrative string
	}
	var fs []got
	for _, fd := range f.Find(Parse("We pay for your OCPJP. Experience as a Sun Certified Java Developer. "+
		"Our engineers hold CCA175 certifications. Oracle is our database, with MySQL or PostgreSQL. Oracle Cloud is not."), nil) {
		fs = append(fs, got{fd.Kind, fd.IDs, fd.Narrative})
	}
	want := []got{
		{Certification, []string{"ocpjp"}, "a benefit the employer offers"},
		{Certification, []string{"ocmjd"}, "a title held (experience as ...)"},
		{Certification, []string{"cca175"}, "company boilerplate"},
		{Skill, []string{"Oracle"}, ""},
		{Skill, []string{"MySQL", "PostgreSQL"}, ""},
	}
	if diff := cmp.Diff(want, fs); diff != "" {
		t.Errorf("findings (-want +got): narrative is marked; Oracle is a skill only beside a database:\n%s", diff)
	}
}
