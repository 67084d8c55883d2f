package themes_test

// These tests run the default theme's search (default/static/js/search.js)
// in headless Chromium on the hub this repository holds, and check the
// size of its index on a generated corpus.

import (
	"context"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/storyhub/storyhub/internal/browsertest"
	"github.com/storyhub/storyhub/internal/build"
	"github.com/storyhub/storyhub/internal/corpus"
	"github.com/storyhub/storyhub/internal/render"
)

// normalizeCases are texts whose terms search.js must cut as the index
// does: cases, accents, letters that do not decompose, final sigma,
// full-width letters and ligatures, punctuation, long words, scripts
// with marks, stop words.
var normalizeCases = []string{
	"Python in the Schools",
	"José Núñez, Zoë, Ærø and Œuvre",
	"Straße ẞ Łódź Đà Nẵng þing Ðóra ıi İstanbul",
	"ΣΟΦΟΣ σοφός Ὀδυσσεύς",
	"Ｐｙｔｈｏｎ ﬁle ① ²",
	"don't x 42 3.14 C++ C# self-hosted e-mail a@b.org",
	"aaaaaaaaaabbbbbbbbbbccccccccccdddd Donaudampfschifffahrtsgesellschaftskapitän",
	"東京 Москва हिन्दी தமிழ் العربية",
	"the and of to a",
	"naïve café résumé Ångström",
}

// searchPage opens the hub's search page in a fresh browser, with
// search.js evaluated again as a module (as its tests outside a browser
// load it) under window.__search, and the index under window.__index.
func searchPage(t *testing.T) *browser {
	t.Helper()
	chrome := browsertest.Chromium(t)
	hub := serveHub(t)
	ctx, cancel := context.WithTimeout(t.Context(), 3*hang)
	t.Cleanup(cancel) // last: the browser stops first
	b := startBrowser(t, ctx, chrome)
	url := hub.url + "search/"
	step(t, b, "opening "+url, hang, chromedp.Navigate(url))
	waitLoaded(t, b, url)
	msg, err := run(b, hang, chromedp.Evaluate[string](`(async () => {
		const script = [...document.scripts].find(s => /\/search\.js(\?|$)/.test(s.src));
		const form = document.querySelector("form.search-form");
		if (!script || !form) {
			return "the search page lacks its search.js script or form.search-form";
		}
		const mod = {exports: {}};
		new Function("module", "document", await (await fetch(script.src)).text())(mod, undefined);
		window.__search = mod.exports;
		window.__index = await (await fetch(form.getAttribute("data-index"))).json();
		return "";
	})()`, chromedp.EvalAwaitPromise))
	if err != nil || msg != "" {
		t.Fatalf("loading search.js and the index into %s: %v %s", url, err, msg)
	}
	return b
}

// TestSearchNormalizesAsGo: search.js, in Chromium, cuts each text of
// normalizeCases into the terms render.SearchTerms makes of it.
func TestSearchNormalizesAsGo(t *testing.T) {
	b := searchPage(t)
	js := `(texts) => {
		const stop = {};
		for (const w of window.__index.stop) stop[w] = true;
		return texts.map(t => window.__search.words(t, stop));
	}`
	got, err := run(b, hang, chromedp.Evaluate[[][]string](callJS(js, normalizeCases)))
	if err != nil {
		t.Fatalf("cutting the texts in Chromium: %v", err)
	}
	if len(got) != len(normalizeCases) {
		t.Fatalf("%d answers for %d texts", len(got), len(normalizeCases))
	}
	for i, text := range normalizeCases {
		want := render.SearchTerms(text)
		js := slices.Compact(slices.Sorted(slices.Values(got[i])))
		if len(js) != len(got[i]) {
			t.Errorf("search.js's words of %q repeat: %q", text, got[i])
		}
		if !slices.Equal(js, want) {
			t.Errorf("terms of %q:\n search.js %q\n Go        %q", text, js, want)
		}
	}
}

