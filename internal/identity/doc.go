// Package identity makes candidate ids that are stable and not personal:
// a keyed hash (HMAC-SHA256) of a normalised e-mail address or profile
// URL, or of the record's content when it has neither.
//
// An id must not be personal data (it is logged, shown, used as a key
// and as the tie-break of equal scores), yet the same person must get the
// same id when their resume is edited and imported again. A keyed hash of
// the e-mail address gives both: the address is not in the id, and a
// given key always maps it to the same id. The key matters: with the
// public [DefaultKey] anyone holding an address can compute its id, so an
// integrator sets its own key (match.ImportOptions) and keeps it as it
// keeps other secrets; changing the key changes every id.
//
// Ids are a prefix naming the source and 20 hex digits (80 bits) of the
// HMAC: "em-" for an e-mail address, "url-" for a profile URL, "doc-" for
// the content. A content id changes with every edit, so an edited resume
// imported again becomes a second candidate: callers warn about it.
//
// A Hasher is a value; it is safe for concurrent use.
//
//	h := identity.New(nil) // DefaultKey
//	id, ok := h.Email(" Ann.Lee@Example.COM ")
//	// ok is true; id is "em-" and 20 hex digits, the same as for "ann.lee@example.com"
package identity
