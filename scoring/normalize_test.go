package scoring

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// corpus is every case of the normaliser's corpus.
func corpus() []normalizeCase { return append(slices.Clone(normalizeCases), classCases...) }

// Corpus targets: at least this many texts, this share right, and no
// look-alike ever on a seed id.
const (
	minCorpus   = 400
	minNegative = 120
	minAccuracy = 0.98
)

func TestNormalize(t *testing.T) {
	cat := DefaultCatalog()
	cases := corpus()
	names := map[string]bool{}
	negatives, right := 0, 0
	var misses, lookalikes []string
	for _, tc := range cases {
		if names[tc.name] {
			t.Fatalf("duplicate case name %q", tc.name)
		}
		names[tc.name] = true
		got, ok := cat.Normalize(tc.text)
		if tc.want == "-" {
			negatives++
			if e, _ := cat.Cert(got.ID); ok && e.Seed {
				lookalikes = append(lookalikes, fmt.Sprintf("%s: Normalize(%q) = %s %q (conf %.2f, %s %q), want no seed id (%s)", tc.name, tc.text, got.ID, got.Version, got.Confidence, got.Kind, got.Matched, tc.reason))
				continue
			}
			right++
			continue
		}
		if !ok || got.ID != tc.want || got.Version != tc.version {
			misses = append(misses, fmt.Sprintf("%s: Normalize(%q) = %q %q ok=%v (conf %.2f, %s %q, %s), want %q %q (%s)", tc.name, tc.text, got.ID, got.Version, ok, got.Confidence, got.Kind, got.Matched, got.Reason, tc.want, tc.version, tc.reason))
			continue
		}
		right++
	}
	for _, m := range lookalikes {
		t.Errorf("look-alike on a seed id: %s", m)
	}
	accuracy := float64(right) / float64(len(cases))
	t.Logf("corpus: %d texts (%d negative), %d right (%.1f%%), %d misses, %d look-alikes on a seed id", len(cases), negatives, right, 100*accuracy, len(misses), len(lookalikes))
	for _, m := range misses {
		t.Logf("miss: %s", m)
	}
	if accuracy < minAccuracy {
		t.Errorf("accuracy %.1f%% is below %.0f%%; misses:\n%s", 100*accuracy, 100*minAccuracy, strings.Join(misses, "\n"))
	}
	if len(cases) < minCorpus || negatives < minNegative {
		t.Errorf("corpus has %d cases, %d negative; want at least %d and %d", len(cases), negatives, minCorpus, minNegative)
	}
}

// Every resolution's Axis is its Version read on the line's axis.
func TestNormalizeAxisAgrees(t *testing.T) {
	cat := DefaultCatalog()
	for _, tc := range corpus() {
		got, ok := cat.Normalize(tc.text)
		if !ok {
			continue
		}
		want, _ := cat.AxisVersion(got.ID, got.Version)
		if got.Axis != want {
			t.Errorf("Normalize(%q): Axis %q, want AxisVersion(%s, %q) = %q", tc.text, got.Axis, got.ID, got.Version, want)
		}
	}
}

// Every catalog entry is reached by at least one case, so no entry's rules
// go untested.
func TestNormalizeCoversCatalog(t *testing.T) {
	cat := DefaultCatalog()
	hit := map[string]bool{}
	for _, tc := range corpus() {
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
	for _, tc := range corpus() {
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
	cases := corpus()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		cat.norm.resolve(cases[i%len(cases)].text)
	}
}

// BenchmarkNormalizeCached measures Normalize on texts seen before, as in
// a candidate pool where titles recur.
func BenchmarkNormalizeCached(b *testing.B) {
	cat := DefaultCatalog()
	cases := corpus()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		cat.Normalize(cases[i%len(cases)].text)
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