// callJS is a call of the JavaScript function fn with args, as JSON.
func callJS(fn string, args ...any) string {
	var b strings.Builder
	b.WriteString("(" + fn + ")(")
	for i, a := range args {
		if i > 0 {
			b.WriteByte(',')
		}
		data, err := json.Marshal(a)
		if err != nil {
			panic(err)
		}
		b.Write(data)
	}
	b.WriteString(")")
	return b.String()
}

// typed is what the search page shows once a query has been typed.
type typed struct {
	Links    []string `json:"links"`    // the results' paths
	Status   string   `json:"status"`   // the status line
	Changes  []string `json:"changes"`  // what the status line said, each time it changed
	AtOnce   int      `json:"atOnce"`   // result links right after the last keystroke
	Announce float64  `json:"announce"` // ms from the last keystroke to the status line's change
}

// typeQuery types q into the search page's box a letter at a time, each
// letter an input event, with no pause between them, and waits for the
// status line to name the query; then, for a second and a half (more
// than three times search.js's pause), for any later change to it.
func typeQuery(t *testing.T, b *browser, q string) typed {
	t.Helper()
	js := `async (q) => {
		const input = document.getElementById("search-q");
		const status = document.getElementById("search-status");
		const list = document.getElementById("search-results");
		const changes = [];
		let last = 0, announced = 0;
		const mo = new MutationObserver(records => {
			for (const r of records) {
				changes.push(status.textContent);
			}
			announced = performance.now();
		});
		mo.observe(status, {childList: true, characterData: true, subtree: true});
		const letters = [...q];
		for (let i = 1; i <= letters.length; i++) {
			input.value = letters.slice(0, i).join("");
			input.dispatchEvent(new Event("input", {bubbles: true}));
		}
		last = performance.now();
		const atOnce = list.querySelectorAll("a[href]").length;
		const named = () => status.textContent.includes("“" + q + "”");
		for (let waited = 0; !named(); waited += 50) {
			if (waited > 60000) {
				mo.disconnect();
				return {links: [], status: status.textContent, changes, atOnce, announce: -1};
			}
			await new Promise(res => setTimeout(res, 50));
		}
		await new Promise(res => setTimeout(res, 1500));
		mo.disconnect();
		return {
			links: [...list.querySelectorAll("a[href]")].map(a => new URL(a.href).pathname),
			status: status.textContent, changes, atOnce, announce: announced - last,
		};
	}`
	got, err := run(b, hang, chromedp.Evaluate[typed](callJS(js, q), chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("typing %q into the search page: %v", q, err)
	}
	if !strings.Contains(got.Status, "“"+q+"”") {
		t.Fatalf("typing %q: the status line never named it within a minute; it says %q", q, got.Status)
	}
	return got
}

// TestSearchFinds types queries into the hub's search page: a word of a
// story's body alone, a misspelt name, words of a community's
// description; and checks that the status line changes once per query.
func TestSearchFinds(t *testing.T) {
	b := searchPage(t)

	// The body word is in neither the title nor the summary of its story.
	const story, bodyWord = "/stories/web-agency-moves-to-django/", "cooperatives"
	shown, err := run(b, hang, chromedp.Evaluate[string](callJS(`(url, w) => {
		const p = window.__index.pages.find(p => new URL(p[0], location.href).pathname === url);
		return p ? (p[1] + " " + p[2]).toLowerCase() : "(no entry)";
	}`, story, bodyWord)))
	if err != nil || shown == "(no entry)" || strings.Contains(shown, bodyWord) {
		t.Fatalf("the index's entry for %s reads %q (error %v): want one whose title and summary lack %q", story, shown, err, bodyWord)
	}

	tests := []struct{ query, want string }{
		{bodyWord, story},
		{"cooperat", story},                         // a prefix
		{"djngo", story},                            // a letter dropped
		{"dajngo", "/decks/django-for-civic-tech/"}, // two swapped
		{"public servants", "/communities/government/"},
		{"starting a user group", "/guides/starting-a-user-group/"},
	}
	for _, tt := range tests {
		got := typeQuery(t, b, tt.query)
		if !slices.Contains(got.Links, tt.want) {
			t.Errorf("%q: %s not among the results %q; status %q", tt.query, tt.want, got.Links, got.Status)
		}
		// Results show at the last keystroke; the status line, a polite
		// live region, changes once, after the pause.
		if got.AtOnce == 0 {
			t.Errorf("%q: no results right after the last keystroke", tt.query)
		}
		if len(got.Changes) != 1 {
			t.Errorf("%q typed a letter at a time: the status line changed %d times, want once: %q", tt.query, len(got.Changes), got.Changes)
		}
		t.Logf("%q: %d results, announced %.0f ms after the last keystroke: %s", tt.query, len(got.Links), got.Announce, got.Status)
	}
	if t.Failed() {
		return
	}
	for _, q := range []string{"qqqqzzzz", "data teaching"} {
		got := typeQuery(t, b, q)
		if len(got.Changes) != 1 {
			t.Errorf("%q: the status line changed %d times, want once: %q", q, len(got.Changes), got.Changes)
		}
	}
}

// TestSearchFromHeader: the search box in the header of a page leads to
// the search page with the query, which shows its results.
func TestSearchFromHeader(t *testing.T) {
	chrome := browsertest.Chromium(t)
	hub := serveHub(t)
	ctx, cancel := context.WithTimeout(t.Context(), 3*hang)
	t.Cleanup(cancel)
	b := startBrowser(t, ctx, chrome)
	url := hub.url + "stories/"
	step(t, b, "opening "+url, hang, chromedp.Navigate(url))
	waitLoaded(t, b, url)
	step(t, b, "submitting the header's search form", hang, chromedp.Evaluate[chromedp.Void](`(() => {
		const input = document.querySelector("header form[role=search] input[name=q]");
		input.value = "djngo";
		input.form.submit();
	})()`))
	deadline := time.Now().Add(hang)
	for {
		state, err := run(b, 5*time.Second, chromedp.Evaluate[[]string](`[location.pathname + location.search,
			...[...document.querySelectorAll("#search-results a[href]")].map(a => new URL(a.href).pathname)]`))
		if err == nil && len(state) > 1 {
			if state[0] != "/search/?q=djngo" || !slices.Contains(state, "/stories/web-agency-moves-to-django/") {
				t.Errorf("after the header's form: at %s with results %q", state[0], state[1:])
			}
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("the header's search form for djngo led to no results within %v (last: %q, error %v)", hang, state, err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// TestSearchIndexSize: on a generated corpus of 2,000 stories the index
// is at most 5 % of the bytes of the site's HTML.
func TestSearchIndexSize(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 2,000-story corpus")
	}
	dir := t.TempDir()
	if err := corpus.Write(dir, corpus.Options{Stories: 2000, Seed: 1}); err != nil {
		t.Fatalf("writing the corpus: %v", err)
	}
	out := filepath.Join(t.TempDir(), "public")
	ctx, cancel := context.WithTimeout(t.Context(), hang)
	defer cancel()
	buildMu.Lock()
	_, err := build.Build(ctx, build.Config{SiteDir: dir, OutDir: out, BaseURL: "https://hub.example.net/"})
	buildMu.Unlock()
	if err != nil {
		t.Fatalf("building the corpus: %v", err)
	}
	index, pages := searchSizes(t, out)
	ratio := float64(index) / float64(pages)
	t.Logf("search/index.json: %d bytes; HTML: %d bytes; %.2f %%", index, pages, 100*ratio)
	if ratio > 0.05 {
		t.Errorf("the search index is %.2f %% of the HTML (%d of %d bytes), more than 5 %%", 100*ratio, index, pages)
	}
}

// searchSizes returns the size of a built site's search index and of all
// its HTML files.
func searchSizes(tb testing.TB, out string) (index, pages int64) {
	tb.Helper()
	fi, err := os.Stat(filepath.Join(out, filepath.FromSlash(render.SearchIndexPath)))
	if err != nil {
		tb.Fatalf("the built site has no search index: %v", err)
	}
	err = filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(p) != ".html" {
			return err
		}
		info, err := d.Info()
		if err == nil {
			pages += info.Size()
		}
		return err
	})
	if err != nil {
		tb.Fatalf("adding up the HTML: %v", err)
	}
	return fi.Size(), pages
}
