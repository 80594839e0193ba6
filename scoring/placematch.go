package scoring

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/certmatch/certmatch/scoring/internal/gazetteer"
)

// Location credits beside SameRegionCredit and RemoteCredit.
const (
	// DefaultRadiusKm is a role's radius when it gives none: a candidate
	// within it of the role's place earns full location credit.
	DefaultRadiusKm = 50
	// RelocateCredit is the location credit of a candidate beyond the
	// radius who is willing to relocate.
	RelocateCredit = 0.6
)

// WorkMode is how a candidate wants to work.
type WorkMode string

// Work modes; the empty mode is no preference.
const (
	AnyMode    WorkMode = ""
	RemoteMode WorkMode = "remote"
	OnsiteMode WorkMode = "onsite"
	HybridMode WorkMode = "hybrid"
)

// ParseWorkMode reads a work mode as people write it: "remote", "onsite"
// ("on-site", "office"), "hybrid", or "" and "any" for no preference, in
// any case.
func ParseWorkMode(s string) (WorkMode, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "any":
		return AnyMode, nil
	case "remote":
		return RemoteMode, nil
	case "onsite", "on-site", "on site", "office", "in office":
		return OnsiteMode, nil
	case "hybrid":
		return HybridMode, nil
	}
	return "", fmt.Errorf("%w: work mode %q (want remote, onsite, hybrid or any)", ErrInvalid, s)
}

// UnmarshalJSON reads a work mode with [ParseWorkMode].
func (m *WorkMode) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	v, err := ParseWorkMode(s)
	if err != nil {
		return err
	}
	*m = v
	return nil
}

// vec3 is a point of the unit sphere: comparing chords between points is
// comparing great-circle distances, without trigonometry per pair.
type vec3 struct{ x, y, z float64 }

func unitVector(p Place) vec3 {
	if !p.located {
		return vec3{}
	}
	const rad = math.Pi / 180
	φ, λ := p.lat*rad, p.lon*rad
	return vec3{math.Cos(φ) * math.Cos(λ), math.Cos(φ) * math.Sin(λ), math.Sin(φ)}
}

// chord2 is the squared chord between two points of the unit sphere.
func chord2(a, b vec3) float64 {
	dx, dy, dz := a.x-b.x, a.y-b.y, a.z-b.z
	return dx*dx + dy*dy + dz*dz
}

// chordKm is the great-circle distance in km of a squared chord: 2R
// asin(chord/2), the haversine distance by another road.
func chordKm(c2 float64) float64 {
	return 2 * gazetteer.EarthRadiusKm * math.Asin(min(1, math.Sqrt(c2)/2))
}

// kmChord2 is the squared chord of a great-circle distance in km.
func kmChord2(km float64) float64 {
	c := 2 * math.Sin(min(km, math.Pi*gazetteer.EarthRadiusKm)/(2*gazetteer.EarthRadiusKm))
	return c * c
}

// placeWant is a role's location rule, worked out once per plan, with
// what match asks of the role alone answered beforehand.
type placeWant struct {
	v        vec3
	within   float64 // kmChord2(radiusKm)
	located  bool    // place.located
	remote   bool    // remote work allowed: the role's remote flag or its location ("Remote (US)")
	site     bool    // onSite()
	inside   bool    // the role's place is a region or country, not remote work: a candidate in it is in place
	region   bool    // site and the role's place has a region, so a candidate of that region earns SameRegionCredit
	anywhere bool    // remote work allowed in any country the candidate is in
	place    Place
	radiusKm float64
	// Explanation texts, worked out once: the role's place as reason
	// writes it, and remoteWhere.
	text, remoteIn string
}

func newPlaceWant(location string, radiusKm float64, remote bool) placeWant {
	p := ParsePlace(location)
	if radiusKm <= 0 || badNumber(radiusKm) {
		radiusKm = DefaultRadiusKm
	}
	w := placeWant{place: p, radiusKm: radiusKm, within: kmChord2(radiusKm), v: unitVector(p), located: p.located, remote: remote || p.remote}
	w.site = w.onSite()
	w.inside = p.city == "" && !p.remote && p.country != ""
	w.region = w.site && p.region != ""
	w.anywhere = w.remote && (p.country == "" || w.site && !p.remote)
	w.text, w.remoteIn = p.String(), w.remoteWhere()
	return w
}

// on reports whether the role says anything about place.
func (w *placeWant) on() bool { return w.remote || !w.place.IsZero() }

// onSite reports whether the role has a place to work at, beside remote
// work or instead of it: a city, a region, or a country without "remote".
func (w *placeWant) onSite() bool {
	return w.place.city != "" || w.place.region != "" || w.place.country != "" && !w.place.remote
}

// placeHave is a candidate's place and preferences, worked out once per
// profile.
type placeHave struct {
	// What every match reads comes first, so a scan touches one cache
	// line of it.
	v        vec3
	given    bool // a place, remote work or relocation is given (on site or hybrid alone say nothing to match)
	relocate bool
	mode     WorkMode
	place    Place
}

func newPlaceHave(location string, mode WorkMode, relocate bool) placeHave {
	p := ParsePlace(location)
	if mode == AnyMode && p.remote {
		mode = RemoteMode // "Remote", "Remote (Austin, TX)": a place that says a preference
	}
	return placeHave{place: p, v: unitVector(p), mode: mode, relocate: relocate, given: !p.IsZero() || mode == RemoteMode || relocate}
}

