package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"

	"github.com/certmatch/certmatch/match"
	"github.com/certmatch/certmatch/match/report"
	"github.com/certmatch/certmatch/scoring"
)

// routeTable lists every route: the mux, the OpenAPI document's test and
// the access checks all read it.
func (s *server) routeTable() []route {
	return []route{
		{method: "GET", path: "/healthz", access: public, handle: s.healthz, response: health{}},
		{method: "GET", path: "/metrics", access: readAccess, handle: s.metricsText},
		{method: "GET", path: "/v1/openapi.json", access: public, handle: serveOpenAPI},
		{method: "GET", path: "/{$}", access: public, handle: s.page},
		{method: "GET", path: "/assets/{name}", access: public, handle: serveAsset},

		{method: "PUT", path: "/v1/candidates/{id}", access: writeAccess, handle: s.putCandidate, request: scoring.Candidate{}, response: putCandidateResponse{}},
		{method: "GET", path: "/v1/candidates/{id}", access: readAccess, handle: s.getCandidate, response: scoring.Candidate{}},
		{method: "DELETE", path: "/v1/candidates/{id}", access: writeAccess, handle: s.deleteCandidate},
		{method: "POST", path: "/v1/candidates:import", access: writeAccess, handle: s.importCandidates, long: true, response: match.ImportReport{}},
		{method: "GET", path: "/v1/candidates/{id}/explain", access: readAccess, handle: s.explain, response: scoring.Result{}},
		{method: "GET", path: "/v1/candidates/{id}/roles", access: readAccess, handle: s.candidateRoles, response: candidateRolesResponse{}},

		{method: "GET", path: "/v1/roles", access: readAccess, handle: s.listRoles, response: rolesResponse{}},
		{method: "PUT", path: "/v1/roles/{id}", access: writeAccess, handle: s.putRole, request: scoring.Role{}, response: scoring.Role{}},
		{method: "GET", path: "/v1/roles/{id}", access: readAccess, handle: s.getRole, response: scoring.Role{}},
		{method: "DELETE", path: "/v1/roles/{id}", access: writeAccess, handle: s.deleteRole},
		{method: "POST", path: "/v1/roles:fromJob", access: readAccess, handle: s.roleFromJob, response: jobRole{}},

		{method: "POST", path: "/v1/rank", access: readAccess, handle: s.rank, request: rankRequest{}, response: match.Ranking{}},
		{method: "GET", path: "/v1/facets", access: readAccess, handle: s.facets, response: facetsResponse{}},
		{method: "POST", path: "/v1/normalize", access: readAccess, handle: s.normalize, request: normalizeRequest{}, response: normalizeResponse{}},
	}
}

// health is the answer of /healthz.
type health struct {
	Status string `json:"status"`
}

func (s *server) healthz(w http.ResponseWriter, r *http.Request) error {
	return writeJSON(w, http.StatusOK, health{Status: "ok"})
}

func (s *server) metricsText(w http.ResponseWriter, r *http.Request) error {
	n, err := s.b.eng.Count(r.Context())
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	return s.metrics.write(w, []gauge{
		{"certmatch_candidates", "Candidates in the index.", float64(n)},
		{"certmatch_saved_roles", "Saved roles.", float64(s.roles.count())},
	})
}

// candidateID is the {id} of the path, vetted.
func candidateID(r *http.Request) (string, error) {
	id := r.PathValue("id")
	return id, checkCandidateID(id)
}

// putCandidateResponse is the answer of PUT /v1/candidates/{id}: no
// personal field is echoed.
type putCandidateResponse struct {
	ID      string `json:"id"`
	Created bool   `json:"created"`
	// Unresolved lists the credentials the catalog could not place; they
	// are kept as written and count for nothing.
	Unresolved []match.UnresolvedCert `json:"unresolved,omitempty"`
}

func (s *server) putCandidate(w http.ResponseWriter, r *http.Request) error {
	id, err := candidateID(r)
	if err != nil {
		return err
	}
	if err := requireJSON(r); err != nil {
		return err
	}
	data, err := readBody(r)
	if err != nil {
		return err
	}
	c, err := s.b.decodeCandidate(bytes.NewReader(withID(data, id)))
	if err != nil {
		return err
	}
	if c.ID != id {
		return newProblem(probInvalidField, "the body's id is not the id of the path").at(id, "id")
	}
	ctx := r.Context()
	_, err = s.b.eng.Get(ctx, id)
	created := errors.Is(err, match.ErrUnknownCandidate)
	if err != nil && !created {
		return err
	}
	rep, err := s.b.add(ctx, c)
	if err != nil {
		return err
	}
	status := http.StatusOK
	if created {
		status = http.StatusCreated
		w.Header().Set("Location", "/v1/candidates/"+url.PathEscape(id))
	}
	return writeJSON(w, status, putCandidateResponse{ID: id, Created: created, Unresolved: rep.Unresolved})
}

