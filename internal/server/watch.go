package server

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/storyhub/storyhub/internal/content"
)

// Watching. Both ways of finding changes, notifications and polling, look
// at the same tree: site.toml and the watched folders in the site folder
// (a watched folder may be a link, followed when it leads to a folder
// inside the site, as the builder's os.Root follows it), and below them
// every entry but editors' files, links not followed (the builder reads
// none). A folder that is renamed, replaced or removed has every path
// under it reported, under its old name and its new one, so the builder
// reads again everything there; a watched folder that goes or comes makes
// the builder read everything.

// watchedDirs are the site folders whose every change triggers a rebuild;
// site.toml is watched in the site folder itself.
func watchedDirs() []string { return []string{"content", "static", "themes"} }

// changes collects changed site paths and wakes the builder once the
// burst is over: a quiet gap, or a longest wait, since the first event.
type changes struct {
	mu      sync.Mutex
	paths   map[string]bool
	all     bool // something changed that paths do not name: read everything
	kick    chan struct{}
	quiet   time.Duration
	longest time.Duration
	timer   *time.Timer
	first   time.Time
}

func newChanges(quiet, longest time.Duration) *changes {
	return &changes{paths: map[string]bool{}, kick: make(chan struct{}, 1), quiet: quiet, longest: longest}
}

// add records paths, and that everything may have changed when all is
// set, and schedules the kick.
func (c *changes) add(paths []string, all bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.all = c.all || all
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

// found is what one look at the site found: the paths that changed, and
// whether a watched folder itself went, came or was replaced.
type found struct {
	paths []string
	all   bool
}

func (f *found) name(p string) { f.paths = append(f.paths, p) }

// tree lists the site as the watchers see it.
type tree struct {
	site string // the site folder, as given
	real string // the site folder with its links resolved
}

func newTree(site string) tree {
	real, err := filepath.EvalSymlinks(site)
	if err != nil {
		real = site
	}
	return tree{site: site, real: real}
}

func (t tree) abs(rel string) string { return filepath.Join(t.site, filepath.FromSlash(rel)) }

// list returns what the watchers follow in the folder rel ("" for the site
// folder). A watched folder that is a link leading inside the site is
// listed as the folder it leads to; anything else that is a link is an
// entry like a file.
func (t tree) list(rel string) ([]fs.DirEntry, error) {
	if rel == "" {
		var out []fs.DirEntry
		for _, name := range append([]string{"site.toml"}, watchedDirs()...) {
			info, err := os.Lstat(t.abs(name))
			if err != nil {
				continue
			}
			if info.Mode()&fs.ModeSymlink != 0 && t.inside(name) {
				if followed, err := os.Stat(t.abs(name)); err == nil {
					info = followed
				}
			}
			out = append(out, fs.FileInfoToDirEntry(info))
		}
		return out, nil
	}
	entries, err := os.ReadDir(t.abs(rel))
	return slices.DeleteFunc(entries, func(e fs.DirEntry) bool { return content.Ignored(e.Name()) }), err
}

// inside reports whether the link name in the site folder leads to
// something inside the site folder, other than the site folder itself.
func (t tree) inside(name string) bool {
	target, err := filepath.EvalSymlinks(t.abs(name))
	if err != nil {
		return false
	}
	rel, err := filepath.Rel(t.real, target)
	return err == nil && rel != "." && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// join is a site path of an entry of folder dir.
func join(dir, name string) string {
	if dir == "" {
		return name
	}
	return dir + "/" + name
}

// parent is the site path of the folder holding rel ("" for the site).
func parent(rel string) string {
	if d := path.Dir(rel); d != "." {
		return d
	}
	return ""
}

// tracked reports whether the site path rel is one the watchers follow.
func tracked(rel string) bool {
	top, _, _ := strings.Cut(rel, "/")
	return rel == "site.toml" || slices.Contains(watchedDirs(), top)
}

// watch reports changes under the site folder until ctx ends, with
// fsnotify, or by polling when asked or when the system cannot watch.
func watch(ctx context.Context, site string, poll bool, interval time.Duration, out *changes, log io.Writer) error {
	if !poll {
		n, err := newNotifier(site, out, log)
		if err == nil {
			go n.run(ctx)
			return nil
		}
		if !tooMany(err) {
			return err
		}
		fmt.Fprintln(log, limitReached)
	}
	p := &poller{tree: newTree(site), out: out, interval: interval}
	p.seen = p.scan()
	go p.run(ctx)
	return nil
}

const (
	limitReached = "storyhub: the system's limit on watched folders is reached, so changes are found by polling instead.\n" + raiseLimit
	raiseLimit   = "  To watch again, raise the limit: sudo sysctl fs.inotify.max_user_watches=524288 fs.inotify.max_user_instances=512"
)

func tooMany(err error) bool { return errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EMFILE) }

// notifier finds changes from file notifications. It keeps the tree it
// watches: each folder as it was found, and its entries by name (true: a
// folder). An event names a path, perhaps by a name the path no longer
// has (a notification may follow a folder that moved); it is only a
// reason to list the folder it happened in again and compare.
type notifier struct {
	tree
	w    *fsnotify.Watcher
	out  *changes
	log  io.Writer
	dirs map[string]*folder // by site path; "" is the site folder
	// added lists the folders add watched since a relist began.
	added []string
}

type folder struct {
	info fs.FileInfo // as found when added: is a folder by this name the same?
	kids map[string]bool
}

func newNotifier(site string, out *changes, log io.Writer) (*notifier, error) {
	w, err := fsnotify.NewBufferedWatcher(4096)
	if err != nil {
		return nil, err
	}
	n := &notifier{tree: newTree(site), w: w, out: out, log: log, dirs: map[string]*folder{}}
	if err := n.add("", &found{}); err != nil {
		w.Close()
		return nil, err
	}
	n.added = nil
	return n, nil
}

// add watches the folder rel and every folder below it, naming every
// path there in f. A folder that cannot be listed (gone again) is left
// out; its parent's next listing tells.
func (n *notifier) add(rel string, f *found) error {
	if err := n.w.Add(n.abs(rel)); err != nil {
		if tooMany(err) || rel == "" {
			return err
		}
		return nil
	}
	// Found and listed once watched, so nothing made in between is missed.
	info, err := os.Stat(n.abs(rel))
	var entries []fs.DirEntry
	if err == nil {
		entries, err = n.list(rel)
	}
	if err != nil && len(entries) == 0 {
		n.w.Remove(n.abs(rel))
		return nil
	}
	dir := &folder{info: info, kids: make(map[string]bool, len(entries))}
	n.dirs[rel] = dir
	if rel != "" {
		f.name(rel)
		n.added = append(n.added, rel)
	}
	for _, e := range entries {
		child := join(rel, e.Name())
		dir.kids[e.Name()] = e.IsDir()
		if !e.IsDir() {
			f.name(child)
		} else if err := n.add(child, f); err != nil {
			return err
		}
	}
	return nil
}

// drop stops watching the folder rel and those below it, naming every
// path they held in f.
func (n *notifier) drop(rel string, f *found) {
	f.name(rel)
	if dir := n.dirs[rel]; dir != nil {
		for name, isDir := range dir.kids {
			if child := join(rel, name); isDir {
				n.drop(child, f)
			} else {
				f.name(child)
			}
		}
	}
	delete(n.dirs, rel)
	n.w.Remove(n.abs(rel)) // an error: the system already forgot it
}

// known is the nearest watched folder holding the folder rel.
func (n *notifier) known(rel string) string {
	for rel != "" && n.dirs[rel] == nil {
		rel = parent(rel)
	}
	return rel
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
			if !errors.Is(err, fsnotify.ErrEventOverflow) {
				fmt.Fprintln(n.log, "storyhub: watching:", err)
			}
			// Events may be lost: watch the tree afresh, read everything.
			n.drop("", &found{})
			if err := n.add("", &found{}); err != nil {
				fmt.Fprintln(n.log, "storyhub: watching:", err)
			}
			n.out.add(nil, true)
		case ev, ok := <-n.w.Events:
			if !ok {
				return
			}
			// The events already waiting are handled together, so a
			// burst of renames is one listing of each folder.
			batch := []fsnotify.Event{ev}
		more:
			for len(batch) < 4096 {
				select {
				case ev, ok := <-n.w.Events:
					if !ok {
						break more
					}
					batch = append(batch, ev)
				default:
					break more
				}
			}
			n.handle(batch)
		}
	}
}

