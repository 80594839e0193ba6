package scoring

import (
	"slices"
	"strings"

	"github.com/certmatch/certmatch/scoring/internal/gazetteer"
)

// Place is a location read for matching: a city, a region and a country,
// with coordinates when the bundled gazetteer knows the city, and whether
// the text speaks of remote or hybrid work. [ParsePlace] and [PlaceOf]
// make one; the zero Place is "no location given". A Place is a small
// value, safe to copy and compare with ==.
type Place struct {
	// What matching reads first comes first.
	located               bool
	remote, hybrid        bool
	country, region, city string
	lat, lon              float64
}

// City returns the city: the gazetteer's name when it knows the place
// ("New York" for "NYC"), else as written; "" when none is given.
func (p Place) City() string { return p.city }

// Region returns the region: a US state's or Canadian province's postal
// code ("IL", "ON"), GeoNames' admin1 code elsewhere when the gazetteer
// knows the city, else as written; "" when none is known.
func (p Place) Region() string { return p.region }

// Country returns the ISO 3166-1 alpha-2 code ("US"), or "" when none is
// known.
func (p Place) Country() string { return p.country }

// Remote reports whether the text speaks of remote work ("Remote",
// "Remote (US)", "Chicago or remote").
func (p Place) Remote() bool { return p.remote }

// Hybrid reports whether the text speaks of hybrid work ("Hybrid -
// Chicago").
func (p Place) Hybrid() bool { return p.hybrid }

// Located reports whether the place has coordinates from the gazetteer, so
// that [Place.DistanceKm] can measure from it.
func (p Place) Located() bool { return p.located }

// IsZero reports whether p says nothing: no city, region, country or mode
// of work.
func (p Place) IsZero() bool { return p == Place{} }

// DistanceKm returns the great-circle distance between two located places
// in kilometres; ok is false when either has no coordinates.
func (p Place) DistanceKm(q Place) (km float64, ok bool) {
	if !p.located || !q.located {
		return 0, false
	}
	return gazetteer.Distance(p.lat, p.lon, q.lat, q.lon), true
}

// String writes the place as recruiters read it: "Evanston, IL" in the US
// and Canada, "Berlin, DE" elsewhere, "Illinois" for a region alone,
// "Remote (US)", "Chicago, IL (hybrid)"; "" for the zero Place.
func (p Place) String() string {
	loc := p.city
	switch {
	case p.city != "" && p.region != "" && northAmerica(p.country):
		loc += ", " + p.region
	case p.city != "" && p.country != "":
		loc += ", " + p.country
	case p.city != "":
	case p.region != "":
		loc = p.region
		if name, ok := regionNames[p.country+p.region]; ok {
			loc = name
		} else if p.country != "" {
			loc += ", " + p.country
		}
	default:
		loc = p.country
		if l, ok := countryLabels[p.country]; ok {
			loc = l
		}
	}
	mode := ""
	switch {
	case p.remote:
		mode = "remote"
	case p.hybrid:
		mode = "hybrid"
	}
	switch {
	case mode == "":
		return loc
	case loc == "":
		return strings.ToUpper(mode[:1]) + mode[1:]
	case p.city == "" && p.region == "":
		return strings.ToUpper(mode[:1]) + mode[1:] + " (" + loc + ")"
	}
	return loc + " (" + mode + ")"
}

// Key is the place for grouping and filtering: String without the mode
// of work ("Chicago, IL" for "Hybrid - Chicago", "Munich, DE"), except for
// a place that is only remote work ("Remote", "Remote (US)"); "" for the
// zero Place. Places that are one place have one Key: "Evanston,
// Illinois" and "evanston il" are both "Evanston, IL".
func (p Place) Key() string {
	if p.city != "" || p.region != "" {
		p.remote, p.hybrid = false, false
	}
	return p.String()
}

func northAmerica(country string) bool { return country == "US" || country == "CA" }

