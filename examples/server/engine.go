package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"os"
	"time"

	"github.com/certmatch/certmatch/index"
	"github.com/certmatch/certmatch/match"
	"github.com/certmatch/certmatch/match/cluster"
	"github.com/certmatch/certmatch/match/input"
	"github.com/certmatch/certmatch/match/report"
	"github.com/certmatch/certmatch/scoring"
)

// This file holds every call the server makes into the match packages
// beyond the Engine's methods, so a change of their API lands in one
// place.

// engine is what the server calls on the candidates it serves: a
// *match.Engine, or a cluster's coordinator through clusterEngine.
type engine interface {
	Add(ctx context.Context, cands ...scoring.Candidate) (match.AddReport, error)
	Import(ctx context.Context, r io.Reader, opts match.ImportOptions) (match.ImportReport, error)
	Rank(ctx context.Context, role scoring.Role, opts match.RankOptions) (match.Ranking, error)
	Explain(ctx context.Context, id string, role scoring.Role) (scoring.Result, error)
	RolesFor(ctx context.Context, id string, roles []scoring.Role) ([]scoring.Result, error)
	Get(ctx context.Context, id string) (scoring.Candidate, error)
	Delete(ctx context.Context, ids ...string) (int, error)
	Count(ctx context.Context) (int, error)
	Close() error
}

// backend is the engine and the catalog its roles are checked against.
// local is the engine itself when it runs in this process (facets read
// its index); nil in coordinator mode.
type backend struct {
	eng   engine
	local *match.Engine
	cat   *scoring.Catalog
	now   func() time.Time
}

func openBackend(ctx context.Context, path string, now func() time.Time) (*backend, error) {
	eng, err := match.Open(ctx, match.Options{Path: path, Now: now})
	if err != nil {
		return nil, err
	}
	return &backend{eng: eng, local: eng, cat: eng.Catalog(), now: now}, nil
}

// openClusterBackend opens a coordinator over the shards of a cluster.
// Every read waits for the shards to apply the coordinator's own writes,
// so the API answers as it does over one engine.
func openClusterBackend(ctx context.Context, url string, cfg cluster.Config, now func() time.Time) (*backend, error) {
	c, err := cluster.Open(ctx, cluster.Options{URL: url, Config: cfg, Now: now, ReadYourWrites: true})
	if err != nil {
		return nil, err
	}
	return &backend{eng: clusterEngine{c}, cat: scoring.DefaultCatalog(), now: now}, nil
}

// clusterEngine gives a coordinator the Engine's write signatures: the
// cluster's reports without their tokens (the coordinator keeps them for
// read-your-writes).
type clusterEngine struct{ *cluster.Coordinator }

func (c clusterEngine) Add(ctx context.Context, cands ...scoring.Candidate) (match.AddReport, error) {
	rep, err := c.Coordinator.Add(ctx, cands...)
	return rep.AddReport, err
}

func (c clusterEngine) Import(ctx context.Context, r io.Reader, opts match.ImportOptions) (match.ImportReport, error) {
	rep, err := c.Coordinator.Import(ctx, r, opts)
	return rep.ImportReport, err
}

// Delete removes the candidates and returns how many were stored, as
// Engine.Delete does: the ids a Get finds are counted before the removal
// is published.
func (c clusterEngine) Delete(ctx context.Context, ids ...string) (int, error) {
	n := 0
	for _, id := range ids {
		_, err := c.Coordinator.Get(ctx, id)
		switch {
		case err == nil:
			n++
		case !errors.Is(err, match.ErrUnknownCandidate):
			return 0, err
		}
	}
	if n == 0 {
		return 0, nil
	}
	if _, err := c.Coordinator.Delete(ctx, ids...); err != nil {
		return 0, err
	}
	return n, nil
}

// ioFailure reports whether err came from reading the request body (over
// its limit, past its deadline), which asProblem answers as 413 or 408.
func ioFailure(err error) bool {
	var mb *http.MaxBytesError
	return errors.As(err, &mb) || errors.Is(err, os.ErrDeadlineExceeded)
}

var errMoreThanOne = errors.New("more than one record")

