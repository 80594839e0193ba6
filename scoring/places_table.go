package scoring

import "github.com/certmatch/certmatch/scoring/internal/gazetteer"

// region is a US state or Canadian province.
type region struct{ country, code string }

// regionKeys maps folded postal codes, names and common abbreviations of
// US states (with DC and the territories) and Canadian provinces and
// territories to the region.
var regionKeys = map[string]region{}

// regionNames maps country and code ("USIL") to the region's name.
var regionNames = map[string]string{}

func init() {
	for _, r := range []struct {
		country, code, name string
		more                []string
	}{
		{"US", "AL", "Alabama", []string{"ala"}}, {"US", "AK", "Alaska", nil}, {"US", "AZ", "Arizona", []string{"ariz"}},
		{"US", "AR", "Arkansas", []string{"ark"}}, {"US", "CA", "California", []string{"calif", "cali"}},
		{"US", "CO", "Colorado", []string{"colo"}}, {"US", "CT", "Connecticut", []string{"conn"}},
		{"US", "DE", "Delaware", []string{"del"}}, {"US", "DC", "District of Columbia", nil},
		{"US", "FL", "Florida", []string{"fla"}}, {"US", "GA", "Georgia", nil}, {"US", "HI", "Hawaii", nil},
		{"US", "ID", "Idaho", nil}, {"US", "IL", "Illinois", []string{"ill"}}, {"US", "IN", "Indiana", []string{"ind"}},
		{"US", "IA", "Iowa", nil}, {"US", "KS", "Kansas", []string{"kan"}}, {"US", "KY", "Kentucky", nil},
		{"US", "LA", "Louisiana", nil}, {"US", "ME", "Maine", nil}, {"US", "MD", "Maryland", nil},
		{"US", "MA", "Massachusetts", []string{"mass"}}, {"US", "MI", "Michigan", []string{"mich"}},
		{"US", "MN", "Minnesota", []string{"minn"}}, {"US", "MS", "Mississippi", []string{"miss"}},
		{"US", "MO", "Missouri", nil}, {"US", "MT", "Montana", []string{"mont"}}, {"US", "NE", "Nebraska", []string{"neb"}},
		{"US", "NV", "Nevada", []string{"nev"}}, {"US", "NH", "New Hampshire", nil}, {"US", "NJ", "New Jersey", nil},
		{"US", "NM", "New Mexico", nil}, {"US", "NY", "New York", nil}, {"US", "NC", "North Carolina", nil},
		{"US", "ND", "North Dakota", nil}, {"US", "OH", "Ohio", nil}, {"US", "OK", "Oklahoma", []string{"okla"}},
		{"US", "OR", "Oregon", []string{"ore"}}, {"US", "PA", "Pennsylvania", []string{"penn", "penna"}},
		{"US", "RI", "Rhode Island", nil}, {"US", "SC", "South Carolina", nil}, {"US", "SD", "South Dakota", nil},
		{"US", "TN", "Tennessee", []string{"tenn"}}, {"US", "TX", "Texas", []string{"tex"}}, {"US", "UT", "Utah", nil},
		{"US", "VT", "Vermont", nil}, {"US", "VA", "Virginia", nil}, {"US", "WA", "Washington", []string{"wash"}},
		{"US", "WV", "West Virginia", nil}, {"US", "WI", "Wisconsin", []string{"wis", "wisc"}}, {"US", "WY", "Wyoming", nil},
		{"US", "PR", "Puerto Rico", nil}, {"US", "GU", "Guam", nil}, {"US", "VI", "U.S. Virgin Islands", nil},
		{"CA", "AB", "Alberta", nil}, {"CA", "BC", "British Columbia", nil}, {"CA", "MB", "Manitoba", nil},
		{"CA", "NB", "New Brunswick", nil}, {"CA", "NL", "Newfoundland and Labrador", []string{"newfoundland"}},
		{"CA", "NS", "Nova Scotia", nil}, {"CA", "ON", "Ontario", []string{"ont"}},
		{"CA", "PE", "Prince Edward Island", []string{"pei"}}, {"CA", "QC", "Quebec", []string{"que", "pq"}},
		{"CA", "SK", "Saskatchewan", []string{"sask"}}, {"CA", "YT", "Yukon", nil},
		{"CA", "NT", "Northwest Territories", nil}, {"CA", "NU", "Nunavut", nil},
	} {
		rg := region{r.country, r.code}
		regionNames[r.country+r.code] = r.name
		regionKeys[gazetteer.Fold(r.code)] = rg
		regionKeys[gazetteer.Fold(r.name)] = rg
		for _, m := range r.more {
			regionKeys[m] = rg
		}
	}
}

// regionOf finds the region a folded key names, in country when it is
// not "".
func regionOf(k, country string) (cc, code string, ok bool) {
	r, ok := regionKeys[k]
	if !ok || country != "" && r.country != country {
		return "", "", false
	}
	return r.country, r.code, true
}

