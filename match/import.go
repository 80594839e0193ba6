package match

import (
	"context"
	"errors"
	"io"
	"sync/atomic"

	"github.com/certmatch/certmatch/index"
	"github.com/certmatch/certmatch/match/input"
	"github.com/certmatch/certmatch/scoring"
)

// Progress is reported during an import.
type Progress struct {
	Read     int // records read so far
	Imported int // candidates indexed so far
	Rejected int // records rejected so far
}

// ImportOptions configure Import. The zero value recognises the format by
// content and reports no progress.
type ImportOptions struct {
	// Format is the input's format (see package input); the zero value,
	// input.FormatAuto, recognises it by content.
	Format input.Format
	// Progress, when set, is called after every batch is written, from
	// the goroutine that writes batches (not the caller's), one call at a
	// time.
	Progress func(Progress)
}

// Duplicate is an id seen twice in one import. Both records count as
// imported; the later one replaces the earlier, as a put does.
type Duplicate struct {
	ID       string `json:"id"`
	First    string `json:"first"`    // position of the earlier record
	Position string `json:"position"` // position of the later one
}

// ImportReport says what an import did. Every record read is imported,
// rejected with its position, field and reason, or lost with the reason
// the import stopped: Read == Imported + len(Rejected) + Lost, always.
type ImportReport struct {
	Format   input.Format         `json:"format"`
	Read     int                  `json:"read"`
	Imported int                  `json:"imported"`
	Rejected []*input.RecordError `json:"rejected,omitempty"`
	// Lost counts records read and valid but not stored: those of the
	// batches the index failed to write, or that a cancellation stopped.
	// A whole-input error loses none: the records before it are stored.
	Lost int `json:"lost"`
	// Stopped is why the import ended before the end of its input: the
	// whole-input error (an *input.InputError's text, naming where), the
	// index's error or the cancellation; "" when the input was read to its
	// end.
	Stopped    string           `json:"stopped,omitempty"`
	Duplicates []Duplicate      `json:"duplicates,omitempty"`
	Unresolved []UnresolvedCert `json:"unresolved,omitempty"`
}

// Import streams candidates from r into the engine without loading the
// whole input: records are decoded, validated, normalised and indexed a
// batch at a time. A bad record never stops the good ones. Import returns
// an error only when the input as a whole cannot be read (an
// *input.InputError; every record before it is still stored), the index
// fails, or ctx is cancelled; the report then covers what was done and
// says why it stopped.
func (e *Engine) Import(ctx context.Context, r io.Reader, opts ImportOptions) (ImportReport, error) {
	var rep ImportReport
	batchSize := e.ix.BatchSize()
	seen := map[string]string{}

	// Decoding and preparing (profiles, bleve documents) run here while a
	// writer goroutine writes the previous batch; at most two batches are
	// in memory at once.
	var read, rejectedN, imported atomic.Int64
	batches := make(chan *index.Batch)
	writeErr := make(chan error, 1)
	stop := make(chan struct{})
	go func() {
		defer close(writeErr)
		for b := range batches {
			n, err := e.ix.Apply(ctx, b)
			imported.Add(int64(n))
			if opts.Progress != nil {
				opts.Progress(Progress{Read: int(read.Load()), Imported: int(imported.Load()), Rejected: int(rejectedN.Load())})
			}
			if err != nil {
				writeErr <- err
				close(stop)
				for range batches {
				}
				return
			}
		}
	}()
	send := func(cands []scoring.Candidate) error {
		b, err := e.ix.Prepare(cands)
		if err != nil {
			return err
		}
		select {
		case batches <- b:
			return nil
		case <-stop:
			return errWriterStopped
		}
	}

	batch := make([]scoring.Candidate, 0, batchSize)
	format, err := input.Decode(r, input.DecodeOptions{Format: opts.Format, Now: e.now}, func(rec input.Record) error {
		read.Add(1)
		if rec.Err != nil {
			rep.Rejected = append(rep.Rejected, input.NewRecordError(rec.Position, rec.Candidate.ID, rec.Err))
			rejectedN.Add(1)
			return nil
		}
		c := rec.Candidate
		if err := c.Validate(); err != nil {
			rep.Rejected = append(rep.Rejected, input.NewRecordError(rec.Position, c.ID, err))
			rejectedN.Add(1)
			return nil
		}
		if first, dup := seen[c.ID]; dup {
			rep.Duplicates = append(rep.Duplicates, Duplicate{ID: c.ID, First: first, Position: rec.Position})
		}
		seen[c.ID] = rec.Position
		rep.Unresolved = append(rep.Unresolved, e.resolve(&c)...)
		batch = append(batch, c)
		if len(batch) >= batchSize {
			if err := send(batch); err != nil {
				return err
			}
			batch = make([]scoring.Candidate, 0, batchSize)
		}
		return ctx.Err()
	})
	// Records decoded before a whole-input error are stored like the
	// others; only the writer's failure or a cancellation drops a batch.
	if len(batch) > 0 && !errors.Is(err, errWriterStopped) && ctx.Err() == nil {
		if serr := send(batch); err == nil {
			err = serr
		}
	}
	close(batches)
	werr := <-writeErr
	rep.Format, rep.Read, rep.Imported = format, int(read.Load()), int(imported.Load())
	rep.Lost = rep.Read - rep.Imported - len(rep.Rejected)
	switch {
	case werr != nil:
		err = werr
	case err == nil && ctx.Err() != nil && rep.Lost > 0:
		err = ctx.Err()
	}
	if err != nil {
		rep.Stopped = err.Error()
	}
	return rep, err
}

var errWriterStopped = errors.New("match: import stopped")
