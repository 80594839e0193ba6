package scoring_test

import (
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/certmatch/certmatch/scoring"
)

// Spring Professional versions compare on the Spring Framework axis: a title
// year is the version its exam covered, and a role may write either form.
func TestSpringAxis(t *testing.T) {
	s := newScorer(t)
	const partial = scoring.PartialCredit
	type outcome struct {
		Met    bool
		Credit float64
	}
	tests := []struct {
		name   string
		min    string
		held   scoring.Credential
		want   outcome
		detail string // a part of the evidence's detail
		reason string
	}{
		{"2021-fails-6", "6", named("VMware Spring Professional 2021", "2021-09"), outcome{false, partial},
			`(Spring Professional 2021 (Spring 5.3)) is of the line but version 2021 (Spring 5.3) is below 6`,
			"the 2021 exam covered Spring 5.3, and 5.3 < 6; as one number 2021 >= 6 would wrongly pass"},
		{"2v0-72.22-meets-2022", "2022", named("2V0-72.22", "2023-02"), outcome{true, 1},
			`(Spring Professional 5.3) meets it`,
			"the role's 2022 is the version the 2022 exam covered, 5.3, and 2V0-72.22 covers 5.3"},
		{"2021-meets-2022-same-version", "2022", named("VMware Spring Professional 2021", "2021-09"), outcome{true, 1},
			`(Spring Professional 2021 (Spring 5.3))`,
			"both title years cover Spring 5.3: on the axis they are the same version"},
		{"2024-meets-5", "5", named("Spring Certified Professional 2024", "2024-05"), outcome{true, 1},
			`2024 (Spring 5.3)`, "a title year compared with a Spring version"},
		{"pivotal-4-fails-2022", "2022", named("Pivotal Certified Spring Professional (4.x)", "2016"), outcome{false, partial},
			`version 4 is below 2022 (Spring 5.3)`, "Spring 4 is below the 5.3 the 2022 exam covered; the role's year is shown with its version"},
		{"by-id-year", "6", cred("spring-professional", "2023", "2023-07", ""), outcome{false, partial},
			`2023 (Spring 5.3)`, "a credential given by id with a title year is read on the axis too"},
		{"unknown-year-is-unknown-version", "5", cred("spring-professional", "2031", "2031-01", ""), outcome{false, partial},
			`version 2031 (Spring version unknown) is not one the catalog places`,
			"a title year the catalog does not map is not read as Spring 2031"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			role := scoring.Role{ID: "r", Required: []scoring.Requirement{{AnyOf: []string{"spring-professional"}, MinVersion: tc.min}}}
			res := s.Score(scoring.Candidate{ID: "c", Certifications: []scoring.Credential{tc.held}}, role)
			if len(res.Components) == 0 || len(res.Components[0].Evidence) != 1 {
				t.Fatalf("no certification evidence: %+v", res)
			}
			ev := res.Components[0].Evidence[0]
			if diff := cmp.Diff(tc.want, outcome{ev.Met, ev.Credit}); diff != "" {
				t.Errorf("%s (-want +got):\n%s\ndetail: %s", tc.reason, diff, ev.Detail)
			}
			if !strings.Contains(ev.Detail, tc.detail) {
				t.Errorf("detail %q does not say %q (%s)", ev.Detail, tc.detail, tc.reason)
			}
		})
	}
}

func TestAxisVersion(t *testing.T) {
	cat := scoring.DefaultCatalog()
	tests := []struct {
		id, in string
		want   string
		ok     bool
		reason string
	}{
		{"spring-professional", "2021", "5.3", true, "title year mapped to the Spring version its exam covered"},
		{"spring-professional", "2022", "5.3", true, "2V0-72.22's year"},
		{"spring-professional", "5.0", "5", true, "a Spring version is on the axis already"},
		{"spring-professional", "6", "6", true, "a version the catalog lists no exam for is still a version"},
		{"spring-professional", "2030", "", false, "a year the axis does not map is unknown, not Spring 2030"},
		{"ocpjp", "1.5", "5", true, "Java numbering"},
		{"databricks-spark-associate", "3.0", "3", true, "numbers compare numerically"},
		{"hdpcd", "2", "", true, "a line without versions has none"},
		{"nope", "1", "", false, "unknown id"},
	}
	for _, tc := range tests {
		got, ok := cat.AxisVersion(tc.id, tc.in)
		if got != tc.want || ok != tc.ok {
			t.Errorf("AxisVersion(%q, %q) = %q %v, want %q %v (%s)", tc.id, tc.in, got, ok, tc.want, tc.ok, tc.reason)
		}
	}
	show := []struct{ id, in, want string }{
		{"spring-professional", "2021", "2021 (Spring 5.3)"},
		{"spring-professional", "5.3", "5.3"},
		{"databricks-spark-associate", "3.0", "3.0"},
		{"ocpjp", "1.6", "1.6 (Java 6)"},
		{"ocpjp", "11", "11"},
		{"hdpcd", "1", ""},
	}
	for _, tc := range show {
		if got := cat.ShowVersion(tc.id, tc.in); got != tc.want {
			t.Errorf("ShowVersion(%q, %q) = %q, want %q", tc.id, tc.in, got, tc.want)
		}
	}
}

