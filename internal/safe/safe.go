package safe

import (
	"fmt"
	"runtime/debug"
)

// PanicError is a panic recovered in a worker goroutine.
type PanicError struct {
	// Value is what the goroutine panicked with.
	Value any
	// Stack is the panicking goroutine's stack, as runtime/debug.Stack
	// prints it.
	Stack []byte
}

// Error names the panic value and carries the stack, so a log of the
// error shows where the panic happened.
func (e *PanicError) Error() string {
	return fmt.Sprintf("internal error: panic: %v\n\n%s", e.Value, e.Stack)
}

// Unwrap returns the panic value when it is an error, so errors.Is and
// errors.As see through the panic.
func (e *PanicError) Unwrap() error {
	err, _ := e.Value.(error)
	return err
}

// Guard returns fn wrapped so that a panic in it is returned as a
// *PanicError instead of unwinding the goroutine.
func Guard(fn func() error) func() error {
	return func() (err error) {
		defer func() {
			if r := recover(); r != nil {
				err = &PanicError{Value: r, Stack: debug.Stack()}
			}
		}()
		return fn()
	}
}
