package server

import (
	"io"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/fsnotify/fsnotify"
	"github.com/storyhub/storyhub/internal/sitetest"
)

// TestMovedBeforeLeft: a folder moved into another watched folder, and
// seen there before the folder it left is listed again, is watched by
// its new name, the folders in it too. (The system names a watch as the
// folder was first added; dropping the old name would stop watching it.)
func TestMovedBeforeLeft(t *testing.T) {
	site := sitetest.WriteFiles(t, withBundles("alpha"))
	n, err := newNotifier(site, newChanges(time.Hour, time.Hour), io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	defer n.w.Close()
	move(t, site, "content/stories/alpha", "content/decks/alpha")
	// The events in the order of the race: where it went, then where it was.
	n.handle([]fsnotify.Event{{Name: filepath.Join(site, "content/decks/alpha"), Op: fsnotify.Create}})
	n.handle([]fsnotify.Event{{Name: filepath.Join(site, "content/stories/alpha"), Op: fsnotify.Rename}})
	watched := map[string]bool{}
	for _, p := range n.w.WatchList() {
		watched[p] = true
	}
	for _, dir := range []string{"content/decks/alpha", "content/decks/alpha/pics", "content/decks/alpha/pics/q"} {
		if n.dirs[dir] == nil || !watched[filepath.Join(site, dir)] {
			t.Fatalf("%s is not watched by its name", dir)
		}
	}
	for dir := range n.dirs {
		if dir == "content/stories/alpha" || strings.HasPrefix(dir, "content/stories/alpha/") {
			t.Errorf("%s, where the folder was, is still watched", dir)
		}
	}
	write(t, site, "content/decks/alpha/pics/q/r.svg", `<svg xmlns="http://www.w3.org/2000/svg"><rect width="7" height="7"/></svg>`)
	want := filepath.Join(site, "content/decks/alpha/pics/q/r.svg")
	timeout := time.After(patience)
	for {
		select {
		case ev := <-n.w.Events:
			if ev.Name == want {
				return
			}
		case <-timeout:
			t.Fatalf("no event named %s within %v of writing it", want, patience)
		}
	}
}
