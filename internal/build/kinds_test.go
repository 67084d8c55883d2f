package build

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/mmcdole/gofeed"

	"github.com/storyhub/storyhub/internal/content"
	"github.com/storyhub/storyhub/internal/edits"
	"github.com/storyhub/storyhub/internal/sitetest"
)

// pick returns the fields called names of the hub's kind k, so a test's
// kind is made of fields the hub already decodes.
func pick(t *testing.T, kinds content.KindTable, k content.Kind, names ...string) []content.Field {
	t.Helper()
	var out []content.Field
	for _, name := range names {
		i := slices.IndexFunc(kinds[k].Fields, func(f content.Field) bool { return f.Name == name })
		if i < 0 {
			t.Fatalf("%s has no field %s", kinds[k].Name, name)
		}
		out = append(out, kinds[k].Fields[i])
	}
	return out
}

// newKinds adds two kinds to the hub's by nothing but table entries:
// podcasts, newest first with a feed, and a glossary in title order
// without one. Their templates are in newKindSite's theme; the
// glossary's lists the whole section.
func newKinds(t *testing.T) content.KindTable {
	hub := content.DefaultKinds()
	return append(hub,
		content.KindSpec{
			Section: "podcasts", Name: "podcast", Phrase: "a podcast", Title: "Podcasts",
			Summary: "Episodes to listen to on the way to a meetup.", Template: "podcast",
			Fields: pick(t, hub, content.Deck, "speakers", "video_url"),
			Order:  content.NewestFirst, Feed: true,
		},
		content.KindSpec{
			Section: "glossary", Name: "term", Phrase: "a term", Title: "Glossary",
			Summary: "The words organizers use.", Template: "term",
			Order: content.ByTitle,
		},
	)
}

// newKindSite is a tiny site with entries of newKinds' kinds, their
// templates, and a story.
func newKindSite(t *testing.T) string {
	return sitetest.Write(t, `
-- content/stories/a.md --
`+story+`-- content/podcasts/ep-1.md --
---
title: Episode one
summary: How a meetup began.
date: 2026-03-01
speakers: [Ada Lovelace]
video_url: https://example.org/ep-1
tags: [python]
---
Show notes.
-- content/podcasts/ep-2.md --
---
title: Episode two
summary: The second year.
date: 2026-04-01
speakers: [Grace Hopper]
---
More notes.
-- content/glossary/sprint.md --
---
title: Sprint
summary: Coding together for a day.
date: 2026-01-01
---
A day of work.
-- content/glossary/meetup.md --
---
title: Meetup
summary: An evening of talks.
date: 2026-01-03
---
Pizza.
-- content/glossary/cfp.md --
---
title: CFP
summary: A call for proposals.
date: 2026-02-01
---
Talks wanted.
-- themes/default/templates/podcast.html --
{{define "main"}}{{$p := .Page}}<article class="podcast"><h1>{{$p.Title}}</h1><p class="speakers">{{template "people" (dict "V" $ "P" $p "People" $p.Speakers)}}</p><p><a href="{{$p.VideoURL}}">Listen</a></p>{{body $p}}{{template "prevnext" .}}</article>{{end}}
-- themes/default/templates/term.html --
{{define "main"}}{{$p := .Page}}<nav class="terms"><ol>{{range .Section.Pages}}<li>{{.Title}}</li>{{end}}</ol></nav><article class="term"><h1>{{$p.Title}}</h1>{{body $p}}</article>{{end}}
`)
}

