// Package sitetest writes the site a test builds: a txtar archive, as
// Hugo's integration tests and this repository's testscripts spell a tree
// of files, or a map of slash-separated path → contents for a test that
// makes its files in code, becomes a new folder under the test's
// temporary folder. Both go through txtar.Write, which refuses a path
// outside the folder and a file named twice, so a mistake in a test site
// fails the test instead of writing elsewhere. It is for tests only.
package sitetest

import (
	"maps"
	"slices"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"
)

// Write writes the files of archive into a new folder and returns the
// folder. Text before the first file is a comment for the reader; as in
// every txtar archive, each file ends with a newline.
func Write(tb testing.TB, archive string) string {
	tb.Helper()
	return write(tb, txtar.Parse([]byte(archive)))
}

// WriteFiles writes files (path → contents, byte for byte) into a new
// folder and returns the folder.
func WriteFiles(tb testing.TB, files map[string]string) string {
	tb.Helper()
	a := &txtar.Archive{}
	for _, name := range slices.Sorted(maps.Keys(files)) {
		a.Files = append(a.Files, txtar.File{Name: name, Data: []byte(files[name])})
	}
	return write(tb, a)
}

func write(tb testing.TB, a *txtar.Archive) string {
	tb.Helper()
	dir := tb.TempDir()
	if err := txtar.Write(a, dir); err != nil {
		tb.Fatalf("writing the test site: %v", err)
	}
	return dir
}
