package main

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestREADMEDependencies checks that the README's Install section names
// exactly the modules go.mod requires directly.
func TestREADMEDependencies(t *testing.T) {
	gomod, err := os.ReadFile("../../go.mod")
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	inRequire := false
	for _, line := range strings.Split(string(gomod), "\n") {
		line = strings.TrimSpace(line)
		switch {
		case line == "require (":
			inRequire = true
		case line == ")":
			inRequire = false
		case strings.HasPrefix(line, "require "):
			line = strings.TrimPrefix(line, "require ")
			fallthrough
		case inRequire && line != "":
			if !strings.Contains(line, "// indirect") {
				want = append(want, strings.Fields(line)[0])
			}
		}
	}
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, install, ok := strings.Cut(string(readme), "\n## Install\n")
	if !ok {
		t.Fatal("README.md has no Install section")
	}
	install, _, _ = strings.Cut(install, "\n## ")
	var got []string
	for _, m := range regexp.MustCompile("`((?:github\\.com|golang\\.org|go\\.etcd\\.io|google\\.golang\\.org)/[^`\\s]+)`").FindAllStringSubmatch(install, -1) {
		if !slices.Contains(got, m[1]) {
			got = append(got, m[1])
		}
	}
	slices.Sort(want)
	slices.Sort(got)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("README's Install section and go.mod's direct requirements differ (-go.mod +README):\n%s", diff)
	}
}
