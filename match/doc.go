// Package match is what certmatch users import: the [Engine] that
// normalises, indexes, ranks, explains and matches a candidate to roles,
// and the file formats it reads and writes.
//
// An Engine is opened in memory (an empty [Options.Path], the default) or
// over an on-disk index. [Engine.Add] and [Engine.Import] validate
// candidates, resolve their free-text certifications with the catalog
// (keeping and reporting what cannot be resolved, never dropping it) and
// index them; Import streams native JSON (an object, an array or JSON
// Lines), JSON Resume and CSV (see [Format]) and reports every rejected
// record with its position, field and reason in an [ImportReport].
//
// [Engine.Rank] is exact: its page, scores and order are what scoring
// every candidate one by one with the engine's scorer gives (eligible
// first, score descending, candidate id ascending). It is fast because it
// scores compact profiles held beside the index, only for candidates who
// can be eligible, and explains only the page it returns. [Engine.Explain]
// scores one candidate; [Engine.RolesFor] is reverse matching, a
// candidate's best roles with their gaps and next steps.
//
// [LoadRole] reads a native role, [RoleFromJob] turns a JSON Resume job
// into one, and [WriteTable], [WriteExplanation] and [WriteJSON] print
// results.
//
// An Engine is safe for concurrent use. Close it when done.
//
// Example:
//
//	eng, err := match.Open(ctx, match.Options{}) // in memory
//	if err != nil { ... }
//	defer eng.Close()
//	report, err := eng.Import(ctx, file, match.ImportOptions{})
//	ranking, err := eng.Rank(ctx, role, match.RankOptions{Top: 20})
//	for _, r := range ranking.Results { fmt.Println(r.Rank, r.CandidateID, r.Score) }
package match