// ParsePlace reads a location as people write it:
//
//   - "City, Region" and "City, Region, Country", with US states and
//     Canadian provinces by postal code or name ("Evanston, Illinois",
//     "Toronto, ON, Canada"), and without the comma ("Chicago IL");
//   - "City, Country" by ISO code or common name ("Berlin, DE", "London,
//     UK"); a code that is both a state and a country ("IN", "DE", "CA")
//     is the state unless the gazetteer finds the city only in the
//     country;
//   - a region or a country alone ("Illinois", "Canada");
//   - common city aliases: NYC, SF, LA, DC, Philly, Vegas, the Bay Area
//     and others, and older names (Bombay, Bangalore, Kiev);
//   - remote and hybrid work: "Remote", "Remote (US)", "Hybrid - Chicago",
//     "Chicago or remote"; on-site markers are read and dropped;
//   - street parts before the city and postal codes are skipped
//     ("Lincoln Park, Chicago, IL 60614"), and so are the words that widen
//     a city to its area ("Greater Chicago Area", "Chicago metro").
//
// A city given alone is the most populous place of that name ("Portland"
// is Portland, OR); a city the gazetteer does not know is kept as written,
// without coordinates. Parsing never fails: text it cannot read gives the
// zero Place or a city as written.
func ParsePlace(s string) Place {
	var p Place
	var keysBuf [8]string
	keys := keysBuf[:0]
	start := 0
	for i := 0; i <= len(s); i++ {
		if i < len(s) && !placeSep(s[i]) {
			continue
		}
		if k := gazetteer.Fold(s[start:i]); k != "" {
			k = stripArea(stripPostal(p.stripModes(k)))
			if k != "" {
				keys = append(keys, k)
			}
		}
		start = i + 1
	}
	p.resolve(keys)
	return p
}

// PlaceOf is the place of a structured location (as in a JSON Resume
// location object or a job's address): a city, a region and a country,
// each optional, read as [ParsePlace] reads them. A country given here is
// taken as given, so "Ontario" with "CA" is the province, not the city in
// California.
func PlaceOf(city, region, country string) Place {
	var p Place
	c, r, k := gazetteer.Fold(city), gazetteer.Fold(region), gazetteer.Fold(country)
	if r == c {
		r = "" // "Berlin, Berlin, DE": the region repeats the city
	}
	cc, ok := countryOf(k)
	switch {
	case k == "" || !ok:
		p.resolve(slices.DeleteFunc([]string{c, r, k}, func(s string) bool { return s == "" }))
	case c != "" && r != "":
		p.two(c, r, cc)
	case c != "":
		p.setCity(c, "", cc)
	case r != "":
		p.country = cc
		if rc, code, ok := regionOf(r, cc); ok {
			p.region, p.country = code, rc
		} else {
			p.region = titleWords(r)
		}
	default:
		p.country = cc
	}
	return p
}

func placeSep(c byte) bool {
	switch c {
	case ',', '(', ')', '/', '|', ':', ';', '[', ']', '\n':
		return true
	}
	return false
}

// The kinds of word that speak of a mode of work.
const (
	modeNone uint8 = iota
	modeRemote
	modeHybrid
	modeOnsite
	// modeFiller words only count beside another ("fully remote",
	// "remote first", "remote in US").
	modeFiller
)

// modeWords are the words of modes of work ("on site" and "in office" are
// a filler and a word).
var modeWords = map[string]uint8{
	"remote": modeRemote, "remotely": modeRemote, "wfh": modeRemote, "telecommute": modeRemote, "anywhere": modeRemote,
	"distributed": modeRemote, "hybrid": modeHybrid,
	"onsite": modeOnsite, "site": modeOnsite, "office": modeOnsite, "person": modeOnsite, "on": modeFiller,
	"fully": modeFiller, "100%": modeFiller, "only": modeFiller, "first": modeFiller, "friendly": modeFiller, "ok": modeFiller,
	"or": modeFiller, "and": modeFiller, "&": modeFiller, "in": modeFiller, "within": modeFiller, "from": modeFiller,
	"work": modeFiller, "home": modeFiller, "based": modeFiller, "possible": modeFiller, "available": modeFiller,
	"optional": modeFiller,
}

