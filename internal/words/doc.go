// Package words splits text into words. It is the one splitter behind the
// certification normaliser (scoring) and the job-text reader
// (internal/jobtext), so both agree on what a word is.
//
// A word is a run of letters and digits, in any script. A dot with a
// letter or digit on both sides stays inside the word, so versions
// ("1.4", "v2.4"), exam codes ("2V0-72.22" gives "2V0" and "72.22") and
// names such as "Node.js" stay whole; every other rune separates words.
// Callers that care about the separators (commas, colons, '+' after "5")
// read them from the text between two words.
//
// Next allocates nothing and is safe for concurrent use:
//
//	for start, end := words.Next(s, 0); start >= 0; start, end = words.Next(s, end) {
//		fmt.Println(s[start:end])
//	}
package words
