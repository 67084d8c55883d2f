package server

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"testing"
	"time"

	"github.com/storyhub/storyhub/internal/build"
	"github.com/storyhub/storyhub/internal/corpus"
)

// benchCorpus writes the benchmark corpus in a folder of the benchmark's
// own, since the benchmark edits it.
func benchCorpus(b *testing.B, n int) string {
	dir := filepath.Join(b.TempDir(), "site")
	if err := corpus.Write(dir, corpus.Options{Stories: n, Seed: 1}); err != nil {
		b.Fatalf("writing the corpus: %v", err)
	}
	return dir
}

// BenchmarkReload10k measures, on the 10,000-story corpus, the time from
// writing a story to the reload event reaching a page, and the cold start
// (first build into memory) against a full build to disk. "body" edits the
// text of a story, as a writer does most; "title" edits its front matter,
// which changes lists, tags and feeds across the site.
func BenchmarkReload10k(b *testing.B) {
	b.Run("body", func(b *testing.B) {
		benchReload(b, func(orig []byte, i int) []byte {
			return append(slices.Clone(orig), fmt.Sprintf("\nEdit number %d.\n", i)...)
		})
	})
	b.Run("title", func(b *testing.B) {
		benchReload(b, func(orig []byte, i int) []byte {
			return bytes.Replace(orig, []byte("title: \""), []byte(fmt.Sprintf("title: \"Edit %d: ", i)), 1)
		})
	})
}

func benchReload(b *testing.B, edit func(orig []byte, i int) []byte) {
	site := benchCorpus(b, 10000)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	defer debug.SetGCPercent(debug.SetGCPercent(400)) // as storyhub serve sets it

	start := time.Now()
	s, err := New(ctx, Config{SiteDir: site}, "http://127.0.0.1:1313/")
	if err != nil {
		b.Fatal(err)
	}
	cold := time.Since(start)
	defer s.Close()
	if p := s.Problems(); p != nil {
		b.Fatalf("the corpus has problems: %v", p)
	}
	flushDisk() // the corpus just written must not be flushed while timing
	if err := s.Watch(ctx); err != nil {
		b.Fatal(err)
	}
	url, _ := serveOn(b, s, ctx)
	c := connect(b, url)
	c.next(b) // the state on connecting
	story := filepath.Join(site, "content/stories/story-004242.md")
	orig, err := os.ReadFile(story)
	if err != nil {
		b.Fatal(err)
	}
	var lat []time.Duration
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		body := edit(orig, i)
		t0 := time.Now()
		if err := os.WriteFile(story, body, 0o644); err != nil {
			b.Fatal(err)
		}
		for {
			name, _ := c.next(b)
			if name == "reload" {
				break
			}
			if name == "problems" {
				b.Fatal("the edit broke the site")
			}
		}
		lat = append(lat, time.Since(t0))
	}
	b.StopTimer()
	// The full build to compare the cold start with, after the timed
	// edits, so its writes do not compete with them.
	start = time.Now()
	if _, err := build.Build(ctx, build.Config{SiteDir: site, OutDir: filepath.Join(b.TempDir(), "out")}); err != nil {
		b.Fatal(err)
	}
	full := time.Since(start)
	slices.Sort(lat)
	ms := func(d time.Duration) float64 { return float64(d) / 1e6 }
	b.ReportMetric(ms(lat[len(lat)/2]), "median-ms")
	b.ReportMetric(ms(lat[min(len(lat)-1, len(lat)*95/100)]), "p95-ms")
	b.ReportMetric(ms(cold), "cold-start-ms")
	b.ReportMetric(ms(full), "full-build-ms")
}
