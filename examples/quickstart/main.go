// Quickstart indexes the bundled candidates in memory, ranks them against
// every bundled role and prints a table per role.
//
//	go run ./examples/quickstart
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/certmatch/certmatch/match"
	"github.com/certmatch/certmatch/match/input"
	"github.com/certmatch/certmatch/match/report"
)

func main() {
	data := flag.String("data", "testdata", "folder with candidates.json and roles/")
	top := flag.Int("top", 10, "results per role")
	now := flag.String("now", "", "score as of this date (YYYY-MM-DD); default today")
	flag.Parse()
	clock := time.Now
	if *now != "" {
		t, err := time.Parse("2006-01-02", *now)
		if err != nil {
			fmt.Fprintln(os.Stderr, "quickstart: -now:", err)
			os.Exit(2)
		}
		clock = func() time.Time { return t }
	}
	if err := run(context.Background(), os.Stdout, *data, *top, clock); err != nil {
		fmt.Fprintln(os.Stderr, "quickstart:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, w io.Writer, data string, top int, now func() time.Time) error {
	eng, err := match.Open(ctx, match.Options{Now: now})
	if err != nil {
		return err
	}
	defer eng.Close()

	f, err := os.Open(filepath.Join(data, "candidates.json"))
	if err != nil {
		return err
	}
	defer f.Close()
	rep, err := eng.Import(ctx, f, match.ImportOptions{})
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "imported %d candidates (%d rejected, %d certifications kept as written but not recognised)\n",
		rep.Imported, len(rep.Rejected), len(rep.Unresolved))

	roles, err := filepath.Glob(filepath.Join(data, "roles", "*.json"))
	if err != nil {
		return err
	}
	for _, path := range roles {
		role, err := input.LoadRoleFile(path, eng.Catalog())
		if err != nil {
			return err
		}
		ranking, err := eng.Rank(ctx, role, match.RankOptions{Top: top, IncludeIneligible: true})
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "\n== %s: %s (%d eligible of %d)\n", role.ID, role.Title, ranking.Eligible, ranking.Total)
		if err := report.WriteTable(w, eng.Catalog(), ranking); err != nil {
			return err
		}
	}
	return nil
}
