package words

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestAppend(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
		why  string
	}{
		{"empty", "", nil, "no text, no words"},
		{"separators only", " ,;:()-–/ ", nil, "punctuation is never a word"},
		{"plain", "Oracle Certified Professional", []string{"Oracle", "Certified", "Professional"}, "spaces separate"},
		{"version", "SCJP 1.4 and v2.4", []string{"SCJP", "1.4", "and", "v2.4"}, "a dot between digits stays"},
		{"dotted name", "Node.js, Vue.js.", []string{"Node.js", "Vue.js"}, "a dot between letters stays; a final dot does not"},
		{"leading dot", ".NET .5", []string{"NET", "5"}, "a dot with no word before it separates"},
		{"double dot", "a..b 1..4", []string{"a", "b", "1", "4"}, "two dots separate"},
		{"exam code", "1Z0-809/2V0-72.22", []string{"1Z0", "809", "2V0", "72.22"}, "hyphens and slashes separate"},
		{"colon", "HDPCD:Spark", []string{"HDPCD", "Spark"}, "a colon separates"},
		{"plus and hash", "C++ C# 5+", []string{"C", "C", "5"}, "symbols separate; callers read them between words"},
		{"accents", "Développeur expérimenté", []string{"Développeur", "expérimenté"}, "letters of any script are letters"},
		{"cjk", "Java SE 8 認定資格 Gold", []string{"Java", "SE", "8", "認定資格", "Gold"}, "ideographs are letters"},
		{"dash", "SCJP 1.4 — Sun", []string{"SCJP", "1.4", "Sun"}, "an em dash separates"},
		{"invalid utf8", "ab\xffcd", []string{"ab", "cd"}, "an invalid byte separates"},
		{"apostrophe", "It’s you're", []string{"It", "s", "you", "re"}, "apostrophes separate"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, Append(nil, tt.in)); diff != "" {
				t.Errorf("Append(%q) (-want +got) (%s):\n%s", tt.in, tt.why, diff)
			}
		})
	}
}

func TestNextSpans(t *testing.T) {
	s := "  OCP 11, ok"
	type span struct{ Start, End int }
	var got []span
	for start, end := Next(s, 0); start >= 0; start, end = Next(s, end) {
		got = append(got, span{start, end})
	}
	want := []span{{2, 5}, {6, 8}, {10, 12}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("spans (-want +got):\n%s", diff)
	}
	if a, b := Next(s, len(s)); a != -1 || b != -1 {
		t.Errorf("Next at the end = %d, %d; want -1, -1", a, b)
	}
}

func FuzzNext(f *testing.F) {
	for _, s := range []string{"OCP 1.4.", "a..b", "Node.js", "認定 資格", "\xff.\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		prev := 0
		for start, end := Next(s, 0); start >= 0; start, end = Next(s, end) {
			if start < prev || end <= start || end > len(s) {
				t.Fatalf("Next(%q): bad span [%d, %d) after %d", s, start, end, prev)
			}
			w := s[start:end]
			if w[0] == '.' || w[len(w)-1] == '.' {
				t.Fatalf("Next(%q): word %q starts or ends with a dot", s, w)
			}
			prev = end
		}
	})
}

func BenchmarkNext(b *testing.B) {
	s := "Oracle Certified Professional, Java SE 11 Developer (1Z0-819) — issued 2021-03, credential id ABC-123"
	b.ReportAllocs()
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		n := 0
		for start, end := Next(s, 0); start >= 0; start, end = Next(s, end) {
			n++
		}
		if n == 0 {
			b.Fatal("no words")
		}
	}
}
