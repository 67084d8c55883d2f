package server

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/storyhub/storyhub/internal/build"
	"github.com/storyhub/storyhub/internal/edits"
	"github.com/storyhub/storyhub/internal/sitetest"
)

// scriptStep is one change a scripted case makes to its site; check, when set,
// says more than "served is a fresh build" about the result. A scriptStep
// changes what is served unless it says otherwise.
type scriptStep struct {
	name      string
	do        func(t *testing.T, site string)
	check     func(t *testing.T, s *Server)
	unchanged bool
}

// bundle is a story bundle whose index.md is the same size for every
// word of the same length, so that a poll cannot tell two apart by size.
func bundle(word string) map[string]string {
	return map[string]string{
		"index.md":     fmt.Sprintf("---\ntitle: Bundle %s\nsummary: s\ndate: 2026-01-03\nauthors: [Ada]\n---\nThe text of %s.\n", word, word),
		"pics/p.svg":   fmt.Sprintf(`<svg xmlns="http://www.w3.org/2000/svg"><title>%s</title><rect width="1" height="1"/></svg>`, word),
		"pics/q/r.svg": `<svg xmlns="http://www.w3.org/2000/svg"><rect width="2" height="2"/></svg>`,
	}
}

// withKit is a site whose community python has a kit: a deck and
// talking points.
func withKit() map[string]string {
	files := edits.Start()
	files["content/talking-points/tp.md"] = "---\ntitle: Points\nsummary: s\ndate: 2026-01-01\ncommunity: python\n---\n## First point\n\nSay this.\n"
	files["content/decks/d/index.md"] = strings.Replace(files["content/decks/d/index.md"], "tags: [python]", "tags: [python]\ncommunity: python", 1)
	return files
}

// withEvents is a site whose deck was given at an event with an entry
// (dates, so calendars), and a story, with no event.
func withEvents() map[string]string {
	files := edits.Start()
	files["content/events/pycon-x.md"] = "---\ntitle: PyCon X\nsummary: The X one.\nstart: 2025-05-01\nend: 2025-05-03\ncity: Berlin\ncountry: DE\n---\nThree days.\n"
	files["content/decks/d/index.md"] = strings.Replace(files["content/decks/d/index.md"], "tags: [python]", "tags: [python]\nevent: pycon-x", 1)
	return files
}

// withGroup is withEvents with a group in the event's city, organized
// by the story's author, serving the story's community.
func withGroup() map[string]string {
	files := withEvents()
	files["content/stories/a.md"] = strings.Replace(files["content/stories/a.md"], "tags: [python]", "tags: [python]\ncommunity: python", 1)
	files["content/groups/berlin.md"] = "---\nname: Berlin Py\ncity: Berlin\ncountry: DE\nregion: Europe\nlatitude: 52.52\nlongitude: 13.40\norganizers: [Ada]\ncommunities: [python]\n---\nMonthly.\n"
	return files
}

// withFeatured is a site whose story is featured, with a pull quote:
// the brochure has it.
func withFeatured() map[string]string {
	files := edits.Start()
	files["content/stories/a.md"] = strings.Replace(files["content/stories/a.md"], "tags: [python]", "tags: [python]\nfeatured: true\npull_quote: Ada said it.", 1)
	return files
}

func withBundles(words ...string) map[string]string {
	files := edits.Start()
	for _, w := range words {
		for name, body := range bundle(w) {
			files["content/stories/"+w+"/"+name] = body
		}
	}
	return files
}

