package main

import (
	"bytes"
	"embed"
	"html/template"
	"net/http"
	"path"
)

//go:embed openapi.json
var openAPI []byte

//go:embed web
var web embed.FS

var pageTmpl = template.Must(template.ParseFS(web, "web/index.html"))

// pageData is what the page template shows.
type pageData struct {
	Auth      bool  // the API wants a bearer token
	PageSizes []int // the page sizes offered
	Top       int   // the one selected at first
}

// pageCSP keeps the page to its own script and style.
const pageCSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'"

func (s *server) page(w http.ResponseWriter, r *http.Request) error {
	var buf bytes.Buffer
	if err := pageTmpl.Execute(&buf, pageData{Auth: s.tokens != nil, PageSizes: []int{5, 10, 20, 50}, Top: 10}); err != nil {
		return err
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Security-Policy", pageCSP)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	w.Write(buf.Bytes())
	return nil
}

// assetTypes are the assets served and their media types.
var assetTypes = map[string]string{
	"app.js":  "text/javascript; charset=utf-8",
	"app.css": "text/css; charset=utf-8",
}

func serveAsset(w http.ResponseWriter, r *http.Request) error {
	name := r.PathValue("name")
	ct, ok := assetTypes[name]
	if !ok {
		return newProblem(probNotFound, "no such asset")
	}
	b, err := web.ReadFile(path.Join("web", name))
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", ct)
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Cache-Control", "no-cache")
	w.Write(b)
	return nil
}

func serveOpenAPI(w http.ResponseWriter, r *http.Request) error {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-cache")
	w.Write(openAPI)
	return nil
}