// placeHow is which location rule decided a credit.
type placeHow uint8

const (
	placeWithin          placeHow = iota + 1 // located, within the radius
	placeSame                                // not located, the same city by name
	placeInside                              // the role's place is a region or country the candidate is in
	placeRemoteWanted                        // wants remote work, the role allows it
	placeRemoteAllowed                       // elsewhere, the role allows remote work
	placeRelocate                            // beyond the radius, willing to relocate
	placeSameRegion                          // beyond the radius, same state or country region
	placeRemoteElsewhere                     // remote work allowed, but only in another country
	placeRemoteOnly                          // wants remote work, the role is on site
	placeFar                                 // none of the above
)

// placeMatch is a location credit and what decided it.
type placeMatch struct {
	credit float64
	how    placeHow
	c2     float64 // squared chord between the places; -1 when not measured
}

// match is the one location rule: Points and Explain both call it.
func (w *placeWant) match(h *placeHave) placeMatch {
	c2 := -1.0
	if w.located && h.place.located {
		c2 = chord2(w.v, h.v)
	}
	// Remote work, where the role allows it in the candidate's country.
	remoteOK := w.anywhere || w.remote && (h.place.country == "" || w.place.country == h.place.country)
	remoteWanted := h.mode == RemoteMode
	switch {
	case remoteWanted && remoteOK:
		return placeMatch{1, placeRemoteWanted, c2}
	case c2 >= 0 && c2 <= w.within:
		return placeMatch{1, placeWithin, c2}
	case c2 < 0 && w.site && sameCity(w.place, h.place):
		return placeMatch{1, placeSame, c2}
	case w.inside && w.place.country == h.place.country && (w.place.region == "" || w.place.region == h.place.region):
		return placeMatch{1, placeInside, c2}
	case remoteOK && h.given:
		return placeMatch{RemoteCredit, placeRemoteAllowed, c2}
	case remoteWanted && w.site && h.place.city == "":
		return placeMatch{0, placeRemoteOnly, c2}
	case h.relocate && w.site:
		return placeMatch{RelocateCredit, placeRelocate, c2}
	case w.region && w.place.region == h.place.region && w.place.country == h.place.country:
		return placeMatch{SameRegionCredit, placeSameRegion, c2}
	case w.remote && !remoteOK:
		return placeMatch{0, placeRemoteElsewhere, c2}
	}
	return placeMatch{0, placeFar, c2}
}

// sameCity compares places the gazetteer does not both know, by name: the
// same folded city, and the same region and country where both give one.
// Portland, ME is not Portland, OR.
func sameCity(a, b Place) bool {
	if a.city == "" || b.city == "" || !strings.EqualFold(gazetteer.Fold(a.city), gazetteer.Fold(b.city)) {
		return false
	}
	if a.region != "" && b.region != "" && !strings.EqualFold(a.region, b.region) {
		return false
	}
	return a.country == "" || b.country == "" || a.country == b.country
}

// reason says in words what decided m: "Evanston, IL is 21.5 km from
// Chicago, IL, within 50 km: 100%".
func (w *placeWant) reason(h *placeHave, m placeMatch) string {
	have, want := h.place.String(), w.text
	if have == "" {
		have = "no place given"
	}
	dist := ""
	if m.c2 >= 0 {
		dist = have + " is " + kmWords(chordKm(m.c2)) + " from " + want
	}
	beyond := func(then string) string {
		if dist == "" {
			return have + " is not " + want + "; " + then
		}
		return dist + ", beyond " + kmWords(w.radiusKm) + "; " + then
	}
	var s string
	switch m.how {
	case placeWithin:
		s = dist + ", within " + kmWords(w.radiusKm)
		if have == want {
			s = have + " is the role's place"
		}
	case placeSame:
		s = have + " is the role's place"
	case placeInside:
		s = have + " is in " + want
	case placeRemoteWanted:
		s = "wants remote work; the role allows it" + w.remoteIn
	case placeRemoteAllowed:
		s = beyond("the role allows remote work" + w.remoteIn)
		if !w.onSite() {
			s = have + "; the role allows remote work" + w.remoteIn
		}
	case placeRelocate:
		s = beyond("willing to relocate")
	case placeSameRegion:
		s = beyond("the same region, " + w.place.region)
	case placeRemoteOnly:
		s = "wants remote work; the role is on site in " + want
	case placeRemoteElsewhere:
		s = have + " is outside " + w.remoteIn[len(" in "):] + ", where the role allows remote work"
	default:
		switch {
		case dist != "" && w.onSite():
			s = dist + ", beyond " + kmWords(w.radiusKm)
		case w.onSite():
			s = have + " is not " + want
		default:
			s = have
		}
	}
	return s + ": " + percent(m.credit)
}

// remoteWhere is " in the US" for a role whose remote work is bound to a
// country, "" otherwise.
func (w *placeWant) remoteWhere() string {
	if w.place.country == "" || w.onSite() && !w.place.remote {
		return ""
	}
	if l, ok := countryLabels[w.place.country]; ok {
		return " in " + l
	}
	if w.place.country == "US" {
		return " in the US"
	}
	return " in " + w.place.country
}

// kmWords writes a distance for people: "21.5 km" under 100 km, "4,081
// km" above.
func kmWords(km float64) string {
	if km < 100 {
		return forPeople(km) + " km"
	}
	return groupThousands(strconv.FormatFloat(math.Round(km), 'f', 0, 64)) + " km"
}