// stripModes removes the words of a mode of work from the start and the
// end of folded part k, setting p's flags, and returns what is left.
func (p *Place) stripModes(k string) string {
	first, _ := firstWord(k)
	_, last := lastWord(k)
	if modeWords[first] == modeNone && modeWords[last] == modeNone && !strings.Contains(k, "work from home") {
		return k // the common case: no mode of work
	}
	marked := false
	mark := func(kind uint8) {
		switch kind {
		case modeRemote:
			p.remote = true
		case modeHybrid:
			p.hybrid = true
		}
		marked = marked || kind != modeFiller
	}
	if i := strings.Index(k, "work from home"); i >= 0 {
		mark(modeRemote)
		k = strings.TrimSpace(k[:i] + k[i+len("work from home"):])
	}
	for k != "" {
		w, rest := firstWord(k)
		kind := modeWords[w]
		if kind == modeNone || kind == modeFiller && !marked && !isModeWord(rest) {
			break
		}
		mark(kind)
		k = rest
	}
	for k != "" {
		rest, w := lastWord(k)
		kind := modeWords[w]
		if kind == modeNone || kind == modeFiller && !marked && !isModeWord(rest) {
			break
		}
		mark(kind)
		k = rest
	}
	return k
}

// isModeWord reports whether the first or last word of k marks a mode of
// work, so that a filler beside it ("fully" in "fully remote") goes too.
func isModeWord(k string) bool {
	w, _ := firstWord(k)
	_, l := lastWord(k)
	fk, lk := modeWords[w], modeWords[l]
	return fk != modeNone && fk != modeFiller || lk != modeNone && lk != modeFiller
}

// firstWord splits folded k into its first word and the rest.
func firstWord(k string) (w, rest string) {
	w, rest, _ = strings.Cut(k, " ")
	return w, rest
}

// lastWord splits folded k into all but its last word, and its last word.
func lastWord(k string) (rest, w string) {
	i := strings.LastIndexByte(k, ' ')
	if i < 0 {
		return "", k
	}
	return k[:i], k[i+1:]
}

// stripArea drops the words that widen a city to its area: "Greater
// Chicago Area", "Chicago metro", "Chicago area" are Chicago; an alias
// ("Bay Area") is left whole.
func stripArea(k string) string {
	if _, ok := placeAliases[k]; ok {
		return k
	}
	if rest, ok := strings.CutPrefix(k, "greater "); ok {
		k = rest
	}
	for _, suffix := range []string{" metropolitan area", " metro area", " area", " metro", " region"} {
		if rest, ok := strings.CutSuffix(k, suffix); ok && rest != "" {
			return rest
		}
	}
	return k
}

// stripPostal drops postal codes: a part of digits ("60614"), or a code
// after a region ("il 60614" is "il").
func stripPostal(k string) string {
	for k != "" {
		rest, w := lastWord(k)
		if !digits(w) {
			return k
		}
		k = rest
	}
	return k
}

func digits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if (s[i] < '0' || s[i] > '9') && s[i] != '-' {
			return false
		}
	}
	return true
}

// resolve reads the folded parts of a location, the last part the most
// general.
func (p *Place) resolve(keys []string) {
	switch n := len(keys); {
	case n == 0:
	case n == 1:
		p.one(keys[0])
	case n >= 3:
		// "…, City, Region, Country", unless the last part is a region
		// with the city before it ("Lincoln Park, Chicago, IL"): the
		// reading that finds the city wins, the first when neither does.
		if cc, ok := countryOf(keys[n-1]); ok {
			// The country reading first when the middle part is a region
			// of the country ("Toronto, ON, CA") or the last part is no
			// region; the region reading first otherwise.
			_, _, lastRegion := regionOf(keys[n-1], "")
			_, _, midRegion := regionOf(keys[n-2], cc)
			readings := [2]func() bool{
				func() bool { return p.two(keys[n-3], keys[n-2], cc) },
				func() bool { return p.two(keys[n-2], keys[n-1], "") },
			}
			if lastRegion && !midRegion {
				readings[0], readings[1] = readings[1], readings[0]
			}
			saved := *p
			if readings[0]() {
				return
			}
			first := *p
			*p = saved
			if !readings[1]() {
				*p = first
			}
			return
		}
		fallthrough
	default:
		p.two(keys[n-2], keys[n-1], "")
	}
}

