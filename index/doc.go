// Package index stores candidate profiles in bleve and retrieves them: an
// explicit mapping, batch upsert, delete, get, count, a role as a bleve
// query, free text, filters, facets and pagination, in memory or on disk.
// It is the only certmatch package that imports bleve.
//
// # What lives where
//
// bleve is the store and the text and filter engine. Each candidate is one
// bleve document: canonical certification ids held and implied, versions,
// issue and expiry dates, skill keys and skill text, the summary (English
// analysis), years and location, and the whole candidate as stored JSON so
// [Index.Get] returns exactly what was put.
//
// Beside bleve the index keeps a compact ranking structure in memory: each
// live candidate's [scoring.Profile] (certification ids by catalog
// position, interned versions, day numbers, skills numbered by the
// scorer's [scoring.Vocab], years, location; about 350 bytes with the
// bitmaps) in a slot, and roaring bitmaps from certification ids (held and
// implied), skill keys and locations to slots. Profiles' credentials and
// skills are packed in arenas in the order they were stored, so a scan
// reads memory mostly in sequence. An in-memory index also keeps each
// candidate's stored JSON there, in large byte chunks addressed by slot,
// so a result record or [Index.Get] reads it by slot instead of asking
// bleve, whose lookup by id visits every segment.
//
// Ranking a role ([Index.Rank], which match.Engine.Rank calls) reads only
// this structure: the bitmaps give the candidates who can be eligible
// ([ForPlan]: a certification of every required group, every required
// skill, the years). They are split, lazily and best bound first, into
// classes by which of the role's credited certifications and skills they
// hold (an AND and an AND NOT of posting bitmaps per split), each with an
// upper bound of its scores ([scoring.Bounds], [scoring.Ceiling]): a
// class is scored with [scoring.Plan.EligiblePoints] into bounded top
// lists ordered by [scoring.Order] (on every core when large; the lists
// merge exactly), and once the k-th kept score is eligible and above a
// class's bound, that class and every later one are only counted: by
// their size where the class decides eligibility, else by the years or
// the one requirement left open. Within a scored class a candidate whose
// own bound (its exact experience points) is below the cut is counted the
// same way. Only the page returned is loaded (by slot in memory, from
// bleve on disk) and explained, under the same read lock. No profile
// leaves the index: the walk over the structure is this package's alone.
//
// A free-text query runs one unscored bleve query, combined with the
// role's certification and skill gates, read from bleve's searcher: its
// matches are documents of segments, mapped to slots through a table per
// segment filled once (resolving a match's id reads stored fields, which
// costs more than the query); the slots are intersected with the
// bitmaps before the classes are split.
//
// # Why it is exact
//
// A profile is built by the same function ([scoring.Scorer.Profile]) from
// the same stored candidate that scoring one by one would use, and
// [scoring.Plan.Points] is the same code as [scoring.Plan.Score]. The
// bitmap gates only leave out candidates who cannot be eligible (they lack
// a required group, a required skill or the years). A class's bound is
// the scorer's own arithmetic with every credit it cannot rule out at its
// most, and a cent above; a candidate is skipped only when k kept
// candidates score strictly more, so ties by id are kept too. Tests check
// the bound against Points on random roles and profiles, and every page
// against scoring everyone one by one.
//
// # How it stays consistent
//
// The ranking structure is derived from bleve. A write is prepared
// ([Index.Prepare]: profiles and bleve documents, no lock) and then
// applied ([Index.Apply]): under the index's write lock bleve runs the
// batch and the same change is made to the structure; readers hold the
// read lock ([Index.View]), so a reader never sees one without the other.
// On disk, bleve's default (safe) batch returns only after the batch is
// fsynced, and a crash leaves whole batches. On open an on-disk index
// reads the structure from its [RankFile] when that file matches what
// bleve holds (every batch also stores a write counter the file records,
// beside the Fingerprint and checksums; libraries that did not number
// their writes are kept out of an index that does); otherwise the structure is
// rebuilt from bleve's stored records (on every core), so it matches
// whatever survived. A test kills a writer mid-import and checks this.
//
// In memory, a write of fewer than 256 candidates or ids does not wait for
// bleve: under the write lock it changes the structure and the stored
// records kept by slot, and is queued for a writer goroutine, which maps
// the queued documents into one bleve batch when writes pause, when the
// oldest has waited a second, when the queue is half full, or at once
// when a read needs bleve. Every read of bleve (text in [Index.Rank],
// [Index.Search], Reindex, Compact, [Index.Bleve], Close) first waits for
// the queue, so every read sees the writes made before it. A bleve batch
// that fails after its writes were acknowledged is kept as a
// [*WriteError] naming them, returned by every later write, read and
// Close. Larger writes wait for the queue to empty and then write bleve
// first, as on disk.
//
// The terms bleve holds are derived with the catalog (implied ids, skill
// keys through its synonyms), so an on-disk index keeps the [Fingerprint]
// of the mapping and catalog it was written with in bleve's internal
// store. Opened under another, it is re-derived whole from the stored
// records before [Open] returns ([Options.ReindexProgress] reports it;
// the records are not changed), or refused with a [*StaleError] when
// [Options.RefuseStale] is set; [Index.Reindex] does it on demand. The
// fingerprint is written only after the last batch, so an interrupted
// reindex is done again at the next open.
//
// # Limits
//
// Scorch without a path never merges segments (each batch would leave one,
// and single writes would grow memory and slow [Index.Get] and text queries
// without bound), so an in-memory index is scorch in a temporary folder,
// written without waiting for the disk and removed on Close: it is lost
// with the process, like memory, and its segments are merged in the
// background and held in mapped files. [Index.Compact] merges now. Replacing a candidate leaves
// its old profile's arena space unused until the index is reopened. An
// on-disk index takes bbolt's file lock: exclusive for a writer, shared
// for Options.ReadOnly opens, so several readers (processes or not) share
// an index, but nobody reads while a writer has it open; an open that
// cannot get the lock within Options.LockTimeout fails with a
// *[LockedError] (wrapping [ErrLocked]) naming the lock file. Sharding across several bleve indexes is not built:
// ranking already uses every core through the ranking structure, and the
// bleve queries it runs are small.
//
// # bleve in the API
//
// bleve types appear in four places, each for integrators who use bleve
// beside certmatch: [Index.Bleve] (read-only queries this package does not
// wrap, and the benchmarks' baselines), [BleveQuery] (a selection as a
// bleve query, to combine with queries of one's own), [Mapping] and
// [Document] (to build or inspect bleve indexes with the same fields).
// Ranking, search, facets and writes take and return certmatch types
// only, and match's API has none of bleve's.
//
// [Index] is safe for concurrent use.
//
// Example:
//
//	ix, err := index.Open(ctx, index.Options{}) // in memory
//	if err != nil { ... }
//	defer ix.Close()
//	_, err = ix.Put(ctx, candidates)
//	res, err := ix.Search(ctx, index.SearchRequest{Selection: index.Selection{Text: "kafka"}, Facets: true})
//	plan, err := sc.Compile(role) // sc is Options.Scorer
//	page, err := ix.Rank(ctx, plan, index.RankRequest{Limit: 20})
package index
