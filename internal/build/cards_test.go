package build

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/storyhub/storyhub/internal/buildcache"
)

// cacheEntries lists the preview cards in a cache folder.
func cacheEntries(t *testing.T, dir string) []string {
	t.Helper()
	var list []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasPrefix(d.Name(), "card-") {
			list = append(list, p)
		}
		return nil
	})
	return list
}

// TestCardsCache builds the hub without a cache, then with an empty one
// (drawing every card into it), then with the filled one: the three give
// the same bytes, and the last draws nothing: every card is the cache's.
func TestCardsCache(t *testing.T) {
	dir := t.TempDir()
	withCache := func(c *Config) { c.Cache = buildcache.Open(dir) }
	plain := tree(t, buildInto(t, "../.."))
	cold := tree(t, buildInto(t, "../..", withCache))
	entries := cacheEntries(t, dir)
	if len(entries) < 20 {
		t.Fatalf("%d cards in the cache after a build of the hub; want one for each entry and community", len(entries))
	}
	warm := buildInto(t, "../..", withCache)
	for name, tr := range map[string]map[string]string{"with an empty cache": cold, "with the cache": tree(t, warm)} {
		if len(tr) != len(plain) {
			t.Errorf("%s: %d files, without a cache %d", name, len(tr), len(plain))
		}
		for f, sum := range plain {
			if tr[f] != sum {
				t.Errorf("%s: %s differs from the build without a cache", name, f)
			}
		}
	}
	// A warm build publishes the cache's entries themselves, hard
	// linked, where the system allows it.
	if runtime.GOOS != "windows" {
		linked := 0
		for _, e := range entries {
			if info, err := os.Stat(e); err == nil && info.Mode().Perm()&0o222 != 0 {
				t.Errorf("%s is writable: a published link to it could change it", e)
			}
		}
		for _, card := range []string{"card.png", "stories/astronomy-survey-pipeline/card.png", "communities/web/card.png"} {
			out, err := os.Stat(filepath.Join(warm, card))
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range entries {
				if in, err := os.Stat(e); err == nil && os.SameFile(in, out) {
					linked++
				}
			}
		}
		if linked != 3 {
			t.Errorf("%d of 3 cards of the warm build are the cache's files; want every one", linked)
		}
	}
	// What a build takes from the cache is what it writes: change every
	// entry, and the cards are the changed entries.
	for _, e := range entries {
		os.Remove(e)
		if err := os.WriteFile(e, []byte("from the cache"), 0o444); err != nil {
			t.Fatal(err)
		}
	}
	again := buildInto(t, "../..", withCache)
	for _, card := range []string{"card.png", "stories/astronomy-survey-pipeline/card.png", "communities/web/card.png"} {
		data, err := os.ReadFile(filepath.Join(again, card))
		if err != nil || string(data) != "from the cache" {
			t.Errorf("%s: %.20q, %v; want the cache's entry, not a card drawn again", card, data, err)
		}
	}
}

// TestCardsServe: in the preview, a body edit makes no card again (not
// even from the cache); a title edit draws its page's card.
func TestCardsServe(t *testing.T) {
	site, cache := t.TempDir(), t.TempDir()
	story := filepath.Join(site, "content", "stories", "one.md")
	if err := os.MkdirAll(filepath.Dir(story), 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(title, body string) {
		t.Helper()
		src := "---\ntitle: " + title + "\nsummary: A story.\ndate: 2026-05-01\nauthors: [Ada]\n---\n" + body + "\n"
		if err := os.WriteFile(story, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("First title", "Body.")
	b := NewBuilder(Config{SiteDir: site, Now: now, Cache: buildcache.Open(cache)}, openSite(t, site))
	snap := func(changed []string) *Snapshot {
		t.Helper()
		m, err := b.Load(context.Background(), changed, nil)
		if err != nil {
			t.Fatal(err)
		}
		s, err := b.Snapshot(context.Background(), m)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	first := snap(nil)
	card := first.Files["stories/one/card.png"]
	if !bytes.HasPrefix(card, []byte("\x89PNG")) {
		t.Fatalf("stories/one/card.png: %.8q; want a PNG", card)
	}
	if n := len(cacheEntries(t, cache)); n != 2 { // the story's and the site's
		t.Fatalf("%d cards in the cache, want 2", n)
	}
	// An emptied cache shows whether a card is made again.
	if err := os.RemoveAll(cache); err != nil {
		t.Fatal(err)
	}
	write("First title", "Another body.")
	s := snap([]string{"content/stories/one.md"})
	if !bytes.Contains(s.Files["stories/one/index.html"], []byte("Another body.")) {
		t.Fatal("the body edit is not in the page")
	}
	if n := len(cacheEntries(t, cache)); n != 0 || !bytes.Equal(s.Files["stories/one/card.png"], card) {
		t.Errorf("after a body edit: %d cards made again (want 0), card the same: %v", n, bytes.Equal(s.Files["stories/one/card.png"], card))
	}
	write("Second title", "Another body.")
	s = snap([]string{"content/stories/one.md"})
	if n := len(cacheEntries(t, cache)); n != 1 || bytes.Equal(s.Files["stories/one/card.png"], card) {
		t.Errorf("after a title edit: %d cards drawn (want 1, the story's), card changed: %v", n, !bytes.Equal(s.Files["stories/one/card.png"], card))
	}
}
