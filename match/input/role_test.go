package input

import (
	"errors"
	"io"
	"path/filepath"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/google/go-cmp/cmp"

	"github.com/certmatch/certmatch/scoring"
)

func TestLoadRole(t *testing.T) {
	input := `{
	  "id": "senior-java",
	  "title": "Senior Java Backend Developer",
	  "required":  [{"any_of": ["ocpjp"], "min_version": "11"}],
	  "preferred": [{"any_of": ["spring-professional"]},
	                {"any_of": ["spark-developer"], "current": true, "weight": 2}],
	  "required_skills":  ["java"],
	  "preferred_skills": ["spring boot", "kafka"],
	  "min_years": 5,
	  "location": "Chicago, IL", "remote": true,
	  "salary_max": 130000,
	  "weights": {"certifications": 0.5, "skills": 0.3, "experience": 0.2}
	}`
	want := scoring.Role{
		ID:              "senior-java",
		Title:           "Senior Java Backend Developer",
		Required:        []scoring.Requirement{{AnyOf: []string{"ocpjp"}, MinVersion: "11"}},
		Preferred:       []scoring.Requirement{{AnyOf: []string{"spring-professional"}}, {AnyOf: []string{"spark-developer"}, Current: true, Weight: 2}},
		RequiredSkills:  []string{"java"},
		PreferredSkills: []string{"spring boot", "kafka"},
		MinYears:        5,
		Location:        "Chicago, IL",
		Remote:          true,
		SalaryMax:       130000,
		Weights:         &scoring.Weights{Certifications: 0.5, Skills: 0.3, Experience: 0.2},
	}
	got, err := LoadRole(strings.NewReader(input), scoring.DefaultCatalog())
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("role mismatch (-want +got):\n%s", diff)
	}
}

// TestLoadRolePlaceAndPay: the band, its currency and period, the radius
// and the occupation decode; "hourly" reads as "hour".
func TestLoadRolePlaceAndPay(t *testing.T) {
	got, err := LoadRole(strings.NewReader(`{"id":"r1","location":"Hybrid - Chicago","radius_km":30,"remote":false,
		"salary_min":60,"salary_max":75,"salary_currency":"USD","salary_period":"hourly","occupation":"15-1252"}`), nil)
	if err != nil {
		t.Fatal(err)
	}
	want := scoring.Role{ID: "r1", Location: "Hybrid - Chicago", RadiusKm: 30, SalaryMin: 60, SalaryMax: 75,
		SalaryCurrency: "USD", SalaryPeriod: scoring.PerHour, Occupation: "15-1252"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("role (-want +got):\n%s", diff)
	}
}

func TestLoadRoleSeedRoles(t *testing.T) {
	files, err := filepath.Glob("../../testdata/roles/*.json")
	if err != nil || len(files) == 0 {
		t.Skipf("no seed roles: %v", err)
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			r, err := LoadRole(openTestdata(t, file), nil)
			if err != nil {
				t.Fatal(err)
			}
			if r.ID == "" {
				t.Error("loaded a role without id")
			}
		})
	}
}

