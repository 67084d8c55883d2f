package build

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/storyhub/storyhub/internal/content"
	"github.com/storyhub/storyhub/internal/sitetest"
)

// TestHugeSparseFiles checks a check of files of a gigabyte each, read as
// storyhub check reads a site: each is refused from its size, and none
// is read (what was allocated stays far below one of them).
func TestHugeSparseFiles(t *testing.T) {
	deck := "---\ntitle: T\nsummary: S.\ndate: 2026-01-02\nspeakers: [Ada]\nlicense: CC-BY-4.0\nfiles: [slides.pdf, /huge.pdf]\n---\n"
	dir := sitetest.WriteFiles(t, map[string]string{
		"content/stories/a.md":          story,
		"content/stories/huge.md":       "",
		"content/decks/talk/index.md":   deck,
		"content/decks/talk/slides.pdf": "",
		"content/decks/talk/photo.png":  "",
		"static/huge.pdf":               "",
	})
	for _, f := range []string{"content/stories/huge.md", "content/decks/talk/slides.pdf", "content/decks/talk/photo.png", "static/huge.pdf"} {
		if err := os.Truncate(filepath.Join(dir, f), 1<<30); err != nil {
			t.Fatal(err)
		}
	}
	site := openSite(t, dir)

	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err := Load(context.Background(), Config{SiteDir: dir, Now: now, CheckOnly: true}, site, nil)
	runtime.ReadMemStats(&after)
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 50<<20 {
		t.Errorf("the check allocated %d MB, want under 50", alloc>>20)
	}
	var list content.ErrorList
	if !errors.As(err, &list) {
		t.Fatalf("check: %v, want problems", err)
	}
	var got []string
	for _, e := range list {
		got = append(got, e.Error())
	}
	want := []string{
		`content/decks/talk/index.md:7:9: file "slides.pdf" is 1.1 GB; a download may be at most 100.0 MB (make it smaller, or raise max_download_mb in site.toml)`,
		`content/decks/talk/index.md:7:21: file "/huge.pdf" is 1.1 GB; a download may be at most 100.0 MB (make it smaller, or raise max_download_mb in site.toml)`,
		`content/decks/talk/photo.png: the file is 1.1 GB; a file in a bundle may be at most 100.0 MB (make it smaller, or raise max_download_mb in site.toml)`,
		`content/stories/huge.md: the file is 1.1 GB; a Markdown file may be at most 10.0 MB (split it, or raise max_file_mb in site.toml)`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestLimitsFromSiteToml checks that site.toml's limits are the ones a
// build and a preview's rebuilds use, and that changing them takes effect
// on the next rebuild.
func TestLimitsFromSiteToml(t *testing.T) {
	dir := sitetest.WriteFiles(t, map[string]string{
		"site.toml":            "max_file_mb = 0.00005\n",
		"content/stories/a.md": story,
	})
	b := NewBuilder(Config{SiteDir: dir, Now: now}, openSite(t, dir))
	_, err := b.Load(context.Background(), nil, nil)
	want := "content/stories/a.md: the file is 93 bytes; a Markdown file may be at most 50 bytes (split it, or raise max_file_mb in site.toml)"
	if err == nil || err.Error() != want {
		t.Errorf("load: %v, want %s", err, want)
	}
	if err := os.WriteFile(filepath.Join(dir, "site.toml"), []byte("max_file_mb = 0.001\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Load(context.Background(), []string{"site.toml"}, nil); err != nil {
		t.Errorf("load with the limit raised: %v", err)
	}
}

// TestHugeSiteToml: site.toml, which sets the limits, is read within the
// default one.
func TestHugeSiteToml(t *testing.T) {
	dir := sitetest.WriteFiles(t, map[string]string{"site.toml": "", "content/stories/a.md": story})
	if err := os.Truncate(filepath.Join(dir, "site.toml"), 1<<30); err != nil {
		t.Fatal(err)
	}
	site := openSite(t, dir)
	_, err := Load(context.Background(), Config{SiteDir: dir, Now: now, CheckOnly: true}, site, nil)
	if want := "site.toml: the file is 1.1 GB; the limit is 10.0 MB"; err == nil || err.Error() != want {
		t.Errorf("check: %v, want %s", err, want)
	}
}
