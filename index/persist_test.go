package index

import (
	"context"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/certmatch/certmatch/internal/gen"
	"github.com/certmatch/certmatch/internal/safe"
	"github.com/certmatch/certmatch/scoring"
)

// rankings ranks every bundled role over every candidate, and the first
// page of eligible ones.
func rankings(t *testing.T, ix *Index) map[string][]RankPage {
	t.Helper()
	ctx := context.Background()
	out := map[string][]RankPage{}
	for _, role := range seedRoles(t) {
		plan, err := ix.scorer.Compile(role)
		if err != nil {
			t.Fatal(err)
		}
		for _, req := range []RankRequest{{IncludeIneligible: true, Limit: 1000}, {Limit: 5}, {Offset: 2, Limit: 3, IncludeIneligible: true}} {
			page, err := ix.Rank(ctx, plan, req)
			if err != nil {
				t.Fatal(err)
			}
			out[role.ID] = append(out[role.ID], page)
		}
	}
	return out
}

// writtenIndex makes an on-disk index of the bundled candidates through
// several batches, a replacement and a delete (so slots are reused), closes
// it, and returns its path, the candidates it holds and its RankFile as
// it was before the last batch.
func writtenIndex(t *testing.T) (dir string, held []scoring.Candidate, before []byte) {
	t.Helper()
	ctx := context.Background()
	dir = filepath.Join(t.TempDir(), "ix")
	cands := bundled(t)
	ix, err := Open(ctx, Options{Path: dir, Scorer: newScorer(t), BatchSize: 4})
	if err != nil {
		t.Fatal(err)
	}
	put(t, ix, cands)
	if _, err := ix.Delete(ctx, cands[1].ID); err != nil {
		t.Fatal(err)
	}
	if err := ix.Compact(ctx); err != nil {
		t.Fatal(err)
	}
	before, err = os.ReadFile(filepath.Join(dir, RankFile))
	if err != nil {
		t.Fatalf("no %s after Compact: %v", RankFile, err)
	}
	moved := cands[2]
	moved.Skills = append(moved.Skills, "kafka")
	moved.Location = "Berlin, Germany"
	put(t, ix, []scoring.Candidate{moved})
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	held = append([]scoring.Candidate{cands[0], moved}, cands[3:]...)
	return dir, held, before
}

// rankLayout is where a rank file's parts are: the header's bytes and
// each section's.
type rankLayout struct {
	hdr      [2]int // start, end
	writesAt int    // the write counter's offset
	liveAt   int    // the record count's offset
	sumsAt   int    // the first section's length and checksum
	secs     [sections][2]int
}

func layoutOf(t *testing.T, b []byte) rankLayout {
	t.Helper()
	var l rankLayout
	hl := int(binary.LittleEndian.Uint32(b[len(rankMagic)+4:]))
	l.hdr = [2]int{rankFixed, rankFixed + hl}
	fl, n := binary.Uvarint(b[rankFixed:])
	l.writesAt = rankFixed + n + int(fl)
	l.liveAt = l.writesAt + 8
	_, n = binary.Uvarint(b[l.liveAt+8:])
	l.sumsAt = l.liveAt + 8 + n
	at := l.hdr[1] + 4
	for i := range l.secs {
		size := int(binary.LittleEndian.Uint64(b[l.sumsAt+12*i:]))
		l.secs[i] = [2]int{at, at + size}
		at += size
	}
	if at != len(b) {
		t.Fatalf("rank file layout: sections end at %d of %d bytes", at, len(b))
	}
	return l
}

// resealed returns a copy of a rank file changed by edit (which may
// change section contents, not their lengths) with every checksum right
// again.
func resealed(t *testing.T, b []byte, edit func(g []byte, l rankLayout)) []byte {
	t.Helper()
	g := append([]byte(nil), b...)
	l := layoutOf(t, g)
	edit(g, l)
	for i, sec := range l.secs {
		binary.LittleEndian.PutUint32(g[l.sumsAt+12*i+8:], crc32.Checksum(g[sec[0]:sec[1]], castagnoli))
	}
	binary.LittleEndian.PutUint32(g[l.hdr[1]:], crc32.Checksum(g[:l.hdr[1]], castagnoli))
	return g
}

