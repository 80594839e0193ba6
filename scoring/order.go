package scoring

import "strings"

// Order is the key results are ranked by, the one rule every ranking
// follows: eligible candidates first; ineligible ones nearest to eligible
// first ([Away.Compare]: fewer unmet required items, then how near each
// is); then the higher score, then the lower id. Rankings of a role (the index's top list, a merge of several
// indexes' pages) and a candidate's list of roles all compare with
// [Order.Compare], so they cannot disagree.
//
// The key is a struct so that a rule adds a field here and nowhere else.
type Order struct {
	Eligible bool
	// Away is an ineligible candidate's distance from eligible; zero for
	// an eligible one.
	Away  Away
	Score float64
	// ID breaks ties: the candidate's id in a role's ranking, the role's
	// id in a candidate's list of roles.
	ID string
}

// Compare returns a negative number when a ranks before b, a positive one
// when it ranks after, and 0 when the keys are equal. It does not
// allocate, so a top list may call it for every candidate scored.
func (a Order) Compare(b Order) int { return compareOrders(&a, &b) }

// Before reports whether a ranks before b.
func (a Order) Before(b Order) bool { return compareOrders(&a, &b) < 0 }

// compareOrders is Compare on keys it neither keeps nor changes: by
// pointer, so that Compare and Before inline into a top list's loop.
func compareOrders(a, b *Order) int {
	if a.Eligible != b.Eligible {
		if a.Eligible {
			return -1
		}
		return 1
	}
	if !a.Eligible {
		if c := a.Away.Compare(b.Away); c != 0 {
			return c
		}
	}
	if a.Score != b.Score {
		if a.Score > b.Score {
			return -1
		}
		return 1
	}
	return strings.Compare(a.ID, b.ID)
}

// CandidateOrder is r's key in a role's ranking: ties go to the lower
// candidate id.
func (r *Result) CandidateOrder() Order {
	return Order{Eligible: r.Eligible, Away: r.Away, Score: r.Score, ID: r.CandidateID}
}

// RoleOrder is r's key in a candidate's list of roles: ties go to the
// lower role id.
func (r *Result) RoleOrder() Order {
	return Order{Eligible: r.Eligible, Away: r.Away, Score: r.Score, ID: r.RoleID}
}
