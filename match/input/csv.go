package input

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/certmatch/certmatch/internal/strictjson"
	"github.com/certmatch/certmatch/scoring"
)

// csvColumns are the columns a CSV file may have, in the order errors list
// them.
var csvColumns = []string{"id", "name", "email", "phone", "location", "work_mode", "relocate", "years_experience",
	"desired_salary", "desired_currency", "desired_period", "summary", "skills", "certifications"}

// csvCols maps a column name to its index in a row.
type csvCols map[string]int

func (c csvCols) has(name string) bool { _, ok := c[name]; return ok }

// csvHeader parses a header line into columns, without judging them.
func csvHeader(line []byte) (csvCols, error) {
	r := csv.NewReader(bytes.NewReader(line))
	r.TrimLeadingSpace = true
	rec, err := r.Read()
	if err != nil {
		return nil, err
	}
	cols := csvCols{}
	for i, name := range rec {
		cols[strings.ToLower(strings.TrimSpace(name))] = i
	}
	return cols, nil
}

// checkCSVHeader validates a header row: known columns only, each once,
// and an id.
func checkCSVHeader(rec []string) (csvCols, error) {
	cols := csvCols{}
	for i, name := range rec {
		key := strings.ToLower(strings.TrimSpace(name))
		if key == "" {
			return nil, fmt.Errorf("csv header: column %d has no name", i+1)
		}
		known := false
		for _, c := range csvColumns {
			known = known || c == key
		}
		if !known {
			return nil, fmt.Errorf("csv header: unknown column %q (want some of %s)", name, strings.Join(csvColumns, ", "))
		}
		if cols.has(key) {
			return nil, fmt.Errorf("csv header: column %q appears twice", key)
		}
		cols[key] = i
	}
	if !cols.has("id") {
		return nil, fmt.Errorf("csv header: no %q column", "id")
	}
	return cols, nil
}

// decodeCSV reads FormatCSV (see the package documentation). Rows are
// positioned "line N", the line the row starts on; a bad row is passed on
// rejected and the rest are read on.
func decodeCSV(br *bufio.Reader, fn func(Record) error) error {
	r := csv.NewReader(br)
	r.TrimLeadingSpace = true
	header, err := r.Read()
	if err == io.EOF {
		return nil
	}
	if err != nil {
		return &InputError{Position: "line 1", Err: fmt.Errorf("csv header: %w", err)}
	}
	cols, err := checkCSVHeader(header)
	if err != nil {
		return &InputError{Position: "line 1", Err: err}
	}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return nil
		}
		var rec0 Record
		var pe *csv.ParseError
		switch {
		case errors.As(err, &pe):
			pos := fmt.Sprintf("line %d", pe.StartLine)
			id := ""
			if i := cols["id"]; i < len(rec) {
				id = strings.TrimSpace(rec[i])
			}
			rec0 = reject(pos, id, "", err)
		case err != nil:
			line, _ := r.FieldPos(0)
			return &InputError{Position: fmt.Sprintf("after line %d", line), Err: fmt.Errorf("csv: %w", err)}
		default:
			line, _ := r.FieldPos(0)
			pos := fmt.Sprintf("line %d", line)
			if rowSize(rec) > MaxRecordSize {
				rec0 = reject(pos, "", "", errTooLarge)
				break
			}
			rec0 = csvRecord(rec, cols, pos)
		}
		if err := fn(rec0); err != nil {
			return err
		}
	}
}

// csvRecord converts one CSV row.
func csvRecord(row []string, cols csvCols, pos string) Record {
	cell := func(name string) string {
		if i, ok := cols[name]; ok {
			return strings.TrimSpace(row[i])
		}
		return ""
	}
	c := scoring.Candidate{
		ID:              cell("id"),
		Name:            cell("name"),
		Email:           cell("email"),
		Phone:           cell("phone"),
		Location:        cell("location"),
		WorkMode:        scoring.WorkMode(cell("work_mode")),
		DesiredCurrency: cell("desired_currency"),
		DesiredPeriod:   scoring.PayPeriod(cell("desired_period")),
		Summary:         cell("summary"),
		Skills:          splitList(cell("skills")),
	}
	// Spellings people write ("On-site", "hourly") are read as the
	// native format's values; others are left for Validate to reject.
	if m, err := scoring.ParseWorkMode(string(c.WorkMode)); err == nil {
		c.WorkMode = m
	}
	if p, err := scoring.ParsePayPeriod(string(c.DesiredPeriod)); err == nil && c.DesiredPeriod != "" {
		c.DesiredPeriod = p
	}
	switch s := cell("relocate"); strings.ToLower(s) {
	case "", "false", "no", "n", "0":
	case "true", "yes", "y", "1":
		c.Relocate = true
	default:
		return reject(pos, c.ID, "relocate", &strictjson.TypeError{Msg: fmt.Sprintf("%q is not true or false", s)})
	}
	for _, num := range []struct {
		col string
		dst *float64
	}{{"years_experience", &c.YearsExperience}, {"desired_salary", &c.DesiredSalary}} {
		s := cell(num.col)
		if s == "" {
			continue
		}
		f, err := strconv.ParseFloat(s, 64)
		if err != nil {
			// The cell is not quoted back: a number column may hold a
			// phone number or anything else personal.
			return reject(pos, c.ID, num.col, &strictjson.TypeError{Msg: "not a number", Err: errors.Unwrap(err)})
		}
		*num.dst = f
	}
	for i, entry := range splitList(cell("certifications")) {
		name, when, dated := strings.Cut(entry, "|")
		cr := scoring.Credential{Name: strings.TrimSpace(name)}
		if dated {
			if strings.Contains(when, "|") {
				return reject(pos, c.ID, fmt.Sprintf("certifications[%d]", i), fmt.Errorf("%q: want name or name|date", entry))
			}
			d, err := scoring.ParseDate(when)
			if err != nil {
				return reject(pos, c.ID, fmt.Sprintf("certifications[%d].date", i), err)
			}
			cr.Date = d
		}
		c.Certifications = append(c.Certifications, cr)
	}
	if err := c.Validate(); err != nil {
		return rejectValidation(pos, &c, err, nil)
	}
	return Record{Candidate: c, Position: pos}
}

// rowSize is the number of bytes in a row's cells.
func rowSize(row []string) int {
	n := 0
	for _, c := range row {
		n += len(c)
	}
	return n
}

// splitList splits a cell on ';', trimming entries and dropping empty ones.
func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ";") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
