package scoring_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/certmatch/certmatch/scoring"
)

// seedIDs are the canonical ids of the seed certifications ("seed": true
// in catalog.json): the project's contract.
var seedIDs = []string{
	"java-foundations", "ocajp", "scja", "ocpjp", "ocewcd",
	"spring-professional", "hdpcd", "hdpcd-spark", "cca175", "databricks-spark-associate",
}

func TestDefaultCatalogLoads(t *testing.T) {
	cat := scoring.DefaultCatalog()
	if cat == nil || countCerts(cat) == 0 {
		t.Fatal("DefaultCatalog() is empty")
	}
	if cat.Version() == "" {
		t.Error("DefaultCatalog().Version is empty; explanations cite it")
	}
	if cat != scoring.DefaultCatalog() {
		t.Error("DefaultCatalog() returned a different catalog on the second call; it must be shared")
	}
	var seeds []string
	for e := range cat.Certs() {
		if e.Seed {
			seeds = append(seeds, e.ID)
		}
	}
	// Only the seed table's entries are marked Seed: the look-alikes are
	// entries of their own, not seeds.
	if diff := cmp.Diff(seedIDs, seeds); diff != "" {
		t.Errorf("Seed entries (-want +got):\n%s", diff)
	}
}

// seedFacts is what the project holds true of each seed certification, in a
// form the catalog can be compared with.
type seedFacts struct {
	Level       scoring.Level
	Implies     []string
	ValidMonths int
	Retired     bool
	Exams       map[string]string // exam code -> version granted
}

func TestSeedCertifications(t *testing.T) {
	want := map[string]seedFacts{
		"java-foundations": {Level: scoring.Foundation, Exams: map[string]string{"1Z0-811": ""}},
		"ocajp":            {Level: scoring.Associate, Exams: map[string]string{"1Z0-803": "7", "1Z0-808": "8"}},
		// Oracle did not accept SCJA as an OCP prerequisite: implies nothing.
		"scja": {Level: scoring.Associate, Retired: true, Exams: map[string]string{"CX-310-019": "", "1Z0-850": ""}},
		"ocpjp": {Level: scoring.Professional, Implies: []string{"ocajp"}, Exams: map[string]string{
			"CX-310-025": "1.2", "CX-310-035": "1.4", "CX-310-055": "5", "CX-310-065": "6",
			// Sun's upgrade exams.
			"CX-310-036": "1.4", "CX-310-056": "5", "CX-310-066": "6",
			"1Z0-853": "5", "1Z0-851": "6", "1Z0-804": "7", "1Z0-805": "7",
			"1Z0-809": "8", "1Z0-810": "8", "1Z0-813": "8",
			"1Z0-815": "11", "1Z0-816": "11", "1Z0-817": "11", "1Z0-819": "11",
			"1Z0-829": "17", "1Z0-830": "21",
		}},
		"ocewcd": {Level: scoring.Expert, Implies: []string{"ocpjp"}, Retired: true, Exams: map[string]string{
			"310-080": "1.3", "CX-310-081": "1.4", "CX-310-083": "5", "CX-310-084": "5",
			"1Z0-858": "5", "1Z0-859": "5", "1Z0-899": "6",
		}},
		"spring-professional": {Level: scoring.Professional, Exams: map[string]string{"2V0-72.22": "5.3", "EDU-1202": "2021"}},
		"hdpcd":               {Level: scoring.Developer, Retired: true, Exams: map[string]string{}},
		"hdpcd-spark":         {Level: scoring.Developer, Retired: true, Exams: map[string]string{}},
		// Valid two years.
		"cca175":                     {Level: scoring.Associate, ValidMonths: 24, Retired: true, Exams: map[string]string{"CCA175": ""}},
		"databricks-spark-associate": {Level: scoring.Associate, ValidMonths: 24, Exams: map[string]string{"CRT020": "2.4"}},
	}
	cat := scoring.DefaultCatalog()
	got := map[string]seedFacts{}
	for _, id := range seedIDs {
		e, ok := cat.Cert(id)
		if !ok {
			t.Errorf("Cert(%q): not in the default catalog", id)
			continue
		}
		if !e.Seed {
			t.Errorf("Cert(%q).Seed = false, want true", id)
		}
		f := seedFacts{Level: e.Level, Implies: e.Implies, ValidMonths: e.ValidMonths, Retired: e.Retired != "", Exams: map[string]string{}}
		for _, x := range e.Exams {
			f.Exams[x.Code] = x.Version
		}
		got[id] = f
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("seed certification facts (-want +got):\n%s", diff)
	}
}

