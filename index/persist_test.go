package index

import (
	"context"
	"encoding/binary"
	"hash/crc32"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

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

// withChecksum replaces b's trailing CRC-32C with the right one.
func withChecksum(b []byte) []byte {
	body := b[:len(b)-4]
	return binary.LittleEndian.AppendUint32(body, crc32.Checksum(body, castagnoli))
}

func TestRankFile(t *testing.T) {
	cases := []struct {
		name, why string
		damage    func(t *testing.T, file, before []byte) []byte // nil removes the file
		read      bool
	}{
		{"persisted", "a file written at Close matches the index", func(_ *testing.T, f, _ []byte) []byte { return f }, true},
		{"missing", "no file: rebuilt from bleve", nil, false},
		{"stale write counter", "a file from before the last batch (a crash before it was written again)", func(_ *testing.T, _, b []byte) []byte { return b }, false},
		{"stale fingerprint", "a file written under another catalog, checksum intact", func(_ *testing.T, f, _ []byte) []byte {
			g := append([]byte(nil), f...)
			g[len(rankMagic)+4+1] ^= 1 // first byte of the fingerprint
			return withChecksum(g)
		}, false},
		{"other format", "a file of another format version, checksum intact", func(_ *testing.T, f, _ []byte) []byte {
			g := append([]byte(nil), f...)
			g[len(rankMagic)] = rankVersion + 1
			return withChecksum(g)
		}, false},
		{"truncated", "the tail of the file is missing", func(_ *testing.T, f, _ []byte) []byte { return f[:len(f)-10] }, false},
		{"truncated to nothing", "an empty file", func(_ *testing.T, _, _ []byte) []byte { return []byte{} }, false},
		{"flipped byte", "one byte in a record damaged", func(_ *testing.T, f, _ []byte) []byte {
			g := append([]byte(nil), f...)
			g[len(g)/2] ^= 0x40
			return g
		}, false},
		{"record count", "a header claiming one record fewer, checksum intact", func(_ *testing.T, f, _ []byte) []byte {
			g := append([]byte(nil), f...)
			at := len(rankMagic) + 4 + 1 + 64 + 8
			binary.LittleEndian.PutUint64(g[at:], binary.LittleEndian.Uint64(g[at:])-1)
			return withChecksum(g)
		}, false},
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
			if diff := cmp.Diff(want, rankings(t, ix)); diff != "" {
				t.Errorf("%s: rankings differ from an index built in memory (-want +got):\n%s", tc.why, diff)
			}
			if n, _ := ix.Count(ctx); n != len(held) {
				t.Errorf("Count = %d, want %d", n, len(held))
			}
			// Closing writes a matching file again: the next open reads it.
			if err := ix.Close(); err != nil {
				t.Fatal(err)
			}
			again, err := Open(ctx, Options{Path: dir, Scorer: newScorer(t), ReadOnly: true})
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
		})
	}
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
	at := len(rankMagic) + 4 + 1 + 64
	if got := binary.LittleEndian.Uint64(b[at:]); got != persistEvery {
		t.Errorf("%s records write %d, want %d", RankFile, got, persistEvery)
	}
}
