package cputime_test

import (
	"runtime"
	"testing"

	"github.com/certmatch/certmatch/internal/cputime"
)

func TestUsedGrowsWithWork(t *testing.T) {
	if runtime.GOOS == "windows" || runtime.GOOS == "plan9" || runtime.GOOS == "js" {
		t.Skip("CPU time is not read on " + runtime.GOOS)
	}
	start := cputime.Used()
	x := 0
	for i := 0; cputime.Used()-start <= 0 && i < 1e10; i++ {
		x += i
	}
	if got := cputime.Used(); got <= start || x < 0 {
		t.Errorf("CPU time went from %v to %v after busy work", start, got)
	}
}
