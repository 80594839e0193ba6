package scoring_test

import (
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/certmatch/certmatch/scoring"
)

// exportedFields lists the fields of t a caller outside the package could
// set in a composite literal or through a pointer.
func exportedFields(t reflect.Type) []string {
	var out []string
	for i := range t.NumField() {
		if f := t.Field(i); f.IsExported() {
			out = append(out, f.Name)
		}
	}
	return out
}

// TestHiddenFields: Profile, Catalog, Plan, Scorer and Vocab cannot be
// built or changed field by field from outside the package: none has a
// field another package could name. (A composite literal naming one would
// not compile; this is the same check, run.)
func TestHiddenFields(t *testing.T) {
	for _, tc := range []struct {
		typ reflect.Type
		why string
	}{
		{reflect.TypeFor[scoring.Profile](), "a hand-set profile would score what the scorer never built"},
		{reflect.TypeFor[scoring.Catalog](), "the catalog is shared by every engine: one caller must not change it"},
		{reflect.TypeFor[scoring.Plan](), "a plan is compiled and validated, never assembled"},
		{reflect.TypeFor[scoring.Scorer](), "a scorer's catalog and vocabulary go together"},
		{reflect.TypeFor[scoring.Vocab](), "profiles and plans share the numbering"},
	} {
		if got := exportedFields(tc.typ); len(got) > 0 {
			t.Errorf("%v has exported fields %v; want none (%s)", tc.typ, got, tc.why)
		}
	}
	// Implied carries its path hidden: Path returns a copy.
	if got := exportedFields(reflect.TypeFor[scoring.Implied]()); !slices.Equal(got, []string{"ID", "SameVersion"}) {
		t.Errorf("Implied's exported fields = %v, want [ID SameVersion] (the path is a copy through Path)", got)
	}
}

// TestProfileCopiesDoNotChangeIt: what a Profile's accessors hand out are
// copies; changing them leaves the profile, and its score, as built.
func TestProfileCopiesDoNotChangeIt(t *testing.T) {
	s := newScorer(t)
	plan, err := s.Compile(scoring.Role{ID: "r", Required: []scoring.Requirement{{AnyOf: []string{"ocpjp"}, MinVersion: "11"}}, RequiredSkills: []string{"java"}})
	if err != nil {
		t.Fatal(err)
	}
	c := scoring.Candidate{ID: "c", YearsExperience: 6, Skills: []string{"Java"}, Certifications: []scoring.Credential{{ID: "ocpjp", Version: "17"}}}
	p := s.Profile(&c)
	score, eligible := plan.Points(&p)
	if !eligible || score == 0 {
		t.Fatalf("Points = %v, %v; want an eligible score", score, eligible)
	}
	for h := range p.Certs() {
		h.ID, h.Version = "ocajp", "1"
	}
	certs := slices.Collect(p.Certs())
	certs[0].ID = "scja"
	if got, g2 := plan.Points(&p); got != score || g2 != eligible {
		t.Errorf("after changing the accessors' copies Points = %v, %v; want %v, %v", got, g2, score, eligible)
	}
	if got := slices.Collect(p.Certs()); !cmp.Equal(got, []scoring.HeldCert{{Index: 0, ID: "ocpjp", Version: "17"}}) {
		t.Errorf("Certs() = %+v, want the credential as resolved", got)
	}
}

// TestZeroProfile: a Profile not built by the scorer is a candidate with
// nothing; it can never be eligible for a role with requirements.
func TestZeroProfile(t *testing.T) {
	s := newScorer(t)
	plan, err := s.Compile(scoring.Role{ID: "r", Required: []scoring.Requirement{{AnyOf: []string{"ocajp"}}}})
	if err != nil {
		t.Fatal(err)
	}
	var zero scoring.Profile
	for _, tc := range []struct {
		name string
		p    *scoring.Profile
	}{{"zero", &zero}, {"nil", nil}} {
		score, eligible := plan.Points(tc.p)
		// certifications 0 of 50 and experience 0 years: 0 points.
		if score != 0 || eligible {
			t.Errorf("%s profile: Points = %v, %v; want 0, false", tc.name, score, eligible)
		}
		if r := plan.Explain(scoring.Candidate{ID: "x"}, tc.p); r.Eligible || r.Score != 0 || len(r.Missing) == 0 {
			t.Errorf("%s profile: Explain = %+v; want 0, ineligible, with what is missing", tc.name, r)
		}
	}
	if z := s.Profile(nil); z.Years() != 0 || z.Location() != "" || len(slices.Collect(z.Certs())) != 0 {
		t.Errorf("Profile(nil) = %+v, want the zero profile", z)
	}
}

