package build

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"

	"github.com/storyhub/storyhub/internal/corpus"
)

// TestCommunityPageShowsNewestDecks: a community with many decks shows
// the newest on its page and links to the list of all of them, which
// holds every one; a page stays readable on a phone at any scale.
func TestCommunityPageShowsNewestDecks(t *testing.T) {
	dir := t.TempDir()
	if err := corpus.Write(dir, corpus.Options{DeckIndex: corpus.DeckIndex{Decks: 300, Events: 10, Speakers: 150}, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	out := buildInto(t, dir)
	cards := regexp.MustCompile(`<article class="card"`)
	total := 0
	for _, c := range []string{"web", "education", "data"} {
		page, err := os.ReadFile(filepath.Join(out, "communities", c, "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		all, err := os.ReadFile(filepath.Join(out, "decks", "community", c, "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		m := regexp.MustCompile(`The newest 12 of (\d+) decks\. <a href="/decks/community/` + c + `/">All (\d+) decks for `).FindSubmatch(page)
		if m == nil || string(m[1]) != string(m[2]) {
			t.Errorf("%s: the community page does not say it shows the newest 12 of its decks with a link to them all", c)
			continue
		}
		n, _ := strconv.Atoi(string(m[1]))
		total += n
		// Its talking points and stories are listed whole (none here).
		if got := len(cards.FindAll(page, -1)); got != 12 {
			t.Errorf("%s: %d cards on the community page, want the newest 12 decks", c, got)
		}
		if got := len(cards.FindAll(all, -1)); got < 12 {
			t.Errorf("%s: %d cards on the first page of all its decks", c, got)
		}
	}
	if total == 0 {
		t.Fatal("no community with more than 12 decks: the corpus no longer tests this")
	}
}
