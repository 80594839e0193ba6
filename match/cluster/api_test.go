package cluster

import (
	"context"

	"github.com/certmatch/certmatch/match"
	"github.com/certmatch/certmatch/scoring"
)

// reader is the Engine's read API. A Coordinator and an Engine both
// satisfy it, so a caller (the HTTP server, say) serves either.
type reader interface {
	Rank(ctx context.Context, role scoring.Role, opts match.RankOptions) (match.Ranking, error)
	Explain(ctx context.Context, id string, role scoring.Role) (scoring.Result, error)
	RolesFor(ctx context.Context, id string, roles []scoring.Role) ([]scoring.Result, error)
	Get(ctx context.Context, id string) (scoring.Candidate, error)
	Count(ctx context.Context) (int, error)
	Close() error
}

// The build fails if the Coordinator's read methods stop matching the
// Engine's.
var (
	_ reader = (*match.Engine)(nil)
	_ reader = (*Coordinator)(nil)
)
