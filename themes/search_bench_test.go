package themes_test

// BenchmarkSearch10k times the default theme's client-side search (see
// default/static/js/search.js) in headless Chromium on the shared
// 10,000-story corpus of package corpus.
//
// search.js filters and renders synchronously in its input handler, so a
// query's time is measured in the page, with performance.now(), from
// setting the input's value and dispatching an input event to the
// MutationObserver callback that sees the results list or status line
// change. Metrics, in milliseconds, over every run of every query:
//
//	median-ms, max-ms    input event → results in the DOM
//	layout-median-ms     the same, plus a forced style and layout
//	index-load-ms        fetch and JSON parse of search/index.json
//	index-prepare-ms     search.js's prepare() on the parsed index
//
// and the index's size: index-bytes, and index-%-of-html, its share of
// the bytes of the site's HTML files (at most 5 % is the goal).
//
// One iteration of the loop runs each query once; at least benchRounds
// rounds are run in all. Chromium must be on PATH (the benchmark is
// skipped without it, except on CI, where it fails).

import (
	"context"
	"math"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/storyhub/storyhub/internal/browsertest"
	"github.com/storyhub/storyhub/internal/build"
	"github.com/storyhub/storyhub/internal/corpus"
)

// benchQueries are what readers might type: common words, two-word
// queries, rare words, the single letter of a first keystroke, a word
// with a typo (which scans every term), and a word of the bodies.
var benchQueries = []string{"python", "data science", "community web", "education api", "mentor", "telescope genome", "p", "telscope", "hospital"}

// benchRounds is the least number of times each query runs.
const benchRounds = 5

func BenchmarkSearch10k(b *testing.B) {
	chrome := browsertest.Chromium(b)

	// The corpus and the built site.
	corpusDir := b.TempDir()
	start := time.Now()
	if err := corpus.Write(corpusDir, corpus.Options{Stories: 10000, Seed: 1}); err != nil {
		b.Fatalf("writing the 10,000-story corpus: %v", err)
	}
	genTime := time.Since(start)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	base := "http://" + ln.Addr().String() + "/"
	out := filepath.Join(b.TempDir(), "public")
	ctx, cancel := context.WithTimeout(b.Context(), 60*time.Second)
	start = time.Now()
	_, err = build.Build(ctx, build.Config{SiteDir: corpusDir, OutDir: out, BaseURL: base})
	cancel()
	if err != nil {
		ln.Close()
		b.Fatalf("building the 10,000-story corpus: %v", err)
	}
	buildTime := time.Since(start)
	if _, err := os.Stat(filepath.Join(out, "search", "index.html")); err != nil {
		ln.Close()
		b.Fatalf("the built corpus has no search page: %v", err)
	}
	indexBytes, htmlBytes := searchSizes(b, out)
	// One line: the testing package keeps only ten of a benchmark's.
	b.Logf("corpus generated in %v, built in %v; search/index.json: %.2f MB, %.2f %% of the HTML's %.1f MB",
		genTime.Round(time.Millisecond), buildTime.Round(time.Millisecond),
		float64(indexBytes)/1e6, 100*float64(indexBytes)/float64(htmlBytes), float64(htmlBytes)/1e6)
	srv := &http.Server{Handler: http.FileServer(http.Dir(out)), ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln) // returns ErrServerClosed once Close runs
	b.Cleanup(func() { srv.Close() })

	// The browser, on the search page, with the index loaded.
	ctx, cancel = context.WithTimeout(b.Context(), 90*time.Second)
	b.Cleanup(cancel) // last: the browser stops first
	br := startBrowser(b, ctx, chrome)
	url := base + "search/"
	if _, err := run(br, 15*time.Second, chromedp.Navigate(url)); err != nil {
		b.Fatalf("opening %s: %v", url, err)
	}
	waitSearchReady(b, br)

	// The index's load time, measured apart from search.js's own load.
	var load indexLoad
	load, err = run(br, 30*time.Second, chromedp.Evaluate[indexLoad](indexLoadJS, chromedp.EvalAwaitPromise))
	if err != nil {
		b.Fatalf("timing the load of search/index.json: %v", err)
	}
	if load.Error != "" {
		b.Fatalf("timing the load of search/index.json: %s", load.Error)
	}
	b.Logf("index: %d entries; search.js's own fetch took %.1f ms; fetch+parse %.1f ms, prepare %.1f ms (medians of %d)",
		load.Entries, load.ScriptFetch, median(load.Fetch), median(load.Prepare), len(load.Fetch))

	// The queries.
	var samples []querySample
	round := func() {
		s, err := run(br, 20*time.Second, chromedp.Evaluate[[]querySample](queryRoundJS(benchQueries), chromedp.EvalAwaitPromise))
		if err != nil {
			b.Fatalf("running the queries in the page: %v", err)
		}
		for _, q := range s {
			if q.Error != "" {
				b.Fatalf("query %q: %s", q.Query, q.Error)
			}
		}
		samples = append(samples, s...)
	}
	rounds := 0
	for b.Loop() {
		round()
		rounds++
	}
	b.StopTimer()
	for ; rounds < benchRounds; rounds++ {
		round()
	}

	// Every query must have found something, or the timing means little.
	counts := map[string]querySample{}
	var dom, layout []float64
	for _, s := range samples {
		counts[s.Query] = s
		dom = append(dom, s.DOM)
		layout = append(layout, s.Layout)
	}
	for _, q := range benchQueries {
		s := counts[q]
		if s.Results == 0 {
			b.Errorf("query %q showed no results; status: %q", q, s.Status)
		}
		var qs []float64
		for _, s := range samples {
			if s.Query == q {
				qs = append(qs, s.DOM)
			}
		}
		// The status line is announced after a pause: it may still
		// speak of an earlier query.
		b.Logf("%-18q %2d results shown, median %.2f ms, max %.2f ms over %d runs; status then: %s",
			q, s.Results, median(qs), slices.Max(qs), len(qs), s.Status)
	}
	b.ReportMetric(median(dom), "median-ms")
	b.ReportMetric(slices.Max(dom), "max-ms")
	b.ReportMetric(median(layout), "layout-median-ms")
	b.ReportMetric(median(load.Fetch), "index-load-ms")
	b.ReportMetric(float64(indexBytes), "index-bytes")
	b.ReportMetric(100*float64(indexBytes)/float64(htmlBytes), "index-%-of-html")
	if len(load.Prepare) > 0 {
		b.ReportMetric(median(load.Prepare), "index-prepare-ms")
	}
}

