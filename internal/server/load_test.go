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

// TestLoad runs 200 clients against the preview for 30 s while files
// change and rebuilds run: every answer is whole, names the build it came
// from in its header and, for pages, in the page itself, and memory stays
// flat.
func TestLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("a 30 s load test; skipped with -short")
	}
	site := sitetest.WriteFiles(t, edits.Start())
	_, built, url := live(t, site)

	const clients, duration = 200, 30 * time.Second
	deadline := time.Now().Add(duration)
	var requests, rebuilds atomic.Int64
	go func() {
		for range built.ch {
			rebuilds.Add(1)
		}
	}()

	// Edits while the clients read.
	editsDone := make(chan struct{})
	go func() {
		defer close(editsDone)
		e := edits.New(t, site, 99)
		for time.Now().Before(deadline) {
			e.Edit()
			time.Sleep(40 * time.Millisecond)
		}
	}()

	paths := []string{"/", "/stories/", "/stories/a/", "/decks/d/", "/guides/g/", "/feed.xml", "/atom.xml", "/sitemap.xml", "/css/style.css", "/tags/", "/search/index.json"}
	buildInPage := regexp.MustCompile(`data-build="(\d+)"`)
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: clients}, Timeout: 10 * time.Second}
	mid := make(chan uint64, 1)
	go func() {
		time.Sleep(duration / 3)
		mid <- heapAfterGC()
	}()

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
			for i := 0; time.Now().Before(deadline); i++ {
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
	<-editsDone
	heapMid, heapEnd := <-mid, heapAfterGC()
	for _, p := range problems {
		t.Error(p)
	}
	t.Logf("%d requests from %d clients in %v, %d rebuilds; heap %d MB at a third, %d MB at the end",
		requests.Load(), clients, duration, rebuilds.Load(), heapMid>>20, heapEnd>>20)
	if rebuilds.Load() < 50 {
		t.Errorf("only %d rebuilds during the load", rebuilds.Load())
	}
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
