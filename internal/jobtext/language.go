package jobtext

import (
	"strings"

	"github.com/certmatch/certmatch/internal/words"
)

// Function words of the languages postings come in. A text is read only
// when it is English: words of another language are not guessed at.
var functionWords = map[string]map[string]bool{
	"English":    wordSet(`the and of to with for in you we our is are will be your an a on as or this that have`),
	"French":     wordSet(`le la les des du de et vous nous un une est pour avec dans sur votre notre au aux ou en être`),
	"German":     wordSet(`der die das und mit für sie wir ist ein eine zu den von im auf bei oder nicht ihre unsere`),
	"Spanish":    wordSet(`el la los las y de del para con en que es un una por su nuestro tu o se`),
	"Italian":    wordSet(`il lo la gli le e di del della per con che è un una nel su o sono tua nostra`),
	"Portuguese": wordSet(`o a os as e de do da para com em que é um uma no na por sua nossa ou`),
	"Dutch":      wordSet(`de het een en van met voor je wij we is zijn op in te bij of onze jouw`),
	"Greek":      wordSet(`και το τη την της του των με για σε από είναι ένα μια στο στην οι`),
}

// languageOf gives, for a function word, the languages it belongs to.
var languageOf = func() map[string][]string {
	m := map[string][]string{}
	for lang, set := range functionWords {
		for w := range set {
			m[w] = append(m[w], lang)
		}
	}
	return m
}()

// Bounds of the language check: it needs minLanguageWords function words
// to judge, and reads no more than maxLanguageWords.
const (
	minLanguageWords = 8
	maxLanguageWords = 2000
)

// Language names the language a document reads as: "English", another
// language whose function words outnumber English ones by two to one,
// or "" when there are too few words to tell (taken as English).
func Language(d Document) string {
	counts := map[string]int{}
	total := 0
	for _, b := range d.Blocks {
		text := strings.ToLower(b.Text)
		for start, end := words.Next(text, 0); start >= 0 && total < maxLanguageWords; start, end = words.Next(text, end) {
			if langs := languageOf[text[start:end]]; len(langs) > 0 {
				total++
				for _, l := range langs {
					counts[l]++
				}
			}
		}
	}
	if total < minLanguageWords {
		return ""
	}
	best, n := "English", counts["English"]
	for lang, c := range counts {
		if lang != "English" && c > 2*counts["English"] && c > n {
			best, n = lang, c
		}
	}
	return best
}
