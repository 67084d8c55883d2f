package build

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html"

	"github.com/storyhub/storyhub/internal/content"
	"github.com/storyhub/storyhub/internal/corpus"
	"github.com/storyhub/storyhub/internal/sitetest"
)

// now is a fixed build moment, so tests do not depend on the clock.
var now = time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)

func buildInto(t *testing.T, siteDir string, opts ...func(*Config)) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "public")
	cfg := Config{SiteDir: siteDir, OutDir: out, Now: now}
	for _, o := range opts {
		o(&cfg)
	}
	if _, err := Build(context.Background(), cfg); err != nil {
		t.Fatalf("build %s: %v", siteDir, err)
	}
	return out
}

// TestHub builds the hub this repository holds and checks every page,
// link and feed of the result.
func TestHub(t *testing.T) {
	out := buildInto(t, "../..")
	checkSite(t, out, "https://stories.example.org/")
	for _, want := range []string{
		"index.html", "stories/index.html", "decks/index.html", "talking-points/index.html", "guides/index.html",
		"tags/index.html", "communities/education/index.html", "feed.xml", "atom.xml", "stories/feed.xml",
		"sitemap.xml", "robots.txt", "404.html", "css/style.css", "people/index.html", "people/aoife-brennan/feed.xml",
	} {
		if _, err := os.Stat(filepath.Join(out, want)); err != nil {
			t.Errorf("missing %s", want)
		}
	}
	count := func(dir string) int {
		entries, _ := os.ReadDir(filepath.Join(out, dir))
		n := 0
		for _, e := range entries {
			if e.IsDir() && e.Name() != "page" {
				n++
			}
		}
		return n
	}
	if n := count("stories"); n < 12 {
		t.Errorf("%d stories, want at least 12", n)
	}
	if n := count("decks"); n < 4 {
		t.Errorf("%d decks, want at least 4", n)
	}
	if n := count("talking-points"); n < 5 {
		t.Errorf("%d talking points, want at least 5", n)
	}
	if n := count("guides"); n < 3 {
		t.Errorf("%d guides, want at least 3", n)
	}
	// Every author, speaker and owner has a page, and a profile marked
	// as example data.
	if n := count("people"); n < 19 {
		t.Errorf("%d people, want at least 19", n)
	}
	profiles, _ := filepath.Glob("../../content/people/*.md")
	for _, f := range profiles {
		page, err := os.ReadFile(filepath.Join(out, "people", strings.TrimSuffix(filepath.Base(f), ".md"), "index.html"))
		if err != nil || !bytes.Contains(page, []byte("example data")) {
			t.Errorf("the page of %s does not say it is example data (%v)", f, err)
		}
	}
}

// TestCorpus builds the 1,000-story corpus of package corpus.
func TestCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("the corpus build takes a few seconds; skipped with -short")
	}
	site := t.TempDir()
	if err := corpus.Write(site, corpus.Options{Stories: 1000, Seed: 1}); err != nil {
		t.Fatalf("writing the corpus: %v", err)
	}
	out := buildInto(t, site)
	checkSite(t, out, "http://localhost:1313/")
	stories, _ := filepath.Glob(filepath.Join(out, "stories", "story-*", "index.html"))
	if len(stories) != 1000 {
		t.Errorf("%d story pages, want 1000", len(stories))
	}
	decks, _ := filepath.Glob(filepath.Join(out, "decks", "deck-*", "index.html"))
	if len(decks) != 50 {
		t.Errorf("%d deck pages, want 50", len(decks))
	}
	pages, _ := filepath.Glob(filepath.Join(out, "stories", "page", "*", "index.html"))
	if len(pages) != 49 { // 1000 stories, 20 a page: 50 pages, the first at /stories/
		t.Errorf("%d further story list pages, want 49", len(pages))
	}
}

