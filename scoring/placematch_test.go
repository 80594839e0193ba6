package scoring

import (
	"math"
	"testing"
)

func TestPlaceMatch(t *testing.T) {
	type role struct {
		location string
		radiusKm float64
		remote   bool
	}
	type cand struct {
		location string
		mode     WorkMode
		relocate bool
	}
	for _, tc := range []struct {
		name   string
		role   role
		cand   cand
		credit float64
		how    placeHow
		reason string
	}{
		{"neighbour within the default radius", role{"Chicago, IL", 0, false}, cand{"Evanston, Illinois", "", false},
			1, placeWithin, "Evanston, IL is 21.5 km from Chicago, IL, within 50 km: 100%"},
		{"the same city", role{"Chicago, IL", 0, false}, cand{"chicago il", "", false},
			1, placeWithin, "Chicago, IL is the role's place: 100%"},
		{"an alias is the city", role{"New York, NY", 0, false}, cand{"NYC", "", false},
			1, placeWithin, "New York, NY is the role's place: 100%"},
		{"a smaller radius", role{"Chicago, IL", 10, false}, cand{"Evanston, IL", "", false},
			0.5, placeSameRegion, "Evanston, IL is 21.5 km from Chicago, IL, beyond 10 km; the same region, IL: 50%"},
		{"one name in another region is not a match", role{"Portland, OR", 0, false}, cand{"Portland, ME", "", false},
			0, placeFar, "Portland, ME is 4,081 km from Portland, OR, beyond 50 km: 0%"},
		{"a city the gazetteer lacks, by name", role{"Smallville, KS", 0, false}, cand{"Smallville, Kansas", "", false},
			1, placeSame, "Smallville, KS is the role's place: 100%"},
		{"a city the gazetteer lacks, another region", role{"Smallville, KS", 0, false}, cand{"Smallville, NE", "", false},
			0, placeFar, "Smallville, NE is not Smallville, KS: 0%"},
		{"remote wanted, remote allowed", role{"Chicago, IL", 0, true}, cand{"Remote", "", false},
			1, placeRemoteWanted, "wants remote work; the role allows it: 100%"},
		{"remote with a home city", role{"Chicago, IL", 0, true}, cand{"Remote (Austin, TX)", "", false},
			1, placeRemoteWanted, "wants remote work; the role allows it: 100%"},
		{"elsewhere, remote allowed", role{"Chicago, IL", 0, true}, cand{"Berlin, Germany", "", false},
			0.8, placeRemoteAllowed, "Berlin, DE is 7,087 km from Chicago, IL, beyond 50 km; the role allows remote work: 80%"},
		{"remote only, on site role", role{"Chicago, IL", 0, false}, cand{"Remote", "", false},
			0, placeRemoteOnly, "wants remote work; the role is on site in Chicago, IL: 0%"},
		{"remote within the US", role{"Remote (US)", 0, false}, cand{"Remote", "", false},
			1, placeRemoteWanted, "wants remote work; the role allows it in the US: 100%"},
		{"remote within the US, from Berlin", role{"Remote (US)", 0, false}, cand{"Berlin, DE", "", false},
			0, placeRemoteElsewhere, "Berlin, DE is outside the US, where the role allows remote work: 0%"},
		{"remote within the US, from Austin", role{"Remote (US)", 0, false}, cand{"Austin, TX", "", false},
			0.8, placeRemoteAllowed, "Austin, TX; the role allows remote work in the US: 80%"},
		{"willing to relocate", role{"Chicago, IL", 0, false}, cand{"Portland, ME", "", true},
			0.6, placeRelocate, "Portland, ME is 1,431 km from Chicago, IL, beyond 50 km; willing to relocate: 60%"},
		{"a region as the role's place", role{"Illinois", 0, false}, cand{"Evanston, IL", "", false},
			1, placeInside, "Evanston, IL is in Illinois: 100%"},
		{"a country as the role's place", role{"Germany", 0, false}, cand{"Munich", "", false},
			1, placeInside, "Munich, DE is in DE: 100%"},
		{"the wanted mode beats the radius", role{"Chicago, IL", 0, true}, cand{"Evanston, IL", RemoteMode, false},
			1, placeRemoteWanted, "wants remote work; the role allows it: 100%"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := newPlaceWant(tc.role.location, tc.role.radiusKm, tc.role.remote)
			h := newPlaceHave(tc.cand.location, tc.cand.mode, tc.cand.relocate)
			if !w.on() || !h.given {
				t.Fatalf("on %v, given %v: want both", w.on(), h.given)
			}
			m := w.match(&h)
			if m.credit != tc.credit || m.how != tc.how {
				t.Errorf("credit %v by rule %d, want %v by rule %d", m.credit, m.how, tc.credit, tc.how)
			}
			if got := w.reason(&h, m); got != tc.reason {
				t.Errorf("reason\n got %q\nwant %q", got, tc.reason)
			}
		})
	}
}

// TestChordDistance checks that the chord route gives the haversine
// distance, so the radius test and the km in explanations agree.
func TestChordDistance(t *testing.T) {
	for _, pair := range [][2]string{{"Evanston, IL", "Chicago, IL"}, {"Portland, ME", "Portland, OR"}, {"Berlin", "Chicago"}, {"Sydney, AU", "London, UK"}} {
		a, b := ParsePlace(pair[0]), ParsePlace(pair[1])
		km, _ := a.DistanceKm(b)
		got := chordKm(chord2(unitVector(a), unitVector(b)))
		if math.Abs(got-km) > 1e-6*km+1e-9 {
			t.Errorf("%s to %s: chord %v km, haversine %v km", pair[0], pair[1], got, km)
		}
	}
	for _, km := range []float64{0, 1, 50, 500, 20015} {
		if got := chordKm(kmChord2(km)); math.Abs(got-km) > 1e-6*km+1e-9 {
			t.Errorf("kmChord2(%v) reads back as %v km", km, got)
		}
	}
}

func TestParseWorkMode(t *testing.T) {
	for in, want := range map[string]WorkMode{"": AnyMode, "any": AnyMode, "Remote": RemoteMode, "on-site": OnsiteMode, "OFFICE": OnsiteMode, "hybrid": HybridMode} {
		if got, err := ParseWorkMode(in); got != want || err != nil {
			t.Errorf("ParseWorkMode(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := ParseWorkMode("sometimes"); err == nil {
		t.Error("ParseWorkMode(sometimes): want an error")
	}
}
