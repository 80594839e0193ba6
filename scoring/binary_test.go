package scoring_test

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/certmatch/certmatch/scoring"
)

// TestProfileBinaryRoundTrip checks that a decoded profile encodes to the
// same bytes and scores exactly as the profile it was encoded from, also
// under a fresh Scorer whose Vocab numbers skills differently.
func TestProfileBinaryRoundTrip(t *testing.T) {
	s := newScorer(t)
	fresh, err := scoring.NewScorer(scoring.Options{})
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	cands := bundledCandidates(t)
	// Numbering skills in reverse under fresh makes its Vocab differ from s's.
	for i := len(cands) - 1; i >= 0; i-- {
		fresh.Profile(&cands[i])
	}
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