// countryNames maps folded country names people write to ISO codes; a
// two-letter code of a country in the gazetteer needs no entry.
var countryNames = map[string]string{
	"usa": "US", "united states": "US", "united states of america": "US", "america": "US",
	"uk": "GB", "united kingdom": "GB", "great britain": "GB", "britain": "GB", "england": "GB", "scotland": "GB",
	"wales": "GB", "northern ireland": "GB",
	"canada": "CA", "mexico": "MX", "brazil": "BR", "brasil": "BR", "argentina": "AR", "chile": "CL", "colombia": "CO", "peru": "PE",
	"germany": "DE", "deutschland": "DE", "france": "FR", "spain": "ES", "portugal": "PT", "italy": "IT", "ireland": "IE",
	"netherlands": "NL", "the netherlands": "NL", "holland": "NL", "belgium": "BE", "luxembourg": "LU", "switzerland": "CH",
	"austria": "AT", "poland": "PL", "czech republic": "CZ", "czechia": "CZ", "slovakia": "SK", "hungary": "HU",
	"romania": "RO", "bulgaria": "BG", "greece": "GR", "croatia": "HR", "serbia": "RS", "slovenia": "SI", "ukraine": "UA",
	"lithuania": "LT", "latvia": "LV", "estonia": "EE", "sweden": "SE", "norway": "NO", "denmark": "DK", "finland": "FI",
	"iceland": "IS", "turkey": "TR", "turkiye": "TR", "israel": "IL", "egypt": "EG", "south africa": "ZA", "nigeria": "NG", "kenya": "KE",
	"morocco": "MA", "united arab emirates": "AE", "uae": "AE", "saudi arabia": "SA", "india": "IN", "pakistan": "PK",
	"bangladesh": "BD", "sri lanka": "LK", "china": "CN", "hong kong": "HK", "taiwan": "TW", "japan": "JP",
	"south korea": "KR", "korea": "KR", "singapore": "SG", "malaysia": "MY", "indonesia": "ID", "philippines": "PH",
	"vietnam": "VN", "viet nam": "VN", "thailand": "TH", "australia": "AU", "new zealand": "NZ",
}

// countryLabels are the country names String writes where a code would
// read as something else ("CA" as California).
var countryLabels = map[string]string{"CA": "Canada", "GB": "UK"}

// countryOf finds the country a folded key names: a common name, or the
// two-letter code of a country in the gazetteer.
func countryOf(k string) (string, bool) {
	if cc, ok := countryNames[k]; ok {
		return cc, true
	}
	if len(k) == 2 && k[0] >= 'a' && k[0] <= 'z' && k[1] >= 'a' && k[1] <= 'z' {
		cc := string([]byte{k[0] - ('a' - 'A'), k[1] - ('a' - 'A')})
		if gazetteer.HasCountry(cc) {
			return cc, true
		}
	}
	return "", false
}

// alias is a name people use for a city: the city's folded name in the
// gazetteer, its region (for the US and Canada) and its country.
type alias struct{ city, region, country string }

// placeAliases maps folded nicknames, abbreviations and older names of
// cities to the gazetteer's names.
var placeAliases = map[string]alias{
	"nyc": {"new york", "NY", "US"}, "ny city": {"new york", "NY", "US"}, "new york city": {"new york", "NY", "US"},
	"new york": {"new york", "NY", "US"},
	"sf":       {"san francisco", "CA", "US"}, "san fran": {"san francisco", "CA", "US"}, "bay area": {"san francisco", "CA", "US"},
	"sf bay area": {"san francisco", "CA", "US"}, "san francisco bay area": {"san francisco", "CA", "US"},
	"silicon valley": {"san jose", "CA", "US"},
	"la":             {"los angeles", "CA", "US"},
	"dc":             {"washington", "DC", "US"}, "washington dc": {"washington", "DC", "US"},
	"philly": {"philadelphia", "PA", "US"}, "vegas": {"las vegas", "NV", "US"}, "atl": {"atlanta", "GA", "US"},
	"nola": {"new orleans", "LA", "US"}, "dfw": {"dallas", "TX", "US"}, "twin cities": {"minneapolis", "MN", "US"},
	"research triangle": {"raleigh", "NC", "US"}, "rtp": {"raleigh", "NC", "US"},
	"dallas ft worth": {"dallas", "TX", "US"}, "gta": {"toronto", "ON", "CA"}, "quebec city": {"quebec", "QC", "CA"},
	"bombay": {"mumbai", "", "IN"}, "bangalore": {"bengaluru", "", "IN"}, "madras": {"chennai", "", "IN"},
	"calcutta": {"kolkata", "", "IN"}, "kiev": {"kyiv", "", "UA"},
	"peking": {"beijing", "", "CN"}, "saigon": {"ho chi minh city", "", "VN"},
}
