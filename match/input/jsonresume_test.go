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

	"github.com/certmatch/certmatch/internal/identity"
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

// warningAt returns the warning of rec at field, or nil.
func warningAt(rec Record, field string) *Warning {
	for _, w := range rec.Warnings {
		if w.Field == field {
			return w
		}
	}
	return nil
}

// emailID is the id the default IDOptions give a resume with this e-mail
// address.
func emailID(t *testing.T, addr string) string {
	t.Helper()
	id, ok := identity.New(nil).Email(addr)
	if !ok {
		t.Fatalf("%q is not an address", addr)
	}
	return id
}

// TestJSONResumeFixtures runs every fixture of the JSON Resume schema's
// test suite (testdata/jsonresume/fixtures, MIT, see LICENSE.md). Every
// fixture is imported: valid ones without a warning at what they hold,
// invalid fixtures of the sections certmatch reads with a warning naming
// the path of the offending value (each puts a null where the schema wants
// a string, object or array) and saying what was wanted, and invalid
// fixtures of other sections as they are, because sections certmatch does
// not read may hold anything. One departure from the schema: a null
// work[].endDate is an ongoing period, as "Present" is. dates.json is
// covered by TestJSONResumeDates.
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
				if rec.Err != nil {
					t.Fatalf("rejected %s: %v", raw, rec.Err)
				}
				v, _ := strictjson.DecodeAny(raw)
				want := nullPath(v, "")
				switch {
				case invalid && read && want == "work[0].endDate":
					counts["null end date read as ongoing"]++
					if w := warningAt(rec, want); w != nil {
						t.Errorf("warning %v, want none: a null end date is ongoing", w)
					}
				case invalid && read:
					counts["kept with a warning"]++
					if want == "" {
						t.Fatalf("fixture %s has no null to find", key)
					}
					w := warningAt(rec, want)
					if w == nil {
						t.Fatalf("no warning at %s; warnings %v", want, rec.Warnings)
					}
					if !strings.Contains(w.Error(), want+": want ") {
						t.Errorf("warning %q does not say what %s wants", w, want)
					}
				case invalid:
					counts["unread invalid accepted"]++
				default:
					counts["valid accepted"]++
				}
			})
		}
	}
	// basics 18 + skills 5 + certificates 5 + work 11 invalid fixtures, the
	// work endDate one ongoing.
	want := map[string]int{"kept with a warning": 38, "null end date read as ongoing": 1, "valid accepted": 118, "unread invalid accepted": 57}
	if diff := cmp.Diff(want, counts); diff != "" {
		t.Errorf("fixture counts mismatch (-want +got):\n%s", diff)
	}
}

// TestJSONResumeDates runs the schema suite's dates.json (date strings,
// not resumes) through the three places a read section has a date, and
// adds cases the suite lacks and dates as people write them. A date that
// cannot be read is a warning at its path and counts as no date; the
// record is kept.
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
		dateCase{"timestamp", "a datetime keeps its date", "2013-12-01T10:00:00", true},
		dateCase{"slashes", "month/year as people write it", "12/2013", true},
		dateCase{"month name", "as people write it", "February 2026", true},
		dateCase{"ambiguous", "day and month either way round: not guessed", "03/04/2013", false},
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
				if rec.Err != nil {
					t.Fatalf("rejected %v (%s): %v", dc.value, dc.why, rec.Err)
				}
				w := warningAt(rec, at.path)
				if dc.ok && w != nil {
					t.Errorf("warning for %v (%s): %v", dc.value, dc.why, w)
				}
				if !dc.ok && w == nil {
					t.Errorf("no warning at %s for %v (%s)", at.path, dc.value, dc.why)
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
			ID:       emailID(t, "richard.hendriks@mail.com"),
			Name:     "Richard Hendriks",
			Email:    "richard.hendriks@mail.com",
			Phone:    "(912) 555-4321",
			Location: "San Francisco, CA", // the region as scoring.PlaceOf writes it
			// One period, 2013-12-01 through 2014-12-01: 366 days / 365.25.
			YearsExperience: 1,
			Summary:         "Programmer: " + doc.Basics.Summary,
			Skills:          []string{"Web Development", "HTML", "CSS", "Javascript", "Compression", "Mpeg", "MP4", "GIF", "GoogleMaps", "Chrome Extension"},
			// A project's keywords are skills, with the project they came
			// from; "Go Sooners" in the summary is no skill.
			SkillSources: map[string]string{
				"GoogleMaps":       "project keyword of Miss Direction, 2016",
				"Chrome Extension": "project keyword of Miss Direction, 2016",
			},
		},
	}}
	if diff := cmp.Diff(want, recs); diff != "" {
		t.Errorf("sample resume mismatch (-want +got):\n%s", diff)
	}
}

