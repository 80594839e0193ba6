package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/certmatch/certmatch/index"
	"github.com/certmatch/certmatch/match"
	"github.com/certmatch/certmatch/match/input"
	"github.com/certmatch/certmatch/match/report"
	"github.com/certmatch/certmatch/scoring"

	"golang.org/x/term"
)

// source is the flags of the commands that read candidates: an on-disk
// index, or candidate files read into memory.
type source struct {
	env        *env
	name       string
	index      string
	candidates []string
	format     string
	asJSON     bool
	// log, when set, receives the engine's rankings.
	log match.DecisionLog
}

func newSource(name string, fs *flag.FlagSet, e *env) *source {
	s := &source{env: e, name: name}
	fs.StringVar(&s.index, "index", "", "on-disk index `folder`")
	fs.Func("candidates", "candidate `file`, read into memory (repeatable; files after the flags count too)", func(v string) error {
		s.candidates = append(s.candidates, v)
		return nil
	})
	fs.StringVar(&s.format, "format", "", "input `format`: native, jsonresume, csv, linkedin or document (default: by content and name)")
	fs.BoolVar(&s.asJSON, "json", false, "JSON output")
	return s
}

// engine opens the engine the flags name; files are more candidate files.
func (s *source) engine(ctx context.Context, files []string) (*match.Engine, error) {
	s.candidates = append(s.candidates, files...)
	if (s.index == "") == (len(s.candidates) == 0) {
		return nil, fmt.Errorf("%w: %s needs --index DIR or --candidates FILE (one of them)", errUsage, s.name)
	}
	if s.index != "" {
		// Reading commands never create an index: a mistyped folder is an
		// error, not an empty ranking.
		if _, err := os.Stat(s.index); err != nil {
			return nil, fmt.Errorf("--index: %w", err)
		}
	}
	eng, err := match.Open(ctx, match.Options{Path: s.index, Now: s.env.now, DecisionLog: s.log})
	if err != nil {
		return nil, err
	}
	if _, err := importPaths(ctx, eng, s.candidates, input.Format(s.format), s.env.stderr, false); err != nil {
		eng.Close()
		return nil, err
	}
	return eng, nil
}

// importPaths imports files and folders. A folder holding a LinkedIn data
// export is one candidate; any other folder's files are imported one by
// one, subfolders included (names starting with '.' are skipped). A file
// that cannot be read at all is one error on stderr and a rejection in
// the report, and the other files are imported; only a cancelled context
// or a failing index stops the import.
func importPaths(ctx context.Context, eng *match.Engine, paths []string, format input.Format, stderr io.Writer, progress bool) (match.ImportReport, error) {
	var total match.ImportReport
	one := func(path string, dirFile bool) error {
		rep, err := importFile(ctx, eng, path, format, stderr, progress)
		addReport(&total, rep)
		if err == nil || ctx.Err() != nil || !dirFile && !fileError(err) {
			return err
		}
		fmt.Fprintf(stderr, "%v\n", err)
		total.Read++
		total.Rejected = append(total.Rejected, &input.RecordError{Position: path, Err: errors.Unwrap(err)})
		return nil
	}
	for _, path := range paths {
		st, err := os.Stat(path)
		if err != nil {
			return total, err
		}
		if !st.IsDir() {
			if err := one(path, true); err != nil {
				return total, err
			}
			continue
		}
		err = filepath.WalkDir(path, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return one(p, true)
			}
			if p != path && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				if !input.ExportDir(os.DirFS(p)) {
					return nil
				}
				rep, err := eng.ImportExport(ctx, os.DirFS(p), match.ImportOptions{Name: p})
				addReport(&total, rep)
				printRecords(stderr, p, rep)
				if err != nil {
					return fmt.Errorf("%s: %w", p, err)
				}
				return filepath.SkipDir
			}
			if !d.Type().IsRegular() {
				return nil
			}
			return one(p, true)
		})
		if err != nil {
			return total, err
		}
	}
	return total, nil
}

// fileError reports whether err is about one input file (it could not be
// opened or read, or holds no known format) rather than the index.
func fileError(err error) bool {
	var pe *fs.PathError
	return errors.As(err, &pe) || errors.Is(err, input.ErrUnknownFormat) || errors.Is(err, io.ErrUnexpectedEOF)
}

