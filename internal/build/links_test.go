package build

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/storyhub/storyhub/internal/content"
	"github.com/storyhub/storyhub/internal/sitetest"
)

// TestLinksOutOfTheSite: symbolic links that lead out of the site are
// never followed: in content/ they are errors, in static/ they are not
// copied, with a warning.
func TestLinksOutOfTheSite(t *testing.T) {
	secret := filepath.Join(t.TempDir(), "secret.txt")
	os.WriteFile(secret, []byte("private"), 0o600)
	site := sitetest.WriteFiles(t, map[string]string{"content/stories/a.md": story})
	os.MkdirAll(filepath.Join(site, "static"), 0o755)
	if err := os.Symlink(secret, filepath.Join(site, "static/leak.txt")); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	res, err := Build(context.Background(), Config{SiteDir: site, OutDir: out, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(out, "leak.txt")); err == nil {
		t.Error("a link out of the site was followed into the output")
	}
	if got := res.Warnings.Error(); !strings.Contains(got, "static/leak.txt: not a regular file (a link or device), so it is not copied") {
		t.Errorf("warnings %q do not name the link in static/", got)
	}
	if err := os.Symlink(secret, filepath.Join(site, "content/stories/b.md")); err != nil {
		t.Fatal(err)
	}
	_, err = Build(context.Background(), Config{SiteDir: site, OutDir: out, Now: now})
	var list content.ErrorList
	if !errors.As(err, &list) || !strings.Contains(list.Error(), "content/stories/b.md: not a regular file") {
		t.Errorf("a link in content: %v, want an error naming it", err)
	}
}

// TestOutputParentIsALink: an output folder reached through a symbolic
// link is written where the link leads, and nowhere else.
func TestOutputParentIsALink(t *testing.T) {
	site := sitetest.WriteFiles(t, map[string]string{"content/stories/a.md": story})
	target := t.TempDir()
	link := filepath.Join(t.TempDir(), "link")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	if _, err := Build(context.Background(), Config{SiteDir: site, OutDir: filepath.Join(link, "public"), Now: now}); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(target)
	if len(entries) != 1 || entries[0].Name() != "public" {
		t.Errorf("the link's target holds %v, want only public", entries)
	}
	if _, err := os.Stat(filepath.Join(target, "public", "stories", "a", "index.html")); err != nil {
		t.Error("the site is not where the link leads")
	}
	siteEntries, _ := os.ReadDir(site)
	if len(siteEntries) != 1 {
		t.Errorf("the site folder changed: %v", siteEntries)
	}
}
