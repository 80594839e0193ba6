package match

import (
	"context"
	"errors"
	"fmt"
	"io"

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
	Format Format
	// Progress, when set, is called after every batch is indexed.
	Progress func(Progress)
}

// Duplicate is an id seen twice in one import. Both records count as
// imported; the later one replaces the earlier, as a put does.
type Duplicate struct {
	ID       string `json:"id"`
	First    string `json:"first"`    // position of the earlier record
	Position string `json:"position"` // position of the later one
}

// ImportReport says what an import did. Every record read is either
// imported or rejected with its position, field and reason.
type ImportReport struct {
	Format     Format           `json:"format"`
	Read       int              `json:"read"`
	Imported   int              `json:"imported"`
	Rejected   []*RecordError   `json:"rejected,omitempty"`
	Duplicates []Duplicate      `json:"duplicates,omitempty"`
	Unresolved []UnresolvedCert `json:"unresolved,omitempty"`
}

// Import streams candidates from r into the engine without loading the
// whole input: records are decoded, validated, normalised and indexed a
// batch at a time. A bad record never stops the good ones. Import returns
// an error only when the input as a whole cannot be read, the index
// fails, or ctx is cancelled; the report then covers what was done.
func (e *Engine) Import(ctx context.Context, r io.Reader, opts ImportOptions) (ImportReport, error) {
	var rep ImportReport
	batchSize := e.ix.BatchSize()
	batch := make([]scoring.Candidate, 0, batchSize)
	seen := map[string]string{}
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		n, err := e.ix.Put(ctx, batch)
		rep.Imported += n
		batch = batch[:0]
		if opts.Progress != nil {
			opts.Progress(Progress{Read: rep.Read, Imported: rep.Imported, Rejected: len(rep.Rejected)})
		}
		return err
	}
	format, err := Decode(r, DecodeOptions{Format: opts.Format, Now: e.now}, func(rec Record) error {
		rep.Read++
		if rec.Err != nil {
			rep.Rejected = append(rep.Rejected, rejected(rec.Position, rec.Candidate.ID, rec.Err))
			return nil
		}
		c := rec.Candidate
		if err := c.Validate(); err != nil {
			rep.Rejected = append(rep.Rejected, rejected(rec.Position, c.ID, err))
			return nil
		}
		if first, dup := seen[c.ID]; dup {
			rep.Duplicates = append(rep.Duplicates, Duplicate{ID: c.ID, First: first, Position: rec.Position})
		}
		seen[c.ID] = rec.Position
		rep.Unresolved = append(rep.Unresolved, e.resolve(&c)...)
		batch = append(batch, c)
		if len(batch) >= batchSize {
			return flush()
		}
		return ctx.Err()
	})
	rep.Format = format
	if err != nil {
		return rep, err
	}
	return rep, flush()
}

// rejected wraps a record's error as a *RecordError, keeping the field a
// validation error names.
func rejected(pos, id string, err error) *RecordError {
	var re *RecordError
	if errors.As(err, &re) {
		if re.Position == "" {
			re.Position = pos
		}
		if re.Record == "" {
			re.Record = id
		}
		return re
	}
	out := &RecordError{Position: pos, Record: id, Err: err}
	var fe *scoring.FieldError
	if errors.As(err, &fe) {
		out.Field, out.Err = fe.Field, fe.Err
		if out.Record == "" {
			out.Record = fe.Record
		}
	}
	if out.Err == nil {
		out.Err = fmt.Errorf("rejected")
	}
	return out
}