func TestRoleMinVersionOnAxis(t *testing.T) {
	cat := scoring.DefaultCatalog()
	ok := scoring.Role{ID: "r", Required: []scoring.Requirement{{AnyOf: []string{"spring-professional"}, MinVersion: "2022"}}}
	if err := ok.Validate(cat); err != nil {
		t.Errorf("min_version 2022 on Spring Professional: %v", err)
	}
	bad := scoring.Role{ID: "r", Preferred: []scoring.Requirement{{AnyOf: []string{"ocpjp"}}, {AnyOf: []string{"spring-professional"}, MinVersion: "2031"}}}
	err := bad.Validate(cat)
	var fe *scoring.FieldError
	if !errors.As(err, &fe) || fe.Field != "preferred[1].min_version" || !strings.Contains(err.Error(), "2021, 2022") {
		t.Errorf("Validate(min_version 2031) = %v, want a FieldError on preferred[1].min_version listing the known years", err)
	}
}

func TestNormalizeWrittenVersions(t *testing.T) {
	cat := scoring.DefaultCatalog()
	tests := []struct {
		text, id, version, axis string
		reason                  string
	}{
		{"Databricks Certified Associate Developer for Apache Spark 3.0", "databricks-spark-associate", "3.0", "3", "3.0 is reported as written and compared as 3"},
		{"Associate Developer for Apache Spark 3.0 - Python", "databricks-spark-associate", "3.0", "3", "the title without its issuer"},
		{"VMware Spring Professional 2021", "spring-professional", "2021", "5.3", "a title year is kept; its axis version is 5.3"},
		{"Spring Certified Professional 2023 (2V0-72.22)", "spring-professional", "2023", "5.3", "the title year is kept beside the exam that covers the same version"},
		{"2V0-72.22", "spring-professional", "5.3", "5.3", "an exam alone gives the version it covers"},
		{"SCJP 1.5", "ocpjp", "5", "5", "Java versions are reported in Java numbering (policy 5)"},
		{"Pivotal Certified Spring Professional (2017)", "spring-professional", "", "", "a year the axis does not map is the award date, not a version"},
	}
	for _, tc := range tests {
		r, ok := cat.Normalize(tc.text)
		type got struct{ ID, Version, Axis string }
		if diff := cmp.Diff(got{tc.id, tc.version, tc.axis}, got{r.ID, r.Version, r.Axis}); !ok || diff != "" {
			t.Errorf("Normalize(%q) ok=%v (%s) (-want +got):\n%s", tc.text, ok, tc.reason, diff)
		}
	}
}

