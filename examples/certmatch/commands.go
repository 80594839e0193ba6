package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/certmatch/certmatch/index"
	"github.com/certmatch/certmatch/match"
	"github.com/certmatch/certmatch/match/input"
	"github.com/certmatch/certmatch/match/report"
	"github.com/certmatch/certmatch/scoring"
)

// common are the flags shared by the commands that read candidates.
type common struct {
	fs         *flag.FlagSet
	index      string
	candidates []string
	format     string
	now        string
	asJSON     bool
}

func newCommon(name string, stderr io.Writer) *common {
	c := &common{fs: flag.NewFlagSet(name, flag.ContinueOnError)}
	c.fs.SetOutput(io.Discard)
	c.fs.StringVar(&c.index, "index", "", "on-disk index folder")
	c.fs.Func("candidates", "candidate file, read into memory (repeatable)", func(s string) error {
		c.candidates = append(c.candidates, s)
		return nil
	})
	c.fs.StringVar(&c.format, "format", "", "input format: native, jsonresume or csv (default: by content)")
	c.fs.StringVar(&c.now, "now", "", "score as of this date, YYYY-MM-DD (default today)")
	c.fs.BoolVar(&c.asJSON, "json", false, "JSON output")
	return c
}

func (c *common) parse(args []string) error {
	if err := c.fs.Parse(args); err != nil {
		return fmt.Errorf("%w: %s: %v", errUsage, c.fs.Name(), err)
	}
	// Files after the flags are more candidate files.
	c.candidates = append(c.candidates, c.fs.Args()...)
	return nil
}

func (c *common) clock() (func() time.Time, error) {
	if c.now == "" {
		return time.Now, nil
	}
	t, err := time.Parse("2006-01-02", c.now)
	if err != nil {
		return nil, fmt.Errorf("%w: --now: %v", errUsage, err)
	}
	return func() time.Time { return t }, nil
}

// engine opens the engine the flags name: an on-disk index, or candidate
// files read into memory.
func (c *common) engine(ctx context.Context, stderr io.Writer) (*match.Engine, error) {
	if (c.index == "") == (len(c.candidates) == 0) {
		return nil, fmt.Errorf("%w: %s needs --index DIR or --candidates FILE (one of them)", errUsage, c.fs.Name())
	}
	now, err := c.clock()
	if err != nil {
		return nil, err
	}
	if c.index != "" {
		// Reading commands never create an index: a mistyped folder is an
		// error, not an empty ranking.
		if _, err := os.Stat(c.index); err != nil {
			return nil, fmt.Errorf("--index: %w", err)
		}
	}
	eng, err := match.Open(ctx, match.Options{Path: c.index, Now: now})
	if err != nil {
		return nil, err
	}
	for _, path := range c.candidates {
		if _, err := importFile(ctx, eng, path, input.Format(c.format), stderr, false); err != nil {
			eng.Close()
			return nil, err
		}
	}
	return eng, nil
}