// handle takes in a batch of events: each path named is reported, and
// each folder whose entries may have changed (something in it made,
// removed or renamed) is listed again and compared. A folder that an
// event names as made, removed or renamed is taken as replaced.
func (n *notifier) handle(batch []fsnotify.Event) {
	f := &found{}
	relist := map[string]bool{}
	moved := map[string]bool{}
	for _, ev := range batch {
		rel, err := filepath.Rel(n.site, ev.Name)
		if err != nil || rel == "." || strings.HasPrefix(rel, "..") {
			continue
		}
		rel = filepath.ToSlash(rel)
		if content.Ignored(path.Base(rel)) {
			continue
		}
		entries := ev.Has(fsnotify.Create) || ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename)
		if !tracked(rel) {
			// Another entry of the site folder: perhaps where a watched
			// folder's link leads.
			if entries && parent(rel) == "" {
				relist[""] = true
			}
			continue
		}
		if entries {
			relist[n.known(parent(rel))] = true
			moved[rel] = true
		}
		f.name(rel)
	}
	n.relist(relist, moved, f)
	if len(f.paths) > 0 || f.all {
		n.out.add(f.paths, f.all)
	}
}

// relist lists the folders again, shallowest first, and takes in the
// differences: a folder that went, or was replaced (moved names it, or it
// is not the folder that was there), is dropped with every path in it,
// and what came is added with every path in it; all drops come before
// the adds, so a folder that moved is never watched under two names.
// A watched folder of the site going or coming has everything read.
func (n *notifier) relist(dirs, moved map[string]bool, f *found) {
	order := make([]string, 0, len(dirs))
	for d := range dirs {
		order = append(order, d)
	}
	slices.SortFunc(order, func(a, b string) int { return strings.Count(a, "/") - strings.Count(b, "/") })
	type came struct {
		dir string
		e   fs.DirEntry
	}
	var added []came
	for _, d := range order {
		dir := n.dirs[d]
		if dir == nil {
			continue // dropped with a folder above it
		}
		entries, _ := n.list(d) // a folder that went lists empty; its parent drops it
		now := make(map[string]fs.DirEntry, len(entries))
		for _, e := range entries {
			now[e.Name()] = e
		}
		for name, isDir := range dir.kids {
			child := join(d, name)
			if e, ok := now[name]; ok && e.IsDir() == isDir && (!isDir || (n.dirs[child] != nil && !moved[child])) {
				continue
			}
			delete(dir.kids, name)
			switch {
			case !isDir:
				f.name(child)
			case d == "":
				f.all = true
				n.drop(child, &found{})
			default:
				n.drop(child, f)
			}
		}
		for name, e := range now {
			if _, ok := dir.kids[name]; !ok {
				added = append(added, came{d, e})
			}
		}
	}
	n.added = n.added[:0]
	for _, a := range added {
		dir := n.dirs[a.dir]
		if dir == nil {
			continue
		}
		child := join(a.dir, a.e.Name())
		dir.kids[a.e.Name()] = a.e.IsDir()
		if !a.e.IsDir() {
			f.name(child)
			continue
		}
		into := f
		if a.dir == "" {
			f.all, into = true, &found{}
		}
		if err := n.add(child, into); err != nil {
			n.failed(err, f)
		}
	}
	if len(n.added) > 0 {
		n.rewatch(slices.Clone(n.added), f)
	}
}

