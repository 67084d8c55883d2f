package build

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/storyhub/storyhub/internal/sitetest"
)

// TestFolders checks the per-folder reader against the rules of fs.FS
// (testing/fstest), and that it keeps os.Root's refusals.
func TestFolders(t *testing.T) {
	dir := sitetest.WriteFiles(t, map[string]string{
		"site.toml":                      "title = 'x'\n",
		"content/stories/a.md":           "a",
		"content/stories/b/index.md":     "b",
		"content/stories/b/picture.png":  "png",
		"static/css/extra.css":           "css",
		"themes/mine/templates/x.html":   "x",
		"content/talking-points/web.md":  "web",
		"content/stories/b/files/x.pdf":  "pdf",
		"content/stories/b/files/y.odp":  "odp",
		"content/decks/intro/slides.pdf": "slides",
	})
	f := openSite(t, dir)
	if err := fstest.TestFS(f, "site.toml", "content/stories/a.md", "content/stories/b/files/y.odp", "static/css/extra.css"); err != nil {
		t.Fatal(err)
	}

	// Links out of the site, to a file and to a folder, made after the
	// folders above were first read.
	secret := filepath.Join(t.TempDir(), "secret")
	os.WriteFile(secret, []byte("private"), 0o600)
	if err := os.Symlink(secret, filepath.Join(dir, "static/leak")); err != nil {
		t.Fatal(err)
	}
	os.Symlink(filepath.Dir(secret), filepath.Join(dir, "content/outside"))
	for _, name := range []string{"static/leak", "content/outside/secret", "../secret", "/etc/passwd", "content/../../x"} {
		if data, err := fs.ReadFile(f, name); err == nil {
			t.Errorf("%s: read %q, want an error", name, data)
		}
	}
	if _, err := fs.ReadFile(f, "content/missing/x.md"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a file in a missing folder: %v, want not exist", err)
	}
	if _, err := fs.ReadFile(f, "content/stories/missing.md"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a missing file: %v, want not exist", err)
	}

	// A link that stays inside the site is followed, as os.Root does.
	if err := os.Symlink("a.md", filepath.Join(dir, "content/stories/same.md")); err != nil {
		t.Fatal(err)
	}
	if data, err := fs.ReadFile(f, "content/stories/same.md"); err != nil || string(data) != "a" {
		t.Errorf("a link inside the site: %q, %v, want the file it names", data, err)
	}
	// A folder and a pipe are refused, the pipe without waiting for a
	// writer.
	if _, err := fs.ReadFile(f, "content/stories/b"); err == nil {
		t.Error("reading a folder: no error")
	}
	pipe := filepath.Join(dir, "content/stories/pipe.md")
	if err := mkfifo(pipe); errors.Is(err, errors.ErrUnsupported) {
		t.Log("this system has no named pipes: nothing more to check")
		return
	} else if err != nil {
		t.Fatal(err)
	}
	// Nor through a link.
	if err := os.Symlink("pipe.md", filepath.Join(dir, "content/stories/to-pipe.md")); err != nil {
		t.Fatal(err)
	}
	for _, read := range []func() error{
		func() error { _, err := fs.ReadFile(f, "content/stories/pipe.md"); return err },
		func() error { _, err := f.Open("content/stories/pipe.md"); return err },
		func() error { _, err := fs.ReadFile(f, "content/stories/to-pipe.md"); return err },
		func() error { _, err := f.Open("content/stories/to-pipe.md"); return err },
	} {
		if err := read(); err == nil || !strings.Contains(err.Error(), "not a regular file") {
			t.Errorf("reading a pipe: %v, want not a regular file", err)
		}
	}
}
