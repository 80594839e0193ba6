package jobtext

import (
	"slices"
	"strings"

	"github.com/certmatch/certmatch/internal/words"
)

// Scope is what a heading or lead line says about the blocks under it.
type Scope int

// The scopes. A heading that says nothing of its own takes the scope of
// the heading above it.
const (
	// ScopeNone: no heading, or one that says nothing ("Job
	// Description", "Responsibilities").
	ScopeNone Scope = iota
	// ScopeRequired: "Requirements", "Qualifications", "Must have",
	// "What you need".
	ScopeRequired
	// ScopePreferred: "Nice to have", "Bonus points for", "Candidate
	// certifications to look for", "Preferred qualifications".
	ScopePreferred
	// ScopeNarrative: "Company description", "Benefits", "What we
	// offer", "Why join us": nothing under it is asked of a candidate.
	ScopeNarrative
)

var scopeNames = [...]string{"none", "required", "preferred", "narrative"}

func (s Scope) String() string {
	if int(s) < len(scopeNames) {
		return scopeNames[s]
	}
	return "scope(?)"
}

// Heading wording, as lower-case word sequences. Preference wins over
// requirement ("Preferred qualifications"), and both over narrative.
var (
	preferredHeadings = phrases(`nice to have, nice to haves, good to have, bonus, plus, preferred, desirable, desired,
		ideally, ideal, look for, looking for, set you apart, sets you apart, stand out, distinguish, optional, extra,
		cherries on the cake, cherry on the cake, cherry on top, advantage, would be great, not required`)
	requiredHeadings = phrases(`requirement, requirements, required, qualification, qualifications, must have,
		must haves, mandatory, minimum, essential, essentials, what you need, what you ll need, what you will need,
		you have, you bring, what you bring, what it takes, what we expect, who you are, your profile, profile,
		skills and experience, experience and skills, prerequisites, basic qualifications, key skills, required skills`)
	narrativeHeadings = phrases(`company, about us, about the company, who we are, benefit, benefits, we offer,
		what we offer, our offer, offer, why join, why join us, why us, why work, perks, additional information,
		equal opportunity, diversity, privacy, contact, how to apply, apply, culture, our values, core values, salary,
		average salary, compensation, what does, looking to hire, need help`)
)

// classifyHeading reads a heading's scope from its wording.
func classifyHeading(text string) Scope {
	ws := lowerWords(text)
	switch {
	case preferredHeadings.in(ws):
		return ScopePreferred
	case requiredHeadings.in(ws):
		return ScopeRequired
	case narrativeHeadings.in(ws):
		return ScopeNarrative
	}
	return ScopeNone
}

// scopes gives every block of a document its scope: a heading scopes the
// blocks after it until a heading of the same or a lower level.
func scopes(blocks []Block) []Scope {
	type open struct {
		level int
		scope Scope
	}
	var stack []open
	out := make([]Scope, len(blocks))
	current := func() Scope {
		if len(stack) == 0 {
			return ScopeNone
		}
		return stack[len(stack)-1].scope
	}
	for i, b := range blocks {
		if b.Kind != Heading {
			out[i] = current()
			continue
		}
		for len(stack) > 0 && stack[len(stack)-1].level >= b.Level {
			stack = stack[:len(stack)-1]
		}
		s := classifyHeading(b.Text)
		if s == ScopeNone {
			s = current()
		}
		// The heading's own words are read in the scope it opens: "Nice
		// to have: Spring Professional" as a lead line.
		out[i] = s
		stack = append(stack, open{b.Level, s})
	}
	return out
}

// Narrative: sentences that mention a certification without asking a
// candidate for it. Each phrase is a lower-case word sequence.
var narratives = []struct {
	why     string
	phrases phraseSet
}{
	{"a benefit the employer offers", phrases(`we offer, we pay, we cover, we provide, we sponsor, we fund, we support,
		we reimburse, we encourage, paid certification, paid certifications, certifications paid, reimbursement,
		reimbursed, sponsored, sponsorship, training budget, learning budget, trainings and certifications,
		training and certification, training and certifications, opportunity to get certified, help you get certified,
		get certified, become certified, paid for, on us, our cost, company expense, we ll pay, we will pay, offer you`)},
	{"a prerequisite described", phrases(`obtained after, after obtaining, after earning, after passing, after completing,
		first step, first of two, second of two, prerequisite for, prerequisites for, prerequisite to, leads to, before taking,
		required to take, required before, required for the exam, step towards, path to, on the way to`)},
	{"a certification described", phrases(`is designed to, designed to validate, validates, proves, proving, is focused on,
		focuses on, is for candidates, is for developers, also known as, known as, is a hands on, performance based,
		this certification, this exam, the exam for, covers the, tests your, measures your, is the entry, entry level
		certification, is an exam`)},
	{"company boilerplate", phrases(`we hold, we have earned, our team holds, our engineers hold, our consultants hold,
		our experts hold, we are certified, certified partner, partner of, partner with, award winning, equal opportunity,
		regardless of, we are committed`)},
}

// narrativeOf returns why a sentence is narrative, or "".
func narrativeOf(s sentence) string {
	for _, n := range narratives {
		if n.phrases.in(s.norms) {
			return n.why
		}
	}
	return ""
}

// experienceAs reports whether the words before ws[k] say "experience as
// a", "worked as a", "work as an": a title held, not a credential asked
// for.
func experienceAs(ws []word, k int) bool {
	for j := k - 1; j >= 0 && j >= k-3; j-- {
		if ws[j].norm == "as" {
			return true
		}
		if ws[j].norm != "a" && ws[j].norm != "an" && ws[j].norm != "the" {
			return false
		}
	}
	return false
}

// phraseSet is a set of lower-case word sequences, by first word.
type phraseSet map[string][][]string

func phrases(s string) phraseSet {
	out := phraseSet{}
	for _, p := range strings.Split(s, ",") {
		if f := lowerWords(p); len(f) > 0 {
			out[f[0]] = append(out[f[0]], f)
		}
	}
	return out
}

func lowerWords(s string) []string {
	return words.Append(nil, strings.ToLower(s))
}

// in reports whether ws holds one of the phrases as a run of words.
func (ps phraseSet) in(ws []string) bool {
	for i, w := range ws {
		for _, p := range ps[w] {
			if i+len(p) <= len(ws) && slices.Equal(ws[i:i+len(p)], p) {
				return true
			}
		}
	}
	return false
}

// endsWith reports whether ws ends with one of the phrases.
func (ps phraseSet) endsWith(ws []string) bool {
	for i := max(0, len(ws)-4); i < len(ws); i++ {
		for _, p := range ps[ws[i]] {
			if i+len(p) == len(ws) && slices.Equal(ws[i:], p) {
				return true
			}
		}
	}
	return false
}