// decodeCandidate reads one native candidate strictly: unknown fields,
// wrong types and invalid values are 422 naming the record and field.
func (b *backend) decodeCandidate(body io.Reader) (scoring.Candidate, error) {
	var recs []input.Record
	_, err := input.Decode(body, input.DecodeOptions{Format: input.FormatNative, Now: b.now}, func(rec input.Record) error {
		recs = append(recs, rec)
		if len(recs) > 1 {
			return errMoreThanOne
		}
		return nil
	})
	switch {
	case ioFailure(err):
		return scoring.Candidate{}, err
	case errors.Is(err, errMoreThanOne):
		return scoring.Candidate{}, newProblem(probInvalidInput, "send one candidate object; use /v1/candidates:import for several")
	case err != nil:
		return scoring.Candidate{}, newProblem(probMalformedJSON, "%v", err)
	case len(recs) == 0:
		return scoring.Candidate{}, newProblem(probMalformedJSON, "the body is empty")
	}
	rec := recs[0]
	if rec.Err != nil {
		return scoring.Candidate{}, recordProblem(rec.Err)
	}
	return rec.Candidate, nil
}

// recordProblem turns a rejected record into a 422 naming its record and
// field.
func recordProblem(err error) *problem {
	var re *input.RecordError
	if errors.As(err, &re) {
		msg := "rejected"
		if re.Err != nil {
			msg = re.Err.Error()
		}
		p := newProblem(probInvalidField, "%s", msg).at(re.Record, re.Field)
		return p
	}
	var fe *scoring.FieldError
	if errors.As(err, &fe) {
		return newProblem(probInvalidField, "%v", fe.Err).at(fe.Record, fe.Field)
	}
	return newProblem(probInvalidField, "%v", err)
}

// add indexes one candidate.
func (b *backend) add(ctx context.Context, c scoring.Candidate) (match.AddReport, error) {
	rep, err := b.eng.Add(ctx, c)
	if err != nil {
		return rep, err
	}
	if len(rep.Rejected) > 0 {
		return rep, recordProblem(rep.Rejected[0])
	}
	return rep, nil
}

// importFormat maps an import's media type (and ?format=) to the format
// Import reads; "" recognises it by content.
func importFormat(mt, query string) (input.Format, error) {
	switch query {
	case "":
	case string(input.FormatNative), string(input.FormatJSONResume), string(input.FormatCSV):
		return input.Format(query), nil
	default:
		return "", newProblem(probInvalidQuery, "format is native, jsonresume or csv").at("", "format")
	}
	if mt == "text/csv" {
		return input.FormatCSV, nil
	}
	return input.FormatAuto, nil
}

// importStream streams candidates from body into the engine.
func (b *backend) importStream(ctx context.Context, body io.Reader, format input.Format) (match.ImportReport, error) {
	rep, err := b.eng.Import(ctx, body, match.ImportOptions{Format: format})
	switch {
	case err == nil:
		return rep, nil
	case ioFailure(err):
		p := asProblem(err)
		p.Import = &rep
		return rep, p
	case errors.Is(err, input.ErrUnknownFormat):
		p := newProblem(probInvalidInput, "%v", err)
		p.Import = &rep
		return rep, p
	case ctx.Err() != nil:
		return rep, err
	}
	// The input as a whole could not be read (malformed JSON outside JSON
	// Lines, a bad CSV header): say where, with what was done before.
	p := newProblem(probInvalidInput, "%v", err)
	p.Import = &rep
	return rep, p
}

// loadRole reads a native role strictly. field prefixes the problem's
// field ("role." inside a rank request).
func (b *backend) loadRole(data []byte, prefix string) (scoring.Role, error) {
	role, err := input.LoadRole(bytes.NewReader(data), b.cat)
	if err != nil {
		return role, roleProblem(err, prefix)
	}
	return role, nil
}

