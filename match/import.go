package match

import (
	"context"
	"errors"
	"io"
	"io/fs"
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
	// Name is the input's file name, "" for a stream: a .pdf, .docx,
	// .md or .txt file is a resume document, and IDs.Func is shown it.
	Name string
	// IDs say how JSON Resume, LinkedIn and document candidates get their
	// ids (see input.IDOptions); the zero value hashes their e-mail address
	// with a public key.
	IDs input.IDOptions
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
// the import stopped: Read == Imported + len(Rejected) + Lost, always. An
// imported record may carry warnings about fields read leniently.
type ImportReport struct {
	Format   input.Format         `json:"format"`
	Read     int                  `json:"read"`
	Imported int                  `json:"imported"`
	Rejected []*input.RecordError `json:"rejected,omitempty"`
	Warnings []*input.Warning     `json:"warnings,omitempty"`
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
	// Inferred lists the candidates of resume documents and the fields
	// read from their text.
	Inferred []Inferred `json:"inferred,omitempty"`
}

// Inferred names the fields of a candidate read from a resume document's
// text rather than from fields of a structured format.
type Inferred struct {
	CandidateID string   `json:"candidate_id"`
	Position    string   `json:"position"`
	Fields      []string `json:"fields"`
}

// Import streams candidates from r into the engine without loading the
// whole input: records are decoded, validated, normalised and indexed a
// batch at a time. A bad record never stops the good ones. Import returns
// an error only when the input as a whole cannot be read (an
// *input.InputError; every record before it is still stored), the index
// fails, or ctx is cancelled; the report then covers what was done and
// says why it stopped.
func (e *Engine) Import(ctx context.Context, r io.Reader, opts ImportOptions) (ImportReport, error) {
	return e.importRecords(ctx, opts, func(fn func(input.Record) error) (input.Format, error) {
		return input.Decode(r, e.decodeOptions(opts), fn)
	})
}

// ImportExport imports the LinkedIn data export in the folder fsys (the
// folder LinkedIn sends, unzipped: see input.ExportDir) as one candidate.
// A zip of the export goes through Import. opts.Format is ignored.
func (e *Engine) ImportExport(ctx context.Context, fsys fs.FS, opts ImportOptions) (ImportReport, error) {
	return e.importRecords(ctx, opts, func(fn func(input.Record) error) (input.Format, error) {
		return input.FormatLinkedIn, input.DecodeExportDir(fsys, e.decodeOptions(opts), fn)
	})
}

func (e *Engine) decodeOptions(opts ImportOptions) input.DecodeOptions {
	return input.DecodeOptions{Format: opts.Format, Now: e.now, Name: opts.Name, IDs: opts.IDs, Catalog: e.cat}
}

// importRecords indexes the records decode passes to its callback.
func (e *Engine) importRecords(ctx context.Context, opts ImportOptions, decode func(func(input.Record) error) (input.Format, error)) (ImportReport, error) {
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
	format, err := decode(func(rec input.Record) error {
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
		rep.Warnings = append(rep.Warnings, rec.Warnings...)
		if len(rec.Inferred) > 0 {
			rep.Inferred = append(rep.Inferred, Inferred{CandidateID: c.ID, Position: rec.Position, Fields: rec.Inferred})
		}
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
