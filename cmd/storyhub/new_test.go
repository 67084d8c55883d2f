package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/storyhub/storyhub/internal/sitetest"
)

// TestNewFromIssueForm fills in the real issue form's fields, as GitHub
// writes them into an issue body, and turns the issue into a story that
// passes check.
func TestNewFromIssueForm(t *testing.T) {
	answers := map[string]string{
		"Title":                "Our first sprint",
		"Summary":              "Twelve people, one weekend, four merged pull requests.",
		"Your name":            "Ada Lovelace",
		"Your website":         "https://example.org/ada",
		"Organization":         "_No response_",
		"Organization website": "_No response_",
		"Community":            "web",
		"Region":               "Europe",
		"Pull quote":           "Nobody left without a merged change.",
		"Tags":                 "sprints, mentoring",
		"Your story":           "## How it started\n\nWe booked a room.\n\n### The first year\n\nWe met monthly.\n\n### Publishing\n\nA zine.",
		"Publishing":           "- [X] I wrote this story and agree to publish it.",
	}
	var body strings.Builder
	for _, label := range formLabels(t) {
		a, ok := answers[label]
		if !ok {
			t.Fatalf("the form has a field %q this test does not fill in", label)
		}
		body.WriteString("### " + label + "\n\n" + a + "\n\n")
	}
	site := sitetest.Write(t, `
-- site.toml --
[communities.web]
name = "Web"
`)
	issue := filepath.Join(t.TempDir(), "issue.md")
	os.WriteFile(issue, []byte(body.String()), 0o644)

	var out, errs bytes.Buffer
	if err := run(context.Background(), []string{"new", "story", "--from-issue", issue, "-s", site}, &out, &errs); err != nil {
		t.Fatalf("new: %v\n%s", err, errs.String())
	}
	if !strings.Contains(out.String(), "content/stories/our-first-sprint.md") {
		t.Errorf("output %q does not name the new file", out.String())
	}
	out.Reset()
	if err := run(context.Background(), []string{"check", "-s", site, "--strict"}, &out, &errs); err != nil {
		t.Fatalf("check: %v\n%s", err, out.String())
	}
	story, _ := os.ReadFile(filepath.Join(site, "content/stories/our-first-sprint.md"))
	for _, want := range []string{"authors:\n  - name: Ada Lovelace\n    url: https://example.org/ada", "community: web", "tags: [sprints, mentoring]",
		"## How it started\n\nWe booked a room.\n\n### The first year\n\nWe met monthly.\n\n### Publishing\n\nA zine.\n"} {
		if !bytes.Contains(story, []byte(want)) {
			t.Errorf("story lacks %q:\n%s", want, story)
		}
	}
}
