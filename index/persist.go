package index

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
)

// The ranking structure of an on-disk index is persisted beside bleve's
// files, in RankFile, so that opening reads it instead of decoding every
// stored record again.
//
// The file holds, in order: the magic "CMRANK\r\n", the format version
// (uint32), the header's length (uint32), the header, a CRC-32C of
// everything before it, and the sections. The header holds the index
// Fingerprint (length-prefixed), the write counter the file matches
// (uint64), the number of records (uint64), the number of sections and,
// per section, its length (uint64) and CRC-32C (uint32). The sections are
// flat images of the ranking structure by slot (see sidecar.encode): ids,
// certification terms, the profiles as one table
// (Scorer.AppendProfiles) and the posting bitmaps in roaring's own
// serialisation, so opening is a few large reads and array fills, not a
// decoding of every record. Integers are little endian; lengths are
// uvarints.
//
// Every bleve batch the index writes also stores a write counter, one
// higher than the last, in bleve's internal store: in the same atomic
// batch, so the counter always names the bleve state. The file records the
// counter of the state it was taken from. Open reads the file only when its
// checksums, format, fingerprint, counter and record count all match the
// index and bleve's internal store carries numberedMark (no library that
// leaves writes unnumbered can have written since); anything else
// (missing, stale, damaged, a crash between a batch and the next write of
// the file, an index last written by such a library) costs a rebuild from
// bleve, never a wrong ranking.
//
// The file is written atomically (a temporary file in the index folder,
// synced, renamed over the old one, the folder synced) at Close, after
// Compact, and after every persistEvery-th batch written through Put,
// Apply or Delete: Close is the usual case, and the periodic writes bound
// what a process that dies without closing has to rebuild to the open
// after it, while costing one write of the file per persistEvery batches
// (a few percent of the writing time at the default batch size). An index
// holding quarantined records writes no file (they are found again only by
// a rebuild), and a read-only one never writes.
const RankFile = "certmatch.rank"

const (
	rankMagic      = "CMRANK\r\n"
	rankVersion    = 2
	rankFixed      = len(rankMagic) + 4 + 4 // magic, version, header length
	persistEvery   = 64
	internalWrites = "certmatch.writes"
)

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// errRankFile says why a rank file was not used; it never leaves the
// package: Open rebuilds instead.
var errRankFile = errors.New("index: rank file not usable")

// loadWrites reads the write counter from bleve's internal store; ok is
// false when it is there but unreadable.
func (ix *Index) loadWrites() (ok bool, err error) {
	v, err := ix.bl.GetInternal([]byte(internalWrites))
	if err != nil {
		return false, err
	}
	switch len(v) {
	case 0:
		ix.writes = 0
		return true, nil
	case 8:
		ix.writes = binary.LittleEndian.Uint64(v)
		return true, nil
	}
	return false, nil
}

func encodeWrites(n uint64) []byte { return binary.LittleEndian.AppendUint64(nil, n) }

// encodeRank encodes the ranking structure; the caller holds mu. It
// returns nil when no file should be written.
func (ix *Index) encodeRank() []byte {
	if ix.opts.Path == "" || ix.opts.ReadOnly || len(ix.quarantine) > 0 {
		return nil
	}
	secs := ix.side.encode(ix.scorer)
	le := binary.LittleEndian
	var hdr []byte
	hdr = appendStr(hdr, Fingerprint(ix.cat))
	hdr = le.AppendUint64(hdr, ix.writes)
	hdr = le.AppendUint64(hdr, uint64(len(ix.side.slot)))
	hdr = binary.AppendUvarint(hdr, uint64(len(secs)))
	size := 0
	for _, sec := range secs {
		hdr = le.AppendUint64(hdr, uint64(len(sec)))
		hdr = le.AppendUint32(hdr, crc32.Checksum(sec, castagnoli))
		size += len(sec)
	}
	b := make([]byte, 0, rankFixed+len(hdr)+4+size)
	b = append(b, rankMagic...)
	b = le.AppendUint32(b, rankVersion)
	b = le.AppendUint32(b, uint32(len(hdr)))
	b = append(b, hdr...)
	b = le.AppendUint32(b, crc32.Checksum(b, castagnoli))
	for _, sec := range secs {
		b = append(b, sec...)
	}
	return b
}

