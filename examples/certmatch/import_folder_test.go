package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/certmatch/certmatch/internal/doctext/doctexttest"
)

// writeFiles writes files (name to content) under dir.
func writeFiles(t *testing.T, dir string, files map[string][]byte) {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestImportFolder imports a folder of resumes as an applicant tracking
// system exports them: documents, a JSON Resume, a LinkedIn export folder,
// and files that are no resume. Every readable file is a candidate; each
// bad one is one error naming the file; the summary lists the names not
// recognised, most frequent first.
func TestImportFolder(t *testing.T) {
	dir := t.TempDir()
	txt, err := os.ReadFile("../../testdata/resumes/ann-lee.txt")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(txt)), "\n")
	export := map[string][]byte{}
	for _, f := range []string{"Profile.csv", "Positions.csv", "Skills.csv", "Certifications.csv"} {
		data, err := os.ReadFile(filepath.Join("../../testdata/resumes/linkedin-export", f))
		if err != nil {
			t.Fatal(err)
		}
		export["linkedin/"+f] = data
	}
	files := map[string][]byte{
		"ann.pdf":           doctexttest.PDF([][]string{lines}),
		"ann-copy.docx":     doctexttest.DOCX(lines),
		"bob.md":            []byte("# Bob Roe\n\n## Certifications\n\n- PMP (2019)\n- Scrum Master, 2020\n"),
		"cara.txt":          []byte("Cara Diaz\n\nCertifications\nPMP\n"),
		"dan.json":          []byte(`{"basics":{"name":"Dan","email":"dan@example.org"},"work":[{"startDate":"Feb 2020","endDate":"Present","highlights":["Built Kafka pipelines"]}]}`),
		"scan.pdf":          doctexttest.ImagePDF(),
		"locked.pdf":        doctexttest.EncryptedPDF(),
		"photo.png":         []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00"),
		".DS_Store":         []byte("\x00\x01junk"),
		"sub/deeper.txt":    []byte("Eve Fox\nSkills: Java, Spring\n"),
		"sub/.hidden/x.txt": []byte("not read"),
	}
	for k, v := range export {
		files[k] = v
	}
	writeFiles(t, dir, files)

	ix := filepath.Join(t.TempDir(), "index")
	// ann.pdf, ann-copy.docx, bob.md, cara.txt, dan.json, the export and
	// sub/deeper.txt import; scan.pdf and locked.pdf are rejected
	// records; photo.png is a file that could not be read, so the command
	// says so and exits 1, every other file imported.
	r := runTool(t, "", "import", "--index", ix, dir, "--now", "2026-06-01")
	if r.code != 1 || !strings.Contains(r.stderr, "1 of 10 files could not be read to their end") {
		t.Fatalf("exit %d, stderr:\n%s\nwant 1 and one file not read", r.code, r.stderr)
	}
	wantSummary := "\nread 9, imported 7, rejected 2, "
	if !strings.Contains(r.stdout, wantSummary) {
		t.Errorf("summary %q, want it to hold %q", r.stdout, wantSummary)
	}
	for _, want := range []string{
		filepath.Join(dir, "linkedin") + ": linkedin, read 1, imported 1, rejected 0\n",
		filepath.Join(dir, "scan.pdf") + ": document, read 1, imported 0, rejected 1\n",
		filepath.Join(dir, "photo.png") + ": not read",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("summary %q does not say %q", r.stdout, want)
		}
	}
	if want := "certifications not recognised, most frequent (2 of 2 names):\n     2  PMP\n     1  Scrum Master\n"; !strings.Contains(r.stdout, want) {
		t.Errorf("summary %q does not list %q", r.stdout, want)
	}
	for _, want := range []string{
		filepath.Join(dir, "scan.pdf") + ": rejected document: pdf: no text",
		filepath.Join(dir, "locked.pdf") + ": rejected document: pdf: encrypted",
		filepath.Join(dir, "photo.png") + ": unknown input format: binary data",
	} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr does not say %q:\n%s", want, r.stderr)
		}
	}
	if strings.Contains(r.stderr, "x.txt") || strings.Contains(r.stderr, "DS_Store") {
		t.Errorf("hidden files were read:\n%s", r.stderr)
	}

	// The same person as PDF, DOCX and LinkedIn export is one id only when
	// the e-mail is the same: the documents share one; the export has no
	// e-mail file here, so it is its own candidate.
	rank := mustRun(t, "", "facets", "--index", ix, "--json")
	var facets struct {
		Total int `json:"total"`
	}
	if err := json.Unmarshal([]byte(rank.stdout), &facets); err != nil {
		t.Fatalf("facets: %v\n%s", err, rank.stdout)
	}
	if facets.Total != 6 {
		t.Errorf("index holds %d candidates, want 6 (ann.pdf and ann-copy.docx are one)", facets.Total)
	}
}

func TestImportFolderJSON(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string][]byte{
		"a.txt": []byte("Ann Lee\nann@example.org\nCertifications\nOracle Certified Professional, Java SE 11 Developer (2021)\nSkills: Java\n"),
	})
	r := mustRun(t, "", "import", "--index", filepath.Join(t.TempDir(), "ix"), "--json", dir)
	var rep struct {
		Imported int `json:"imported"`
		Inferred []struct {
			Fields []string `json:"fields"`
		} `json:"inferred"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
		t.Fatalf("%v\n%s", err, r.stdout)
	}
	if rep.Imported != 1 || len(rep.Inferred) != 1 {
		t.Fatalf("report %+v, want one candidate with inferred fields", rep)
	}
	if diff := cmp.Diff([]string{"name", "email", "skills", "certifications"}, rep.Inferred[0].Fields); diff != "" {
		t.Errorf("inferred fields (-want +got):\n%s", diff)
	}
}
