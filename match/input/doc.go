// Package input reads candidate and role files: it recognises a file's
// format by content ([DetectFormat]), streams its records ([Decode]) as
// scoring.Candidate values or the reason each was rejected (a
// *[RecordError] naming its position, id and field), and reads native roles
// ([LoadRole], [LoadRoleFile]) and job postings as roles ([RoleFromJob]:
// a JSON Resume job, or the text, Markdown or HTML of a posting, each
// requirement keeping the sentence it came from). It does not index, normalise or score:
// match.Engine.Import calls Decode and resolves the certifications.
//
// Limits: a record is decoded whole, up to [MaxRecordSize] bytes (a longer
// one is rejected with its position); the format is decided from the first
// megabyte; error messages name positions, ids and fields and never quote a
// personal field. An input that fails as a whole (truncated or malformed
// JSON outside JSON Lines, a failing reader) ends with an *[InputError]
// saying where, after every record before it has been handed on. Every
// function is safe for concurrent use; Decode calls its callback from the
// caller's goroutine, one record at a time.
//
// Example:
//
//	format, err := input.Decode(f, input.DecodeOptions{}, func(rec input.Record) error {
//		if rec.Err != nil { log.Print(rec.Err); return nil } // line 3 (c2): years_experience: ...
//		fmt.Println(rec.Position, rec.Candidate.ID)
//		return nil
//	})
//
// The rules below are the public contract of the file formats; the README
// summarises them.
//
// # Native JSON
//
// [FormatNative] is certmatch's own candidate JSON (scoring.Candidate),
// decoded strictly: an unknown field or a value of the wrong type rejects
// the record, naming the field, and so does (*scoring.Candidate).Validate.
//
// # JSON Resume
//
// [FormatJSONResume] (https://jsonresume.org, schema v1.0.0) is read as a
// candidate:
//
//   - id: basics.email lower-cased; without one, "resume-" and the first 12
//     hex digits of the SHA-256 of the record's compacted JSON, so the same
//     resume gets the same id however it is indented. A rejected record is
//     always named by that hash, never by its email address;
//   - name, email, phone: from basics;
//   - summary: basics.label and basics.summary, joined by ": ";
//   - location: the city, region and countryCode as scoring.PlaceOf reads
//     them: "Chicago, IL", "Berlin, DE" (a region that repeats the city is
//     left out), or "Bavaria, DE" without a city;
//   - skills: every skills[].name, then its keywords, in order, without
//     duplicates (compared case-insensitively) or empty strings;
//   - certifications: certificates[] as {name, date, issuer, url}; a
//     certificate without a name has nothing to resolve and is skipped;
//   - years_experience: the union of the work periods, overlaps counted
//     once, rounded to 0.1 year. A period runs from the first day of its
//     startDate ("2019" is 1 January 2019) to the last day of its endDate
//     ("2020" is 31 December 2020), or to today ([DecodeOptions].Now) when it
//     has none; a period without a startDate is not counted, nor days after
//     today.
//
// The sections read (basics, skills, certificates, work) are checked
// against the JSON Resume schema: every field the schema describes must
// have its type (null is not a string), arrays must be arrays, dates must
// be YYYY, YYYY-MM or YYYY-MM-DD and real calendar dates, basics.email must
// be an address. A failure rejects the record with a *[RecordError] whose
// Field is the JSON path ("certificates[0].date", "basics.location.city").
// Two deliberate departures from the schema: an empty string is accepted as
// "no date" (many resumes write "endDate": "" for a current job), and a URL
// is checked only for being parseable, not for being absolute. A work
// period whose endDate is before its startDate is rejected too. Sections
// not read, and fields the schema does not describe, may hold anything.
//
// # CSV
//
// [FormatCSV] has a header row naming some of the columns id, name, email,
// phone, location, work_mode, relocate, years_experience, desired_salary,
// desired_currency, desired_period, summary, skills and certifications, in
// any order and case; id is required and any other column is an error.
// work_mode is remote, onsite or hybrid ("On-site" reads as onsite),
// relocate true or false (yes, no, 1, 0), desired_period year, month or hour ("hourly"
// reads as hour). skills holds names separated by ';'.
// certifications holds entries separated by ';', each a free-text name,
// optionally followed by '|' and the date it was earned: "OCP Java
// 11|2021-03; Spring Professional|2022" (quote a name holding a comma as
// CSV requires). years_experience and desired_salary are plain numbers
// ("7.5"), an empty cell being 0. A bad number, date or cell count rejects
// the row with its line and column.
//
// # Job postings
//
// [RoleFromJob] recognises a posting by content: a JSON object is a JSON
// Resume job (job-schema.json; the fields it reads are checked as resume
// sections are), anything else is pasted text, Markdown or HTML. Its text
// is read by internal/jobtext; RoleFromJob's documentation gives the
// rules that make a role of what is found (required only where the
// wording or a requirements list says so, preferred otherwise, narrative
// asking for nothing), and the README walks through the seed page.
package input