func TestSparkDeveloperGroup(t *testing.T) {
	cat := scoring.DefaultCatalog()
	g, ok := cat.Group("spark-developer")
	if !ok {
		t.Fatal(`Group("spark-developer"): not found`)
	}
	// Plain hdpcd, hdpcd-java and the Databricks Data Engineer certs are
	// not Spark developer certifications.
	want := []string{"hdpcd-spark", "cca175", "databricks-spark-associate"}
	if diff := cmp.Diff(want, g.Members); diff != "" {
		t.Errorf("spark-developer members (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(want, cat.Expand("spark-developer")); diff != "" {
		t.Errorf(`Expand("spark-developer") (-want +got):\n%s`, diff)
	}
	if diff := cmp.Diff([]string{"ocpjp"}, cat.Expand("ocpjp")); diff != "" {
		t.Errorf(`Expand("ocpjp") is not the id itself (-want +got):\n%s`, diff)
	}
	if !cat.Known("spark-developer") || !cat.Known("ocpjp") || cat.Known("spark") {
		t.Error("Known: want spark-developer and ocpjp known, spark unknown")
	}
}

func TestImplies(t *testing.T) {
	cat := scoring.DefaultCatalog()
	tests := []struct {
		name   string
		id     string
		want   []implied
		reason string
	}{
		{"ocewcd-transitive", "ocewcd", []implied{
			{ID: "ocpjp", Path: []string{"ocewcd", "ocpjp"}},
			{ID: "ocajp", Path: []string{"ocewcd", "ocpjp", "ocajp"}},
		}, "OCEWCD required OCPJP, which implies OCAJP; the SE version is unknown so SameVersion is false"},
		{"ocpjp-same-version", "ocpjp", []implied{
			{ID: "ocajp", Path: []string{"ocpjp", "ocajp"}, SameVersion: true},
		}, "an OCP N holder counts as an OCA N holder"},
		{"ocajp-implies-nothing", "ocajp", nil, "implication only runs downward"},
		{"scja-implies-nothing", "scja", nil, "policy 4: SCJA does not meet ocajp by default"},
		{"hdpcd-implies-nothing", "hdpcd", nil, "plain HDPCD is not a Spark certification"},
		{"unknown-id", "no-such-cert", nil, "an unknown id implies nothing"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, impliedOf(cat, tc.id)); diff != "" {
				t.Errorf("Implies(%q) (%s) (-want +got):\n%s", tc.id, tc.reason, diff)
			}
		})
	}
}

