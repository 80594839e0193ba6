package input

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/certmatch/certmatch/internal/strictjson"
	"github.com/certmatch/certmatch/scoring"
)

func openTestdata(t *testing.T, path string) *os.File {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// fixedNow is "today" in JSON Resume tests.
func fixedNow() time.Time { return time.Date(2025, 1, 1, 12, 0, 0, 0, time.UTC) }

// decodeResume decodes one JSON Resume document.
func decodeResume(t *testing.T, doc string) Record {
	t.Helper()
	var recs []Record
	_, err := Decode(strings.NewReader(doc), DecodeOptions{Format: FormatJSONResume, Now: fixedNow}, func(r Record) error {
		recs = append(recs, r)
		return nil
	})
	if err != nil {
		t.Fatalf("Decode: %v", err)
	}
	if len(recs) != 1 {
		t.Fatalf("got %d records, want 1", len(recs))
	}
	return recs[0]
}

// readSections are the JSON Resume sections certmatch reads and checks.
var readSections = []string{"basics", "skills", "certificates", "work"}

// nullPath returns the JSON path of the first null in v (object keys in
// sorted order), or "".
func nullPath(v any, path string) string {
	switch v := v.(type) {
	case nil:
		return path
	case map[string]any:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			if p := nullPath(v[k], childPath(path, k)); p != "" {
				return p
			}
		}
	case []any:
		for i, it := range v {
			if p := nullPath(it, fmt.Sprintf("%s[%d]", path, i)); p != "" {
				return p
			}
		}
	}
	return ""
}