// roleProblem turns a *input.RoleError into a 400 (unreadable) or 422
// (naming the field).
func roleProblem(err error, prefix string) error {
	if ioFailure(err) {
		return err
	}
	var re *input.RoleError
	if !errors.As(err, &re) {
		return newProblem(probInvalidField, "%v", err)
	}
	switch {
	case re.Field != "":
		return newProblem(probInvalidField, "%v", re.Err).at(re.Role, prefix+re.Field)
	case prefix != "":
		return newProblem(probInvalidField, "%v", re.Err).at(re.Role, trimDot(prefix))
	}
	return newProblem(probMalformedJSON, "%v", re.Err).at(re.Role, "")
}

func trimDot(s string) string {
	if n := len(s); n > 0 && s[n-1] == '.' {
		return s[:n-1]
	}
	return s
}

// jobRole is a role read from a job posting. The role names what each
// requirement, skill and min_years was read from (source, skill_sources,
// min_years_source), for a recruiter to review before saving it.
type jobRole struct {
	Role scoring.Role `json:"role"`
}

// postingTypes are the media types of a job posting besides JSON: the
// text, Markdown or HTML of a posting as a recruiter pastes it.
var postingTypes = map[string]bool{"text/plain": true, "text/markdown": true, "text/x-markdown": true, "text/html": true}

// roleFromJob reads a job posting into a role: a JSON Resume job, or a
// posting's text, Markdown or HTML (the reader tells them by content).
func (b *backend) roleFromJob(data []byte, mt string) (jobRole, error) {
	if !isJSONType(mt) && !postingTypes[mt] {
		return jobRole{}, newProblem(probMediaType, "send a JSON Resume job as application/json or a posting as text/plain, text/markdown or text/html, not %q", orNone(mt))
	}
	role, err := input.RoleFromJob(bytes.NewReader(data), b.cat)
	var re *input.RoleError
	switch {
	case err == nil:
		return jobRole{Role: role}, nil
	case errors.Is(err, input.ErrNothingFound):
		// No role came of it, so there is no record to name.
		return jobRole{}, newProblem(probNothingFound, "%v", errors.Unwrap(err))
	case errors.As(err, &re) && re.Field == "" && !isJSONType(mt):
		return jobRole{}, newProblem(probInvalidInput, "%v", re.Err).at(re.Role, "")
	}
	return jobRole{}, roleProblem(err, "")
}

// rankOptions turns a rank request's options into the engine's.
func rankOptions(q rankRequest) match.RankOptions {
	opts := match.RankOptions{Top: q.Top, Offset: q.Offset, IncludeIneligible: q.Ineligible, Query: q.Text, Facets: q.Facets}
	if f := q.Filters; f != nil {
		// The names of match.FilterNames, as the decision log writes them.
		opts.Filters = index.Filters{Locations: f.Locations, Skills: f.Skills, Certifications: f.Certifications}
	}
	return opts
}

// rank ranks the candidates against a role.
func (b *backend) rank(ctx context.Context, role scoring.Role, q rankRequest) (match.Ranking, error) {
	r, err := b.eng.Rank(ctx, role, rankOptions(q))
	if errors.Is(err, match.ErrOptions) {
		return r, newProblem(probInvalidField, "%v", err).at(role.ID, "top")
	}
	return r, err
}

// facetsResponse is the answer of GET /v1/facets.
type facetsResponse struct {
	Total  uint64       `json:"total"`
	Facets index.Facets `json:"facets"`
}

// facets counts terms over every candidate, or over those who can be
// eligible for role when it is not nil.
func (b *backend) facets(ctx context.Context, role *scoring.Role) (facetsResponse, error) {
	if b.local == nil {
		return facetsResponse{}, newProblem(probNotImplemented, "facets are not counted over a cluster; ask for them in a rank request (\"facets\": true)")
	}
	var sel index.Selection
	if role != nil {
		plan, err := b.local.Scorer().Compile(*role)
		if err != nil {
			return facetsResponse{}, err
		}
		sel = index.ForPlan(plan)
	}
	res, err := b.local.Index().Search(ctx, index.SearchRequest{Selection: sel, Limit: 1, Facets: true})
	if err != nil {
		return facetsResponse{}, err
	}
	return facetsResponse{Total: res.Total, Facets: res.Facets}, nil
}

// normalize normalises one certification title, with the fields of the
// tool's normalize command.
func (b *backend) normalize(text string) report.Normalized {
	return report.Normalize(b.cat, text)
}
