package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/certmatch/certmatch/match/input"
	"github.com/certmatch/certmatch/scoring"
)

// roleStore holds the saved roles: in memory, and in a folder of JSON
// files (one per role, named by its id) when it has one. Writes to the
// folder are atomic: a role is written to a temporary file in the folder,
// synced and renamed over the old one, so a crash leaves the old role or
// the new one, never a part. It is safe for concurrent use.
type roleStore struct {
	dir string // "" keeps roles in memory only

	mu    sync.RWMutex
	roles map[string]scoring.Role
}

// roleExt is the extension of saved role files.
const roleExt = ".json"

// openRoles opens the store over dir, creating it when missing and
// reading every role in it; "" is a store in memory. A file that is not a
// valid role stops the server, naming the file.
func openRoles(dir string, cat *scoring.Catalog) (*roleStore, error) {
	s := &roleStore{dir: dir, roles: map[string]scoring.Role{}}
	if dir == "" {
		return s, nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("roles: %w", err)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("roles: %w", err)
	}
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, roleExt) || strings.HasPrefix(name, ".") {
			continue
		}
		role, err := input.LoadRoleFile(filepath.Join(dir, name), cat)
		if err != nil {
			return nil, fmt.Errorf("roles: %w", err)
		}
		if want := strings.TrimSuffix(name, roleExt); role.ID != want {
			return nil, fmt.Errorf("roles: %s: holds role %q, want %q", filepath.Join(dir, name), role.ID, want)
		}
		s.roles[role.ID] = role
	}
	return s, nil
}

// get returns the saved role id.
func (s *roleStore) get(id string) (scoring.Role, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	r, ok := s.roles[id]
	return r, ok
}

// list returns the saved roles by id.
func (s *roleStore) list() []scoring.Role {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make([]scoring.Role, 0, len(s.roles))
	for _, r := range s.roles {
		out = append(out, r)
	}
	slices.SortFunc(out, func(a, b scoring.Role) int { return strings.Compare(a.ID, b.ID) })
	return out
}

// count returns the number of saved roles.
func (s *roleStore) count() int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return len(s.roles)
}

// put saves a role (its id already checked by checkRoleID) and says
// whether it is new.
func (s *roleStore) put(role scoring.Role, encoded []byte) (created bool, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, had := s.roles[role.ID]
	if s.dir != "" {
		if err := writeFileAtomic(s.dir, role.ID+roleExt, encoded); err != nil {
			return false, fmt.Errorf("roles: %w", err)
		}
	}
	s.roles[role.ID] = role
	return !had, nil
}

// remove deletes a saved role and says whether it was there.
func (s *roleStore) remove(id string) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.roles[id]; !ok {
		return false, nil
	}
	if s.dir != "" {
		err := os.Remove(filepath.Join(s.dir, id+roleExt))
		if err != nil && !errors.Is(err, os.ErrNotExist) {
			return false, fmt.Errorf("roles: %w", err)
		}
		if err := syncDir(s.dir); err != nil {
			return false, fmt.Errorf("roles: %w", err)
		}
	}
	delete(s.roles, id)
	return true, nil
}

// writeFileAtomic replaces dir/name with data: a temporary file in dir,
// synced, renamed over name, and the folder synced.
func writeFileAtomic(dir, name string, data []byte) error {
	f, err := os.CreateTemp(dir, "."+name+".*.tmp")
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer os.Remove(tmp) // after a successful rename there is nothing to remove
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp, filepath.Join(dir, name)); err != nil {
		return err
	}
	return syncDir(dir)
}

// syncDir makes a rename or removal in dir durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}
