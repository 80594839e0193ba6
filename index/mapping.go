package index

import (
	"encoding/json"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/mapping"

	"github.com/certmatch/certmatch/scoring"
)

// MappingVersion identifies the bleve mapping below. An on-disk index made
// with another version is refused by Open.
const MappingVersion = "certmatch-1"

// Field names of the bleve documents.
const (
	FieldCerts        = "certs"         // keyword: canonical ids held and the ids they imply
	FieldCertVersions = "cert_versions" // keyword: "ocpjp:11" for every held id with a version
	FieldIssued       = "issued"        // datetime: issue dates of held credentials
	FieldExpires      = "expires"       // datetime: explicit expiry dates
	FieldSkills       = "skills"        // keyword: skill keys (scoring.SkillKey)
	FieldSkillsText   = "skills_text"   // text (English): skills as written
	FieldSummary      = "summary"       // text (English)
	FieldYears        = "years"         // numeric
	FieldLocation     = "location"      // keyword: scoring.Place.Key
	FieldRaw          = "raw"           // stored only: the candidate's JSON
)

const docType = "candidate"

// doc is the bleve document of a candidate.
type doc struct {
	Certs        []string    `json:"certs"`
	CertVersions []string    `json:"cert_versions"`
	Issued       []time.Time `json:"issued"`
	Expires      []time.Time `json:"expires"`
	Skills       []string    `json:"skills"`
	SkillsText   string      `json:"skills_text"`
	Summary      string      `json:"summary"`
	Years        float64     `json:"years"`
	Location     string      `json:"location"`
	Raw          string      `json:"raw"`
}

// BleveType makes bleve map every doc with the candidate mapping.
func (doc) BleveType() string { return docType }

// newMapping is the explicit mapping: nothing is indexed or stored that is
// not listed; only the raw JSON is stored.
func newMapping() mapping.IndexMapping {
	kw := func() *mapping.FieldMapping {
		f := bleve.NewKeywordFieldMapping()
		f.Store = false
		f.IncludeInAll = false
		f.IncludeTermVectors = false
		return f
	}
	text := func() *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Analyzer = en.AnalyzerName
		f.Store = false
		f.IncludeInAll = false
		f.IncludeTermVectors = false
		f.DocValues = false
		return f
	}
	num := bleve.NewNumericFieldMapping()
	num.Store, num.IncludeInAll = false, false
	date := bleve.NewDateTimeFieldMapping()
	date.Store, date.IncludeInAll = false, false
	raw := bleve.NewTextFieldMapping()
	raw.Analyzer = keyword.Name
	raw.Index, raw.Store, raw.DocValues, raw.IncludeInAll, raw.IncludeTermVectors = false, true, false, false, false

	dm := bleve.NewDocumentStaticMapping()
	dm.AddFieldMappingsAt(FieldCerts, kw())
	dm.AddFieldMappingsAt(FieldCertVersions, kw())
	dm.AddFieldMappingsAt(FieldIssued, date)
	dm.AddFieldMappingsAt(FieldExpires, date)
	dm.AddFieldMappingsAt(FieldSkills, kw())
	dm.AddFieldMappingsAt(FieldSkillsText, text())
	dm.AddFieldMappingsAt(FieldSummary, text())
	dm.AddFieldMappingsAt(FieldYears, num)
	dm.AddFieldMappingsAt(FieldLocation, kw())
	dm.AddFieldMappingsAt(FieldRaw, raw)

	im := bleve.NewIndexMapping()
	im.AddDocumentMapping(docType, dm)
	im.DefaultMapping = bleve.NewDocumentDisabledMapping()
	im.DefaultAnalyzer = en.AnalyzerName
	im.StoreDynamic = false
	im.IndexDynamic = false
	im.DocValuesDynamic = false
	return im
}

// toDoc builds the bleve document of c from its profile.
func toDoc(sc *scoring.Scorer, c *scoring.Candidate, p *scoring.Profile) (doc, error) {
	raw, err := json.Marshal(c)
	if err != nil {
		return doc{}, err
	}
	d := doc{Summary: c.Summary, Years: c.YearsExperience, Location: p.Location(), Raw: string(raw)}
	d.Certs = certTerms(sc.Catalog(), p)
	for id := range p.Skills() {
		d.Skills = append(d.Skills, sc.Vocab().Key(id))
	}
	for h := range p.Certs() {
		cr := c.Certifications[h.Index]
		if h.Version != "" {
			d.CertVersions = append(d.CertVersions, h.ID+":"+h.Version)
		}
		if !cr.Date.IsZero() {
			d.Issued = append(d.Issued, cr.Date.First())
		}
		if !cr.Expires.IsZero() {
			d.Expires = append(d.Expires, cr.Expires.Last())
		}
	}
	d.SkillsText = strings.Join(c.Skills, " ")
	return d, nil
}

// certTerms lists the ids a profile holds and the ids they imply, once each.
func certTerms(cat *scoring.Catalog, p *scoring.Profile) []string {
	var out []string
	seen := map[string]bool{}
	add := func(id string) {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	for h := range p.Certs() {
		add(h.ID)
		for im := range cat.Implies(h.ID) {
			add(im.ID)
		}
	}
	return out
}

// Mapping returns the index's explicit bleve mapping, for tools that build
// or inspect bleve indexes of their own with the same fields.
func Mapping() mapping.IndexMapping { return newMapping() }

// Document returns the bleve document the index stores for a candidate.
func Document(sc *scoring.Scorer, c *scoring.Candidate) (any, error) {
	p := sc.Profile(c)
	return toDoc(sc, c, &p)
}
