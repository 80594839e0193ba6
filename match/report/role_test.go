package report_test

import (
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/certmatch/certmatch/match/input"
	"github.com/certmatch/certmatch/match/report"
)

// A role read from a posting is reviewed with the sentence behind each
// line.
func ExampleWriteRole() {
	posting := `# Java Backend Developer

## Requirements
- OCP Java 11 or later is required
- Experience with MySQL, PostgreSQL, or Oracle

## Nice to have
- Java certification (any)
- 3+ years with Kafka
`
	role, err := input.RoleFromJob(strings.NewReader(posting), nil)
	if err != nil {
		panic(err)
	}
	report.WriteRole(os.Stdout, nil, role)
	// Output:
	// java-backend-developer: Java Backend Developer
	// read from job posting as Markdown
	//
	// KIND             WHAT                                                              SOURCE
	// required         ocpjp >= 11                                                       "OCP Java 11 or later is required"
	// preferred        java-certification (an Oracle (formerly Sun) Java certification)  "Java certification (any)"
	// required skill   Java                                                              "title: Java Backend Developer"
	// required skill   one of MySQL, PostgreSQL, Oracle                                  "Experience with MySQL, PostgreSQL, or Oracle"
	// preferred skill  Kafka                                                             "3+ years with Kafka"
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestWriteRoleReturnsWriteError(t *testing.T) {
	role, err := input.RoleFromJob(strings.NewReader("OCPJP required."), nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := report.WriteRole(failWriter{}, nil, role); err == nil || err.Error() != "disk full" {
		t.Errorf("WriteRole to a failing writer: %v, want disk full", err)
	}
}