// checkSite parses every HTML page and feed of a built site and follows
// every link and file reference inside it.
func checkSite(t *testing.T, out, base string) {
	t.Helper()
	baseURL, _ := url.Parse(base)
	var pages, feeds int
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(out, p)
		rel = filepath.ToSlash(rel)
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		switch path.Ext(p) {
		case ".html":
			pages++
			checkPage(t, out, rel, data, baseURL)
		case ".xml":
			if strings.HasSuffix(rel, "feed.xml") || rel == "atom.xml" {
				feeds++
				checkFeed(t, out, rel, data, baseURL)
			} else {
				wellFormed(t, rel, data)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if pages == 0 || feeds == 0 {
		t.Fatalf("%d pages and %d feeds checked", pages, feeds)
	}
}

func checkPage(t *testing.T, out, rel string, data []byte, base *url.URL) {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		t.Errorf("%s: %v", rel, err)
		return
	}
	var titles, h1s int
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "html":
				if attr(n, "lang") == "" {
					t.Errorf("%s: <html> has no lang", rel)
				}
			case "title":
				// The document's; an SVG's <title> names a shape (the map of groups).
				if n.Namespace == "" {
					titles++
				}
			case "h1":
				h1s++
			case "script":
				// Structured data is a data block, not a script: it must
				// parse as JSON and never close its element early.
				if attr(n, "type") == "application/ld+json" {
					var v any
					if n.FirstChild == nil || json.Unmarshal([]byte(n.FirstChild.Data), &v) != nil {
						t.Errorf("%s: JSON-LD that is not JSON", rel)
					}
					break
				}
				// Scripts are the theme's own, each on the pages it
				// serves, loaded from the site: never inline, never
				// another host's.
				src, ok := attrOK(n, "src")
				want := pageScript(rel)
				switch {
				case n.FirstChild != nil:
					t.Errorf("%s: a <script> with inline content in built output", rel)
				case want == "" || !ok || src != strings.TrimSuffix(base.Path, "/")+want:
					t.Errorf("%s: a <script src=%q> in built output (the page may load only %q)", rel, src, want)
				}
			case "img":
				if _, ok := attrOK(n, "alt"); !ok {
					t.Errorf("%s: <img> without alt", rel)
				}
			}
			for _, key := range []string{"href", "src"} {
				if v, ok := attrOK(n, key); ok {
					checkLink(t, out, rel, v, base)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if titles != 1 {
		t.Errorf("%s: %d <title> elements", rel, titles)
	}
	if h1s > 1 || (h1s == 0 && !isAlias(data)) {
		t.Errorf("%s: %d <h1> elements", rel, h1s)
	}
}

func isAlias(page []byte) bool { return bytes.Contains(page, []byte(`http-equiv="refresh"`)) }

func attr(n *html.Node, key string) string {
	v, _ := attrOK(n, key)
	return v
}

func attrOK(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

// checkLink follows a link to this site into the output folder.
func checkLink(t *testing.T, out, from, link string, base *url.URL) {
	t.Helper()
	u, err := url.Parse(link)
	if err != nil {
		t.Errorf("%s: bad link %q", from, link)
		return
	}
	if u.Scheme != "" || u.Host != "" {
		if u.Host != base.Host {
			return // another site
		}
	} else if !strings.HasPrefix(u.Path, "/") {
		if u.Path == "" {
			return // a #fragment
		}
		t.Errorf("%s: relative link %q; links must be site paths", from, link)
		return
	}
	p := strings.TrimPrefix(u.Path, strings.TrimSuffix(base.Path, "/"))
	target := filepath.Join(out, filepath.FromSlash(p))
	if strings.HasSuffix(p, "/") {
		target = filepath.Join(target, "index.html")
	}
	if _, err := os.Stat(target); err != nil {
		t.Errorf("%s: broken link %q", from, link)
	}
}

func wellFormed(t *testing.T, rel string, data []byte) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	for {
		_, err := d.Token()
		if errors.Is(err, io.EOF) {
			return
		}
		if err != nil {
			t.Errorf("%s is not well-formed XML: %v", rel, err)
			return
		}
	}
}

func checkFeed(t *testing.T, out, rel string, data []byte, base *url.URL) {
	t.Helper()
	wellFormed(t, rel, data)
	f, err := gofeed.NewParser().Parse(bytes.NewReader(data))
	if err != nil {
		t.Errorf("%s: feed parser: %v", rel, err)
		return
	}
	if f.Title == "" || f.Link == "" {
		t.Errorf("%s: title %q, link %q", rel, f.Title, f.Link)
	}
	for _, it := range f.Items {
		if !strings.HasPrefix(it.Link, base.String()) {
			t.Errorf("%s: item link %q is not an absolute URL of the site", rel, it.Link)
		}
		checkLink(t, out, rel, it.Link, base)
		if rootRelative.MatchString(it.Content) {
			t.Errorf("%s: item %q content has a site-relative link, which a feed reader cannot follow", rel, it.Title)
		}
		if it.PublishedParsed == nil {
			t.Errorf("%s: item %q has no date", rel, it.Title)
		}
		for _, e := range it.Enclosures {
			checkLink(t, out, rel, e.URL, base)
			if e.Length == "" || e.Length == "0" || e.Type == "" {
				t.Errorf("%s: enclosure %+v", rel, e)
			}
		}
	}
}

var rootRelative = regexp.MustCompile(`(href|src)="/[^/]`)

// TestDeckDownloads checks the computed size and hash of the hub's decks
// against the files the build published.
func TestDeckDownloads(t *testing.T) {
	out := buildInto(t, "../..")
	decks, _ := filepath.Glob("../../content/decks/*/index.md")
	if len(decks) == 0 {
		t.Fatal("no decks in the hub")
	}
	for _, d := range decks {
		dir := filepath.Dir(d)
		page, err := os.ReadFile(filepath.Join(out, "decks", filepath.Base(dir), "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		files, _ := filepath.Glob(filepath.Join(dir, "*.pdf"))
		for _, f := range files {
			data, _ := os.ReadFile(f)
			sum := fmt.Sprintf("%x", sha256.Sum256(data))
			if !bytes.Contains(page, []byte(sum)) {
				t.Errorf("%s: page lacks the SHA-256 of %s", dir, filepath.Base(f))
			}
			published, err := os.ReadFile(filepath.Join(out, "decks", filepath.Base(dir), filepath.Base(f)))
			if err != nil || !bytes.Equal(published, data) {
				t.Errorf("%s: %s is not published byte for byte", dir, filepath.Base(f))
			}
		}
	}
}

// TestReproducible builds twice and compares every byte.
func TestReproducible(t *testing.T) {
	a, b := buildInto(t, "../.."), buildInto(t, "../..")
	ta, tb := tree(t, a), tree(t, b)
	if len(ta) != len(tb) {
		t.Fatalf("%d files, then %d", len(ta), len(tb))
	}
	for name, sum := range ta {
		if tb[name] != sum {
			t.Errorf("%s differs between two builds", name)
		}
	}
}

// tree maps each file under dir to its hash.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	m := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		m[rel] = fmt.Sprintf("%x", sha256.Sum256(data))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// openSite opens the site folder dir as build and check read it: through
// os.Root, a Root per folder.
func openSite(tb testing.TB, dir string) *Folders {
	tb.Helper()
	root, err := os.OpenRoot(dir)
	if err != nil {
		tb.Fatal(err)
	}
	site := NewFolders(root)
	tb.Cleanup(func() { site.Close(); root.Close() })
	return site
}

const story = "---\ntitle: A story\nsummary: Short.\ndate: 2026-01-02\nauthors: [Ada]\ntags: [python]\n---\nHello.\n"

// TestFailedBuildKeepsOutput: a build with errors leaves the previous
// site exactly as it was.
func TestFailedBuildKeepsOutput(t *testing.T) {
	site := sitetest.WriteFiles(t, map[string]string{"content/stories/a.md": story})
	out := filepath.Join(t.TempDir(), "public")
	cfg := Config{SiteDir: site, OutDir: out, Now: now}
	if _, err := Build(context.Background(), cfg); err != nil {
		t.Fatal(err)
	}
	before := tree(t, out)
	os.WriteFile(filepath.Join(site, "content/stories/b.md"), []byte("---\ntitle: B\n---\n"), 0o644)
	_, err := Build(context.Background(), cfg)
	var list content.ErrorList
	if !errors.As(err, &list) || len(list) != 3 {
		t.Fatalf("build error %v, want the 3 missing fields of b.md", err)
	}
	after := tree(t, out)
	if fmt.Sprint(before) != fmt.Sprint(after) {
		t.Errorf("the output changed after a failed build")
	}
	leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(out), ".public.tmp-*"))
	if len(leftovers) != 0 {
		t.Errorf("temporary folders left: %v", leftovers)
	}
}

// TestOutputFolderSafety: never replace a folder storyhub did not make.
func TestOutputFolderSafety(t *testing.T) {
	site := sitetest.WriteFiles(t, map[string]string{"content/stories/a.md": story})
	mine := sitetest.WriteFiles(t, map[string]string{"notes.txt": "precious"})
	for out, why := range map[string]string{
		mine:                                     "is not empty and was not made by storyhub",
		site:                                     "holds the site itself",
		filepath.Join(site, "content", "public"): "is inside the site's content/",
		filepath.Join(site, "static"):            "is inside the site's static/",
	} {
		_, err := Build(context.Background(), Config{SiteDir: site, OutDir: out, Now: now})
		if err == nil || !strings.Contains(err.Error(), why) {
			t.Errorf("building into %s: %v, want an error saying it %s", out, err, why)
		}
	}
	if data, _ := os.ReadFile(filepath.Join(mine, "notes.txt")); string(data) != "precious" {
		t.Error("a user's file was touched")
	}
}

// TestThemeOverride: a site's own theme file replaces the built-in one,
// and the rest of the built-in theme stays.
func TestThemeOverride(t *testing.T) {
	site := sitetest.WriteFiles(t, map[string]string{
		"content/stories/a.md":              story,
		"themes/default/templates/404.html": `{{define "main"}}<h1>Lost, friend?</h1>{{end}}`,
		"themes/default/static/extra.css":   "body { color: red }",
	})
	out := buildInto(t, site)
	if page, _ := os.ReadFile(filepath.Join(out, "404.html")); !bytes.Contains(page, []byte("Lost, friend?")) {
		t.Errorf("404 page not overridden: %s", page)
	}
	for _, f := range []string{"extra.css", "css/style.css", "stories/a/index.html"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Errorf("missing %s", f)
		}
	}
}

// TestBaseURLPath: a site served under a path links everything below it.
func TestBaseURLPath(t *testing.T) {
	site := sitetest.WriteFiles(t, map[string]string{"content/stories/a.md": story})
	out := buildInto(t, site, func(c *Config) { c.BaseURL = "https://example.org/hub/" })
	checkSite(t, out, "https://example.org/hub/")
	page, _ := os.ReadFile(filepath.Join(out, "index.html"))
	if !bytes.Contains(page, []byte(`href="/hub/stories/a/"`)) {
		t.Errorf("home page does not link /hub/stories/a/")
	}
}

// pageScript is the one script of the theme a built page may load: the
// search page's, a guide's checklist, the filters of the deck lists; ""
// for none.
func pageScript(rel string) string {
	switch {
	case rel == "search/index.html":
		return "/js/search.js"
	case strings.HasPrefix(rel, "guides/") && strings.Count(rel, "/") == 2 && !strings.HasPrefix(rel, "guides/page/"):
		return "/js/checklist.js"
	case strings.HasPrefix(rel, "decks/"):
		return "/js/filter.js"
	}
	return ""
}