// TestNewKind builds newKindSite with newKinds: each kind gets its
// pages, made with its template, its section list and, when it has one,
// its feed.
func TestNewKind(t *testing.T) {
	kinds, site := newKinds(t), newKindSite(t)
	out := buildInto(t, site, func(c *Config) { c.Kinds = kinds })
	checkSite(t, out, "http://localhost:1313/")
	read := func(name string) string {
		t.Helper()
		data, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(name)))
		if err != nil {
			t.Fatalf("the build made no %s: %v", name, err)
		}
		return string(data)
	}
	has := func(name string, want ...string) {
		t.Helper()
		page := read(name)
		for _, w := range want {
			if !strings.Contains(page, w) {
				t.Errorf("%s lacks %s:\n%s", name, w, page)
			}
		}
	}

	// Pages made with the kind's template, from fields the kind has.
	has("podcasts/ep-1/index.html", `<article class="podcast"><h1>Episode one</h1>`, `Ada Lovelace`, `href="https://example.org/ep-1"`, "Show notes.",
		`href="/podcasts/ep-2/"`) // newest first: the next, newer, episode
	// The guides' way of listing the section, in the section's order.
	has("glossary/sprint/index.html", `<article class="term"><h1>Sprint</h1>`, `<ol><li>CFP</li><li>Meetup</li><li>Sprint</li></ol>`)

	// The section lists, in the navigation of every page, and a feed
	// link where the kind has a feed.
	has("podcasts/index.html", "<h1>Podcasts</h1>", "Episodes to listen to on the way to a meetup.", `href="/podcasts/feed.xml"`)
	if list := read("podcasts/index.html"); strings.Index(list, "Episode two") > strings.Index(list, "Episode one") {
		t.Errorf("the podcasts are not listed newest first:\n%s", list)
	}
	has("glossary/index.html", "<h1>Glossary</h1>", "The words organizers use.")
	if list := read("glossary/index.html"); strings.Contains(list, "glossary/feed.xml") || strings.Contains(list, ">Feed</a>") ||
		strings.Index(list, "CFP") > strings.Index(list, "Sprint") {
		t.Errorf("the glossary list links a feed, or is not in title order:\n%s", list)
	}
	has("index.html", `href="/podcasts/">Podcasts</a>`, `href="/glossary/">Glossary</a>`, `href="/stories/">Stories</a>`)

	// The feed of the kind that has one, and only of it.
	f, err := gofeed.NewParser().ParseString(read("podcasts/feed.xml"))
	if err != nil {
		t.Fatal(err)
	}
	var items []string
	for _, it := range f.Items {
		items = append(items, it.Title)
	}
	if f.Title != "Podcasts · Community Stories" || strings.Join(items, ", ") != "Episode two, Episode one" {
		t.Errorf("podcasts feed %q with items %q", f.Title, items)
	}
	if _, err := os.Stat(filepath.Join(out, "glossary", "feed.xml")); err == nil {
		t.Error("the glossary, which has no feed, has one")
	}

	// Search and sitemap know the kinds too.
	var index struct {
		Kinds []string `json:"kinds"`
		Pages [][]any  `json:"pages"`
	}
	if err := json.Unmarshal([]byte(read("search/index.json")), &index); err != nil {
		t.Fatal(err)
	}
	// Six entries, and a page for each of the people they name.
	byKind := map[string]int{}
	for _, p := range index.Pages {
		if k, ok := p[3].(float64); ok && int(k) < len(index.Kinds) {
			byKind[index.Kinds[int(k)]]++
		}
	}
	if strings.Join(index.Kinds, " ") != "story deck talking-points guide event person group podcast term community" || len(index.Pages) != 6+byKind["person"] || byKind["person"] == 0 {
		t.Errorf("search index kinds %q, %d pages, by kind %v", index.Kinds, len(index.Pages), byKind)
	}
	has("sitemap.xml", "/podcasts/ep-1/", "/glossary/cfp/")
}

// TestNewKindServed: a long-lived Builder (serve's) holds what a fresh
// build writes, after an edit that only a page listing its section
// shows: the first term's title, on the last term's page, whose
// neighbour is the middle one. The glossary here has the built-in guide
// template, which lists the section.
func TestNewKindServed(t *testing.T) {
	kinds := append(content.DefaultKinds(), content.KindSpec{
		Section: "glossary", Name: "term", Phrase: "a term", Title: "Glossary", Template: "guide",
		Order: content.ByTitle,
	})
	term := func(title string) string {
		return "---\ntitle: " + title + "\nsummary: A word.\ndate: 2026-01-01\n---\nWhat it means.\n"
	}
	site := sitetest.WriteFiles(t, map[string]string{
		"content/glossary/cfp.md":    term("CFP"),
		"content/glossary/meetup.md": term("Meetup"),
		"content/glossary/sprint.md": term("Sprint"),
	})
	b := NewBuilder(Config{SiteDir: site, Now: now, Kinds: kinds}, openSite(t, site))
	for step, changed := range [][]string{nil, {"content/glossary/cfp.md"}} {
		if step > 0 {
			if err := os.WriteFile(filepath.Join(site, "content", "glossary", "cfp.md"), []byte(term("Call for proposals")), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		m, err := b.Load(t.Context(), changed, nil)
		if err != nil {
			t.Fatal(err)
		}
		snap, err := b.Snapshot(t.Context(), m)
		if err != nil {
			t.Fatal(err)
		}
		out := buildInto(t, site, func(c *Config) { c.Kinds = kinds })
		edits.Same(t, fmt.Sprintf("step %d", step), snap.Files, out, Marker)
	}
}

// TestBadKindTable: a table that cannot work stops the build before
// anything is read, saying what is wrong with it.
func TestBadKindTable(t *testing.T) {
	kinds := append(content.DefaultKinds(), content.KindSpec{Section: "stories", Name: "tale", Phrase: "a tale", Title: "Tales", Template: "story"})
	site := sitetest.WriteFiles(t, map[string]string{"content/stories/a.md": story})
	for _, load := range []func() error{
		func() error {
			_, err := Load(t.Context(), Config{SiteDir: site, Now: now, Kinds: kinds}, openSite(t, site), nil)
			return err
		},
		func() error {
			_, err := NewBuilder(Config{Now: now, Kinds: kinds}, openSite(t, site)).Load(t.Context(), nil, nil)
			return err
		},
	} {
		if err := load(); err == nil || !strings.Contains(err.Error(), `story and tale have the folder "stories"`) {
			t.Errorf("load with two kinds in stories/: %v", err)
		}
	}
}
