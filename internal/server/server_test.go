package server

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/storyhub/storyhub/internal/build"
	"github.com/storyhub/storyhub/internal/content"
	"github.com/storyhub/storyhub/internal/edits"
	"github.com/storyhub/storyhub/internal/sitetest"
)

// patience is how long a test waits for the server before it fails. It
// is long: it is only there so that a change the watcher missed fails the
// test, saying what did not happen, instead of hanging it.
const patience = 2 * time.Minute

// rebuilt is one rebuild: the paths the watcher named for it, and its
// error.
type rebuilt struct {
	changed []string
	err     error
}

// rebuilds reports each rebuild of a server of the site in dir.
type rebuilds struct {
	dir   string
	ch    chan rebuilt
	marks int
}

func watchRebuilds(s *Server, dir string) *rebuilds {
	r := &rebuilds{dir: dir, ch: make(chan rebuilt, 10000)}
	s.Rebuilt = func(_ uint64, changed []string, err error) { r.ch <- rebuilt{changed, err} }
	return r
}

// next waits for the next rebuild; after says what should have caused it.
func (r *rebuilds) next(t testing.TB, after string) rebuilt {
	t.Helper()
	select {
	case b := <-r.ch:
		return b
	case <-time.After(patience):
		t.Fatalf("no rebuild within %v after %s", patience, after)
	}
	return rebuilt{}
}

// catchUp waits until the server has taken in every change made to the
// site so far. It rewrites site.toml with a new comment, which changes no
// output, by a rename, so the watcher names it once, and waits for the
// rebuild that names it; twice, since a poll that saw the first mark may
// have listed other folders before the earlier changes were made. It
// returns the paths named since the last catchUp other than site.toml,
// and the error of the last rebuild.
func (r *rebuilds) catchUp(t testing.TB) ([]string, error) {
	t.Helper()
	var named []string
	var err error
	for range 2 {
		r.marks++
		conf := filepath.Join(r.dir, "site.toml")
		old, _ := os.ReadFile(conf)
		var kept []string
		for line := range strings.Lines(string(old)) {
			if !strings.HasPrefix(line, "# caught up ") {
				kept = append(kept, line)
			}
		}
		tmp := filepath.Join(r.dir, ".site.toml.mark")
		mark := fmt.Sprintf("%s# caught up %d\n", strings.Join(kept, ""), r.marks)
		if err := os.WriteFile(tmp, []byte(mark), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(tmp, conf); err != nil {
			t.Fatal(err)
		}
		for {
			b := r.next(t, "site.toml was replaced")
			err = b.err
			seen := false
			for _, p := range b.changed {
				if p == "site.toml" {
					seen = true
				} else {
					named = append(named, p)
				}
			}
			if seen {
				break
			}
		}
	}
	return named, err
}

func start(t testing.TB, site string, poll bool) (*Server, *rebuilds, context.CancelFunc) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	s, err := New(ctx, Config{SiteDir: site, Quiet: 5 * time.Millisecond, Poll: poll}, "http://127.0.0.1:1313/")
	if err != nil {
		t.Fatal(err)
	}
	r := watchRebuilds(s, site)
	if err := s.watchEvery(ctx, 50*time.Millisecond); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cancel(); s.Close() })
	return s, r, cancel
}

// TestServedEqualsFreshBuild is the server's invariant: after each of 200
// random edits, creations, deletions and renames of content, theme and
// static files, what the server holds is byte for byte a fresh build.
func TestServedEqualsFreshBuild(t *testing.T) {
	site := sitetest.WriteFiles(t, edits.Start())
	s, r, _ := start(t, site, false)
	e := edits.New(t, site, 42)
	compared := 0
	for step := range 200 {
		if touched := e.Edit(); len(touched) == 0 {
			continue
		}
		if _, err := r.catchUp(t); err != nil {
			if len(s.Problems()) == 0 {
				t.Fatalf("step %d: a failed build with no problems shown", step)
			}
			continue
		}
		out := filepath.Join(t.TempDir(), "out")
		if _, err := build.Build(context.Background(), build.Config{SiteDir: site, OutDir: out, Drafts: false, BaseURL: "http://127.0.0.1:1313/"}); err != nil {
			t.Fatalf("step %d: fresh build: %v", step, err)
		}
		edits.Same(t, fmt.Sprintf("step %d (%v)", step, e.Last), s.Files(), out, build.Marker)
		compared++
	}
	if compared < 100 {
		t.Errorf("only %d of 200 steps built", compared)
	}
}