// TestServedEqualsFreshBuildScripted is the invariant of
// TestServedEqualsFreshBuild for changes random edits do not make:
// folders renamed, swapped, replaced and moved away, a site whose content/
// is a link, theme templates, and downloads. Each case starts a server of
// its own, notified and polling, so one that fails leaves the others
// their meaning.
func TestServedEqualsFreshBuildScripted(t *testing.T) {
	cases := []struct {
		name  string
		files map[string]string
		setup func(t *testing.T, site string) // before the server starts
		steps []scriptStep
	}{{
		name:  "folder renamed",
		files: withBundles("alpha"),
		steps: []scriptStep{
			{name: "alpha to gamma", do: func(t *testing.T, site string) { move(t, site, "content/stories/alpha", "content/stories/gamma") }},
			{name: "an edit in the renamed folder's subfolder", do: func(t *testing.T, site string) {
				write(t, site, "content/stories/gamma/pics/q/r.svg", `<svg xmlns="http://www.w3.org/2000/svg"><rect width="3" height="3"/></svg>`)
			}},
			{name: "gamma's subfolder renamed", do: func(t *testing.T, site string) {
				move(t, site, "content/stories/gamma/pics", "content/stories/gamma/img")
			}},
		},
	}, {
		name:  "folders swapped",
		files: withBundles("alpha", "betaa"),
		setup: func(t *testing.T, site string) { sameTimes(t, site, "content/stories") },
		steps: []scriptStep{
			{name: "alpha and betaa swapped in one burst", do: func(t *testing.T, site string) {
				move(t, site, "content/stories/alpha", "content/stories/t")
				move(t, site, "content/stories/betaa", "content/stories/alpha")
				move(t, site, "content/stories/t", "content/stories/betaa")
			}, check: func(t *testing.T, s *Server) {
				if page := string(s.Files()["stories/alpha/index.html"]); !strings.Contains(page, "The text of betaa.") {
					t.Errorf("/stories/alpha/ does not show the text of the folder now named alpha:\n%.400s", page)
				}
			}},
			{name: "an edit in a swapped folder", do: func(t *testing.T, site string) {
				write(t, site, "content/stories/alpha/index.md", "---\ntitle: Swapped\nsummary: s\ndate: 2026-01-03\nauthors: [Ada]\n---\nEdited after the swap.\n")
			}},
			{name: "an edit in a swapped folder's subfolder", do: func(t *testing.T, site string) {
				write(t, site, "content/stories/betaa/pics/q/r.svg", `<svg xmlns="http://www.w3.org/2000/svg"><rect width="4" height="4"/></svg>`)
			}},
		},
	}, {
		name:  "content replaced by a move",
		files: withBundles("alpha"),
		steps: []scriptStep{
			{name: "mv content old; mv content-new content", do: func(t *testing.T, site string) {
				copyTree(t, filepath.Join(site, "content"), filepath.Join(site, "content-new"))
				// The same size and times: only the bytes differ.
				sameSize(t, filepath.Join(site, "content-new/stories/alpha/index.md"), "alpha", "omega")
				move(t, site, "content", "old")
				move(t, site, "content-new", "content")
			}, check: func(t *testing.T, s *Server) {
				if page := string(s.Files()["stories/alpha/index.html"]); !strings.Contains(page, "The text of omega.") {
					t.Errorf("/stories/alpha/ is not the new content/'s:\n%.400s", page)
				}
			}},
			{name: "an edit in the new content/", do: func(t *testing.T, site string) {
				write(t, site, "content/stories/alpha/pics/q/r.svg", `<svg xmlns="http://www.w3.org/2000/svg"><rect width="5" height="5"/></svg>`)
			}},
			{name: "an edit in the old one, no longer the site's", unchanged: true, do: func(t *testing.T, site string) {
				write(t, site, "old/stories/a.md", "---\ntitle: Not served\nsummary: s\ndate: 2026-01-02\nauthors: [A]\n---\n")
			}},
		},
	}, {
		name:  "content moved away and back",
		files: withBundles("alpha"),
		steps: []scriptStep{
			{name: "mv content away", do: func(t *testing.T, site string) { move(t, site, "content", "away") }},
			{name: "mv away content", unchanged: true, do: func(t *testing.T, site string) { move(t, site, "away", "content") }},
			{name: "an edit after the return", do: func(t *testing.T, site string) {
				write(t, site, "content/stories/alpha/index.md", "---\ntitle: Back\nsummary: s\ndate: 2026-01-03\nauthors: [Ada]\n---\nBack again.\n")
			}},
		},
	}, {
		name:  "content is a link",
		files: withBundles("alpha"),
		setup: func(t *testing.T, site string) {
			move(t, site, "content", "real-content")
			link(t, site, "real-content", "content")
		},
		steps: []scriptStep{
			{name: "a story edited where the link leads", do: func(t *testing.T, site string) {
				write(t, site, "real-content/stories/a.md", "---\ntitle: Through the link\nsummary: s\ndate: 2026-01-02\nauthors: [A]\n---\n")
			}},
			{name: "a bundle made through the link", do: func(t *testing.T, site string) {
				for name, body := range bundle("delta") {
					write(t, site, "content/stories/delta/"+name, body)
				}
			}},
			{name: "an edit in the new bundle's subfolder", do: func(t *testing.T, site string) {
				write(t, site, "real-content/stories/delta/pics/q/r.svg", `<svg xmlns="http://www.w3.org/2000/svg"><rect width="6" height="6"/></svg>`)
			}},
			{name: "the link pointed elsewhere", do: func(t *testing.T, site string) {
				copyTree(t, filepath.Join(site, "real-content"), filepath.Join(site, "other-content"))
				write(t, site, "other-content/stories/a.md", "---\ntitle: Other content\nsummary: s\ndate: 2026-01-02\nauthors: [A]\n---\n")
				link(t, site, "other-content", ".content.new")
				move(t, site, ".content.new", "content")
			}},
			{name: "an edit where the link now leads", do: func(t *testing.T, site string) {
				write(t, site, "other-content/stories/delta/index.md", "---\ntitle: Delta moved\nsummary: s\ndate: 2026-01-03\nauthors: [Ada]\n---\n")
			}},
		},
	}, {
		name: "theme templates",
		steps: []scriptStep{
			{name: "a template of the built-in theme overridden", do: func(t *testing.T, site string) {
				write(t, site, "themes/default/templates/partials/card.html", `{{define "card"}}<article class="own"><a href="{{.V.Rel .P.URL}}">{{.P.Title}}</a></article>{{end}}`)
			}},
			{name: "the override edited", do: func(t *testing.T, site string) {
				write(t, site, "themes/default/templates/partials/card.html", `{{define "card"}}<article class="edited"><a href="{{.V.Rel .P.URL}}">{{.P.Title}}</a></article>{{end}}`)
			}},
			{name: "a page template overridden", do: func(t *testing.T, site string) {
				write(t, site, "themes/default/templates/404.html", `{{define "main"}}<h1>Nothing here</h1>{{end}}`)
			}},
			{name: "the overrides removed", do: func(t *testing.T, site string) {
				remove(t, site, "themes/default/templates")
			}},
		},
	}, {
		name:  "a deck's PDF, same size",
		files: withKit(),
		steps: []scriptStep{{name: "new bytes", do: func(t *testing.T, site string) {
			write(t, site, "content/decks/d/slides.pdf", "%PDF-1.5")
		}}},
	}, {
		name:  "a deck's PDF, longer",
		files: withKit(),
		steps: []scriptStep{{name: "more bytes", do: func(t *testing.T, site string) {
			write(t, site, "content/decks/d/slides.pdf", "%PDF-1.4 with more in it")
		}}},
	}, {
		name:  "a talking point's body",
		files: withKit(),
		steps: []scriptStep{{name: "the point reworded", do: func(t *testing.T, site string) {
			write(t, site, "content/talking-points/tp.md", "---\ntitle: Points\nsummary: s\ndate: 2026-01-01\ncommunity: python\n---\n## First point\n\nSay that instead.\n")
		}, check: func(t *testing.T, s *Server) {
			if text := kitFile(t, s.Files()["communities/python/kit.zip"], "python/talking-points/tp.md"); !strings.Contains(text, "Say that instead.") {
				t.Errorf("the community's kit.zip does not hold the talking point as it is now:\n%s", text)
			}
		}}},
	}, {
		name:  "events",
		files: withEvents(),
		steps: []scriptStep{
			{name: "a second deck at the event, by name", do: func(t *testing.T, site string) {
				write(t, site, "static/e.pdf", "%PDF-1.4")
				write(t, site, "content/decks/e.md", "---\ntitle: E\nsummary: s\ndate: 2026-01-05\nspeakers: [B]\nfiles: [/e.pdf]\nlicense: MIT\nevent: PyCon X\n---\n")
			}, check: func(t *testing.T, s *Server) {
				if page := string(s.Files()["events/pycon-x/index.html"]); !strings.Contains(page, "/decks/e/") {
					t.Errorf("/events/pycon-x/ does not list the new deck:\n%.600s", page)
				}
			}},
			{name: "the entry's body alone", do: func(t *testing.T, site string) {
				write(t, site, "content/events/pycon-x.md", "---\ntitle: PyCon X\nsummary: The X one.\nstart: 2025-05-01\nend: 2025-05-03\ncity: Berlin\ncountry: DE\n---\nFour days, now.\n")
			}, check: func(t *testing.T, s *Server) {
				if page := string(s.Files()["events/pycon-x/index.html"]); !strings.Contains(page, "Four days, now.") {
					t.Errorf("/events/pycon-x/ does not show the entry's new body:\n%.600s", page)
				}
			}},
			{name: "the entry's dates, place and name", do: func(t *testing.T, site string) {
				write(t, site, "content/events/pycon-x.md", "---\ntitle: PyCon Ex\nsummary: The X one.\nstart: 2025-06-01T09:00\ntimezone: Europe/Berlin\ncity: Munich\ncountry: DE\n---\nFour days, now.\n")
			}},
			{name: "a deck's event given by another name", do: func(t *testing.T, site string) {
				write(t, site, "content/decks/e.md", "---\ntitle: E\nsummary: s\ndate: 2026-01-05\nspeakers: [B]\nfiles: [/e.pdf]\nlicense: MIT\nevent: Other Meetup\n---\n")
			}},
			{name: "the entry removed, its deck's slug now wrong", do: func(t *testing.T, site string) {
				remove(t, site, "content/events/pycon-x.md")
			}},
			{name: "the deck names the event by name", do: func(t *testing.T, site string) {
				write(t, site, "content/decks/d/index.md", strings.Replace(withEvents()["content/decks/d/index.md"], "event: pycon-x", "event: PyCon X", 1))
			}, check: func(t *testing.T, s *Server) {
				if _, ok := s.Files()["events.ics"]; ok {
					t.Errorf("events.ics is served, but no event has dates")
				}
			}},
		},
	}, {
		name:  "groups",
		files: withGroup(),
		steps: []scriptStep{
			{name: "the group moves: another region, country and coordinates", do: func(t *testing.T, site string) {
				write(t, site, "content/groups/berlin.md", "---\nname: Py Munich\ncity: Munich\ncountry: DE\nregion: Central Europe\nlatitude: 48.14\nlongitude: 11.58\norganizers: [Ada]\ncommunities: [python]\n---\nMoved.\n")
			}, check: func(t *testing.T, s *Server) {
				if page := string(s.Files()["groups/index.html"]); !strings.Contains(page, "Central Europe") || !strings.Contains(page, `cx="191.58"`) {
					t.Errorf("/groups/ does not show the group where it is now:\n%.2000s", page)
				}
			}},
			{name: "the event moves to the group's city", do: func(t *testing.T, site string) {
				write(t, site, "content/events/pycon-x.md", "---\ntitle: PyCon X\nsummary: The X one.\nstart: 2025-05-01\ncity: Munich\ncountry: DE\n---\nThree days.\n")
			}, check: func(t *testing.T, s *Server) {
				if page := string(s.Files()["groups/berlin/index.html"]); !strings.Contains(page, "/events/pycon-x/") {
					t.Errorf("/groups/berlin/ does not list the event now in its city:\n%.2000s", page)
				}
			}},
			{name: "another organizer, and no community", do: func(t *testing.T, site string) {
				write(t, site, "content/groups/berlin.md", "---\nname: Py Munich\ncity: Munich\ncountry: DE\norganizers: [Grace]\n---\nMoved.\n")
			}},
			{name: "the group removed", do: func(t *testing.T, site string) { remove(t, site, "content/groups/berlin.md") }},
		},
	}, {
		name: "people",
		steps: []scriptStep{
			{name: "an author renamed", do: func(t *testing.T, site string) {
				write(t, site, "content/stories/a.md", "---\ntitle: A story\nsummary: Short.\ndate: 2026-01-02\nauthors: [Ada Lovelace]\ntags: [python]\n---\nHello.\n")
			}, check: func(t *testing.T, s *Server) {
				if _, ok := s.Files()["people/ada/index.html"]; ok {
					t.Error("the page of Ada is still served after the rename")
				}
				if !strings.Contains(string(s.Files()["people/ada-lovelace/index.html"]), "/stories/a/") {
					t.Error("the page of Ada Lovelace does not list the story")
				}
			}},
			{name: "a profile added, with another spelling", do: func(t *testing.T, site string) {
				write(t, site, "content/people/ada.md", "---\nname: Ada King\nalso_known_as: [Ada Lovelace, A]\n---\nShe wrote the first program.\n")
			}, check: func(t *testing.T, s *Server) {
				page := string(s.Files()["people/ada/index.html"])
				if !strings.Contains(page, "/stories/a/") || !strings.Contains(page, "/decks/d/") {
					t.Errorf("the profile's page does not list the story and the deck:\n%s", page)
				}
			}},
			{name: "the bio edited", do: func(t *testing.T, site string) {
				write(t, site, "content/people/ada.md", "---\nname: Ada King\nalso_known_as: [Ada Lovelace, A]\n---\nShe wrote the first program, in 1843.\n")
			}, check: func(t *testing.T, s *Server) {
				if !strings.Contains(string(s.Files()["people/ada/index.html"]), "in 1843") {
					t.Error("the person's page does not show the edited bio")
				}
			}},
			{name: "the name edited", do: func(t *testing.T, site string) {
				write(t, site, "content/people/ada.md", "---\nname: Augusta Ada King\nalso_known_as: [Ada Lovelace, A]\n---\nShe wrote the first program, in 1843.\n")
			}},
			{name: "the profile removed", do: func(t *testing.T, site string) { remove(t, site, "content/people/ada.md") }},
		},
	}, {
		name:  "the brochure",
		files: withFeatured(),
		steps: []scriptStep{
			{name: "the featured story's body alone", do: func(t *testing.T, site string) {
				write(t, site, "content/stories/a.md", strings.Replace(withFeatured()["content/stories/a.md"], "Hello.", "Hello again.", 1))
			}, check: func(t *testing.T, s *Server) {
				if page := string(s.Files()["brochure/index.html"]); !strings.Contains(page, "Hello again.") {
					t.Errorf("/brochure/ does not show the featured story's new body:\n%.2000s", page)
				}
			}},
			{name: "a second story featured", do: func(t *testing.T, site string) {
				write(t, site, "content/stories/b.md", "---\ntitle: B story\nsummary: s\ndate: 2026-01-04\nauthors: [Bo]\nfeatured: true\npull_quote: Bo said it.\n---\nThe text of b.\n")
			}, check: func(t *testing.T, s *Server) {
				if page := string(s.Files()["brochure/index.html"]); !strings.Contains(page, `id="story-b"`) || !strings.Contains(page, "Bo said it.") {
					t.Errorf("/brochure/ does not show the newly featured story:\n%.2000s", page)
				}
			}},
			{name: "the first story's pull quote and who said it", do: func(t *testing.T, site string) {
				write(t, site, "content/stories/a.md", strings.Replace(withFeatured()["content/stories/a.md"], "pull_quote: Ada said it.", "pull_quote: Ada said more.\nquote_by: Cy", 1))
			}},
			{name: "no story featured", do: func(t *testing.T, site string) {
				write(t, site, "content/stories/a.md", edits.Start()["content/stories/a.md"])
				remove(t, site, "content/stories/b.md")
			}, check: func(t *testing.T, s *Server) {
				if page := string(s.Files()["brochure/index.html"]); !strings.Contains(page, "No featured stories yet") {
					t.Errorf("/brochure/ does not say no story is featured:\n%.2000s", page)
				}
				if strings.Contains(string(s.Files()["stories/index.html"]), "/brochure/") {
					t.Error("/stories/ still links to the brochure with no story featured")
				}
			}},
		},
	}, {
		name:  "the numbers",
		files: withGroup(),
		steps: []scriptStep{
			{name: "the story moved to another month", do: func(t *testing.T, site string) {
				write(t, site, "content/stories/a.md", strings.Replace(withGroup()["content/stories/a.md"], "date: 2026-01-02", "date: 2025-11-02", 1))
			}, check: func(t *testing.T, s *Server) {
				if page := string(s.Files()["stats/index.html"]); !strings.Contains(page, "2025-11, Stories: 1") || !strings.Contains(page, "Europe, Groups: 1") {
					t.Errorf("/stats/ does not count the story in its new month, or the group:\n%.3000s", page)
				}
			}},
			{name: "the group removed", do: func(t *testing.T, site string) { remove(t, site, "content/groups/berlin.md") }, check: func(t *testing.T, s *Server) {
				if page := string(s.Files()["stats/index.html"]); strings.Contains(page, "Europe, Groups") {
					t.Errorf("/stats/ still counts the removed group:\n%.3000s", page)
				}
			}},
		},
	}, {
		name: "a story grown past its limit, then another change",
		steps: []scriptStep{
			{name: "a.md over 10 MB", do: func(t *testing.T, site string) {
				// Saved whole, so the builder never reads half of it.
				replace(t, site, "content/stories/a.md", "---\ntitle: T\nsummary: s\ndate: 2026-01-02\nauthors: [A]\n---\n"+strings.Repeat("word ", 3<<20))
			}},
			{name: "the guide edited", do: func(t *testing.T, site string) {
				write(t, site, "content/guides/g.md", "---\ntitle: G again\nsummary: s\ndate: 2026-01-01\nweight: 1\n---\n## Step\n")
			}},
		},
	}}
	for _, mode := range []string{"notify", "poll"} {
		for _, tc := range cases {
			t.Run(mode+"/"+tc.name, func(t *testing.T) {
				files := tc.files
				if files == nil {
					files = edits.Start()
				}
				site := sitetest.WriteFiles(t, files)
				if tc.setup != nil {
					tc.setup(t, site)
				}
				s, r, _ := start(t, site, mode == "poll")
				sameAsBuilt(t, "at the start", s, site, nil)
				for _, st := range tc.steps {
					before := maps.Clone(s.Files())
					st.do(t, site)
					named, err := r.catchUp(t)
					t.Logf("%s: the watcher named %q", st.name, named)
					sameAsBuilt(t, st.name, s, site, err)
					if st.check != nil {
						st.check(t, s)
					}
					same := maps.EqualFunc(before, s.Files(), func(a, b []byte) bool { return string(a) == string(b) })
					if err == nil && same != st.unchanged {
						t.Errorf("%s: what is served changed: %v, want %v", st.name, !same, !st.unchanged)
					}
				}
			})
		}
	}
}