// querySample is one run of one query, timed in the page.
type querySample struct {
	Query   string  `json:"query"`
	DOM     float64 `json:"dom"`    // input event → the mutation observed, ms
	Layout  float64 `json:"layout"` // the same, plus a forced layout, ms
	Results int     `json:"results"`
	Status  string  `json:"status"`
	Error   string  `json:"error"`
}

// queryRoundJS returns a script that runs each query once: it clears the
// input (untimed, waiting for a frame), then sets the query, dispatches an
// input event, and waits for a MutationObserver on the results list and
// the status line to fire.
func queryRoundJS(queries []string) string {
	qs := "["
	for i, q := range queries {
		if i > 0 {
			qs += ","
		}
		qs += strconv.Quote(q) // a Go-quoted ASCII string is a JS string
	}
	qs += "]"
	return `(async (queries) => {
	const input = document.getElementById("search-q") || document.querySelector("input[type=search]");
	const list = document.getElementById("search-results");
	const status = document.getElementById("search-status");
	if (!input || !list || !status) {
		return [{query: "", error: "the search page lacks #search-q, #search-results or #search-status"}];
	}
	const frame = () => new Promise(res => requestAnimationFrame(() => setTimeout(res, 0)));
	const out = [];
	for (const q of queries) {
		input.value = "";
		input.dispatchEvent(new Event("input", {bubbles: true}));
		await frame();
		let timer;
		const changed = new Promise((res, rej) => {
			const mo = new MutationObserver(() => {
				const dom = performance.now();
				void document.documentElement.offsetHeight; // style and layout
				const layout = performance.now();
				mo.disconnect();
				clearTimeout(timer);
				res([dom, layout]);
			});
			mo.observe(list, {childList: true});
			mo.observe(status, {childList: true, characterData: true, subtree: true});
			timer = setTimeout(() => { mo.disconnect(); rej(new Error("no change to the results within 5 s")); }, 5000);
		});
		const t0 = performance.now();
		input.value = q;
		input.dispatchEvent(new Event("input", {bubbles: true}));
		try {
			const [dom, layout] = await changed;
			out.push({query: q, dom: dom - t0, layout: layout - t0,
				results: list.querySelectorAll("a[href]").length, status: status.textContent});
		} catch (e) {
			out.push({query: q, error: String(e) + "; status: " + status.textContent});
		}
		await frame();
	}
	return out;
})(` + qs + `)`
}

