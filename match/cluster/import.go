package cluster

import (
	"context"
	"errors"
	"io"
	"slices"

	"github.com/certmatch/certmatch/match"
	"github.com/certmatch/certmatch/match/input"
	"github.com/certmatch/certmatch/scoring"
)

// importBatch is the number of candidates Import publishes at once.
const importBatch = 1000

// ImportReport says what Import did: the Engine's report (every record
// read is imported, rejected or lost) and the token of the writes.
type ImportReport struct {
	match.ImportReport
	Token Token `json:"token"`
}

// errImportStopped ends decoding after a publish failed.
var errImportStopped = errors.New("cluster: import stopped")

// Import streams candidates from r to the stream as Engine.Import reads
// them into an index: the same formats, validation, duplicate and
// unresolved-credential reports, a batch at a time without loading the
// whole input. A record counts as imported once the stream holds it; the
// shards apply it a moment later (rank with the report's token to see it).
// Progress is called after every batch is stored, on the caller's
// goroutine.
func (c *Coordinator) Import(ctx context.Context, r io.Reader, opts match.ImportOptions) (ImportReport, error) {
	var rep ImportReport
	seen := map[string]string{}
	batch := make([]scoring.Candidate, 0, importBatch)
	var pubErr error
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		added, err := c.Add(ctx, batch...)
		rep.Imported += added.Added
		rep.Token = rep.Token.Merge(added.Token)
		batch = batch[:0]
		if opts.Progress != nil {
			opts.Progress(match.Progress{Read: rep.Read, Imported: rep.Imported, Rejected: len(rep.Rejected)})
		}
		if err != nil {
			pubErr = err
			return errImportStopped
		}
		return nil
	}
	format, err := input.Decode(r, input.DecodeOptions{Format: opts.Format, Now: c.now}, func(rec input.Record) error {
		rep.Read++
		if rec.Err != nil {
			rep.Rejected = append(rep.Rejected, input.NewRecordError(rec.Position, rec.Candidate.ID, rec.Err))
			return nil
		}
		cand := rec.Candidate
		if err := cand.Validate(); err != nil {
			rep.Rejected = append(rep.Rejected, input.NewRecordError(rec.Position, cand.ID, err))
			return nil
		}
		if first, dup := seen[cand.ID]; dup {
			rep.Duplicates = append(rep.Duplicates, match.Duplicate{ID: cand.ID, First: first, Position: rec.Position})
		}
		seen[cand.ID] = rec.Position
		resolved := cand
		resolved.Certifications = slices.Clone(cand.Certifications)
		for _, u := range resolved.Resolve(c.cat) {
			rep.Unresolved = append(rep.Unresolved, match.UnresolvedCert{CandidateID: cand.ID, Unresolved: u})
		}
		batch = append(batch, cand)
		if len(batch) >= importBatch {
			if err := flush(); err != nil {
				return err
			}
		}
		return ctx.Err()
	})
	// Records decoded before a whole-input error are published like the
	// others; only a failed publish or a cancellation drops a batch.
	if pubErr == nil && ctx.Err() == nil {
		if ferr := flush(); ferr != nil && err == nil {
			err = ferr
		}
	}
	if pubErr != nil {
		err = pubErr
	}
	rep.Format = format
	rep.Lost = rep.Read - rep.Imported - len(rep.Rejected)
	if err == nil && ctx.Err() != nil && rep.Lost > 0 {
		err = ctx.Err()
	}
	if err != nil {
		rep.Stopped = err.Error()
	}
	return rep, err
}