func TestSatisfies(t *testing.T) {
	cat := scoring.DefaultCatalog()
	tests := []struct {
		name       string
		held, hv   string
		want, minV string
		ok         bool
		via        []string
		reason     string
	}{
		{"ocewcd-meets-ocpjp", "ocewcd", "6", "ocpjp", "", true, []string{"ocewcd", "ocpjp"}, "OCEWCD required OCPJP"},
		{"ocewcd-meets-ocajp", "ocewcd", "6", "ocajp", "", true, []string{"ocewcd", "ocpjp", "ocajp"}, "implication is transitive"},
		{"ocewcd-unknown-se-version", "ocewcd", "6", "ocpjp", "8", false, nil, "the OCEWCD version is not an SE version; the implied OCPJP's is unknown"},
		{"ocpjp-meets-ocajp", "ocpjp", "8", "ocajp", "", true, []string{"ocpjp", "ocajp"}, "any ocpjp meets ocajp"},
		{"ocpjp-meets-ocajp-same-version", "ocpjp", "8", "ocajp", "8", true, []string{"ocpjp", "ocajp"}, "OCP 8 counts as OCA 8"},
		{"ocpjp7-not-ocajp8", "ocpjp", "7", "ocajp", "8", false, nil, "the carried version 7 is below 8"},
		{"scja-not-ocajp", "scja", "6", "ocajp", "", false, nil, "policy 4: SCJA does not meet ocajp by default"},
		{"ocajp-not-ocpjp", "ocajp", "8", "ocpjp", "", false, nil, "implication never runs upward"},
		{"ocpjp-not-ocewcd", "ocpjp", "8", "ocewcd", "", false, nil, "OCPJP was OCEWCD's prerequisite, not the other way"},
		{"hdpcd-not-spark", "hdpcd", "", "spark-developer", "", false, nil, "plain HDPCD is Pig/Hive/Sqoop/Flume, not Spark"},
		{"hdpcd-java-not-spark", "hdpcd-java", "", "spark-developer", "", false, nil, "HDPCD:Java is not in the group"},
		{"data-engineer-not-spark", "databricks-data-engineer", "", "spark-developer", "", false, nil, "Databricks Data Engineer is not in the group"},
		{"hdpcd-spark-in-group", "hdpcd-spark", "", "spark-developer", "", true, nil, "a group member is held directly"},
		{"cca175-in-group", "cca175", "", "spark-developer", "", true, nil, "a group member is held directly"},
		{"databricks-in-group", "databricks-spark-associate", "3", "spark-developer", "", true, nil, "a group member is held directly"},
		{"scjp6-fails-min-11", "ocpjp", "6", "ocpjp", "11", false, nil, "SCJP 6 is OCPJP 6, below 11"},
		{"scjp1.4-fails-min-5", "ocpjp", "1.4", "ocpjp", "5", false, nil, "1.4 < 5"},
		{"ocpjp5-meets-min-1.4", "ocpjp", "5", "ocpjp", "1.4", true, nil, "5 > 1.4"},
		{"ocpjp11-meets-min-11", "ocpjp", "11", "ocpjp", "11", true, nil, "the minimum is inclusive"},
		{"ocpjp17-meets-min-11", "ocpjp", "17", "ocpjp", "11", true, nil, "17 > 11 numerically, not as text"},
		{"no-version-fails-min", "ocpjp", "", "ocpjp", "11", false, nil, "an unknown version is never a match"},
		{"no-version-no-min", "ocpjp", "", "ocpjp", "", true, nil, "without a minimum any version will do"},
		{"unknown-held", "cka", "", "ocpjp", "", false, nil, "an id the catalog does not know meets nothing"},
	}
	names := map[string]bool{}
	for _, tc := range tests {
		if names[tc.name] {
			t.Fatalf("duplicate case name %q", tc.name)
		}
		names[tc.name] = true
		t.Run(tc.name, func(t *testing.T) {
			ok, via := cat.Satisfies(tc.held, tc.hv, tc.want, tc.minV)
			type res struct {
				OK  bool
				Via []string
			}
			if diff := cmp.Diff(res{tc.ok, tc.via}, res{ok, via}); diff != "" {
				t.Errorf("Satisfies(%q, %q, %q, %q) (%s) (-want +got):\n%s", tc.held, tc.hv, tc.want, tc.minV, tc.reason, diff)
			}
		})
	}
}