func TestJSONResumeMapping(t *testing.T) {
	// Today is fixedNow, 2025-01-01.
	ax := emailID(t, "a@x.org")
	tests := []struct {
		name string
		why  string
		doc  string
		want scoring.Candidate
	}{
		{
			name: "id from email",
			why:  "the keyed hash of the e-mail address, lower-cased, is the id; the address itself is kept as written",
			doc:  `{"basics":{"email":"Ann.Lee@Example.COM","name":"Ann Lee"}}`,
			want: scoring.Candidate{ID: emailID(t, "ann.lee@example.com"), Name: "Ann Lee", Email: "Ann.Lee@Example.COM"},
		},
		{
			name: "city and region",
			why:  "City, Region",
			doc:  `{"basics":{"email":"a@x.org","location":{"city":"Chicago","region":"IL","countryCode":"US"}}}`,
			want: scoring.Candidate{ID: ax, Email: "a@x.org", Location: "Chicago, IL"},
		},
		{
			name: "city and country",
			why:  "City, CountryCode without a region",
			doc:  `{"basics":{"email":"a@x.org","location":{"city":"Berlin","countryCode":"DE"}}}`,
			want: scoring.Candidate{ID: ax, Email: "a@x.org", Location: "Berlin, DE"},
		},
		{
			name: "region repeats the city",
			why:  "Berlin, Berlin says less than Berlin, DE",
			doc:  `{"basics":{"email":"a@x.org","location":{"city":"Berlin","region":"Berlin","countryCode":"DE"}}}`,
			want: scoring.Candidate{ID: ax, Email: "a@x.org", Location: "Berlin, DE"},
		},
		{
			name: "region without city",
			why:  "Region, CountryCode",
			doc:  `{"basics":{"email":"a@x.org","location":{"region":"Bavaria","countryCode":"DE","address":"x"}}}`,
			want: scoring.Candidate{ID: ax, Email: "a@x.org", Location: "Bavaria, DE"},
		},
		{
			name: "label alone",
			why:  "the label is the summary when there is no summary",
			doc:  `{"basics":{"email":"a@x.org","label":"Java Developer"}}`,
			want: scoring.Candidate{ID: ax, Email: "a@x.org", Summary: "Java Developer",
				Skills:       []string{"Java"},
				SkillSources: map[string]string{"Java": "resume label"}},
		},
		{
			name: "skills deduplicated",
			why:  "names then keywords, first spelling kept, compared by skill key, empties dropped",
			doc: `{"basics":{"email":"a@x.org"},"skills":[{"name":"Java","level":"Master","keywords":["java","Spring Boot"]},
				{"name":"spring boot","keywords":["Kafka",""," "]},{"keywords":["SQL"]}]}`,
			want: scoring.Candidate{ID: ax, Email: "a@x.org", Skills: []string{"Java", "Spring Boot", "Kafka", "SQL"}},
		},
		{
			name: "skills as people write them",
			why:  "a parenthesised part, a slash and a comma list are several skills; CI/CD stays one",
			doc:  `{"basics":{"email":"a@x.org"},"skills":[{"name":"Java (Spring Boot)","keywords":["Java/J2EE","Spring, Hibernate","CI/CD"]}]}`,
			want: scoring.Candidate{ID: ax, Email: "a@x.org", Skills: []string{"Java", "Spring Boot", "J2EE", "Spring", "Hibernate", "CI/CD"}},
		},
		{
			name: "skills in highlights",
			why:  "a skill named only in a work highlight is held, with where it was found; 2019-03-01..2022-01-31 is 2.92 years",
			doc:  `{"basics":{"email":"a@x.org"},"work":[{"name":"Acme","position":"Developer","startDate":"2019-03","endDate":"2022-01","highlights":["Built Kafka pipelines"]}]}`,
			want: scoring.Candidate{ID: ax, Email: "a@x.org", YearsExperience: 2.9, Skills: []string{"Kafka"},
				SkillSources: map[string]string{"Kafka": "work highlight at Developer, Acme, 2019-2022"}},
		},
		{
			name: "certificates",
			why:  "name, date, issuer and url map to a credential, unresolved; a nameless certificate is skipped",
			doc: `{"basics":{"email":"a@x.org"},"certificates":[
				{"name":"Oracle Certified Professional: Java SE 17 Developer","date":"2023-05","issuer":"Oracle","url":"https://example.com/b/1"},
				{"date":"2020","issuer":"Nobody"},
				{"name":"Spring Professional","date":"Feb 11, 2022"}]}`,
			want: scoring.Candidate{ID: ax, Email: "a@x.org", Certifications: []scoring.Credential{
				{Name: "Oracle Certified Professional: Java SE 17 Developer", Date: scoring.MustDate("2023-05"), Issuer: "Oracle", URL: "https://example.com/b/1"},
				{Name: "Spring Professional", Date: scoring.MustDate("2022-02-11")},
			}},
		},
		{
			name: "overlapping work",
			why:  "2015-01-01..2018-12-31 and 2017-01-01..2020-12-31 are one period of 6 years",
			doc:  `{"basics":{"email":"a@x.org"},"work":[{"startDate":"2015-01","endDate":"2018-12"},{"startDate":"2017","endDate":"2020"}]}`,
			want: scoring.Candidate{ID: ax, Email: "a@x.org", YearsExperience: 6},
		},
		{
			name: "disjoint work",
			why:  "2010 and 2012 are 2 years; the gap is not counted",
			doc:  `{"basics":{"email":"a@x.org"},"work":[{"startDate":"2012","endDate":"2012"},{"startDate":"2010","endDate":"2010"}]}`,
			want: scoring.Candidate{ID: ax, Email: "a@x.org", YearsExperience: 2},
		},
		{
			name: "ongoing work",
			why:  "no endDate runs to today: 2023-01-01..2025-01-01 noon is 2.0 years",
			doc:  `{"basics":{"email":"a@x.org"},"work":[{"startDate":"2023-01"}]}`,
			want: scoring.Candidate{ID: ax, Email: "a@x.org", YearsExperience: 2},
		},
		{
			name: "ongoing as people write it",
			why:  "Present and null end dates run to today: 2023-01-01..today is 2.0 years",
			doc:  `{"basics":{"email":"a@x.org"},"work":[{"startDate":"January 2023","endDate":"Present"},{"startDate":"2023-06","endDate":null}]}`,
			want: scoring.Candidate{ID: ax, Email: "a@x.org", YearsExperience: 2},
		},
		{
			name: "ongoing inside a finished period",
			why:  "a side job within a longer one adds nothing: 2020-01-01..today is 5.0",
			doc:  `{"basics":{"email":"a@x.org"},"work":[{"startDate":"2020"},{"startDate":"2021-06","endDate":"2022"}]}`,
			want: scoring.Candidate{ID: ax, Email: "a@x.org", YearsExperience: 5},
		},
		{
			name: "future end and future start",
			why:  "days after today are not counted: 2024-07-01..today is 0.5; a job starting in 2026 adds 0",
			doc:  `{"basics":{"email":"a@x.org"},"work":[{"startDate":"2024-07","endDate":"2027"},{"startDate":"2026"}]}`,
			want: scoring.Candidate{ID: ax, Email: "a@x.org", YearsExperience: 0.5},
		},
		{
			name: "period without start",
			why:  "an endDate alone cannot be measured",
			doc:  `{"basics":{"email":"a@x.org"},"work":[{"endDate":"2020","name":"Acme"},{"startDate":"","endDate":""}]}`,
			want: scoring.Candidate{ID: ax, Email: "a@x.org"},
		},
		{
			name: "rounding",
			why:  "2019-03-15..2020-01-31 is 323 days, 0.884 years, rounded to 0.9",
			doc:  `{"basics":{"email":"a@x.org"},"work":[{"startDate":"2019-03-15","endDate":"2020-01"}]}`,
			want: scoring.Candidate{ID: ax, Email: "a@x.org", YearsExperience: 0.9},
		},
		{
			name: "unread sections and extra fields",
			why:  "sections certmatch does not read, and fields the schema does not name, may hold anything",
			doc:  `{"basics":{"email":"a@x.org","x-extra":null},"awards":null,"education":7,"meta":"v1","work":[{"foo":null}]}`,
			want: scoring.Candidate{ID: ax, Email: "a@x.org"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := decodeResume(t, tt.doc)
			if rec.Err != nil || len(rec.Warnings) > 0 {
				t.Fatalf("rejected or warned (%s): %v %v", tt.why, rec.Err, rec.Warnings)
			}
			if diff := cmp.Diff(tt.want, rec.Candidate); diff != "" {
				t.Errorf("candidate mismatch (-want +got) (%s):\n%s", tt.why, diff)
			}
		})
	}
}

