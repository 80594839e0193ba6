package linkedin

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/certmatch/certmatch/internal/peopledate"
)

// File is a kind of export file.
type File string

// The export files read.
const (
	FileProfile        File = "Profile.csv"
	FileEmails         File = "Email Addresses.csv"
	FilePositions      File = "Positions.csv"
	FileProjects       File = "Projects.csv"
	FileSkills         File = "Skills.csv"
	FileCertifications File = "Certifications.csv"
)

// files lists the export files in the order ReadFS reads them.
var files = []File{FileProfile, FileEmails, FilePositions, FileProjects, FileSkills, FileCertifications}

// MaxFileSize bounds each CSV file read.
const MaxFileSize = 16 << 20

// ErrNotExport is wrapped by the error for input holding no export file.
var ErrNotExport = errors.New("not a LinkedIn data export (no Profile, Positions, Skills or Certifications CSV)")

// Export is what a LinkedIn data export says about one person.
type Export struct {
	Profile        Profile
	Emails         []string // the primary address first
	Positions      []Position
	Projects       []Project
	Skills         []string
	Certifications []Certification
	Files          []File    // the files read, in order
	Warnings       []Warning // what was read leniently or skipped
}

// Profile is Profile.csv's first row.
type Profile struct {
	FirstName, LastName string
	Headline, Summary   string
	GeoLocation         string // "Milan, Lombardy, Italy"
	Industry            string
	Websites            string // as exported: "[PERSONAL:https://...]" lists
}

// Position is a row of Positions.csv.
type Position struct {
	Line                                  int // where the row starts
	Company, Title, Description, Location string
	Started, Finished                     peopledate.Value // Finished is zero while current
}

// Project is a row of Projects.csv.
type Project struct {
	Line                    int
	Title, Description, URL string
	Started, Finished       peopledate.Value
}

// Certification is a row of Certifications.csv.
type Certification struct {
	Line                          int
	Name, URL, Authority, License string
	Started                       peopledate.Value // issued
	Finished                      peopledate.Value // expires; zero when it does not
}

// Warning is something read leniently: a date that could not be read, a
// row skipped. It never quotes a personal field.
type Warning struct {
	File  File
	Line  int    // 1-based line of the row; 0 for the file as a whole
	Field string // the column, "" for the row
	Err   error
}

func (w Warning) Error() string {
	var b strings.Builder
	b.WriteString(string(w.File))
	if w.Line > 0 {
		fmt.Fprintf(&b, " line %d", w.Line)
	}
	if w.Field != "" {
		b.WriteString(": " + w.Field)
	}
	b.WriteString(": " + w.Err.Error())
	return b.String()
}

// IsExportFile reports whether a file name (any case) is one of the export
// files read.
func IsExportFile(name string) bool {
	for _, f := range files {
		if strings.EqualFold(name, string(f)) {
			return true
		}
	}
	return false
}

// ReadFS reads the export files found in fsys's top folder or, when there
// are none there, in a single folder below it: an os.DirFS of the export
// folder, or the *zip.Reader of the zip LinkedIn sends. It returns an
// error wrapping ErrNotExport when there is no export file, and an error
// for a file that cannot be read or is larger than MaxFileSize.
func ReadFS(fsys fs.FS) (Export, error) {
	dir, found, err := findExport(fsys)
	if err != nil {
		return Export{}, err
	}
	if len(found) == 0 {
		return Export{}, ErrNotExport
	}
	var exp Export
	for _, f := range files {
		name, ok := found[f]
		if !ok {
			continue
		}
		data, err := readLimited(fsys, path.Join(dir, name))
		if err != nil {
			return Export{}, fmt.Errorf("%s: %w", f, err)
		}
		if err := exp.read(f, data); err != nil {
			return Export{}, fmt.Errorf("%s: %w", f, err)
		}
	}
	return exp, nil
}