// addReport adds rep to total.
func addReport(total *match.ImportReport, rep match.ImportReport) {
	total.Read += rep.Read
	total.Imported += rep.Imported
	total.Rejected = append(total.Rejected, rep.Rejected...)
	total.Warnings = append(total.Warnings, rep.Warnings...)
	total.Duplicates = append(total.Duplicates, rep.Duplicates...)
	total.Unresolved = append(total.Unresolved, rep.Unresolved...)
	total.Inferred = append(total.Inferred, rep.Inferred...)
}

// printRecords lists a file's rejected records and warnings on stderr.
func printRecords(w io.Writer, path string, rep match.ImportReport) {
	for _, r := range rep.Rejected {
		fmt.Fprintf(w, "%s: rejected %v\n", path, r)
	}
	for _, r := range rep.Warnings {
		fmt.Fprintf(w, "%s: warning %v\n", path, r)
	}
}

// maxUnrecognised is how many unrecognised certification names the import
// summary lists.
const maxUnrecognised = 10

// writeUnrecognised lists the most frequent certification names the
// catalog did not recognise, with their counts, most frequent first
// (then by name), at most maxUnrecognised.
func writeUnrecognised(w io.Writer, unresolved []match.UnresolvedCert) {
	if len(unresolved) == 0 {
		return
	}
	counts := map[string]int{}
	for _, u := range unresolved {
		counts[strings.Join(strings.Fields(u.Text), " ")]++
	}
	names := make([]string, 0, len(counts))
	for n := range counts {
		names = append(names, n)
	}
	sort.Slice(names, func(i, j int) bool {
		if counts[names[i]] != counts[names[j]] {
			return counts[names[i]] > counts[names[j]]
		}
		return names[i] < names[j]
	})
	shown := min(len(names), maxUnrecognised)
	fmt.Fprintf(w, "certifications not recognised, most frequent (%d of %d names):\n", shown, len(names))
	for _, n := range names[:shown] {
		fmt.Fprintf(w, "%6d  %s\n", counts[n], n)
	}
}

func importFile(ctx context.Context, eng *match.Engine, path string, format input.Format, stderr io.Writer, progress bool) (match.ImportReport, error) {
	f, err := os.Open(path)
	if err != nil {
		return match.ImportReport{}, err
	}
	defer f.Close()
	opts := match.ImportOptions{Format: format, Name: path}
	tty := progress && isTerminal(stderr)
	if tty {
		opts.Progress = progressBar(stderr, path)
	}
	rep, err := eng.Import(ctx, bufio.NewReaderSize(f, 1<<16), opts)
	if tty {
		fmt.Fprintln(stderr) // end the progress bar's line
	}
	printRecords(stderr, path, rep)
	if err != nil {
		return rep, fmt.Errorf("%s: %w", path, err)
	}
	return rep, nil
}

// progressBar draws a counter on one terminal line, redrawn after every
// batch.
func progressBar(w io.Writer, path string) func(match.Progress) {
	start := time.Now()
	return func(p match.Progress) {
		rate := float64(p.Read) / max(time.Since(start).Seconds(), 1e-3)
		n := min(p.Read/2000, 40)
		fmt.Fprintf(w, "\r%s [%-40s] %d read, %d imported, %d rejected (%.0f/s)", path, strings.Repeat("#", n), p.Read, p.Imported, p.Rejected, rate)
	}
}

// isTerminal reports whether w is a terminal: a redrawn progress line
// belongs there, not in a log file, a pipe or /dev/null (a character
// device, but not a terminal).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// normalized is one line of normalize's output, fields in this order.
type normalized struct {
	Text       string  `json:"text"`
	ID         string  `json:"id"`
	Version    string  `json:"version"`
	Confidence float64 `json:"confidence"`
}

func setupNormalize(fs *flag.FlagSet, e *env) func(context.Context, []string) error {
	return func(ctx context.Context, args []string) error {
		cat := scoring.DefaultCatalog()
		out := func(text string) error {
			res, _ := cat.Normalize(text)
			return report.WriteJSONLine(e.stdout, normalized{Text: text, ID: res.ID, Version: res.Version, Confidence: res.Confidence})
		}
		if len(args) > 0 {
			for _, a := range args {
				if err := out(a); err != nil {
					return err
				}
			}
			return nil
		}
		sc := bufio.NewScanner(e.stdin)
		sc.Buffer(make([]byte, 64*1024), 1<<20)
		for sc.Scan() {
			if err := ctx.Err(); err != nil {
				return err
			}
			if err := out(sc.Text()); err != nil {
				return err
			}
		}
		return sc.Err()
	}
}

