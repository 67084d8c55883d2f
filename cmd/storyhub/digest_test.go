package main

import (
	"os"
	"testing"
)

// TestWriteFileKeepsDevices: -o /dev/null (or /dev/stdout, a pipe)
// writes into it; replacing it with a file would break the machine's
// other programs.
func TestWriteFileKeepsDevices(t *testing.T) {
	before, err := os.Stat(os.DevNull)
	if err != nil {
		t.Skipf("no %s here: %v", os.DevNull, err)
	}
	if err := writeFile(os.DevNull, []byte("an issue")); err != nil {
		t.Fatalf("writing %s: %v", os.DevNull, err)
	}
	after, err := os.Stat(os.DevNull)
	if err != nil {
		t.Fatal(err)
	}
	if after.Mode().IsRegular() || after.Mode() != before.Mode() {
		t.Fatalf("%s was %v and is now %v", os.DevNull, before.Mode(), after.Mode())
	}
}
