// Package safe runs a function on goroutines of an
// [golang.org/x/sync/errgroup.Group] so that a panic in one of them
// becomes the group's error instead of ending the process.
//
// errgroup deliberately lets a panic in a goroutine crash the program
// (see the comment in its Go method): it keeps the stack visible to crash
// tools. certmatch is a library whose callers serve requests, so a bug in
// one ranking must fail that call, not the server: [Guard] recovers the
// panic and returns a [*PanicError] that keeps the value and the stack of
// the goroutine that panicked.
//
// Example:
//
//	var g errgroup.Group
//	for i := range parts {
//		g.Go(safe.Guard(func() error { return scan(parts[i]) }))
//	}
//	err := g.Wait() // a *safe.PanicError if a part panicked
package safe
