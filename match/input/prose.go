package input

import (
	"github.com/certmatch/certmatch/internal/jobtext"
	"github.com/certmatch/certmatch/scoring"
)

// textFinder finds credentials and skills in resume prose with jobtext,
// the finder job postings are read with, so a resume and a posting agree
// on what a text names. A credential counts when jobtext names one catalog
// certification (a catalog group such as "a Java certification" names no
// held credential); skills are jobtext's built-in skills as written.
type textFinder struct {
	f   *jobtext.Finder
	cat *scoring.Catalog
}

func (t textFinder) certs(text string) []foundCert {
	var out []foundCert
	for _, fd := range t.f.Find(jobtext.Parse(text), nil) {
		if fd.Kind != jobtext.Certification || len(fd.IDs) != 1 {
			continue
		}
		if _, ok := t.cat.Cert(fd.IDs[0]); !ok {
			continue
		}
		out = append(out, foundCert{id: fd.IDs[0], version: fd.Version})
	}
	return out
}

func (t textFinder) skills(text string) []string { return t.f.Skills(text) }

// finderFor is the prose finder the decoders use.
func finderFor(cat *scoring.Catalog) proseFinder {
	if cat == nil {
		cat = scoring.DefaultCatalog()
	}
	return textFinder{f: jobtext.For(cat), cat: cat}
}
