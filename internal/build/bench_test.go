package build

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
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
