package cluster

import (
	"errors"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/certmatch/certmatch/index"
)

func TestFNV64(t *testing.T) {
	// The published FNV-1a 64-bit test vectors.
	tests := []struct {
		in   string
		want uint64
	}{
		{"", 0xcbf29ce484222325},
		{"a", 0xaf63dc4c8601ec8c},
		{"foobar", 0x85944171f73967e8},
	}
	for _, tt := range tests {
		if got := fnv64(tt.in); got != tt.want {
			t.Errorf("fnv64(%q) = %#x, want %#x", tt.in, got, tt.want)
		}
	}
}

func TestShardOf(t *testing.T) {
	tests := []struct {
		name string
		why  string
		key  string
		n    int
		want int
	}{
		{"one-shard", "everything is on shard 0", "cand-1", 1, 0},
		{"no-shards", "a bad count never panics", "cand-1", 0, 0},
		{"vector-a", "fnv64(\"a\") = 0xaf63dc4c8601ec8c is 0 mod 4", "a", 4, 0xaf63dc4c8601ec8c % 4},
		{"vector-foobar", "fnv64(\"foobar\") mod 7", "foobar", 7, 0x85944171f73967e8 % 7},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ShardOf(tt.key, tt.n); got != tt.want {
				t.Errorf("%s: ShardOf(%q, %d) = %d, want %d", tt.why, tt.key, tt.n, got, tt.want)
			}
		})
	}
	// A tenant partition puts one tenant's candidates on one shard.
	cfg := Config{Shards: 8, Partition: func(id string) string { return id[:4] }}
	if a, b := cfg.ShardOf("acme-1"), cfg.ShardOf("acme-2"); a != b {
		t.Errorf("tenant partition split acme over shards %d and %d", a, b)
	}
	// Ids spread over shards.
	counts := make([]int, 4)
	for i := range 4000 {
		counts[ShardOf(fmt.Sprintf("gen-%07d", i), 4)]++
	}
	for n, c := range counts {
		if c < 600 || c > 1400 {
			t.Errorf("shard %d got %d of 4000 ids; the hash does not spread: %v", n, c, counts)
		}
	}
}

func TestParseShard(t *testing.T) {
	tests := []struct {
		in      string
		why     string
		n, m    int
		wantErr bool
	}{
		{"0/4", "the first of four", 0, 4, false},
		{"3/4", "the last of four", 3, 4, false},
		{" 1 / 2 ", "spaces are allowed", 1, 2, false},
		{"4/4", "shards count from 0", 0, 0, true},
		{"-1/4", "negative", 0, 0, true},
		{"1", "no count", 0, 0, true},
		{"a/b", "not numbers", 0, 0, true},
		{"0/0", "no shards", 0, 0, true},
	}
	for _, tt := range tests {
		n, m, err := ParseShard(tt.in)
		if (err != nil) != tt.wantErr || n != tt.n || m != tt.m {
			t.Errorf("%s: ParseShard(%q) = %d, %d, %v", tt.why, tt.in, n, m, err)
		}
		if err != nil && !errors.Is(err, ErrConfig) {
			t.Errorf("ParseShard(%q): %v does not wrap ErrConfig", tt.in, err)
		}
	}
}

func TestToken(t *testing.T) {
	a, b := Token{3, 0, 9}, Token{1, 5}
	if diff := cmp.Diff(Token{3, 5, 9}, a.Merge(b)); diff != "" {
		t.Errorf("Merge takes the later sequence per shard (-want +got):\n%s", diff)
	}
	got, err := ParseToken(a.String())
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(a, got); diff != "" {
		t.Errorf("ParseToken(String) round trip (-want +got):\n%s", diff)
	}
	if _, err := ParseToken("1,x"); !errors.Is(err, ErrConfig) {
		t.Errorf("ParseToken(\"1,x\") = %v, want ErrConfig", err)
	}
	if tok, err := ParseToken(""); err != nil || tok != nil {
		t.Errorf("ParseToken(\"\") = %v, %v; want the empty token", tok, err)
	}
}

func TestMergeFacets(t *testing.T) {
	a := &index.Facets{Skills: []index.FacetCount{{Term: "java", Count: 3}, {Term: "go", Count: 1}}, Locations: []index.FacetCount{{Term: "chicago", Count: 2}}}
	b := &index.Facets{Skills: []index.FacetCount{{Term: "go", Count: 3}, {Term: "kafka", Count: 2}}, Certifications: []index.FacetCount{{Term: "ocpjp", Count: 1}}}
	want := index.Facets{
		// go 1+3 = 4 before java 3; java 3 before kafka 2.
		Skills:         []index.FacetCount{{Term: "go", Count: 4}, {Term: "java", Count: 3}, {Term: "kafka", Count: 2}},
		Certifications: []index.FacetCount{{Term: "ocpjp", Count: 1}},
		Locations:      []index.FacetCount{{Term: "chicago", Count: 2}},
	}
	if diff := cmp.Diff(want, mergeFacets([]*index.Facets{a, b})); diff != "" {
		t.Errorf("summed and ordered count desc, term asc (-want +got):\n%s", diff)
	}
}
