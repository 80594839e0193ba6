package index

import (
	"context"
	"path/filepath"
	"sync"
	"testing"

	"github.com/certmatch/certmatch/internal/gen"
	"github.com/certmatch/certmatch/scoring"
)

var zzOnce sync.Once
var zzIx *Index

func BenchmarkZZRank(b *testing.B) {
	zzOnce.Do(func() {
		zzIx = open(b, Options{})
		for start := 0; start < 100000; start += 10000 {
			put(b, zzIx, gen.Candidates(gen.Options{Seed: 1, Start: start}, 10000))
		}
	})
	paths, _ := filepath.Glob("../testdata/roles/*.json")
	_ = paths
	req := func(ids ...string) scoring.Requirement { return scoring.Requirement{AnyOf: ids} }
	roles := []scoring.Role{
		{ID: "senior-java", Required: []scoring.Requirement{{AnyOf: []string{"ocpjp"}, MinVersion: "11"}}, Preferred: []scoring.Requirement{req("spring-professional"), {AnyOf: []string{"spark-developer"}, Current: true, Weight: 2}},
			RequiredSkills: []string{"java"}, PreferredSkills: []string{"spring boot", "kafka"}, MinYears: 5, Location: "Chicago, IL", Remote: true, SalaryMax: 130000,
			Weights: &scoring.Weights{Certifications: 0.5, Skills: 0.3, Experience: 0.2}},
		{ID: "java-associate", Required: []scoring.Requirement{req("ocajp")}, Preferred: []scoring.Requirement{req("spring-professional")}, RequiredSkills: []string{"java"}, PreferredSkills: []string{"sql", "git", "spring boot", "junit"}, Location: "New York, NY"},
		{ID: "simple-java", Required: []scoring.Requirement{req("ocpjp")}, Preferred: []scoring.Requirement{req("spring-professional")}, RequiredSkills: []string{"java"}},
		{ID: "broad-ocpjp", Preferred: []scoring.Requirement{req("ocpjp")}},
		{ID: "broad-spring", Preferred: []scoring.Requirement{req("spring-professional")}},
	}
	ctx := context.Background()
	for _, r := range roles {
		plan, err := zzIx.scorer.Compile(r)
		if err != nil {
			b.Fatal(err)
		}
		for _, text := range []string{"", "kafka microservices"} {
			b.Run("role="+r.ID+"/text="+text, func(b *testing.B) {
				for i := 0; i < b.N; i++ {
					if _, err := zzIx.Rank(ctx, plan, RankRequest{Limit: 20, Text: text}); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
