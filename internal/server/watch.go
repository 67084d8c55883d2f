package server

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/storyhub/storyhub/internal/content"
)

// watchedDirs are the site folders whose every change triggers a rebuild;
// site.toml is watched in the site folder itself.
func watchedDirs() []string { return []string{"content", "static", "themes"} }

// changes collects changed site paths and wakes the builder once the
// burst is over: a quiet gap, or a longest wait, since the first event.
type changes struct {
	mu      sync.Mutex
	paths   map[string]bool
	all     bool // something changed that cannot be named: read everything
	kick    chan struct{}
	quiet   time.Duration
	longest time.Duration
	timer   *time.Timer
	first   time.Time
}

func newChanges(quiet, longest time.Duration) *changes {
	return &changes{paths: map[string]bool{}, kick: make(chan struct{}, 1), quiet: quiet, longest: longest}
}

// add records paths (nil: everything) and schedules the kick.
func (c *changes) add(paths []string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if paths == nil {
		c.all = true
	}
	for _, p := range paths {
		c.paths[p] = true
	}
	now := time.Now()
	if c.timer == nil {
		c.first = now
		c.timer = time.AfterFunc(c.quiet, c.fire)
		return
	}
	wait := min(c.quiet, c.longest-now.Sub(c.first))
	c.timer.Reset(max(wait, 0))
}

func (c *changes) fire() {
	c.mu.Lock()
	c.timer = nil
	c.mu.Unlock()
	select {
	case c.kick <- struct{}{}:
	default: // a kick is already waiting: the builder takes these paths too
	}
}

// take returns and forgets the paths named since the last take, and
// whether something changed that they do not name (read everything).
func (c *changes) take() (paths []string, all bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	paths = make([]string, 0, len(c.paths))
	for p := range c.paths {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	all = c.all
	c.paths, c.all = map[string]bool{}, false
	return paths, all
}

// watch reports changes under the site folder until ctx ends, with
// fsnotify, or by polling when asked or when the system cannot watch.
func watch(ctx context.Context, site string, poll bool, interval time.Duration, out *changes, log io.Writer) error {
	if !poll {
		w, err := newNotifier(site, out, log)
		if err == nil {
			go w.run(ctx)
			return nil
		}
		if !errors.Is(err, syscall.ENOSPC) && !errors.Is(err, syscall.EMFILE) {
			return err
		}
		fmt.Fprintln(log, "storyhub: the system's limit on watched folders is reached, so changes are found by polling instead.\n"+
			"  To watch again, raise the limit: sudo sysctl fs.inotify.max_user_watches=524288 fs.inotify.max_user_instances=512")
	}
	p := &poller{site: site, out: out, interval: interval}
	p.seen = p.scan()
	go p.run(ctx)
	return nil
}

type notifier struct {
	w    *fsnotify.Watcher
	site string
	out  *changes
	log  io.Writer
}

func newNotifier(site string, out *changes, log io.Writer) (*notifier, error) {
	w, err := fsnotify.NewBufferedWatcher(4096)
	if err != nil {
		return nil, err
	}
	n := &notifier{w: w, site: site, out: out, log: log}
	if err := w.Add(site); err != nil {
		w.Close()
		return nil, err
	}
	for _, d := range watchedDirs() {
		if err := n.addTree(filepath.Join(site, d)); err != nil {
			w.Close()
			return nil, err
		}
	}
	return n, nil
}

// addTree watches dir and every folder below it. A folder that appears
// with files in it is not missed: its own path goes to the builder, which
// reads everything under a changed folder.
func (n *notifier) addTree(dir string) error {
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			return err
		}
		if d.IsDir() {
			if p != dir && content.Ignored(d.Name()) {
				return fs.SkipDir
			}
			return n.w.Add(p)
		}
		return nil
	})
	return err
}

func (n *notifier) run(ctx context.Context) {
	defer n.w.Close()
	for {
		select {
		case <-ctx.Done():
			return
		case err, ok := <-n.w.Errors:
			if !ok {
				return
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				n.out.add(nil) // events were lost: read everything
				continue
			}
			fmt.Fprintln(n.log, "storyhub: watching:", err)
		case ev, ok := <-n.w.Events:
			if !ok {
				return
			}
			n.event(ev)
		}
	}
}

func (n *notifier) event(ev fsnotify.Event) {
	rel, err := filepath.Rel(n.site, ev.Name)
	if err != nil || strings.HasPrefix(rel, "..") {
		return
	}
	rel = filepath.ToSlash(rel)
	if content.Ignored(filepath.Base(rel)) {
		return
	}
	top, _, _ := strings.Cut(rel, "/")
	watched := rel == "site.toml"
	for _, d := range watchedDirs() {
		watched = watched || top == d
	}
	if !watched {
		return
	}
	if ev.Has(fsnotify.Create) {
		if info, err := os.Stat(ev.Name); err == nil && info.IsDir() {
			// A new folder (or one deleted and made again): watch it and
			// everything already inside it.
			if err := n.addTree(ev.Name); err != nil {
				fmt.Fprintln(n.log, "storyhub: watching:", err)
				n.out.add(nil)
				return
			}
		}
	}
	n.out.add([]string{rel})
}

// poller finds changes by comparing each file's size, time and mode.
type poller struct {
	site     string
	out      *changes
	interval time.Duration
	seen     map[string]stamp
}

type stamp struct {
	size int64
	mod  time.Time
	mode fs.FileMode
}

func (p *poller) scan() map[string]stamp {
	seen := map[string]stamp{}
	if info, err := os.Stat(filepath.Join(p.site, "site.toml")); err == nil {
		seen["site.toml"] = stamp{info.Size(), info.ModTime(), info.Mode()}
	}
	for _, d := range watchedDirs() {
		filepath.WalkDir(filepath.Join(p.site, d), func(path string, e fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			info, err := e.Info()
			if err != nil {
				return nil
			}
			rel, _ := filepath.Rel(p.site, path)
			seen[filepath.ToSlash(rel)] = stamp{info.Size(), info.ModTime(), info.Mode()}
			return nil
		})
	}
	return seen
}

func (p *poller) run(ctx context.Context) {
	t := time.NewTicker(p.interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		now := p.scan()
		var changed []string
		for name, st := range now {
			if old, ok := p.seen[name]; !ok || old != st {
				changed = append(changed, name)
			}
		}
		for name := range p.seen {
			if _, ok := now[name]; !ok {
				changed = append(changed, name)
			}
		}
		p.seen = now
		var kept []string
		for _, c := range changed {
			if !content.Ignored(filepath.Base(c)) {
				kept = append(kept, c)
			}
		}
		if len(kept) > 0 {
			p.out.add(kept)
		}
	}
}
