package render

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"maps"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/storyhub/storyhub/internal/content"
	"github.com/storyhub/storyhub/internal/markdown"
	"github.com/storyhub/storyhub/internal/site"
	"github.com/storyhub/storyhub/themes"
)

// kitFiles is a site with one community, education, that has a story of
// each date, a deck with a file, talking points that link to the deck
// and show an image, and a guide; and a community, art, with a story
// alone.
func kitFiles() map[string]string {
	return map[string]string{
		"content/stories/a.md": "---\ntitle: Python in *schools*\nsummary: How a district moved.\ndate: 2026-03-01\nauthors: [Ada]\ncommunity: education\n---\nbody\n",
		"content/stories/b.md": "---\ntitle: Teachers [together]\nsummary: A network.\ndate: 2026-01-15\nauthors: [Bo]\ncommunity: education\n---\nbody\n",
		"content/stories/c.md": "---\ntitle: A gallery\nsummary: Pictures.\ndate: 2025-07-04\nauthors: [Cy]\ncommunity: art\n---\nbody\n",
		"content/decks/intro.md": "---\ntitle: Intro deck\nsummary: Slides.\ndate: 2026-01-01\nlast_reviewed: 2026-04-02\nspeakers: [Bo]\n" +
			"files: [/d.pdf]\nlicense: CC-BY-4.0\ncommunity: education\n---\n",
		"content/talking-points/edu.md": "---\ntitle: Why Python\nsummary: Points.\ndate: 2025-12-01\nlast_reviewed: 2026-02-10\ncommunity: education\nowners: [Dee]\n---\n" +
			"## One\n\nShow [the deck](/decks/intro/), [the point](#one) and ![A chart](/chart.png).\n",
		"content/guides/start.md": "---\ntitle: Starting a group\nsummary: First steps.\ndate: 2025-11-01\nchecklist: [Find a room]\nfiles: [/g.pdf]\n---\nbody\n",
	}
}

// kitSiteFS is the site of kitFiles, with the static files they name.
func kitSiteFS() fstest.MapFS {
	fsys := fstest.MapFS{
		"static/d.pdf":     {Data: []byte("%PDF-1.4\n% the slides\n")},
		"static/chart.png": {Data: []byte("\x89PNG\r\n\x1a\n")},
		"static/g.pdf":     {Data: []byte("%PDF-1.4\n% a checklist\n")},
	}
	for name, src := range kitFiles() {
		fsys[name] = &fstest.MapFile{Data: []byte(src)}
	}
	return fsys
}

// kitsOf builds the site of kitFiles and returns every kit it makes, by
// path, and the community pages.
func kitsOf(t *testing.T, deps *Deps) map[string][]byte {
	t.Helper()
	got, err := communityOutputs(t, kitSiteFS(), deps)
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// communityOutputs builds the site in fsys and makes the outputs under
// communities/: the first error is a making's.
func communityOutputs(t *testing.T, fsys fstest.MapFS, deps *Deps) (map[string][]byte, error) {
	t.Helper()
	cfg := site.DefaultConfig()
	cfg.BaseURL = "https://hub.example.org/"
	docs, errs := content.Load(fsys, content.DefaultKinds())
	if errs.Err() != nil {
		t.Fatal(errs)
	}
	s, errs := site.New(cfg, docs, site.Options{Now: time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)}, markdown.New(nil), nil)
	if errs.Err() != nil {
		t.Fatal(errs)
	}
	r, err := New(themes.Default(), "themes/default", content.DefaultKinds(), true)
	if err != nil {
		t.Fatal(err)
	}
	static, _, err := StaticFiles(fsys)
	if err != nil {
		t.Fatal(err)
	}
	outs, _, err := r.Plan(s, fsys, static)
	if err != nil {
		t.Fatal(err)
	}
	if deps != nil {
		deps.Update(r, s)
	}
	pass := NewPass(deps, true)
	got := map[string][]byte{}
	for i := range outs {
		o := &outs[i]
		if !strings.HasPrefix(o.Path, "communities/") {
			continue
		}
		var a, b bytes.Buffer
		data, _, err := pass.Make(o, &a, &b)
		if err != nil {
			return nil, err
		}
		got[o.Path] = bytes.Clone(data)
	}
	return got, nil
}

