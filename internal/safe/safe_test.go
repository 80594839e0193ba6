package safe_test

import (
	"errors"
	"io"
	"strings"
	"testing"

	"golang.org/x/sync/errgroup"

	"github.com/certmatch/certmatch/internal/safe"
)

//go:noinline
func explode() error { panic("boom") }

func TestGuardTurnsAPanicIntoAnErrorWithItsStack(t *testing.T) {
	var g errgroup.Group
	g.Go(safe.Guard(func() error { return nil }))
	g.Go(safe.Guard(explode))
	err := g.Wait()
	var pe *safe.PanicError
	if !errors.As(err, &pe) {
		t.Fatalf("Wait() = %v, want a *PanicError", err)
	}
	if pe.Value != "boom" {
		t.Errorf("Value = %v, want boom", pe.Value)
	}
	// The stack is the panicking goroutine's: it names the function that
	// panicked, which a recover in the caller of Wait could not show.
	if !strings.Contains(string(pe.Stack), "safe_test.explode") {
		t.Errorf("Stack does not name the panicking function:\n%s", pe.Stack)
	}
	if !strings.Contains(err.Error(), "panic: boom") || !strings.Contains(err.Error(), "safe_test.explode") {
		t.Errorf("Error() = %q, want the value and the stack", err.Error())
	}
}

func TestGuardPassesErrorsThrough(t *testing.T) {
	for _, tc := range []struct {
		name string
		fn   func() error
		want error
		why  string
	}{
		{"nil", func() error { return nil }, nil, "a function that succeeds succeeds"},
		{"error", func() error { return io.EOF }, io.EOF, "a returned error is returned unchanged"},
		{"panic with an error", func() error { panic(io.ErrUnexpectedEOF) }, io.ErrUnexpectedEOF, "errors.Is sees the error a goroutine panicked with"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := safe.Guard(tc.fn)()
			if tc.want == nil {
				if err != nil {
					t.Errorf("Guard(fn)() = %v, want nil (%s)", err, tc.why)
				}
				return
			}
			if !errors.Is(err, tc.want) {
				t.Errorf("Guard(fn)() = %v, want %v (%s)", err, tc.want, tc.why)
			}
		})
	}
}
