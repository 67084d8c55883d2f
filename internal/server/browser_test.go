package server

import (
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/storyhub/storyhub/internal/browsertest"
	"github.com/storyhub/storyhub/internal/edits"
	"github.com/storyhub/storyhub/internal/sitetest"
)

// TestBrowser drives a real headless Chromium against the preview server:
// edits on disk reload the open page by themselves, a reload keeps the
// scroll position, a broken file shows the error overlay over the page,
// and fixing it takes the overlay away.
//
// It needs chromium (or chrome) on PATH; without one it is skipped, except
// on CI (CI=true), where it fails. With STORYHUB_ARTIFACTS set, it saves
// screenshots of the overlay and of the fixed page there.
func TestBrowser(t *testing.T) {
	chrome := browsertest.Chromium(t)
	ctx, cancel := context.WithTimeout(context.Background(), 5*patience)
	t.Cleanup(cancel) // last: the browser and the server stop in order first

	site := sitetest.WriteFiles(t, edits.Start())
	story := filepath.Join(site, "content/stories/a.md")
	_, _, url := live(t, site)
	b := startBrowser(t, ctx, chrome)

	// 1. The page as built.
	b.navigate(url + "/stories/a/")
	b.waitPage("A story", patience)

	// 2. An edit on disk shows without any action in the page. The body is
	// long, so that the page can scroll in step 3.
	writeStory(t, story, "Edited live", "", 80)
	b.waitPage("Edited live", patience)

	// 3. A reload keeps the scroll position. Chromium restores it by
	// itself on a reload unless told not to, so turn that off: what keeps
	// the position is then live.js alone.
	b.eval(`history.scrollRestoration = "manual"; window.scrollTo(0, 400)`)
	if y := evalAs[float64](b, `window.scrollY`); math.Abs(y-400) > 1 {
		t.Fatalf("scrolled to y=%v, want 400: is the page taller than the window? (height %v)",
			y, evalAs[float64](b, `document.documentElement.scrollHeight`))
	}
	writeStory(t, story, "Edited twice", "", 80)
	b.waitPage("Edited twice", patience)
	if y := evalAs[float64](b, `window.scrollY`); math.Abs(y-400) > 5 {
		t.Errorf("after the reload the page is at y=%v, want 400 (the reload should keep the scroll position)", y)
	}

	// 4. A broken front matter shows the overlay, with the place and the
	// message.
	writeStory(t, story, "Edited twice", "tittle: x\n", 80)
	text := waitJS(b, "the error overlay to appear", patience, `(() => {
		const o = document.getElementById("storyhub-overlay");
		if (!o) return "";
		const r = o.getBoundingClientRect();
		const st = getComputedStyle(o);
		return r.width > 0 && r.height > 0 && st.visibility !== "hidden" && st.display !== "none" ? o.innerText : "";
	})()`, func(s string) bool { return s != "" })
	for _, want := range []string{"content/stories/a.md:", `unknown key "tittle"`} {
		if !strings.Contains(text, want) {
			t.Errorf("the overlay lacks %q; it reads:\n%s", want, text)
		}
	}
	b.screenshot("browser-overlay.png")

	// 5. Fixing the file takes the overlay away by itself.
	writeStory(t, story, "Fixed", "", 80)
	waitJS(b, "the overlay to go away after the fix", patience,
		`document.getElementById("storyhub-overlay") === null`,
		func(gone bool) bool { return gone })
	b.waitPage("Fixed", patience)
	b.eval(`window.scrollTo(0, 0)`) // so that the screenshot shows the title
	b.screenshot("browser-fixed.png")
}

