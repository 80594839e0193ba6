package input

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/certmatch/certmatch/scoring"
)

func TestDecodeCSV(t *testing.T) {
	tests := []struct {
		name    string
		why     string
		input   string
		want    []outcome
		wantErr string
	}{
		{
			name:  "plain rows",
			why:   "rows are positioned by line, the header being line 1",
			input: "id,name\nc1,Ann\nc2,Bob\n",
			want:  []outcome{{Pos: "line 2", ID: "c1"}, {Pos: "line 3", ID: "c2"}},
		},
		{
			name:  "header in any case and spacing",
			why:   "column names are trimmed and compared case-insensitively",
			input: " ID , Years_Experience\nc1, 4\n",
			want:  []outcome{{Pos: "line 2", ID: "c1"}},
		},
		{
			name:  "bad number",
			why:   "a bad number names the row and column and never stops the other rows",
			input: "id,years_experience,desired_salary\nc1,3,100000\nc2,ten,\nc3,,1e5\n",
			want: []outcome{
				{Pos: "line 2", ID: "c1"},
				{Pos: "line 3", ID: "c2", Field: "years_experience", Err: "not a number"},
				{Pos: "line 4", ID: "c3"},
			},
		},
		{
			name:  "bad salary",
			why:   "the second numeric column",
			input: "id,desired_salary\nc1,\"115,000\"\n",
			want:  []outcome{{Pos: "line 2", ID: "c1", Field: "desired_salary", Err: "not a number"}},
		},
		{
			name:  "negative salary",
			why:   "Validate's rule, naming the column",
			input: "id,desired_salary\nc1,-5\n",
			want:  []outcome{{Pos: "line 2", ID: "c1", Field: "desired_salary", Err: "non-negative"}},
		},
		{
			name:  "place and pay columns",
			why:   "work mode, relocation, currency and period, in the spellings people write",
			input: "id,work_mode,relocate,desired_salary,desired_currency,desired_period\nc1,On-site,Yes,70,usd,hourly\nc2,remote,false,,,\n",
			want:  []outcome{{Pos: "line 2", ID: "c1"}, {Pos: "line 3", ID: "c2"}},
		},
		{
			name:  "bad relocate",
			why:   "relocate is true or false",
			input: "id,relocate\nc1,maybe\n",
			want:  []outcome{{Pos: "line 2", ID: "c1", Field: "relocate", Err: `"maybe" is not true or false`}},
		},
		{
			name:  "bad work mode",
			why:   "Validate's rule, naming the column",
			input: "id,work_mode\nc1,sometimes\n",
			want:  []outcome{{Pos: "line 2", ID: "c1", Field: "work_mode", Err: "want remote, onsite, hybrid or any"}},
		},
		{
			name:  "bad period",
			why:   "Validate's rule, naming the column",
			input: "id,desired_period\nc1,weekly\n",
			want:  []outcome{{Pos: "line 2", ID: "c1", Field: "desired_period", Err: "want year, month or hour"}},
		},
		{
			name:  "bad certification date",
			why:   "name|date with a malformed date names the entry's date",
			input: "id,certifications\nc1,OCPJP|2021-03;SCJP|2021-13\n",
			want:  []outcome{{Pos: "line 2", ID: "c1", Field: "certifications[1].date", Err: "bad month"}},
		},
		{
			name:  "too many bars",
			why:   "an entry is name or name|date",
			input: "id,certifications\nc1,OCPJP|2021|Oracle\n",
			want:  []outcome{{Pos: "line 2", ID: "c1", Field: "certifications[0]", Err: "want name or name|date"}},
		},
		{
			name:  "nameless certification",
			why:   "Validate rejects an entry with only a date",
			input: "id,certifications\nc1,|2020\n",
			want:  []outcome{{Pos: "line 2", ID: "c1", Field: "certifications[0]", Err: "needs a name or an id"}},
		},
		{
			name:  "missing id",
			why:   "every row needs an id",
			input: "id,name\n,Ann\nc2,Bob\n",
			want:  []outcome{{Pos: "line 2", Field: "id", Err: "missing"}, {Pos: "line 3", ID: "c2"}},
		},
		{
			name:  "wrong number of cells",
			why:   "encoding/csv's field count error rejects the row alone",
			input: "id,name\nc1,Ann,extra\nc2,Bob\n",
			want:  []outcome{{Pos: "line 2", ID: "c1", Err: "wrong number of fields"}, {Pos: "line 3", ID: "c2"}},
		},
		{
			name:  "bare quote",
			why:   "a quote inside an unquoted cell rejects the row, and reading goes on",
			input: "id,name\nc1,Jo \"JJ\" Smith\nc2,Bob\n",
			want:  []outcome{{Pos: "line 2", ID: "c1", Err: "bare \""}, {Pos: "line 3", ID: "c2"}},
		},
		{
			name:  "multi-line cell",
			why:   "a row is positioned by the line it starts on",
			input: "id,summary\nc1,\"two\nlines\"\nc2,x\n",
			want:  []outcome{{Pos: "line 2", ID: "c1"}, {Pos: "line 4", ID: "c2"}},
		},
		{
			name:  "header only",
			why:   "no rows, no records",
			input: "id,name\n",
		},
		{
			name:    "unknown column",
			why:     "a typo in the header is an error of the input",
			input:   "id,nmae\nc1,Ann\n",
			wantErr: `csv header: unknown column "nmae"`,
		},
		{
			name:    "column twice",
			why:     "which cell would count?",
			input:   "id,name,Name\nc1,Ann,Bob\n",
			wantErr: `csv header: column "name" appears twice`,
		},
		{
			name:    "no id column",
			why:     "id is required",
			input:   "name,id2\nAnn,1\n",
			wantErr: `csv header: unknown column "id2"`,
		},
		{
			name:    "empty column name",
			why:     "every column needs a name",
			input:   "id,,name\nc1,x,Ann\n",
			wantErr: "csv header: column 2 has no name",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _, f, err := decodeAll(t, tt.input, DecodeOptions{Format: FormatCSV})
			if f != FormatCSV {
				t.Errorf("format = %q, want csv", f)
			}
			if tt.wantErr == "" && err != nil {
				t.Fatalf("Decode: %v (%s)", err, tt.why)
			}
			if tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)) {
				t.Fatalf("Decode error = %v, want %q (%s)", err, tt.wantErr, tt.why)
			}
			matchErrs(tt.want, got)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("records mismatch (-want +got) (%s):\n%s", tt.why, diff)
			}
		})
	}
}

