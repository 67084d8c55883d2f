package build

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/storyhub/storyhub/internal/buildcache"
	"github.com/storyhub/storyhub/internal/corpus"
)

// readTree reads every file under dir, by slash path.
func readTree(t testing.TB, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// A build with the cache a first build left gives the same bytes, every
// file, and takes the copies from the cache instead of resizing again.
func TestPicturesColdWarmSameBytes(t *testing.T) {
	dir := t.TempDir()
	if err := corpus.Write(dir, corpus.Options{Stories: 30, Photos: 2, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	cacheDir := filepath.Join(t.TempDir(), "cache")
	cache := buildcache.Open(cacheDir)
	build := func(out string) map[string][]byte {
		t.Helper()
		out = filepath.Join(t.TempDir(), out)
		if _, err := Build(context.Background(), Config{SiteDir: dir, OutDir: out, Now: now, Cache: cache}); err != nil {
			t.Fatal(err)
		}
		return readTree(t, out)
	}
	cold := build("cold")
	copies := 0
	for _, w := range []int{480, 960, 1600} {
		for _, story := range []string{"story-000000", "story-000015"} {
			if _, ok := cold["stories/"+story+"/photo-"+strconv.Itoa(w)+"w.jpg"]; ok {
				copies++
			}
		}
	}
	if copies != 6 {
		t.Fatalf("the cold build made %d copies of the 2 photos, want 6", copies)
	}
	warm := build("warm")
	if len(warm) != len(cold) {
		t.Errorf("cold build wrote %d files, warm %d", len(cold), len(warm))
	}
	for name, data := range cold {
		if !bytes.Equal(warm[name], data) {
			t.Errorf("%s differs between the cold and the warm build", name)
		}
	}

	// A copy the cache holds is what the build publishes: change the
	// entry, and the next build serves it, so it did not resize.
	marked := []byte("from the cache")
	key := findEntry(t, cacheDir, cold["stories/story-000000/photo-480w.jpg"])
	if err := cache.Put(key, marked); err != nil {
		t.Fatal(err)
	}
	if got := build("marked")["stories/story-000000/photo-480w.jpg"]; !bytes.Equal(got, marked) {
		t.Errorf("the build made the copy again rather than take it from the cache (%d bytes)", len(got))
	}
}

// findEntry is the key of the entry holding data in the cache in root.
func findEntry(t *testing.T, root string, data []byte) string {
	t.Helper()
	var key string
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if b, _ := os.ReadFile(p); bytes.Equal(b, data) {
				key = d.Name()
			}
		}
		return nil
	})
	if key == "" {
		t.Fatal("no cache entry holds the copy")
	}
	return key
}