// writeStory writes content/stories/a.md: a valid story with the title,
// extra front matter lines, and paragraphs of body.
func writeStory(t *testing.T, path, title, extra string, paragraphs int) {
	t.Helper()
	var body strings.Builder
	fmt.Fprintf(&body, "---\ntitle: %s\nsummary: Short.\ndate: 2026-01-02\nauthors: [Ada]\ntags: [python]\n%s---\n", title, extra)
	for i := range paragraphs {
		fmt.Fprintf(&body, "\nParagraph %d: words to make the page taller than the window, so that it scrolls.\n", i+1)
	}
	if err := os.WriteFile(path, []byte(body.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

// browser is one tab of a headless Chromium.
type browser struct {
	t   *testing.T
	ctx context.Context // the tab; ends with the test's deadline
}

// startBrowser starts Chromium with a fresh profile; it stops when the
// test ends, or at ctx's deadline.
func startBrowser(t *testing.T, ctx context.Context, chrome string) *browser {
	t.Helper()
	start := time.Now()
	tab := browsertest.Start(t, ctx, chrome, chromedp.WindowSize(1024, 768))
	t.Logf("%s started in %v", chrome, time.Since(start).Round(time.Millisecond))
	return &browser{t: t, ctx: tab}
}

// step runs one action with its own time limit.
func step[T any](b *browser, limit time.Duration, a chromedp.Action[T]) (T, error) {
	ctx, cancel := context.WithTimeout(b.ctx, limit)
	defer cancel()
	return chromedp.Run(ctx, a)
}

func (b *browser) navigate(url string) {
	b.t.Helper()
	if _, err := step(b, patience, chromedp.Navigate(url)); err != nil {
		b.t.Fatalf("opening %s: %v", url, err)
	}
}

// eval runs a script whose result does not matter.
func (b *browser) eval(js string) {
	b.t.Helper()
	if _, err := step(b, patience, chromedp.Evaluate[chromedp.Void](js)); err != nil {
		b.t.Fatalf("evaluating %s: %v", js, err)
	}
}

// evalAs returns the value of a script.
func evalAs[T any](b *browser, js string) T {
	b.t.Helper()
	v, err := step(b, patience, chromedp.Evaluate[T](js))
	if err != nil {
		b.t.Fatalf("evaluating %s: %v", js, err)
	}
	return v
}

// waitJS evaluates js every 50 ms until ok accepts its value, and returns
// that value; it fails the test after the time limit, saying what it
// waited for and what it last saw. Errors while polling are expected: the
// page can be in the middle of a reload.
func waitJS[T any](b *browser, what string, limit time.Duration, js string, ok func(T) bool) T {
	b.t.Helper()
	deadline := time.Now().Add(limit)
	var last T
	var lastErr error
	seen := false
	for {
		v, err := step(b, patience, chromedp.Evaluate[T](js))
		if err == nil {
			last, lastErr, seen = v, nil, true
			if ok(v) {
				return v
			}
		} else {
			lastErr = err
		}
		if b.ctx.Err() != nil {
			b.t.Fatalf("waiting for %s: the test's time is up (%v); last value %v, last error %v", what, b.ctx.Err(), last, lastErr)
		}
		if time.Now().After(deadline) {
			if !seen {
				b.t.Fatalf("waiting for %s: not within %v; every evaluation failed, last with %v", what, limit, lastErr)
			}
			b.t.Fatalf("waiting for %s: not within %v; last value %#v (last error %v)", what, limit, last, lastErr)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// waitPage waits until the page's h1 reads title and the page has
// loaded. Loaded matters: after a reload, live.js scrolls once more on the
// load event, which would undo a scroll made before it.
func (b *browser) waitPage(title string, limit time.Duration) {
	b.t.Helper()
	type state struct {
		H1         string `json:"h1"`
		ReadyState string `json:"readyState"`
	}
	waitJS(b, fmt.Sprintf("the page to load with its h1 reading %q", title), limit,
		`({h1: document.querySelector("h1")?.textContent ?? "", readyState: document.readyState})`,
		func(s state) bool { return s.H1 == title && s.ReadyState == "complete" })
}

// screenshot saves what the window shows to $STORYHUB_ARTIFACTS/name, if
// that is set.
func (b *browser) screenshot(name string) {
	b.t.Helper()
	dir := os.Getenv("STORYHUB_ARTIFACTS")
	if dir == "" {
		return
	}
	// The viewport, as the writer sees it: a full-page screenshot grows the
	// viewport, and the fixed overlay with it.
	png, err := step(b, patience, chromedp.CaptureScreenshot())
	if err != nil {
		b.t.Errorf("screenshot %s: %v", name, err)
		return
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		b.t.Errorf("screenshot %s: %v", name, err)
		return
	}
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, png, 0o644); err != nil {
		b.t.Errorf("screenshot %s: %v", name, err)
		return
	}
	b.t.Logf("saved %s", p)
}