func setupImport(fs *flag.FlagSet, e *env) func(context.Context, []string) error {
	src := newSource("import", fs, e)
	return func(ctx context.Context, files []string) error {
		files = append(src.candidates, files...)
		if src.index == "" || len(files) == 0 {
			return fmt.Errorf("%w: import needs --index DIR and at least one FILE", errUsage)
		}
		eng, err := match.Open(ctx, match.Options{Path: src.index, Now: e.now})
		if err != nil {
			return err
		}
		defer eng.Close()
		total, err := importPaths(ctx, eng, files, input.Format(src.format), e.stderr, true)
		if err != nil {
			return err
		}
		n, err := eng.Count(ctx)
		if err != nil {
			return err
		}
		if src.asJSON {
			return report.WriteJSON(e.stdout, total)
		}
		fmt.Fprintf(e.stdout, "read %d, imported %d, rejected %d, warnings %d, duplicate ids %d, certifications not recognised %d; index holds %d\n",
			total.Read, total.Imported, len(total.Rejected), len(total.Warnings), len(total.Duplicates), len(total.Unresolved), n)
		writeUnrecognised(e.stdout, total.Unresolved)
		return nil
	}
}

// loadRoleFile reads --role: a native role file or a job posting.
func loadRoleFile(path string) (scoring.Role, error) {
	if path == "" {
		return scoring.Role{}, fmt.Errorf("%w: --role ROLE.json is required", errUsage)
	}
	return input.LoadRoleOrJobFile(path, scoring.DefaultCatalog())
}

func setupRole(fs *flag.FlagSet, e *env) func(context.Context, []string) error {
	asJSON := fs.Bool("json", false, "print the role as a native role `file` (JSON)")
	return func(ctx context.Context, args []string) error {
		if len(args) != 1 {
			return fmt.Errorf("%w: role takes one JOB file (- for stdin), got %d arguments", errUsage, len(args))
		}
		var role scoring.Role
		var err error
		if args[0] == "-" {
			role, err = input.RoleFromJob(e.stdin, scoring.DefaultCatalog())
			role.Source = "stdin (" + role.Source + ")"
		} else {
			role, err = input.LoadRoleOrJobFile(args[0], scoring.DefaultCatalog())
		}
		if err != nil {
			return err
		}
		if *asJSON {
			return report.WriteJSON(e.stdout, role)
		}
		return report.WriteRole(e.stdout, scoring.DefaultCatalog(), role)
	}
}

