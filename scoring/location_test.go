package scoring

import "testing"

func TestLocationKeyForms(t *testing.T) {
	for in, want := range map[string]string{
		"Chicago, IL": "chicago,il", " Chicago ,  IL. ": "chicago,il", "New York,NY": "new york,ny",
		"": "", ",,": "", "Berlin": "berlin", "São Paulo, Brazil": "são paulo,brazil", "Remote": "remote",
		"a ,, b": "a,b", "St. Louis, MO": "st louis,mo",
	} {
		if got := LocationKey(in); got != want {
			t.Errorf("LocationKey(%q) = %q, want %q", in, got, want)
		}
	}
}
