// Package server is storyhub's live preview: it builds the site into
// memory, serves it on loopback, watches the site's files, rebuilds on
// every change and tells open pages to reload.
//
// The build is the one pipeline of package build, kept alive: decoded
// files, rendered Markdown and pages are reused when their inputs are the
// same, so what the server holds is always byte for byte what a fresh
// build writes. A build with errors keeps the last good site served and
// shows the problems over every page until they are fixed.
//
// Pages get a small script (never added to built output) that listens to
// Server-Sent Events: "reload" after a new build is in place, "css" when
// only stylesheets changed, and "problems" or "ok" for the overlay.
//
// Hygiene: requests must name the host the server listens on (so a web
// page elsewhere cannot reach it through DNS rebinding), only GET and HEAD
// are served, and nothing is read from disk per request: every answer
// comes from the in-memory site.
package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
	"unicode/utf8"

	"github.com/storyhub/storyhub/internal/build"
	"github.com/storyhub/storyhub/internal/content"
)

// Config says what to serve and how.
type Config struct {
	SiteDir string
	Drafts  bool
	Future  bool
	Poll    bool          // find changes by polling instead of notifications
	Quiet   time.Duration // how long a burst of changes must pause before a rebuild
	Log     io.Writer     // the terminal
}

// Server serves one site.
type Server struct {
	cfg     Config
	root    *os.Root
	builder *build.Builder
	state   atomic.Pointer[state]
	hub     hub
	changes *changes
	hosts   map[string]bool // accepted Host headers; nil accepts any
	printed map[string]bool // problems already shown in the terminal

	// Rebuilt, if set, is called after each rebuild attempt with the site
	// paths the watcher named for it (the builder may also have been told
	// to read everything); tests and benchmarks wait on it.
	Rebuilt func(id uint64, changed []string, err error)
}

// state is what the server serves: the last good site, and the problems
// of the latest build when it failed.
type state struct {
	id       uint64
	snap     *build.Snapshot
	problems []Problem
}

// Problem is one entry of the error overlay.
type Problem struct {
	content.Problem
	Excerpt []string `json:"excerpt"` // the lines around Line
	First   int      `json:"first"`   // the line number of Excerpt[0]
}

// New opens the site and builds it once.
func New(ctx context.Context, cfg Config, baseURL string) (*Server, error) {
	if cfg.Quiet == 0 {
		cfg.Quiet = 3 * time.Millisecond // editors write a file in one burst
	}
	if cfg.Log == nil {
		cfg.Log = io.Discard
	}
	root, err := os.OpenRoot(cfg.SiteDir)
	if err != nil {
		return nil, fmt.Errorf("site folder: %w", err)
	}
	s := &Server{
		cfg:     cfg,
		root:    root,
		builder: build.NewBuilder(build.Config{SiteDir: cfg.SiteDir, Drafts: cfg.Drafts, Future: cfg.Future, BaseURL: baseURL}, root.FS()),
		changes: newChanges(cfg.Quiet, 10*cfg.Quiet),
		printed: map[string]bool{},
	}
	s.hub.subs = map[chan event]bool{}
	s.rebuild(ctx, nil, true)
	return s, nil
}

// Close releases the site folder.
func (s *Server) Close() error { return s.root.Close() }

// Problems returns the problems of the latest build (nil when it built).
func (s *Server) Problems() []Problem { return s.state.Load().problems }

// Files returns the site being served.
func (s *Server) Files() map[string][]byte { return s.state.Load().snap.Files }

// Watch starts watching the site and rebuilding on changes until ctx ends.
func (s *Server) Watch(ctx context.Context) error {
	return s.watchEvery(ctx, 500*time.Millisecond)
}

// watchEvery is Watch with the polling interval to use if it polls.
func (s *Server) watchEvery(ctx context.Context, interval time.Duration) error {
	if err := watch(ctx, s.cfg.SiteDir, s.cfg.Poll, interval, s.changes, s.cfg.Log); err != nil {
		return err
	}
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case <-s.changes.kick:
				changed, all := s.changes.take()
				s.rebuild(ctx, changed, all)
			}
		}
	}()
	return nil
}

