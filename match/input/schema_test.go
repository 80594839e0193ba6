package input

import (
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestResumeShapeMatchesSchema keeps the hand-written JSON Resume shape in
// step with the schema it copies: every field it describes exists in
// testdata/jsonresume/schema.json with the same JSON type and format.
func TestResumeShapeMatchesSchema(t *testing.T) {
	schema, err := os.ReadFile("../../testdata/jsonresume/schema.json")
	if err != nil {
		t.Fatal(err)
	}
	drift, err := resumeShape.SchemaDrift(schema)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string(nil), drift); diff != "" {
		t.Errorf("resumeShape has drifted from schema.json (-want +got):\n%s", diff)
	}
}
