// Package linkedin reads a LinkedIn data export: the folder LinkedIn
// sends ("Get a copy of your data"), the zip it comes in, or one of its CSV
// files alone.
//
// The files read, by name (any case) in the export's top folder or one
// folder below, or by their header when a CSV comes alone:
//
//   - Profile.csv: First Name, Last Name, Headline, Summary, Geo Location,
//     Industry, Websites;
//   - Email Addresses.csv: Email Address, Primary (the primary one first);
//   - Positions.csv: Company Name, Title, Description, Location, Started
//     On, Finished On;
//   - Projects.csv: Title, Description, Url, Started On, Finished On;
//   - Skills.csv: Name;
//   - Certifications.csv: Name, Url, Authority, Started On (issued),
//     Finished On (expires), License Number.
//
// Other files of the export and other columns are ignored, columns are
// found by name in any order, and the header may follow a few lines of
// notes, as some exports write. Dates are read with
// [github.com/certmatch/certmatch/internal/peopledate] ("Jan 2023",
// "2023-01", "Present"); a date that cannot be read is a [Warning] naming
// the file, line and column, and the row is kept without it. A row with no
// name (a certification, a skill) or no title and company (a position) is
// skipped with a warning. Nothing here decides what scores: the caller
// maps an [Export] to a candidate.
//
// A hostile export costs bounded memory: every file is read to at most
// [MaxFileSize] bytes, and archive/zip never inflates a member past its
// declared size.
//
// Functions are safe for concurrent use.
//
//	zr, _ := zip.OpenReader("Basic_LinkedInDataExport.zip")
//	exp, err := linkedin.ReadFS(zr)
//	for _, c := range exp.Certifications {
//		fmt.Println(c.Name, c.Started)
//	}
package linkedin