// Part exams: one half of a two-exam path is reported as such, and grants
// only what its issuer grants for it alone.
func TestNormalizePartExams(t *testing.T) {
	cat := scoring.DefaultCatalog()
	type res struct {
		OK      bool
		ID      string
		Version string
		PartOf  string
	}
	tests := []struct {
		text   string
		want   res
		reason string
	}{
		{"1Z0-816", res{false, "", "", "ocpjp@11"}, "half of OCP 11: said so, not granted"},
		{"Java SE 11 Programmer II", res{false, "", "", "ocpjp@11"}, "the same exam by its title"},
		{"1Z0-815", res{true, "ocajp", "11", "ocpjp@11"}, "Oracle Japan grants Silver SE 11 (the associate level) for 1Z0-815 alone"},
		{"Java SE 11 Programmer I (1Z0-815)", res{true, "ocajp", "11", "ocpjp@11"}, "code and title agree"},
		{"1Z0-815 and 1Z0-816", res{true, "ocpjp", "11", "ocpjp@11"}, "both halves are the credential"},
		{"Java SE 11 Programmer I and II", res{true, "ocpjp", "11", "ocpjp@11"}, "both halves by title"},
		{"OCP Java SE 11 Programmer II", res{true, "ocpjp", "11", "ocpjp@11"}, "names the credential and its last exam"},
	}
	for _, tc := range tests {
		r, ok := cat.Normalize(tc.text)
		if diff := cmp.Diff(tc.want, res{ok, r.ID, r.Version, r.PartOf}); diff != "" {
			t.Errorf("Normalize(%q) (%s) (-want +got):\n%s\nreason: %s", tc.text, tc.reason, diff, r.Reason)
		}
	}
	// Half a path, a hedged title and an exam named without the
	// credential its prerequisite leads to cost confidence.
	full, _ := cat.Normalize("1Z0-808")
	for _, text := range []string{"1Z0-815", "Java SE 8 Programmer", "OCP Java SE 11 Programmer II", "1Z0-809"} {
		r, ok := cat.Normalize(text)
		if !ok || r.Confidence >= full.Confidence || r.Reason == "" {
			t.Errorf("Normalize(%q) = %.2f ok=%v reason %q, want a confidence below %.2f with a reason", text, r.Confidence, ok, r.Reason, full.Confidence)
		}
	}
	if r, _ := cat.Normalize("OCP Java SE 8 (1Z0-809)"); r.Confidence != full.Confidence {
		t.Errorf("Normalize(OCP Java SE 8 (1Z0-809)) = %.2f, want %.2f: the text names the credential beside its exam", r.Confidence, full.Confidence)
	}
}

// The skill synonyms are catalog data: SkillKey folds through them, and
// Extend adds more.
func TestSkillSynonyms(t *testing.T) {
	cat := scoring.DefaultCatalog()
	for in, want := range map[string]string{"Apache Spark": "spark", "PySpark": "spark", "k8s": "kubernetes", "Spring Boot": "springboot", "C#": "c#"} {
		if got := cat.SkillKey(in); got != want {
			t.Errorf("SkillKey(%q) = %q, want %q", in, got, want)
		}
		if got := scoring.SkillKey(in); got != want {
			t.Errorf("package SkillKey(%q) = %q, want %q", in, got, want)
		}
	}
	ext, err := cat.Extend(strings.NewReader(`{"skills": [{"key": "kubernetes", "spellings": ["Kube"]}, {"key": "quarkus", "spellings": ["Quarkus.io"]}]}`))
	if err != nil {
		t.Fatalf("Extend(skills): %v", err)
	}
	for in, want := range map[string]string{"kube": "kubernetes", "k8s": "kubernetes", "quarkus.io": "quarkus"} {
		if got := ext.SkillKey(in); got != want {
			t.Errorf("extended SkillKey(%q) = %q, want %q", in, got, want)
		}
	}
	if got := cat.SkillKey("kube"); got != "kube" {
		t.Errorf("Extend changed the default catalog: SkillKey(kube) = %q", got)
	}
	// A scorer of the extended catalog matches the new spelling.
	s, err := scoring.NewScorer(scoring.Options{Catalog: ext})
	if err != nil {
		t.Fatal(err)
	}
	res := s.Score(scoring.Candidate{ID: "c", Skills: []string{"Kube"}}, scoring.Role{ID: "r", RequiredSkills: []string{"Kubernetes"}})
	if !res.Eligible {
		t.Errorf("candidate with Kube against a role requiring Kubernetes: not eligible: %+v", res.Missing)
	}
}

