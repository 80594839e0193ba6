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
// # People's formats: strict where it scores, lenient where it does not
//
// JSON Resume documents, LinkedIn exports and resume documents are written
// by people, not programs, and are read leniently: a field that cannot be
// read is a *[Warning] in [Record].Warnings (position, candidate id, field,
// what was wrong and what was done; never the value of a personal field)
// and the record is kept. A field that does not score (e-mail, phone, URL,
// summary, a work entry's location) is left out; a field that scores (a
// certificate's name or date, a skill, a work period's dates) counts as
// absent, never as a match. Only a record that is not a JSON object, or
// has no usable id, is rejected.
//
// Dates are read as people write them
// (github.com/certmatch/certmatch/internal/peopledate): ISO full and
// partial, ISO datetimes, "February 2026", "Feb. 2026", "2012, July",
// "02/2026", "2/2026", "2026/02", "2026.02", "Present", "current", "now",
// "today" and null (an ongoing period); a day and month that could be
// either way round ("03/04/2021") are not guessed but warned about, and
// the precision written is kept. Native and CSV files stay ISO.
//
// Skills are split as people write them ([scoring.SplitSkill]): "Java
// (Spring Boot)", "Java/J2EE" and "Spring, Hibernate" are two skills each,
// "CI/CD", "TCP/IP", "PL/SQL", "C++", "C#", ".NET" and "Node.js" one.
// Skills named in prose (work highlights, summaries and descriptions,
// project highlights and descriptions, the resume's label and summary)
// count as held when the finder job postings are read with
// (internal/jobtext, its built-in skills) names them ("built Apache Kafka
// pipelines" holds Apache Kafka, which scoring folds to kafka as a role's
// skills are folded); [scoring.Candidate].SkillSources says where each
// was found ("work highlight at Developer, Acme, 2019-2022"), and
// explanations quote it. They are skills like the listed ones: they score
// and a text query finds them.
//
// Ids ([IDOptions]): the integrator's function, then its field (a dotted
// path such as "meta.id"), then a keyed hash (HMAC-SHA256) of the e-mail
// address lower-cased, "em-" and 20 hex digits, stable across edits of the
// resume; then of the profile URL ("url-"; the LinkedIn profile, else the
// first profile, else basics.url); then of the content ("doc-"), with a
// warning, since an edited resume then gets a new id and becomes a second
// candidate. An id is never a personal field, so equal scores, ordered by
// id, are never ordered by one. The default key is public
// (the text "certmatch identity v1"); set IDOptions.Key to your own.
//
// # JSON Resume
//
// [FormatJSONResume] (https://jsonresume.org, schema v1.0.0) is read as a
// candidate:
//
//   - id: see above (a rejected record is named by its content hash,
//     never by its e-mail address);
//   - name, email, phone: from basics (an email that is not an address is
//     left out with a warning);
//   - summary: basics.label and basics.summary, joined by ": ";
//   - location: the city, region and countryCode as scoring.PlaceOf reads
//     them: "Chicago, IL", "Berlin, DE" (a region that repeats the city is
//     left out), or "Bavaria, DE" without a city;
//   - skills: every skills[].name, then its keywords, split, in order,
//     without duplicates (by skill key) or empty strings; then
//     projects[].keywords and the skills found in prose, with their
//     sources;
//   - certifications: certificates[] as {name, date, issuer, url}, a name
//     written on several lines made one; a certificate without a name has
//     nothing to resolve and is skipped;
//   - years_experience: the union of the work periods, overlaps counted
//     once, rounded to 0.1 year. A period runs from the first day of its
//     startDate ("2019" is 1 January 2019) to the last day of its endDate
//     ("2020" is 31 December 2020), or to today ([DecodeOptions].Now) when it
//     is ongoing or has none; a period without a startDate is not counted,
//     nor days after today, nor a period that ends before it starts (a
//     warning).
//
// Every field read is checked against the type the JSON Resume schema gives
// it (null is not a string, arrays must be arrays; a warning at its JSON
// path, "certificates[0].date", "basics.location.city", otherwise). Three
// deliberate departures from the schema: an empty string is "no date",
// null is an ongoing end date, and a URL is checked only for being
// parseable, not for being absolute. Sections not read, and fields the
// schema does not describe, may hold anything.
//
// # LinkedIn data export
//
// [FormatLinkedIn] is the export LinkedIn sends ("Get a copy of your
// data"): its zip, its folder ([DecodeExportDir]) or one of its CSV files
// alone, told by its header (Certifications.csv: Name, Url, Authority,
// Started On, Finished On, License Number; Skills.csv: Name). It is one
// candidate: the name, headline and summary, and location (Geo Location)
// of Profile.csv; the primary e-mail of Email Addresses.csv; Skills.csv's
// skills, split; skills found in the headline, the summary and the
// descriptions of Positions.csv and Projects.csv, with their sources;
// Certifications.csv as credentials (Authority the issuer, Started On the
// date, Finished On the expiry, License Number the credential id); years
// from Positions.csv's periods (an empty Finished On is ongoing). A row
// that cannot be read, or a date, is a warning naming the file, line and
// column. Position is "export".
//
// # Resume documents
//
// [FormatDocument] is a resume as a file: PDF, DOCX, Markdown or plain
// text, told by content (a PDF, a DOCX) or by the file's name
// ([DecodeOptions].Name ending .pdf, .docx, .md, .markdown, .txt or .text).
// Its text (github.com/certmatch/certmatch/internal/doctext) is read as
// one candidate, at Position "document":
//
//   - sections are told by their headings (Summary, Experience, Skills,
//     Certifications, Education, Projects... alone on a line or before a
//     colon);
//   - the contact block (the lines before the first heading): the name
//     (a first line of two to four capitalised words), the e-mail address,
//     the location ("City, Region", or a "Location:" line); stored, never
//     scored;
//   - skills: the skills section's lists, split; then the skills named in
//     the other lines (not education or certifications), with their
//     sources;
//   - certifications: every line of the certifications section, and lines
//     elsewhere that speak of a credential (certified, certification,
//     exam, an exam code or acronym), read with jobtext's certification
//     finder over the catalog ([DecodeOptions].Catalog) with the dates on
//     the line taken out of the name and kept as the issue date (and
//     expiry, for a range); a finding counts when it names one
//     certification (a group, "a Java certification", names no credential
//     held); a line of the certifications section that nothing resolves is
//     kept as written, to be reported;
//   - years_experience: the union of the periods written in the
//     experience section ("Mar 2019 – Present", "2016 - 2019",
//     "03/2018 to 05/2020"; anywhere but education and certifications when
//     there is no experience heading), or else the largest "N years of
//     experience";
//   - summary: the summary section.
//
// [Record].Inferred names the fields read from text. A document that
// cannot be read is a rejected record saying why: encrypted, image-only
// (no text layer: it needs OCR), a DOCX with no text, a file that is no
// document, larger than 20 MB, or a zip bomb.
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