func TestCompareVersions(t *testing.T) {
	tests := []struct {
		a, b   string
		want   int
		reason string
	}{
		{"1.4", "5", -1, "Java 1.4 is before Java 5"},
		{"5", "11", -1, "numeric, not text: 5 < 11"},
		{"11", "17", -1, "11 < 17"},
		{"1.4", "11", -1, "1.4 < 11"},
		{"17", "11", 1, "antisymmetric"},
		{"3", "3.0", 0, "a trailing .0 is the same version"},
		{"1.10", "1.9", 1, "each part compares numerically"},
		{"5.3", "2021", -1, "Spring 5.3 came before the 2021 title"},
		{"8", "8", 0, "equal"},
	}
	for _, tc := range tests {
		if got := scoring.CompareVersions(tc.a, tc.b); got != tc.want {
			t.Errorf("CompareVersions(%q, %q) = %d, want %d (%s)", tc.a, tc.b, got, tc.want, tc.reason)
		}
	}
	// The chain 1.4 < 5 < 11 < 17 sorts in order.
	got := []string{"17", "5", "1.4", "11"}
	slices.SortFunc(got, scoring.CompareVersions)
	if diff := cmp.Diff([]string{"1.4", "5", "11", "17"}, got); diff != "" {
		t.Errorf("sorted versions (-want +got):\n%s", diff)
	}
}

func TestCanonicalVersion(t *testing.T) {
	tests := []struct {
		in     string
		scheme scoring.Versioning
		want   string
		reason string
	}{
		{"1.5", scoring.JavaVersion, "5", `policy 5: Java "1.5" is 5`},
		{"5.0", scoring.JavaVersion, "5", `policy 5: "5.0" is 5`},
		{"6.0", scoring.JavaVersion, "6", `policy 5: "6.0" is 6`},
		{"1.6", scoring.JavaVersion, "6", "Java 1.6 is 6"},
		{"1.4", scoring.JavaVersion, "1.4", "1.2 to 1.4 keep their form"},
		{"1.5", scoring.PlainVersion, "1.5", "plain numbering keeps 1.5"},
		{"3.0", scoring.PlainVersion, "3", "3.0 is 3"},
		{"4.x", scoring.PlainVersion, "4", "4.x is 4"},
		{"8", scoring.NoVersion, "", "an unversioned cert has no version"},
		{"eleven", scoring.JavaVersion, "", "not a version"},
	}
	for _, tc := range tests {
		if got := scoring.CanonicalVersion(tc.in, tc.scheme); got != tc.want {
			t.Errorf("CanonicalVersion(%q, %s) = %q, want %q (%s)", tc.in, tc.scheme, got, tc.want, tc.reason)
		}
	}
}

// A small valid catalog the error cases break one field at a time.
const alphaBeta = `{"id": "alpha", "name": "Alpha Certified", "level": "associate", "aliases": ["Alpha Certified"]},
	{"id": "beta", "name": "Beta Certified", "level": "professional", "aliases": ["Beta Certified"]}`