// TestCatalogCopiesDoNotChangeIt: every slice the catalog hands out is a
// copy; changing one changes nothing another caller sees.
func TestCatalogCopiesDoNotChangeIt(t *testing.T) {
	cat := scoring.DefaultCatalog()
	want, _ := cat.Cert("ocpjp")
	wantGroup, _ := cat.Group("spark-developer")
	wantExpand := []string{"hdpcd-spark", "cca175", "databricks-spark-associate"}
	wantImplies := impliedOf(cat, "ocewcd")

	e, _ := cat.Cert("ocpjp")
	e.Aliases[0], e.Versions[0], e.Exams[0].Code = "changed", "0", "XX-000"
	e.ID = "changed"
	g, _ := cat.Group("spark-developer")
	g.Members[0] = "ocajp"
	x := cat.Expand("spark-developer")
	x[0] = "ocajp"
	for im := range cat.Implies("ocewcd") {
		im.Path()[0] = "changed"
	}
	for e := range cat.Certs() {
		if len(e.Aliases) > 0 {
			e.Aliases[0] = "changed"
		}
	}
	for g := range cat.Groups() {
		g.Members[0] = "changed"
	}

	got, _ := cat.Cert("ocpjp")
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Cert(ocpjp) after changing copies (-want +got):\n%s", diff)
	}
	gotGroup, _ := cat.Group("spark-developer")
	if diff := cmp.Diff(wantGroup, gotGroup); diff != "" {
		t.Errorf("Group(spark-developer) after changing copies (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(wantExpand, cat.Expand("spark-developer")); diff != "" {
		t.Errorf("Expand(spark-developer) after changing a copy (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(wantImplies, impliedOf(cat, "ocewcd")); diff != "" {
		t.Errorf("Implies(ocewcd) after changing a path (-want +got):\n%s", diff)
	}
	if r, ok := cat.Normalize("SCJP 6"); !ok || r.ID != "ocpjp" {
		t.Errorf("Normalize(SCJP 6) = %s, %v after changing copies; want ocpjp", r.ID, ok)
	}
}

// TestEvidenceViaIsACopy: changing one result's implication path does not
// change the next explanation of the same plan.
func TestEvidenceViaIsACopy(t *testing.T) {
	s := newScorer(t)
	plan, err := s.Compile(scoring.Role{ID: "r", Required: []scoring.Requirement{{AnyOf: []string{"ocpjp"}}}})
	if err != nil {
		t.Fatal(err)
	}
	c := scoring.Candidate{ID: "c", Certifications: []scoring.Credential{{ID: "ocewcd", Version: "6"}}}
	first := plan.Score(c)
	via := first.Components[0].Evidence[0].Via
	if !slices.Equal(via, []string{"ocewcd", "ocpjp"}) {
		t.Fatalf("Via = %v, want [ocewcd ocpjp]", via)
	}
	via[0] = "changed"
	if got := plan.Score(c).Components[0].Evidence[0].Via; !slices.Equal(got, []string{"ocewcd", "ocpjp"}) {
		t.Errorf("Via after changing the first result's = %v, want [ocewcd ocpjp]", got)
	}
	if ok, path := scoring.DefaultCatalog().Satisfies("ocewcd", "6", "ocpjp", ""); !ok || !slices.Equal(path, []string{"ocewcd", "ocpjp"}) {
		t.Errorf("Satisfies(ocewcd, ocpjp) = %v, %v after changing a result's path", ok, path)
	}
}

// TestNextStepIsACopy: a next step is worked out once per plan and filled
// in per candidate; changing one candidate's step changes no other's.
func TestNextStepIsACopy(t *testing.T) {
	s := newScorer(t)
	plan, err := s.Compile(scoring.Role{ID: "r", Required: []scoring.Requirement{{AnyOf: []string{"ocpjp"}}}})
	if err != nil {
		t.Fatal(err)
	}
	a := scoring.Candidate{ID: "a", Certifications: []scoring.Credential{named("Oracle Certified Associate, Java SE 8 Programmer", "2019-03-14")}}
	b := scoring.Candidate{ID: "b", Certifications: []scoring.Credential{named("OCA Java SE 8", "2019-03-14")}}
	// want comes from a plan of its own, which shares nothing with plan.
	other, err := s.Compile(scoring.Role{ID: "r", Required: []scoring.Requirement{{AnyOf: []string{"ocpjp"}}}})
	if err != nil {
		t.Fatal(err)
	}
	want := other.Score(a).NextSteps[0]
	first := plan.Score(a).NextSteps[0]
	first.Exams[0], first.Alternatives[0] = "changed", "changed"
	if diff := cmp.Diff(want, plan.Score(a).NextSteps[0]); diff != "" {
		t.Errorf("next step after changing an earlier copy (-want +got):\n%s", diff)
	}
	// The same ids and versions held, written otherwise: the memoised
	// step is filled with b's own words.
	got := plan.Score(b).NextSteps[0]
	if got.From != "OCA Java SE 8" || !strings.HasPrefix(got.Text, `holds "OCA Java SE 8": `) || !got.Required {
		t.Errorf("b's next step = %+v, want it built on b's \"OCA Java SE 8\" and required", got)
	}
}

// TestZeroCatalog: a Catalog not built by LoadCatalog is empty, never a
// panic, and a scorer refuses it.
func TestZeroCatalog(t *testing.T) {
	for _, tc := range []struct {
		name string
		cat  *scoring.Catalog
	}{{"zero", &scoring.Catalog{}}, {"nil", nil}} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.cat.Known("ocpjp") {
				t.Error("Known(ocpjp) = true, want false")
			}
			if _, ok := tc.cat.Normalize("SCJP 6"); ok {
				t.Error("Normalize(SCJP 6) placed it, want nothing placed")
			}
			if _, ok := tc.cat.Cert("ocpjp"); ok {
				t.Error("Cert(ocpjp) found it, want not found")
			}
			if got := tc.cat.Expand("ocpjp"); !slices.Equal(got, []string{"ocpjp"}) {
				t.Errorf("Expand(ocpjp) = %v, want [ocpjp]", got)
			}
			if n := len(impliedOf(tc.cat, "ocewcd")); n != 0 || countCerts(tc.cat) != 0 || tc.cat.Version() != "" {
				t.Errorf("an empty catalog has %d implications, %d certs, version %q", n, countCerts(tc.cat), tc.cat.Version())
			}
			if tc.cat == nil {
				return // a nil Options.Catalog means the default one
			}
			if _, err := scoring.NewScorer(scoring.Options{Catalog: tc.cat}); !errors.Is(err, scoring.ErrOptions) {
				t.Errorf("NewScorer(zero catalog) error = %v, want ErrOptions", err)
			}
			ext, err := tc.cat.Extend(strings.NewReader(`{"certs": [{"id": "cka", "name": "Certified Kubernetes Administrator", "issuer": "CNCF", "level": "associate"}]}`))
			if err != nil || !ext.Known("cka") {
				t.Errorf("Extend of an empty catalog = %v; want a catalog knowing cka", err)
			}
		})
	}
}

