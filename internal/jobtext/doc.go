// Package jobtext finds certifications, requirement strength, skills,
// years of experience and pay in prose. It reads job postings today and
// resume text next, so it assumes no job: it returns findings, each with
// the strength its wording gives it, the scope of the heading over it and
// the sentence it came from, and leaves turning them into a role (or a
// profile) to its caller. Its rules churn with the postings it meets; it
// makes no API promise beyond this module.
//
// # Documents
//
// [Parse] reads text as it is pasted: HTML (recognised by its tags),
// Markdown or plain text, into [Block]s: headings (Markdown and HTML
// headings, bold lines, short lines ending in a colon or standing alone
// above a list), list items and lines of prose. A heading scopes the
// blocks under it ([Scope]): "Requirements" and "Qualifications" are
// [ScopeRequired], "Nice to have", "Bonus points for" and "Candidate
// certifications to look for" are [ScopePreferred], "Benefits", "What we
// offer" and "Company description" are [ScopeNarrative]; a heading that
// says nothing ("Job Description") keeps the scope over it.
//
// # Strength from wording, per clause
//
// Requirement wording (must, required, mandatory, minimum, need, "you
// have", "X or equivalent is required") makes a finding [Required];
// preference wording (a plus, preferred, desirable, nice to have, bonus,
// ideally, "greatly appreciated", "look for", "distinguish", "set apart")
// makes it [Preferred]. A marker that speaks of what precedes it ("X is
// required") covers the findings of its clause before it; one that speaks
// of what follows ("must have X", any marker before a colon) covers those
// after it; a marker heading the sentence ("Nice to have: X, Y") covers
// the rest. Clauses end at commas, except that a short clause without a
// marker is an element of a list the next clause ends ("OCPJP, OCEWCD and
// Spring Professional are preferred"). "Not required" is a preference. A
// finding no marker covers is [Mentioned]: where it stands decides, which
// is the caller's rule.
//
// Narrative is marked, not dropped: a benefit ("we pay for your
// certifications"), a prerequisite described ("can be obtained after
// OCAJP and OCPJP", "the first step"), a certification described (the
// sentences after a list item's lead that names one), "experience as a
// Sun Certified Java Developer" (a title, not a credential asked for) and
// company boilerplate get [Finding.Narrative].
//
// # Certifications
//
// Runs of credential-like words (catalog words, cues such as certified or
// exam, acronyms, versions, exam codes) are cut into windows of up to
// eight words and given to the catalog's Normalize; a window counts when
// it is confident and plainly about a credential (an exam code, a cue, an
// acronym, or a seed certification's alias of two or more words). A
// catalog group's aliases ("Java certification", "OCA or OCP", "Spark
// certification") name the group; a named certification beats them. An
// abbreviation is read in its context: "HDPCD" with Spark nearest is
// hdpcd-spark, and a short lead ("HDPCD.") takes the group its next
// sentence expands it to; a bare "OCP" or "OCA" is the Java one only in a
// Java context and never beside OpenShift, Kubernetes or a cloud.
// Alternatives joined by "or" or '/' are one finding.
//
// # Skills, years, pay
//
// Skills come from a built-in list and the caller's own names. A list
// joined by "or", introduced by "such as", "e.g." or "including", or in
// parentheses is one finding whose names are alternatives ("MySQL,
// Oracle, or SQL Server"). Years come from "5+ years", "at least five
// years", "minimum of 3 years", "3-5 years" (3). Pay is the largest
// figure of a sentence about pay that is not an average or an hourly
// rate.
//
// [Language] tells English from other languages by their function
// words, so that a caller can say nothing was found rather than guess.
//
// Reading is linear in the text's length: a run of more than 120 words
// without a sentence end is cut into pieces, markers are found once per
// sentence, and only credential-like runs of words reach Normalize.
//
// A [Finder] is safe for concurrent use:
//
//	f := jobtext.For(nil) // the built-in catalog
//	for _, fd := range f.Find(jobtext.Parse(posting), nil) {
//		fmt.Println(fd.Kind, fd.IDs, fd.Strength, fd.Scope, fd.Source)
//	}
package jobtext