func (s *server) getCandidate(w http.ResponseWriter, r *http.Request) error {
	id, err := candidateID(r)
	if err != nil {
		return err
	}
	c, err := s.b.eng.Get(r.Context(), id)
	if err != nil {
		return notFound(err, id)
	}
	return writeJSON(w, http.StatusOK, c)
}

// notFound names the record of an unknown candidate.
func notFound(err error, id string) error {
	if errors.Is(err, match.ErrUnknownCandidate) {
		return newProblem(probNotFound, "no candidate with this id").at(id, "id")
	}
	return err
}

func (s *server) deleteCandidate(w http.ResponseWriter, r *http.Request) error {
	id, err := candidateID(r)
	if err != nil {
		return err
	}
	n, err := s.b.eng.Delete(r.Context(), id)
	if err != nil {
		return err
	}
	if n == 0 {
		return newProblem(probNotFound, "no candidate with this id").at(id, "id")
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// importCandidates streams the body into the engine. The format is
// recognised by content unless ?format= or a text/csv body names it.
func (s *server) importCandidates(w http.ResponseWriter, r *http.Request) error {
	mt := mediaType(r)
	if mt == "multipart/form-data" || mt == "application/x-www-form-urlencoded" {
		return newProblem(probMediaType, "send the file itself as the body, not %q", mt)
	}
	format, err := importFormat(mt, r.URL.Query().Get("format"))
	if err != nil {
		return err
	}
	// The import runs to its end once its body has arrived, even when the
	// server is shutting down: only the client going away stops it.
	rep, err := s.b.importStream(r.Context(), r.Body, format)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, rep)
}

// roleParam reads the saved role a query parameter names.
func (s *server) roleParam(r *http.Request, name string, needed bool) (*scoring.Role, error) {
	id := r.URL.Query().Get(name)
	if id == "" {
		if needed {
			return nil, newProblem(probInvalidQuery, "name a saved role with ?%s=ID", name).at("", name)
		}
		return nil, nil
	}
	if err := checkRoleID(id, name); err != nil {
		return nil, err
	}
	role, ok := s.roles.get(id)
	if !ok {
		return nil, newProblem(probNotFound, "no saved role with this id").at(id, name)
	}
	return &role, nil
}

func (s *server) explain(w http.ResponseWriter, r *http.Request) error {
	id, err := candidateID(r)
	if err != nil {
		return err
	}
	role, err := s.roleParam(r, "role", true)
	if err != nil {
		return err
	}
	res, err := s.b.eng.Explain(r.Context(), id, *role)
	if err != nil {
		return notFound(err, id)
	}
	return writeJSON(w, http.StatusOK, res)
}

// candidateRolesResponse is a candidate's saved roles, best first.
type candidateRolesResponse struct {
	CandidateID string           `json:"candidate_id"`
	Results     []scoring.Result `json:"results"`
}

func (s *server) candidateRoles(w http.ResponseWriter, r *http.Request) error {
	id, err := candidateID(r)
	if err != nil {
		return err
	}
	res, err := s.b.eng.RolesFor(r.Context(), id, s.roles.list())
	if err != nil {
		return notFound(err, id)
	}
	if res == nil {
		res = []scoring.Result{}
	}
	return writeJSON(w, http.StatusOK, candidateRolesResponse{CandidateID: id, Results: res})
}

// rolesResponse lists the saved roles.
type rolesResponse struct {
	Roles []scoring.Role `json:"roles"`
}

func (s *server) listRoles(w http.ResponseWriter, r *http.Request) error {
	return writeJSON(w, http.StatusOK, rolesResponse{Roles: s.roles.list()})
}

func (s *server) putRole(w http.ResponseWriter, r *http.Request) error {
	id := r.PathValue("id")
	if err := checkRoleID(id, "id"); err != nil {
		return err
	}
	if err := requireJSON(r); err != nil {
		return err
	}
	data, err := readBody(r)
	if err != nil {
		return err
	}
	role, err := s.b.loadRole(withID(data, id), "")
	if err != nil {
		return err
	}
	if role.ID != id {
		return newProblem(probInvalidField, "the body's id is not the id of the path").at(id, "id")
	}
	encoded, err := json.MarshalIndent(role, "", "  ")
	if err != nil {
		return err
	}
	created, err := s.roles.put(role, append(encoded, '\n'))
	if err != nil {
		return err
	}
	status := http.StatusOK
	if created {
		status = http.StatusCreated
		w.Header().Set("Location", "/v1/roles/"+id)
	}
	return writeJSON(w, status, role)
}

// withID gives a body without an id the id of the path, so `PUT
// /v1/roles/x` with a role that leaves it out saves role x.
func withID(data []byte, id string) []byte {
	var fields map[string]json.RawMessage
	if json.Unmarshal(data, &fields) != nil || fields == nil {
		return data // the decoder will say what is wrong
	}
	if v, ok := fields["id"]; ok && string(v) != `""` && string(v) != "null" {
		return data
	}
	quoted, err := json.Marshal(id)
	if err != nil {
		return data
	}
	fields["id"] = quoted
	out, err := json.Marshal(fields)
	if err != nil {
		return data
	}
	return out
}

func (s *server) getRole(w http.ResponseWriter, r *http.Request) error {
	id := r.PathValue("id")
	if err := checkRoleID(id, "id"); err != nil {
		return err
	}
	role, ok := s.roles.get(id)
	if !ok {
		return newProblem(probNotFound, "no saved role with this id").at(id, "id")
	}
	return writeJSON(w, http.StatusOK, role)
}

func (s *server) deleteRole(w http.ResponseWriter, r *http.Request) error {
	id := r.PathValue("id")
	if err := checkRoleID(id, "id"); err != nil {
		return err
	}
	ok, err := s.roles.remove(id)
	if err != nil {
		return err
	}
	if !ok {
		return newProblem(probNotFound, "no saved role with this id").at(id, "id")
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (s *server) roleFromJob(w http.ResponseWriter, r *http.Request) error {
	data, err := readBody(r)
	if err != nil {
		return err
	}
	jr, err := s.b.roleFromJob(data, mediaType(r))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, jr)
}

// rankRequest is the body of POST /v1/rank: a role given whole or by the
// id of a saved one, and the rank options under the names the decision
// log (match.DecisionOptions) gives them, and facets.
type rankRequest struct {
	Role   json.RawMessage `json:"role,omitempty"`
	RoleID string          `json:"role_id,omitempty"`
	// Top is the page size (0: the default, 20); Offset the results
	// skipped.
	Top    int `json:"top,omitempty"`
	Offset int `json:"offset,omitempty"`
	// Ineligible ranks ineligible candidates after the eligible ones,
	// nearest to eligible first.
	Ineligible bool `json:"ineligible,omitempty"`
	// Text is free text over summaries and skills; it filters, it does
	// not score.
	Text    string             `json:"text,omitempty"`
	Filters *match.FilterNames `json:"filters,omitempty"`
	// Facets asks for term counts over every ranked candidate.
	Facets bool `json:"facets,omitempty"`
}

// maxTop bounds a rank page.
const maxTop = 1000

func (s *server) rank(w http.ResponseWriter, r *http.Request) error {
	var q rankRequest
	if err := decodeJSON(r, &q); err != nil {
		return err
	}
	role, err := s.requestRole(q)
	if err != nil {
		return err
	}
	switch {
	case q.Top < 0 || q.Top > maxTop:
		return newProblem(probInvalidField, "top is between 0 and %d", maxTop).at(role.ID, "top")
	case q.Offset < 0:
		return newProblem(probInvalidField, "offset is not negative").at(role.ID, "offset")
	}
	ranking, err := s.b.rank(r.Context(), role, q)
	if err != nil {
		return err
	}
	if ranking.Results == nil {
		ranking.Results = []match.Ranked{}
	}
	return writeJSON(w, http.StatusOK, ranking)
}

// requestRole is the role of a rank request: given whole or saved.
func (s *server) requestRole(q rankRequest) (scoring.Role, error) {
	hasRole := len(q.Role) > 0 && string(q.Role) != "null"
	switch {
	case hasRole && q.RoleID != "":
		return scoring.Role{}, newProblem(probInvalidField, "give role or role_id, not both").at("", "role_id")
	case hasRole:
		return s.b.loadRole(q.Role, "role.")
	case q.RoleID != "":
		if err := checkRoleID(q.RoleID, "role_id"); err != nil {
			return scoring.Role{}, err
		}
		role, ok := s.roles.get(q.RoleID)
		if !ok {
			return scoring.Role{}, newProblem(probNotFound, "no saved role with this id").at(q.RoleID, "role_id")
		}
		return role, nil
	}
	return scoring.Role{}, newProblem(probInvalidField, "give a role or the role_id of a saved one").at("", "role")
}

func (s *server) facets(w http.ResponseWriter, r *http.Request) error {
	role, err := s.roleParam(r, "role", false)
	if err != nil {
		return err
	}
	res, err := s.b.facets(r.Context(), role)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, res)
}

// normalizeRequest is the body of POST /v1/normalize.
type normalizeRequest struct {
	Texts []string `json:"texts"`
}

// normalizeResponse holds one result per text, in order.
type normalizeResponse struct {
	Results []report.Normalized `json:"results"`
}

// maxNormalize bounds the texts of one normalize request.
const maxNormalize = 1000

func (s *server) normalize(w http.ResponseWriter, r *http.Request) error {
	var q normalizeRequest
	if err := decodeJSON(r, &q); err != nil {
		return err
	}
	if len(q.Texts) > maxNormalize {
		return newProblem(probInvalidField, "at most %d texts", maxNormalize).at("", "texts")
	}
	out := normalizeResponse{Results: make([]report.Normalized, len(q.Texts))}
	for i, t := range q.Texts {
		out.Results[i] = s.b.normalize(t)
	}
	return writeJSON(w, http.StatusOK, out)
}
