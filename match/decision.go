package match

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"runtime/debug"
	"sync"
	"time"

	"github.com/certmatch/certmatch/scoring"
)

// A DecisionLog records every ranking an Engine makes, for audits and
// replay. Engine.Rank calls LogDecision once per successful ranking, after
// the page is built and before it returns; when LogDecision fails, Rank
// fails too (wrapping ErrDecisionLog), so no ranking leaves the engine
// unlogged. Implementations must be safe for concurrent use.
type DecisionLog interface {
	LogDecision(ctx context.Context, d Decision) error
}

// DecisionLogFunc adapts a function to a DecisionLog.
type DecisionLogFunc func(ctx context.Context, d Decision) error

// LogDecision calls f.
func (f DecisionLogFunc) LogDecision(ctx context.Context, d Decision) error { return f(ctx, d) }

// ErrDecisionLog is wrapped by Rank's error when the decision log fails.
var ErrDecisionLog = errors.New("match: decision log")

// Decision is one logged ranking: everything needed to audit it and to run
// it again, and no personal field. Candidates are named by id only.
type Decision struct {
	// Time is when the ranking was made; Now is the scoring clock it used
	// (currency and recency are judged at Now).
	Time time.Time `json:"time"`
	Now  time.Time `json:"now"`
	// Library is the certmatch module version that ranked.
	Library string `json:"library"`
	// Catalog identifies the catalog the engine scored with.
	Catalog string       `json:"catalog"`
	Role    scoring.Role `json:"role"`
	// Weights are the weights the ranking used: the role's own, or the
	// engine's default when the role gives none.
	Weights  scoring.Weights  `json:"weights"`
	Options  DecisionOptions  `json:"options"`
	Eligible int              `json:"eligible"`
	Total    int              `json:"total"`
	Results  []DecisionResult `json:"results"`
}

// DecisionOptions are the RankOptions of a logged ranking.
type DecisionOptions struct {
	Top               int          `json:"top"`
	Offset            int          `json:"offset,omitempty"`
	IncludeIneligible bool         `json:"ineligible,omitempty"`
	Query             string       `json:"text,omitempty"`
	Filters           *FilterNames `json:"filters,omitempty"`
}

// FilterNames are a ranking's filters as logged.
type FilterNames struct {
	Locations      []string `json:"locations,omitempty"`
	Skills         []string `json:"skills,omitempty"`
	Certifications []string `json:"certifications,omitempty"`
}

// DecisionResult is one ranked candidate of a logged ranking.
type DecisionResult struct {
	Rank        int               `json:"rank"`
	CandidateID string            `json:"candidate_id"`
	Score       float64           `json:"score"`
	Eligible    bool              `json:"eligible"`
	Components  []ComponentPoints `json:"components"`
}

// ComponentPoints is a score component's name, points and maximum.
type ComponentPoints struct {
	Name   string  `json:"name"`
	Points float64 `json:"points"`
	Max    float64 `json:"max"`
}

// JSONLinesLog is a DecisionLog writing one JSON object per line.
type JSONLinesLog struct {
	mu  sync.Mutex
	enc *json.Encoder
}

// NewJSONLinesLog returns a DecisionLog that appends to w, one decision
// per line. Writes are serialised; w is not closed.
func NewJSONLinesLog(w io.Writer) *JSONLinesLog {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return &JSONLinesLog{enc: enc}
}

// LogDecision writes d as one line.
func (l *JSONLinesLog) LogDecision(_ context.Context, d Decision) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.enc.Encode(d)
}

// ReadDecisions reads a JSON Lines decision log, calling fn for each
// decision in order. A line that is not a decision is an error naming its
// line number.
func ReadDecisions(r io.Reader, fn func(line int, d Decision) error) error {
	dec := json.NewDecoder(r)
	for line := 1; ; line++ {
		var d Decision
		err := dec.Decode(&d)
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("match: decision log entry %d: %w", line, err)
		}
		if err := fn(line, d); err != nil {
			return err
		}
	}
}

// Version is the certmatch module version compiled into the program, or
// "(devel)" in a build of the module itself.
func Version() string { return version() }

var version = sync.OnceValue(func() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "(unknown)"
	}
	const mod = "github.com/certmatch/certmatch"
	if info.Main.Path == mod {
		return info.Main.Version
	}
	for _, d := range info.Deps {
		if d.Path == mod {
			return d.Version
		}
	}
	return "(unknown)"
})

// catalogID identifies a catalog in decision logs: its fingerprint.
func catalogID(cat *scoring.Catalog) string { return cat.Fingerprint() }

// decision builds the log entry of a ranking.
func decision(now, at time.Time, catalog string, role scoring.Role, weights scoring.Weights, opts RankOptions, out Ranking) Decision {
	d := Decision{
		Time: at.UTC(), Now: now.UTC(), Library: Version(), Catalog: catalog, Role: role, Weights: weights,
		Options:  DecisionOptions{Top: opts.Top, Offset: opts.Offset, IncludeIneligible: opts.IncludeIneligible, Query: opts.Query},
		Eligible: out.Eligible, Total: out.Total,
	}
	if f := opts.Filters; len(f.Locations)+len(f.Skills)+len(f.Certifications) > 0 {
		d.Options.Filters = &FilterNames{Locations: f.Locations, Skills: f.Skills, Certifications: f.Certifications}
	}
	d.Results = DecisionFor(out)
	return d
}

// DecisionFor is a ranking's page as a decision log records it: ids,
// ranks, scores, eligibility and component points.
func DecisionFor(out Ranking) []DecisionResult {
	res := make([]DecisionResult, len(out.Results))
	for i, r := range out.Results {
		cs := make([]ComponentPoints, len(r.Components))
		for j, c := range r.Components {
			cs[j] = ComponentPoints{Name: c.Name, Points: c.Points, Max: c.Max}
		}
		res[i] = DecisionResult{Rank: r.Rank, CandidateID: r.CandidateID, Score: r.Score, Eligible: r.Eligible, Components: cs}
	}
	return res
}

// CatalogID identifies the engine's catalog as decision logs record it.
func (e *Engine) CatalogID() string { return e.catalogID }
