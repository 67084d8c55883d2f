package build

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"testing"
)

// corpora caches generated benchmark corpora by size for one test binary.
var corpora sync.Map

// corpus generates (once) the shared benchmark corpus of n stories.
func corpus(b *testing.B, n int) string {
	b.Helper()
	if dir, ok := corpora.Load(n); ok {
		return dir.(string)
	}
	gen := "../../../shared/bench/gen_corpus.py"
	if _, err := os.Stat(gen); err != nil {
		b.Skipf("no corpus generator beside the repository: %v", err)
	}
	dir := filepath.Join(os.TempDir(), "storyhub-bench-corpus-"+strconv.Itoa(n))
	if _, err := os.Stat(filepath.Join(dir, "content")); err != nil {
		if out, err := exec.Command("python3", gen, dir, "--stories", strconv.Itoa(n)).CombinedOutput(); err != nil {
			b.Fatalf("generating the corpus: %v\n%s", err, out)
		}
	}
	corpora.Store(n, dir)
	return dir
}

// BenchmarkCheck10k is what storyhub check does on the 10,000-story
// corpus: read, decode, model, render Markdown for links, and check.
func BenchmarkCheck10k(b *testing.B) {
	dir := corpus(b, 10000)
	root, err := os.OpenRoot(dir)
	if err != nil {
		b.Fatal(err)
	}
	defer root.Close()
	for b.Loop() {
		if _, err := Load(context.Background(), Config{SiteDir: dir, Now: now}, root.FS(), nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRebuild10k is the work of one rebuild in storyhub serve after
// a story's body changes on the 10,000-story corpus: load, model and
// snapshot, with everything unchanged reused.
func BenchmarkRebuild10k(b *testing.B) {
	dir := corpus(b, 10000)
	root, err := os.OpenRoot(dir)
	if err != nil {
		b.Fatal(err)
	}
	defer root.Close()
	builder := NewBuilder(Config{SiteDir: dir, Now: now}, root.FS())
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