// childPath is the JSON path of key in the object at path.
func childPath(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// TestJSONResumeFixtures runs every fixture of the JSON Resume schema's
// test suite (testdata/jsonresume/fixtures, MIT, see LICENSE.md). Valid
// fixtures must be accepted. Invalid fixtures of the sections certmatch
// reads must be rejected naming the path of the offending value (each puts
// a null where the schema wants a string, object or array); invalid
// fixtures of other sections are accepted, because sections certmatch does
// not read may hold anything. dates.json is covered by TestJSONResumeDates.
func TestJSONResumeFixtures(t *testing.T) {
	files, err := filepath.Glob("../../testdata/jsonresume/fixtures/*.json")
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	counts := map[string]int{}
	for _, file := range files {
		base := strings.TrimSuffix(filepath.Base(file), ".json")
		if base == "dates" {
			continue
		}
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		var fixtures map[string]json.RawMessage
		if err := json.Unmarshal(data, &fixtures); err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		read := slices.Contains(readSections, base)
		for key, raw := range fixtures {
			t.Run(base+"/"+key, func(t *testing.T) {
				invalid := strings.Contains(strings.ToLower(key), "invalid")
				rec := decodeResume(t, string(raw))
				switch {
				case invalid && read:
					counts["rejected"]++
					v, _ := strictjson.DecodeAny(raw)
					want := nullPath(v, "")
					if want == "" {
						t.Fatalf("fixture %s has no null to find", key)
					}
					re, ok := rec.Err.(*RecordError)
					if !ok {
						t.Fatalf("accepted %s, want a *RecordError at %s", raw, want)
					}
					if re.Field != want {
						t.Errorf("Field = %q, want %q (error %v)", re.Field, want, re)
					}
					if !strings.Contains(re.Error(), want+": want ") {
						t.Errorf("error %q does not say what %s wants", re, want)
					}
				default:
					if invalid {
						counts["unread invalid accepted"]++
					} else {
						counts["valid accepted"]++
					}
					if rec.Err != nil {
						t.Errorf("rejected %s: %v", raw, rec.Err)
					}
				}
			})
		}
	}
	// basics 18 + skills 5 + certificates 5 + work 11 invalid fixtures.
	want := map[string]int{"rejected": 39, "valid accepted": 118, "unread invalid accepted": 57}
	if diff := cmp.Diff(want, counts); diff != "" {
		t.Errorf("fixture counts mismatch (-want +got):\n%s", diff)
	}
}

// TestJSONResumeDates runs the schema suite's dates.json (date strings,
// not resumes) through the two places a read section has a date, and adds
// cases the suite lacks.
func TestJSONResumeDates(t *testing.T) {
	data, err := os.ReadFile("../../testdata/jsonresume/fixtures/dates.json")
	if err != nil {
		t.Fatal(err)
	}
	var suite map[string]string
	if err := json.Unmarshal(data, &suite); err != nil {
		t.Fatal(err)
	}
	type dateCase struct {
		name  string
		why   string
		value any
		ok    bool
	}
	var cases []dateCase
	for k, v := range suite {
		cases = append(cases, dateCase{"suite " + k, "schema suite dates.json", v, !strings.Contains(k, "invalid")})
	}
	cases = append(cases,
		dateCase{"year month", "YYYY-MM is allowed", "2013-12", true},
		dateCase{"year", "YYYY is allowed", "2013", true},
		dateCase{"empty", "a deliberate leniency: empty means no date", "", true},
		dateCase{"month 13", "matches the schema pattern but is no month", "2013-13", false},
		dateCase{"30 February", "matches the schema pattern but is no day", "2013-02-30", false},
		dateCase{"timestamp", "the schema pattern has no time part", "2013-12-01T10:00:00", false},
		dateCase{"slashes", "not ISO 8601", "12/2013", false},
		dateCase{"number", "a year as a number is not a string", 2013, false},
	)
	for _, dc := range cases {
		for _, at := range []struct{ section, field, path string }{
			{"certificates", "date", "certificates[0].date"},
			{"work", "startDate", "work[0].startDate"},
			{"work", "endDate", "work[0].endDate"},
		} {
			t.Run(dc.name+"/"+at.path, func(t *testing.T) {
				doc, _ := json.Marshal(map[string]any{at.section: []any{map[string]any{"name": "X", at.field: dc.value}}})
				rec := decodeResume(t, string(doc))
				if dc.ok && rec.Err != nil {
					t.Errorf("rejected %v (%s): %v", dc.value, dc.why, rec.Err)
				}
				if !dc.ok {
					re, isRE := rec.Err.(*RecordError)
					if !isRE || re.Field != at.path {
						t.Errorf("got %v, want a rejection at %s (%s)", rec.Err, at.path, dc.why)
					}
				}
			})
		}
	}
}

func TestSampleResume(t *testing.T) {
	data, err := os.ReadFile("../../testdata/jsonresume/sample.resume.json")
	if err != nil {
		t.Fatal(err)
	}
	var recs []Record
	format, err := Decode(bytes.NewReader(data), DecodeOptions{Now: fixedNow}, func(r Record) error {
		recs = append(recs, r)
		return nil
	})
	if err != nil || format != FormatJSONResume {
		t.Fatalf("Decode = %q, %v; want jsonresume, nil", format, err)
	}
	var doc struct {
		Basics struct{ Summary string }
	}
	_ = json.Unmarshal(data, &doc)
	want := []Record{{
		Position: "document",
		Candidate: scoring.Candidate{
			ID:       "richard.hendriks@mail.com",
			Name:     "Richard Hendriks",
			Email:    "richard.hendriks@mail.com",
			Phone:    "(912) 555-4321",
			Location: "San Francisco, CA", // the region as scoring.PlaceOf writes it
			// One period, 2013-12-01 through 2014-12-01: 366 days / 365.25.
			YearsExperience: 1,
			Summary:         "Programmer: " + doc.Basics.Summary,
			Skills:          []string{"Web Development", "HTML", "CSS", "Javascript", "Compression", "Mpeg", "MP4", "GIF"},
		},
	}}
	if diff := cmp.Diff(want, recs); diff != "" {
		t.Errorf("sample resume mismatch (-want +got):\n%s", diff)
	}
}

func TestJSONResumeMapping(t *testing.T) {
	// Today is fixedNow, 2025-01-01.
	tests := []struct {
		name string
		why  string
		doc  string
		want scoring.Candidate
	}{
		{
			name: "id from email",
			why:  "the email, lower-cased, is the id; the email itself is kept as written",
			doc:  `{"basics":{"email":"Ann.Lee@Example.COM","name":"Ann Lee"}}`,
			want: scoring.Candidate{ID: "ann.lee@example.com", Name: "Ann Lee", Email: "Ann.Lee@Example.COM"},
		},
		{
			name: "city and region",
			why:  "City, Region",
			doc:  `{"basics":{"email":"a@x.org","location":{"city":"Chicago","region":"IL","countryCode":"US"}}}`,
			want: scoring.Candidate{ID: "a@x.org", Email: "a@x.org", Location: "Chicago, IL"},
		},
		{
			name: "city and country",
			why:  "City, CountryCode without a region",
			doc:  `{"basics":{"email":"a@x.org","location":{"city":"Berlin","countryCode":"DE"}}}`,
			want: scoring.Candidate{ID: "a@x.org", Email: "a@x.org", Location: "Berlin, DE"},
		},
		{
			name: "region repeats the city",
			why:  "Berlin, Berlin says less than Berlin, DE",
			doc:  `{"basics":{"email":"a@x.org","location":{"city":"Berlin","region":"Berlin","countryCode":"DE"}}}`,
			want: scoring.Candidate{ID: "a@x.org", Email: "a@x.org", Location: "Berlin, DE"},
		},
		{
			name: "region without city",
			why:  "Region, CountryCode",
			doc:  `{"basics":{"email":"a@x.org","location":{"region":"Bavaria","countryCode":"DE","address":"x"}}}`,
			want: scoring.Candidate{ID: "a@x.org", Email: "a@x.org", Location: "Bavaria, DE"},
		},
		{
			name: "label alone",
			why:  "the label is the summary when there is no summary",
			doc:  `{"basics":{"email":"a@x.org","label":"Java Developer"}}`,
			want: scoring.Candidate{ID: "a@x.org", Email: "a@x.org", Summary: "Java Developer"},
		},
		{
			name: "skills deduplicated",
			why:  "names then keywords, first spelling kept, compared case-insensitively, empties dropped",
			doc: `{"basics":{"email":"a@x.org"},"skills":[{"name":"Java","level":"Master","keywords":["java","Spring Boot"]},
				{"name":"spring boot","keywords":["Kafka",""," "]},{"keywords":["SQL"]}]}`,
			want: scoring.Candidate{ID: "a@x.org", Email: "a@x.org", Skills: []string{"Java", "Spring Boot", "Kafka", "SQL"}},
		},
		{
			name: "certificates",
			why:  "name, date, issuer and url map to a credential, unresolved; a nameless certificate is skipped",
			doc: `{"basics":{"email":"a@x.org"},"certificates":[
				{"name":"Oracle Certified Professional: Java SE 17 Developer","date":"2023-05","issuer":"Oracle","url":"https://example.com/b/1"},
				{"date":"2020","issuer":"Nobody"},
				{"name":"Spring Professional","date":"2022-02-11"}]}`,
			want: scoring.Candidate{ID: "a@x.org", Email: "a@x.org", Certifications: []scoring.Credential{
				{Name: "Oracle Certified Professional: Java SE 17 Developer", Date: scoring.MustDate("2023-05"), Issuer: "Oracle", URL: "https://example.com/b/1"},
				{Name: "Spring Professional", Date: scoring.MustDate("2022-02-11")},
			}},
		},
		{
			name: "overlapping work",
			why:  "2015-01-01..2018-12-31 and 2017-01-01..2020-12-31 are one period of 6 years",
			doc:  `{"basics":{"email":"a@x.org"},"work":[{"startDate":"2015-01","endDate":"2018-12"},{"startDate":"2017","endDate":"2020"}]}`,
			want: scoring.Candidate{ID: "a@x.org", Email: "a@x.org", YearsExperience: 6},
		},
		{
			name: "disjoint work",
			why:  "2010 and 2012 are 2 years; the gap is not counted",
			doc:  `{"basics":{"email":"a@x.org"},"work":[{"startDate":"2012","endDate":"2012"},{"startDate":"2010","endDate":"2010"}]}`,
			want: scoring.Candidate{ID: "a@x.org", Email: "a@x.org", YearsExperience: 2},
		},
		{
			name: "ongoing work",
			why:  "no endDate runs to today: 2023-01-01..2025-01-01 noon is 2.0 years",
			doc:  `{"basics":{"email":"a@x.org"},"work":[{"startDate":"2023-01"}]}`,
			want: scoring.Candidate{ID: "a@x.org", Email: "a@x.org", YearsExperience: 2},
		},
		{
			name: "ongoing inside a finished period",
			why:  "a side job within a longer one adds nothing: 2020-01-01..today is 5.0",
			doc:  `{"basics":{"email":"a@x.org"},"work":[{"startDate":"2020"},{"startDate":"2021-06","endDate":"2022"}]}`,
			want: scoring.Candidate{ID: "a@x.org", Email: "a@x.org", YearsExperience: 5},
		},
		{
			name: "future end and future start",
			why:  "days after today are not counted: 2024-07-01..today is 0.5; a job starting in 2026 adds 0",
			doc:  `{"basics":{"email":"a@x.org"},"work":[{"startDate":"2024-07","endDate":"2027"},{"startDate":"2026"}]}`,
			want: scoring.Candidate{ID: "a@x.org", Email: "a@x.org", YearsExperience: 0.5},
		},
		{
			name: "period without start",
			why:  "an endDate alone cannot be measured",
			doc:  `{"basics":{"email":"a@x.org"},"work":[{"endDate":"2020","name":"Acme"},{"startDate":"","endDate":""}]}`,
			want: scoring.Candidate{ID: "a@x.org", Email: "a@x.org"},
		},
		{
			name: "rounding",
			why:  "2019-03-15..2020-01-31 is 323 days, 0.884 years, rounded to 0.9",
			doc:  `{"basics":{"email":"a@x.org"},"work":[{"startDate":"2019-03-15","endDate":"2020-01"}]}`,
			want: scoring.Candidate{ID: "a@x.org", Email: "a@x.org", YearsExperience: 0.9},
		},
		{
			name: "unread sections and extra fields",
			why:  "sections certmatch does not read, and fields the schema does not name, may hold anything",
			doc:  `{"basics":{"email":"a@x.org","x-extra":null},"awards":null,"education":7,"meta":"v1","work":[{"foo":null}]}`,
			want: scoring.Candidate{ID: "a@x.org", Email: "a@x.org"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := decodeResume(t, tt.doc)
			if rec.Err != nil {
				t.Fatalf("rejected (%s): %v", tt.why, rec.Err)
			}
			if diff := cmp.Diff(tt.want, rec.Candidate); diff != "" {
				t.Errorf("candidate mismatch (-want +got) (%s):\n%s", tt.why, diff)
			}
		})
	}
}

func TestJSONResumeRejects(t *testing.T) {
	tests := []struct {
		name  string
		why   string
		doc   string
		field string
		err   string
	}{
		{"bad email", "format email", `{"basics":{"email":"not-an-email"}}`, "basics.email", "not an email address"},
		{"email with a name", "an address, not a mailbox", `{"basics":{"email":"Ann <ann@x.org>"}}`, "basics.email", "not an email address"},
		{"bad url", "a URL that cannot be parsed", `{"basics":{"email":"a@x.org","url":"http://exa mple.com"}}`, "basics.url", "not a URL"},
		{"bad certificate url", "certificates[].url is a URI", `{"certificates":[{"name":"X","url":"http://[::1"}]}`, "certificates[0].url", "not a URL"},
		{"end before start", "a period cannot end before it starts", `{"work":[{"startDate":"2020-05","endDate":"2019"}]}`, "work[0].endDate", "before the startDate"},
		{"certificates object", "an array is wanted", `{"certificates":{"name":"X"}}`, "certificates", "want an array, got an object"},
		{"certificate string", "each certificate is an object", `{"certificates":["OCPJP"]}`, "certificates[0]", "want an object, got a string"},
		{"keyword number", "keywords are strings", `{"skills":[{"name":"Java","keywords":["x",7]}]}`, "skills[0].keywords[1]", "want a string, got a number"},
		{"location string", "location is an object", `{"basics":{"location":"Chicago"}}`, "basics.location", "want an object, got a string"},
		{"profile url", "profiles are checked too", `{"basics":{"profiles":[{"url":false}]}}`, "basics.profiles[0].url", "want a string, got a boolean"},
		{"highlights", "work highlights are strings", `{"work":[{"highlights":"won"}]}`, "work[0].highlights", "want an array, got a string"},
		{"not an object", "a resume is an object", `[1]`, "", "want a JSON Resume object, got a number"},
		{"too many years", "Validate's limit, mapped back to work", `{"work":[{"startDate":"1900"}]}`, "work", "between 0 and 80"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := decodeResume(t, tt.doc)
			re, ok := rec.Err.(*RecordError)
			if !ok {
				t.Fatalf("got %v, want a *RecordError (%s)", rec.Err, tt.why)
			}
			got := outcome{Field: re.Field, Err: re.Err.Error()}
			want := outcome{Field: tt.field, Err: tt.err}
			if strings.Contains(got.Err, want.Err) {
				got.Err = want.Err
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("rejection mismatch (-want +got) (%s):\n%s", tt.why, diff)
			}
		})
	}
}

