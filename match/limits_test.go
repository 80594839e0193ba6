package match_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/certmatch/certmatch/match"
	"github.com/certmatch/certmatch/scoring"
)

// manySkills is a record with n skills and n/100 credentials.
func manySkills(id string, n int) scoring.Candidate {
	c := scoring.Candidate{ID: id}
	for i := 0; i < n; i++ {
		c.Skills = append(c.Skills, fmt.Sprintf("skill %d", i))
	}
	for i := 0; i < n/100; i++ {
		c.Certifications = append(c.Certifications, scoring.Credential{ID: "ocajp", Version: "8"})
	}
	return c
}

// TestManySkills adds one record with many skills and many credentials:
// it is stored whole and ranked. BenchmarkAddManySkills shows that its
// cost grows linearly with its size.
func TestManySkills(t *testing.T) {
	ctx := context.Background()
	eng := newEngine(t)
	if rep, err := eng.Add(ctx, manySkills("big", 40000)); err != nil || rep.Added != 1 {
		t.Fatalf("Add: %+v %v", rep, err)
	}
	got, err := eng.Get(ctx, "big")
	if err != nil || len(got.Skills) != 40000 || len(got.Certifications) != 400 {
		t.Fatalf("Get: %d skills, %d credentials, %v", len(got.Skills), len(got.Certifications), err)
	}
	role := scoring.Role{ID: "r", Required: []scoring.Requirement{{AnyOf: []string{"ocajp"}}}, PreferredSkills: []string{"skill 39999"}}
	page, err := eng.Rank(ctx, role, match.RankOptions{Top: 1})
	if err != nil || len(page.Results) != 1 || !page.Results[0].Eligible {
		t.Fatalf("Rank: %+v %v", page, err)
	}
}

// BenchmarkAddManySkills adds one record of each size per iteration; the
// ns/skill metric stays flat from 5,000 to 40,000 skills when the cost is
// linear.
func BenchmarkAddManySkills(b *testing.B) {
	for _, n := range []int{5000, 40000} {
		b.Run(fmt.Sprintf("skills=%d", n), func(b *testing.B) {
			ctx := context.Background()
			eng := newEngine(b)
			for i := 0; b.Loop(); i++ {
				if _, err := eng.Add(ctx, manySkills(fmt.Sprintf("c%d", i), n)); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/skill")
		})
	}
}