// TestJSONResumeWarnings: a field of the wrong type or form is a warning
// naming its path and what was wanted, never its value; the record is
// kept without it. Only a document that is not an object is rejected.
func TestJSONResumeWarnings(t *testing.T) {
	tests := []struct {
		name  string
		why   string
		doc   string
		field string
		err   string
	}{
		{"bad email", "format email; the email never scores", `{"basics":{"email":"[403 Forbidden]"}}`, "basics.email", "want an e-mail address, got a string that is not one"},
		{"email with a name", "an address, not a mailbox", `{"basics":{"email":"Ann <ann@x.org>"}}`, "basics.email", "want an e-mail address"},
		{"bad url", "a URL that cannot be parsed", `{"basics":{"email":"a@x.org","url":"http://exa mple.com"}}`, "basics.url", "want a URL"},
		{"bad certificate url", "certificates[].url is a URI", `{"basics":{"email":"a@x.org"},"certificates":[{"name":"X","url":"http://[::1"}]}`, "certificates[0].url", "want a URL"},
		{"end before start", "a period cannot end before it starts: not counted", `{"basics":{"email":"a@x.org"},"work":[{"startDate":"2020-05","endDate":"2019"}]}`, "work[0].endDate", "before the startDate"},
		{"certificates object", "an array is wanted", `{"basics":{"email":"a@x.org"},"certificates":{"name":"X"}}`, "certificates", "want an array, got an object"},
		{"certificate string", "each certificate is an object", `{"basics":{"email":"a@x.org"},"certificates":["OCPJP"]}`, "certificates[0]", "want an object, got a string"},
		{"keyword number", "keywords are strings", `{"basics":{"email":"a@x.org"},"skills":[{"name":"Java","keywords":["x",7]}]}`, "skills[0].keywords[1]", "want a string, got a number"},
		{"location string", "location is an object", `{"basics":{"email":"a@x.org","location":"Chicago"}}`, "basics.location", "want an object, got a string"},
		{"profile url", "profiles are checked too", `{"basics":{"email":"a@x.org","profiles":[{"url":false}]}}`, "basics.profiles[0].url", "want a string, got a boolean"},
		{"highlights", "work highlights are strings", `{"basics":{"email":"a@x.org"},"work":[{"highlights":"won"}]}`, "work[0].highlights", "want an array, got a string"},
		{"summary array", "a summary of the wrong type", `{"basics":{"email":"a@x.org","summary":["a"]}}`, "basics.summary", "want a string, got an array"},
		{"too many years", "Validate's limit, mapped back to work: counts as none", `{"basics":{"email":"a@x.org"},"work":[{"startDate":"1900"}]}`, "work", "between 0 and 80"},
		{"no email", "the content is hashed: an edit makes a new candidate", `{"basics":{"name":"Ann"}}`, "basics.email", "edited version imported again becomes a second candidate"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := decodeResume(t, tt.doc)
			if rec.Err != nil {
				t.Fatalf("rejected (%s): %v", tt.why, rec.Err)
			}
			w := warningAt(rec, tt.field)
			if w == nil {
				t.Fatalf("no warning at %s (%s); warnings %v", tt.field, tt.why, rec.Warnings)
			}
			if !strings.Contains(w.Err.Error(), tt.err) {
				t.Errorf("warning %q, want it to say %q (%s)", w, tt.err, tt.why)
			}
			if w.Record != rec.Candidate.ID || w.Position != rec.Position {
				t.Errorf("warning names %s (%s), want the record's %s (%s)", w.Position, w.Record, rec.Position, rec.Candidate.ID)
			}
			for _, personal := range []string{"403", "Ann", "exa mple", "Chicago", "OCPJP", "won"} {
				if strings.Contains(w.Error(), personal) {
					t.Errorf("warning %q quotes the value %q", w, personal)
				}
			}
		})
	}
	rec := decodeResume(t, `[1]`)
	if re, ok := rec.Err.(*RecordError); !ok || !strings.Contains(re.Error(), "want a JSON Resume object, got a number") {
		t.Errorf("a document that is not an object: %v, want a rejection", rec.Err)
	}
}