// rebuild builds again after changes to the named paths, or to anything
// when all is set, and tells pages.
func (s *Server) rebuild(ctx context.Context, changed []string, all bool) {
	start := time.Now()
	old := s.state.Load()
	var snap *build.Snapshot
	load := changed
	if all {
		load = nil // the builder's word for "read everything"
	}
	m, err := s.builder.Load(ctx, load, nil)
	if err == nil {
		snap, err = s.builder.Snapshot(ctx, m)
	}
	id := uint64(1)
	if old != nil {
		id = old.id + 1
	}
	if err != nil {
		st := &state{id: id, problems: s.problems(err)}
		if old != nil {
			st.snap = old.snap
		} else {
			st.snap = &build.Snapshot{Files: map[string][]byte{}}
		}
		s.state.Store(st)
		s.report(st.problems)
		s.hub.send(event{name: "problems", data: mustJSON(st.problems)})
		if s.Rebuilt != nil {
			s.Rebuilt(id, changed, err)
		}
		return
	}
	s.report(s.overlay(m.Warnings))
	s.state.Store(&state{id: id, snap: snap})
	ev := event{name: "reload", data: strconv.FormatUint(id, 10)}
	if old != nil {
		switch diff(old.snap, snap) {
		case noChange:
			ev = event{name: "ok", data: ev.data}
		case cssOnly:
			ev.name = "css"
		}
		if old.problems != nil {
			fmt.Fprintf(s.cfg.Log, "fixed: rebuilt in %v\n", time.Since(start).Round(time.Millisecond))
			s.printed = map[string]bool{}
			ev.name = "reload" // the page shows the overlay: reload it away
		}
	}
	s.hub.send(ev)
	if s.Rebuilt != nil {
		s.Rebuilt(id, changed, nil)
	}
}

type change int

const (
	noChange change = iota
	cssOnly
	otherChange
)

// diff tells what kind of change lies between two sites. Unchanged pages
// share their bytes, so most comparisons are of a slice with itself.
func diff(a, b *build.Snapshot) change {
	result := noChange
	note := func(name string) bool {
		if path.Ext(name) != ".css" {
			result = otherChange
			return false
		}
		result = cssOnly
		return true
	}
	for name, data := range b.Files {
		old, ok := a.Files[name]
		if !ok || string(old) != string(data) {
			if !note(name) {
				return result
			}
		}
	}
	for name := range a.Files {
		if _, ok := b.Files[name]; !ok && !note(name) {
			return result
		}
	}
	return result
}

// problems turns a failed build into overlay entries.
func (s *Server) problems(err error) []Problem {
	var list content.ErrorList
	if !errors.As(err, &list) {
		return []Problem{{Problem: content.Problem{Severity: "error", Message: err.Error()}}}
	}
	return s.overlay(list)
}

// overlay turns problems into overlay entries, each with the lines
// around it.
func (s *Server) overlay(list content.ErrorList) []Problem {
	var out []Problem
	lines := map[string][]string{} // each file read once, within its limit
	for _, e := range list {
		p := Problem{Problem: e.Problem()}
		if e.Pos.Line > 0 && e.Pos.File != "" {
			src, ok := lines[e.Pos.File]
			if !ok {
				if data, err := content.ReadFile(s.root.FS(), e.Pos.File, s.builder.Limits().File); err == nil {
					src = strings.Split(strings.ReplaceAll(string(data), "\r\n", "\n"), "\n")
				}
				lines[e.Pos.File] = src
			}
			lo, hi := max(e.Pos.Line-3, 0), min(e.Pos.Line+2, len(src))
			for i := lo; i < hi; i++ {
				col := 0
				if i+1 == e.Pos.Line {
					col = e.Pos.Col
				}
				p.Excerpt = append(p.Excerpt, excerptLine(src[i], col))
			}
			if lo < hi {
				p.First = lo + 1
			}
		}
		out = append(out, p)
	}
	return out
}