// Extend adds certifications, groups, issuers, skill synonyms and the
// normaliser's classes.
func TestExtendData(t *testing.T) {
	base := scoring.DefaultCatalog()
	ext, err := base.Extend(strings.NewReader(`{
		"certs": [{"id": "cka", "name": "Certified Kubernetes Administrator", "issuer": "Linux Foundation", "level": "professional",
			"aliases": ["CKA"]}],
		"groups": [{"id": "java-any", "name": "any Java credential", "members": ["ocajp", "ocpjp"], "aliases": ["Java programmer certification"]}],
		"issuers": [{"name": "Linux Foundation", "aliases": ["The Linux Foundation", "CNCF"]}],
		"not_credentials": [{"reason": "a bootcamp badge", "words": ["kodekloud"]}],
		"words": {"variants": [{"from": "kubernets", "to": ["kubernetes"]}]}
	}`))
	if err != nil {
		t.Fatalf("Extend: %v", err)
	}
	if r, ok := ext.Normalize("CKA - CNCF"); !ok || r.ID != "cka" || r.Confidence != 0.95 {
		t.Errorf("Normalize(CKA - CNCF) = %s %.2f ok=%v (%s), want cka at full alias confidence: CNCF is an issuer word", r.ID, r.Confidence, ok, r.Reason)
	}
	if r, ok := ext.Normalize("KodeKloud CKA"); ok {
		t.Errorf("Normalize(KodeKloud CKA) = %s, want rejected by the added class", r.ID)
	}
	if got := ext.Expand("java-any"); !cmp.Equal(got, []string{"ocajp", "ocpjp"}) {
		t.Errorf("Expand(java-any) = %v", got)
	}
	if g, ok := ext.Group("java-any"); !ok || !cmp.Equal(g.Aliases, []string{"Java programmer certification"}) {
		t.Errorf("Group(java-any) = %+v, %v; want its alias", g, ok)
	}
	// A group alias another group has ("Spark certification" is
	// spark-developer's) is named by entry and field.
	_, err = base.Extend(strings.NewReader(`{"groups": [{"id": "sparky", "name": "s", "members": ["cca175"], "aliases": ["Spark certification"]}]}`))
	var ce *scoring.CatalogError
	if !errors.As(err, &ce) || ce.Entry != "sparky" || ce.Field != "aliases[0]" {
		t.Errorf("Extend with a group alias spark-developer has = %v, want a CatalogError on sparky aliases[0]", err)
	}
	if ext.Fingerprint() == base.Fingerprint() {
		t.Error("extended catalog has the base catalog's fingerprint")
	}
}