func TestLoadCatalogErrors(t *testing.T) {
	tests := []struct {
		name   string
		json   string
		entry  string
		field  string
		reason string
	}{
		{"duplicate-id", `{"certs": [` + alphaBeta + `, {"id": "alpha", "name": "Alpha Again", "level": "associate"}]}`,
			"alpha", "id", "two entries with one id"},
		{"duplicate-alias-across-entries", `{"certs": [` + alphaBeta + `, {"id": "gamma", "name": "Gamma", "level": "associate", "aliases": ["alpha certified"]}]}`,
			"gamma", "aliases", "the same alias on two entries would make every text using it ambiguous"},
		{"duplicate-exam-across-entries", `{"certs": [{"id": "alpha", "name": "A", "level": "associate", "exams": [{"code": "1Z0-999"}]}, {"id": "beta", "name": "B", "level": "associate", "exams": [{"code": "1Z0-999"}]}]}`,
			"beta", "exams[0].code", "one exam code cannot grant two certifications"},
		{"unknown-implies", `{"certs": [{"id": "alpha", "name": "A", "level": "associate", "implies": ["beta", "zeta"]}, {"id": "beta", "name": "B", "level": "associate"}]}`,
			"alpha", "implies[1]", "zeta is not in the catalog"},
		{"self-implies", `{"certs": [{"id": "alpha", "name": "A", "level": "associate", "implies": ["alpha"]}]}`,
			"alpha", "implies[0]", "an entry cannot imply itself"},
		{"unknown-prerequisite", `{"certs": [{"id": "alpha", "name": "A", "level": "associate", "prerequisites": [{"any_of": ["zeta"]}]}]}`,
			"alpha", "prerequisites[0].any_of[0]", "zeta is not in the catalog"},
		{"unknown-group-member", `{"certs": [` + alphaBeta + `], "groups": [{"id": "greek", "name": "Greek", "members": ["alpha", "zeta"]}]}`,
			"greek", "members[1]", "zeta is not in the catalog"},
		{"empty-group", `{"certs": [` + alphaBeta + `], "groups": [{"id": "greek", "name": "Greek", "members": []}]}`,
			"greek", "members", "a group of nothing meets nothing"},
		{"group-alias-blank", `{"certs": [` + alphaBeta + `], "groups": [{"id": "greek", "name": "Greek", "members": ["beta"], "aliases": ["greek", " - "]}]}`,
			"greek", "aliases[1]", "an alias without a word matches nothing"},
		{"group-alias-shared", `{"certs": [` + alphaBeta + `], "groups": [{"id": "greek", "name": "Greek", "members": ["beta"], "aliases": ["Greek certification"]}, {"id": "letters", "name": "L", "members": ["alpha"], "aliases": ["greek  Certification"]}]}`,
			"letters", "aliases[0]", "one wording cannot name two groups"},
		{"group-id-is-cert-id", `{"certs": [` + alphaBeta + `], "groups": [{"id": "alpha", "name": "Greek", "members": ["beta"]}]}`,
			"alpha", "id", "any_of could not tell the group from the cert"},
		{"unknown-exam-requires", `{"certs": [{"id": "alpha", "name": "A", "level": "associate", "exams": [{"code": "AB-100", "requires": ["zeta@8"]}]}]}`,
			"alpha", "exams[0].requires[0]", "zeta is not in the catalog"},
		{"unknown-exam-upgrade-from", `{"certs": [{"id": "alpha", "name": "A", "level": "associate", "exams": [{"code": "AB-100"}, {"code": "AB-200", "upgrade_from": ["zeta"]}]}]}`,
			"alpha", "exams[1].upgrade_from[0]", "zeta is not in the catalog"},
		{"implication-cycle-2", `{"certs": [{"id": "alpha", "name": "A", "level": "associate", "implies": ["beta"]}, {"id": "beta", "name": "B", "level": "associate", "implies": ["alpha"]}]}`,
			"alpha", "implies", "alpha -> beta -> alpha, found from the first id in order"},
		{"implication-cycle-3", `{"certs": [{"id": "alpha", "name": "A", "level": "associate", "implies": ["beta"]}, {"id": "beta", "name": "B", "level": "associate", "implies": ["gamma"]}, {"id": "gamma", "name": "C", "level": "associate", "implies": ["alpha"]}]}`,
			"alpha", "implies", "a longer cycle is found too"},
		{"exam-code-lower-case", `{"certs": [{"id": "alpha", "name": "A", "level": "associate", "exams": [{"code": "1z0-809"}]}]}`,
			"alpha", "exams[0].code", "codes are written as the issuer writes them, upper case"},
		{"exam-code-space", `{"certs": [{"id": "alpha", "name": "A", "level": "associate", "exams": [{"code": "AB-100"}, {"code": "1Z0 809"}]}]}`,
			"alpha", "exams[1].code", "a space is not a separator in a code"},
		{"exam-code-empty", `{"certs": [{"id": "alpha", "name": "A", "level": "associate", "exams": [{"code": ""}]}]}`,
			"alpha", "exams[0].code", "an exam needs a code"},
		{"exam-bad-version", `{"certs": [{"id": "alpha", "name": "A", "level": "associate", "exams": [{"code": "AB-100", "version": "v8"}]}]}`,
			"alpha", "exams[0].version", "versions are dotted numbers"},
		{"bad-level", `{"certs": [{"id": "alpha", "name": "A", "level": "guru"}]}`,
			"alpha", "level", "guru is not a level"},
		{"missing-level", `{"certs": [` + alphaBeta + `, {"id": "gamma", "name": "C"}]}`,
			"gamma", "level", "every entry has a level"},
		{"bad-id", `{"certs": [{"id": "Alpha Cert", "name": "A", "level": "associate"}]}`,
			"Alpha Cert", "id", "ids are lowercase letters, digits and '-'"},
		{"missing-id", `{"certs": [` + alphaBeta + `, {"name": "C", "level": "associate"}]}`,
			"#2", "id", "an entry without an id is named by position"},
		{"missing-name", `{"certs": [{"id": "alpha", "level": "associate"}]}`,
			"alpha", "name", "every entry has a name"},
		{"bad-versioning", `{"certs": [{"id": "alpha", "name": "A", "level": "associate", "versioning": "semver"}]}`,
			"alpha", "versioning", "semver is not a scheme"},
		{"bad-known-version", `{"certs": [{"id": "alpha", "name": "A", "level": "associate", "versions": ["8", "8.x"]}]}`,
			"alpha", "versions[1]", "8.x is not a version"},
		{"negative-valid-months", `{"certs": [{"id": "alpha", "name": "A", "level": "associate", "valid_months": -1}]}`,
			"alpha", "valid_months", "a validity period is not negative"},
		{"bad-match-rule", `{"certs": [{"id": "alpha", "name": "A", "level": "associate", "match": ["-only -negatives"]}]}`,
			"alpha", "match[0]", "a rule needs a word to match"},
	}
	names := map[string]bool{}
	for _, tc := range tests {
		if names[tc.name] {
			t.Fatalf("duplicate case name %q", tc.name)
		}
		names[tc.name] = true
		t.Run(tc.name, func(t *testing.T) {
			cat, err := scoring.LoadCatalog(strings.NewReader(tc.json))
			if err == nil {
				t.Fatalf("LoadCatalog: got a catalog of %d certs, want an error (%s)", countCerts(cat), tc.reason)
			}
			checkCatalogError(t, err, tc.entry, tc.field, tc.reason)
		})
	}
}

