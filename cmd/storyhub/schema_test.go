package main

import (
	"os"
	"strings"
	"testing"
)

// TestContributingSchema fails when CONTRIBUTING.md's field tables and the
// code disagree. To mend it, paste the output of storyhub schema --markdown
// between the markers.
func TestContributingSchema(t *testing.T) {
	doc, err := os.ReadFile("../../CONTRIBUTING.md")
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(doc), "<!-- schema:begin -->\n")
	tables, _, ok2 := strings.Cut(rest, "<!-- schema:end -->")
	if !ok || !ok2 {
		t.Fatal("CONTRIBUTING.md has no <!-- schema:begin --> ... <!-- schema:end --> section")
	}
	if want := schemaMarkdown(); tables != want {
		t.Errorf("CONTRIBUTING.md's field tables differ from the code; replace them with storyhub schema --markdown:\n%s", want)
	}
}