func TestCatalogDataErrors(t *testing.T) {
	const cert = `{"id": "alpha", "name": "Alpha", "level": "associate", "versioning": "plain"`
	tests := []struct {
		name, json, entry, field, reason string
	}{
		{"axis-no-label", `{"certs": [` + cert + `, "axis": {"map": [{"written": "2021", "version": "5"}]}}]}`,
			"alpha", "axis.label", "explanations name the axis"},
		{"axis-bad-written", `{"certs": [` + cert + `, "axis": {"label": "A", "map": [{"written": "x", "version": "5"}]}}]}`,
			"alpha", "axis.map[0].written", "a written form is a version"},
		{"axis-twice", `{"certs": [` + cert + `, "axis": {"label": "A", "map": [{"written": "2021", "version": "5"}, {"written": "2021.0", "version": "6"}]}}]}`,
			"alpha", "axis.map[1].written", "one written form maps to one version"},
		{"axis-chain", `{"certs": [` + cert + `, "axis": {"label": "A", "map": [{"written": "2021", "version": "5"}, {"written": "2022", "version": "2021"}]}}]}`,
			"alpha", "axis.map[1].version", "mapping is one step"},
		{"axis-on-unversioned", `{"certs": [{"id": "alpha", "name": "A", "level": "associate", "axis": {"label": "A"}}]}`,
			"alpha", "axis", "a line without versions has no axis"},
		{"hedge-penalty", `{"certs": [` + cert + `, "hedges": [{"match": "alpha", "penalty": 0, "note": "n"}]}]}`,
			"alpha", "hedges[0].penalty", "a hedge lowers confidence"},
		{"hedge-note", `{"certs": [` + cert + `, "hedges": [{"match": "alpha", "penalty": 0.2}]}]}`,
			"alpha", "hedges[0].note", "a hedge says what the text leaves open"},
		{"hedge-rule", `{"certs": [` + cert + `, "hedges": [{"match": "-alpha", "penalty": 0.2, "note": "n"}]}]}`,
			"alpha", "hedges[0].match", "a hedge needs a word to match"},
		{"grants-not-part", `{"certs": [` + cert + `, "exams": [{"code": "AB-100", "grants": {"ref": "alpha", "where": "x"}}]}]}`,
			"alpha", "exams[0].grants", "a whole exam grants its certification"},
		{"grants-unknown", `{"certs": [` + cert + `, "exams": [{"code": "AB-100", "part": true, "grants": {"ref": "zeta", "where": "x"}}]}]}`,
			"alpha", "exams[0].grants.ref", "zeta is not in the catalog"},
		{"grants-where", `{"certs": [` + cert + `, "exams": [{"code": "AB-100", "part": true, "grants": {"ref": "alpha"}}]}]}`,
			"alpha", "exams[0].grants.where", "say where the issuer grants it"},
		{"skill-key-not-folded", `{"certs": [` + cert + `}], "skills": [{"key": "Spring Boot", "spellings": ["sb"]}]}`,
			"Spring Boot", "key", "keys are in SkillKey form"},
		{"skill-no-spellings", `{"certs": [` + cert + `}], "skills": [{"key": "go", "spellings": []}]}`,
			"go", "spellings", "a synonym entry folds something"},
		{"skill-two-keys", `{"certs": [` + cert + `}], "skills": [{"key": "go", "spellings": ["golang"]}, {"key": "gopher", "spellings": ["Go Lang"]}]}`,
			"gopher", "spellings[0]", "one spelling folds into one key"},
		{"skill-key-is-spelling", `{"certs": [` + cert + `}], "skills": [{"key": "go", "spellings": ["golang"]}, {"key": "golang", "spellings": ["gol"]}]}`,
			"golang", "key", "a key cannot be another key's spelling"},
		{"skill-duplicate", `{"certs": [` + cert + `}], "skills": [{"key": "go", "spellings": ["golang"]}, {"key": "go", "spellings": ["gol"]}]}`,
			"go", "key", "one entry per key"},
		{"issuer-no-name", `{"certs": [` + cert + `}], "issuers": [{"aliases": ["x"]}]}`,
			"issuer #0", "name", "an issuer has a name"},
		{"issuer-duplicate", `{"certs": [` + cert + `}], "issuers": [{"name": "X"}, {"name": "X"}]}`,
			"X", "name", "one entry per issuer"},
		{"not-credential-no-reason", `{"certs": [` + cert + `}], "not_credentials": [{"words": ["x"]}]}`,
			"not_credentials[0]", "reason", "a rejection says why"},
		{"not-credential-empty", `{"certs": [` + cert + `}], "not_credentials": [{"reason": "r"}]}`,
			"not_credentials[0]", "words", "a class without words rejects nothing"},
		{"not-credential-two-words", `{"certs": [` + cert + `}], "not_credentials": [{"reason": "r", "words": ["two words"]}]}`,
			"not_credentials[0]", "words[0]", "a phrase belongs in phrases"},
		{"variant-upper", `{"certs": [` + cert + `}], "words": {"variants": [{"from": "Servlets", "to": ["servlet"]}]}}`,
			"words", "variants[0].from", "variants are matched on lower-case words"},
		{"exam-title-empty", `{"certs": [` + cert + `, "exams": [{"code": "AB-100", "title": "--"}]}]}`,
			"alpha", "exams[0].title", "a title has words"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := scoring.LoadCatalog(strings.NewReader(tc.json))
			if err == nil {
				t.Fatalf("LoadCatalog: no error (%s)", tc.reason)
			}
			checkCatalogError(t, err, tc.entry, tc.field, tc.reason)
		})
	}
}

func TestFingerprint(t *testing.T) {
	base := scoring.DefaultCatalog()
	fp := base.Fingerprint()
	if len(fp) != 64 || strings.Trim(fp, "0123456789abcdef") != "" {
		t.Fatalf("Fingerprint() = %q, want 64 hex digits of SHA-256", fp)
	}
	b, err := os.ReadFile("catalog.json")
	if err != nil {
		t.Fatal(err)
	}
	again, err := scoring.LoadCatalog(strings.NewReader(string(b)))
	if err != nil {
		t.Fatal(err)
	}
	if again.Fingerprint() != fp {
		t.Error("the same catalog loaded twice has two fingerprints")
	}
	changes := map[string]string{
		"implication": `{"certs": [{"id": "ocmjea", "label": "OCMJEA", "name": "Oracle Certified Master, Java EE Enterprise Architect (SCEA)", "issuer": "Oracle", "level": "master", "versioning": "java", "aliases": ["SCEA", "OCMJEA", "Sun Certified Enterprise Architect"], "implies": ["ocpjp"]}]}`,
		"skill":       `{"skills": [{"key": "quarkus", "spellings": ["quarkus.io"]}]}`,
		"word":        `{"words": {"stop": ["hereby"]}}`,
		"issuer":      `{"issuers": [{"name": "Oracle", "aliases": ["Oracle Corp."]}]}`,
	}
	seen := map[string]string{fp: "base"}
	for name, ext := range changes {
		c, err := base.Extend(strings.NewReader(ext))
		if err != nil {
			t.Fatalf("Extend(%s): %v", name, err)
		}
		if prev, dup := seen[c.Fingerprint()]; dup {
			t.Errorf("a catalog changed by %s has the fingerprint of %s", name, prev)
		}
		seen[c.Fingerprint()] = name
	}
	// A label-only change (the catalog's version string) shapes nothing.
	c, err := base.Extend(strings.NewReader(`{"version": "mine"}`))
	if err != nil {
		t.Fatal(err)
	}
	if c.Fingerprint() != fp {
		t.Error("a new version label alone changed the fingerprint")
	}
}

