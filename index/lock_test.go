package index

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// snapshot lists every file under dir with its size and modification time.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		out[p] = fmt.Sprint(info.ModTime(), " ", info.Mode(), " ", info.Size())
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// closedIndex builds an on-disk index of two bundled candidates and closes it.
func closedIndex(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "ix")
	ix := openWith(t, Options{Path: path}, bundled(t)[:2])
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestReadOnlyOpensShare: read-only opens share the index with each
// other (bbolt's shared lock; two opens are two file descriptions, as two
// processes are), and a writer is refused with ErrLocked while they hold
// it, and the other way round. The lock is bbolt's flock: exclusive for a
// writer, shared for readers, so readers cannot open while a writer holds
// the index.
func TestReadOnlyOpensShare(t *testing.T) {
	ctx := context.Background()
	path := closedIndex(t)
	short := 200 * time.Millisecond
	r1, err := Open(ctx, Options{Path: path, ReadOnly: true, LockTimeout: short})
	if err != nil {
		t.Fatalf("first read-only open: %v", err)
	}
	r2, err := Open(ctx, Options{Path: path, ReadOnly: true, LockTimeout: short})
	if err != nil {
		t.Fatalf("second read-only open beside the first: %v", err)
	}
	for _, r := range []*Index{r1, r2} {
		if n := count(t, r); n != 2 {
			t.Errorf("read-only Count = %d, want 2", n)
		}
	}
	w, err := Open(ctx, Options{Path: path, LockTimeout: short})
	var le *LockedError
	if !errors.As(err, &le) || !errors.Is(err, ErrLocked) || le.ReadOnly {
		if err == nil {
			w.Close()
		}
		t.Errorf("writer open beside readers: %v, want a *LockedError", err)
	}
	r1.Close()
	r2.Close()

	w, err = Open(ctx, Options{Path: path, LockTimeout: short})
	if err != nil {
		t.Fatalf("writer open after the readers closed: %v", err)
	}
	defer w.Close()
	_, err = Open(ctx, Options{Path: path, ReadOnly: true, LockTimeout: short})
	if !errors.As(err, &le) || !le.ReadOnly || le.Waited < short/2 {
		t.Errorf("read-only open beside a writer: %v, want a read-only *LockedError after about %v", err, short)
	}
}

// TestReadOnlyWritesNothing: a read-only open of a folder nobody may write
// reads it, never changes a file in it, and refuses writes with
// ErrReadOnly; a missing index is an error, not a new one.
func TestReadOnlyWritesNothing(t *testing.T) {
	ctx := context.Background()
	path := closedIndex(t)
	// Take write permission away (a root process keeps it regardless; the
	// snapshot below is what proves nothing is written).
	chmodAll := func(dirMode, fileMode os.FileMode) {
		filepath.WalkDir(path, func(p string, d fs.DirEntry, err error) error {
			if err == nil {
				if d.IsDir() {
					os.Chmod(p, dirMode)
				} else {
					os.Chmod(p, fileMode)
				}
			}
			return nil
		})
	}
	chmodAll(0o555, 0o444)
	t.Cleanup(func() { chmodAll(0o755, 0o644) })
	before := snapshot(t, path)

	ix, err := Open(ctx, Options{Path: path, ReadOnly: true})
	if err != nil {
		t.Fatalf("read-only open of a read-only folder: %v", err)
	}
	c, err := ix.Get(ctx, bundled(t)[0].ID)
	if err != nil || c.ID != bundled(t)[0].ID {
		t.Errorf("Get = %q, %v", c.ID, err)
	}
	if _, err := ix.Put(ctx, bundled(t)[2:3]); !errors.Is(err, ErrReadOnly) {
		t.Errorf("Put = %v, want ErrReadOnly", err)
	}
	if _, err := ix.Delete(ctx, bundled(t)[0].ID); !errors.Is(err, ErrReadOnly) {
		t.Errorf("Delete = %v, want ErrReadOnly", err)
	}
	if err := ix.Compact(ctx); !errors.Is(err, ErrReadOnly) {
		t.Errorf("Compact = %v, want ErrReadOnly", err)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(before, snapshot(t, path)); diff != "" {
		t.Errorf("a read-only open changed the folder (-before +after):\n%s", diff)
	}

	missing := filepath.Join(t.TempDir(), "none")
	if _, err := Open(ctx, Options{Path: missing, ReadOnly: true}); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("read-only open of a missing index: %v, want os.ErrNotExist", err)
	}
	if _, err := os.Stat(missing); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a read-only open created %s", missing)
	}
}
