package server

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/storyhub/storyhub/internal/content"
	"github.com/storyhub/storyhub/internal/edits"
	"github.com/storyhub/storyhub/internal/sitetest"
)

// logBuffer is a terminal for a server under test.
type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

// take returns what was written since the last take.
func (l *logBuffer) take() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	s := l.buf.String()
	l.buf.Reset()
	return s
}

// liveLogged is live with the server's terminal kept.
func liveLogged(t *testing.T, site string) (*Server, *rebuilds, string, *logBuffer) {
	t.Helper()
	log := &logBuffer{}
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	s, err := New(ctx, Config{SiteDir: site, Quiet: 5 * time.Millisecond, Log: log}, "http://127.0.0.1:1313/")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	r := watchRebuilds(s, site)
	if err := s.Watch(ctx); err != nil {
		t.Fatal(err)
	}
	url, _ := serveOn(t, s, ctx)
	return s, r, url, log
}

func get(t *testing.T, url string) (*http.Response, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, string(body)
}

// TestBrokenAtStart: a site with a mistake from the start has no last
// good version to serve: every page asked for is the problems, with
// their place and lines, and the live script; once the mistake is fixed,
// the open page reloads into the site.
func TestBrokenAtStart(t *testing.T) {
	files := edits.Start()
	files["content/stories/a.md"] = "---\ntitle: A story\nsumary: Short.\ndate: 2026-01-02\nauthors: [Ada]\n---\nHello.\n"
	site := sitetest.WriteFiles(t, files)
	_, r, url, _ := liveLogged(t, site)
	for _, p := range []string{"/", "/stories/a/", "/nowhere/", "/guides/g/index.html", "/decks/d"} {
		resp, body := get(t, url+p)
		for _, want := range []string{"content/stories/a.md:3:1", "unknown key &#34;sumary&#34; for a story", "did you mean &#34;summary&#34;?",
			"sumary: Short.", `<script src="/__storyhub/live.js" data-build="1"></script>`} {
			if !strings.Contains(body, want) {
				t.Errorf("GET %s: the page lacks %q:\n%s", p, want, body)
			}
		}
		if resp.StatusCode != http.StatusServiceUnavailable || resp.Header.Get("Content-Type") != "text/html; charset=utf-8" {
			t.Errorf("GET %s: %s, %s; want 503 and a page", p, resp.Status, resp.Header.Get("Content-Type"))
		}
	}
	if resp, body := get(t, url+"/css/style.css"); resp.StatusCode != http.StatusServiceUnavailable || !strings.Contains(body, "does not build") {
		t.Errorf("GET /css/style.css: %s %q, want 503 saying the site does not build", resp.Status, body)
	}
	c := connect(t, url)
	if name, data := c.next(t); name != "problems" || !strings.Contains(data, `"file":"content/stories/a.md","line":3`) {
		t.Fatalf("first event %s %s, want the problems", name, data)
	}
	os.WriteFile(filepath.Join(site, "content/stories/a.md"), []byte("---\ntitle: A story\nsummary: Short.\ndate: 2026-01-02\nauthors: [Ada]\n---\nHello.\n"), 0o644)
	if name, _ := c.next(t); name != "reload" {
		t.Fatalf("event %s after the fix, want reload", name)
	}
	r.catchUp(t)
	if resp, body := get(t, url+"/stories/a/"); resp.StatusCode != http.StatusOK || !strings.Contains(body, "<h1>A story</h1>") {
		t.Errorf("GET /stories/a/ after the fix: %s\n%s", resp.Status, body)
	}
}

// TestUnchangedRebuild: a rebuild that changes no byte of the site (a
// touch, an edit nothing shows) sends open pages nothing and prints
// nothing; the next real change reloads them.
func TestUnchangedRebuild(t *testing.T) {
	site := sitetest.WriteFiles(t, edits.Start())
	_, r, url, log := liveLogged(t, site)
	log.take()
	c := connect(t, url)
	if name, data := c.next(t); name != "ok" || data != "1" {
		t.Fatalf("first event %s %s, want ok 1", name, data)
	}
	story := filepath.Join(site, "content/stories/a.md")
	later := time.Now().Add(time.Hour)
	if err := os.Chtimes(story, later, later); err != nil {
		t.Fatal(err)
	}
	r.catchUp(t)
	// The same story, written differently.
	os.WriteFile(story, []byte("---\ntitle: \"A story\"\nsummary: Short.\ndate: 2026-01-02\nauthors: [\"Ada\"]\ntags: [python]\n---\nHello.\n"), 0o644)
	if named, _ := r.catchUp(t); len(named) == 0 {
		t.Fatal("the edit was not seen")
	}
	if resp, _ := get(t, url+"/stories/a/"); resp.Header.Get("X-Storyhub-Build") != "1" {
		t.Errorf("build %s is served after rebuilds that changed nothing, want 1", resp.Header.Get("X-Storyhub-Build"))
	}
	if out := log.take(); out != "" {
		t.Errorf("rebuilds that changed nothing printed %q", out)
	}
	os.WriteFile(story, []byte("---\ntitle: Changed\nsummary: Short.\ndate: 2026-01-02\nauthors: [Ada]\n---\nHello.\n"), 0o644)
	if name, data := c.next(t); name != "reload" || data != "2" {
		t.Errorf("event %s %s, want reload 2 (and nothing for the rebuilds that changed nothing)", name, data)
	}
}