// A catalog of certifications alone gets the built-in vocabulary.
func TestLoadCatalogDefaultsData(t *testing.T) {
	cat, err := scoring.LoadCatalog(strings.NewReader(`{"certs": [{"id": "alpha", "name": "Alpha", "issuer": "Acme", "level": "associate", "aliases": ["Alpha Developer"]}]}`))
	if err != nil {
		t.Fatal(err)
	}
	if r, ok := cat.Normalize("Acme Certified Alpha Developer"); !ok || r.ID != "alpha" {
		t.Errorf("Normalize = %q ok=%v (%s), want alpha", r.ID, ok, r.Reason)
	}
	if r, ok := cat.Normalize("Alpha Developer practice tests"); ok {
		t.Errorf("Normalize(practice tests) = %q, want the built-in class to reject it", r.ID)
	}
	if got := cat.SkillKey("PySpark"); got != "spark" {
		t.Errorf("SkillKey(PySpark) = %q, want the built-in synonym spark", got)
	}
}

// Next steps read exams on the axis too: a role asking for more than any
// listed exam covers says so rather than calling the line retired.
func TestSpringAxisNextSteps(t *testing.T) {
	s := newScorer(t)
	tests := []struct {
		min, text, reason string
	}{
		{"2022", "one exam, 2V0-72.22, for Spring Professional 5.3", "the 2022 exam covered 5.3, which 2V0-72.22 grants"},
		{"6", "no exam the catalog lists for Spring Professional grants 6 or later; only existing holders meet this requirement", "no listed exam covers Spring 6"},
	}
	for _, tc := range tests {
		role := scoring.Role{ID: "r", Required: []scoring.Requirement{{AnyOf: []string{"spring-professional"}, MinVersion: tc.min}}}
		res := s.Score(scoring.Candidate{ID: "c"}, role)
		if len(res.NextSteps) != 1 || res.NextSteps[0].Text != tc.text {
			t.Errorf("min_version %s: next steps %+v, want %q (%s)", tc.min, res.NextSteps, tc.text, tc.reason)
		}
	}
}

// The data sections are read through copies: changing one changes nothing
// in the catalog.
func TestDataAccessorsCopy(t *testing.T) {
	cat := scoring.DefaultCatalog()
	for s := range cat.SkillSynonyms() {
		s.Spellings[0] = "changed"
		break
	}
	for is := range cat.Issuers() {
		is.Aliases[0] = "changed"
		break
	}
	for nc := range cat.NotCredentials() {
		nc.Words[0] = "changed"
		break
	}
	w := cat.Words()
	w.Stop[0] = "changed"
	w.Variants[0].To[0] = "changed"
	if got := cat.SkillKey("Apache Spark"); got != "spark" {
		t.Errorf("after changing a copy, SkillKey(Apache Spark) = %q", got)
	}
	first := func(seq func(func(scoring.SkillSynonym) bool)) scoring.SkillSynonym {
		for s := range seq {
			return s
		}
		return scoring.SkillSynonym{}
	}
	if s := first(cat.SkillSynonyms()); s.Spellings[0] == "changed" {
		t.Error("SkillSynonyms returned the catalog's own slice")
	}
	if w := cat.Words(); w.Stop[0] == "changed" || w.Variants[0].To[0] == "changed" {
		t.Error("Words returned the catalog's own slices")
	}
	for is := range cat.Issuers() {
		if is.Aliases[0] == "changed" {
			t.Error("Issuers returned the catalog's own slice")
		}
		break
	}
	for nc := range cat.NotCredentials() {
		if nc.Words[0] == "changed" {
			t.Error("NotCredentials returned the catalog's own slice")
		}
		break
	}
	var nilCat *scoring.Catalog
	if len(nilCat.Words().Stop) != 0 || nilCat.Fingerprint() != "" || nilCat.SkillKey("Apache Spark") != "apachespark" {
		t.Error("a nil catalog is not empty")
	}
}
