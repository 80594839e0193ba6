package index

import (
	"context"

	"github.com/certmatch/certmatch/scoring"
)

// scan calls fn for every selected candidate with its profile: the walk
// Rank makes, for tests that check what a selection visits.
func (v *view) scan(ctx context.Context, sel Selection, fn func(id string, p *scoring.Profile) error) error {
	set, err := v.resolve(ctx, sel)
	if err != nil {
		return err
	}
	return set.each(ctx, func(e *entry) error { return fn(e.id, &e.prof) })
}

// count is the number of candidates in the view.
func (v *view) count() int { return len(v.ix.side.slot) }
