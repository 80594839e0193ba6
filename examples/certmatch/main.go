// Command certmatch normalises certification titles, imports candidates into
// an index, and ranks, explains and facets them against roles.
//
//	certmatch normalize [TEXT...]
//	certmatch import  --index DIR FILE...
//	certmatch rank    (--index DIR | --candidates FILE...) --role ROLE.json [--top N] [--all] [--json]
//	certmatch explain (--index DIR | --candidates FILE...) --role ROLE.json --candidate ID [--json]
//	certmatch facets  (--index DIR | --candidates FILE...) [--role ROLE.json] [--json]
//
// Exit codes: 0 ok, 1 error, 2 usage.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
)

// errUsage marks a usage error (exit code 2).
var errUsage = errors.New("usage")

const usage = `usage:
  certmatch normalize [TEXT...]              one JSON object per input; no TEXT: one per stdin line
  certmatch import  --index DIR [--format F] FILE...
  certmatch rank    (--index DIR | --candidates FILE...) --role ROLE.json [--top N] [--offset N] [--all] [--query TEXT] [--json]
  certmatch explain (--index DIR | --candidates FILE...) --role ROLE.json --candidate ID [--json]
  certmatch facets  (--index DIR | --candidates FILE...) [--role ROLE.json] [--json]

FILE formats are recognised by content (native JSON object, array or JSON
Lines; JSON Resume; CSV with a header) unless --format names one
(native, jsonresume, csv). --now YYYY-MM-DD scores as of that date.
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run executes one command and returns its exit code.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	var err error
	switch args[0] {
	case "normalize":
		err = cmdNormalize(args[1:], stdin, stdout)
	case "import":
		err = cmdImport(ctx, args[1:], stdout, stderr)
	case "rank":
		err = cmdRank(ctx, args[1:], stdout, stderr)
	case "explain":
		err = cmdExplain(ctx, args[1:], stdout, stderr)
	case "facets":
		err = cmdFacets(ctx, args[1:], stdout, stderr)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	default:
		err = fmt.Errorf("%w: unknown command %q", errUsage, args[0])
	}
	switch {
	case err == nil:
		return 0
	case errors.Is(err, errUsage):
		fmt.Fprintf(stderr, "certmatch: %v\n\n%s", err, usage)
		return 2
	default:
		fmt.Fprintf(stderr, "certmatch: %v\n", err)
		return 1
	}
}

func jsonLine(v any) ([]byte, error) {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return []byte(b.String()), nil
}
