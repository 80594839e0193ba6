package audit

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Person is one candidate's demographic categories. An empty field is an
// unknown category. Categories are kept apart from candidate records: they
// are never stored in the index and never scored.
type Person struct {
	Sex  string `json:"sex,omitempty"`
	Race string `json:"race_ethnicity,omitempty"`
}

// Categories maps candidate ids to their categories.
type Categories map[string]Person

// CategoriesError names the line and column of a bad categories file.
type CategoriesError struct {
	Line   int    // 1-based line of the file
	Column string // header name, "" for the whole line
	Err    error
}

func (e *CategoriesError) Error() string {
	if e.Column == "" {
		return fmt.Sprintf("audit: categories line %d: %v", e.Line, e.Err)
	}
	return fmt.Sprintf("audit: categories line %d, column %s: %v", e.Line, e.Column, e.Err)
}

func (e *CategoriesError) Unwrap() error { return e.Err }

// ErrCategories is wrapped by every categories file error.
var ErrCategories = errors.New("bad categories file")

// unknownWords are category values that mean the category is not known.
var unknownWords = map[string]bool{
	"": true, "unknown": true, "not disclosed": true, "undisclosed": true, "declined": true,
	"declined to answer": true, "prefer not to say": true, "n/a": true, "na": true, "-": true,
}

// LoadCategories reads a CSV file with a header naming the columns
// candidate_id (or id), sex and race_ethnicity (or race), in any order;
// other columns are ignored. Values are kept as written, trimmed; an empty
// value or one such as "unknown", "declined" or "prefer not to say" is an
// unknown category. A candidate listed twice is an error naming the line.
func LoadCategories(r io.Reader) (Categories, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	head, err := cr.Read()
	if err != nil {
		return nil, &CategoriesError{Line: 1, Err: fmt.Errorf("%w: no header: %v", ErrCategories, err)}
	}
	col := map[string]int{}
	for i, h := range head {
		h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
		switch h {
		case "id":
			h = "candidate_id"
		case "race", "ethnicity", "race/ethnicity":
			h = "race_ethnicity"
		}
		col[h] = i
	}
	idCol, ok := col["candidate_id"]
	if !ok {
		return nil, &CategoriesError{Line: 1, Column: "candidate_id", Err: fmt.Errorf("%w: the header has no candidate_id column", ErrCategories)}
	}
	_, hasSex := col["sex"]
	_, hasRace := col["race_ethnicity"]
	if !hasSex && !hasRace {
		return nil, &CategoriesError{Line: 1, Err: fmt.Errorf("%w: the header has neither a sex nor a race_ethnicity column", ErrCategories)}
	}
	get := func(rec []string, name string) string {
		i, ok := col[name]
		if !ok || i >= len(rec) {
			return ""
		}
		v := strings.TrimSpace(rec[i])
		if unknownWords[strings.ToLower(v)] {
			return ""
		}
		return v
	}
	out := Categories{}
	seen := map[string]int{}
	for line := 2; ; line++ {
		rec, err := cr.Read()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, &CategoriesError{Line: line, Err: fmt.Errorf("%w: %v", ErrCategories, err)}
		}
		if idCol >= len(rec) || strings.TrimSpace(rec[idCol]) == "" {
			return nil, &CategoriesError{Line: line, Column: "candidate_id", Err: fmt.Errorf("%w: empty candidate id", ErrCategories)}
		}
		id := strings.TrimSpace(rec[idCol])
		if first, dup := seen[id]; dup {
			return nil, &CategoriesError{Line: line, Column: "candidate_id", Err: fmt.Errorf("%w: candidate listed again (first on line %d)", ErrCategories, first)}
		}
		seen[id] = line
		out[id] = Person{Sex: get(rec, "sex"), Race: get(rec, "race_ethnicity")}
	}
}
