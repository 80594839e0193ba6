package index

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"os"
	"path/filepath"
	"runtime"

	"golang.org/x/sync/errgroup"

	"github.com/certmatch/certmatch/internal/safe"
)

// The ranking structure of an on-disk index is persisted beside bleve's
// files, in RankFile, so that opening reads it instead of decoding every
// stored record again.
//
// The file holds, in order: the magic "CMRANK\r\n", the format version
// (uint32), the index Fingerprint (length-prefixed), the write counter it
// matches (uint64), the number of records (uint64), then per record its
// length, its id, its certification terms and its profile
// (Scorer.AppendProfile), and last
// a CRC-32C of everything before it. Integers are little endian; lengths
// are uvarints.
//
// Every bleve batch the index writes also stores a write counter, one
// higher than the last, in bleve's internal store: in the same atomic
// batch, so the counter always names the bleve state. The file records the
// counter of the state it was taken from. Open reads the file only when its
// checksum, format, fingerprint, counter and record count all match the
// index; anything else (missing, stale, damaged, a crash between a batch
// and the next write of the file) costs a rebuild from bleve, never a wrong
// ranking.
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
	rankVersion    = 1
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
	s := ix.side
	b := make([]byte, 0, 64+len(s.slot)*96)
	b = append(b, rankMagic...)
	b = binary.LittleEndian.AppendUint32(b, rankVersion)
	b = appendStr(b, Fingerprint(ix.cat))
	b = binary.LittleEndian.AppendUint64(b, ix.writes)
	b = binary.LittleEndian.AppendUint64(b, uint64(len(s.slot)))
	var rec []byte
	for i := range s.ents {
		e := &s.ents[i]
		if e.id == "" {
			continue
		}
		rec = appendStr(rec[:0], e.id)
		rec = binary.AppendUvarint(rec, uint64(len(e.terms)))
		for _, t := range e.terms {
			rec = appendStr(rec, t)
		}
		rec = ix.scorer.AppendProfile(rec, &e.prof)
		b = appendStr(b, string(rec))
	}
	return binary.LittleEndian.AppendUint32(b, crc32.Checksum(b, castagnoli))
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
	if ix.closed {
		ix.mu.RUnlock()
		return nil
	}
	b, writes := ix.encodeRank(), ix.writes
	quarantined := len(ix.quarantine) > 0
	ix.mu.RUnlock()
	return ix.writeRank(b, writes, quarantined)
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
// returns an error wrapping errRankFile (or the file system's error).
func (ix *Index) loadRank(docs uint64) error {
	b, err := os.ReadFile(filepath.Join(ix.opts.Path, RankFile))
	if err != nil {
		return err
	}
	if len(b) < len(rankMagic)+4+1+8+8+4 {
		return fmt.Errorf("%w: %d bytes is too short", errRankFile, len(b))
	}
	body, sum := b[:len(b)-4], binary.LittleEndian.Uint32(b[len(b)-4:])
	if crc32.Checksum(body, castagnoli) != sum {
		return fmt.Errorf("%w: checksum mismatch", errRankFile)
	}
	r := reader{b: body}
	if string(r.next(len(rankMagic))) != rankMagic {
		return fmt.Errorf("%w: not a rank file", errRankFile)
	}
	if v := r.u32(); v != rankVersion {
		return fmt.Errorf("%w: format %d, this library reads %d", errRankFile, v, rankVersion)
	}
	if fp := r.str(); fp != Fingerprint(ix.cat) {
		return fmt.Errorf("%w: written under another fingerprint", errRankFile)
	}
	if w := r.u64(); w != ix.writes {
		return fmt.Errorf("%w: matches write %d, the index is at %d", errRankFile, w, ix.writes)
	}
	n := r.u64()
	if r.bad || n != docs || n > uint64(len(r.b)) {
		return fmt.Errorf("%w: holds %d records, the index %d", errRankFile, n, docs)
	}
	// Records are found first, decoded on every core, and put in file
	// order.
	recs := make([][]byte, n)
	for i := range recs {
		l := r.uvarint()
		recs[i] = r.next(int(min(l, uint64(len(r.b)+1))))
		if r.bad {
			return fmt.Errorf("%w: record %d is damaged", errRankFile, i)
		}
	}
	preps := make([]prepared, n)
	parts := max(1, min(runtime.GOMAXPROCS(0), len(recs)/1024))
	var g errgroup.Group
	for w := 0; w < parts; w++ {
		g.Go(safe.Guard(func() error {
			for i := w; i < len(recs); i += parts {
				if err := ix.decodeRecord(recs[i], &preps[i]); err != nil {
					return fmt.Errorf("%w: record %d: %w", errRankFile, i, err)
				}
			}
			return nil
		}))
	}
	if err := g.Wait(); err != nil {
		return err
	}
	side := newSidecar(ix.scorer.Vocab(), false)
	for i := range preps {
		p := &preps[i]
		if _, dup := side.slot[p.id]; dup {
			return fmt.Errorf("%w: record %d repeats an id", errRankFile, i)
		}
		side.put(p.id, p.prof, p.terms, nil)
	}
	if len(r.b) != 0 {
		return fmt.Errorf("%w: %d bytes after the last record", errRankFile, len(r.b))
	}
	ix.side = side
	ix.persisted, ix.persistedWrites = true, ix.writes
	return nil
}

// decodeRecord reads one record of a rank file.
func (ix *Index) decodeRecord(b []byte, p *prepared) error {
	r := reader{b: b}
	p.id = r.str()
	nt := r.uvarint()
	if r.bad || p.id == "" || nt > uint64(len(r.b)) {
		return errors.New("damaged id or terms")
	}
	p.terms = make([]string, nt)
	for j := range p.terms {
		p.terms[j] = r.str()
	}
	if r.bad {
		return errors.New("damaged terms")
	}
	prof, rest, err := ix.scorer.DecodeProfile(r.b)
	if err != nil {
		return err
	}
	if len(rest) != 0 {
		return errors.New("bytes after the profile")
	}
	p.prof = prof
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
