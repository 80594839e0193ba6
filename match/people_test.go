package match_test

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/certmatch/certmatch/internal/doctext/doctexttest"
	"github.com/certmatch/certmatch/match"
	"github.com/certmatch/certmatch/match/input"
	"github.com/certmatch/certmatch/scoring"
)

func importOne(t *testing.T, eng *match.Engine, data []byte, opts match.ImportOptions) match.ImportReport {
	t.Helper()
	rep, err := eng.Import(context.Background(), bytes.NewReader(data), opts)
	if err != nil || rep.Imported != 1 {
		t.Fatalf("Import: imported %d, rejected %v: %v", rep.Imported, rep.Rejected, err)
	}
	return rep
}

// TestSkillFromHighlight: a skill named only in a work highlight is held:
// it scores, a text query finds it, and the explanation says where it
// was found.
func TestSkillFromHighlight(t *testing.T) {
	eng := newEngine(t)
	rep := importOne(t, eng, []byte(`{"basics":{"email":"ann@example.org","label":"Java Developer"},
		"work":[{"name":"Acme","position":"Developer","startDate":"2019-01","endDate":"Dec 2022","highlights":["Built Kafka pipelines"]}]}`), match.ImportOptions{})
	ctx := context.Background()
	role := scoring.Role{ID: "r", RequiredSkills: []string{"java"}, PreferredSkills: []string{"kafka"}}
	got, err := eng.Rank(ctx, role, match.RankOptions{Query: "kafka"})
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Results) != 1 || !got.Results[0].Eligible {
		t.Fatalf("ranking %+v, want the candidate, eligible, found by the query", got.Results)
	}
	var reason string
	for _, c := range got.Results[0].Components {
		if c.Name == scoring.CompSkills {
			reason = c.Reason
		}
	}
	for _, want := range []string{"java (resume label)", "kafka (work highlight at Developer, Acme, 2019-2022)"} {
		if !strings.Contains(reason, want) {
			t.Errorf("skills reason %q does not say %q", reason, want)
		}
	}
	if len(rep.Warnings) != 0 {
		t.Errorf("warnings %v, want none", rep.Warnings)
	}
}

// TestEqualScoresNotOrderedByPersonalField: two resumes that score alike
// are ordered by id, and the id is a keyed hash, so the order tells
// nothing of their e-mail addresses or names.
func TestEqualScoresNotOrderedByPersonalField(t *testing.T) {
	eng := newEngine(t)
	var emails []string
	for i := range 6 {
		email := fmt.Sprintf("person.%c@example.org", 'p'+i) // letters no hex digest holds
		emails = append(emails, email)
		importOne(t, eng, fmt.Appendf(nil, `{"basics":{"name":"Person %d","email":%q},"skills":[{"name":"Java"}]}`, i, email), match.ImportOptions{})
	}
	got, err := eng.Rank(context.Background(), scoring.Role{ID: "r", RequiredSkills: []string{"java"}}, match.RankOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, r := range got.Results {
		ids = append(ids, r.CandidateID)
		for _, e := range emails {
			local, _, _ := strings.Cut(e, "@")
			if strings.Contains(r.CandidateID, local) || strings.Contains(r.CandidateID, "example") {
				t.Errorf("id %q holds part of an e-mail address", r.CandidateID)
			}
		}
	}
	if len(ids) != 6 || !slices.IsSorted(ids) {
		t.Errorf("ids %v: want six, in id order", ids)
	}
}

// TestImportDocument: a resume document becomes a candidate, with the
// fields read from its text noted in the report.
func TestImportDocument(t *testing.T) {
	eng := newEngine(t)
	docx := doctexttest.DOCX([]string{
		"Ann Lee", "ann@example.org", "",
		"Certifications", "Oracle Certified Associate, Java SE 8 Programmer (2019)", "",
		"Skills", "Java, Spring Boot",
	})
	rep := importOne(t, eng, docx, match.ImportOptions{Name: "ann.docx"})
	want := []match.Inferred{{CandidateID: rep.Inferred[0].CandidateID, Position: "document",
		Fields: []string{"name", "email", "skills", "certifications"}}}
	if diff := cmp.Diff(want, rep.Inferred); diff != "" {
		t.Errorf("inferred (-want +got):\n%s", diff)
	}
	if rep.Format != input.FormatDocument {
		t.Errorf("format %q, want document", rep.Format)
	}
	c, err := eng.Get(context.Background(), rep.Inferred[0].CandidateID)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Certifications) != 1 || c.Certifications[0].ID != "ocajp" || c.Certifications[0].Version != "8" || c.Certifications[0].Date.String() != "2019" {
		t.Errorf("certifications %+v, want OCAJP 8 of 2019", c.Certifications)
	}
	// An encrypted PDF is one rejected record saying so.
	rep, err = eng.Import(context.Background(), bytes.NewReader(doctexttest.EncryptedPDF()), match.ImportOptions{Name: "cv.pdf"})
	if err != nil || len(rep.Rejected) != 1 || !strings.Contains(rep.Rejected[0].Error(), "encrypted") {
		t.Errorf("encrypted PDF: %+v, %v; want one rejection saying encrypted", rep.Rejected, err)
	}
}
