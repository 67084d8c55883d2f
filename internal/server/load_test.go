package server

import (
	"fmt"
	"io"
	"net/http"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/storyhub/storyhub/internal/edits"
	"github.com/storyhub/storyhub/internal/sitetest"
)

// TestLoad runs 200 clients against the preview while 90 edits are made,
// each taken in by a rebuild before the next: every answer is whole,
// names the build it came from in its header and, for pages, in the page
// itself, and memory stays flat.
func TestLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("a load test of 90 rebuilds; skipped with -short")
	}
	site := sitetest.WriteFiles(t, edits.Start())
	_, built, url := live(t, site)

	const clients, edited = 200, 90
	var requests, rebuilds atomic.Int64

	// Edits while the clients read, each waited for (by this goroutine,
	// which may not end the test: a rebuild missing is noted).
	editsDone := make(chan struct{})
	mid := make(chan uint64, 1)
	var missed error
	go func() {
		defer close(editsDone)
		e := edits.New(t, site, 99)
		for i := range edited {
			if i == edited/3 {
				mid <- heapAfterGC()
			}
			if len(e.Edit()) == 0 {
				continue
			}
			select {
			case <-built.ch:
				rebuilds.Add(1)
			case <-time.After(patience):
				missed = fmt.Errorf("no rebuild within %v after edit %d (%v)", patience, i, e.Last)
				return
			}
		}
	}()

	paths := []string{"/", "/stories/", "/stories/a/", "/decks/d/", "/guides/g/", "/feed.xml", "/atom.xml", "/sitemap.xml", "/css/style.css", "/tags/", "/search/index.json"}
	buildInPage := regexp.MustCompile(`data-build="(\d+)"`)
	// A request that takes minutes has hung; one that takes seconds on a
	// busy machine has not.
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: clients}, Timeout: patience}

	var wg sync.WaitGroup
	var mu sync.Mutex
	var problems []string
	fail := func(format string, args ...any) {
		mu.Lock()
		defer mu.Unlock()
		if len(problems) < 10 {
			problems = append(problems, strings.TrimSpace(strings.ReplaceAll(fmt.Sprintf(format, args...), "\n", " ")))
		}
	}
	for c := range clients {
		wg.Go(func() {
			for i := 0; ; i++ {
				select {
				case <-editsDone:
					return
				default:
				}
				p := paths[(c+i)%len(paths)]
				resp, err := client.Get(url + p)
				if err != nil {
					fail("GET %s: %v", p, err)
					continue
				}
				body, err := io.ReadAll(resp.Body)
				resp.Body.Close()
				requests.Add(1)
				switch {
				case err != nil:
					fail("GET %s: reading: %v", p, err)
				case resp.StatusCode != http.StatusOK:
					fail("GET %s: %s", p, resp.Status)
				case resp.Header.Get("Content-Length") != strconv.Itoa(len(body)):
					fail("GET %s: %d bytes, Content-Length %s", p, len(body), resp.Header.Get("Content-Length"))
				case strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html"):
					m := buildInPage.FindSubmatch(body)
					if m == nil || string(m[1]) != resp.Header.Get("X-Storyhub-Build") {
						fail("GET %s: the page and its header name different builds", p)
					}
				}
			}
		})
	}
	wg.Wait()
	if missed != nil {
		t.Fatal(missed)
	}
	heapMid, heapEnd := <-mid, heapAfterGC()
	for _, p := range problems {
		t.Error(p)
	}
	t.Logf("%d requests from %d clients during %d edits, %d rebuilds waited for; heap %d MB at a third, %d MB at the end",
		requests.Load(), clients, edited, rebuilds.Load(), heapMid>>20, heapEnd>>20)
	if heapEnd > 2*heapMid+16<<20 {
		t.Errorf("memory grew: heap %d MB at a third of the run, %d MB at the end", heapMid>>20, heapEnd>>20)
	}
}

func heapAfterGC() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}