// sameAsBuilt fails the test unless the server holds what a fresh build
// of the site writes, or, when that build fails, the server's latest
// rebuild (whose error is err) failed too and shows problems.
func sameAsBuilt(t *testing.T, what string, s *Server, site string, err error) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "out")
	_, buildErr := build.Build(context.Background(), build.Config{SiteDir: site, OutDir: out, BaseURL: "http://127.0.0.1:1313/"})
	switch {
	case buildErr != nil && err == nil:
		t.Fatalf("%s: a fresh build fails, but the server built:\n%v", what, buildErr)
	case buildErr != nil && len(s.Problems()) == 0:
		t.Fatalf("%s: a fresh build fails, but the server shows no problems", what)
	case buildErr != nil:
		return
	case err != nil:
		t.Fatalf("%s: a fresh build succeeds, but the server's rebuild failed: %v", what, err)
	}
	edits.Same(t, what, s.Files(), out, build.Marker)
}

func write(t *testing.T, site, name, body string) {
	t.Helper()
	p := filepath.Join(site, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}

// replace writes a file beside name and renames it over name, as editors
// save.
func replace(t *testing.T, site, name, body string) {
	t.Helper()
	tmp := path.Join(path.Dir(name), ".new."+path.Base(name))
	write(t, site, tmp, body)
	move(t, site, tmp, name)
}

func move(t *testing.T, site, from, to string) {
	t.Helper()
	if err := os.Rename(filepath.Join(site, filepath.FromSlash(from)), filepath.Join(site, filepath.FromSlash(to))); err != nil {
		t.Fatal(err)
	}
}

func remove(t *testing.T, site, name string) {
	t.Helper()
	if err := os.RemoveAll(filepath.Join(site, filepath.FromSlash(name))); err != nil {
		t.Fatal(err)
	}
}

// link makes name a symbolic link to target, both in the site folder.
func link(t *testing.T, site, target, name string) {
	t.Helper()
	if err := os.Symlink(target, filepath.Join(site, filepath.FromSlash(name))); err != nil {
		t.Skipf("cannot make a symbolic link here: %v", err)
	}
}

// copyTree copies a folder with its files' times, as cp -a does.
func copyTree(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		dst := filepath.Join(to, rel)
		if d.IsDir() {
			return os.MkdirAll(dst, 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		if err := os.WriteFile(dst, data, 0o644); err != nil {
			return err
		}
		return os.Chtimes(dst, info.ModTime(), info.ModTime())
	})
	if err != nil {
		t.Fatal(err)
	}
}

// sameTimes gives every file under dir one modification time.
func sameTimes(t *testing.T, site, dir string) {
	t.Helper()
	when := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	filepath.WalkDir(filepath.Join(site, dir), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			err = os.Chtimes(p, when, when)
		}
		if err != nil {
			t.Fatal(err)
		}
		return nil
	})
}

// sameSize replaces old with new (of the same length) in a file, keeping
// its modification time.
func sameSize(t *testing.T, name, old, new string) {
	t.Helper()
	info, err := os.Stat(name)
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(strings.ReplaceAll(string(data), old, new)), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(name, info.ModTime(), info.ModTime()); err != nil {
		t.Fatal(err)
	}
}

// kitFile is the text of the file name in a kit archive.
func kitFile(t *testing.T, kit []byte, name string) string {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(kit), int64(len(kit)))
	if err != nil {
		t.Fatalf("the kit is not a zip: %v", err)
	}
	f, err := z.Open(name)
	if err != nil {
		t.Fatalf("the kit has no %s: %v", name, err)
	}
	defer f.Close()
	data, err := io.ReadAll(f)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}
