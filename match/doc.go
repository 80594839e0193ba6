// Package match is what certmatch users import: the [Engine] that
// normalises, indexes, ranks, explains and matches a candidate to roles.
//
// An Engine is opened in memory (an empty [Options.Path], the default) or
// over an on-disk index. [Engine.Add] and [Engine.Import] validate
// candidates, resolve their free-text certifications with the catalog
// (keeping and reporting what cannot be resolved, never dropping it) and
// index them; Import streams the file formats of package
// [github.com/certmatch/certmatch/match/input] (native JSON, JSON Resume,
// CSV) and accounts for every record in an [ImportReport]: read =
// imported + rejected (each with its position, a non-personal id, field
// and reason) + lost (only when the index fails or the import is
// cancelled); a truncated or failing input stores every record before the
// failure and says where it stopped.
//
// [Engine.Rank] is exact: its page, scores and order are what scoring
// every candidate one by one with the engine's scorer gives (eligible
// first, score descending, candidate id ascending). It is fast because it
// scores compact profiles held beside the index, only for candidates who
// can be eligible, and explains only the page it returns. [Engine.Explain]
// scores one candidate; [Engine.RolesFor] is reverse matching, a
// candidate's best roles with their gaps and next steps.
//
// An on-disk index remembers the fingerprint of the catalog that shaped
// its search terms (index.Fingerprint: mapping, certifications, groups,
// skill synonyms, the normaliser's vocabulary). Opened with another
// catalog, the engine re-derives every candidate's terms and profile from
// the stored records before Open returns, so ranking with or without
// text, search and facets agree; [Options.RefuseStale] makes Open fail
// with [ErrStaleIndex] instead, and [Engine.Reindex] re-derives on demand.
//
// Roles are read with input.LoadRole; rankings and explanations are
// printed with package [github.com/certmatch/certmatch/match/report].
//
// An on-disk index is locked while an Engine has it open: a writer
// excludes every other open, [Options.ReadOnly] engines share it with each
// other; an open that cannot get the lock within [Options.LockTimeout]
// fails with an error wrapping index.ErrLocked. Stored records that cannot
// be read back are set aside at open ([Engine.Quarantined]) instead of
// failing it.
//
// Limits: one Engine holds one index on one machine; Import keeps at most
// two batches of candidates in memory; a ranking page is at most the
// candidates it asks for, explained.
//
// An Engine is safe for concurrent use. Close it when done.
//
// Example:
//
//	eng, err := match.Open(ctx, match.Options{}) // in memory
//	if err != nil { ... }
//	defer eng.Close()
//	rep, err := eng.Import(ctx, file, match.ImportOptions{})
//	ranking, err := eng.Rank(ctx, role, match.RankOptions{Top: 20})
//	for _, r := range ranking.Results { fmt.Println(r.Rank, r.CandidateID, r.Score) }
package match
