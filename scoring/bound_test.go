package scoring_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	gencands "github.com/certmatch/certmatch/internal/gen"
	"github.com/certmatch/certmatch/scoring"
)

// TestCeilingBoundsPoints: for random roles and generated candidates, a
// class's bound is never below the score Points gives one of its
// candidates, the class's maximum never below a candidate's bound, and
// the class's eligibility (by its gate, or read from the profile) is the
// one Points reports. Classes are told the truth for a random part of
// the features and nothing about the rest, as an index splitting them
// lazily would.
func TestCeilingBoundsPoints(t *testing.T) {
	sc, err := scoring.NewScorer(scoring.Options{Now: func() time.Time { return gencands.DefaultNow }})
	if err != nil {
		t.Fatal(err)
	}
	cands := gencands.Candidates(gencands.Options{Seed: 3}, 1500)
	rng := rand.New(rand.NewPCG(3, 4))
	for _, role := range gencands.Roles(3, sc.Catalog(), cands, 40) {
		plan, err := sc.Compile(role)
		if err != nil {
			t.Fatalf("%s: %v", role.ID, err)
		}
		b := plan.Bounds()
		feats := b.Features()
		for i := 1; i < len(feats); i++ {
			if feats[i].Required && !feats[i-1].Required {
				t.Fatalf("%s: required feature %d after a preferred one", role.ID, i)
			}
		}
		for _, c := range cands {
			p := sc.Profile(&c)
			terms, keys := heldTerms(sc, &p)
			gated := true
			for _, g := range plan.RequiredAnyOf() {
				gated = gated && slices.ContainsFunc(g, func(id string) bool { return terms[id] })
			}
			for _, k := range plan.RequiredSkillKeys() {
				gated = gated && keys[k]
			}
			for fi, f := range feats {
				in := terms
				if f.Skill {
					in = keys
				}
				if f.Gated && (!f.Required || gated && !slices.ContainsFunc(f.Keys, func(k string) bool { return in[k] })) {
					t.Fatalf("%s, %s: gated feature %d (%v) not held by a candidate the gates select, or not required", role.ID, c.ID, fi, f.Keys)
				}
			}
			known := rng.IntN(len(feats) + 1)
			held := make([]scoring.Held, known)
			for fi := range held {
				in := terms
				if feats[fi].Skill {
					in = keys
				}
				held[fi] = scoring.HeldNone
				if slices.ContainsFunc(feats[fi].Keys, func(k string) bool { return in[k] }) {
					held[fi] = scoring.HeldAll
				}
			}
			ceil := b.Ceiling(held)
			score, eligible := plan.Points(&p)
			if o := plan.Order(&p, c.ID); ceil.Unmet() > 0 && o.Eligible || !o.Eligible && o.Away.Unmet < ceil.Unmet() {
				t.Fatalf("%s, %s: class leaves at least %d unmet, but the candidate's order is %+v", role.ID, c.ID, ceil.Unmet(), o)
			}
			where := fmt.Sprintf("%s, %s, %d of %d features known", role.ID, c.ID, known, len(feats))
			if oy := ceil.OfYears(p.Years()); oy < ceil.Of(&p) || oy > ceil.Max() {
				t.Fatalf("%s: bound from the years %.2f outside the candidate's %.2f and the class's %.2f", where, oy, ceil.Of(&p), ceil.Max())
			}
			if cut := score + float64(rng.IntN(300)-150)/10; p.Years() <= ceil.YearsBelow(cut) && !(ceil.OfYears(p.Years()) < cut) {
				t.Fatalf("%s: %.1f years within YearsBelow(%.2f) = %v, but its bound is %.2f", where, p.Years(), cut, ceil.YearsBelow(cut), ceil.OfYears(p.Years()))
			}
			// Tight: a little above it, the bound reaches the cut.
			if cut := score + float64(rng.IntN(300)-150)/10; ceil.YearsBelow(cut) >= 0 && !math.IsInf(ceil.YearsBelow(cut), 1) {
				if y := ceil.YearsBelow(cut) + 1.0/512; ceil.OfYears(y) < cut {
					t.Fatalf("%s: YearsBelow(%.2f) = %v, but %v years still bound below it (%.2f)", where, cut, ceil.YearsBelow(cut), y, ceil.OfYears(y))
				}
			}
			if of := ceil.Of(&p); of < score {
				t.Fatalf("%s: bound %.2f below the score %.2f", where, of, score)
			} else if ceil.Max() < of {
				t.Fatalf("%s: class maximum %.2f below the candidate's bound %.2f", where, ceil.Max(), of)
			}
			if got := ceil.Eligible(&p); got != eligible {
				t.Fatalf("%s: Ceiling.Eligible = %v, Points says %v", where, got, eligible)
			}
			if got := plan.Eligible(&p); got != eligible {
				t.Fatalf("%s: Plan.Eligible = %v, Points says %v", where, got, eligible)
			}
			switch ceil.Gate() {
			case scoring.GateNever:
				if eligible {
					t.Fatalf("%s: eligible in a class gated never", where)
				}
			case scoring.GateYears:
				if eligible != !(p.Years() < role.MinYears) {
					t.Fatalf("%s: eligible %v in a class gated by years, with %.1f of %.1f", where, eligible, p.Years(), role.MinYears)
				}
			}
		}
	}
}

