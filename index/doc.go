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
// live candidate's [scoring.Profile] (interned certification ids and
// versions, day numbers, skill keys, years, location; a few hundred bytes)
// in a slot, and roaring bitmaps from certification ids (held and implied),
// skill keys and locations to slots. Ranking a role reads only this
// structure: the bitmaps give the candidates who can be eligible, the
// scorer's [scoring.Plan.Points] scores each profile, and only the page
// returned is loaded from bleve and explained. A free-text query runs one
// bleve query that records matching ids through a custom filter (no stored
// field is loaded) and is intersected with the bitmaps.
//
// # Why it is exact
//
// A profile is built by the same function ([scoring.Scorer.Profile]) from
// the same stored candidate that scoring one by one would use, and
// [scoring.Plan.Points] is the same code as [scoring.Plan.Score]. The
// bitmap gates only leave out candidates who cannot be eligible (they lack
// a required group, a required skill or the years).
//
// # How it stays consistent
//
// The ranking structure is derived from bleve. A write builds its bleve
// batch, then under the index's write lock runs the batch and applies the
// same change to the structure; readers hold the read lock, so a reader
// never sees one without the other. On disk, bleve's default (safe) batch
// returns only after the batch is fsynced and a crash leaves whole batches;
// on open the structure is rebuilt from bleve's stored documents, so it
// matches whatever survived.
//
// # Limits
//
// In memory, scorch never merges segments: each batch leaves one, and text
// queries slow down as they pile up (bigger batches help). An on-disk index
// takes a lock: a second writer gets an error after Options.LockTimeout.
// The compact structure costs memory for every candidate in both modes.
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
package index