// flipped returns a copy of b with one byte in the middle of [from, to)
// changed.
func flipped(b []byte, from, to int) []byte {
	g := append([]byte(nil), b...)
	g[(from+to)/2] ^= 0x40
	return g
}

var sectionNames = [sections]string{"ids", "terms", "profiles", "postings"}

func TestRankFile(t *testing.T) {
	type damage func(t *testing.T, file, before []byte) []byte // nil removes the file
	cases := []struct {
		name, why string
		damage    damage
		read      bool
	}{
		{"persisted", "a file written at Close matches the index", func(_ *testing.T, f, _ []byte) []byte { return f }, true},
		{"missing", "no file: rebuilt from bleve", nil, false},
		{"stale write counter", "a file from before the last batch (a crash before it was written again)", func(_ *testing.T, _, b []byte) []byte { return b }, false},
		{"stale write counter resealed", "the last batch's file with the counter of the one before, checksums intact", func(t *testing.T, f, _ []byte) []byte {
			return resealed(t, f, func(g []byte, l rankLayout) {
				binary.LittleEndian.PutUint64(g[l.writesAt:], binary.LittleEndian.Uint64(g[l.writesAt:])-1)
			})
		}, false},
		{"stale fingerprint", "a file written under another catalog, checksums intact", func(t *testing.T, f, _ []byte) []byte {
			return resealed(t, f, func(g []byte, l rankLayout) { g[l.hdr[0]+1] ^= 1 }) // first byte of the fingerprint
		}, false},
		{"other format", "a file of a newer format version, checksums intact", func(t *testing.T, f, _ []byte) []byte {
			return resealed(t, f, func(g []byte, _ rankLayout) { g[len(rankMagic)] = rankVersion + 1 })
		}, false},
		{"older format", "a file of the format before (per-record), checksums intact", func(t *testing.T, f, _ []byte) []byte {
			return resealed(t, f, func(g []byte, _ rankLayout) { g[len(rankMagic)] = rankVersion - 1 })
		}, false},
		{"not a rank file", "another file under the name", func(_ *testing.T, f, _ []byte) []byte {
			g := append([]byte(nil), f...)
			g[0] = 'X'
			return g
		}, false},
		{"record count", "a header claiming one record fewer, checksums intact", func(t *testing.T, f, _ []byte) []byte {
			return resealed(t, f, func(g []byte, l rankLayout) {
				binary.LittleEndian.PutUint64(g[l.liveAt:], binary.LittleEndian.Uint64(g[l.liveAt:])-1)
			})
		}, false},
		{"truncated", "the tail of the file is missing", func(_ *testing.T, f, _ []byte) []byte { return f[:len(f)-10] }, false},
		{"truncated header", "the file ends inside its header", func(_ *testing.T, f, _ []byte) []byte { return f[:rankFixed+5] }, false},
		{"truncated to nothing", "an empty file", func(_ *testing.T, _, _ []byte) []byte { return []byte{} }, false},
		{"bytes after", "a byte past the last section", func(_ *testing.T, f, _ []byte) []byte { return append(append([]byte(nil), f...), 0) }, false},
		{"flipped header byte", "one byte of the header damaged", func(t *testing.T, f, _ []byte) []byte {
			l := layoutOf(t, f)
			return flipped(f, l.hdr[0], l.hdr[1])
		}, false},
	}
	for i, name := range sectionNames {
		cases = append(cases, struct {
			name, why string
			damage    damage
			read      bool
		}{"flipped byte in " + name, "one byte of the " + name + " section damaged", func(t *testing.T, f, _ []byte) []byte {
			l := layoutOf(t, f)
			return flipped(f, l.secs[i][0], l.secs[i][1])
		}, false})
	}
	ctx := context.Background()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir, held, before := writtenIndex(t)
			want := rankings(t, openWith(t, Options{}, held))
			path := filepath.Join(dir, RankFile)
			file, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if tc.damage == nil {
				err = os.Remove(path)
			} else {
				err = os.WriteFile(path, tc.damage(t, file, before), 0o644)
			}
			if err != nil {
				t.Fatal(err)
			}
			ix, err := Open(ctx, Options{Path: dir, Scorer: newScorer(t)})
			if err != nil {
				t.Fatalf("Open: %v", err)
			}
			defer ix.Close()
			if ix.fromRankFile != tc.read {
				t.Errorf("read %s = %v, want %v (%s)", RankFile, ix.fromRankFile, tc.read, tc.why)
			}
			checkReopened(t, ix, want, len(held))
		})
	}
}

