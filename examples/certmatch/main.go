// Command certmatch normalises certification titles, imports candidates into
// an index, ranks, explains and facets them against roles, and reads job
// postings as roles.
//
// Run `certmatch help` for the commands and `certmatch CMD -h` for the
// flags of one; the text is written once, in the commands table of this
// package, and the README shows it as printed.
//
// Exit codes: 0 ok, 1 error, 2 usage, 130 interrupted.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"time"
)

// errUsage marks a usage error (exit code 2).
var errUsage = errors.New("usage")

// Exit codes.
const (
	exitOK          = 0
	exitError       = 1
	exitUsage       = 2
	exitInterrupted = 130 // 128 + SIGINT, as a shell reports a process ended by Ctrl-C
)

// interruptGrace is how long an interrupted command has to stop at its
// next check of the context before the process exits anyway (a command
// blocked reading stdin never reaches one).
var interruptGrace = 2 * time.Second

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	done := make(chan int, 1)
	go func() { done <- run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr) }()
	var code int
	select {
	case code = <-done:
	case <-ctx.Done():
		select {
		case code = <-done:
		case <-time.After(interruptGrace):
			fmt.Fprintln(os.Stderr, "certmatch: interrupted")
			code = exitInterrupted
		}
	}
	stop()
	os.Exit(code)
}

// command is one of the tool's commands. The tool's usage and each
// command's own are built from this table.
type command struct {
	name     string
	synopsis string // what follows the name in a usage line
	about    string // what it does, for its -h
	// setup declares the command's flags on fs and returns what runs it
	// on the arguments left after the flags.
	setup func(fs *flag.FlagSet, env *env) func(ctx context.Context, args []string) error
}

// commands are the tool's commands, in the order the usage lists them.
var commands = []command{
	{"normalize", "[TEXT...]",
		"Normalize prints one JSON object per TEXT (no TEXT: per stdin line): the text,\nthe certification id and version it names, and the confidence; \"id\" is \"\"\nwhere nothing matched.",
		setupNormalize},
	{"import", "--index DIR [--format F] FILE|FOLDER...",
		"Import reads candidate files into an on-disk index (created when missing) and\nprints a summary of what was imported, rejected and warned about, with the\ncertification names most often not recognised; every rejected record and\nwarning is listed on stderr. Files are candidate records (native JSON, JSON\nResume, CSV), resume documents (PDF, DOCX, Markdown, text) and LinkedIn\nexports (the zip, the folder, or one of its CSV files); a folder's files are\nimported one by one, and one that cannot be read does not stop the others.\nA progress line is drawn when stderr is a terminal.",
		setupImport},
	{"rank", "(--index DIR | --candidates FILE...) --role ROLE.json [--top N] [--offset N] [--all | --ineligible] [--query TEXT] [--log FILE] [--json]",
		"Rank prints a role's ranking: eligible candidates first, then, with --all,\nthe ineligible ones nearest to eligible first (--ineligible: only them),\neach with its score, what it matched and misses, and its next step.",
		setupRank},
	{"explain", "(--index DIR | --candidates FILE...) --role ROLE.json --candidate ID [--json]",
		"Explain prints one candidate's score against a role, component by\ncomponent, with what is missing and the next steps.",
		setupExplain},
	{"facets", "(--index DIR | --candidates FILE...) [--role ROLE.json] [--json]",
		"Facets counts the candidates by certification, skill and location; with\n--role, only those who can be eligible for it.",
		setupFacets},
	{"role", "JOB [--json]",
		"Role reads a job posting (a JSON Resume job, or the text, Markdown or HTML of\na posting, recognised by content; - reads stdin) as a role and prints it with\nthe sentence each requirement, skill and minimum came from, for review; with\n--json, as a native role file for --role.",
		setupRole},
	{"reindex", "--index DIR [--json]",
		"Reindex re-derives an on-disk index's search terms and ranking profiles from\nits stored records (which it does not change) with the built-in catalog, and\nrecords the catalog's fingerprint. Opening an index written under another\ncatalog does this by itself; reindex does it on demand. A progress line is\ndrawn when stderr is a terminal.",
		setupReindex},
	{"audit", "--log FILE --categories FILE [--selection eligible|above_median|both] [--csv] [--json]",
		"Audit reads a decision log (rank --log) and a separate file of demographic\ncategories and prints selection rates and impact ratios by sex, race/ethnicity\nand their intersection (NYC Local Law 144): selected meaning eligible, and\nscoring above the ranking's median. Unknown categories are counted; categories\nunder 2% are flagged and left out of the ratios.",
		setupAudit},
	{"replay", "--log FILE (--index DIR | --candidates FILE...) [--json]",
		"Replay runs every logged ranking again with its role, options and clock and\nreports each difference by candidate id; it exits 1 when any ranking differs.",
		setupReplay},
	{"shard", "--nats URL --shard N/M --index DIR [--stream NAME] [--replica NAME]",
		"Shard runs one replica of shard N of M of a cluster: it applies the shard's\nwrites from the NATS JetStream stream to the on-disk index in DIR, in order,\nand answers the coordinator's queries once it has caught up, until interrupted.",
		setupShard},
}

