package buildcache

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

func TestPutGetPrune(t *testing.T) {
	c := Open(t.TempDir())
	k := c.Key("image", []byte("source"), []byte("480w"))
	if k == c.Key("image", []byte("sourc"), []byte("e480w")) {
		t.Fatal("parts that join alike give one key")
	}
	if _, ok := c.Get(k); ok {
		t.Fatal("an empty cache has an entry")
	}
	if err := c.Put(k, []byte("bytes")); err != nil {
		t.Fatal(err)
	}
	if got, ok := c.Get(k); !ok || !bytes.Equal(got, []byte("bytes")) {
		t.Fatalf("Get = %q, %v", got, ok)
	}
	old := time.Now().Add(-2 * Unused)
	if err := os.Chtimes(c.path(k), old, old); err != nil {
		t.Fatal(err)
	}
	if err := c.Prune(time.Now()); err != nil {
		t.Fatal(err)
	}
	if _, ok := c.Get(k); ok {
		t.Fatal("an entry unused for two months was kept")
	}
}

func TestKeysStayInside(t *testing.T) {
	dir := t.TempDir()
	c := Open(filepath.Join(dir, "cache"))
	for _, k := range []string{"../../x-" + string(bytes.Repeat([]byte("a"), 64)), "a/b-00", "", "x"} {
		_ = c.Put(k, []byte("x"))
		if _, ok := c.Get(k); ok {
			t.Errorf("key %q was stored", k)
		}
	}
	var nilCache *Cache
	if _, ok := nilCache.Get(nilCache.Key("card")); ok || nilCache.Put(nilCache.Key("card"), nil) != nil {
		t.Error("a nil cache cached")
	}
}

// Get marks an entry used once a day at most: a warm build does not
// write to every entry it reads.
func TestGetMarksUsedDaily(t *testing.T) {
	c := Open(t.TempDir())
	k := c.Key("card", []byte("title"))
	if err := c.Put(k, []byte("png")); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		age    time.Duration
		marked bool
	}{{time.Hour, false}, {2 * 24 * time.Hour, true}, {2 * Unused, true}} {
		then := time.Now().Add(-tc.age).Truncate(time.Second)
		if err := os.Chtimes(c.path(k), then, then); err != nil {
			t.Fatal(err)
		}
		if _, ok := c.Get(k); !ok {
			t.Fatal("no entry")
		}
		info, err := os.Stat(c.path(k))
		if err != nil {
			t.Fatal(err)
		}
		if got := info.ModTime().After(then); got != tc.marked {
			t.Errorf("read %v after its last use: marked again = %v, want %v", tc.age, got, tc.marked)
		}
	}
}

func TestRelease(t *testing.T) {
	for _, c := range []struct {
		v    string
		want bool
	}{
		{"v1.2.0", true},
		{"v1.2.0-rc.1", true},
		{"", false},
		{"(devel)", false},
		{"v0.0.0-20261203120000-abcdef123456", false},
		{"v1.2.1-0.20261203120000-abcdef123456", false},
		{"v1.2.0-rc.1.0.20261203120000-abcdef123456", false},
		{"v1.2.0+dirty", false},
		{"v0.0.0-20261203120000-abcdef123456+dirty", false},
	} {
		if got := release(c.v); got != c.want {
			t.Errorf("release(%q) = %v, want %v", c.v, got, c.want)
		}
	}
	if v := programVersion(); !strings.HasPrefix(v, runtime.Version()) {
		t.Errorf("programVersion() = %q, want it to start with the Go version %s", v, runtime.Version())
	}
}