// TestKitSameFileName: two files of one deck with one name would be one
// entry of the kit; the build says which, where.
func TestKitSameFileName(t *testing.T) {
	fsys := fstest.MapFS{
		"content/decks/two/index.md": {Data: []byte("---\ntitle: Two\nsummary: Slides.\ndate: 2026-01-01\nspeakers: [Bo]\n" +
			"files: [slides.pdf, /slides.pdf]\nlicense: CC-BY-4.0\ncommunity: education\n---\n")},
		"content/decks/two/slides.pdf": {Data: []byte("%PDF-1.4\n% one\n")},
		"static/slides.pdf":            {Data: []byte("%PDF-1.4\n% two\n")},
	}
	_, err := communityOutputs(t, fsys, nil)
	want := "content/decks/two/index.md:6:21: a second file named slides.pdf: the kit of community education holds the entry's files in one folder, decks/two/ (rename one of the two files)"
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("two files named slides.pdf: got %v, want an error with\n%s", err, want)
	}
}

func TestKit(t *testing.T) {
	outs := kitsOf(t, nil)
	data := outs["communities/education/kit.zip"]
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("the kit is not a zip: %v", err)
	}
	day := func(s string) time.Time {
		d, err := time.Parse(time.DateOnly, s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	// Each entry's time is its content's: the newest of all for the
	// README, the last review when later than the date, the newest story.
	want := map[string]time.Time{
		"education/README.md":               day("2026-04-02"),
		"education/talking-points/edu.md":   day("2026-02-10"),
		"education/talking-points/edu.html": day("2026-02-10"),
		"education/decks/intro/d.pdf":       day("2026-04-02"),
		"education/guides/start.html":       day("2025-11-01"),
		"education/guides/start/g.pdf":      day("2025-11-01"),
		"education/stories.md":              day("2026-03-01"),
	}
	files := map[string]string{}
	for _, f := range z.File {
		if !strings.HasPrefix(f.Name, "education/") {
			t.Errorf("%s is not in the kit's one folder education/", f.Name)
		}
		w, ok := want[f.Name]
		if !ok {
			t.Errorf("the kit holds %s, which it should not", f.Name)
			continue
		}
		if !f.Modified.Equal(w) {
			t.Errorf("%s is dated %v, want %v (from the content)", f.Name, f.Modified, w)
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		files[f.Name] = string(b)
	}
	for name := range want {
		if _, ok := files[name]; !ok {
			t.Errorf("the kit lacks %s; it holds %v", name, slices.Sorted(maps.Keys(files)))
		}
	}

	src := sha256.Sum256(kitSiteFS()["static/d.pdf"].Data)
	if sum := sha256.Sum256([]byte(files["education/decks/intro/d.pdf"])); sum != src {
		t.Errorf("the deck's file in the kit has SHA-256 %s, its source %s", hex.EncodeToString(sum[:]), hex.EncodeToString(src[:]))
	}
	for name, needs := range map[string][]string{
		"education/README.md": {"talking-points/", "decks/", "`intro`", "guides/", "with its files in `start/`", "stories.md", "Give the talk", "Print the talking points", "Share the stories",
			"https://hub.example.org/communities/education/"},
		"education/talking-points/edu.md": {"# Why Python", "## One"},
		"education/stories.md": {"- [Python in \\*schools\\*](<https://hub.example.org/stories/a/>), 1 March 2026\n",
			"- [Teachers \\[together\\]](<https://hub.example.org/stories/b/>), 15 January 2026\n"},
	} {
		for _, s := range needs {
			if !strings.Contains(files[name], s) {
				t.Errorf("%s lacks %q:\n%s", name, s, files[name])
			}
		}
	}
	if i, j := strings.Index(files["education/stories.md"], "/stories/a/"), strings.Index(files["education/stories.md"], "/stories/b/"); i > j {
		t.Errorf("stories.md is not newest first:\n%s", files["education/stories.md"])
	}

	for _, name := range []string{"education/talking-points/edu.html", "education/guides/start.html"} {
		links := standalonePage(t, name, files[name])
		if name == "education/talking-points/edu.html" {
			for _, l := range []string{"https://hub.example.org/decks/intro/", "#one", "https://hub.example.org/chart.png"} {
				if !slices.Contains(links, l) {
					t.Errorf("%s has no link to %s; its links: %v", name, l, links)
				}
			}
		}
	}
	if !strings.Contains(files["education/guides/start.html"], "Find a room") {
		t.Errorf("the printable guide lacks its checklist:\n%s", files["education/guides/start.html"])
	}
}

// standalonePage parses a kit's printable page and checks it loads
// nothing: no element with a source, no linked stylesheet or script, and
// every link absolute or within the page. It returns the links.
func standalonePage(t *testing.T, name, text string) []string {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(text))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	var links []string
	var styles, titles int
	for n := range doc.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		switch n.DataAtom {
		case atom.Script, atom.Link, atom.Img, atom.Iframe, atom.Object, atom.Embed, atom.Source, atom.Video, atom.Audio:
			t.Errorf("%s has a <%s>, which loads from elsewhere", name, n.Data)
		case atom.Style:
			styles++
		case atom.Title:
			titles++
		}
		for _, a := range n.Attr {
			switch a.Key {
			case "src", "srcset", "poster", "data":
				t.Errorf("%s: <%s %s=%q> loads from elsewhere", name, n.Data, a.Key, a.Val)
			case "style":
				if strings.Contains(a.Val, "url(") {
					t.Errorf("%s: <%s style=%q> loads from elsewhere", name, n.Data, a.Val)
				}
			case "href":
				if !strings.HasPrefix(a.Val, "https://") && !strings.HasPrefix(a.Val, "#") {
					t.Errorf("%s: link %q works only on the site", name, a.Val)
				}
				links = append(links, a.Val)
			}
		}
	}
	if styles != 1 || titles != 1 {
		t.Errorf("%s has %d style elements and %d titles, want one of each:\n%s", name, styles, titles, text)
	}
	if strings.Contains(text, "url(") || strings.Contains(text, "@import") {
		t.Errorf("%s: its style loads from elsewhere:\n%s", name, text)
	}
	return links
}

