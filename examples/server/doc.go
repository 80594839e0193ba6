// Command server serves certmatch over HTTP: a JSON API for staffing tools
// and applicant tracking systems written in any language, and a page for
// recruiters, over one engine.
//
//	go run ./examples/server [--addr 127.0.0.1:8080] [--index DIR | --nats URL --shards M [--stream NAME]] [--roles DIR] [--tokens FILE] [--now YYYY-MM-DD]
//
// The engine is in memory unless --index names an on-disk index. With
// --nats the server is the coordinator of a cluster (match/cluster) of M
// shards run by "certmatch shard": writes go to the cluster's stream and
// every read waits for the shards to apply them, so the API answers as it
// does over one engine; GET /v1/facets is then a 501 not-implemented
// problem (a rank request with "facets": true counts over the cluster).
// Saved
// roles are JSON files in --roles (by default the index folder's path with
// ".roles" added; in memory without --index), written atomically.
//
// The API (described by the OpenAPI 3.1 document served at
// /v1/openapi.json, which a test checks against the route table):
//
//	PUT/GET/DELETE /v1/candidates/{id}    one candidate (native JSON)
//	POST /v1/candidates:import            any input format, streamed; the import report
//	GET  /v1/candidates/{id}/explain?role=ID
//	GET  /v1/candidates/{id}/roles        the saved roles, best first
//	GET  /v1/roles, PUT/GET/DELETE /v1/roles/{id}
//	POST /v1/roles:fromJob                a job posting read as a role
//	POST /v1/rank                         {"role": ROLE} or {"role_id": ID}, top, offset, ineligible, text, filters, facets
//	GET  /v1/facets[?role=ID]
//	POST /v1/normalize                    {"texts": [...]}
//	GET  /healthz, /metrics (Prometheus text format), / (the page)
//
// Every error is an RFC 9457 problem details object
// (application/problem+json) whose record and field members name the
// candidate or role and the JSON path, query or path parameter at fault;
// it never quotes a personal field. Request bodies are strictly decoded
// (unknown fields are errors) and bounded (--max-body, --max-import).
//
// Authentication: a tokens file holds lines "TOKEN ro" or "TOKEN rw".
// With one, every /v1 request and /metrics need "Authorization: Bearer
// TOKEN" (compared in constant time): read-only tokens read, rank, explain
// and normalise; read-write tokens also PUT, DELETE and import. The server
// refuses to listen beyond loopback without a tokens file.
//
// Operations: the access log (slog, JSON on stderr) has the method, route
// pattern, status, duration and response size of each request, never its
// path, query or body. On SIGINT or SIGTERM the server stops listening,
// lets requests in flight finish (imports included, up to
// --shutdown-timeout) and closes the index.
//
// The handlers are safe for concurrent use, as the engine is.
package main