// TestCeilingExactForExactFeatures: when every feature is known and
// exact, a candidate's bound is its score plus the cent of margin:
// experience, location and pay are worked out exactly from the profile.
func TestCeilingExactForExactFeatures(t *testing.T) {
	sc, err := scoring.NewScorer(scoring.Options{Now: func() time.Time { return gencands.DefaultNow }})
	if err != nil {
		t.Fatal(err)
	}
	role := scoring.Role{ID: "exact", Required: []scoring.Requirement{{AnyOf: []string{"ocajp"}}},
		Preferred:      []scoring.Requirement{{AnyOf: []string{"spring-professional"}}, {AnyOf: []string{"spark-developer"}, Weight: 2}},
		RequiredSkills: []string{"java"}, PreferredSkills: []string{"kafka", "sql"},
		Location: "Chicago, IL", Remote: true, SalaryMax: 120000}
	plan, err := sc.Compile(role)
	if err != nil {
		t.Fatal(err)
	}
	b := plan.Bounds()
	for _, c := range gencands.Candidates(gencands.Options{Seed: 5}, 800) {
		p := sc.Profile(&c)
		terms, keys := heldTerms(sc, &p)
		var held []scoring.Held
		for _, f := range b.Features() {
			if !f.Exact {
				t.Fatalf("feature %v is not exact", f.Keys)
			}
			in := terms
			if f.Skill {
				in = keys
			}
			h := scoring.HeldNone
			if slices.ContainsFunc(f.Keys, func(k string) bool { return in[k] }) {
				h = scoring.HeldAll
			}
			held = append(held, h)
		}
		ceil := b.Ceiling(held)
		score, eligible := plan.Points(&p)
		if got := ceil.Of(&p); fmt.Sprintf("%.2f", got) != fmt.Sprintf("%.2f", score+0.01) {
			t.Errorf("%s: bound %.2f, score %.2f: want the score and a cent", c.ID, got, score)
		}
		if wantGate := map[bool]scoring.Gate{true: scoring.GateYears, false: scoring.GateNever}[eligible]; ceil.Gate() != wantGate {
			t.Errorf("%s: gate %v, eligible %v", c.ID, ceil.Gate(), eligible)
		}
	}
}

// heldTerms is what the posting bitmaps know of a profile: the
// certification ids it holds or implies, and its skill keys.
func heldTerms(sc *scoring.Scorer, p *scoring.Profile) (terms, keys map[string]bool) {
	terms, keys = map[string]bool{}, map[string]bool{}
	for h := range p.Certs() {
		terms[h.ID] = true
		for im := range sc.Catalog().Implies(h.ID) {
			terms[im.ID] = true
		}
	}
	for id := range p.Skills() {
		keys[sc.Vocab().Key(id)] = true
	}
	return terms, keys
}

// TestRolesPastTheWorkingBuffers: a role with more certification
// requirements and skills than scoring keeps room for on the stack
// scores, explains, gates and bounds every bundled candidate as one
// within them does: the same numbers by every path.
func TestRolesPastTheWorkingBuffers(t *testing.T) {
	s := newScorer(t)
	var reqs []scoring.Requirement
	for i := range 20 {
		reqs = append(reqs, scoring.Requirement{AnyOf: []string{[]string{"ocpjp", "ocajp", "spring-professional", "spark-developer"}[i%4]}, MinVersion: []string{"", "8", "11"}[i%3]})
	}
	var skills []string
	for i := range 70 {
		skills = append(skills, fmt.Sprintf("skill-%d", i))
	}
	skills = append(skills, "java", "spring", "sql")
	for _, role := range []scoring.Role{
		{ID: "many-preferred", Preferred: reqs, PreferredSkills: skills},
		{ID: "many-required", Required: reqs[:17], Preferred: reqs[17:], RequiredSkills: []string{"java"}, PreferredSkills: skills},
	} {
		plan, err := s.Compile(role)
		if err != nil {
			t.Fatal(err)
		}
		b := plan.Bounds()
		for _, c := range bundledCandidates(t) {
			p := s.Profile(&c)
			score, eligible := plan.Points(&p)
			r := plan.Score(c)
			if r.Score != score || r.Eligible != eligible || plan.Eligible(&p) != eligible {
				t.Errorf("%s, %s: Points %v/%v, Score %v/%v, Eligible %v", role.ID, c.ID, score, eligible, r.Score, r.Eligible, plan.Eligible(&p))
			}
			if ceil := b.Ceiling(nil); ceil.Of(&p) < score {
				t.Errorf("%s, %s: bound %.2f below the score %.2f", role.ID, c.ID, ceil.Of(&p), score)
			}
		}
	}
}