// TestPolling finds changes without notifications.
func TestPolling(t *testing.T) {
	site := sitetest.WriteFiles(t, edits.Start())
	s, r, _ := start(t, site, true)
	os.WriteFile(filepath.Join(site, "content/stories/new.md"), []byte("---\ntitle: Polled\nsummary: s\ndate: 2026-01-05\nauthors: [A]\n---\n"), 0o644)
	if _, err := r.catchUp(t); err != nil {
		t.Fatal(err)
	}
	if _, ok := s.Files()["stories/new/index.html"]; !ok {
		t.Error("the new story is not served")
	}
}

// TestEditorSaves: editors' temporary files never cause a rebuild, and an
// atomic save (write elsewhere, rename over) is seen; folders made later,
// and made again after deletion, are watched.
func TestEditorSaves(t *testing.T) {
	site := sitetest.WriteFiles(t, edits.Start())
	s, r, _ := start(t, site, false)
	// A watcher of the test's own sees the temporary files and then the
	// save: the first changes it reports are the saved file's alone.
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	seen := newChanges(time.Millisecond, time.Second)
	n, err := newNotifier(site, seen, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	go n.run(ctx)
	for _, name := range []string{".a.md.swp", "a.md~", "4913", "#a.md#", ".#a.md", "a.md___jb_tmp___", ".DS_Store"} {
		os.WriteFile(filepath.Join(site, "content/stories", name), []byte("junk"), 0o644)
	}
	if named, _ := r.catchUp(t); len(named) > 0 {
		t.Fatalf("editors' temporary files were taken for changes: %q", named)
	}
	tmp := filepath.Join(site, "content/stories/.a.md.tmp")
	os.WriteFile(tmp, []byte("---\ntitle: Saved atomically\nsummary: s\ndate: 2026-01-02\nauthors: [A]\n---\n"), 0o644)
	os.Rename(tmp, filepath.Join(site, "content/stories/a.md"))
	if _, err := r.catchUp(t); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(s.Files()["stories/a/index.html"]), "Saved atomically") {
		t.Error("an atomic save was missed")
	}
	for round := range 2 {
		dir := filepath.Join(site, "content/stories/later")
		os.MkdirAll(dir, 0o755)
		os.WriteFile(filepath.Join(dir, "index.md"), []byte(fmt.Sprintf("---\ntitle: Later %d\nsummary: s\ndate: 2026-01-02\nauthors: [A]\n---\n", round)), 0o644)
		r.catchUp(t)
		os.WriteFile(filepath.Join(dir, "index.md"), []byte(fmt.Sprintf("---\ntitle: Edited %d\nsummary: s\ndate: 2026-01-02\nauthors: [A]\n---\n", round)), 0o644)
		r.catchUp(t)
		if !strings.Contains(string(s.Files()["stories/later/index.html"]), fmt.Sprintf("Edited %d", round)) {
			t.Fatalf("round %d: an edit in a new folder was missed", round)
		}
		os.RemoveAll(dir)
		r.catchUp(t)
		if _, ok := s.Files()["stories/later/index.html"]; ok {
			t.Fatalf("round %d: a deleted bundle is still served", round)
		}
	}
}

// TestChangesCoalesce: a burst of writes makes one rebuild, and writes
// during a rebuild make exactly one more.
func TestChangesCoalesce(t *testing.T) {
	// In a bubble the clock moves only when every goroutine waits, so the
	// waits of changesCoalesce are exact on any machine, however busy.
	synctest.Test(t, changesCoalesce)
}

func changesCoalesce(t *testing.T) {
	c := newChanges(20*time.Millisecond, 200*time.Millisecond)
	for i := range 10 {
		c.add([]string{fmt.Sprint("content/stories/", i, ".md")}, false)
		time.Sleep(time.Millisecond)
	}
	<-c.kick
	if got, all := c.take(); len(got) != 10 || all {
		t.Errorf("%d paths in the batch (all: %v), want 10", len(got), all)
	}
	select {
	case <-c.kick:
		t.Error("a second kick for one burst")
	case <-time.After(60 * time.Millisecond):
	}
	// While "building", two more bursts: one kick waits, with both.
	c.add([]string{"a"}, false)
	time.Sleep(40 * time.Millisecond)
	c.add([]string{"b"}, false)
	time.Sleep(40 * time.Millisecond)
	<-c.kick
	if got, _ := c.take(); len(got) != 2 {
		t.Errorf("batch %v, want both paths", got)
	}
	select {
	case <-c.kick:
		t.Error("more than one rebuild after changes during a rebuild")
	case <-time.After(60 * time.Millisecond):
	}
}