// rewatch makes sure each folder just added is watched by its own name.
// The system keeps one watch per folder, named as it was first added: a
// folder that moved before its old name was dropped (listed in the
// folder it went to before the one it left) is still watched by its old
// name, and dropping that name later would stop watching it. Its old
// name is dropped now, with the folders in it, and it is added again.
func (n *notifier) rewatch(folders []string, f *found) {
	watched := map[string]bool{}
	for _, p := range n.w.WatchList() {
		watched[p] = true
	}
	var redone []string
	for _, rel := range folders { // shallowest first, as added
		dir := n.dirs[rel]
		if dir == nil || watched[n.abs(rel)] || slices.ContainsFunc(redone, func(r string) bool { return strings.HasPrefix(rel, r+"/") }) {
			continue
		}
		for old, o := range n.dirs {
			if old != rel && o.info != nil && os.SameFile(o.info, dir.info) {
				n.drop(old, f)
				if up := n.dirs[parent(old)]; up != nil {
					delete(up.kids, path.Base(old))
				}
				break
			}
		}
		n.drop(rel, f)
		if err := n.add(rel, f); err != nil {
			n.failed(err, f)
		}
		redone = append(redone, rel)
	}
}

// failed says that a folder could not be watched, and has everything
// read, since changes in it are missed.
func (n *notifier) failed(err error, f *found) {
	f.all = true
	if tooMany(err) {
		fmt.Fprintln(n.log, "storyhub: the system's limit on watched folders is reached: changes in folders made from now on are missed.\n"+
			raiseLimit+", and start serve again")
		return
	}
	fmt.Fprintln(n.log, "storyhub: watching:", err)
}

// poller finds changes by comparing each path's size, time, mode and,
// where the system tells, identity.
type poller struct {
	tree
	out      *changes
	interval time.Duration
	seen     map[string]stamp
}

type stamp struct {
	size int64
	mod  time.Time
	mode fs.FileMode
	id   [2]uint64
}

func (p *poller) scan() map[string]stamp {
	seen := map[string]stamp{}
	var walk func(dir string)
	walk = func(dir string) {
		entries, _ := p.list(dir)
		for _, e := range entries {
			info, err := e.Info()
			if err != nil {
				continue
			}
			rel := join(dir, e.Name())
			seen[rel] = stamp{info.Size(), info.ModTime(), info.Mode(), identity(info)}
			if e.IsDir() {
				walk(rel)
			}
		}
	}
	walk("")
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
		f := &found{}
		note := func(name string, old, st stamp, was, is bool) {
			f.name(name)
			// A watched folder that went, came or was replaced.
			if !strings.Contains(name, "/") && name != "site.toml" && (was != is || old.id != st.id || old.mode.IsDir() != st.mode.IsDir()) {
				f.all = true
			}
		}
		for name, st := range now {
			if old, ok := p.seen[name]; !ok || old != st {
				note(name, old, st, ok, true)
			}
		}
		for name, old := range p.seen {
			if _, ok := now[name]; !ok {
				note(name, old, stamp{}, true, false)
			}
		}
		p.seen = now
		if len(f.paths) > 0 {
			p.out.add(f.paths, f.all)
		}
	}
}