// TestNilAndZeroInputs: every nil or zero value the API accepts has a
// defined behaviour.
func TestNilAndZeroInputs(t *testing.T) {
	role := scoring.Role{ID: "r", Required: []scoring.Requirement{{AnyOf: []string{"ocpjp"}}}}
	if err := role.Validate(nil); err != nil {
		t.Errorf("Validate(nil catalog) = %v, want the default catalog's answer (nil)", err)
	}
	bad := scoring.Role{ID: "r", Required: []scoring.Requirement{{AnyOf: []string{"cka"}}}}
	if err := bad.Validate(nil); !errors.Is(err, scoring.ErrInvalid) {
		t.Errorf("Validate(nil catalog) of an unknown id = %v, want ErrInvalid", err)
	}
	if err := (*scoring.Role)(nil).Validate(nil); !errors.Is(err, scoring.ErrInvalid) {
		t.Errorf("nil Role's Validate = %v, want ErrInvalid", err)
	}
	if err := (*scoring.Candidate)(nil).Validate(); !errors.Is(err, scoring.ErrInvalid) {
		t.Errorf("nil Candidate's Validate = %v, want ErrInvalid", err)
	}
	c := scoring.Candidate{ID: "c", Certifications: []scoring.Credential{{Name: "SCJP 6"}}}
	if u := c.Resolve(nil); len(u) != 0 || c.Certifications[0].ID != "ocpjp" {
		t.Errorf("Resolve(nil catalog) = %v, id %q; want SCJP 6 placed as ocpjp by the default catalog", u, c.Certifications[0].ID)
	}

	// A nil or zero Scorer is the default one.
	cand := scoring.Candidate{ID: "c", YearsExperience: 3, Certifications: []scoring.Credential{{ID: "ocpjp", Version: "11"}}}
	want := newScorer(t).Score(cand, role)
	for _, tc := range []struct {
		name string
		s    *scoring.Scorer
	}{{"nil", nil}, {"zero", &scoring.Scorer{}}} {
		if tc.s.Catalog() != scoring.DefaultCatalog() || tc.s.Vocab() == nil {
			t.Errorf("%s Scorer: Catalog or Vocab is not the default scorer's", tc.name)
		}
		got := tc.s.Score(cand, role)
		if got.Eligible != want.Eligible || got.Score != want.Score {
			t.Errorf("%s Scorer: Score = %v %v, want the default scorer's %v %v", tc.name, got.Score, got.Eligible, want.Score, want.Eligible)
		}
	}

	// A nil or zero Plan scores nothing and says why.
	p := newScorer(t).Profile(&cand)
	for _, tc := range []struct {
		name string
		plan *scoring.Plan
	}{{"nil", nil}, {"zero", &scoring.Plan{}}} {
		if score, eligible := tc.plan.Points(&p); score != 0 || eligible {
			t.Errorf("%s Plan: Points = %v, %v; want 0, false", tc.name, score, eligible)
		}
		if score, eligible := tc.plan.EligiblePoints(&p); score != 0 || eligible {
			t.Errorf("%s Plan: EligiblePoints = %v, %v; want 0, false", tc.name, score, eligible)
		}
		r := tc.plan.Score(cand)
		if r.Eligible || r.Score != 0 || len(r.Missing) != 1 || r.Missing[0].Kind != scoring.MissingRole {
			t.Errorf("%s Plan: Score = %+v; want 0, ineligible, one missing of kind role", tc.name, r)
		}
		if tc.plan.Scorer() != nil || tc.plan.RequiredAnyOf() != nil || tc.plan.RequiredSkillKeys() != nil || tc.plan.Role().ID != "" {
			t.Errorf("%s Plan: has a scorer, gates or a role", tc.name)
		}
	}
	// An invalid role scores 0 with the role kind and the error.
	r := newScorer(t).Score(cand, bad)
	if len(r.Missing) != 1 || r.Missing[0].Kind != scoring.MissingRole || !strings.Contains(r.Missing[0].Reason, "cka") {
		t.Errorf("Score of an invalid role = %+v; want one missing of kind role naming cka", r)
	}
}

// TestExplainWithAnotherCandidatesProfile: a profile explained beside a
// candidate it was not built from gives a result, never a panic; names the
// candidate does not have are left empty.
func TestExplainWithAnotherCandidatesProfile(t *testing.T) {
	s := newScorer(t)
	plan, err := s.Compile(scoring.Role{ID: "r", Required: []scoring.Requirement{{AnyOf: []string{"ocpjp"}, MinVersion: "11", Current: true}}})
	if err != nil {
		t.Fatal(err)
	}
	holder := scoring.Candidate{ID: "h", Certifications: []scoring.Credential{
		{Name: "SCJP 6"}, named("Oracle Certified Associate, Java SE 8 Programmer", "2019-03-14"),
	}}
	p := s.Profile(&holder)
	r := plan.Explain(scoring.Candidate{ID: "other"}, &p)
	if r.CandidateID != "other" || r.Eligible || len(r.NextSteps) != 1 {
		t.Fatalf("Explain = %+v; want other's ineligible result with one next step", r)
	}
	if got := r.Components[0].Evidence[0].Held; got != "" {
		t.Errorf("Evidence.Held = %q, want empty: the other candidate wrote no credential", got)
	}
}