func TestHandler(t *testing.T) {
	site := sitetest.WriteFiles(t, edits.Start())
	s, err := New(context.Background(), Config{SiteDir: site}, "http://127.0.0.1:1313/")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	s.hosts = map[string]bool{"127.0.0.1:1313": true, "localhost:1313": true}
	tests := []struct {
		method, host, path string
		status             int
		contains, header   string
	}{
		{"GET", "127.0.0.1:1313", "/", 200, `<script src="/__storyhub/live.js" data-build="1"></script></body>`, "text/html; charset=utf-8"},
		{"GET", "localhost:1313", "/stories/a/", 200, "A story", "text/html; charset=utf-8"},
		{"GET", "127.0.0.1:1313", "/stories/a", 301, "", ""},
		{"HEAD", "127.0.0.1:1313", "/feed.xml", 200, "", "application/xml"},
		{"GET", "127.0.0.1:1313", "/css/style.css", 200, "system-ui", "text/css; charset=utf-8"},
		{"GET", "127.0.0.1:1313", "/nope/", 404, "Page not found", "text/html; charset=utf-8"},
		{"GET", "127.0.0.1:1313", "/../../etc/passwd", 404, "Page not found", ""},
		{"GET", "127.0.0.1:1313", "/%2e%2e/%2e%2e/site.toml", 404, "", ""},
		{"GET", "attacker.example:1313", "/", 403, "--allow-host", ""},
		{"GET", "127.0.0.1:9999", "/", 403, "", ""},
		{"GET", "", "/", 403, "", ""},
		{"POST", "127.0.0.1:1313", "/", 405, "", ""},
		{"PUT", "127.0.0.1:1313", "/stories/a/", 405, "", ""},
		{"GET", "127.0.0.1:1313", "/__storyhub/live.js", 200, "EventSource", "text/javascript; charset=utf-8"},
	}
	for _, tt := range tests {
		req := httptest.NewRequest(tt.method, tt.path, nil)
		req.Host = tt.host
		w := httptest.NewRecorder()
		s.ServeHTTP(w, req)
		if w.Code != tt.status {
			t.Errorf("%s %s (Host %s): status %d, want %d", tt.method, tt.path, tt.host, w.Code, tt.status)
		}
		if !strings.Contains(w.Body.String(), tt.contains) {
			t.Errorf("%s %s: body lacks %q", tt.method, tt.path, tt.contains)
		}
		if tt.header != "" && w.Header().Get("Content-Type") != tt.header {
			t.Errorf("%s %s: Content-Type %q, want %q", tt.method, tt.path, w.Header().Get("Content-Type"), tt.header)
		}
		if tt.method == "HEAD" && w.Body.Len() != 0 {
			t.Errorf("HEAD %s has a body", tt.path)
		}
	}
	// The built files never carry the script.
	if strings.Contains(string(s.Files()["index.html"]), "live.js") {
		t.Error("the live-reload script leaked into the built page")
	}
}

// sse reads events from the server's event stream.
type sse struct {
	events chan [2]string
	resp   *http.Response
}

func connect(t testing.TB, url string) *sse {
	t.Helper()
	resp, err := http.Get(url + eventsURL)
	if err != nil {
		t.Fatal(err)
	}
	c := &sse{events: make(chan [2]string, 100), resp: resp}
	go func() {
		defer close(c.events)
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		var name, data string
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				data += strings.TrimPrefix(line, "data: ")
			case line == "" && name != "":
				c.events <- [2]string{name, data}
				name, data = "", ""
			}
		}
	}()
	t.Cleanup(func() { resp.Body.Close() })
	return c
}

func (c *sse) next(t testing.TB) (string, string) {
	t.Helper()
	select {
	case ev, ok := <-c.events:
		if !ok {
			t.Fatal("the event stream ended")
		}
		return ev[0], ev[1]
	case <-time.After(patience):
		t.Fatalf("no event within %v", patience)
	}
	return "", ""
}

func serveOn(t testing.TB, s *Server, ctx context.Context) (string, chan error) {
	t.Helper()
	ln, hosts, err := Listen("127.0.0.1:0", nil, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, ln, hosts) }()
	return "http://" + ln.Addr().String(), done
}