// TestKitSameBytes builds twice, once recording what outputs read as
// the preview does: the kits are the same bytes, and the community page
// shows the kit's size.
func TestKitSameBytes(t *testing.T) {
	first, second := kitsOf(t, nil), kitsOf(t, NewDeps())
	for _, path := range []string{"communities/education/kit.zip", "communities/art/kit.zip"} {
		if first[path] == nil {
			t.Fatalf("no %s; the outputs: %v", path, slices.Sorted(maps.Keys(first)))
		}
		if !bytes.Equal(first[path], second[path]) {
			t.Errorf("two builds make different %s", path)
		}
	}
	page := string(first["communities/education/index.html"])
	if size := content.HumanSize(int64(len(first["communities/education/kit.zip"]))); !strings.Contains(page, "ZIP · "+size+" · ") {
		t.Errorf("the community page does not show the kit's size %s:\n%s", size, page)
	}
}

// TestKitSaysWhatItHolds: a community with stories alone gets a kit
// whose README and page say it has no decks.
func TestKitSaysWhatItHolds(t *testing.T) {
	outs := kitsOf(t, nil)
	page := string(outs["communities/art/index.html"])
	for _, s := range []string{"kit.zip", "no decks yet", "No decks for Art yet"} {
		if !strings.Contains(page, s) {
			t.Errorf("the page of a community without decks lacks %q:\n%s", s, page)
		}
	}
	if strings.Contains(page, "slides of") {
		t.Errorf("the page of a community without decks promises slides:\n%s", page)
	}
	data := outs["communities/art/kit.zip"]
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range z.File {
		names = append(names, f.Name)
	}
	if want := []string{"art/README.md", "art/guides/start.html", "art/guides/start/g.pdf", "art/stories.md"}; !slices.Equal(names, want) {
		t.Errorf("the kit of a community with a story alone holds %v, want %v", names, want)
	}
	rc, err := z.Open("art/README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme, _ := io.ReadAll(rc)
	if !strings.Contains(string(readme), "No decks yet") || strings.Contains(string(readme), "Give the talk") {
		t.Errorf("the README of a kit without decks does not say so:\n%s", readme)
	}
}