func checkCatalogError(t *testing.T, err error, entry, field, reason string) {
	t.Helper()
	if !errors.Is(err, scoring.ErrCatalog) {
		t.Errorf("error %q does not wrap ErrCatalog", err)
	}
	var ce *scoring.CatalogError
	if !errors.As(err, &ce) {
		t.Fatalf("error %q (%T) is not a *CatalogError (%s)", err, err, reason)
	}
	type where struct{ Entry, Field string }
	if diff := cmp.Diff(where{entry, field}, where{ce.Entry, ce.Field}); diff != "" {
		t.Errorf("CatalogError %q (%s) (-want +got):\n%s", err, reason, diff)
	}
	if !strings.Contains(err.Error(), entry) || !strings.Contains(err.Error(), field) {
		t.Errorf("message %q does not name entry %q and field %q", err, entry, field)
	}
}

func TestLoadCatalogSyntax(t *testing.T) {
	tests := []struct {
		name   string
		json   string
		reason string
	}{
		{"unknown-field", `{"certs": [{"id": "alpha", "name": "A", "level": "associate", "expiry": 24}]}`, "a misspelt field is an error, not ignored"},
		{"not-json", `certs: alpha`, "not JSON"},
		{"bad-ref", `{"certs": [{"id": "alpha", "name": "A", "level": "associate", "prerequisites": [{"any_of": ["beta@x-y"]}]}]}`, "a ref's version range must be versions"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := scoring.LoadCatalog(strings.NewReader(tc.json))
			if !errors.Is(err, scoring.ErrCatalog) {
				t.Errorf("LoadCatalog: error %v, want one wrapping ErrCatalog (%s)", err, tc.reason)
			}
		})
	}
	// The minimal catalog the error cases start from is valid.
	if _, err := scoring.LoadCatalog(strings.NewReader(`{"certs": [` + alphaBeta + `]}`)); err != nil {
		t.Errorf("LoadCatalog(alpha, beta) = %v, want nil", err)
	}
}

