package report

import "github.com/certmatch/certmatch/scoring"

// Normalized is one certification title normalised, as the tool's
// normalize command prints it and the server's /v1/normalize answers: the
// text, the canonical id and version ("" when nothing matched) and the
// confidence, in this order.
type Normalized struct {
	Text       string  `json:"text"`
	ID         string  `json:"id"`
	Version    string  `json:"version"`
	Confidence float64 `json:"confidence"`
}

// Normalize normalises one title with cat. A title the catalog cannot
// place is kept with an empty id, version and the confidence the
// normaliser gave it.
func Normalize(cat *scoring.Catalog, text string) Normalized {
	res, _ := cat.Normalize(text)
	return Normalized{Text: text, ID: res.ID, Version: res.Version, Confidence: res.Confidence}
}
