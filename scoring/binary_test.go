package scoring_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	gencands "github.com/certmatch/certmatch/internal/gen"
	"github.com/certmatch/certmatch/scoring"
)

// TestProfileBinaryRoundTrip checks that a decoded profile encodes to the
// same bytes and scores exactly as the profile it was encoded from, also
// under a fresh Scorer whose Vocab numbers skills differently.
func TestProfileBinaryRoundTrip(t *testing.T) {
	s, fresh, cands := twoScorers(t)
	now := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	for _, role := range seedRoles(t) {
		pa, err := s.CompileAt(role, now)
		if err != nil {
			t.Fatal(err)
		}
		pb, err := fresh.CompileAt(role, now)
		if err != nil {
			t.Fatal(err)
		}
		for i := range cands {
			p := s.Profile(&cands[i])
			enc := s.AppendProfile([]byte("x"), &p)[1:]
			for _, dec := range []*scoring.Scorer{s, fresh} {
				q, rest, err := dec.DecodeProfile(append(enc, 'y'))
				if err != nil {
					t.Fatalf("candidate %d: %v", i, err)
				}
				if string(rest) != "y" {
					t.Errorf("candidate %d: rest %q, want %q", i, rest, "y")
				}
				// Skills are written in the decoding Vocab's order: only
				// the same Scorer gives the same bytes back.
				if diff := cmp.Diff(enc, dec.AppendProfile(nil, &q)); dec == s && diff != "" {
					t.Errorf("candidate %d: re-encoding (-want +got):\n%s", i, diff)
				}
				plan := pa
				if dec == fresh {
					plan = pb
				}
				ws, we := pa.Points(&p)
				gs, ge := plan.Points(&q)
				if ws != gs || we != ge {
					t.Errorf("role %s candidate %d: decoded scores %v/%v, want %v/%v", role.ID, i, gs, ge, ws, we)
				}
			}
		}
	}
}

// TestDecodeProfileCorrupt checks that a truncated or damaged encoding is
// an error wrapping ErrProfileEncoding or, when the damage happens to
// decode, a profile that encodes again: never a panic.
func TestDecodeProfileCorrupt(t *testing.T) {
	s := newScorer(t)
	cands := bundledCandidates(t)
	for i := range cands {
		p := s.Profile(&cands[i])
		enc := s.AppendProfile(nil, &p)
		for n := 0; n < len(enc); n++ {
			if _, _, err := s.DecodeProfile(enc[:n]); !errors.Is(err, scoring.ErrProfileEncoding) {
				t.Fatalf("candidate %d truncated to %d of %d bytes: err %v, want ErrProfileEncoding", i, n, len(enc), err)
			}
		}
		for j := range enc {
			for _, x := range []byte{0x01, 0x80, 0xff} {
				bad := append([]byte(nil), enc...)
				bad[j] ^= x
				q, _, err := s.DecodeProfile(bad)
				if err != nil {
					if !errors.Is(err, scoring.ErrProfileEncoding) {
						t.Fatalf("candidate %d byte %d ^%#x: err %v does not wrap ErrProfileEncoding", i, j, x, err)
					}
					continue
				}
				if _, _, err := s.DecodeProfile(s.AppendProfile(nil, &q)); err != nil {
					t.Fatalf("candidate %d byte %d ^%#x: decoded profile does not decode again: %v", i, j, x, err)
				}
			}
		}
	}
}

// decodeTable reads a profile table and decodes it in two ranges, as an
// index does on two cores; a position without a profile stays nil.
func decodeTable(s *scoring.Scorer, enc []byte) ([]*scoring.Profile, error) {
	var a scoring.Arena
	tab, err := s.ReadProfiles(enc, &a)
	if err != nil {
		return nil, err
	}
	out := make([]*scoring.Profile, tab.Len())
	dst := func(i int) *scoring.Profile {
		out[i] = new(scoring.Profile)
		return out[i]
	}
	mid := tab.Len() / 2
	if err := tab.Decode(0, mid, dst); err != nil {
		return nil, err
	}
	if err := tab.Decode(mid, tab.Len(), dst); err != nil {
		return nil, err
	}
	return out, nil
}