func importFile(ctx context.Context, eng *match.Engine, path string, format input.Format, stderr io.Writer, progress bool) (match.ImportReport, error) {
	f, err := os.Open(path)
	if err != nil {
		return match.ImportReport{}, err
	}
	defer f.Close()
	opts := match.ImportOptions{Format: format}
	if progress {
		opts.Progress = progressReporter(stderr, path)
	}
	rep, err := eng.Import(ctx, bufio.NewReaderSize(f, 1<<16), opts)
	if progress && isTerminal(stderr) {
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

// progressReporter draws a bar-like counter when stderr is a terminal and
// prints a line every 10,000 records otherwise.
func progressReporter(stderr io.Writer, path string) func(match.Progress) {
	tty := isTerminal(stderr)
	start, last := time.Now(), 0
	return func(p match.Progress) {
		rate := float64(p.Read) / max(time.Since(start).Seconds(), 1e-3)
		if tty {
			n := min(p.Read/2000, 40)
			fmt.Fprintf(stderr, "\r%s [%-40s] %d read, %d imported, %d rejected (%.0f/s)", path, strings.Repeat("#", n), p.Read, p.Imported, p.Rejected, rate)
			return
		}
		if p.Read-last >= 10000 {
			last = p.Read
			fmt.Fprintf(stderr, "%s: %d read, %d imported, %d rejected (%.0f/s)\n", path, p.Read, p.Imported, p.Rejected, rate)
		}
	}
}

// normalized is one line of normalize's output, fields in this order.
type normalized struct {
	Text       string  `json:"text"`
	ID         string  `json:"id"`
	Version    string  `json:"version"`
	Confidence float64 `json:"confidence"`
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

func cmdNormalize(args []string, stdin io.Reader, stdout io.Writer) error {
	cat := scoring.DefaultCatalog()
	out := func(text string) error {
		res, _ := cat.Normalize(text)
		return writeLine(stdout, normalized{Text: text, ID: res.ID, Version: res.Version, Confidence: res.Confidence})
	}
	if len(args) > 0 {
		for _, a := range args {
			if err := out(a); err != nil {
				return err
			}
		}
		return nil
	}
	sc := bufio.NewScanner(stdin)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	for sc.Scan() {
		if err := out(sc.Text()); err != nil {
			return err
		}
	}
	return sc.Err()
}

func cmdImport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	c := newCommon("import", stderr)
	if err := c.parse(args); err != nil {
		return err
	}
	if c.index == "" || len(c.candidates) == 0 {
		return fmt.Errorf("%w: import needs --index DIR and at least one FILE", errUsage)
	}
	now, err := c.clock()
	if err != nil {
		return err
	}
	eng, err := match.Open(ctx, match.Options{Path: c.index, Now: now})
	if err != nil {
		return err
	}
	defer eng.Close()
	var total match.ImportReport
	for _, path := range c.candidates {
		rep, err := importFile(ctx, eng, path, input.Format(c.format), stderr, true)
		total.Read += rep.Read
		total.Imported += rep.Imported
		total.Rejected = append(total.Rejected, rep.Rejected...)
		total.Duplicates = append(total.Duplicates, rep.Duplicates...)
		total.Unresolved = append(total.Unresolved, rep.Unresolved...)
		if err != nil {
			return err
		}
	}
	n, err := eng.Count(ctx)
	if err != nil {
		return err
	}
	if c.asJSON {
		return report.WriteJSON(stdout, total)
	}
	fmt.Fprintf(stdout, "read %d, imported %d, rejected %d, duplicate ids %d, certifications not recognised %d; index holds %d\n",
		total.Read, total.Imported, len(total.Rejected), len(total.Duplicates), len(total.Unresolved), n)
	return nil
}

func loadRoleFile(path string) (scoring.Role, error) {
	if path == "" {
		return scoring.Role{}, fmt.Errorf("%w: --role ROLE.json is required", errUsage)
	}
	return input.LoadRoleFile(path, scoring.DefaultCatalog())
}

func cmdRank(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	c := newCommon("rank", stderr)
	rolePath := c.fs.String("role", "", "role JSON file")
	top := c.fs.Int("top", match.DefaultTop, "results to show")
	offset := c.fs.Int("offset", 0, "results to skip")
	all := c.fs.Bool("all", false, "include ineligible candidates after the eligible ones")
	query := c.fs.String("query", "", "free text the candidates must match (summary and skills)")
	if err := c.parse(args); err != nil {
		return err
	}
	role, err := loadRoleFile(*rolePath)
	if err != nil {
		return err
	}
	if *top <= 0 || *offset < 0 {
		return fmt.Errorf("%w: --top must be positive and --offset not negative", errUsage)
	}
	eng, err := c.engine(ctx, stderr)
	if err != nil {
		return err
	}
	defer eng.Close()
	r, err := eng.Rank(ctx, role, match.RankOptions{Top: *top, Offset: *offset, IncludeIneligible: *all, Query: *query})
	if err != nil {
		return err
	}
	if c.asJSON {
		return report.WriteJSON(stdout, r)
	}
	fmt.Fprintf(stdout, "%s: %s (%d eligible, %d ranked)\n", role.ID, role.Title, r.Eligible, r.Total)
	return report.WriteTable(stdout, eng.Catalog(), r)
}

func cmdExplain(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	c := newCommon("explain", stderr)
	rolePath := c.fs.String("role", "", "role JSON file")
	id := c.fs.String("candidate", "", "candidate id")
	if err := c.parse(args); err != nil {
		return err
	}
	if *id == "" {
		return fmt.Errorf("%w: --candidate ID is required", errUsage)
	}
	role, err := loadRoleFile(*rolePath)
	if err != nil {
		return err
	}
	eng, err := c.engine(ctx, stderr)
	if err != nil {
		return err
	}
	defer eng.Close()
	res, err := eng.Explain(ctx, *id, role)
	if err != nil {
		return err
	}
	if c.asJSON {
		return report.WriteJSON(stdout, res)
	}
	return report.WriteExplanation(stdout, res)
}

func cmdFacets(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	c := newCommon("facets", stderr)
	rolePath := c.fs.String("role", "", "role JSON file: count only candidates who can be eligible")
	if err := c.parse(args); err != nil {
		return err
	}
	eng, err := c.engine(ctx, stderr)
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
	if c.asJSON {
		return report.WriteJSON(stdout, map[string]any{"total": res.Total, "facets": res.Facets})
	}
	fmt.Fprintf(stdout, "%d candidates\n", res.Total)
	for _, f := range []struct {
		name   string
		counts []index.FacetCount
	}{{"certifications", res.Facets.Certifications}, {"skills", res.Facets.Skills}, {"locations", res.Facets.Locations}} {
		fmt.Fprintf(stdout, "\n%s:\n", f.name)
		counts := f.counts
		sort.SliceStable(counts, func(i, j int) bool { return counts[i].Count > counts[j].Count })
		for _, fc := range counts[:min(len(counts), 15)] {
			fmt.Fprintf(stdout, "  %6d  %s\n", fc.Count, fc.Term)
		}
	}
	return nil
}

func writeLine(w io.Writer, v any) error {
	b, err := jsonLine(v)
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}
