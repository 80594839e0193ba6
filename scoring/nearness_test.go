package scoring

import (
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestAwayOrder(t *testing.T) {
	away := func(ns ...Nearness) Away {
		var a Away
		for _, n := range ns {
			a.add(n)
		}
		return a
	}
	// Nearest first, each a reason to come before the next.
	ordered := []struct {
		name string
		away Away
	}{
		{"eligible", Away{}},
		{"one exam away", away(NearOneStep)},
		{"a credential to renew", away(NearRenew)},
		{"a version below", away(NearVersion)},
		{"a certification missing", away(NearMissing)},
		{"two items, both one step", away(NearOneStep, NearOneStep)},
		{"two items, one to renew", away(NearOneStep, NearRenew)},
		{"two items, one missing", away(NearOneStep, NearMissing)},
		{"two items missing", away(NearMissing, NearMissing)},
		{"three items, all one step", away(NearOneStep, NearOneStep, NearOneStep)},
	}
	var got, want []string
	shuffled := slices.Clone(ordered)
	slices.Reverse(shuffled)
	slices.SortStableFunc(shuffled, func(a, b struct {
		name string
		away Away
	}) int {
		return a.away.Compare(b.away)
	})
	for i := range ordered {
		want = append(want, ordered[i].name)
		got = append(got, shuffled[i].name)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("order (-want +got):\n%s", diff)
	}
	if a := away(NearMissing, NearOneStep); a != (Away{Unmet: 2, OneStep: 1, Missing: 1}) {
		t.Errorf("away = %+v", a)
	}
	for _, tc := range []struct {
		away Away
		want string
	}{
		{Away{}, "eligible"},
		{away(NearOneStep), "1 unmet: one step away"},
		{away(NearRenew, NearMissing, NearMissing), "3 unmet: 1 to renew, 2 missing"},
	} {
		if got := tc.away.String(); got != tc.want {
			t.Errorf("%+v.String() = %q, want %q", tc.away, got, tc.want)
		}
	}
}

func TestNearnessRules(t *testing.T) {
	for _, tc := range []struct {
		oneExam, lapsed, below bool
		want                   Nearness
		why                    string
	}{
		{true, false, true, NearOneStep, "an upgrade exam from a version below is one step"},
		{false, true, false, NearRenew, "a lapsed credential"},
		{true, true, false, NearOneStep, "one exam beats renewing"},
		{false, false, true, NearVersion, "a version below without an upgrade exam"},
		{false, false, false, NearMissing, "nothing held"},
	} {
		if got := certNearness(tc.oneExam, tc.lapsed, tc.below); got != tc.want {
			t.Errorf("certNearness(%v, %v, %v) = %v, want %v (%s)", tc.oneExam, tc.lapsed, tc.below, got, tc.want, tc.why)
		}
	}
	if experienceNearness(0.5) != NearOneStep || experienceNearness(1) != NearOneStep || experienceNearness(1.5) != NearMissing {
		t.Error("experience: up to a year short is one step, more missing")
	}
}

// TestOneExamAdmits: the version-key comparison of a one-exam source gives
// what Ref.Admits gives, for every source of every required group of the
// seed-like roles and the versions people hold.
func TestOneExamAdmits(t *testing.T) {
	s, err := NewScorer(Options{})
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, r := range []Role{
		{ID: "ocp11", Required: []Requirement{{AnyOf: []string{"ocpjp"}, MinVersion: "11"}}},
		{ID: "ocp", Required: []Requirement{{AnyOf: []string{"ocpjp"}}, {AnyOf: []string{"ocewcd"}}, {AnyOf: []string{"spring-professional"}}}},
		{ID: "spark", Required: []Requirement{{AnyOf: []string{"spark-developer"}, Current: true}}},
	} {
		p, err := s.Compile(r)
		if err != nil {
			t.Fatal(err)
		}
		for i := range p.oneExam {
			for fi := range p.oneExam[i] {
				from := &p.oneExam[i][fi]
				for _, v := range []string{"", "1.4", "5", "6", "7", "8", "11", "17", "21", "3.0", "2024", "x"} {
					h := heldCert{version: v, vkey: versionKey(v)}
					held := "" // an implication that does not carry the version
					if from.same {
						held = v
					}
					want := from.ref.Admits(held)
					if got := from.admits(&h); got != want {
						t.Errorf("%s: %+v admits %q = %v, Ref.Admits = %v", r.ID, from.ref, v, got, want)
					}
					checked++
				}
			}
		}
	}
	if checked == 0 {
		t.Fatal("no one-exam sources: the roles do not exercise admits")
	}
}
