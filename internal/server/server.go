// Package server is storyhub's live preview: it builds the site into
// memory, serves it on loopback, watches the site's files, rebuilds on
// every change and tells open pages to reload.
//
// The build is the one pipeline of package build, kept alive: decoded
// files, rendered Markdown and pages are reused when their inputs are the
// same, so what the server holds is always byte for byte what a fresh
// build writes. The watcher follows folders renamed, swapped and
// replaced, and reports every path under them (see watch.go). A build
// with errors keeps the last good site served and shows the problems over
// every page until they are fixed; before the first good build, every
// page asked for is the problems.
//
// Pages get a small script (never added to built output) that listens to
// Server-Sent Events: "reload" after a new build is in place, "css" when
// only stylesheets changed, and "problems" or "ok" for the overlay. A
// rebuild that changes no byte and no problem sends nothing.
//
// Hygiene: requests must name the server by a name it was started for
// (loopback names, the addresses it listens on, --allow-host names), so a
// web page elsewhere cannot reach it through DNS rebinding; only GET and
// HEAD are served, and nothing is read from disk per request: every
// answer comes from the in-memory site.
package server

import (
	"bufio"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/storyhub/storyhub/internal/buildcache"
	"io"
	"net"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"slices"
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
	Cache   *buildcache.Cache
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

// state is what the server serves: the last good site (nil before the
// first), and the problems of the latest build when it failed, as the
// overlay shows them and as sent to pages.
type state struct {
	id       uint64
	snap     *build.Snapshot
	problems []Problem
	sent     string
}

// Problem is one entry of the error overlay.
type Problem struct {
	content.Problem
	Excerpt []string `json:"excerpt"` // the lines around Line
	First   int      `json:"first"`   // the line number of Excerpt[0]
	// Errors is, for an entry that stands for problems not shown, how
	// many of them are errors.
	Errors int `json:"errors,omitempty"`
}

// What the overlay and the terminal show of a failed build: the first
// maxShown problems, errors first, then one entry counting the rest; of
// each, excerptContext lines before and after its line, each at most
// maxExcerptLine bytes, around the problem's column. A file of one long
// line with hundreds of problems, or hundreds of broken files, is then a
// page of reading, not a copy of the files for each problem.
const (
	maxShown       = 50
	excerptContext = 2
	maxExcerptLine = 240
)

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
		builder: build.NewBuilder(build.Config{SiteDir: cfg.SiteDir, Drafts: cfg.Drafts, Future: cfg.Future, BaseURL: baseURL, Cache: cfg.Cache}, root.FS()),
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

// Files returns the site being served (nil before the first build).
func (s *Server) Files() map[string][]byte {
	if snap := s.state.Load().snap; snap != nil {
		return snap.Files
	}
	return nil
}

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
// when all is set, and tells pages. A rebuild that changes nothing
// served, no byte of the site and no problem, keeps the build as it is
// and tells pages nothing: a touch, or an edit nothing shows, reloads no
// page.
func (s *Server) rebuild(ctx context.Context, changed []string, all bool) {
	start := time.Now()
	old := s.state.Load()
	if old == nil {
		old = &state{}
	}
	var snap *build.Snapshot
	load := changed
	if all {
		load = nil // the builder's word for "read everything"
	}
	m, err := s.builder.Load(ctx, load, nil)
	if err == nil {
		snap, err = s.builder.Snapshot(ctx, m)
	}
	done := func(id uint64) {
		if s.Rebuilt != nil {
			s.Rebuilt(id, changed, err)
		}
	}
	if err != nil {
		ps := s.problems(err)
		sent := mustJSON(ps)
		if old.problems != nil && sent == old.sent {
			done(old.id)
			return
		}
		st := &state{id: old.id + 1, snap: old.snap, problems: ps, sent: sent}
		s.state.Store(st)
		s.report(ps)
		s.hub.send(event{name: "problems", data: sent})
		done(st.id)
		return
	}
	s.report(shown(m.Warnings))
	change := otherChange
	if old.snap != nil {
		change = diff(old.snap, snap)
	}
	if change == noChange && old.problems == nil {
		done(old.id)
		return
	}
	st := &state{id: old.id + 1, snap: snap}
	s.state.Store(st)
	ev := event{name: "reload", data: strconv.FormatUint(st.id, 10)}
	if change == cssOnly {
		ev.name = "css"
	}
	if old.problems != nil {
		fmt.Fprintf(s.cfg.Log, "fixed: rebuilt in %v\n", time.Since(start).Round(time.Millisecond))
		s.printed = map[string]bool{}
		ev.name = "reload" // the page shows the overlay: reload it away
	}
	if old.id > 0 {
		s.hub.send(ev)
	}
	done(st.id)
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

// overlay is shown(list) with the lines around each problem.
func (s *Server) overlay(list content.ErrorList) []Problem {
	ps := shown(list)
	s.excerpts(ps)
	return ps
}

// shown is what the overlay and the terminal show of list: errors first,
// at most maxShown, then one entry counting the rest.
func shown(list content.ErrorList) []Problem {
	list = slices.Clone(list)
	slices.SortStableFunc(list, func(a, b *content.Error) int { return cmp.Compare(a.Severity, b.Severity) })
	n := len(list)
	if n > maxShown+1 { // one more is shown rather than counted
		n = maxShown
	}
	var out []Problem
	for _, e := range list[:n] {
		p := Problem{Problem: e.Problem()}
		if e.Hidden != nil {
			p.Errors = e.Hidden[content.SeverityError]
		}
		out = append(out, p)
	}
	if rest := list[n:]; len(rest) > 0 {
		hidden := content.ErrorList(rest)
		more := hidden.Count(content.SeverityError) + hidden.Count(content.SeverityWarning) + hidden.Count(content.SeverityNote)
		out = append(out, Problem{
			Problem: content.Problem{Severity: rest[0].Severity.String(), Message: fmt.Sprintf("and %d more problems", more),
				Hint: "fix the ones above and the rest are shown"},
			Errors: hidden.Count(content.SeverityError),
		})
	}
	return out
}

// excerpts gives each problem with a line the lines around it. Each file
// is read once, as a stream, for where its lines start; then only the
// parts of them shown are read.
func (s *Server) excerpts(ps []Problem) {
	byFile := map[string][]*Problem{}
	for i := range ps {
		if p := &ps[i]; p.Line > 0 && p.File != "" {
			byFile[p.File] = append(byFile[p.File], p)
		}
	}
	for file, list := range byFile {
		f, err := s.root.Open(filepath.FromSlash(file))
		if err != nil {
			continue
		}
		if info, err := f.Stat(); err == nil && info.Mode().IsRegular() {
			excerpt(f, list, s.builder.Limits().File)
		}
		f.Close()
	}
}

// excerpt fills in the excerpts of problems in the file f, reading at
// most limit bytes of it.
func excerpt(f *os.File, ps []*Problem, limit int64) {
	type span struct{ start, length int64 } // length without the line break
	want := map[int]*span{}
	last := 0
	for _, p := range ps {
		for n := max(p.Line-excerptContext, 1); n <= p.Line+excerptContext; n++ {
			want[n] = nil
		}
		last = max(last, p.Line+excerptContext)
	}
	r := bufio.NewReaderSize(io.LimitReader(f, limit), 64<<10)
	var off int64
	for n := 1; n <= last; n++ {
		start, brk, cr := off, int64(0), false
		var err error
		for {
			var chunk []byte
			chunk, err = r.ReadSlice('\n')
			off += int64(len(chunk))
			if err == bufio.ErrBufferFull {
				cr = chunk[len(chunk)-1] == '\r'
				continue
			}
			if err == nil {
				brk = 1
				if (len(chunk) > 1 && chunk[len(chunk)-2] == '\r') || (len(chunk) == 1 && cr) {
					brk = 2
				}
			}
			break
		}
		if off == start {
			break // the file ends before line n
		}
		if _, ok := want[n]; ok {
			want[n] = &span{start, off - start - brk}
		}
		if err != nil {
			break
		}
	}
	for _, p := range ps {
		for n := max(p.Line-excerptContext, 1); n <= p.Line+excerptContext; n++ {
			sp := want[n]
			if sp == nil {
				break
			}
			col := 0
			if n == p.Line {
				col = p.Col
			}
			from, to := window(sp.length, col)
			buf := make([]byte, to-from)
			k, _ := f.ReadAt(buf, sp.start+from)
			if p.Excerpt == nil {
				p.First = n
			}
			p.Excerpt = append(p.Excerpt, cut(buf[:k], from > 0, to < sp.length))
		}
	}
}

// window is the part of a line of length bytes the overlay shows: all of
// it, or maxExcerptLine bytes around the byte column col (0: the start).
func window(length int64, col int) (from, to int64) {
	if length <= maxExcerptLine {
		return 0, length
	}
	from = min(max(int64(col)-1-maxExcerptLine/2, 0), length-maxExcerptLine)
	return from, from + maxExcerptLine
}

// cut is part of a line as shown: whole characters only, and "…" where
// the line goes on.
func cut(part []byte, before, after bool) string {
	if before {
		for i := 0; i < utf8.UTFMax && len(part) > 0 && !utf8.RuneStart(part[0]); i++ {
			part = part[1:]
		}
	}
	if after {
		// A character the cut ends in the middle of goes.
		for i := len(part) - 1; i >= 0 && i >= len(part)-utf8.UTFMax; i-- {
			if utf8.RuneStart(part[i]) {
				if !utf8.FullRune(part[i:]) {
					part = part[:i]
				}
				break
			}
		}
	}
	out := string(part)
	if before {
		out = "…" + out
	}
	if after {
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
// It returns the Host values requests may use (see ServeHTTP): loopback
// names, and the names in allow, on the port listened on; and, when the
// address is reachable from other machines, which it warns of, this
// machine's own addresses.
func Listen(addr string, allow []string, log io.Writer) (net.Listener, map[string]bool, error) {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, nil, fmt.Errorf("--addr %q: want host:port, like 127.0.0.1:1313", addr)
	}
	for _, name := range allow {
		if name == "" || strings.ContainsAny(name, "/[]@ ") || (strings.Contains(name, ":") && net.ParseIP(name) == nil) {
			return nil, nil, fmt.Errorf("--allow-host %q: want a host name or address without a port, like mybox.local", name)
		}
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		if errors.Is(err, syscall.EADDRINUSE) {
			return nil, nil, fmt.Errorf("%s is in use (is another storyhub serve running?); pass --addr 127.0.0.1:0 to pick a free port", addr)
		}
		return nil, nil, fmt.Errorf("cannot listen on %s: %w", addr, err)
	}
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	names := append([]string{"localhost", "127.0.0.1", "::1", host}, allow...)
	ip := net.ParseIP(host)
	public := host != "localhost" && (ip == nil || !ip.IsLoopback())
	if public {
		addrs, _ := net.InterfaceAddrs()
		for _, a := range addrs {
			if n, ok := a.(*net.IPNet); ok {
				names = append(names, n.IP.String())
			}
		}
	}
	hosts := map[string]bool{}
	var shown []string
	for _, name := range names {
		if name == "" {
			continue
		}
		h := strings.ToLower(net.JoinHostPort(name, port))
		if !hosts[h] {
			shown = append(shown, h)
		}
		hosts[h] = true
		if port == "80" { // browsers leave the default port out
			hosts[strings.ToLower(strings.TrimSuffix(h, ":80"))] = true
		}
	}
	if public {
		fmt.Fprintf(log, "warning: serving on %s, which other machines can reach, as %s; use 127.0.0.1 to keep the preview private\n",
			ln.Addr(), strings.Join(shown, ", "))
	}
	return ln, hosts, nil
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