// maxExcerptLine is the most of a line the overlay shows: a file of one
// long line would otherwise be sent whole with each of its problems.
const maxExcerptLine = 240

// excerptLine cuts a long line to the part around col (a byte column,
// or 0 for the start), marking what was left out with "…".
func excerptLine(line string, col int) string {
	if len(line) <= maxExcerptLine {
		return line
	}
	start := min(max(col-1-maxExcerptLine/2, 0), len(line)-maxExcerptLine)
	end := start + maxExcerptLine
	for start > 0 && !utf8.RuneStart(line[start]) {
		start--
	}
	for end < len(line) && !utf8.RuneStart(line[end]) {
		end++
	}
	out := line[start:end]
	if start > 0 {
		out = "…" + out
	}
	if end < len(line) {
		out += "…"
	}
	return out
}

// report prints each problem to the terminal once.
func (s *Server) report(list []Problem) {
	for _, p := range list {
		line := p.Message
		if p.Hint != "" {
			line += " (" + p.Hint + ")"
		}
		if p.File != "" {
			// As content.Pos shows it, so a file name is quoted the same.
			line = fmt.Sprintf("%s: %s: %s", content.Pos{File: p.File, Line: p.Line, Col: p.Col}, p.Severity, line)
		}
		if !s.printed[line] {
			s.printed[line] = true
			fmt.Fprintln(s.cfg.Log, line)
		}
	}
}

func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return "[]"
	}
	return string(b)
}

// Listen checks an address and listens on it; ":0" ports pick a free one.
// It warns when the address is reachable from other machines, and returns
// the Host names requests may use.
func Listen(addr string, log io.Writer) (net.Listener, map[string]bool, error) {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, nil, fmt.Errorf("--addr %q: want host:port, like 127.0.0.1:1313", addr)
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		if errors.Is(err, syscall.EADDRINUSE) {
			return nil, nil, fmt.Errorf("%s is in use (is another storyhub serve running?); pass --addr 127.0.0.1:0 to pick a free port", addr)
		}
		return nil, nil, fmt.Errorf("cannot listen on %s: %w", addr, err)
	}
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	ip := net.ParseIP(host)
	if host == "localhost" || (ip != nil && ip.IsLoopback()) {
		hosts := map[string]bool{}
		for _, h := range []string{"localhost", "127.0.0.1", "[::1]", host} {
			hosts[h+":"+port] = true
		}
		return ln, hosts, nil
	}
	fmt.Fprintf(log, "warning: serving on %s, which other machines can reach; use 127.0.0.1 to keep the preview private\n", ln.Addr())
	return ln, nil, nil
}

// Serve answers requests on ln until ctx ends; it then stops within a
// second, closing live-reload connections.
func (s *Server) Serve(ctx context.Context, ln net.Listener, hosts map[string]bool) error {
	s.hosts = hosts
	srv := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	done := make(chan struct{})
	go func() {
		<-ctx.Done()
		s.hub.close()
		shutdown, cancel := context.WithTimeout(context.Background(), 500*time.Millisecond)
		defer cancel()
		if srv.Shutdown(shutdown) != nil {
			srv.Close()
		}
		close(done)
	}()
	err := srv.Serve(ln)
	if errors.Is(err, http.ErrServerClosed) {
		<-done
		return nil
	}
	return err
}

// hub sends events to every connected page.
type hub struct {
	mu     sync.Mutex
	subs   map[chan event]bool
	closed bool
}

type event struct{ name, data string }

func (h *hub) subscribe() (chan event, bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed {
		return nil, false
	}
	ch := make(chan event, 8)
	h.subs[ch] = true
	return ch, true
}

func (h *hub) unsubscribe(ch chan event) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.subs[ch] {
		delete(h.subs, ch)
		close(ch)
	}
}

func (h *hub) send(ev event) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for ch := range h.subs {
		select {
		case ch <- ev:
		default: // a page that does not read is dropped
			delete(h.subs, ch)
			close(ch)
		}
	}
}

func (h *hub) close() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.closed = true
	for ch := range h.subs {
		delete(h.subs, ch)
		close(ch)
	}
}
