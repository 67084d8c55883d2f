package sitetest

import (
	"io/fs"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// tree reads every file under dir, by slash-separated path.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func TestWrite(t *testing.T) {
	dir := Write(t, `
A story in a bundle beside the site's settings.
-- site.toml --
title = "Hub"
-- content/stories/a/index.md --
---
title: A
---
Words.
-- content/stories/a/pic.svg --
<svg/>`)
	want := map[string]string{
		"site.toml":                  "title = \"Hub\"\n",
		"content/stories/a/index.md": "---\ntitle: A\n---\nWords.\n",
		"content/stories/a/pic.svg":  "<svg/>\n",
	}
	if got := tree(t, dir); !maps.Equal(got, want) {
		t.Errorf("wrote %q, want %q", got, want)
	}
	if other := Write(t, "-- site.toml --\n"); other == dir {
		t.Error("a second site was written into the first one's folder")
	}
}

func TestWriteFiles(t *testing.T) {
	files := map[string]string{
		"static/doomed.css":    "a { color: red }",
		"content/stories/b.md": "",
		"static/css/x.css":     "\n\n",
	}
	if got := tree(t, WriteFiles(t, files)); !maps.Equal(got, files) {
		t.Errorf("wrote %q, want %q byte for byte", got, files)
	}
}

// TestRefusals writes sites that name a file outside their folder, or one
// file twice, in a child process of this test: each fails its test,
// saying it could not write the site.
func TestRefusals(t *testing.T) {
	const child = "SITETEST_ARCHIVE"
	if archive, ok := os.LookupEnv(child); ok {
		Write(t, archive)
		return
	}
	for _, archive := range []string{
		"-- ../outside.md --\nx\n",
		"-- content/../../outside.md --\nx\n",
		"-- /outside.md --\nx\n",
		"-- a.md --\nfirst\n-- a.md --\nsecond\n",
	} {
		cmd := exec.Command(os.Args[0], "-test.run=^TestRefusals$")
		cmd.Env = append(os.Environ(), child+"="+archive)
		out, err := cmd.CombinedOutput()
		if err == nil || !strings.Contains(string(out), "writing the test site") {
			t.Errorf("%q: %v, want a failed test that says so:\n%s", archive, err, out)
		}
	}
}
