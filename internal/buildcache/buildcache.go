// Package buildcache keeps the outputs that are expensive to make
// (resized images, preview cards) between builds, content-addressed: an
// entry's key is a hash of everything it is made from (the source bytes,
// the settings, the maker's Version, the toolchain and libraries: see
// programVersion), so an entry is never stale, only unused. It is a
// folder of files named by key: safe to delete at any time, written
// atomically (a temporary file renamed into place), so a killed build or
// two builds at once never leave half an entry. Entries
// no build used for 30 days are pruned. Entries are read-only: a build
// may publish one as it is, hard linked (File), so a warm build copies no
// bytes of its cards and pictures. Pages are never cached: they are
// cheap, and a stale page is the worst bug a generator can ship.
package buildcache

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"time"
)

// Unused is how long an entry stays without a build using it.
const Unused = 30 * 24 * time.Hour

// Cache is one cache folder. A nil *Cache caches nothing, for --no-cache.
// It is safe for concurrent use.
type Cache struct {
	dir     string
	version string
	pruned  sync.Once
}

// Open returns the cache in dir. The folder is made by the first Put: a
// build that caches nothing leaves nothing behind.
func Open(dir string) *Cache {
	return &Cache{dir: dir, version: programVersion()}
}

// DefaultDir is the user's cache folder for storyhub.
func DefaultDir() (string, error) {
	d, err := os.UserCacheDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(d, "storyhub"), nil
}

// programVersion names what, beside each maker's own Version
// (images.Version, cards.Version), decides an entry's bytes: the Go
// toolchain, the libraries (image codecs, font rasterizer) and a
// storyhub release. A build between releases (a commit, a checkout with
// changes) is keyed by the makers' Versions instead of its commit, so a
// commit that changes content, or code that makes no entry, finds the
// cache warm, as CI does for every commit; the makers' tests
// (versioncheck) make a change of output change its Version.
func programVersion() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown " + runtime.Version()
	}
	var b strings.Builder
	b.WriteString(runtime.Version())
	if release(info.Main.Version) {
		b.WriteString(" " + info.Main.Version)
	}
	for _, d := range info.Deps {
		if d.Replace != nil {
			d = d.Replace
		}
		b.WriteString(" " + d.Path + "@" + d.Version)
	}
	return b.String()
}

// pseudo matches the date and commit of a pseudo-version
// (v0.0.0-20261203120000-abcdef123456).
var pseudo = regexp.MustCompile(`\d{14}-[0-9a-f]{12}`)

// release reports whether v is a release's version: not empty, not
// (devel), not a pseudo-version, not built from changed files (+dirty).
func release(v string) bool {
	return strings.HasPrefix(v, "v") && !pseudo.MatchString(v) && !strings.Contains(v, "+")
}

// Key hashes what an entry is made from, in order; kind names what is
// made ("image", "card") with the version of the code that makes it.
func (c *Cache) Key(kind string, parts ...[]byte) string {
	h := sha256.New()
	var n [8]byte
	write := func(b []byte) {
		binary.LittleEndian.PutUint64(n[:], uint64(len(b)))
		h.Write(n[:])
		h.Write(b)
	}
	write([]byte(kind))
	if c != nil {
		write([]byte(c.version))
	}
	for _, p := range parts {
		write(p)
	}
	return kind + "-" + hex.EncodeToString(h.Sum(nil))
}

func (c *Cache) path(key string) string {
	return filepath.Join(c.dir, key[len(key)-2:], key)
}

// Get returns the entry of key, marking it used.
func (c *Cache) Get(key string) ([]byte, bool) {
	if c == nil || !validKey(key) {
		return nil, false
	}
	p := c.path(key)
	f, err := os.Open(p)
	if err != nil {
		return nil, false
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, false
	}
	data := make([]byte, info.Size())
	if _, err := io.ReadFull(f, data); err != nil {
		return nil, false
	}
	c.used(p, info.ModTime())
	return data, true
}

// used marks the entry at p used: not pruned for another Unused. An
// entry marked within the last day is left as it is, which spares a
// warm build a write per entry.
func (c *Cache) used(p string, marked time.Time) {
	if now := time.Now(); now.Sub(marked) > 24*time.Hour {
		_ = os.Chtimes(p, now, now)
	}
}

// File is the path of the entry of key, marking it used, for a build
// that publishes the entry as it is (a hard link to it, which costs no
// copy). The entry is read-only; false when there is none.
func (c *Cache) File(key string) (string, bool) {
	if c == nil || !validKey(key) {
		return "", false
	}
	p := c.path(key)
	info, err := os.Stat(p)
	if err != nil || !info.Mode().IsRegular() || info.Mode().Perm()&0o222 != 0 && runtime.GOOS != "windows" {
		return "", false
	}
	c.used(p, info.ModTime())
	return p, true
}

// Put stores data as the entry of key. A cache that cannot be written is
// no reason to fail a build: the error is for the caller to warn of.
func (c *Cache) Put(key string, data []byte) error {
	if c == nil || !validKey(key) {
		return nil
	}
	p := c.path(key)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(filepath.Dir(p), ".tmp-*")
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil && runtime.GOOS != "windows" {
		// Read-only, since a build may publish the entry itself (File):
		// a tool that wrote into a published file in place would
		// otherwise change the entry for every later build.
		err = os.Chmod(f.Name(), 0o444)
	}
	if err == nil {
		err = os.Rename(f.Name(), p)
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
}

// validKey reports whether key is one Key made: a kind and a hex hash,
// so no key can name a path outside the folder.
func validKey(key string) bool {
	kind, sum, ok := strings.Cut(key, "-")
	if !ok || kind == "" || len(sum) != 64 || strings.ContainsAny(kind, `/\.`) {
		return false
	}
	_, err := hex.DecodeString(sum)
	return err == nil
}

// Prune removes the entries and stray temporary files no build used for
// Unused: once per Cache, and at most once a day (a marker file says
// when), since it reads the whole folder.
func (c *Cache) Prune(now time.Time) error {
	if c == nil {
		return nil
	}
	var err error
	c.pruned.Do(func() {
		marker := filepath.Join(c.dir, "pruned")
		if info, serr := os.Stat(marker); serr == nil && now.Sub(info.ModTime()) < 24*time.Hour {
			return
		}
		err = filepath.WalkDir(c.dir, func(p string, d fs.DirEntry, werr error) error {
			if werr != nil {
				if errors.Is(werr, fs.ErrNotExist) {
					return nil
				}
				return werr
			}
			if d.IsDir() {
				return nil
			}
			info, ierr := d.Info()
			if ierr == nil && now.Sub(info.ModTime()) > Unused && p != marker {
				os.Remove(p)
			}
			return nil
		})
		if err == nil {
			if f, cerr := os.Create(marker); cerr == nil {
				f.Close()
			}
		}
	})
	return err
}