// cka is a user's own entry: a certification the built-in catalog does not
// know.
const cka = `{"version": "mine", "certs": [{
	"id": "cka", "label": "CKA", "name": "Certified Kubernetes Administrator",
	"issuer": "CNCF", "level": "professional", "valid_months": 36,
	"aliases": ["CKA", "Certified Kubernetes Administrator"]
}]}`

func TestExtendAddsEntry(t *testing.T) {
	base := scoring.DefaultCatalog()
	const text = "Certified Kubernetes Administrator (CKA)"
	if r, ok := base.Normalize(text); ok {
		t.Fatalf("before Extend, Normalize(%q) = %s, want no match", text, r.ID)
	}
	ext, err := base.Extend(strings.NewReader(cka))
	if err != nil {
		t.Fatalf("Extend(cka) = %v", err)
	}
	if ext.Version() != base.Version()+"+mine" {
		t.Errorf("Version = %q, want %q", ext.Version(), base.Version()+"+mine")
	}
	for _, text := range []string{text, "CKA", "certified kubernetes administrator, 2023"} {
		r, ok := ext.Normalize(text)
		if !ok || r.ID != "cka" {
			t.Errorf("after Extend, Normalize(%q) = %q ok=%v (%s), want cka", text, r.ID, ok, r.Reason)
		}
	}
	// The built-in entries still resolve in the extended catalog.
	if r, ok := ext.Normalize("SCJP 6"); !ok || r.ID != "ocpjp" || r.Version != "6" {
		t.Errorf(`after Extend, Normalize("SCJP 6") = %q %q ok=%v, want ocpjp 6`, r.ID, r.Version, ok)
	}
	if countCerts(ext) != countCerts(base)+1 {
		t.Errorf("extended catalog has %d certs, want %d", countCerts(ext), countCerts(base)+1)
	}
	// The default catalog is immutable: Extend made a new one.
	if _, ok := base.Cert("cka"); ok {
		t.Error("Extend changed the default catalog: it now knows cka")
	}
	// A role may now require it.
	role := scoring.Role{ID: "platform", Required: []scoring.Requirement{{AnyOf: []string{"cka"}}}}
	if err := role.Validate(ext); err != nil {
		t.Errorf("role requiring cka against the extended catalog: %v", err)
	}
	if err := role.Validate(base); err == nil {
		t.Error("role requiring cka against the default catalog: no error")
	}
}

func TestExtendReplacesEntry(t *testing.T) {
	base := scoring.DefaultCatalog()
	// Policy 4 lets a catalog decide that SCJA meets ocajp.
	const scja = `{"certs": [{
		"id": "scja", "label": "SCJA", "name": "Sun Certified Java Associate", "issuer": "Oracle",
		"level": "associate", "seed": true, "versioning": "java", "versions": ["5", "6"],
		"aliases": ["SCJA", "Sun Certified Java Associate"], "implies": ["ocajp"]
	}]}`
	ext, err := base.Extend(strings.NewReader(scja))
	if err != nil {
		t.Fatalf("Extend(scja) = %v", err)
	}
	if countCerts(ext) != countCerts(base) {
		t.Errorf("replacing an entry changed the count: %d, want %d", countCerts(ext), countCerts(base))
	}
	if ok, via := ext.Satisfies("scja", "6", "ocajp", ""); !ok || !slices.Equal(via, []string{"scja", "ocajp"}) {
		t.Errorf(`extended Satisfies("scja", "6", "ocajp") = %v %v, want true [scja ocajp]`, ok, via)
	}
	if ok, _ := base.Satisfies("scja", "6", "ocajp", ""); ok {
		t.Error("the default catalog changed: SCJA now meets ocajp")
	}
	if r, ok := ext.Normalize("Sun Certified Java Associate (SCJA)"); !ok || r.ID != "scja" {
		t.Errorf("Normalize(SCJA) in the extended catalog = %q ok=%v, want scja", r.ID, ok)
	}
}

