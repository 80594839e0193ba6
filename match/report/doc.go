// Package report writes what people read from a ranking: a table of a
// [match.Ranking] ([WriteTable]), one explained result in words
// ([WriteExplanation]), and JSON ([WriteJSON], [WriteJSONLine]) with the
// one encoder set-up every output shares. [FirstStep], [Matched] and
// [MissingText] are the summaries a table cell or a web page shows, so the
// command-line tool and a server say the same thing.
//
// Limits: the text forms are for people and may change between releases;
// programs should read the JSON, whose fields are the json tags of
// match.Ranking and scoring.Result. Writers return the first error of w.
//
// Every function is safe for concurrent use; each writes only to its w.
//
// Example:
//
//	ranking, err := eng.Rank(ctx, role, match.RankOptions{Top: 10})
//	if err != nil { ... }
//	report.WriteTable(os.Stdout, eng.Catalog(), ranking)
//	report.WriteExplanation(os.Stdout, ranking.Results[0].Result)
//	report.WriteJSON(os.Stdout, ranking)
package report