// one reads a location of one part: an alias, a region, a country, a
// city, or a city followed by its region or country without a comma.
func (p *Place) one(k string) {
	if a, ok := placeAliases[k]; ok {
		p.setCity(a.city, a.region, a.country)
		return
	}
	if cc, code, ok := regionOf(k, ""); ok {
		p.region, p.country = code, cc
		return
	}
	if cc, ok := countryOf(k); ok {
		p.country = cc
		return
	}
	if c, ok := gazetteer.Find(k, "", ""); ok {
		p.setFound(c)
		return
	}
	// "Chicago IL", "Evanston Illinois", "New York NY", "Toronto Canada":
	// the shortest tail that is a region or a country and leaves a city
	// the gazetteer finds; else the first such tail, with the city as
	// written.
	saved := *p
	var first *Place
	for i := len(k) - 1; i > 0; i-- {
		if k[i] != ' ' {
			continue
		}
		city, tail := k[:i], k[i+1:]
		if _, _, ok := regionOf(tail, ""); !ok {
			if _, ok := countryOf(tail); !ok {
				continue
			}
		}
		if p.two(city, tail, "") {
			return
		}
		if first == nil {
			f := *p
			first = &f
		}
		*p = saved
	}
	if first != nil {
		*p = *first
		return
	}
	p.city = titleWords(k)
}

// two reads "City, Region" or "City, Country", or "Region, Country" (when
// country is given, Region must be of it). It reports whether the city
// was found in the gazetteer.
func (p *Place) two(a, b, country string) bool {
	modes := Place{remote: p.remote, hybrid: p.hybrid}
	if country != "" {
		// b is the region of a city a in country.
		*p = modes
		p.country = country
		if cc, code, ok := regionOf(b, country); ok {
			return p.setCity(a, code, cc)
		}
		found := p.setCity(a, "", country)
		if !found {
			p.region = titleWords(b)
		}
		return found
	}
	cc, code, isRegion := regionOf(b, "")
	bc, isCountry := countryOf(b)
	if isCountry {
		if rc, rcode, ok := regionOf(a, bc); ok && !isRegion {
			// "Ontario, Canada", "Illinois, USA".
			*p = modes
			p.region, p.country = rcode, rc
			return false
		}
	}
	switch {
	case isRegion && isCountry:
		if p.setCity(a, code, cc) {
			return true
		}
		*p = modes
		if p.setCity(a, "", bc) {
			return true
		}
		*p = modes
		return p.setCity(a, code, cc)
	case isRegion:
		return p.setCity(a, code, cc)
	case isCountry:
		return p.setCity(a, "", bc)
	}
	// "Bengaluru, Karnataka": a region the tables do not know.
	if p.setCity(a, "", "") {
		return true
	}
	p.region = titleWords(b)
	return false
}

// setCity sets the city a (folded) in the given region and country, from
// the gazetteer when it has it, and reports whether it did.
func (p *Place) setCity(a, region, country string) bool {
	if al, ok := placeAliases[a]; ok && (region == "" || region == al.region) && (country == "" || country == al.country) {
		a, region, country = al.city, al.region, al.country
	}
	if c, ok := gazetteer.Find(a, country, region); ok {
		p.setFound(c)
		return true
	}
	p.city, p.region, p.country = titleWords(a), region, country
	return false
}

func (p *Place) setFound(c gazetteer.City) {
	p.city, p.region, p.country = c.Name, c.Region, c.Country
	p.lat, p.lon, p.located = c.Lat, c.Lon, true
}

// titleWords capitalises each word of a folded name the gazetteer does
// not know: "smallville" is "Smallville".
func titleWords(k string) string {
	b := []byte(k)
	up := true
	for i, c := range b {
		if up && c >= 'a' && c <= 'z' {
			b[i] = c - ('a' - 'A')
		}
		up = c == ' '
	}
	return string(b)
}

// LocationFilter is a location as a filter of candidates' places, matched
// against their keys ([Profile.Location], [Place.Key]): the same place, or,
// for a city the gazetteer does not know given alone ("Smallville"), that
// city in any region.
type LocationFilter struct {
	// Key is the filter place's Key; "" matches nothing.
	Key string
	// CityPrefix, when not "", also matches keys that start with it: the
	// unknown city and a comma ("Smallville, ").
	CityPrefix string
}

// ParseLocationFilter reads a location filter as ParsePlace reads a place.
func ParseLocationFilter(s string) LocationFilter {
	p := ParsePlace(s)
	f := LocationFilter{Key: p.Key()}
	if p.city != "" && p.region == "" && p.country == "" {
		f.CityPrefix = f.Key + ", "
	}
	return f
}

// Matches reports whether a place key passes the filter.
func (f LocationFilter) Matches(key string) bool {
	return key != "" && (key == f.Key || f.CityPrefix != "" && strings.HasPrefix(key, f.CityPrefix))
}