func TestExtendErrors(t *testing.T) {
	tests := []struct {
		name   string
		json   string
		entry  string
		field  string
		reason string
	}{
		{"alias-of-a-seed", `{"certs": [{"id": "cka", "name": "CKA", "level": "professional", "aliases": ["OCPJP"]}]}`,
			"cka", "aliases", "OCPJP is already ocpjp's alias"},
		{"exam-of-a-seed", `{"certs": [{"id": "cka", "name": "CKA", "level": "professional", "exams": [{"code": "1Z0-809"}]}]}`,
			"cka", "exams[0].code", "1Z0-809 already grants ocpjp"},
		{"unknown-implies", `{"certs": [{"id": "cka", "name": "CKA", "level": "professional", "implies": ["kcna"]}]}`,
			"cka", "implies[0]", "kcna is in neither catalog"},
		{"cycle-through-replacement", `{"certs": [{"id": "ocajp", "name": "OCAJP", "level": "associate", "implies": ["ocewcd"]}]}`,
			"ocajp", "implies", "ocajp -> ocewcd -> ocpjp -> ocajp"},
		{"group-unknown-member", `{"groups": [{"id": "k8s", "name": "Kubernetes", "members": ["cka"]}]}`,
			"k8s", "members[0]", "cka is in neither catalog"},
		{"duplicate-in-extension", `{"certs": [{"id": "cka", "name": "CKA", "level": "professional"}, {"id": "cka", "name": "CKA", "level": "professional"}]}`,
			"cka", "id", "the extension itself names cka twice"},
		{"bad-level", `{"certs": [{"id": "cka", "name": "CKA", "level": "pro"}]}`,
			"cka", "level", "pro is not a level"},
	}
	base := scoring.DefaultCatalog()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ext, err := base.Extend(strings.NewReader(tc.json))
			if err == nil {
				t.Fatalf("Extend: got a catalog of %d certs, want an error (%s)", countCerts(ext), tc.reason)
			}
			checkCatalogError(t, err, tc.entry, tc.field, tc.reason)
		})
	}
}

func TestRefRoundTrip(t *testing.T) {
	tests := []struct {
		in   string
		want scoring.Ref
	}{
		{"ocajp", scoring.Ref{ID: "ocajp"}},
		{"ocajp@8", scoring.Ref{ID: "ocajp", Min: "8", Max: "8"}},
		{"ocpjp@6-8", scoring.Ref{ID: "ocpjp", Min: "6", Max: "8"}},
	}
	for _, tc := range tests {
		got, err := scoring.ParseRef(tc.in)
		if err != nil {
			t.Errorf("ParseRef(%q) = %v", tc.in, err)
			continue
		}
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("ParseRef(%q) (-want +got):\n%s", tc.in, diff)
		}
		if got.String() != tc.in {
			t.Errorf("ParseRef(%q).String() = %q", tc.in, got.String())
		}
	}
	for _, bad := range []string{"", "@8", "ocpjp@", "ocpjp@6-", "ocpjp@x"} {
		if r, err := scoring.ParseRef(bad); err == nil {
			t.Errorf("ParseRef(%q) = %v, want an error", bad, r)
		}
	}
	// Admits: 1.4 is not in 6-8, 6 and 8 are, 11 is not; unknown is never in a range.
	r := scoring.Ref{ID: "ocpjp", Min: "6", Max: "8"}
	var got []bool
	for _, v := range []string{"1.4", "6", "8", "11", ""} {
		got = append(got, r.Admits(v))
	}
	if diff := cmp.Diff([]bool{false, true, true, false, false}, got); diff != "" {
		t.Errorf("ocpjp@6-8 Admits 1.4, 6, 8, 11, \"\" (-want +got):\n%s", diff)
	}
}

// countCerts is the number of certifications in cat.
func countCerts(cat *scoring.Catalog) int {
	n := 0
	for range cat.Certs() {
		n++
	}
	return n
}

// implied is scoring.Implied with its path, for comparisons.
type implied struct {
	ID          string
	Path        []string
	SameVersion bool
}

func impliedOf(cat *scoring.Catalog, id string) []implied {
	var out []implied
	for im := range cat.Implies(id) {
		out = append(out, implied{ID: im.ID, Path: im.Path(), SameVersion: im.SameVersion})
	}
	return out
}
