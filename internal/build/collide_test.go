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

// storyWith is a story whose front matter ends with extra, from line 6.
func storyWith(extra string) string {
	return "---\ntitle: T\nsummary: S.\ndate: 2026-01-01\nauthors: [Ada]\n" + extra + "---\nText.\n"
}

// TestPathsClaimedOnce: every output path is made once. Each row is a
// small site beside the same few files (a story b tagged python, a
// community web with a kit, one entry per list page); its errors are
// the same from check and from build, at the line or file that asked for
// the path, and naming what else is there. A build never fails with a
// write error, and writes nothing.
func TestPathsClaimedOnce(t *testing.T) {
	base := map[string]string{
		"site.toml":                   "page_size = 1\n[communities.web]\nname = \"Web\"\n",
		"content/stories/b.md":        storyWith("tags: [python]\ncommunity: web\n"),
		"content/stories/c.md":        storyWith(""),
		"content/talking-points/w.md": "---\ntitle: W\nsummary: S.\ndate: 2026-01-01\ncommunity: web\n---\n## Point\n",
	}
	alias := func(paths string) map[string]string {
		return map[string]string{"content/stories/a.md": storyWith("aliases: [" + paths + "]\n")}
	}
	const (
		png      = "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
		aliasFix = " (remove the alias, or give it an old URL that no page has)"
		spaceFix = " (an alias may only be a URL the site does not make; remove it)"
		fileFix  = " (rename or remove the file)"
	)
	tests := []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{"alias onto the home page", alias(`"/index.html"`), []string{
			"content/stories/a.md:6:11: alias /index.html: index.html is also the home page" + aliasFix}},
		{"alias onto the site's feed", alias(`"/feed.xml"`), []string{
			"content/stories/a.md:6:11: alias /feed.xml/: feed.xml/index.html uses the name feed.xml, which the site keeps for feeds, in every folder" + spaceFix}},
		{"alias onto the Atom feed", alias(`/atom.xml`), []string{
			"content/stories/a.md:6:11: alias /atom.xml/: atom.xml/index.html uses the name atom.xml, which the site keeps for feeds, in every folder" + spaceFix}},
		{"alias onto a section's feed", alias(`/stories/feed.xml`), []string{
			"content/stories/a.md:6:11: alias /stories/feed.xml/: stories/feed.xml/index.html uses the name feed.xml, which the site keeps for feeds, in every folder" + spaceFix}},
		{"alias onto the sitemap", alias(`/sitemap.xml`), []string{
			"content/stories/a.md:6:11: alias /sitemap.xml/: sitemap.xml/index.html needs the folder sitemap.xml, which is also the sitemap" + aliasFix}},
		{"alias onto robots.txt", alias(`/robots.txt`), []string{
			"content/stories/a.md:6:11: alias /robots.txt/: robots.txt/index.html needs the folder robots.txt, which is also the site's robots.txt" + aliasFix}},
		{"alias onto the 404 page", alias(`/404.html`), []string{
			"content/stories/a.md:6:11: alias /404.html: 404.html is also the page for missing pages" + aliasFix}},
		{"alias onto the theme's stylesheet", alias(`/css/style.css`), []string{
			"content/stories/a.md:6:11: alias /css/style.css/: css/style.css/index.html is in /css/, which the site keeps for the theme's files" + spaceFix}},
		{"alias onto the search index", alias(`/search/index.json`), []string{
			"content/stories/a.md:6:11: alias /search/index.json/: search/index.json/index.html is in /search/, which the site keeps for the search page and its index" + spaceFix}},
		{"alias onto a tag page that exists", alias(`/tags/python/`), []string{
			"content/stories/a.md:6:11: alias /tags/python/: tags/python/index.html is in /tags/, which the site keeps for the tag pages" + spaceFix}},
		{"alias onto a tag page nobody made yet", alias(`/tags/rust/`), []string{
			"content/stories/a.md:6:11: alias /tags/rust/: tags/rust/index.html is in /tags/, which the site keeps for the tag pages" + spaceFix}},
		{"alias onto a section's list", alias(`/stories/`), []string{
			"content/stories/a.md:6:11: alias /stories/: stories/index.html is also the list of stories" + aliasFix}},
		{"alias onto a paginated list page", alias(`/stories/page/2/`), []string{
			"content/stories/a.md:6:11: alias /stories/page/2/: stories/page/2/index.html is in /stories/page/, which the site keeps for the later pages of the list of stories" + spaceFix}},
		{"alias onto a community page", alias(`/communities/web/`), []string{
			"content/stories/a.md:6:11: alias /communities/web/: communities/web/index.html is in /communities/, which the site keeps for the community pages and kits" + spaceFix}},
		{"alias onto a community kit", alias(`/communities/web/kit.zip`), []string{
			"content/stories/a.md:6:11: alias /communities/web/kit.zip/: communities/web/kit.zip/index.html is in /communities/, which the site keeps for the community pages and kits" + spaceFix}},
		{"alias into a space coming later", alias(`/people/ada/`), []string{
			"content/stories/a.md:6:11: alias /people/ada/: people/ada/index.html is in /people/, which the site keeps for the people's pages" + spaceFix}},
		{"alias onto another writer's page", alias(`/stories/b/`), []string{
			"content/stories/a.md:6:11: alias /stories/b/: stories/b/index.html is also the page of content/stories/b.md" + aliasFix}},
		{"alias without its slash onto another writer's page", alias(`/stories/b`), []string{
			"content/stories/a.md:6:11: alias /stories/b/: stories/b/index.html is also the page of content/stories/b.md" + aliasFix}},
		{"alias onto a page, in other case", alias(`/Stories/B/`), []string{
			"content/stories/a.md:6:11: alias /Stories/B/: Stories/B/index.html is also the page of content/stories/b.md, written stories/b/index.html: on macOS and Windows these are one file" + aliasFix}},
		{"two writers' aliases", map[string]string{
			"content/stories/a.md": storyWith("aliases: [/old/]\n"),
			"content/stories/d.md": storyWith("aliases:\n  - /old\n"),
		}, []string{
			"content/stories/a.md:6:11: alias /old/: old/index.html is also the alias /old/ at content/stories/d.md:7:5" + aliasFix,
			"content/stories/d.md:7:5: alias /old/: old/index.html is also the alias /old/ at content/stories/a.md:6:11" + aliasFix,
		}},
		{"one file, one folder", map[string]string{
			"content/stories/a.md": storyWith("aliases: [/2019/x.html]\n"),
			"content/stories/d.md": storyWith("aliases: [/2019/x.html/y/]\n"),
		}, []string{
			"content/stories/a.md:6:11: alias /2019/x.html: 2019/x.html is a file, but the alias /2019/x.html/y/ at content/stories/d.md:6:11 needs it to be a folder (for 2019/x.html/y/index.html)" + aliasFix,
			"content/stories/d.md:6:11: alias /2019/x.html/y/: 2019/x.html/y/index.html needs the folder 2019/x.html, which is also the alias /2019/x.html at content/stories/a.md:6:11" + aliasFix,
		}},
		{"names one file on macOS: composed and decomposed", map[string]string{
			"content/stories/a.md": storyWith("aliases: [/caf\u00e9/]\n"),
			"content/stories/d.md": storyWith("aliases: [/cafe\u0301/]\n"),
		}, []string{
			"content/stories/a.md:6:11: alias /caf\u00e9/: caf\u00e9/index.html is also the alias /cafe\u0301/ at content/stories/d.md:6:11, written cafe\u0301/index.html: on macOS and Windows these are one file" + aliasFix,
			"content/stories/d.md:6:11: alias /cafe\u0301/: cafe\u0301/index.html is also the alias /caf\u00e9/ at content/stories/a.md:6:11, written caf\u00e9/index.html: on macOS and Windows these are one file" + aliasFix,
		}},
		{"names one file on Windows: a trailing dot", alias(`/old./, /old/`), []string{
			"content/stories/a.md:6:11: alias /old./: old./index.html is also the alias /old/ at content/stories/a.md:6:19, written old/index.html: on macOS and Windows these are one file" + aliasFix,
			"content/stories/a.md:6:19: alias /old/: old/index.html is also the alias /old./ at content/stories/a.md:6:11, written old./index.html: on macOS and Windows these are one file" + aliasFix,
		}},
		{"two pages with one slug", map[string]string{
			"content/stories/a.md": storyWith("slug: c\n"),
		}, []string{
			"content/stories/a.md:6:7: stories/c/index.html is also the page of content/stories/c.md (give one of them another slug)",
			"content/stories/c.md: stories/c/index.html is also the page of content/stories/a.md (give one of them another slug)",
		}},
		{"a page slugged page", map[string]string{
			"content/stories/a.md": storyWith("slug: page\n"),
		}, []string{
			"content/stories/a.md:6:7: stories/page/index.html is in /stories/page/, which the site keeps for the later pages of the list of stories (give it another slug)",
		}},
		{"a bundle file onto its own page", map[string]string{
			"content/stories/names/index.md":   storyWith(""),
			"content/stories/names/index.html": "<p>mine</p>",
		}, []string{
			// Refused by type too; the path is checked whatever the type.
			"content/stories/names/index.html: a bundle may not publish files of type .html (a bundle holds images (PNG, JPG, GIF, WEBP, AVIF, SVG) and downloads (PDF, ODP, ODT, ODS, PPTX, DOCX, XLSX, KEY, ZIP, TXT, CSV, IPYNB, MP4, WEBM); write text in index.md, and remove this file)",
			"content/stories/names/index.html: stories/names/index.html is also the page of content/stories/names/index.md" + fileFix,
		}},
		{"a bundle named page holding a later list page", map[string]string{
			"content/guides/page/index.md":    "---\ntitle: G\nsummary: S.\ndate: 2026-01-01\n---\n",
			"content/guides/page/2/photo.png": png,
		}, []string{
			"content/guides/page/2/photo.png: guides/page/2/photo.png is in /guides/page/, which the site keeps for the later pages of the list of guides" + fileFix,
			"content/guides/page/index.md: guides/page/index.html is in /guides/page/, which the site keeps for the later pages of the list of guides (give it another slug)",
		}},
		{"a bundle file named like a feed", map[string]string{
			"content/stories/names/index.md":           storyWith(""),
			"content/stories/names/feed.xml/cover.png": png,
		}, []string{
			"content/stories/names/feed.xml/cover.png: stories/names/feed.xml/cover.png uses the name feed.xml, which the site keeps for feeds, in every folder" + fileFix,
		}},
		{"a bundle image where an alias goes", map[string]string{
			"content/stories/names/index.md":  storyWith(""),
			"content/stories/names/photo.png": png,
			"content/stories/a.md":            storyWith("aliases: [/stories/names/photo.png]\n"),
		}, []string{
			"content/stories/a.md:6:11: alias /stories/names/photo.png/: stories/names/photo.png/index.html needs the folder stories/names/photo.png, which is also the bundle file content/stories/names/photo.png" + aliasFix,
			"content/stories/names/photo.png: stories/names/photo.png is a file, but the alias /stories/names/photo.png/ at content/stories/a.md:6:11 needs it to be a folder (for stories/names/photo.png/index.html)" + fileFix,
		}},
		{"a bundle image onto a static file", map[string]string{
			"content/stories/names/index.md":  storyWith(""),
			"content/stories/names/photo.png": png,
			"static/stories/names/photo.png":  png,
		}, []string{
			"content/stories/names/photo.png: stories/names/photo.png is also the site's file static/stories/names/photo.png" + fileFix,
		}},
		{"a static file onto the home page", map[string]string{"static/index.html": "<p>mine</p>"}, []string{
			"static/index.html: index.html is also the home page (remove or rename the file under static/: the build makes this path itself)",
		}},
		{"a static file onto a community kit", map[string]string{"static/communities/web/kit.zip": "zip"}, []string{
			"static/communities/web/kit.zip: communities/web/kit.zip is also the kit of community web (remove or rename the file under static/: the build makes this path itself)",
		}},
		{"a static file replaces the theme's", map[string]string{"static/css/style.css": "body { color: red }"}, nil},
		{"an alias where no page is", alias(`/2019/old/, /old.html`), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{}
			for name, body := range base {
				files[name] = body
			}
			for name, body := range tt.files {
				files[name] = body
			}
			dir := sitetest.WriteFiles(t, files)
			check := func(what string, err error) {
				t.Helper()
				var list content.ErrorList
				if err != nil && !errors.As(err, &list) {
					t.Fatalf("%s: %v, want a list of problems", what, err)
				}
				var got []string
				for _, e := range list {
					got = append(got, e.Error())
				}
				if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
					t.Errorf("%s:\n%s\nwant:\n%s", what, strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
				}
			}
			root, err := os.OpenRoot(dir)
			if err != nil {
				t.Fatal(err)
			}
			defer root.Close()
			_, err = Load(context.Background(), Config{SiteDir: dir, Now: now, CheckOnly: true}, root.FS(), nil)
			check("check", err)
			out := filepath.Join(t.TempDir(), "public")
			_, err = Build(context.Background(), Config{SiteDir: dir, OutDir: out, Now: now})
			check("build", err)
			if _, statErr := os.Stat(out); len(tt.want) > 0 && statErr == nil {
				t.Error("a build with errors wrote its output folder")
			}
		})
	}
}
