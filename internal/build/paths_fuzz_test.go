package build

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/storyhub/storyhub/internal/content"
	"github.com/storyhub/storyhub/internal/render"
)

// FuzzOutputPaths: whatever a writer types as a slug, alias or file name,
// the output path it leads to stays inside the output folder.
func FuzzOutputPaths(f *testing.F) {
	for _, s := range []string{"story", "../../etc/passwd", "/a/../../b", "C:\\x", "con", "a/./b", "//x", "\x00", "ü/ß.html", strings.Repeat("a/", 200)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if slug := content.Slugify(s); slug != "" && (len(slug) > 100 || !slugShape.MatchString(slug)) {
			t.Fatalf("Slugify(%q) = %q, not a slug", s, slug)
		}
		for _, url := range []string{"/stories/" + content.Slugify(s) + "/", cleanOrEmpty(s)} {
			if url == "" || url == "/stories//" {
				continue
			}
			out := render.OutputPath(url)
			if !filepath.IsLocal(out) || strings.Contains(out, "\\") {
				t.Fatalf("%q leads to %q, outside the output folder", s, out)
			}
		}
	})
}

var slugShape = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

func cleanOrEmpty(s string) string {
	p, problem := content.CleanURLPath(s)
	if problem != "" {
		return ""
	}
	return p
}

// TestFileDeletedDuringBuild: a file that goes away between reading the
// site and writing it gives an error naming it, and the old site stays.
func TestFileDeletedDuringBuild(t *testing.T) {
	site := writeSite(t, map[string]string{"content/stories/a.md": story, "static/doomed.css": "a { color: red }"})
	out := filepath.Join(t.TempDir(), "public")
	cfg := Config{SiteDir: site, OutDir: out, Now: now}
	if _, err := Build(context.Background(), cfg); err != nil {
		t.Fatal(err)
	}
	root, err := os.OpenRoot(site)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	m, err := Load(context.Background(), cfg, root.FS(), nil)
	if err != nil {
		t.Fatal(err)
	}
	outs, copies, err := m.Renderer.Plan(m.Site, m.SiteFS, m.Static)
	if err != nil {
		t.Fatal(err)
	}
	os.Remove(filepath.Join(site, "static/doomed.css"))
	err = write(context.Background(), cfg, outs, copies)
	if err == nil || !strings.Contains(err.Error(), "static/doomed.css") {
		t.Fatalf("write after a file went away: %v, want an error naming it", err)
	}
	if _, err := os.Stat(filepath.Join(out, "doomed.css")); err != nil {
		t.Error("the old site lost a file")
	}
}
