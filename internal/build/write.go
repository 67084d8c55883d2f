package build

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
)

// Marker is the file that marks a folder as storyhub's output, safe to
// replace on the next build.
const Marker = ".storyhub-output"

// checkOutDir refuses output folders that would overwrite the site itself.
func checkOutDir(siteDir, outDir string) error {
	site, err := filepath.Abs(siteDir)
	if err != nil {
		return err
	}
	out, err := filepath.Abs(outDir)
	if err != nil {
		return err
	}
	if real, err := filepath.EvalSymlinks(site); err == nil {
		site = real
	}
	if real, err := filepath.EvalSymlinks(filepath.Dir(out)); err == nil {
		out = filepath.Join(real, filepath.Base(out))
	}
	within := func(dir, parent string) bool {
		rel, err := filepath.Rel(parent, dir)
		return err == nil && (rel == "." || (rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))))
	}
	if within(site, out) {
		return fmt.Errorf("output folder %s holds the site itself; choose another -o", outDir)
	}
	for _, dir := range []string{"content", "static", "themes"} {
		if within(out, filepath.Join(site, dir)) {
			return fmt.Errorf("output folder %s is inside the site's %s/; choose another -o, such as public", outDir, dir)
		}
	}
	info, err := os.Stat(out)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return err
	case !info.IsDir():
		return fmt.Errorf("output %s is a file, not a folder; remove it or choose another -o", outDir)
	}
	if _, err := os.Stat(filepath.Join(out, Marker)); err == nil {
		return nil
	}
	entries, err := os.ReadDir(out)
	if err != nil {
		return err
	}
	if len(entries) > 0 {
		return fmt.Errorf("output folder %s is not empty and was not made by storyhub; nothing was written (remove it or choose another -o)", outDir)
	}
	return nil
}

// write renders every output into a new folder beside cfg.OutDir and swaps
// it in.
func write(ctx context.Context, cfg Config, m *Model) error {
	out, err := filepath.Abs(cfg.OutDir)
	if err != nil {
		return err
	}
	parent := filepath.Dir(out)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return fmt.Errorf("output folder: %w", err)
	}
	removeStale(parent, filepath.Base(out))
	// The work folder holds the new site while it is written, and the old
	// one once they are swapped; it goes in every case.
	work, err := os.MkdirTemp(parent, "."+filepath.Base(out)+".tmp-")
	if err != nil {
		return fmt.Errorf("output folder: %w", err)
	}
	defer os.RemoveAll(work)
	markTopDir(work)
	dir, err := os.MkdirTemp(work, "site-")
	if err != nil {
		return fmt.Errorf("output folder: %w", err)
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		return err
	}
	w := &writer{dir: dir, dirs: map[string]bool{}}
	// One worker more than cores, which runs while another waits on the
	// disk.
	if err := makeAll(ctx, m, newPass(nil, cfg), nil, nil, 1, w); err != nil {
		return err
	}
	if err := w.file(Marker, []byte("This folder is replaced by every storyhub build.\n")); err != nil {
		return err
	}
	return swap(dir, out)
}

// removeStale deletes temporary folders a killed build left beside out.
func removeStale(parent, base string) {
	stale, _ := filepath.Glob(filepath.Join(parent, "."+base+".tmp-*"))
	for _, s := range stale {
		os.RemoveAll(s)
	}
}

// swap puts the new folder dir in place of out in one step where the
// system can exchange two names atomically, and with two renames
// elsewhere. The old site ends up in dir's folder, to be removed with it.
func swap(dir, out string) error {
	if _, err := os.Lstat(out); errors.Is(err, fs.ErrNotExist) {
		return os.Rename(dir, out)
	}
	if err := exchange(dir, out); err == nil {
		return nil
	}
	old := dir + ".old"
	if err := os.Rename(out, old); err != nil {
		return fmt.Errorf("replacing %s: %w", filepath.ToSlash(out), err)
	}
	if err := os.Rename(dir, out); err != nil {
		os.Rename(old, out)
		return fmt.Errorf("replacing %s: %w", filepath.ToSlash(out), err)
	}
	return nil
}

type writer struct {
	// dir is the new output folder: made by this build with MkdirTemp,
	// so nothing inside it is a link. Paths are checked to stay inside.
	dir  string
	mu   sync.Mutex
	dirs map[string]bool
}

func (w *writer) put(name string, data []byte, _ *madeFile) error { return w.file(name, data) }

// keep is never called: a build keeps nothing from an earlier one.
func (w *writer) keep(name string, old *madeFile) error { return w.file(name, old.data) }

// link publishes the build cache's file cached as name: a hard link,
// which copies nothing. Not on Windows, whose read-only files resist
// removal; nor across file systems; the caller then writes the bytes.
func (w *writer) link(name, cached string) error {
	if runtime.GOOS == "windows" {
		return errors.ErrUnsupported
	}
	if !filepath.IsLocal(name) {
		return fmt.Errorf("writing %s: the path leaves the output folder", name)
	}
	if err := w.mkdir(path.Dir(name)); err != nil {
		return fmt.Errorf("writing %s: %w", name, err)
	}
	return os.Link(cached, filepath.Join(w.dir, filepath.FromSlash(name)))
}

func (w *writer) file(name string, data []byte) error {
	if !filepath.IsLocal(name) {
		return fmt.Errorf("writing %s: the path leaves the output folder", name)
	}
	if err := w.mkdir(path.Dir(name)); err != nil {
		return fmt.Errorf("writing %s: %w", name, err)
	}
	if err := create(filepath.Join(w.dir, filepath.FromSlash(name)), data); err != nil {
		return fmt.Errorf("writing %s: %w", name, err)
	}
	return nil
}

// mkdir makes the folder dir of the new site, and its parents, unless this
// build has made them already.
func (w *writer) mkdir(dir string) error {
	if dir == "." {
		return nil
	}
	w.mu.Lock()
	known := w.dirs[dir]
	w.mu.Unlock()
	if known {
		return nil
	}
	if err := w.mkdir(path.Dir(dir)); err != nil {
		return err
	}
	full := filepath.Join(w.dir, filepath.FromSlash(dir))
	// Another worker may have made it since: that is fine.
	if err := mkdir(full); err != nil && !errors.Is(err, fs.ErrExist) {
		return err
	}
	w.mu.Lock()
	w.dirs[dir] = true
	w.mu.Unlock()
	return nil
}