// TestProblemsCapped: hundreds of broken files make a page of problems
// in the overlay and the terminal, then a count of the rest.
func TestProblemsCapped(t *testing.T) {
	files := edits.Start()
	for i := range 300 {
		files[fmt.Sprintf("content/stories/s%03d.md", i)] = "---\ntitle: S\nsummary: s\ndate: 2026-01-02\nauthors: [A]\ntittle: x\n---\n"
	}
	site := sitetest.WriteFiles(t, files)
	s, _, url, log := liveLogged(t, site)
	ps := s.Problems()
	if len(ps) != maxShown+1 || ps[maxShown].Message != "and 250 more problems" || ps[maxShown].Errors != 250 {
		t.Fatalf("%d problems, the last %+v; want %d and one counting 250 more", len(ps), ps[len(ps)-1], maxShown)
	}
	c := connect(t, url)
	if name, data := c.next(t); name != "problems" || len(data) > 64<<10 {
		t.Errorf("first event %s of %d bytes, want the problems in under 64 kB", name, len(data))
	}
	out := log.take()
	if n := strings.Count(out, "unknown key"); n != maxShown || !strings.Contains(out, "\nand 250 more problems (") {
		t.Errorf("the terminal shows %d problems, want %d and a count of the rest:\n%s", n, maxShown, out)
	}
}

// TestHostileFiles: a saved file of 20,000 unknown keys and one of 100 MB
// on one line each show a bounded overlay, and the server still answers.
func TestHostileFiles(t *testing.T) {
	site := sitetest.WriteFiles(t, edits.Start())
	s, _, url, _ := liveLogged(t, site)
	c := connect(t, url)
	c.next(t)
	story := filepath.Join(site, "content/stories/a.md")
	var keys strings.Builder
	keys.WriteString("---\ntitle: T\nsummary: s\ndate: 2026-01-02\nauthors: [A]\n")
	for i := range 20000 {
		fmt.Fprintf(&keys, "k%d: v\n", i)
	}
	keys.WriteString("---\nText.\n")
	huge := func(f *os.File) {
		fmt.Fprint(f, "---\ntitle: T\nsummary: s\ndate: 2026-01-02\nauthors: [A]\ntittle: x\n---\n")
		line := bytes.Repeat([]byte("word "), 1<<20)
		for range 20 {
			f.Write(line)
		}
	}
	for _, tt := range []struct {
		name, problem string
		write         func(f *os.File)
	}{
		{"20,000 unknown keys", "front matter is longer than", func(f *os.File) { f.WriteString(keys.String()) }},
		{"100 MB of one line", "a Markdown file may be at most", huge},
	} {
		f, err := os.Create(story)
		if err != nil {
			t.Fatal(err)
		}
		tt.write(f)
		if err := f.Close(); err != nil {
			t.Fatal(err)
		}
		for {
			name, data := c.next(t)
			if len(data) > 64<<10 {
				t.Errorf("%s: a %s event of %d bytes, want under 64 kB", tt.name, name, len(data))
			}
			if name == "problems" && strings.Contains(data, tt.problem) {
				break
			}
		}
		for _, p := range s.Problems() {
			if len(p.Excerpt) > 2*excerptContext+1 {
				t.Errorf("%s: an excerpt of %d lines", tt.name, len(p.Excerpt))
			}
		}
		if resp, body := get(t, url+"/stories/a/"); resp.StatusCode != http.StatusOK || !strings.Contains(body, "A story") {
			t.Errorf("%s: GET /stories/a/: %s, want the last good page", tt.name, resp.Status)
		}
	}
}

// TestExcerptReadsLittle: the lines around a problem deep in a file of
// 100 MB on one line are read without holding the file: a few hundred
// bytes around the column, cut at characters, the cuts marked.
func TestExcerptReadsLittle(t *testing.T) {
	files := edits.Start()
	files["site.toml"] = "title = \"Hub\"\nmax_file_mb = 200\n"
	site := sitetest.WriteFiles(t, files)
	s, err := New(context.Background(), Config{SiteDir: site}, "http://127.0.0.1:1313/")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	f, err := os.Create(filepath.Join(site, "content/stories/big.md"))
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprint(f, "---\ntitle: T\n---\n")
	half := bytes.Repeat([]byte("é"), 25_000_000) // two bytes each
	const col = 50_000_001
	f.Write(half)
	f.WriteString("[HERE]")
	f.Write(half)
	f.WriteString("\nlast line\n")
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	list := content.ErrorList{
		{Pos: content.Pos{File: "content/stories/big.md", Line: 4, Col: col}, Msg: "deep in the line"},
		{Pos: content.Pos{File: "content/stories/big.md", Line: 2, Col: 1}, Msg: "near the start"},
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	ps := s.overlay(list)
	runtime.ReadMemStats(&after)
	if n := after.TotalAlloc - before.TotalAlloc; n > 4<<20 {
		t.Errorf("the excerpts took %d MB to make, want under 4 MB", n>>20)
	}
	deep := ps[0].Excerpt
	if ps[0].First != 2 || len(deep) != 4 {
		t.Fatalf("excerpt from line %d, %d lines; want lines 2 to 5", ps[0].First, len(deep))
	}
	at := deep[4-2]
	if !strings.Contains(at, "[HERE]") || !strings.HasPrefix(at, "…é") || !strings.HasSuffix(at, "é…") || len(at) > maxExcerptLine+2*len("…") {
		t.Errorf("the line of the problem is %q, want the part around its column, cut at characters", at)
	}
	if deep[0] != "title: T" || deep[3] != "last line" {
		t.Errorf("the lines around it are %q", deep)
	}
	if got := ps[1].Excerpt; len(got) != 4 || got[0] != "---" || !strings.HasPrefix(got[3], "ééé") || !strings.HasSuffix(got[3], "…") {
		t.Errorf("the excerpt near the start is %q", got)
	}
}
