package scoring

import (
	"strings"
	"testing"
)

func TestNormalize(t *testing.T) {
	cat := DefaultCatalog()
	names := map[string]bool{}
	negatives := 0
	for _, tc := range normalizeCases {
		if names[tc.name] {
			t.Fatalf("duplicate case name %q", tc.name)
		}
		names[tc.name] = true
		if tc.want == "-" {
			negatives++
		}
		t.Run(tc.name, func(t *testing.T) {
			got, ok := cat.Normalize(tc.text)
			if tc.want == "-" {
				if ok {
					if e, _ := cat.Cert(got.ID); e.Seed {
						t.Errorf("Normalize(%q) = %s %q (conf %.2f, %s %q), want no seed id (%s)", tc.text, got.ID, got.Version, got.Confidence, got.Kind, got.Matched, tc.reason)
					}
				}
				return
			}
			if !ok || got.ID != tc.want || got.Version != tc.version {
				t.Errorf("Normalize(%q) = %q %q ok=%v (conf %.2f, %s %q, %s), want %q %q (%s)", tc.text, got.ID, got.Version, ok, got.Confidence, got.Kind, got.Matched, got.Reason, tc.want, tc.version, tc.reason)
			}
		})
	}
	if len(normalizeCases) < 150 || negatives < 40 {
		t.Errorf("corpus has %d cases, %d negative; want at least 150 and 40", len(normalizeCases), negatives)
	}
}

// Every catalog entry is reached by at least one case, so no entry's rules
// go untested.
func TestNormalizeCoversCatalog(t *testing.T) {
	cat := DefaultCatalog()
	hit := map[string]bool{}
	for _, tc := range normalizeCases {
		if r, ok := cat.Normalize(tc.text); ok {
			hit[r.ID] = true
		}
	}
	for e := range cat.Certs() {
		if !hit[e.ID] {
			t.Errorf("no corpus case resolves to %s", e.ID)
		}
	}
}

func TestNormalizeVersionForms(t *testing.T) {
	tests := []struct {
		in     string
		scheme Versioning
		want   string
	}{
		{"1.5", JavaVersion, "5"},
		{"5.0", JavaVersion, "5"},
		{"6.0", JavaVersion, "6"},
		{"1.6", JavaVersion, "6"},
		{"1.4", JavaVersion, "1.4"},
		{"v1.4", JavaVersion, "1.4"},
		{"11", JavaVersion, "11"},
		{"3.0", PlainVersion, "3"},
		{"4.x", PlainVersion, "4"},
		{"1.5", PlainVersion, "1.5"},
		{"2.4", NoVersion, ""},
		{"abc", JavaVersion, ""},
	}
	for _, tc := range tests {
		if got := CanonicalVersion(tc.in, tc.scheme); got != tc.want {
			t.Errorf("CanonicalVersion(%q, %s) = %q, want %q", tc.in, tc.scheme, got, tc.want)
		}
	}
}

func FuzzNormalize(f *testing.F) {
	for _, tc := range normalizeCases {
		f.Add(tc.text)
	}
	cat := DefaultCatalog()
	f.Fuzz(func(t *testing.T, text string) {
		a, okA := cat.Normalize(text)
		b, okB := cat.Normalize(text)
		if a != b || okA != okB {
			t.Fatalf("Normalize(%q) not deterministic: %+v %v vs %+v %v", text, a, okA, b, okB)
		}
		if okA && (a.ID == "" || a.Confidence < MinConfidence || a.Confidence > 1) {
			t.Fatalf("Normalize(%q) ok with %+v", text, a)
		}
		if _, known := cat.Cert(a.ID); a.ID != "" && !known {
			t.Fatalf("Normalize(%q) gave unknown id %q", text, a.ID)
		}
		if strings.TrimSpace(text) == "" && okA {
			t.Fatalf("blank text resolved: %+v", a)
		}
	})
}

// BenchmarkNormalize measures resolution itself, past the cache.
func BenchmarkNormalize(b *testing.B) {
	cat := DefaultCatalog()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		cat.norm.resolve(normalizeCases[i%len(normalizeCases)].text)
	}
}

// BenchmarkNormalizeCached measures Normalize on texts seen before, as in
// a candidate pool where titles recur.
func BenchmarkNormalizeCached(b *testing.B) {
	cat := DefaultCatalog()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		cat.Normalize(normalizeCases[i%len(normalizeCases)].text)
	}
}

// Normalize says what matched: an exam code, an abbreviation, a full
// title or a word rule.
func TestNormalizeKind(t *testing.T) {
	tests := []struct {
		text string
		want MatchKind
	}{
		{"1z0 809", ByExam},
		{"SCJP 6", ByAbbreviation},
		{"HDPCD:Spark", ByAlias}, // written with a colon, so a title, not one word
		{"Sun Certified Web Component Developer", ByAlias},
		{"Oracle Certified Associate, Java SE 8 Programmer", ByRule},
	}
	cat := DefaultCatalog()
	for _, tc := range tests {
		if got, ok := cat.Normalize(tc.text); !ok || got.Kind != tc.want {
			t.Errorf("Normalize(%q) kind %q ok=%v (matched %q), want %q", tc.text, got.Kind, ok, got.Matched, tc.want)
		}
	}
}