// TestProfileTableRoundTrip checks that the profiles of a table, with
// empty positions among them, encode one by one to the same bytes and
// score exactly as the profiles they were encoded from, also under a
// fresh Scorer whose Vocab numbers skills differently.
func TestProfileTableRoundTrip(t *testing.T) {
	s, fresh, cands := twoScorers(t)
	now := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	// Every third position is empty.
	var profs []*scoring.Profile
	for i := range cands {
		if i%3 == 1 {
			profs = append(profs, nil)
		}
		p := s.Profile(&cands[i])
		profs = append(profs, &p)
	}
	enc := s.AppendProfiles([]byte("x"), len(profs), func(i int) *scoring.Profile { return profs[i] })[1:]
	for _, dec := range []*scoring.Scorer{s, fresh} {
		got, err := decodeTable(dec, enc)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(profs) {
			t.Fatalf("%d positions decoded, want %d", len(got), len(profs))
		}
		for _, role := range seedRoles(t) {
			pa, err := s.CompileAt(role, now)
			if err != nil {
				t.Fatal(err)
			}
			pb, err := dec.CompileAt(role, now)
			if err != nil {
				t.Fatal(err)
			}
			for i, p := range profs {
				q := got[i]
				if (p == nil) != (q == nil) {
					t.Fatalf("position %d: decoded %v, want a profile %v", i, q != nil, p != nil)
				}
				if p == nil {
					continue
				}
				// The per-record encoding names everything the profile
				// holds; skills come in the decoding Vocab's order, so
				// compare it under the same Scorer only.
				if diff := cmp.Diff(s.AppendProfile(nil, p), dec.AppendProfile(nil, q)); dec == s && diff != "" {
					t.Errorf("position %d: profile differs (-want +got):\n%s", i, diff)
				}
				if want, got := p.Location(), q.Location(); want != got {
					t.Errorf("position %d: location %q, want %q", i, got, want)
				}
				ws, we := pa.Points(p)
				gs, ge := pb.Points(q)
				if ws != gs || we != ge {
					t.Errorf("role %s position %d: decoded scores %v/%v, want %v/%v", role.ID, i, gs, ge, ws, we)
				}
			}
		}
	}
}

// TestProfileTableCorrupt checks that a truncated or damaged table is an
// error wrapping ErrProfileEncoding or, when the damage happens to
// decode, profiles that encode again: never a panic.
func TestProfileTableCorrupt(t *testing.T) {
	s := newScorer(t)
	cands := bundledCandidates(t)
	enc := s.AppendProfiles(nil, len(cands)+1, func(i int) *scoring.Profile {
		if i == len(cands) {
			return nil
		}
		p := s.Profile(&cands[i])
		return &p
	})
	for n := 0; n < len(enc); n++ {
		if _, err := decodeTable(s, enc[:n]); !errors.Is(err, scoring.ErrProfileEncoding) {
			t.Fatalf("truncated to %d of %d bytes: err %v, want ErrProfileEncoding", n, len(enc), err)
		}
	}
	for j := range enc {
		for _, x := range []byte{0x01, 0x80, 0xff} {
			bad := append([]byte(nil), enc...)
			bad[j] ^= x
			got, err := decodeTable(s, bad)
			if err != nil {
				if !errors.Is(err, scoring.ErrProfileEncoding) {
					t.Fatalf("byte %d ^%#x: err %v does not wrap ErrProfileEncoding", j, x, err)
				}
				continue
			}
			for i, q := range got {
				if q == nil {
					continue
				}
				if _, _, err := s.DecodeProfile(s.AppendProfile(nil, q)); err != nil {
					t.Fatalf("byte %d ^%#x: position %d does not decode again: %v", j, x, i, err)
				}
			}
		}
	}
}

// twoScorers returns the test scorer, a fresh Scorer whose Vocab numbers
// the bundled candidates' skills in reverse (so it differs from the
// first's), and those candidates.
func twoScorers(t *testing.T) (s, fresh *scoring.Scorer, cands []scoring.Candidate) {
	t.Helper()
	s = newScorer(t)
	fresh, err := scoring.NewScorer(scoring.Options{})
	if err != nil {
		t.Fatal(err)
	}
	cands = bundledCandidates(t)
	for i := len(cands) - 1; i >= 0; i-- {
		fresh.Profile(&cands[i])
	}
	return s, fresh, cands
}

