package corpus

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestWrite: the corpus has the shape its users count on, and the same
// options write the same bytes.
func TestWrite(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	for _, dir := range []string{a, b} {
		if err := Write(dir, Options{Stories: 200, Seed: 1}); err != nil {
			t.Fatal(err)
		}
	}
	counts := map[string]int{"content/stories/*.md": 200, "content/decks/*.md": 10, "content/talking-points/*.md": 10,
		"content/guides/*.md": 3, "static/decks/*.pdf": 10, "static/decks/*.odp": 10}
	for pattern, want := range counts {
		files, _ := filepath.Glob(filepath.Join(a, pattern))
		if len(files) != want {
			t.Errorf("%s: %d files, want %d", pattern, len(files), want)
		}
		for _, f := range files {
			x, _ := os.ReadFile(f)
			y, err := os.ReadFile(filepath.Join(b, f[len(a):]))
			if err != nil || !bytes.Equal(x, y) {
				t.Errorf("%s differs between two writes with one seed", f[len(a):])
			}
		}
	}
	other := t.TempDir()
	Write(other, Options{Stories: 200, Seed: 2})
	x, _ := os.ReadFile(filepath.Join(a, "content/stories/story-000000.md"))
	y, _ := os.ReadFile(filepath.Join(other, "content/stories/story-000000.md"))
	if bytes.Equal(x, y) {
		t.Error("another seed wrote the same story")
	}
}
