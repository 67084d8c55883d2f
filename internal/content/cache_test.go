package content

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// TestCacheMatchesFreshLoad edits a tree at random and checks that a load
// told what changed, and a one-run load that keeps nothing, equal a load
// from scratch, after every step.
func TestCacheMatchesFreshLoad(t *testing.T) {
	dir := t.TempDir()
	write := func(p, body string) {
		full := filepath.Join(dir, filepath.FromSlash(p))
		os.MkdirAll(filepath.Dir(full), 0o755)
		if err := os.WriteFile(full, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	story := func(n int) string {
		return fmt.Sprintf("---\ntitle: T%d\nsummary: s\ndate: 2026-01-0%d\nauthors: [A]\n---\nbody %d\n", n, 1+n%9, n)
	}
	deck := "---\ntitle: D\nsummary: s\ndate: 2026-01-01\nspeakers: [A]\nfiles: [slides.pdf, /d.pdf]\nlicense: MIT\n---\n"
	paths := []string{"content/stories/a.md", "content/stories/b.md", "content/stories/c/index.md", "content/stories/c/pic.png",
		"content/stories/c/chart.svg", "content/decks/d/index.md", "content/decks/d/slides.pdf", "static/d.pdf", "content/guides/bad.md", "content/stories/.a.md.swp"}
	fsys := os.DirFS(dir)
	cache := NewCache(DefaultKinds())
	cache.Load(fsys, nil)
	rng := rand.New(rand.NewPCG(1, 2))
	for step := range 300 {
		p := paths[rng.IntN(len(paths))]
		full := filepath.Join(dir, filepath.FromSlash(p))
		switch rng.IntN(4) {
		case 0:
			os.Remove(full)
		case 1:
			write(p, "---\ntitle: [broken\n---\n")
		default:
			switch filepath.Ext(p) {
			case ".md":
				if filepath.Base(filepath.Dir(p)) == "d" {
					write(p, deck)
				} else {
					write(p, story(step))
				}
			case ".svg":
				// A bundle file's verdict must follow its bytes.
				write(p, []string{chart, `<svg xmlns="http://www.w3.org/2000/svg" onload="x()"/>`}[step%2])
			case ".png":
				write(p, []string{"\x89PNG\r\n\x1a\n", "<html>"}[step%2])
			default:
				write(p, fmt.Sprint("bytes ", step))
			}
		}
		got, gotErrs := cache.Load(fsys, []string{p})
		want, wantErrs := Load(fsys, DefaultKinds())
		if !reflect.DeepEqual(got, want) || fmt.Sprint(gotErrs) != fmt.Sprint(wantErrs) {
			t.Fatalf("step %d (%s): cached load differs from a fresh one\n got %v %v\nwant %v %v", step, p, got, gotErrs, want, wantErrs)
		}
		oneRun := NewCache(DefaultKinds())
		oneRun.OneRun = true
		if once, onceErrs := oneRun.Load(fsys, nil); !reflect.DeepEqual(once, want) || fmt.Sprint(onceErrs) != fmt.Sprint(wantErrs) {
			t.Fatalf("step %d (%s): a one-run load differs from a fresh one\n got %v %v\nwant %v %v", step, p, once, onceErrs, want, wantErrs)
		}
		if len(oneRun.parsed) != 0 || len(oneRun.done) != 0 {
			t.Fatalf("step %d: a one-run cache kept %d parsed and %d loaded documents", step, len(oneRun.parsed), len(oneRun.done))
		}
	}
}