func appendStr(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// persist writes the ranking structure to RankFile. The caller holds no
// lock: it encodes under the read lock, then writes under persistMu, and
// never replaces a file with an older state.
func (ix *Index) persist() error {
	ix.mu.RLock()
	if ix.closed || ix.rankCurrent() {
		ix.mu.RUnlock()
		return nil
	}
	b, writes := ix.encodeRank(), ix.writes
	quarantined := len(ix.quarantine) > 0
	ix.mu.RUnlock()
	return ix.writeRank(b, writes, quarantined)
}

// rankCurrent reports whether RankFile holds the state the index is in
// (written or read at this state), so writing it again would change
// nothing; the caller holds mu.
func (ix *Index) rankCurrent() bool {
	ix.persistMu.Lock()
	defer ix.persistMu.Unlock()
	return ix.persisted && ix.persistedWrites == ix.writes && len(ix.quarantine) == 0
}

// writeRank writes an encoded ranking structure of the state numbered
// writes; with nil b it removes the file when the index holds quarantined
// records.
func (ix *Index) writeRank(b []byte, writes uint64, quarantined bool) error {
	ix.persistMu.Lock()
	defer ix.persistMu.Unlock()
	path := filepath.Join(ix.opts.Path, RankFile)
	if b == nil {
		if quarantined {
			if err := os.Remove(path); err != nil && !errors.Is(err, os.ErrNotExist) {
				return fmt.Errorf("index: removing %s: %w", RankFile, err)
			}
		}
		return nil
	}
	if ix.persisted && writes < ix.persistedWrites {
		return nil
	}
	if err := writeAtomic(ix.opts.Path, RankFile, b); err != nil {
		return fmt.Errorf("index: writing %s: %w", RankFile, err)
	}
	ix.persisted, ix.persistedWrites = true, writes
	return nil
}

// writeAtomic replaces dir/name with b: a temporary file in dir, synced,
// renamed over name, and dir synced, so a crash leaves the old file or the
// new one, whole.
func writeAtomic(dir, name string, b []byte) error {
	f, err := os.CreateTemp(dir, "."+name+"-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	_, err = f.Write(b)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, filepath.Join(dir, name))
	}
	if err != nil {
		os.Remove(tmp)
		return err
	}
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	err = d.Sync()
	if cerr := d.Close(); err == nil {
		err = cerr
	}
	return err
}

// loadRankMatching reads RankFile for the index's current document count.
func (ix *Index) loadRankMatching() error {
	docs, err := ix.bl.DocCount()
	if err != nil {
		return err
	}
	return ix.loadRank(docs)
}

// loadRank fills the sidecar from RankFile when the file is present,
// intact and matches the index; otherwise it leaves the sidecar empty and
// returns an error wrapping errRankFile (or the file system's error). It
// reads the header first, so a file that does not match costs no more
// than that read, then each section whole.
func (ix *Index) loadRank(docs uint64) error {
	f, err := os.Open(filepath.Join(ix.opts.Path, RankFile))
	if err != nil {
		return err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return err
	}
	size := st.Size()
	le := binary.LittleEndian
	fixed := make([]byte, rankFixed)
	if _, err := io.ReadFull(f, fixed); err != nil {
		return fmt.Errorf("%w: %d bytes is too short", errRankFile, size)
	}
	if string(fixed[:len(rankMagic)]) != rankMagic {
		return fmt.Errorf("%w: not a rank file", errRankFile)
	}
	if v := le.Uint32(fixed[len(rankMagic):]); v != rankVersion {
		return fmt.Errorf("%w: format %d, this library reads %d", errRankFile, v, rankVersion)
	}
	hl := int64(le.Uint32(fixed[len(rankMagic)+4:]))
	if hl+4 > size-int64(rankFixed) {
		return fmt.Errorf("%w: a header of %d bytes in %d", errRankFile, hl, size)
	}
	hdr := make([]byte, hl+4)
	if _, err := io.ReadFull(f, hdr); err != nil {
		return fmt.Errorf("%w: header: %w", errRankFile, err)
	}
	hdr, sum := hdr[:hl], le.Uint32(hdr[hl:])
	if crc32.Update(crc32.Checksum(fixed, castagnoli), castagnoli, hdr) != sum {
		return fmt.Errorf("%w: header checksum mismatch", errRankFile)
	}
	r := reader{b: hdr}
	if fp := r.str(); fp != Fingerprint(ix.cat) {
		return fmt.Errorf("%w: written under another fingerprint", errRankFile)
	}
	if w := r.u64(); w != ix.writes {
		return fmt.Errorf("%w: matches write %d, the index is at %d", errRankFile, w, ix.writes)
	}
	live := r.u64()
	if r.bad || live != docs {
		return fmt.Errorf("%w: holds %d records, the index %d", errRankFile, live, docs)
	}
	if ns := r.uvarint(); r.bad || ns != sections {
		return fmt.Errorf("%w: %d sections, this library reads %d", errRankFile, ns, sections)
	}
	var lens [sections]int64
	var sums [sections]uint32
	rest := size - int64(rankFixed) - hl - 4
	for i := range lens {
		l := r.u64()
		lens[i], sums[i] = int64(l), r.u32()
		if r.bad || l > uint64(rest) {
			return fmt.Errorf("%w: section %d: %d bytes, %d left in the file", errRankFile, i, l, rest)
		}
		rest -= lens[i]
	}
	if r.bad || len(r.b) != 0 || rest != 0 {
		return fmt.Errorf("%w: the sections do not fill the file (%d bytes over)", errRankFile, rest)
	}
	next := 0
	side, err := decodeSidecar(ix.scorer, live, func(i int) ([]byte, error) {
		if i != next {
			return nil, fmt.Errorf("%w: section %d read out of order", errRankFile, i)
		}
		next++
		b := make([]byte, lens[i])
		if _, err := io.ReadFull(f, b); err != nil {
			return nil, fmt.Errorf("%w: section %d: %w", errRankFile, i, err)
		}
		if crc32.Checksum(b, castagnoli) != sums[i] {
			return nil, fmt.Errorf("%w: section %d: checksum mismatch", errRankFile, i)
		}
		return b, nil
	})
	if err != nil {
		return fmt.Errorf("%w: %w", errRankFile, err)
	}
	ix.side = side
	ix.persisted, ix.persistedWrites = true, ix.writes
	return nil
}

// reader reads a rank file front to back; after its first failure bad is
// set and every read returns a zero value.
type reader struct {
	b   []byte
	bad bool
}

func (r *reader) next(n int) []byte {
	if r.bad || n < 0 || n > len(r.b) {
		r.bad = true
		return nil
	}
	x := r.b[:n]
	r.b = r.b[n:]
	return x
}

func (r *reader) uvarint() uint64 {
	if r.bad {
		return 0
	}
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.bad = true
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *reader) str() string {
	n := r.uvarint()
	if n > uint64(len(r.b)) {
		r.bad = true
		return ""
	}
	return string(r.next(int(n)))
}

func (r *reader) u32() uint32 {
	if x := r.next(4); x != nil {
		return binary.LittleEndian.Uint32(x)
	}
	return 0
}

func (r *reader) u64() uint64 {
	if x := r.next(8); x != nil {
		return binary.LittleEndian.Uint64(x)
	}
	return 0
}
