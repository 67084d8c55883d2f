// Package browsertest starts headless Chromium (Debian's chromium) for
// tests, with the flags this machine needs and a fresh profile, and finds
// the tools browser and checker tests need; a missing tool skips the test
// with the command that installs it, or fails it when CI=true.
package browsertest

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Need stops the test for want of something: it skips it, or fails it
// when CI=true. what says what is missing; install, when not empty, says
// how to install it, and follows what after a colon.
func Need(tb testing.TB, what, install string) {
	tb.Helper()
	why := what
	if install != "" {
		why += ": " + install
	}
	if os.Getenv("CI") == "true" {
		tb.Fatal(why)
	}
	tb.Skip(why)
}

// Tool returns the path of the program name on PATH, or stops the test
// with Need, saying how to install it, when there is none.
func Tool(tb testing.TB, name, install string) string {
	tb.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		Need(tb, "no "+name+" on PATH", install)
	}
	return p
}

// Chromium returns the path of chromium, chromium-browser or
// google-chrome, the first on PATH, or stops the test with Need when there
// is none.
func Chromium(tb testing.TB) string {
	tb.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	Need(tb, "no chromium, chromium-browser or google-chrome on PATH", "apt-get install chromium")
	return ""
}

// Start starts the Chromium at chrome, headless, with a fresh profile and
// the flags this machine needs (no sandbox, no GPU, no background
// networking, component updates, sync, QUIC or first-run pages), then
// opts (such as chromedp.WindowSize), and returns the context of its
// first tab. The browser lives as long as ctx, so ctx's deadline bounds
// it too, and stops when the test ends; the profile is removed then.
func Start(tb testing.TB, ctx context.Context, chrome string, opts ...chromedp.ExecAllocatorOption) context.Context {
	tb.Helper()
	// Not tb.TempDir: Chromium's helper processes can still write to the
	// profile for a moment after the browser stops.
	profile, err := os.MkdirTemp("", "storyhub-chromium-")
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { removeAllRetry(tb, profile) })
	all := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chrome),
		chromedp.UserDataDir(profile),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
	)
	all = append(all, opts...)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(ctx, all...)
	tabCtx, cancelTab := chromedp.NewContext(allocCtx)
	// Registered after the profile's removal, so it runs before it.
	tb.Cleanup(func() {
		if err := chromedp.Cancel(tabCtx); err != nil && !errors.Is(err, context.Canceled) && !errors.Is(err, context.DeadlineExceeded) {
			tb.Logf("closing the browser: %v", err)
		}
		cancelTab()
		cancelAlloc()
	})
	// The first Run starts the browser.
	if err := chromedp.Do(tabCtx); err != nil {
		tb.Fatalf("starting %s: %v", chrome, err)
	}
	return tabCtx
}

// removeAllRetry removes dir, trying for 5 s while Chromium's helper
// processes may still write to it.
func removeAllRetry(tb testing.TB, dir string) {
	var err error
	for range 50 {
		if err = os.RemoveAll(dir); err == nil {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	tb.Errorf("removing the browser profile: %v", err)
}
