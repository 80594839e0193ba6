package match

import (
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestJobShapeMatchesSchema keeps the hand-written job shape in step with
// testdata/jsonresume/job-schema.json: every field it describes exists
// there with the same JSON type, format and enum values.
func TestJobShapeMatchesSchema(t *testing.T) {
	schema, err := os.ReadFile("../testdata/jsonresume/job-schema.json")
	if err != nil {
		t.Fatal(err)
	}
	drift, err := jobShape.built().SchemaDrift(schema)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string(nil), drift); diff != "" {
		t.Errorf("jobShape has drifted from job-schema.json (-want +got):\n%s", diff)
	}
}
