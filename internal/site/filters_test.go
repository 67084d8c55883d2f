package site

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/storyhub/storyhub/internal/content"
)

// deck is a deck's front matter with extra fields; it lists a file
// under static/, which Parse does not read.
func deck(date, extra string) string {
	return "---\ntitle: D " + date + "\nsummary: s\ndate: " + date + "\nspeakers: [Sam]\nfiles: [/d.pdf]\nlicense: CC-BY-4.0\n" + extra + "---\n"
}

func TestFilters(t *testing.T) {
	cfg := Config{Communities: map[string]CommunityConfig{"web": {Name: "Web development"}, "data": {Name: "Data"}}}
	docs := []*content.Doc{
		doc(t, "content/decks/a.md", deck("2026-01-03", "level: advanced\nlanguage: en\ncommunity: web\n")),
		doc(t, "content/decks/b.md", deck("2026-01-02", "level: beginner\nlanguage: eng\ncommunity: data\n")),
		doc(t, "content/decks/c.md", deck("2026-01-01", "level: beginner\nlanguage: pt-BR\n")),
		doc(t, "content/decks/d.md", deck("2026-01-04", "")),
		doc(t, "content/stories/s.md", story("2026-01-01", "community: web\n", "")),
	}
	s, msgs := newSite(t, cfg, Options{Now: now}, docs...)
	if len(msgs) > 0 {
		t.Fatalf("problems: %q", msgs)
	}
	var got []string
	for _, f := range s.Sections[content.Deck].Filters {
		var pages []string
		for _, p := range f.Pages {
			pages = append(pages, p.Slug)
		}
		got = append(got, fmt.Sprintf("%s %s %s: %s", f.URL, f.Title, f.Name, strings.Join(pages, " ")))
	}
	want := []string{
		// Communities by name, levels in their order, languages by name;
		// each list in the section's order.
		"/decks/community/data/ Community Data: b",
		"/decks/community/web/ Community Web development: a",
		"/decks/level/beginner/ Level Beginner: b c",
		"/decks/level/advanced/ Level Advanced: a",
		"/decks/language/en/ Language English: a b",
		"/decks/language/pt-br/ Language Português (Brasil): c",
	}
	if !slices.Equal(got, want) {
		t.Errorf("filters:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if f := s.Sections[content.Story].Filters; len(f) > 0 {
		t.Errorf("stories have filters: %v", f)
	}
	for slug, want := range map[string][]string{"a": {"community/web", "level/advanced", "language/en"}, "c": {"level/beginner", "language/pt-br"}, "d": nil} {
		p := s.published["content/decks/"+slug+".md"]
		if !slices.Equal(p.Filters, want) {
			t.Errorf("deck %s is in %q, want %q", slug, p.Filters, want)
		}
	}
}