func TestJSONResumeIDWithoutEmail(t *testing.T) {
	compact := `{"basics":{"name":"Ann"},"skills":[{"name":"Java"}]}`
	indented := "{\n  \"basics\": {\"name\": \"Ann\"},\n  \"skills\": [ {\"name\": \"Java\"} ]\n}"
	other := `{"basics":{"name":"Bob"},"skills":[{"name":"Java"}]}`
	a := decodeResume(t, compact).Candidate.ID
	b := decodeResume(t, indented).Candidate.ID
	c := decodeResume(t, other).Candidate.ID
	if !strings.HasPrefix(a, "resume-") || len(a) != len("resume-")+12 {
		t.Errorf("id %q, want resume- and 12 hex digits", a)
	}
	if a != b {
		t.Errorf("the same resume indented differently got ids %q and %q", a, b)
	}
	if a == c {
		t.Errorf("different resumes share the id %q", a)
	}
	// The id is the SHA-256 of the compacted JSON; checked with
	// printf '{"basics":null}' | sha256sum.
	if got := decodeResume(t, "{ \"basics\" : null }").Candidate.ID; got != "resume-fe795826f409" {
		t.Errorf("id = %q, want resume-fe795826f409", got)
	}
	// A rejected record without email still carries the stable id.
	rec := decodeResume(t, `{"basics":{"name":null}}`)
	if !strings.HasPrefix(rec.Candidate.ID, "resume-") || rec.Err.(*RecordError).Record != rec.Candidate.ID {
		t.Errorf("rejected record id = %q, error %v", rec.Candidate.ID, rec.Err)
	}
}

