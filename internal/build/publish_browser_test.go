package build

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/storyhub/storyhub/internal/browsertest"
)

// openInBrowser opens every page, picture and feed of the built site in
// out in headless Chromium, from a plain file server that types files by
// their extension and leaves sniffing on (as many static hosts do), and
// fails the test for each file that opened a dialog or holds a script
// element the theme did not put there.
func openInBrowser(t *testing.T, out string) {
	t.Helper()
	chrome := browsertest.Chromium(t)
	srv := httptest.NewServer(http.FileServer(http.Dir(out)))
	defer srv.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	tab := browsertest.Start(t, ctx, chrome)

	var mu sync.Mutex
	var dialogs []string
	err := chromedp.Listen(tab, func(ev any) {
		if e, ok := ev.(*page.EventJavascriptDialogOpening); ok {
			mu.Lock()
			dialogs = append(dialogs, e.Message)
			mu.Unlock()
			// Not here: Listen's func may not run commands.
			go chromedp.Call(tab, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: false})
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	opened := 0
	forEachOpened(t, out, func(rel string, _ []string, _ []byte) {
		_, err := chromedp.Run(tab, chromedp.Navigate(srv.URL+"/"+rel))
		var scripts []string
		if err == nil {
			scripts, err = chromedp.Run(tab, chromedp.Evaluate[[]string](`Array.from(document.getElementsByTagNameNS("*", "script"), s => s.getAttribute("src") || s.type || "inline")`))
		}
		if err != nil {
			t.Errorf("%s: %v", rel, err)
			return
		}
		opened++
		for _, s := range scripts {
			// The theme's scripts, and its JSON-LD, which is data.
			if !themeScripts[strings.TrimPrefix(s, srv.URL)] && s != "application/ld+json" {
				t.Errorf("%s holds a script element (%s) in the browser", rel, s)
			}
		}
		mu.Lock()
		for _, m := range dialogs {
			t.Errorf("%s opened a dialog %q in the browser", rel, m)
		}
		dialogs = nil
		mu.Unlock()
	})
	if opened < 10 {
		t.Errorf("opened %d files in the browser; want every page, picture and feed", opened)
	}
}
