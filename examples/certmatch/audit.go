package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"

	"github.com/certmatch/certmatch/match"
	"github.com/certmatch/certmatch/match/audit"
	"github.com/certmatch/certmatch/match/report"
)

// readLog reads every decision of a decision log file.
func readLog(path string) ([]match.Decision, error) {
	if path == "" {
		return nil, fmt.Errorf("%w: --log FILE is required", errUsage)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var ds []match.Decision
	err = match.ReadDecisions(f, func(_ int, d match.Decision) error {
		ds = append(ds, d)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(ds) == 0 {
		return nil, fmt.Errorf("%s: the log holds no ranking", path)
	}
	return ds, nil
}

func setupAudit(fs *flag.FlagSet, e *env) func(context.Context, []string) error {
	logPath := fs.String("log", "", "decision log `file` (JSON Lines, as rank --log writes)")
	catPath := fs.String("categories", "", "CSV `file` of candidate_id, sex, race_ethnicity")
	selection := fs.String("selection", "both", "what selected means: eligible, above_median or both")
	asCSV := fs.Bool("csv", false, "CSV output")
	asJSON := fs.Bool("json", false, "JSON output")
	return func(ctx context.Context, files []string) error {
		if len(files) > 0 {
			return fmt.Errorf("%w: audit takes no file arguments", errUsage)
		}
		var sels []audit.Selection
		switch *selection {
		case "both":
			sels = []audit.Selection{audit.SelectedEligible, audit.SelectedAboveMedian}
		case string(audit.SelectedEligible), string(audit.SelectedAboveMedian):
			sels = []audit.Selection{audit.Selection(*selection)}
		default:
			return fmt.Errorf("%w: --selection must be eligible, above_median or both", errUsage)
		}
		if *catPath == "" {
			return fmt.Errorf("%w: --categories FILE is required", errUsage)
		}
		ds, err := readLog(*logPath)
		if err != nil {
			return err
		}
		f, err := os.Open(*catPath)
		if err != nil {
			return err
		}
		cats, err := audit.LoadCategories(f)
		f.Close()
		if err != nil {
			return fmt.Errorf("%s: %w", *catPath, err)
		}
		var reps []audit.Report
		for _, s := range sels {
			rep, err := audit.Compute(audit.Outcomes(ds), cats, audit.Options{Selection: s})
			if err != nil {
				return err
			}
			reps = append(reps, rep)
		}
		for i, rep := range reps {
			switch {
			case *asJSON:
				err = report.WriteJSON(e.stdout, rep)
			case *asCSV:
				err = audit.WriteCSV(e.stdout, rep)
			default:
				if i > 0 {
					fmt.Fprintln(e.stdout)
				}
				err = audit.WriteTable(e.stdout, rep)
			}
			if err != nil {
				return err
			}
		}
		return nil
	}
}

// errDiffers is returned by replay when a ranking was not reproduced.
var errDiffers = errors.New("replay differs from the log")

func setupReplay(fs *flag.FlagSet, e *env) func(context.Context, []string) error {
	src := newSource("replay", fs, e)
	logPath := fs.String("log", "", "decision log `file` to replay")
	return func(ctx context.Context, files []string) error {
		ds, err := readLog(*logPath)
		if err != nil {
			return err
		}
		eng, err := src.engine(ctx, files)
		if err != nil {
			return err
		}
		defer eng.Close()
		var all []audit.Replayed
		differ := 0
		for i, d := range ds {
			got, err := audit.Replay(ctx, eng, d)
			if err != nil {
				return fmt.Errorf("%s: ranking %d: %w", *logPath, i+1, err)
			}
			all = append(all, got)
			if len(got.Changes) > 0 {
				differ++
			}
			if src.asJSON {
				continue
			}
			status := "reproduced exactly"
			if len(got.Changes) > 0 {
				status = fmt.Sprintf("%d difference(s)", len(got.Changes))
			}
			fmt.Fprintf(e.stdout, "ranking %d (%s, %d results): %s\n", i+1, d.Role.ID, len(d.Results), status)
			if got.CatalogChanged {
				fmt.Fprintln(e.stdout, "  the catalog is not the one logged")
			}
			for _, c := range got.Changes {
				fmt.Fprintf(e.stdout, "  %s\n", c)
			}
		}
		if src.asJSON {
			if err := report.WriteJSON(e.stdout, all); err != nil {
				return err
			}
		} else {
			fmt.Fprintf(e.stdout, "%d of %d rankings reproduced exactly\n", len(ds)-differ, len(ds))
		}
		if differ > 0 {
			return fmt.Errorf("%w: %d of %d rankings", errDiffers, differ, len(ds))
		}
		return nil
	}
}