// live starts a server on site that watches, rebuilds and serves until
// the test ends, and returns it with its rebuilds and its URL. When the
// test ends, serving must stop within 5 s, without an error.
func live(t testing.TB, site string) (*Server, *rebuilds, string) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	s, err := New(ctx, Config{SiteDir: site, Quiet: 5 * time.Millisecond}, "http://127.0.0.1:1313/")
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	r := watchRebuilds(s, site)
	if err := s.Watch(ctx); err != nil {
		cancel()
		s.Close()
		t.Fatal(err)
	}
	url, done := serveOn(t, s, ctx)
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("serve: %v", err)
			}
		case <-time.After(time.Minute):
			t.Error("the server hung: still serving a minute after the stop")
		}
		s.Close()
	})
	return s, r, url
}

// TestLiveReload: an edit sends reload after the new build is in place; a
// stylesheet alone sends css; a broken file sends the problems, with the
// lines around them, and mending it sends reload.
func TestLiveReload(t *testing.T) {
	site := sitetest.WriteFiles(t, edits.Start())
	s, _, url := live(t, site)
	c := connect(t, url)
	if name, data := c.next(t); name != "ok" || data != "1" {
		t.Fatalf("first event %s %s, want ok 1", name, data)
	}
	story := filepath.Join(site, "content/stories/a.md")
	os.WriteFile(story, []byte("---\ntitle: Edited\nsummary: s\ndate: 2026-01-02\nauthors: [A]\n---\nNew words.\n"), 0o644)
	if name, _ := c.next(t); name != "reload" {
		t.Fatalf("event %s after an edit, want reload", name)
	}
	if !strings.Contains(string(s.Files()["stories/a/index.html"]), "New words.") {
		t.Error("reload was sent before the new build was in place")
	}
	os.WriteFile(filepath.Join(site, "static/extra.css"), []byte("body { color: blue }"), 0o644)
	if name, _ := c.next(t); name != "css" {
		t.Errorf("event %s after a stylesheet edit, want css", name)
	}
	os.WriteFile(story, []byte("---\ntitle: Edited\nsummary: s\ndate: 2026-01-02\nauthors: [A]\ntittle: x\n---\n"), 0o644)
	name, data := c.next(t)
	if name != "problems" || !strings.Contains(data, `"file":"content/stories/a.md","line":6,"col":1`) || !strings.Contains(data, `"tittle: x"`) {
		t.Fatalf("event %s %s, want the problem with its lines", name, data)
	}
	if !strings.Contains(string(s.Files()["stories/a/index.html"]), "New words.") {
		t.Error("the last good site is no longer served")
	}
	os.WriteFile(story, []byte("---\ntitle: Mended\nsummary: s\ndate: 2026-01-02\nauthors: [A]\n---\n"), 0o644)
	if name, _ := c.next(t); name != "reload" {
		t.Errorf("event %s after a fix, want reload", name)
	}
	if s.Problems() != nil {
		t.Error("problems remain after the fix")
	}
	// Template mistakes show the same way, at the template's line.
	tmpl := filepath.Join(site, "themes/default/templates/404.html")
	os.MkdirAll(filepath.Dir(tmpl), 0o755)
	os.WriteFile(tmpl, []byte("{{define \"main\"}}\n{{.Nope}}{{end}}"), 0o644)
	name, data = c.next(t)
	if name != "problems" || !strings.Contains(data, `"file":"themes/default/templates/404.html","line":2`) {
		t.Fatalf("event %s %s, want the template's problem", name, data)
	}
	os.Remove(tmpl)
	if name, _ := c.next(t); name != "reload" {
		t.Errorf("event %s after the template was removed, want reload", name)
	}
}

// TestCollisionShown: an alias onto the home page is shown as a problem
// at the alias's line, and the home page served stays the home page.
func TestCollisionShown(t *testing.T) {
	site := sitetest.WriteFiles(t, edits.Start())
	s, r, _ := start(t, site, false)
	home := string(s.Files()["index.html"])
	os.WriteFile(filepath.Join(site, "content/stories/a.md"), []byte("---\ntitle: A story\nsummary: Short.\ndate: 2026-01-02\nauthors: [Ada]\naliases: [/index.html]\n---\nHello.\n"), 0o644)
	if _, err := r.catchUp(t); err == nil {
		t.Fatal("an alias onto the home page was built")
	}
	want := content.Problem{File: "content/stories/a.md", Line: 6, Col: 11, Severity: "error", Message: "alias /index.html: index.html is also the home page",
		Hint: "remove the alias, or give it an old URL that no page has"}
	if ps := s.Problems(); len(ps) != 1 || ps[0].Problem != want {
		t.Errorf("problems %+v, want only %+v", ps, want)
	}
	if got := string(s.Files()["index.html"]); got != home {
		t.Errorf("the home page served is no longer the home page:\n%s", got)
	}
}

