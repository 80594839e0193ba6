package input

import (
	"errors"
	"fmt"
	"strings"

	"github.com/certmatch/certmatch/internal/identity"
)

// IDOptions say how a candidate read from a JSON Resume, a LinkedIn export
// or a resume document gets its id (native and CSV records carry their
// own). The zero value uses the rules below with identity's public
// default key.
//
// In order: Func, when set and it returns an id; Field, for a JSON
// Resume; a keyed hash of the e-mail address (lower-cased), stable across
// edits of the resume; a keyed hash of the profile URL (the LinkedIn
// profile, else the first profile, else basics.url); and last a keyed
// hash of the content, with a warning, since an edited resume then gets a
// new id and becomes a second candidate. An id is never a personal field.
type IDOptions struct {
	// Field is a dotted path in a JSON Resume to the integrator's own id
	// ("meta.id", "basics.x-ats-id"): a string, trimmed, or a whole number
	// there is the id as written. When Field is set a resume without it is
	// rejected, rather than given an id of another kind.
	Field string
	// Func, when set, is asked first. It returns "" to leave the record to
	// the rules above, or an error to reject it.
	Func func(IDInput) (string, error)
	// Key is the key of the keyed hashes; empty means the default key,
	// the text "certmatch identity v1",
	// which is public: set your own to keep ids from being recomputed from
	// e-mail addresses.
	Key []byte

	hasher *identity.Hasher // Key's, prepared once per Decode
}

// IDInput is what IDOptions.Func is shown of a record.
type IDInput struct {
	Format     Format // FormatJSONResume, FormatLinkedIn or FormatDocument
	Position   string // as in RecordError
	Name       string // the file name for an export or a document; "" in a stream
	Email      string // as written; "" when none could be read
	ProfileURL string // "" when none
	// Raw is the record: a JSON Resume's JSON, an export's files, a
	// document's text.
	Raw []byte
}

// errNoID is the rejection of a record without its integrator id.
var errNoID = errors.New("no id")

// errContentID is the warning on an id hashed from the content.
var errContentID = errors.New("no e-mail address or profile URL: the id is a hash of the content, so an edited version imported again becomes a second candidate")

// pickID gives a record its id by the rules of IDOptions. doc is the
// decoded JSON Resume for Field (nil for other formats); canonical gives
// the content to hash last. warn is errContentID when the content was
// hashed; err rejects the record.
func (o IDOptions) pickID(in IDInput, doc map[string]any, canonical func() []byte) (id string, warn, err error) {
	if o.Func != nil {
		id, err := o.Func(in)
		if err != nil {
			return "", nil, fmt.Errorf("id: %w", err)
		}
		if id = strings.TrimSpace(id); id != "" {
			return id, nil, nil
		}
	}
	if o.Field != "" && doc != nil {
		id, ok := fieldAt(doc, o.Field)
		if !ok {
			return "", nil, fmt.Errorf("%w at %s (IDOptions.Field)", errNoID, o.Field)
		}
		return id, nil, nil
	}
	h := o.hasher
	if h == nil {
		nh := identity.New(o.Key)
		h = &nh
	}
	if id, ok := h.Email(in.Email); ok {
		return id, nil, nil
	}
	if id, ok := h.ProfileURL(in.ProfileURL); ok {
		return id, nil, nil
	}
	return h.Content(canonical()), errContentID, nil
}
