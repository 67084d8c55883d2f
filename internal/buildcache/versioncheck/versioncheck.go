// Package versioncheck keeps a cached output's maker honest. The build
// cache keys an entry by its maker's Version (images.Version,
// cards.Version) instead of storyhub's commit, so a commit that changes
// content or other code keeps the cache warm; the price is that a change
// to what a maker produces must change its Version, or builds would
// publish copies made the old way. Check, called from the maker's tests,
// makes that a failing test: it hashes a sample of the maker's output and
// compares it with the hash recorded beside the Version in
// testdata/version.txt.
//
// The record holds one line per GOARCH ("amd64 VERSION SHA256"), since
// floating point may round differently where the compiler fuses
// multiply-adds (arm64): a machine with no line for its GOARCH skips,
// saying how to record one. go test -update-version records the current
// output (not -update, which a maker's golden files may use).
package versioncheck

import (
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
)

var update = flag.Bool("update-version", false, "record the maker's sample output in testdata/version.txt")

// File is the record, in the maker's package folder.
const File = "testdata/version.txt"

// Check fails t when the sample's hash differs from the one recorded for
// version on this GOARCH.
func Check(t *testing.T, version string, sample []byte) {
	t.Helper()
	sum := sha256.Sum256(sample)
	got := hex.EncodeToString(sum[:])
	data, err := os.ReadFile(File)
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	lines = slices.DeleteFunc(lines, func(l string) bool { return l == "" })
	for i, l := range lines {
		f := strings.Fields(l)
		if len(f) != 3 {
			t.Fatalf("%s:%d: want GOARCH VERSION SHA256, got %q", File, i+1, l)
		}
		if f[0] != runtime.GOARCH {
			continue
		}
		switch {
		case *update:
			lines[i] = runtime.GOARCH + " " + version + " " + got
			write(t, lines)
		case f[1] == version && f[2] != got:
			t.Errorf("the sample output of %s changed (%s, recorded %s): change Version, so that cached copies made the old way are not published, then run go test -update-version", version, got[:12], f[2][:12])
		case f[1] != version:
			t.Errorf("Version changed from %s to %s: run go test -update-version to record the new output", f[1], version)
		}
		return
	}
	if *update {
		write(t, append(lines, runtime.GOARCH+" "+version+" "+got))
		return
	}
	t.Skipf("%s has no sample output recorded for %s: run go test -update-version on such a machine to record it", File, runtime.GOARCH)
}

func write(t *testing.T, lines []string) {
	t.Helper()
	slices.Sort(lines)
	if err := os.MkdirAll(filepath.Dir(File), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(File, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
}