// usageFooter ends the tool's usage.
const usageFooter = `
Every command takes --now YYYY-MM-DD (score as of that date) and -h (its
flags); flags may follow the file arguments. FILE formats are recognised by
content and name (native JSON object, array or JSON Lines; JSON Resume; CSV
with a header; a LinkedIn export; a PDF, DOCX, Markdown or text resume)
unless --format names one (native, jsonresume, csv, linkedin, document).
--role takes a native role file or a job posting, recognised by content as
JOB is.
Exit codes: 0 ok, 1 error, 2 usage, 130 interrupted.
`

// usage is the tool's usage, as `certmatch help` prints it.
func usage() string {
	var b strings.Builder
	b.WriteString("usage:\n")
	for _, c := range commands {
		fmt.Fprintf(&b, "  certmatch %-9s %s\n", c.name, c.synopsis)
	}
	b.WriteString(usageFooter)
	return b.String()
}

// env is what a command reads and writes besides its arguments.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	now            func() time.Time // --now, or the wall clock
}

// run executes one command and returns its exit code.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprintf(stderr, "certmatch: a command is required\n\n%s", usage())
		return exitUsage
	}
	name := args[0]
	switch name {
	case "help", "-h", "-help", "--help":
		if len(args) > 1 {
			if c, ok := lookup(args[1]); ok {
				fs, _ := newFlagSet(c, &env{})
				fmt.Fprint(stdout, commandUsage(c, fs))
				return exitOK
			}
		}
		fmt.Fprint(stdout, usage())
		return exitOK
	}
	c, ok := lookup(name)
	if !ok {
		fmt.Fprintf(stderr, "certmatch: unknown command %q\n\n%s", name, usage())
		return exitUsage
	}
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr}
	fs, exec := newFlagSet(c, e)
	nowFlag := fs.Lookup("now")
	rest, err := parseInterleaved(fs, args[1:])
	switch {
	case errors.Is(err, flag.ErrHelp):
		fmt.Fprint(stdout, commandUsage(c, fs))
		return exitOK
	case err != nil:
		err = fmt.Errorf("%w: %v", errUsage, err)
	default:
		e.now, err = parseNow(nowFlag.Value.String())
	}
	if err == nil {
		err = exec(ctx, rest)
	}
	switch {
	case err == nil:
		return exitOK
	case ctx.Err() != nil:
		fmt.Fprintf(stderr, "certmatch %s: interrupted\n", name)
		return exitInterrupted
	case errors.Is(err, errUsage):
		msg := strings.TrimPrefix(err.Error(), errUsage.Error()+": ")
		fmt.Fprintf(stderr, "certmatch %s: %s\n\n%s", name, msg, commandUsage(c, fs))
		return exitUsage
	default:
		fmt.Fprintf(stderr, "certmatch %s: %v\n", name, err)
		return exitError
	}
}

func lookup(name string) (command, bool) {
	for _, c := range commands {
		if c.name == name {
			return c, true
		}
	}
	return command{}, false
}

// newFlagSet declares c's flags, --now among them, and returns them with
// c's runner.
func newFlagSet(c command, e *env) (*flag.FlagSet, func(context.Context, []string) error) {
	fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
	fs.SetOutput(io.Discard) // run prints the usage where it belongs
	fs.String("now", "", "score as of this date, `YYYY-MM-DD` (default today)")
	return fs, c.setup(fs, e)
}

// commandUsage is c's usage: its synopsis, what it does and its flags.
func commandUsage(c command, fs *flag.FlagSet) string {
	var b strings.Builder
	fmt.Fprintf(&b, "usage: certmatch %s %s\n\n%s\n\nflags:\n", c.name, c.synopsis, c.about)
	fs.SetOutput(&b)
	fs.PrintDefaults()
	fs.SetOutput(io.Discard)
	return b.String()
}

// parseInterleaved parses the flags of args wherever they stand, before or
// after file arguments (`rank FILE --role R.json`), and returns the
// arguments that are not flags, in order. Everything after "--" is an
// argument.
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	var rest []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		left := fs.Args()
		if len(left) == 0 {
			return rest, nil
		}
		if consumed := len(args) - len(left); consumed > 0 && args[consumed-1] == "--" {
			return append(rest, left...), nil
		}
		rest = append(rest, left[0])
		args = left[1:]
	}
}

// parseNow reads --now: "" is the wall clock.
func parseNow(s string) (func() time.Time, error) {
	if s == "" {
		return time.Now, nil
	}
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return nil, fmt.Errorf("%w: --now %q: want YYYY-MM-DD", errUsage, s)
	}
	return func() time.Time { return t }, nil
}
