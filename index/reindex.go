package index

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"runtime"

	"golang.org/x/sync/errgroup"

	"github.com/certmatch/certmatch/internal/safe"
	"github.com/certmatch/certmatch/scoring"
)

// ErrStale is wrapped by the *StaleError Open returns when Options.RefuseStale
// is set and an on-disk index's terms were derived under another catalog.
var ErrStale = errors.New("index: stored terms are stale")

// StaleError reports an on-disk index whose stored terms were derived under
// another fingerprint than the one the index would derive now.
type StaleError struct {
	Path   string
	Stored string // the fingerprint the index was written with; "" when it has none
	Want   string // the fingerprint of this library's mapping and the catalog
}

func (e *StaleError) Error() string {
	stored := e.Stored
	if stored == "" {
		stored = "none"
	}
	return fmt.Sprintf("index %q: stored terms are stale: written under fingerprint %s, the catalog now gives %s; reindex to re-derive them", e.Path, short(stored), short(e.Want))
}

func (e *StaleError) Unwrap() error { return ErrStale }

func short(fp string) string { return fp[:min(12, len(fp))] }

// termsVersion names the way terms that do not come from the catalog are
// derived: location terms are scoring.Place keys ("Chicago, IL"), not the
// folded text they were before, so an index written before re-derives them.
const termsVersion = "location=place-key"

// internalFingerprintKey is where bleve's internal store keeps the
// fingerprint of what shaped an on-disk index's terms.
const internalFingerprintKey = "certmatch.fingerprint"

// Fingerprint identifies everything that shapes the terms the index derives
// from a stored record: the bleve mapping version, the way locations are
// keyed (termsVersion) and the catalog's content, skill synonyms and
// normaliser vocabulary included ([scoring.Catalog.Fingerprint]). It is the
// SHA-256, in hex, of them. An on-disk index keeps the fingerprint it was
// written with in bleve's internal store; opened under another, it is
// re-derived (see [Options.RefuseStale]).
func Fingerprint(cat *scoring.Catalog) string {
	sum := sha256.Sum256([]byte(MappingVersion + "\x00" + termsVersion + "\x00" + cat.Fingerprint()))
	return hex.EncodeToString(sum[:])
}

// ReindexProgress is reported after every batch a reindex writes.
type ReindexProgress struct {
	Done  int // candidates re-derived so far
	Total int // candidates to re-derive
}

// storedFingerprint reads the fingerprint an on-disk index was written with.
func (ix *Index) storedFingerprint() (string, error) {
	v, err := ix.bl.GetInternal([]byte(internalFingerprintKey))
	return string(v), err
}

// Reindex re-derives every candidate's bleve document and ranking profile
// from its stored record with the index's current scorer and catalog, and
// records the catalog's fingerprint: run it after a catalog change (Open
// does, unless Options.RefuseStale). The stored records are not changed.
// Writes wait while it runs; reads see each candidate before or after its
// batch. It returns how many candidates it re-derived; a cancelled ctx
// stops it between batches, and the index keeps its old fingerprint until
// a reindex completes.
func (ix *Index) Reindex(ctx context.Context) (int, error) {
	ix.wmu.Lock()
	defer ix.wmu.Unlock()
	return ix.reindex(ctx)
}

