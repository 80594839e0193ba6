package input

// Warning is a field of an imported record that was read leniently: it
// could not be read as it stands and the record was kept without it (or
// with what could be read). Position, Record and Field are as in a
// RecordError; Err says what was wrong and what was done, never quoting
// the value of a personal field (name, e-mail, phone, URL...).
type Warning struct {
	Position string `json:"position"`
	Record   string `json:"record,omitempty"`
	Field    string `json:"field,omitempty"`
	Err      error  `json:"-"`
}

// Error formats w as a RecordError is formatted: `document (em-…):
// basics.email: want an e-mail address, ...`.
func (w *Warning) Error() string { return w.asRecordError().Error() }

// Unwrap returns the underlying error.
func (w *Warning) Unwrap() error { return w.Err }

// MarshalJSON writes w with its error text under "error".
func (w *Warning) MarshalJSON() ([]byte, error) { return w.asRecordError().MarshalJSON() }

func (w *Warning) asRecordError() *RecordError {
	return &RecordError{Position: w.Position, Record: w.Record, Field: w.Field, Err: w.Err}
}

// warnings turns notes on the record at pos with id into Warnings.
func warnings(pos, id string, notes []fieldNote) []*Warning {
	if len(notes) == 0 {
		return nil
	}
	out := make([]*Warning, len(notes))
	for i, n := range notes {
		out[i] = &Warning{Position: pos, Record: id, Field: n.field, Err: n.err}
	}
	return out
}