// TestExplainedExplainsAsTheRecord checks that the explained record of a
// candidate explains exactly as the whole candidate does, for every seed
// role and bundled candidate, also with skill sources and credentials
// written by id and version, and that it reads back what was written.
func TestExplainedExplainsAsTheRecord(t *testing.T) {
	s := newScorer(t)
	now := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	var cands []scoring.Candidate
	for i, c := range bundledCandidates(t) {
		cands = append(cands, c)
		v := c
		v.Certifications = slices.Clone(c.Certifications)
		if len(v.Certifications) > 0 && v.Certifications[0].ID != "" {
			v.Certifications[0].Name = ""
		}
		v.SkillSources = map[string]string{}
		for j, sk := range c.Skills {
			if (i+j)%2 == 0 {
				v.SkillSources[strings.ToUpper(sk)] = fmt.Sprintf("work highlight %d", j)
				v.SkillSources[sk] = fmt.Sprintf("summary %d", j)
			}
		}
		cands = append(cands, v)
	}
	for _, role := range seedRoles(t) {
		plan, err := s.CompileAt(role, now)
		if err != nil {
			t.Fatal(err)
		}
		for i := range cands {
			c := &cands[i]
			p := s.Profile(c)
			got, err := scoring.DecodeExplained(scoring.AppendExplained(nil, c))
			if err != nil {
				t.Fatalf("candidate %d: %v", i, err)
			}
			if got.ID != c.ID || len(got.Certifications) != len(c.Certifications) || len(got.SkillSources) != len(c.SkillSources) {
				t.Fatalf("candidate %d: explained record %+v does not hold the record's id, credentials and sources", i, got)
			}
			if diff := cmp.Diff(plan.Explain(*c, &p), plan.Explain(got, &p)); diff != "" {
				t.Errorf("role %s candidate %d: explanation from the explained record (-whole +record):\n%s", role.ID, i, diff)
			}
		}
	}
}

// TestDecodeExplainedCorrupt checks that every truncation of an explained
// record and a wrong format byte are errors wrapping ErrProfileEncoding.
func TestDecodeExplainedCorrupt(t *testing.T) {
	c := scoring.Candidate{ID: "c-1", Certifications: []scoring.Credential{{Name: "OCP Java SE 17"}, {ID: "ocpjp", Version: "11"}},
		SkillSources: map[string]string{"Kafka": "work highlight"}}
	enc := scoring.AppendExplained(nil, &c)
	for n := range len(enc) {
		if _, err := scoring.DecodeExplained(enc[:n]); !errors.Is(err, scoring.ErrProfileEncoding) {
			t.Errorf("truncated to %d of %d bytes: error %v, want ErrProfileEncoding", n, len(enc), err)
		}
	}
	bad := slices.Clone(enc)
	bad[0]++
	if _, err := scoring.DecodeExplained(bad); !errors.Is(err, scoring.ErrProfileEncoding) {
		t.Errorf("format byte %d: error %v, want ErrProfileEncoding", bad[0], err)
	}
	if _, err := scoring.DecodeExplained(append(enc, 0)); !errors.Is(err, scoring.ErrProfileEncoding) {
		t.Errorf("a byte after the record: error %v, want ErrProfileEncoding", err)
	}
}

// BenchmarkExplainedRecord compares what a ranked page reads of each of
// its candidates before it explains them: the whole stored JSON record
// decoded, the same JSON decoded into only the fields explaining reads,
// and the explained record (AppendExplained), over generated candidates.
func BenchmarkExplainedRecord(b *testing.B) {
	cands := gencands.Candidates(gencands.Options{Seed: 1}, 100)
	raws := make([][]byte, len(cands))
	recs := make([][]byte, len(cands))
	for i := range cands {
		var err error
		if raws[i], err = json.Marshal(&cands[i]); err != nil {
			b.Fatal(err)
		}
		recs[i] = scoring.AppendExplained(nil, &cands[i])
	}
	b.Run("json", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			var c scoring.Candidate
			if err := json.Unmarshal(raws[i%len(raws)], &c); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("json-fields", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			var c struct {
				ID             string               `json:"id"`
				Certifications []scoring.Credential `json:"certifications"`
				SkillSources   map[string]string    `json:"skill_sources"`
			}
			if err := json.Unmarshal(raws[i%len(raws)], &c); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("explained", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if _, err := scoring.DecodeExplained(recs[i%len(recs)]); err != nil {
				b.Fatal(err)
			}
		}
	})
}
