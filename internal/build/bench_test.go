package build

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/storyhub/storyhub/internal/buildcache"
	"github.com/storyhub/storyhub/internal/content"
	"github.com/storyhub/storyhub/internal/corpus"
	"github.com/storyhub/storyhub/internal/markdown"
	"github.com/storyhub/storyhub/internal/render"
	"github.com/storyhub/storyhub/internal/site"
)

// openCorpus writes (once per machine: it is kept in the temporary folder)
// the benchmark corpus of n stories, and opens it for the benchmark as a
// build does.
func openCorpus(b *testing.B, n int) (string, fs.FS) {
	b.Helper()
	dir := filepath.Join(os.TempDir(), "storyhub-bench-corpus-go-"+strconv.Itoa(n))
	if _, err := os.Stat(filepath.Join(dir, "content")); err != nil {
		os.RemoveAll(dir)
		if err := corpus.Write(dir, corpus.Options{Stories: n, Seed: 1}); err != nil {
			b.Fatalf("writing the corpus: %v", err)
		}
	}
	return dir, openSite(b, dir)
}

// BenchmarkCheck10k is what storyhub check does on the 10,000-story
// corpus: read, decode, model, render Markdown for links, and check.
func BenchmarkCheck10k(b *testing.B) {
	dir, fsys := openCorpus(b, 10000)
	for b.Loop() {
		if _, err := Load(context.Background(), Config{SiteDir: dir, Now: now, CheckOnly: true}, fsys, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRebuild10k is the work of one rebuild in storyhub serve after
// a story's body changes on the 10,000-story corpus: load, model and
// snapshot, with everything unchanged reused.
func BenchmarkRebuild10k(b *testing.B) {
	dir, fsys := openCorpus(b, 10000)
	builder := NewBuilder(Config{SiteDir: dir, Now: now}, fsys)
	m, err := builder.Load(context.Background(), nil, nil)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := builder.Snapshot(context.Background(), m); err != nil {
		b.Fatal(err)
	}
	story := filepath.Join(dir, "content/stories/story-004242.md")
	orig, err := os.ReadFile(story)
	if err != nil {
		b.Fatal(err)
	}
	defer os.WriteFile(story, orig, 0o644)
	for i := 0; b.Loop(); i++ {
		os.WriteFile(story, append(slices.Clone(orig), fmt.Sprintf("\nEdit %d.\n", i)...), 0o644)
		m, err := builder.Load(context.Background(), []string{"content/stories/story-004242.md"}, nil)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := builder.Snapshot(context.Background(), m); err != nil {
			b.Fatal(err)
		}
	}
}

// phases10k loads the 10,000-story corpus once for the phase benchmarks.
func phases10k(b *testing.B) (*Model, []render.Output) {
	dir, fsys := openCorpus(b, 10000)
	m, err := Load(context.Background(), Config{SiteDir: dir, Now: now}, fsys, nil)
	if err != nil {
		b.Fatal(err)
	}
	outs, _, err := m.Renderer.Plan(m.Site, m.SiteFS, m.Static)
	if err != nil {
		b.Fatal(err)
	}
	return m, outs
}

// BenchmarkLoad10k reads and decodes every file of the corpus.
func BenchmarkLoad10k(b *testing.B) {
	_, fsys := openCorpus(b, 10000)
	for b.Loop() {
		content.Load(fsys, content.DefaultKinds())
	}
}

// BenchmarkMarkdown10k renders every body, one core, with a renderer as
// new as a build's (its highlighted code remembered within the run only).
func BenchmarkMarkdown10k(b *testing.B) {
	_, fsys := openCorpus(b, 10000)
	docs, _ := content.Load(fsys, content.DefaultKinds())
	for b.Loop() {
		md := markdown.New(nil)
		for _, d := range docs {
			if _, err := md.Render(d.Body, markdown.Links{}); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkModel10k builds the site model (with Markdown, on every core).
func BenchmarkModel10k(b *testing.B) {
	_, fsys := openCorpus(b, 10000)
	docs, _ := content.Load(fsys, content.DefaultKinds())
	md := markdown.New(nil)
	for b.Loop() {
		site.New(site.DefaultConfig(), docs, site.Options{Now: now}, md, nil)
	}
}

// BenchmarkRender10k executes every output's template, one core.
func BenchmarkRender10k(b *testing.B) {
	_, outs := phases10k(b)
	var buf, spare bytes.Buffer
	for b.Loop() {
		pass := render.NewPass(nil, false)
		for i := range outs {
			if _, _, err := pass.Make(&outs[i], &buf, &spare); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkMinify10k is what minifying costs a build, one core: every
// body the Markdown renderer makes (templates are minified once, as they
// are parsed, and pages need nothing more), and the outputs that still go
// through the minifier (the sitemap).
func BenchmarkMinify10k(b *testing.B) {
	_, fsys := openCorpus(b, 10000)
	docs, _ := content.Load(fsys, content.DefaultKinds())
	md := markdown.New(nil)
	var bodies []string
	for _, d := range docs {
		res, err := md.Render(d.Body, markdown.Links{})
		if err != nil {
			b.Fatal(err)
		}
		bodies = append(bodies, res.HTML)
	}
	_, outs := phases10k(b)
	var rendered [][]byte
	var types []string
	pass := render.NewPass(nil, false)
	for i, o := range outs {
		if !render.Minified(o.MediaType) {
			continue
		}
		var buf, spare bytes.Buffer
		data, _, err := pass.Make(&outs[i], &buf, &spare)
		if err != nil {
			b.Fatal(err)
		}
		rendered, types = append(rendered, bytes.Clone(data)), append(types, o.MediaType)
	}
	m := render.NewMinifier()
	var out bytes.Buffer
	for b.Loop() {
		for _, body := range bodies {
			out.Reset()
			if err := m.Minify(render.HTML, &out, strings.NewReader(body)); err != nil {
				b.Fatal(err)
			}
		}
		for i, data := range rendered {
			out.Reset()
			if err := m.Minify(types[i], &out, bytes.NewReader(data)); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkWrite10k writes every minified output into a new folder on
// disk (the system's temporary folder), on every core.
func BenchmarkWrite10k(b *testing.B) {
	_, outs := phases10k(b)
	files := make(map[string][]byte, len(outs))
	var a, c bytes.Buffer
	pass := render.NewPass(nil, true)
	for i, o := range outs {
		data, _, err := pass.Make(&outs[i], &a, &c)
		if err != nil {
			b.Fatal(err)
		}
		files[o.Path] = bytes.Clone(data)
	}
	names := slices.Sorted(maps.Keys(files))
	for b.Loop() {
		b.StopTimer()
		// As write does: the new site in a folder of its own under a work
		// folder marked as the top of a new tree.
		work, err := os.MkdirTemp("", "storyhub-bench-write-")
		if err != nil {
			b.Fatal(err)
		}
		markTopDir(work)
		dir, err := os.MkdirTemp(work, "site-")
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		w := &writer{dir: dir, dirs: map[string]bool{}}
		err = forEach(context.Background(), len(names), 1, func(i int, _, _ *bytes.Buffer) error {
			return w.file(names[i], files[names[i]])
		})
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		os.RemoveAll(work)
		b.StartTimer()
	}
}

// BenchmarkPhotos2k builds the 2,000-story corpus with 300 stories
// carrying a 2400×1600 photo: cold, with an empty cache, so every copy is
// made; warm, with the cache a first build left, which the target holds
// to at most 1.3 times the build of the same corpus without photos
// (nophotos, also timed here). Each build writes a new output folder.
func BenchmarkPhotos2k(b *testing.B) {
	photos, _ := openCorpusWith(b, "2000-photos-300", corpus.Options{Stories: 2000, Photos: 300, Seed: 1})
	plain, _ := openCorpusWith(b, "2000", corpus.Options{Stories: 2000, Seed: 1})
	build := func(b *testing.B, dir, cacheDir string) {
		out := filepath.Join(b.TempDir(), "out")
		if _, err := Build(context.Background(), Config{SiteDir: dir, OutDir: out, Now: now, Cache: buildcache.Open(cacheDir)}); err != nil {
			b.Fatal(err)
		}
	}
	b.Run("cold", func(b *testing.B) {
		for b.Loop() {
			b.StopTimer()
			cacheDir := b.TempDir()
			b.StartTimer()
			build(b, photos, cacheDir)
		}
	})
	b.Run("warm", func(b *testing.B) {
		cacheDir := b.TempDir()
		build(b, photos, cacheDir)
		for b.Loop() {
			build(b, photos, cacheDir)
		}
	})
	b.Run("nophotos", func(b *testing.B) {
		cacheDir := b.TempDir()
		for b.Loop() {
			build(b, plain, cacheDir)
		}
	})
}

// openCorpusWith writes the corpus of o once into the system's temporary
// folder, named by name.
func openCorpusWith(b *testing.B, name string, o corpus.Options) (string, fs.FS) {
	b.Helper()
	dir := filepath.Join(os.TempDir(), "storyhub-bench-corpus-go-"+name)
	if _, err := os.Stat(filepath.Join(dir, "content")); err != nil {
		os.RemoveAll(dir)
		if err := corpus.Write(dir, o); err != nil {
			b.Fatalf("writing the corpus: %v", err)
		}
	}
	return dir, openSite(b, dir)
}

// BenchmarkDeckIndex builds a deck index of 5,000 talks at 108 events by
// 3,000 speakers (package corpus's deck-index mode): person and event
// pages, hosted slides and video-only decks at a fifth of the size make
// bench compares with Hugo. Each build writes a new output folder.
func BenchmarkDeckIndex(b *testing.B) {
	dir, _ := openCorpusWith(b, "deckindex-5000", corpus.Options{DeckIndex: corpus.DeckIndex{Decks: 5000, Events: 108, Speakers: 3000}, Seed: 1})
	for b.Loop() {
		out := filepath.Join(b.TempDir(), "out")
		if _, err := Build(context.Background(), Config{SiteDir: dir, OutDir: out, Now: now}); err != nil {
			b.Fatal(err)
		}
	}
}