func TestJSONResumeIDWithoutEmail(t *testing.T) {
	compact := `{"basics":{"name":"Ann"},"skills":[{"name":"Java"}]}`
	indented := "{\n  \"basics\": {\"name\": \"Ann\"},\n  \"skills\": [ {\"name\": \"Java\"} ]\n}"
	other := `{"basics":{"name":"Bob"},"skills":[{"name":"Java"}]}`
	a := decodeResume(t, compact).Candidate.ID
	b := decodeResume(t, indented).Candidate.ID
	c := decodeResume(t, other).Candidate.ID
	if want := identity.New(nil).Content([]byte(compact)); a != want {
		t.Errorf("id %q, want the keyed hash of the compacted JSON %q", a, want)
	}
	if a != b {
		t.Errorf("the same resume indented differently got ids %q and %q", a, b)
	}
	if a == c {
		t.Errorf("different resumes share the id %q", a)
	}
	// A profile URL comes before the content.
	u := decodeResume(t, `{"basics":{"profiles":[{"network":"LinkedIn","url":"https://www.linkedin.com/in/ann/"}]}}`).Candidate.ID
	if want, _ := identity.New(nil).ProfileURL("linkedin.com/in/ann"); u != want {
		t.Errorf("id %q, want the profile URL's %q", u, want)
	}
}