func setupRank(fs *flag.FlagSet, e *env) func(context.Context, []string) error {
	src := newSource("rank", fs, e)
	rolePath := fs.String("role", "", "role JSON `file`, or a job posting")
	top := fs.Int("top", match.DefaultTop, "results to show")
	offset := fs.Int("offset", 0, "results to skip")
	all := fs.Bool("all", false, "include ineligible candidates after the eligible ones")
	query := fs.String("query", "", "free `text` the candidates must match (summary and skills)")
	logPath := fs.String("log", "", "append the ranking to a decision log `file` (JSON Lines; for audit and replay)")
	return func(ctx context.Context, files []string) error {
		role, err := loadRoleFile(*rolePath)
		if err != nil {
			return err
		}
		if *logPath != "" {
			f, err := os.OpenFile(*logPath, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
			if err != nil {
				return err
			}
			defer f.Close()
			src.log = match.NewJSONLinesLog(f)
		}
		if *top <= 0 || *offset < 0 {
			return fmt.Errorf("%w: --top must be positive and --offset not negative", errUsage)
		}
		eng, err := src.engine(ctx, files)
		if err != nil {
			return err
		}
		defer eng.Close()
		r, err := eng.Rank(ctx, role, match.RankOptions{Top: *top, Offset: *offset, IncludeIneligible: *all, Query: *query})
		if err != nil {
			return err
		}
		if src.asJSON {
			return report.WriteJSON(e.stdout, r)
		}
		fmt.Fprintf(e.stdout, "%s: %s (%d eligible, %d ranked)\n", role.ID, role.Title, r.Eligible, r.Total)
		return report.WriteTable(e.stdout, eng.Catalog(), r)
	}
}

func setupExplain(fs *flag.FlagSet, e *env) func(context.Context, []string) error {
	src := newSource("explain", fs, e)
	rolePath := fs.String("role", "", "role JSON `file`, or a job posting")
	id := fs.String("candidate", "", "candidate `id`")
	return func(ctx context.Context, files []string) error {
		if *id == "" {
			return fmt.Errorf("%w: --candidate ID is required", errUsage)
		}
		role, err := loadRoleFile(*rolePath)
		if err != nil {
			return err
		}
		eng, err := src.engine(ctx, files)
		if err != nil {
			return err
		}
		defer eng.Close()
		res, err := eng.Explain(ctx, *id, role)
		if err != nil {
			return err
		}
		if src.asJSON {
			return report.WriteJSON(e.stdout, res)
		}
		return report.WriteExplanation(e.stdout, res)
	}
}

func setupFacets(fs *flag.FlagSet, e *env) func(context.Context, []string) error {
	src := newSource("facets", fs, e)
	rolePath := fs.String("role", "", "role JSON `file`, or a job posting: count only candidates who can be eligible")
	return func(ctx context.Context, files []string) error {
		eng, err := src.engine(ctx, files)
		if err != nil {
			return err
		}
		defer eng.Close()
		var sel index.Selection
		if *rolePath != "" {
			role, err := loadRoleFile(*rolePath)
			if err != nil {
				return err
			}
			plan, err := eng.Scorer().Compile(role)
			if err != nil {
				return err
			}
			sel = index.ForPlan(plan)
		}
		res, err := eng.Index().Search(ctx, index.SearchRequest{Selection: sel, Limit: 1, Facets: true})
		if err != nil {
			return err
		}
		if src.asJSON {
			return report.WriteJSON(e.stdout, map[string]any{"total": res.Total, "facets": res.Facets})
		}
		fmt.Fprintf(e.stdout, "%d candidates\n", res.Total)
		for _, f := range []struct {
			name   string
			counts []index.FacetCount
		}{{"certifications", res.Facets.Certifications}, {"skills", res.Facets.Skills}, {"locations", res.Facets.Locations}} {
			fmt.Fprintf(e.stdout, "\n%s:\n", f.name)
			counts := f.counts
			sort.SliceStable(counts, func(i, j int) bool { return counts[i].Count > counts[j].Count })
			for _, fc := range counts[:min(len(counts), 15)] {
				fmt.Fprintf(e.stdout, "  %6d  %s\n", fc.Count, fc.Term)
			}
		}
		return nil
	}
}

func setupReindex(fs *flag.FlagSet, e *env) func(context.Context, []string) error {
	dir := fs.String("index", "", "on-disk index `folder`")
	asJSON := fs.Bool("json", false, "JSON output")
	return func(ctx context.Context, args []string) error {
		if *dir == "" || len(args) > 0 {
			return fmt.Errorf("%w: reindex needs --index DIR and no other argument", errUsage)
		}
		// Never create an index: a mistyped folder is an error.
		if _, err := os.Stat(*dir); err != nil {
			return fmt.Errorf("--index: %w", err)
		}
		opts := match.Options{Path: *dir, Now: e.now}
		atOpen := 0
		tty := isTerminal(e.stderr)
		opts.ReindexProgress = func(p index.ReindexProgress) {
			atOpen = p.Done
			if tty {
				fmt.Fprintf(e.stderr, "\r%s: %d of %d re-derived", *dir, p.Done, p.Total)
			}
		}
		eng, err := match.Open(ctx, opts)
		if err != nil {
			return err
		}
		defer eng.Close()
		// A stale index was re-derived as it opened; a current one is
		// re-derived now, as asked.
		n := atOpen
		if n == 0 {
			if n, err = eng.Reindex(ctx); err != nil {
				return err
			}
		}
		if tty {
			fmt.Fprintln(e.stderr)
		}
		fp := index.Fingerprint(eng.Scorer().Catalog())
		if *asJSON {
			return report.WriteJSON(e.stdout, map[string]any{"reindexed": n, "fingerprint": fp})
		}
		fmt.Fprintf(e.stdout, "re-derived %d candidates; index fingerprint %s\n", n, fp)
		return nil
	}
}