// checkReopened checks an index against the rankings of one built in
// memory, closes it and checks that the next open reads the rank file
// Close wrote and ranks the same.
func checkReopened(t *testing.T, ix *Index, want map[string][]RankPage, held int) {
	t.Helper()
	ctx := context.Background()
	if diff := cmp.Diff(want, rankings(t, ix)); diff != "" {
		t.Errorf("rankings differ from an index built in memory (-want +got):\n%s", diff)
	}
	if n, _ := ix.Count(ctx); n != held {
		t.Errorf("Count = %d, want %d", n, held)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	again, err := Open(ctx, Options{Path: ix.opts.Path, Scorer: newScorer(t), ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	if !again.fromRankFile {
		t.Errorf("the open after Close did not read %s", RankFile)
	}
	if diff := cmp.Diff(want, rankings(t, again)); diff != "" {
		t.Errorf("after Close: rankings differ (-want +got):\n%s", diff)
	}
}

// A library from before writes were numbered changes records without
// moving the write counter, so a rank file can match the counter and the
// record count and still be stale. Such a library stores MappingVersion
// alone: an index carrying it is rebuilt, and marked so that those
// libraries refuse it from then on.
func TestRankFileUnnumberedWriter(t *testing.T) {
	ctx := context.Background()
	dir, held, _ := writtenIndex(t)
	ix, err := Open(ctx, Options{Path: dir, Scorer: newScorer(t)})
	if err != nil {
		t.Fatal(err)
	}
	if !ix.fromRankFile {
		t.Fatalf("the written index did not read %s", RankFile)
	}
	// What such a library does: a replacement written straight to bleve,
	// no write counter, its own mapping marker.
	changed := held[0]
	changed.Skills = append(changed.Skills, "cobol")
	changed.YearsExperience += 7
	d, err := Document(ix.scorer, &changed)
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.Bleve().Index(changed.ID, d); err != nil {
		t.Fatal(err)
	}
	if err := ix.Bleve().SetInternal([]byte(internalMappingKey), []byte(MappingVersion)); err != nil {
		t.Fatal(err)
	}
	// Close writes the ranking structure it holds: the one from before the
	// replacement, under the same counter and record count.
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	held = append([]scoring.Candidate{changed}, held[1:]...)
	want := rankings(t, openWith(t, Options{}, held))

	ix, err = Open(ctx, Options{Path: dir, Scorer: newScorer(t)})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if ix.fromRankFile {
		t.Errorf("an index last written without numbered writes read %s", RankFile)
	}
	v, err := ix.Bleve().GetInternal([]byte(internalMappingKey))
	if err != nil {
		t.Fatal(err)
	}
	if string(v) == MappingVersion {
		t.Errorf("the mapping marker is still %q: a library comparing it with its MappingVersion would write to the index", v)
	}
	checkReopened(t, ix, want, len(held))
}

// An index reopened under another catalog is re-derived, not read from a
// file written under the old one.
func TestRankFileOtherCatalog(t *testing.T) {
	ctx := context.Background()
	dir, held, _ := writtenIndex(t)
	ix, err := Open(ctx, Options{Path: dir, Scorer: changedScorer(t)})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if ix.fromRankFile {
		t.Errorf("an index opened under another catalog read %s", RankFile)
	}
	mem := openWith(t, Options{Scorer: changedScorer(t)}, held)
	if diff := cmp.Diff(rankings(t, mem), rankings(t, ix)); diff != "" {
		t.Errorf("rankings differ from an index built in memory (-want +got):\n%s", diff)
	}
}

// Every persistEvery-th batch writes the rank file, matching the index at
// that batch, before any Close.
func TestRankFileEveryNthBatch(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "ix")
	ix, err := Open(ctx, Options{Path: dir, Scorer: newScorer(t), BatchSize: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	cands := bundled(t)
	path := filepath.Join(dir, RankFile)
	for i := 0; i < persistEvery; i++ {
		if _, err := os.Stat(path); err == nil {
			t.Fatalf("%s written after %d batches, want after %d", RankFile, i, persistEvery)
		}
		put(t, ix, cands[i%len(cands):i%len(cands)+1])
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("no %s after %d batches: %v", RankFile, persistEvery, err)
	}
	if got := binary.LittleEndian.Uint64(b[layoutOf(t, b).writesAt:]); got != persistEvery {
		t.Errorf("%s records write %d, want %d", RankFile, got, persistEvery)
	}
}

// A rank file damaged inside a section with its checksums made right
// again (a bug in a writer, not a disk) must not crash Open, Rank, or
// leave the index without its records: a damage the decoder notices costs
// a rebuild, one it cannot tell from data is read as data (an id changed
// to one bleve does not hold fails the Rank that meets it).
func TestRankFileDamagedResealed(t *testing.T) {
	ctx := context.Background()
	dir, held, _ := writtenIndex(t)
	path := filepath.Join(dir, RankFile)
	file, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	l := layoutOf(t, file)
	for i, name := range sectionNames {
		from, to := l.secs[i][0], l.secs[i][1]
		for k := 0; k < 12; k++ {
			at := from + k*(to-from)/12
			if err := os.WriteFile(path, resealed(t, file, func(g []byte, _ rankLayout) { g[at] ^= 0xff }), 0o644); err != nil {
				t.Fatal(err)
			}
			ix, err := Open(ctx, Options{Path: dir, Scorer: newScorer(t), ReadOnly: true})
			if err != nil {
				t.Fatalf("%s section, byte %d: Open: %v", name, at-from, err)
			}
			if n, _ := ix.Count(ctx); n != len(held) {
				t.Errorf("%s section, byte %d: Count = %d, want %d", name, at-from, n, len(held))
			}
			// Ranking may fail (an id bleve does not hold), never panic.
			for _, role := range seedRoles(t) {
				plan, err := ix.scorer.Compile(role)
				if err != nil {
					t.Fatal(err)
				}
				_, err = ix.Rank(ctx, plan, RankRequest{IncludeIneligible: true, Limit: 1000})
				if pe := (*safe.PanicError)(nil); errors.As(err, &pe) {
					t.Errorf("%s section, byte %d: role %s: %v", name, at-from, role.ID, err)
				}
			}
			ix.Close()
		}
	}
}

// BenchmarkRankFile measures the two halves of the rank file over 20k
// generated candidates: encode (what Close does before writing) and load
// (what Open does instead of a rebuild: read, check, fill the sidecar).
func BenchmarkRankFile(b *testing.B) {
	ctx := context.Background()
	dir := filepath.Join(b.TempDir(), "ix")
	ix, err := Open(ctx, Options{Path: dir})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := ix.Put(ctx, gen.Candidates(gen.Options{Seed: 1}, 20_000)); err != nil {
		b.Fatal(err)
	}
	if err := ix.Close(); err != nil {
		b.Fatal(err)
	}
	ix, err = Open(ctx, Options{Path: dir})
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	b.Run("encode", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			ix.mu.RLock()
			enc := ix.encodeRank()
			ix.mu.RUnlock()
			b.SetBytes(int64(len(enc)))
		}
	})
	b.Run("load", func(b *testing.B) {
		b.ReportAllocs()
		docs := uint64(len(ix.side.slot))
		for i := 0; i < b.N; i++ {
			if err := ix.loadRank(docs); err != nil {
				b.Fatal(err)
			}
		}
	})
}
