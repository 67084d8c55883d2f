package site

import (
	"slices"
	"testing"
)

// TestNearestPath: a dead site path is matched with the output a typo
// away in each of its segments, never with one that merely shares a
// folder.
func TestNearestPath(t *testing.T) {
	urls := []string{"/", "/stories/", "/stories/live/", "/stories/other/", "/tags/python/", "/files/slides.pdf", "/decks/intro/slides.pdf"}
	tests := []struct{ dead, want string }{
		{"/story/live/", "/stories/live/"},
		{"/tag/python/", "/tags/python/"},
		{"/stories/lvie/", "/stories/live/"},
		{"/files/slide.pdf", "/files/slides.pdf"},
		{"/decks/intro/slides.pfd", "/decks/intro/slides.pdf"},
		{"/stories/gone/", ""},
		{"/files/missing.pdf", ""},
		{"/Stories/Live", "/stories/live/"}, // a folder typed without its slash, in other case
		{"/Stories/Live/", "/stories/live/"},
		{"/files/slides.pdf/", ""}, // a folder is not matched with a file
		{"/stories/live/extra/", ""},
		{"/unrelated/", ""},
	}
	for _, tt := range tests {
		if got, _ := NearestPath(tt.dead, slices.Values(urls)); got != tt.want {
			t.Errorf("NearestPath(%q) = %q; want %q", tt.dead, got, tt.want)
		}
	}
}