func TestLoadRoleErrors(t *testing.T) {
	tests := []struct {
		name    string
		why     string
		input   string
		want    RoleError // Err compared by its message, in wantErr
		wantErr string    // the whole message
		invalid bool      // wraps scoring.ErrInvalid
	}{
		{
			name:    "unknown certification",
			why:     "Validate's error names the role and the field",
			input:   `{"id":"senior-java","required":[{"any_of":["ocpjp","ocpjpx"]}]}`,
			want:    RoleError{Input: "role", Role: "senior-java", Field: "required[0].any_of[1]"},
			wantErr: `role senior-java: required[0].any_of[1]: invalid: unknown certification or group "ocpjpx"`,
			invalid: true,
		},
		{
			name:    "unknown field",
			why:     "a typo is not silently dropped",
			input:   `{"id":"r1","requird":[]}`,
			want:    RoleError{Input: "role", Role: "r1", Field: "requird"},
			wantErr: `role r1: requird: unknown field`,
		},
		{
			name:    "unknown weight",
			why:     "unknown fields are found through the Weights pointer",
			input:   `{"id":"r1","weights":{"certifications":1,"skillz":1}}`,
			want:    RoleError{Input: "role", Role: "r1", Field: "weights.skillz"},
			wantErr: `role r1: weights.skillz: unknown field`,
		},
		{
			name:    "band upside down",
			why:     "Validate: salary_min above salary_max",
			input:   `{"id":"r1","salary_min":150000,"salary_max":120000}`,
			want:    RoleError{Input: "role", Role: "r1", Field: "salary_min"},
			wantErr: `role r1: salary_min: invalid: 150000 is above salary_max 120000`,
			invalid: true,
		},
		{
			name:    "unknown pay period",
			why:     "a period is year, month or hour",
			input:   `{"id":"r1","salary_max":3000,"salary_period":"weekly"}`,
			want:    RoleError{Input: "role", Role: "r1", Field: "salary_period"},
			wantErr: `role r1: salary_period: invalid: pay period "weekly" (want year, month or hour)`,
			invalid: true,
		},
		{
			name:    "wrong type",
			why:     "a string where a number goes",
			input:   `{"id":"r1","min_years":"five"}`,
			want:    RoleError{Input: "role", Role: "r1", Field: "min_years"},
			wantErr: `role r1: min_years: want a number, got a string`,
		},
		{
			name:    "any_of not an array",
			why:     "a nested type error keeps its index",
			input:   `{"id":"r1","preferred":[{"any_of":["ocajp"]},{"any_of":"ocpjp"}]}`,
			want:    RoleError{Input: "role", Role: "r1", Field: "preferred[1].any_of"},
			wantErr: `role r1: preferred[1].any_of: want an array, got a string`,
		},
		{
			name:    "empty any_of",
			why:     "Validate: a requirement must name something",
			input:   `{"id":"r1","required":[{"any_of":[]}]}`,
			want:    RoleError{Input: "role", Role: "r1", Field: "required[0].any_of"},
			wantErr: `role r1: required[0].any_of: invalid: empty`,
			invalid: true,
		},
		{
			name:    "bad version",
			why:     "Validate: min_version must be a version",
			input:   `{"id":"r1","required":[{"any_of":["ocpjp"],"min_version":"eleven"}]}`,
			want:    RoleError{Input: "role", Role: "r1", Field: "required[0].min_version"},
			wantErr: `role r1: required[0].min_version: invalid: "eleven" is not a version`,
			invalid: true,
		},
		{
			name:    "missing id",
			why:     "Validate: a role needs an id",
			input:   `{"title":"x"}`,
			want:    RoleError{Input: "role", Field: "id"},
			wantErr: `role: id: invalid: missing`,
			invalid: true,
		},
		{
			name:    "trailing data",
			why:     "one role per file",
			input:   `{"id":"r1"} {"id":"r2"}`,
			want:    RoleError{Input: "role"},
			wantErr: `role: data after the object at offset`,
		},
		{
			name:    "array",
			why:     "a role is an object",
			input:   `[{"id":"r1"}]`,
			want:    RoleError{Input: "role"},
			wantErr: `role: want a JSON object, got an array`,
		},
		{
			name:    "malformed",
			why:     "a syntax error",
			input:   `{"id":"r1",}`,
			want:    RoleError{Input: "role"},
			wantErr: `role: malformed JSON: invalid character`,
		},
		{
			name:    "empty",
			why:     "nothing to read",
			input:   " \n",
			want:    RoleError{Input: "role"},
			wantErr: `role: empty input`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := LoadRole(strings.NewReader(tt.input), scoring.DefaultCatalog())
			var re *RoleError
			if !errors.As(err, &re) {
				t.Fatalf("LoadRole error = %v (%T), want a *RoleError (%s)", err, err, tt.why)
			}
			got := RoleError{Input: re.Input, Role: re.Role, Field: re.Field}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("RoleError mismatch (-want +got) (%s):\n%s", tt.why, diff)
			}
			if msg := err.Error(); !strings.HasPrefix(msg, tt.wantErr) {
				t.Errorf("message %q, want %q (%s)", msg, tt.wantErr, tt.why)
			}
			if got := errors.Is(err, scoring.ErrInvalid); got != tt.invalid {
				t.Errorf("errors.Is(err, scoring.ErrInvalid) = %v, want %v", got, tt.invalid)
			}
		})
	}
}

func TestLoadRoleReadError(t *testing.T) {
	boom := errors.New("disk on fire")
	_, err := LoadRole(io.MultiReader(strings.NewReader(`{"id":`), iotest.ErrReader(boom)), nil)
	if !errors.Is(err, boom) {
		t.Errorf("LoadRole error = %v, want it to wrap the read error", err)
	}
}
