// Command gencandidates writes generated candidates as JSON Lines to
// standard output:
//
//	go run ./internal/gen/cmd/gencandidates -n 100000 -seed 1 > cands.jsonl
//
// The same flags always produce the same bytes.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/certmatch/certmatch/internal/gen"
)

func main() {
	n := flag.Int("n", 1000, "number of candidates")
	seed := flag.Uint64("seed", 0, "seed: the same seed gives the same candidates")
	start := flag.Int("start", 0, "number of the first candidate (ids gen-%07d)")
	now := flag.String("now", "", "reference date YYYY-MM-DD for issue dates (default "+gen.DefaultNow.Format(time.DateOnly)+")")
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "usage: gencandidates [-n N] [-seed S] [-start K] [-now YYYY-MM-DD] > candidates.jsonl\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() > 0 || *n < 0 {
		flag.Usage()
		os.Exit(2)
	}
	opts := gen.Options{Seed: *seed, Start: *start}
	if *now != "" {
		t, err := time.Parse(time.DateOnly, *now)
		if err != nil {
			fmt.Fprintf(os.Stderr, "gencandidates: -now: %v\n", err)
			os.Exit(2)
		}
		opts.Now = t
	}
	w := bufio.NewWriterSize(os.Stdout, 1<<20)
	err := gen.WriteJSONL(w, opts, *n)
	if err == nil {
		err = w.Flush()
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "gencandidates: %v\n", err)
		os.Exit(1)
	}
}