// indexLoad is what indexLoadJS measures, in ms.
type indexLoad struct {
	Fetch       []float64 `json:"fetch"`       // fetch and res.json()
	Prepare     []float64 `json:"prepare"`     // search.js's prepare()
	ScriptFetch float64   `json:"scriptFetch"` // search.js's own fetch, by resource timing
	Entries     int       `json:"entries"`
	Error       string    `json:"error"`
}

// indexLoadJS fetches the index as search.js does, uncached, and parses
// it, a few times; and runs search.js's prepare on it, by evaluating
// search.js with a module object, as its tests outside a browser do.
const indexLoadJS = `(async () => {
	const form = document.querySelector("form.search-form");
	const script = [...document.scripts].find(s => /\/search\.js(\?|$)/.test(s.src));
	if (!form || !script) {
		return {error: "the search page lacks form.search-form or its search.js script"};
	}
	const url = new URL(form.getAttribute("data-index"), location.href).href;
	let prepare = null;
	try {
		const src = await (await fetch(script.src)).text();
		const mod = {exports: {}};
		new Function("module", "document", src)(mod, undefined);
		prepare = mod.exports.prepare || null;
	} catch (e) {
		prepare = null;
	}
	const r = {fetch: [], prepare: [], entries: 0, error: ""};
	const own = performance.getEntriesByName(url)[0];
	r.scriptFetch = own ? own.responseEnd - own.startTime : -1;
	for (let i = 0; i < 5; i++) {
		const t0 = performance.now();
		const res = await fetch(url, {cache: "no-store", credentials: "same-origin"});
		if (!res.ok) {
			return {error: "HTTP " + res.status + " for " + url};
		}
		const index = await res.json();
		const t1 = performance.now();
		r.fetch.push(t1 - t0);
		r.entries = (index.pages || []).length;
		if (prepare) {
			prepare(index);
			r.prepare.push(performance.now() - t1);
		}
	}
	return r;
})()`

// waitSearchReady types python into the search box and waits, at most
// 20 s, for results to show: the index is then loaded and prepared.
func waitSearchReady(b *testing.B, br *browser) {
	b.Helper()
	type state struct {
		Results int    `json:"results"`
		Status  string `json:"status"`
	}
	const probe = `(() => {
		const input = document.getElementById("search-q") || document.querySelector("input[type=search]");
		const list = document.getElementById("search-results");
		const status = document.getElementById("search-status");
		if (!input || !list) {
			return {results: -1, status: "(no search input or results list yet)"};
		}
		if (!window.__benchTyped) {
			window.__benchTyped = true;
			input.value = "python";
			input.dispatchEvent(new Event("input", {bubbles: true}));
		}
		return {results: list.querySelectorAll("a[href]").length, status: status ? status.textContent : ""};
	})()`
	deadline := time.Now().Add(20 * time.Second)
	var last state
	var lastErr error
	for {
		s, err := run(br, 5*time.Second, chromedp.Evaluate[state](probe))
		if err == nil {
			last, lastErr = s, nil
			if s.Results > 0 {
				return
			}
		} else {
			lastErr = err
		}
		if time.Now().After(deadline) || br.ctx.Err() != nil {
			b.Fatalf("the search page showed no results for python within 20 s (result links: %d, error %v); status: %q",
				last.Results, lastErr, last.Status)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// median returns the median of xs, or NaN when there are none.
func median(xs []float64) float64 {
	if len(xs) == 0 {
		return math.NaN()
	}
	s := slices.Sorted(slices.Values(xs))
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}
