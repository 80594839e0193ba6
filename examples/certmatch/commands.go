package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
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
	fs.StringVar(&s.format, "format", "", "input `format`: native, jsonresume or csv (default: by content)")
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
	// Reading commands open an index read-only: they share it with each
	// other, and a folder they cannot write to opens.
	eng, err := match.Open(ctx, match.Options{Path: s.index, Now: s.env.now, DecisionLog: s.log, ReadOnly: s.index != ""})
	if err != nil {
		return nil, err
	}
	warnQuarantined(s.env.stderr, eng)
	for _, path := range s.candidates {
		if _, err := importFile(ctx, eng, path, input.Format(s.format), s.env.stderr, false); err != nil {
			eng.Close()
			return nil, err
		}
	}
	return eng, nil
}

// warnQuarantined says on stderr which stored records the index set aside
// as unreadable when it was opened.
func warnQuarantined(stderr io.Writer, eng *match.Engine) {
	for _, q := range eng.Quarantined() {
		fmt.Fprintf(stderr, "certmatch: stored record %d (%q) cannot be read and is left out: %v\n", q.Position, q.ID, q.Err)
	}
}

func importFile(ctx context.Context, eng *match.Engine, path string, format input.Format, stderr io.Writer, progress bool) (match.ImportReport, error) {
	f, err := os.Open(path)
	if err != nil {
		return match.ImportReport{}, err
	}
	defer f.Close()
	opts := match.ImportOptions{Format: format}
	tty := progress && isTerminal(stderr)
	if tty {
		opts.Progress = progressBar(stderr, path)
	}
	rep, err := eng.Import(ctx, bufio.NewReaderSize(f, 1<<16), opts)
	if tty {
		fmt.Fprintln(stderr) // end the progress bar's line
	}
	for _, r := range rep.Rejected {
		fmt.Fprintf(stderr, "%s: rejected %v\n", path, r)
	}
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

// fileSummary is what import did with one file.
type fileSummary struct {
	File string `json:"file"`
	match.ImportReport
	// Error is why the file could not be read to its end; the records
	// before the failure are imported all the same.
	Error string `json:"error,omitempty"`
}

// importSummary is import's --json output: the totals, each file, and
// what the index holds afterwards.
type importSummary struct {
	match.ImportReport
	Files      []fileSummary `json:"files"`
	IndexHolds int           `json:"index_holds"`
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
		warnQuarantined(e.stderr, eng)
		// A file that fails is reported and the others are imported: the
		// summary covers every file.
		var sum importSummary
		failed := 0
		for _, path := range files {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			rep, err := importFile(ctx, eng, path, input.Format(src.format), e.stderr, true)
			fsum := fileSummary{File: path, ImportReport: rep}
			if err != nil {
				if ctx.Err() != nil {
					return err
				}
				failed++
				fsum.Error = err.Error()
				fmt.Fprintf(e.stderr, "certmatch import: %v\n", err)
			}
			sum.Files = append(sum.Files, fsum)
			sum.Read += rep.Read
			sum.Imported += rep.Imported
			sum.Lost += rep.Lost
			sum.Rejected = append(sum.Rejected, rep.Rejected...)
			sum.Duplicates = append(sum.Duplicates, rep.Duplicates...)
			sum.Unresolved = append(sum.Unresolved, rep.Unresolved...)
		}
		sum.Format = input.Format(strings.Join(formatsOf(sum.Files), ","))
		if n, err := eng.Count(ctx); err == nil {
			sum.IndexHolds = n
		} else {
			return err
		}
		if src.asJSON {
			if err := report.WriteJSON(e.stdout, sum); err != nil {
				return err
			}
		} else {
			if len(files) > 1 || failed > 0 {
				for _, f := range sum.Files {
					fmt.Fprintf(e.stdout, "%s: %s\n", f.File, fileLine(f))
				}
			}
			fmt.Fprintf(e.stdout, "read %d, imported %d, rejected %d, duplicate ids %d, certifications not recognised %d; index holds %d\n",
				sum.Read, sum.Imported, len(sum.Rejected), len(sum.Duplicates), len(sum.Unresolved), sum.IndexHolds)
		}
		if failed > 0 {
			return fmt.Errorf("%d of %d files could not be read to their end", failed, len(files))
		}
		return nil
	}
}

// fileLine is one file's line of import's summary.
func fileLine(f fileSummary) string {
	if f.Format == "" && f.Read == 0 && f.Error != "" {
		return "not read (see the error above)"
	}
	line := fmt.Sprintf("%s, read %d, imported %d, rejected %d", f.Format, f.Read, f.Imported, len(f.Rejected))
	if f.Lost > 0 {
		line += fmt.Sprintf(", lost %d", f.Lost)
	}
	if f.Stopped != "" {
		line += "; stopped at " + f.Stopped
	}
	return line
}

// formatsOf lists the formats the files were read as, each once, in order.
func formatsOf(files []fileSummary) []string {
	var out []string
	for _, f := range files {
		if f.Format != "" && !slices.Contains(out, string(f.Format)) {
			out = append(out, string(f.Format))
		}
	}
	return out
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
	all := fs.Bool("all", false, "include ineligible candidates after the eligible ones, nearest to eligible first")
	ineligible := fs.Bool("ineligible", false, "rank only the ineligible candidates, nearest to eligible first")
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
		r, err := eng.Rank(ctx, role, match.RankOptions{Top: *top, Offset: *offset, IncludeIneligible: *all, IneligibleOnly: *ineligible, Query: *query})
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