// findExport returns the folder holding export files and their names, by
// kind.
func findExport(fsys fs.FS) (string, map[File]string, error) {
	look := func(dir string) (map[File]string, []string, error) {
		entries, err := fs.ReadDir(fsys, dir)
		if err != nil {
			return nil, nil, err
		}
		found := map[File]string{}
		var subdirs []string
		for _, e := range entries {
			if e.IsDir() {
				subdirs = append(subdirs, e.Name())
				continue
			}
			for _, f := range files {
				if strings.EqualFold(e.Name(), string(f)) {
					found[f] = e.Name()
				}
			}
		}
		return found, subdirs, nil
	}
	found, subdirs, err := look(".")
	if err != nil {
		return "", nil, err
	}
	if len(found) > 0 || len(subdirs) != 1 {
		return ".", found, nil
	}
	found, _, err = look(subdirs[0])
	return subdirs[0], found, err
}

func readLimited(fsys fs.FS, name string) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxFileSize {
		return nil, fmt.Errorf("larger than %d bytes", MaxFileSize)
	}
	return data, nil
}

// ReadCSV reads one export CSV on its own, telling which file it is from
// its header: a Certifications.csv or a Skills.csv sent alone. It returns
// an error wrapping ErrNotExport for a CSV whose header is no export
// file's.
func ReadCSV(r io.Reader) (Export, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxFileSize+1))
	if err != nil {
		return Export{}, err
	}
	if len(data) > MaxFileSize {
		return Export{}, fmt.Errorf("larger than %d bytes", MaxFileSize)
	}
	f := Sniff(data)
	if f == "" {
		return Export{}, fmt.Errorf("%w: the header is none of the export files'", ErrNotExport)
	}
	var exp Export
	if err := exp.read(f, data); err != nil {
		return Export{}, fmt.Errorf("%s: %w", f, err)
	}
	return exp, nil
}

// headers are the columns that tell each file from its header: all must
// be present.
var headers = map[File][]string{
	FileProfile:        {"first name", "last name", "headline"},
	FileEmails:         {"email address"},
	FilePositions:      {"company name", "title", "started on"},
	FileProjects:       {"title", "description", "started on"},
	FileSkills:         {"name"},
	FileCertifications: {"name", "authority", "started on"},
}

// maxPreamble is how many lines of notes may come before a header.
const maxPreamble = 5

// Sniff returns the export file whose header starts data (after at most a
// few lines of notes), or "". Skills.csv's header is the single column
// "Name".
func Sniff(data []byte) File {
	f, _, _ := sniff(data)
	return f
}

// sniff returns the file, its columns and the header's 0-based line.
func sniff(data []byte) (File, map[string]int, int) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	lines := bytes.SplitN(data, []byte("\n"), maxPreamble+2)
	for n := 0; n < len(lines) && n <= maxPreamble; n++ {
		r := csv.NewReader(bytes.NewReader(lines[n]))
		r.FieldsPerRecord = -1
		r.LazyQuotes = true
		rec, err := r.Read()
		if err != nil {
			continue
		}
		cols := map[string]int{}
		for i, c := range rec {
			cols[strings.ToLower(strings.TrimSpace(c))] = i
		}
		// The most specific file first: Positions has Projects' columns and
		// a company; Skills is the one column "Name".
		for _, f := range []File{FileCertifications, FilePositions, FileProjects, FileProfile, FileEmails, FileSkills} {
			if f == FileSkills && len(rec) != 1 {
				continue
			}
			if hasAll(cols, headers[f]) {
				return f, cols, n
			}
		}
	}
	return "", nil, 0
}

func hasAll(cols map[string]int, want []string) bool {
	for _, w := range want {
		if _, ok := cols[w]; !ok {
			return false
		}
	}
	return true
}