func TestJSONResumeStreams(t *testing.T) {
	// Arrays and JSON Lines of resumes, recognised by content; a bad resume
	// does not stop the others.
	for _, tt := range []struct {
		name, input string
		want        []outcome
	}{
		{"array", `[{"basics":{"email":"a@x.org"}},{"basics":null},{"basics":{"email":"b@x.org"}}]`,
			[]outcome{{Pos: "[0]", ID: "a@x.org"}, {Pos: "[1]", ID: "resume-fe795826f409", Field: "basics", Err: "want an object, got null"}, {Pos: "[2]", ID: "b@x.org"}}},
		{"JSON Lines", "{\"basics\":{\"email\":\"a@x.org\"}}\n{\"work\":[{\"startDate\":\"2019-1\"}]}\n",
			[]outcome{{Pos: "line 1", ID: "a@x.org"}, {Pos: "line 2", ID: "resume-44ceac6e03a6", Field: "work[0].startDate", Err: "want YYYY, YYYY-MM or YYYY-MM-DD"}}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, _, f, err := decodeAll(t, tt.input, DecodeOptions{Now: fixedNow})
			if err != nil || f != FormatJSONResume {
				t.Fatalf("Decode = %q, %v", f, err)
			}
			matchErrs(tt.want, got)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("records mismatch (-want +got):\n%s", diff)
			}
		})
	}
}
