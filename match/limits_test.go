package match_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/certmatch/certmatch/scoring"
)

// TestManySkillsIsLinear adds one record with many skills and many
// credentials; the cost must grow linearly, so 8x the skills may take at
// most about 8x the time (measured against a record an eighth the size in
// the same run, with a generous margin for noise).
func TestManySkillsIsLinear(t *testing.T) {
	ctx := context.Background()
	eng := newEngine(t)
	record := func(id string, n int) scoring.Candidate {
		c := scoring.Candidate{ID: id}
		for i := 0; i < n; i++ {
			c.Skills = append(c.Skills, fmt.Sprintf("skill %d", i))
		}
		for i := 0; i < n/100; i++ {
			c.Certifications = append(c.Certifications, scoring.Credential{ID: "ocajp", Version: "8"})
		}
		return c
	}
	timed := func(c scoring.Candidate) time.Duration {
		start := time.Now()
		if rep, err := eng.Add(ctx, c); err != nil || rep.Added != 1 {
			t.Fatalf("Add: %+v %v", rep, err)
		}
		return time.Since(start)
	}
	timed(record("warm", 1000))
	small := timed(record("small", 5000))
	big := timed(record("big", 40000))
	if big > 30*small+200*time.Millisecond {
		t.Errorf("40,000 skills took %v, 5,000 took %v: growth is worse than linear", big, small)
	}
	got, err := eng.Get(ctx, "big")
	if err != nil || len(got.Skills) != 40000 {
		t.Fatalf("Get: %d skills, %v", len(got.Skills), err)
	}
}