// TestShutdown: the server stops with event streams open, ending them.
func TestShutdown(t *testing.T) {
	site := sitetest.WriteFiles(t, edits.Start())
	ctx, cancel := context.WithCancel(context.Background())
	s, err := New(ctx, Config{SiteDir: site}, "http://127.0.0.1:1313/")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	url, done := serveOn(t, s, ctx)
	var streams []*sse
	for range 5 {
		c := connect(t, url)
		c.next(t)
		streams = append(streams, c)
	}
	start := time.Now()
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(time.Minute):
		t.Fatal("the server hung: still serving a minute after the stop")
	}
	t.Logf("stopped in %v", time.Since(start))
	for i, c := range streams {
		select {
		case ev, ok := <-c.events:
			if ok {
				t.Errorf("stream %d: event %v after the stop, want the stream ended", i, ev)
			}
		case <-time.After(time.Minute):
			t.Fatalf("stream %d still open a minute after the server stopped", i)
		}
	}
}

func TestListen(t *testing.T) {
	ln, hosts, err := Listen("127.0.0.1:0", nil, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	if port == "0" || !hosts["localhost:"+port] || !hosts["127.0.0.1:"+port] || !hosts["[::1]:"+port] {
		t.Errorf("port %s, hosts %v", port, hosts)
	}
	if _, _, err := Listen(ln.Addr().String(), nil, io.Discard); err == nil || !strings.Contains(err.Error(), "is in use") {
		t.Errorf("a port in use: %v", err)
	}
}

// TestPublicAddress: serving on every interface still checks the Host
// of each request: loopback names, the machine's own addresses and the
// names given with --allow-host are answered on the listening port,
// anything else gets 403 and what to do.
func TestPublicAddress(t *testing.T) {
	var warn strings.Builder
	ln, hosts, err := Listen("0.0.0.0:0", []string{"MyBox.local"}, &warn)
	if err != nil {
		t.Fatal(err)
	}
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	if !strings.Contains(warn.String(), "other machines can reach") || !strings.Contains(warn.String(), "mybox.local:"+port) {
		t.Errorf("warning %q, want it to say the preview is reachable and by which names", warn.String())
	}
	want := []string{"localhost:" + port, "127.0.0.1:" + port, "[::1]:" + port, "mybox.local:" + port, "MYBOX.local:" + port}
	addrs, err := net.InterfaceAddrs()
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range addrs {
		if ip, ok := a.(*net.IPNet); ok && ip.IP.To4() != nil {
			want = append(want, net.JoinHostPort(ip.IP.String(), port))
		}
	}
	refused := []string{"attacker.example:" + port, "mybox.local:1", "mybox.local", "localhost.attacker.example:" + port}

	site := sitetest.WriteFiles(t, edits.Start())
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	s, err := New(ctx, Config{SiteDir: site}, "http://127.0.0.1:1313/")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	go s.Serve(ctx, ln, hosts)
	url := "http://127.0.0.1:" + port + "/"
	for _, host := range append(want, refused...) {
		req, _ := http.NewRequest("GET", url, nil)
		req.Host = host
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		accepted := slices.Contains(want, host)
		switch {
		case accepted && resp.StatusCode != http.StatusOK:
			t.Errorf("Host %q: %s, want 200 OK", host, resp.Status)
		case !accepted && (resp.StatusCode != http.StatusForbidden || !strings.Contains(string(body), "--allow-host")):
			t.Errorf("Host %q: %s %q, want 403 saying how to allow a name", host, resp.Status, body)
		}
	}
}

// TestServedSVG checks the headers of a picture opened on its own: its
// type, no sniffing, and a policy under which nothing in it runs or loads.
func TestServedSVG(t *testing.T) {
	files := edits.Start()
	files["static/chart.svg"] = `<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1"/></svg>`
	s, err := New(context.Background(), Config{SiteDir: sitetest.WriteFiles(t, files)}, "http://127.0.0.1:1313/")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, tt := range []struct{ path, ctype, csp string }{
		{"/chart.svg", "image/svg+xml", "default-src 'none'; style-src 'unsafe-inline'"},
		{"/decks/d/slides.pdf", "application/pdf", ""},
		{"/stories/a/", "text/html; charset=utf-8", ""},
	} {
		req := httptest.NewRequest("GET", tt.path, nil)
		w := httptest.NewRecorder()
		s.ServeHTTP(w, req)
		h := w.Header()
		if w.Code != 200 || h.Get("Content-Type") != tt.ctype || h.Get("X-Content-Type-Options") != "nosniff" || h.Get("Content-Security-Policy") != tt.csp {
			t.Errorf("GET %s: %d, Content-Type %q, X-Content-Type-Options %q, Content-Security-Policy %q; want 200, %q, nosniff, %q",
				tt.path, w.Code, h.Get("Content-Type"), h.Get("X-Content-Type-Options"), h.Get("Content-Security-Policy"), tt.ctype, tt.csp)
		}
	}
}

// TestHugeFileProblems: the overlay of a file with hundreds of problems
// on one long line, or of a file that grew past its limit, is a page of
// problems with short excerpts, not the file again for each problem.
func TestHugeFileProblems(t *testing.T) {
	site := sitetest.WriteFiles(t, edits.Start())
	s, r, _ := start(t, site, false)
	story := filepath.Join(site, "content/stories/a.md")
	front := "---\ntitle: T\nsummary: s\ndate: 2026-01-02\nauthors: [A]\n---\n"
	line := strings.Repeat("[gone](missing.md) "+strings.Repeat("word ", 200), 200)
	os.WriteFile(story, []byte(front+line+"\n"), 0o644)
	if _, err := r.catchUp(t); err == nil {
		t.Fatal("the build succeeded with 200 broken links")
	}
	ps := s.Problems()
	if len(ps) != 51 || ps[50].Message != "and 150 more problems in this file" {
		t.Fatalf("%d problems, the last %+v; want 50 and one counting 150 more", len(ps), ps[len(ps)-1].Problem)
	}
	if n := len(mustJSON(ps)); n > 200<<10 {
		t.Errorf("the overlay's problems are %d bytes, want under 200 kB", n)
	}
	if got := ps[1].Excerpt[ps[1].Line-ps[1].First]; !strings.HasPrefix(got, "…") || !strings.Contains(got, "[gone](missing.md)") {
		t.Errorf("excerpt of the second link %q, want the part of the line around it", got)
	}

	// Caught up with, so a rebuild after the file is refused must still
	// refuse it (the content cache once brought its earlier version back).
	os.WriteFile(story, []byte(front+strings.Repeat("word ", 3<<20)), 0o644)
	if _, err := r.catchUp(t); err == nil {
		t.Fatal("the build succeeded with a file over its limit")
	}
	const tooLarge = "the file is 15.7 MB; a Markdown file may be at most 10.0 MB"
	var refused []Problem
	for _, p := range s.Problems() {
		if p.File == "content/stories/a.md" {
			refused = append(refused, p)
		}
	}
	if len(refused) != 1 || refused[0].Message != tooLarge || refused[0].Excerpt != nil {
		t.Errorf("problems of a.md %+v, want the file refused for its size", refused)
	}
}

// TestExcerptLine: the part of a long line shown is maxExcerptLine bytes
// around the column, shorter where that would cut a character, marked
// with "…" where the line goes on.
func TestExcerptLine(t *testing.T) {
	long := strings.Repeat("a", 300) + "é" + strings.Repeat("b", 300)
	emoji := strings.Repeat("😀", 100)
	tests := []struct {
		line string
		col  int
		want string
	}{
		{"short line", 3, "short line"},
		{"", 0, ""},
		{long, 0, strings.Repeat("a", 240) + "…"},
		{long, 1, strings.Repeat("a", 240) + "…"},
		{long, 302, "…" + strings.Repeat("a", 119) + "é" + strings.Repeat("b", 119) + "…"},
		{long, 422, "…" + strings.Repeat("b", 239) + "…"}, // starts inside é
		{long, 182, "…" + strings.Repeat("a", 239) + "…"}, // ends inside é
		{long, 602, "…" + strings.Repeat("b", 240)},
		{long, 9999, "…" + strings.Repeat("b", 240)},
		{emoji, 0, strings.Repeat("😀", 60) + "…"},
		{emoji, 200, "…" + strings.Repeat("😀", 59) + "…"},
	}
	for _, tt := range tests {
		from, to := window(int64(len(tt.line)), tt.col)
		if got := cut([]byte(tt.line[from:to]), from > 0, to < int64(len(tt.line))); got != tt.want {
			t.Errorf("the line of %d bytes at column %d shows %q, want %q", len(tt.line), tt.col, got, tt.want)
		}
	}
}
