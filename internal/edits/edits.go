// Package edits makes random, reproducible edits to a small site folder,
// for tests that check an incremental build against a fresh one: stories
// written, broken, mended, renamed and deleted, a deck's file replaced,
// static files and theme files (templates and stylesheets) added, changed
// and removed, and site settings changed.
package edits

import (
	"bytes"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// Start is the site the edits begin from: every kind of content, a
// static file and a theme override.
func Start() map[string]string {
	return map[string]string{
		"site.toml":                     "title = \"Hub\"\n",
		"content/stories/a.md":          "---\ntitle: A story\nsummary: Short.\ndate: 2026-01-02\nauthors: [Ada]\ntags: [python]\n---\nHello.\n",
		"content/decks/d/index.md":      "---\ntitle: D\nsummary: s\ndate: 2026-01-01\nspeakers: [A]\nfiles: [slides.pdf]\nlicense: MIT\ntags: [python]\n---\nSee [a](../../stories/a.md).\n",
		"content/decks/d/slides.pdf":    "%PDF-1.4",
		"content/guides/g.md":           "---\ntitle: G\nsummary: s\ndate: 2026-01-01\nweight: 1\n---\n## Step\n",
		"static/extra.css":              "body { color: red }",
		"themes/default/static/own.css": "p { margin: 0 }",
	}
}

// Editor makes random edits to a site: content, theme and static files,
// created, changed, broken, renamed and deleted.
type Editor struct {
	t      testing.TB
	dir    string
	rng    *rand.Rand
	n      int
	Last   []string // the paths the last edit touched
	broken string   // a file left broken, mended by the next story edit
}

// New returns an editor of the site in dir; the same seed makes the same
// edits.
func New(t testing.TB, dir string, seed uint64) *Editor {
	return &Editor{t: t, dir: dir, rng: rand.New(rand.NewPCG(seed, seed))}
}

func (e *Editor) write(p, body string) {
	full := filepath.Join(e.dir, filepath.FromSlash(p))
	os.MkdirAll(filepath.Dir(full), 0o755)
	if err := os.WriteFile(full, []byte(body), 0o644); err != nil {
		e.t.Fatal(err)
	}
}

// files lists the site's files under dir.
func (e *Editor) files(dir string) []string {
	var out []string
	filepath.WalkDir(filepath.Join(e.dir, dir), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(e.dir, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	slices.Sort(out)
	return out
}

// remove deletes a site file and reports whether there was one.
func (e *Editor) remove(p string) bool {
	return os.Remove(filepath.Join(e.dir, filepath.FromSlash(p))) == nil
}

func (e *Editor) pick(list []string) string {
	if len(list) == 0 {
		return ""
	}
	return list[e.rng.IntN(len(list))]
}

// Edit makes one random change and returns the site paths it touched.
func (e *Editor) Edit() []string {
	e.n++
	n := e.n
	tags := []string{"python", "web", "Python", "data", "open-data"}
	tag := tags[e.rng.IntN(len(tags))]
	storyBody := func() string {
		return fmt.Sprintf("---\ntitle: Story %d\nsummary: Summary %d.\ndate: 2026-0%d-0%d\nauthors: [Writer %d]\ntags: [%s]\nfeatured: %v\n---\n## Part %d\n\nText %d, see [the guide](../guides/g.md).\n",
			n, n, 1+e.rng.IntN(9), 1+e.rng.IntN(9), n%3, tag, e.rng.IntN(2) == 0, n, n)
	}
	var touched []string
	switch e.rng.IntN(13) {
	case 10, 11, 12: // a body alone: the front matter stays byte for byte
		p := e.pick(e.files("content"))
		if filepath.Ext(p) != ".md" || p == e.broken {
			break
		}
		src, err := os.ReadFile(filepath.Join(e.dir, filepath.FromSlash(p)))
		if err != nil {
			e.t.Fatal(err)
		}
		parts := strings.SplitN(string(src), "---\n", 3)
		if len(parts) != 3 {
			break
		}
		e.write(p, "---\n"+parts[1]+"---\n"+fmt.Sprintf("## Section %d\n\nNew words %d, see [the guide](#section-%d).\n", n, n, n))
		touched = append(touched, p)
	case 0, 1, 2: // change or create a story
		p := e.pick(e.files("content/stories"))
		if p == "" || e.rng.IntN(3) == 0 {
			p = fmt.Sprintf("content/stories/s%d.md", n)
		}
		if e.broken != "" {
			p, e.broken = e.broken, ""
		}
		if filepath.Ext(p) == ".md" {
			e.write(p, storyBody())
			touched = append(touched, p)
		}
	case 3: // break a story
		p := e.pick(e.files("content/stories"))
		if filepath.Ext(p) == ".md" && e.broken == "" {
			e.write(p, "---\ntitle: [broken\n---\n")
			e.broken = p
			touched = append(touched, p)
		}
	case 4: // delete a story
		if p := e.pick(e.files("content/stories")); p != "" && p != "content/stories/a.md" {
			e.remove(p)
			if p == e.broken {
				e.broken = ""
			}
			touched = append(touched, p)
		}
	case 5: // rename a story
		if p := e.pick(e.files("content/stories")); p != "" && filepath.Ext(p) == ".md" && p != "content/stories/a.md" {
			to := fmt.Sprintf("content/stories/r%d.md", n)
			os.Rename(filepath.Join(e.dir, p), filepath.Join(e.dir, to))
			if p == e.broken {
				e.broken = to
			}
			touched = append(touched, p, to)
		}
	case 6: // the deck's file or the guide
		if e.rng.IntN(2) == 0 {
			e.write("content/decks/d/slides.pdf", fmt.Sprintf("%%PDF-1.4 %d", n))
			touched = append(touched, "content/decks/d/slides.pdf")
		} else {
			e.write("content/guides/g.md", fmt.Sprintf("---\ntitle: G %d\nsummary: s\ndate: 2026-01-01\nweight: %d\nchecklist: [a, b]\n---\n## Step %d\n", n, n%4, n))
			touched = append(touched, "content/guides/g.md")
		}
	case 7: // static files
		p := fmt.Sprintf("static/f%d.css", e.rng.IntN(3))
		if e.rng.IntN(3) == 0 {
			if e.remove(p) {
				touched = append(touched, p)
			}
		} else {
			e.write(p, fmt.Sprintf("a { padding: %dpx }", n))
			touched = append(touched, p)
		}
	case 8: // theme: a template or a stylesheet, overridden or not
		switch e.rng.IntN(3) {
		case 0:
			p := "themes/default/templates/404.html"
			if e.rng.IntN(2) == 0 {
				if e.remove(p) {
					touched = append(touched, p)
				}
			} else {
				e.write(p, fmt.Sprintf(`{{define "main"}}<h1>Lost %d</h1>{{end}}`, n))
				touched = append(touched, p)
			}
		case 1:
			p := "themes/default/templates/partials/card.html"
			if e.rng.IntN(2) == 0 {
				if e.remove(p) {
					touched = append(touched, p)
				}
			} else {
				e.write(p, fmt.Sprintf(`{{define "card"}}<article><a href="{{.V.Rel .P.URL}}">{{.P.Title}}</a> %d</article>{{end}}`, n))
				touched = append(touched, p)
			}
		default:
			p := "themes/default/static/css/style.css"
			e.write(p, fmt.Sprintf("body { margin: %dpx }", n))
			touched = append(touched, p)
		}
	case 9: // site settings
		e.write("site.toml", fmt.Sprintf("title = \"Hub %d\"\npage_size = %d\n", n, 1+e.rng.IntN(3)))
		touched = append(touched, "site.toml")
	}
	e.Last = touched
	return touched
}

// Same fails the test when the files held in memory and a built folder
// differ in any file; skip names a file of the folder to leave out.
func Same(t testing.TB, what string, held map[string][]byte, out, skip string) {
	t.Helper()
	onDisk := map[string][]byte{}
	filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && d.Name() != skip {
			rel, _ := filepath.Rel(out, p)
			onDisk[filepath.ToSlash(rel)], _ = os.ReadFile(p)
		}
		return err
	})
	for name, data := range onDisk {
		if got, ok := held[name]; !ok {
			t.Fatalf("%s: %s is built but not held", what, name)
		} else if !bytes.Equal(got, data) {
			i := 0
			for i < len(got) && i < len(data) && got[i] == data[i] {
				i++
			}
			from := max(0, i-120)
			t.Fatalf("%s: %s differs at byte %d:\nheld:  %.300s\nbuilt: %.300s", what, name, i, got[from:], data[from:])
		}
	}
	for name := range held {
		if _, ok := onDisk[name]; !ok {
			t.Fatalf("%s: %s is held but not built", what, name)
		}
	}
}
