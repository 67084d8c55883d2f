package render

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/storyhub/storyhub/internal/content"
	"github.com/storyhub/storyhub/internal/site"
	"github.com/storyhub/storyhub/themes"
)

// TestPersonListsPaginated: a speaker of 80 talks, who also wrote two
// stories and keeps one set of talking points, leafs through the three
// lists as one, 20 entries a page; each page shows the part of each list
// on it under its heading, where it is in its list, newest first.
func TestPersonListsPaginated(t *testing.T) {
	files := map[string]string{
		"content/stories/s1.md":       "---\ntitle: Story one\nsummary: s\ndate: 2020-01-01\nauthors: [Grace]\n---\n",
		"content/stories/s2.md":       "---\ntitle: Story two\nsummary: s\ndate: 2020-01-02\nauthors: [Grace]\n---\n",
		"content/talking-points/p.md": "---\ntitle: Points\nsummary: s\ndate: 2019-01-01\ncommunity: education\nowners: [Grace]\n---\n## One\n",
	}
	for i := range 80 {
		files[fmt.Sprintf("content/decks/t%02d.md", i)] = fmt.Sprintf("---\ntitle: Talk %02d\nsummary: s\ndate: 2024-01-01T%02d:%02d:00Z\nspeakers: [Grace]\nvideo_url: https://video.example/%d\nlicense: CC0-1.0\n---\n", i, i/60, i%60, i)
	}
	cfg := site.DefaultConfig()
	cfg.PageSize = 20
	r, err := New(themes.Default(), "themes/default", content.DefaultKinds(), false)
	if err != nil {
		t.Fatal(err)
	}
	_, made, _ := madeAll(t, r, searchSite(t, cfg, files), nil)
	heading := regexp.MustCompile(`<h2 id="person-(\w+)">\w+ <span class="count">([^<]+)</span></h2>`)
	talk := regexp.MustCompile(`href="/decks/t(\d\d)/"`)
	tests := []struct {
		path     string
		headings string // id count, ...
		first    string // the first talk shown, newest first
	}{
		{"people/grace/index.html", "wrote 2, gave 1–18 of 80", "79"},
		{"people/grace/page/2/index.html", "gave 19–38 of 80", "61"},
		{"people/grace/page/4/index.html", "gave 59–78 of 80", "21"},
		{"people/grace/page/5/index.html", "gave 79–80 of 80, keeps 1", "01"},
	}
	for _, tt := range tests {
		page := string(made[tt.path])
		if page == "" {
			t.Errorf("no %s", tt.path)
			continue
		}
		var got []string
		for _, m := range heading.FindAllStringSubmatch(page, -1) {
			got = append(got, m[1]+" "+m[2])
		}
		if strings.Join(got, ", ") != tt.headings {
			t.Errorf("%s: headings %q, want %q", tt.path, got, tt.headings)
		}
		if m := talk.FindStringSubmatch(page); m == nil || m[1] != tt.first {
			t.Errorf("%s: first talk %v, want %s", tt.path, m, tt.first)
		}
	}
	if _, ok := made["people/grace/page/6/index.html"]; ok {
		t.Error("83 entries make a sixth page of 20")
	}
	if got := strings.Count(string(made["people/grace/page/5/index.html"]), `<article class="card">`); got != 3 {
		t.Errorf("page 5 shows %d cards, want 3", got)
	}
}
