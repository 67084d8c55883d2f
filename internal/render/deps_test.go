package render

import (
	"bytes"
	"cmp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/storyhub/storyhub/internal/content"
	"github.com/storyhub/storyhub/internal/site"
	"github.com/storyhub/storyhub/themes"
)

// made is every output of s, with what each read when deps is given.
func madeAll(t *testing.T, r *Renderer, s *site.Site, deps *Deps) ([]Output, map[string][]byte, map[string]*Reads) {
	t.Helper()
	outs, _, err := r.Plan(s, fstest.MapFS{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if deps != nil {
		deps.Update(r, s)
	}
	pass := NewPass(deps, false)
	files, reads := map[string][]byte{}, map[string]*Reads{}
	for i := range outs {
		var a, b bytes.Buffer
		data, rd, err := pass.Make(&outs[i], &a, &b)
		if err != nil {
			t.Fatal(err)
		}
		files[outs[i].Path], reads[outs[i].Path] = bytes.Clone(data), rd
	}
	return outs, files, reads
}

// sansDeck is the search tests' site without its deck, whose file these
// sites made from documents alone do not have (build's tests cover
// decks' files in kits).
func sansDeck() map[string]string {
	files := searchFiles()
	delete(files, "content/decks/intro.md")
	return files
}

// withDeck is sansDeck with two decks of no community, so no kit packs
// their file.
func withDeck() map[string]string {
	files := sansDeck()
	files["content/decks/levels.md"] = "---\ntitle: Levels deck\nsummary: Slides.\ndate: 2025-12-01\nspeakers: [Bo]\nfiles: [/d.pdf]\nlicense: CC-BY-4.0\nlevel: beginner\nlanguage: es\n---\n"
	files["content/decks/newer.md"] = "---\ntitle: Newer deck\nsummary: Slides.\ndate: 2026-01-03\nspeakers: [Cy]\nfiles: [/d.pdf]\nlicense: CC-BY-4.0\n---\n"
	return files
}

// TestDepsKeepOnlyWhatIsUnchanged edits one entry at a time: every output
// the recorded reads call fresh is byte for byte what the edited site
// makes, and the output the edit shows in (the entry's page, the kit
// that packs it) is not fresh.
func TestDepsKeepOnlyWhatIsUnchanged(t *testing.T) {
	r, err := New(themes.Default(), "themes/default", content.DefaultKinds(), false)
	if err != nil {
		t.Fatal(err)
	}
	edits := []struct {
		path, old, new, page string
		pageSize             int // of lists, when not the default
	}{
		{"content/guides/start.md", "Starting a group", "Starting a meetup", "guides/start/index.html", 0},
		{"content/guides/start.md", "Book a", "Book another", "guides/start/index.html", 0},
		{"content/stories/a.md", "Education]", "Schools]", "stories/a/index.html", 0},
		{"content/talking-points/edu.md", "## One", "## Two", "communities/education/kit.zip", 0},
		// A deck's card is on its filters' lists; its level moves it
		// between them, and changes the counts on the section's list.
		{"content/decks/levels.md", "Levels deck", "Levels talk", "decks/level/beginner/index.html", 0},
		{"content/decks/levels.md", "language: es", "language: spa", "decks/language/es/index.html", 0},
		// The first page of /decks/ shows the newer deck alone, and
		// the filters' counts.
		{"content/decks/levels.md", "level: beginner", "level: advanced", "decks/index.html", 1},
		// A kit holds every guide, printed, and its stories' titles.
		{"content/guides/start.md", "Book a", "Book another", "communities/education/kit.zip", 0},
		{"content/stories/a.md", "Python in schools", "Python at school", "communities/education/kit.zip", 0},
	}
	for _, e := range edits {
		deps := NewDeps()
		cfg := site.DefaultConfig()
		cfg.PageSize = cmp.Or(e.pageSize, cfg.PageSize)
		_, before, reads := madeAll(t, r, searchSite(t, cfg, withDeck()), deps)
		files := withDeck()
		files[e.path] = strings.Replace(files[e.path], e.old, e.new, 1)
		edited := searchSite(t, cfg, files)
		outs, after, _ := madeAll(t, r, edited, nil)
		deps.Update(r, edited)
		pass := NewPass(deps, false)
		fresh := 0
		for i := range outs {
			o := &outs[i]
			if !pass.Fresh(o, reads[o.Path]) {
				continue
			}
			fresh++
			if !bytes.Equal(before[o.Path], after[o.Path]) {
				t.Errorf("%s in %s: %s kept, but it changed", e.old, e.path, o.Path)
			}
			if o.Path == e.page {
				t.Errorf("%s in %s: the entry's own page kept", e.old, e.path)
			}
		}
		if fresh == 0 || fresh == len(outs) {
			t.Errorf("%s in %s: %d of %d outputs kept, want some", e.old, e.path, fresh, len(outs))
		}
	}
}

// TestDepsStartAgain: once the table has grown past its limit it starts
// again, and nothing recorded before is kept.
func TestDepsStartAgain(t *testing.T) {
	r, err := New(themes.Default(), "themes/default", content.DefaultKinds(), false)
	if err != nil {
		t.Fatal(err)
	}
	s := searchSite(t, site.DefaultConfig(), sansDeck())
	deps := NewDeps()
	outs, _, reads := madeAll(t, r, s, deps)
	deps.Update(r, s)
	for i := range outs {
		if !NewPass(deps, false).Fresh(&outs[i], reads[outs[i].Path]) {
			t.Fatalf("%s not kept by the same site", outs[i].Path)
		}
	}
	deps.limit = 1
	deps.Update(r, s)
	for _, o := range outs {
		if NewPass(deps, false).Fresh(&o, reads[o.Path]) {
			t.Errorf("%s kept across a fresh start", o.Path)
		}
	}
}