func TestJSONResumeIDOptions(t *testing.T) {
	doc := `{"basics":{"email":"a@x.org"},"meta":{"id":"ats-7"}}`
	var recs []Record
	decode := func(opts DecodeOptions) Record {
		recs = recs[:0]
		opts.Now = fixedNow
		if _, err := Decode(strings.NewReader(doc), opts, func(r Record) error { recs = append(recs, r); return nil }); err != nil || len(recs) != 1 {
			t.Fatalf("Decode: %v, %d records", err, len(recs))
		}
		return recs[0]
	}
	if got := decode(DecodeOptions{IDs: IDOptions{Field: "meta.id"}}).Candidate.ID; got != "ats-7" {
		t.Errorf("Field: id %q, want ats-7", got)
	}
	rec := decode(DecodeOptions{IDs: IDOptions{Field: "meta.ats"}})
	if re, ok := rec.Err.(*RecordError); !ok || re.Field != "meta.ats" {
		t.Errorf("Field missing: %v, want a rejection at meta.ats", rec.Err)
	}
	got := decode(DecodeOptions{Name: "x.json", IDs: IDOptions{Func: func(in IDInput) (string, error) {
		return string(in.Format) + ":" + in.Name + ":" + in.Position, nil
	}}}).Candidate.ID
	if got != "jsonresume:x.json:document" {
		t.Errorf("Func: id %q", got)
	}
}

func TestJSONResumeStreams(t *testing.T) {
	// Arrays and JSON Lines of resumes, recognised by content; a bad resume
	// does not stop the others.
	content := identity.New(nil).Content([]byte(`{"basics":null}`))
	for _, tt := range []struct {
		name, input string
		want        []outcome
	}{
		{"array", `[{"basics":{"email":"a@x.org"}},{"basics":null},7,{"basics":{"email":"b@x.org"}}]`,
			[]outcome{{Pos: "[0]", ID: emailID(t, "a@x.org")}, {Pos: "[1]", ID: content}, {Pos: "[2]", Err: "want a JSON Resume object, got a number"}, {Pos: "[3]", ID: emailID(t, "b@x.org")}}},
		{"JSON Lines", "{\"basics\":{\"email\":\"a@x.org\"}}\n{\"basics\":{\"email\":\"b@x.org\"},\"work\":[{\"startDate\":\"2019-1\"}]}\n",
			[]outcome{{Pos: "line 1", ID: emailID(t, "a@x.org")}, {Pos: "line 2", ID: emailID(t, "b@x.org")}}},
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
