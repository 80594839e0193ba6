package gen

import (
	"fmt"
	"math/rand/v2"
	"slices"

	"github.com/certmatch/certmatch/scoring"
)

// Roles returns n random roles over cat's certifications and groups and
// the skills and places of cands, for tests that compare a ranking with
// scoring every candidate: required and preferred certification
// requirements with versions, currency, recency and weights; required,
// preferred and alternative skills; years, a place, remote work, pay and
// weights (zero ones too). Every third role is broad: nothing required
// but years. The same seed gives the same roles.
func Roles(seed uint64, cat *scoring.Catalog, cands []scoring.Candidate, n int) []scoring.Role {
	var certs []string
	for c := range cat.Certs() {
		certs = append(certs, c.ID)
	}
	for g := range cat.Groups() {
		certs = append(certs, g.ID)
	}
	var skills []string
	for _, c := range cands {
		skills = append(skills, c.Skills...)
	}
	slices.Sort(skills)
	skills = slices.Compact(skills)
	rng := rand.New(rand.NewPCG(seed, seed+1))
	pick := func(from []string, n int) []string {
		out := make([]string, 0, n)
		for range n {
			out = append(out, from[rng.IntN(len(from))])
		}
		return slices.Compact(slices.Sorted(slices.Values(out)))
	}
	versions := []string{"", "", "5", "8", "11", "17"}
	reqs := func(n int) []scoring.Requirement {
		var out []scoring.Requirement
		for range n {
			q := scoring.Requirement{AnyOf: pick(certs, 1+rng.IntN(3))}
			if rng.IntN(3) == 0 {
				q.MinVersion = versions[rng.IntN(len(versions))]
			}
			q.Current = rng.IntN(5) == 0
			if rng.IntN(5) == 0 {
				q.WithinYears = float64(1 + rng.IntN(6))
			}
			if rng.IntN(4) == 0 {
				q.Weight = float64(1 + rng.IntN(3))
			}
			out = append(out, q)
		}
		return out
	}
	roles := make([]scoring.Role, 0, n)
	for r := range n {
		role := scoring.Role{
			ID:              fmt.Sprintf("random-%d", r),
			Required:        reqs(rng.IntN(3)),
			Preferred:       reqs(rng.IntN(4)),
			RequiredSkills:  pick(skills, rng.IntN(2)),
			PreferredSkills: pick(skills, rng.IntN(5)),
			MinYears:        float64(rng.IntN(4) * 2),
		}
		if rng.IntN(6) == 0 {
			role.RequiredAnySkills = [][]string{pick(skills, 2+rng.IntN(2))}
		}
		if r%3 == 0 {
			// A broad role: nothing required but years, so most
			// candidates are selected and most are skipped.
			role.ID = fmt.Sprintf("broad-%d", r)
			role.Required, role.RequiredSkills, role.RequiredAnySkills = nil, nil, nil
			role.Preferred = reqs(1 + rng.IntN(2))
			role.MinYears = float64(rng.IntN(3) * 2)
		}
		if len(role.Required) == 0 && len(role.Preferred) == 0 {
			role.Preferred = reqs(1)
		}
		if rng.IntN(2) == 0 {
			role.Location = cands[rng.IntN(len(cands))].Location
			role.Remote = rng.IntN(2) == 0
		}
		if rng.IntN(2) == 0 {
			role.SalaryMax = float64(40000 + rng.IntN(80000))
		}
		if rng.IntN(4) == 0 {
			w := scoring.Weights{Certifications: float64(rng.IntN(3)), Skills: float64(rng.IntN(3)), Experience: float64(rng.IntN(3)),
				Location: float64(rng.IntN(2)), Compensation: float64(rng.IntN(2))}
			if w != (scoring.Weights{}) {
				role.Weights = &w
			}
		}
		roles = append(roles, role)
	}
	return roles
}