// read reads one export file into exp.
func (exp *Export) read(f File, data []byte) error {
	kind, cols, headerLine := sniff(data)
	if kind == "" && len(bytes.TrimSpace(data)) == 0 {
		exp.Files = append(exp.Files, f)
		exp.warn(f, 0, "", errors.New("empty file"))
		return nil
	}
	if kind == "" || !hasAll(cols, headers[f]) {
		return fmt.Errorf("the header has not the columns %s has", f)
	}
	exp.Files = append(exp.Files, f)
	// Read from the header on; lines are counted in the whole file.
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	for range headerLine {
		_, data, _ = bytes.Cut(data, []byte("\n"))
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	if _, err := r.Read(); err != nil {
		return fmt.Errorf("header: %w", err)
	}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				exp.warn(f, headerLine+pe.StartLine, "", fmt.Errorf("row skipped: %v", pe.Err))
				continue
			}
			return err
		}
		line, _ := r.FieldPos(0)
		line += headerLine
		cell := func(name string) string {
			if i, ok := cols[name]; ok && i < len(rec) {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		date := func(name string) peopledate.Value {
			v, err := peopledate.Parse(cell(name))
			if err != nil {
				exp.warn(f, line, columnName(name), err)
				return peopledate.Value{}
			}
			return v
		}
		if allBlank(rec) {
			continue
		}
		switch f {
		case FileProfile:
			if exp.Profile != (Profile{}) {
				exp.warn(f, line, "", errors.New("a second profile row is ignored"))
				continue
			}
			exp.Profile = Profile{
				FirstName: cell("first name"), LastName: cell("last name"),
				Headline: cell("headline"), Summary: cell("summary"),
				GeoLocation: cell("geo location"), Industry: cell("industry"),
				Websites: cell("websites"),
			}
		case FileEmails:
			addr := cell("email address")
			if addr == "" {
				continue
			}
			if strings.EqualFold(cell("primary"), "yes") {
				exp.Emails = slices.Insert(exp.Emails, 0, addr)
			} else {
				exp.Emails = append(exp.Emails, addr)
			}
		case FilePositions:
			p := Position{Line: line, Company: cell("company name"), Title: cell("title"),
				Description: cell("description"), Location: cell("location")}
			if p.Company == "" && p.Title == "" {
				exp.warn(f, line, "", errors.New("row skipped: no Title or Company Name"))
				continue
			}
			p.Started, p.Finished = date("started on"), date("finished on")
			exp.Positions = append(exp.Positions, p)
		case FileProjects:
			p := Project{Line: line, Title: cell("title"), Description: cell("description"), URL: cell("url")}
			if p.Title == "" && p.Description == "" {
				exp.warn(f, line, "", errors.New("row skipped: no Title or Description"))
				continue
			}
			p.Started, p.Finished = date("started on"), date("finished on")
			exp.Projects = append(exp.Projects, p)
		case FileSkills:
			if s := cell("name"); s != "" {
				exp.Skills = append(exp.Skills, s)
			}
		case FileCertifications:
			c := Certification{Line: line, Name: cell("name"), URL: cell("url"),
				Authority: cell("authority"), License: cell("license number")}
			if c.Name == "" {
				exp.warn(f, line, "Name", errors.New("row skipped: no name"))
				continue
			}
			c.Started, c.Finished = date("started on"), date("finished on")
			if c.Finished.Ongoing {
				c.Finished = peopledate.Value{} // "Present" expires never
			}
			exp.Certifications = append(exp.Certifications, c)
		}
	}
}

func (exp *Export) warn(f File, line int, field string, err error) {
	exp.Warnings = append(exp.Warnings, Warning{File: f, Line: line, Field: field, Err: err})
}

func allBlank(rec []string) bool {
	for _, c := range rec {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// columnName writes a lower-cased column name as LinkedIn does: "started
// on" is "Started On".
func columnName(s string) string {
	words := strings.Fields(s)
	for i, w := range words {
		words[i] = strings.ToUpper(w[:1]) + w[1:]
	}
	return strings.Join(words, " ")
}