// reindex is Reindex with the writers' lock held (or at Open, before
// anyone else can write).
func (ix *Index) reindex(ctx context.Context) (int, error) {
	ix.mu.RLock()
	closed := ix.closed
	ix.mu.RUnlock()
	if closed {
		return 0, ErrClosed
	}
	if err := ix.drained(); err != nil {
		return 0, err
	}
	adv, err := ix.bl.Advanced()
	if err != nil {
		return 0, err
	}
	r, err := adv.Reader()
	if err != nil {
		return 0, err
	}
	defer r.Close()
	ids, err := allIDs(r)
	if err != nil {
		return 0, fmt.Errorf("index: reindex: %w", err)
	}
	total := len(ids)
	size := ix.opts.BatchSize
	// Batch k+1 is read and prepared while batch k is written.
	type prepped struct {
		b   *Batch
		bad []*Quarantined // records that cannot be read back, set aside
		err error
	}
	prepare := func(from int, chunk []string) prepped {
		cands := make([]scoring.Candidate, len(chunk))
		bad := make([]*Quarantined, len(chunk))
		parts := max(1, min(runtime.GOMAXPROCS(0), len(chunk)/64))
		var g errgroup.Group
		for w := 0; w < parts; w++ {
			g.Go(safe.Guard(func() error {
				for i := w; i < len(chunk); i += parts {
					c, raw, why, err := storedRecord(r, chunk[i])
					if err != nil {
						return err
					}
					if why != nil {
						bad[i] = &Quarantined{ID: chunk[i], Position: from + i, Raw: raw, Err: why}
					}
					cands[i] = c
				}
				return nil
			}))
		}
		if err := g.Wait(); err != nil {
			return prepped{err: err}
		}
		var p prepped
		good := cands[:0]
		for i := range cands {
			if bad[i] != nil {
				p.bad = append(p.bad, bad[i])
			} else {
				good = append(good, cands[i])
			}
		}
		p.err = safe.Guard(func() (err error) {
			p.b, err = ix.Prepare(good)
			return err
		})()
		return p
	}
	done := 0
	var next chan prepped
	start := func(from int) {
		if from >= total {
			next = nil
			return
		}
		ch := make(chan prepped, 1)
		chunk := ids[from:min(from+size, total)]
		go func() { ch <- prepare(from, chunk) }()
		next = ch
	}
	start(0)
	for from := 0; from < total; from += size {
		p := <-next
		if p.err != nil {
			return done, fmt.Errorf("index: reindex: %w", p.err)
		}
		start(from + size)
		if err := ctx.Err(); err != nil {
			if next != nil {
				<-next
			}
			return done, err
		}
		n, err := ix.apply(p.b)
		if err != nil {
			if next != nil {
				<-next
			}
			return done, fmt.Errorf("index: reindex: %w", err)
		}
		done += n
		if len(p.bad) > 0 {
			ix.mu.Lock()
			if ix.quarantine == nil {
				ix.quarantine = map[string]*Quarantined{}
			}
			for _, q := range p.bad {
				ix.quarantine[q.ID] = q
			}
			ix.mu.Unlock()
		}
		if ix.opts.ReindexProgress != nil {
			ix.opts.ReindexProgress(ReindexProgress{Done: done, Total: total})
		}
	}
	if ix.opts.Path != "" {
		if err := ix.bl.SetInternal([]byte(internalFingerprintKey), []byte(Fingerprint(ix.cat))); err != nil {
			return done, fmt.Errorf("index: reindex: recording the fingerprint: %w", err)
		}
	}
	return done, nil
}

// checkFingerprint compares an on-disk index's fingerprint with the
// catalog's: it reports whether the index must be re-derived, or a
// *StaleError when the caller refuses that.
func (ix *Index) checkFingerprint() (stale bool, err error) {
	want := Fingerprint(ix.cat)
	stored, err := ix.storedFingerprint()
	if err != nil {
		return false, err
	}
	if stored == want {
		return false, nil
	}
	if stored == "" {
		// Created, then stopped before the fingerprint was written: an
		// empty index has nothing to re-derive.
		if n, err := ix.bl.DocCount(); err == nil && n == 0 && !ix.opts.ReadOnly {
			return false, ix.bl.SetInternal([]byte(internalFingerprintKey), []byte(want))
		}
	}
	// A read-only open cannot re-derive: it refuses a stale index.
	if ix.opts.RefuseStale || ix.opts.ReadOnly {
		return false, &StaleError{Path: ix.opts.Path, Stored: stored, Want: want}
	}
	return true, nil
}