func TestDecodeCSVNoIDColumn(t *testing.T) {
	_, err := Decode(strings.NewReader("name,email\nAnn,a@x.org\n"), DecodeOptions{Format: FormatCSV}, func(Record) error { return nil })
	if err == nil || !strings.Contains(err.Error(), `no "id" column`) {
		t.Errorf("Decode error = %v, want one about the id column", err)
	}
	// Recognised by content, the same file is no known format.
	_, err = Decode(strings.NewReader("name,email\nAnn,a@x.org\n"), DecodeOptions{}, func(Record) error { return nil })
	if !errors.Is(err, ErrUnknownFormat) {
		t.Errorf("Decode error = %v, want ErrUnknownFormat", err)
	}
}

// TestDecodeCSVPlaceAndPay: the place and pay columns land in the
// candidate as the native format writes them.
func TestDecodeCSVPlaceAndPay(t *testing.T) {
	_, got, _, err := decodeAll(t, "id,location,work_mode,relocate,desired_salary,desired_currency,desired_period\nc1,\"Evanston, IL\",On-site,TRUE,70,usd,hourly\n", DecodeOptions{Format: FormatCSV})
	if err != nil || len(got) != 1 {
		t.Fatalf("Decode = %d records, %v", len(got), err)
	}
	want := scoring.Candidate{ID: "c1", Location: "Evanston, IL", WorkMode: scoring.OnsiteMode, Relocate: true,
		DesiredSalary: 70, DesiredCurrency: "usd", DesiredPeriod: scoring.PerHour}
	if diff := cmp.Diff(want, got[0].Candidate); diff != "" {
		t.Errorf("candidate (-want +got):\n%s", diff)
	}
}

func TestDecodeCSVCandidate(t *testing.T) {
	input := "\xef\xbb\xbfid,name,email,phone,location,years_experience,desired_salary,summary,skills,certifications\r\n" +
		`cand-0001,Maria Kowalski,maria@example.com,555-0100,"Chicago, IL",7.5,115000,"Backend, payments","Java; Spring Boot ;;Kafka",` +
		`"Oracle Certified Professional, Java SE 11 Developer|2021-03; VMware Spring Professional 2021 ;1Z0-809"` + "\r\n"
	want := []Record{{
		Position: "line 2",
		Candidate: scoring.Candidate{
			ID: "cand-0001", Name: "Maria Kowalski", Email: "maria@example.com", Phone: "555-0100",
			Location: "Chicago, IL", YearsExperience: 7.5, DesiredSalary: 115000, Summary: "Backend, payments",
			Skills: []string{"Java", "Spring Boot", "Kafka"},
			Certifications: []scoring.Credential{
				{Name: "Oracle Certified Professional, Java SE 11 Developer", Date: scoring.MustDate("2021-03")},
				{Name: "VMware Spring Professional 2021"},
				{Name: "1Z0-809"},
			},
		},
	}}
	_, got, f, err := decodeAll(t, input, DecodeOptions{})
	if err != nil || f != FormatCSV {
		t.Fatalf("Decode = %q, %v; want csv, nil", f, err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("record mismatch (-want +got):\n%s", diff)
	}
}
