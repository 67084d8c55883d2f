package themes_test

// These tests check the default theme with real tools, on the hub this
// repository holds: the W3C Nu HTML checker (vnu.jar, run with Java) must
// find no error in the HTML, and axe-core, run in headless Chromium at a
// phone's and a desktop's width, must find no accessibility violation.
//
// The tools come from npm: vnu-jar and axe-core, installed into the folder
// $STORYHUB_NPM (by default storyhub-test in the user's cache folder):
//
//	npm install --ignore-scripts --no-audit --no-fund --prefix "$STORYHUB_NPM" vnu-jar axe-core
//
// Java and Chromium come from the system (apt-get install
// default-jre-headless chromium). A test whose tool is missing is skipped,
// except on CI (CI=true), where it fails. With STORYHUB_ARTIFACTS set,
// the axe test saves a full-page screenshot of each page at each width
// there.

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"golang.org/x/net/html"

	"github.com/storyhub/storyhub/internal/browsertest"
	"github.com/storyhub/storyhub/internal/build"
)

// hang is how long one step (a build, the W3C checker, a page load, an
// axe run) may take before the test calls it hung: far more than any step
// takes on a busy machine, so only a hang fails the test.
const hang = 2 * time.Minute

// modes are how the axe test looks at each page: at a phone's and a
// desktop's width (in CSS pixels), light and dark, and on a phone with
// the root font at 200 %, as a reader who needs large text sets it. In
// each, the page must not scroll sideways, and a screenshot is saved.
var modes = []mode{
	{width: 375}, {width: 1280},
	{width: 375, dark: true}, {width: 1280, dark: true},
	{width: 375, font: 200},
}

type mode struct {
	width int64
	dark  bool
	font  int // the root font size in percent; 0 is the browser's own
}

func (m mode) String() string {
	s := fmt.Sprintf("%d px", m.width)
	if m.dark {
		s += " dark"
	}
	if m.font != 0 {
		s += fmt.Sprintf(" text %d%%", m.font)
	}
	return s
}

// name is the mode in a screenshot's file name.
func (m mode) name() string {
	s := fmt.Sprint(m.width)
	if m.dark {
		s += "-dark"
	}
	if m.font != 0 {
		s += fmt.Sprintf("-text%d", m.font)
	}
	return s
}

// TestThemeW3C runs the W3C Nu HTML checker on one page of each kind and
// requires zero errors.
func TestThemeW3C(t *testing.T) {
	t.Parallel()
	jar := npmFile(t, "vnu-jar/build/dist/vnu.jar")
	java := browsertest.Tool(t, "java", "install a Java runtime: apt-get install default-jre-headless")
	hub := serveHub(t)

	files := make([]string, len(hub.pages))
	byURL := map[string]page{}
	for i, p := range hub.pages {
		files[i] = hub.file(p)
		byURL[fileURL(files[i])] = p
	}
	ctx, cancel := context.WithTimeout(t.Context(), hang)
	defer cancel()
	start := time.Now()
	cmd := exec.CommandContext(ctx, java, append([]string{"-jar", jar, "--errors-only", "--format", "json"}, files...)...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	runErr := cmd.Run()
	if ctx.Err() != nil {
		t.Fatalf("the W3C checker hung: still running after %v: %v\n%s", hang, runErr, stderr.String())
	}
	// vnu writes its JSON report to stderr; look in both, in case.
	var report struct {
		Messages []vnuMessage `json:"messages"`
	}
	parsed := false
	for _, out := range [][]byte{stderr.Bytes(), stdout.Bytes()} {
		if out = bytes.TrimSpace(out); len(out) > 0 && out[0] == '{' && json.Unmarshal(out, &report) == nil {
			parsed = true
			break
		}
	}
	if !parsed {
		t.Fatalf("the W3C checker gave no JSON report (%v)\nstdout:\n%s\nstderr:\n%s", runErr, stdout.String(), stderr.String())
	}
	t.Logf("the W3C checker read %d pages in %v", len(files), time.Since(start).Round(time.Millisecond))

	perPage := map[string][]vnuMessage{}
	for _, m := range report.Messages {
		if m.Type == "info" { // warnings; --errors-only should leave none
			continue
		}
		p, ok := byURL[m.URL]
		if !ok {
			t.Errorf("W3C checker, %s: %s: %s", m.URL, m.Type, m.Message)
			continue
		}
		perPage[p.name] = append(perPage[p.name], m)
	}
	for _, p := range hub.pages {
		t.Run(p.name, func(t *testing.T) {
			msgs := perPage[p.name]
			for _, m := range msgs {
				t.Errorf("W3C %s on %s line %d, column %d: %s\n\textract: %q", m.Type, p.path, m.line(), m.FirstColumn, m.Message, m.Extract)
			}
			if len(msgs) > 0 {
				t.Logf("%d W3C errors on %s (%s)", len(msgs), p.path, hub.file(p))
			}
		})
	}
	if runErr != nil && len(report.Messages) == 0 {
		t.Errorf("the W3C checker failed without reporting a message: %v\n%s", runErr, stderr.String())
	}
}

// vnuMessage is one message of vnu's JSON report.
type vnuMessage struct {
	Type        string `json:"type"`
	URL         string `json:"url"`
	FirstLine   int    `json:"firstLine"`
	LastLine    int    `json:"lastLine"`
	FirstColumn int    `json:"firstColumn"`
	Message     string `json:"message"`
	Extract     string `json:"extract"`
}

func (m vnuMessage) line() int {
	if m.FirstLine > 0 {
		return m.FirstLine
	}
	return m.LastLine
}

// fileURL is the URL vnu names a file by: file: and the absolute path.
func fileURL(p string) string {
	return "file:" + filepath.ToSlash(p)
}

// TestThemeAxe runs axe-core in headless Chromium on one page of each kind,
// at each of widths, requires zero violations, and saves full-page
// screenshots into $STORYHUB_ARTIFACTS when that is set.
func TestThemeAxe(t *testing.T) {
	t.Parallel()
	axe := npmFile(t, "axe-core/axe.min.js")
	axeSrc, err := os.ReadFile(axe)
	if err != nil {
		t.Fatal(err)
	}
	chrome := browsertest.Chromium(t)
	hub := serveHub(t)
	// Every step has its own limit; this one stops the browser should the
	// test hang between steps.
	ctx, cancel := context.WithTimeout(t.Context(), 3*hang)
	t.Cleanup(cancel) // last: the browser stops first
	start := time.Now()
	b := startBrowser(t, ctx, chrome)
	t.Logf("%s started in %v", chrome, time.Since(start).Round(time.Millisecond))
	artifacts := os.Getenv("STORYHUB_ARTIFACTS")

	for _, p := range hub.pages {
		t.Run(p.name, func(t *testing.T) {
			url := hub.url + strings.TrimPrefix(p.path, "/")
			if p.name == "search" {
				url += "?q=python"
			}
			// id → the violation and the modes it was seen in.
			type seen struct {
				v      axeViolation
				widths []string
			}
			var found []*seen
			for _, m := range modes {

				step(t, b, "setting the viewport to "+m.String(), hang, chromedp.Steps(
					chromedp.EmulateViewport(m.width, 800),
					emulatedScheme(m.dark),
				))
				step(t, b, "opening "+url, hang, chromedp.Navigate(url))
				waitLoaded(t, b, url)
				if m.font != 0 {
					step(t, b, "setting the root font", hang, chromedp.Evaluate[chromedp.Void](
						fmt.Sprintf(`document.documentElement.style.fontSize = "%d%%"`, m.font)))
				}
				if p.name == "search" {
					waitSearchResults(t, b)
				}
				if w, err := run(b, hang, chromedp.Evaluate[wider](sideways)); err != nil {
					t.Fatalf("measuring %s at %s: %v", url, m, err)
				} else if w.Over > 1 {
					t.Errorf("%s scrolls sideways at %s: the page is %.0f px wider than the window; an element past its edge: %s", p.path, m, w.Over, w.Culprit)
				}
				if _, err := run(b, hang, chromedp.Evaluate[chromedp.Void](string(axeSrc))); err != nil {
					t.Fatalf("injecting axe.min.js into %s: %v", url, err)
				}
				vs, err := run(b, hang, chromedp.Evaluate[[]axeViolation](axeRun, chromedp.EvalAwaitPromise))
				if err != nil {
					t.Fatalf("running axe on %s at %s: %v", url, m, err)
				}
				for _, v := range vs {
					i := slices.IndexFunc(found, func(s *seen) bool {
						return s.v.ID == v.ID && slices.Equal(s.v.Targets, v.Targets)
					})
					if i < 0 {
						found = append(found, &seen{v: v})
						i = len(found) - 1
					}
					found[i].widths = append(found[i].widths, m.String())
				}
				if artifacts != "" {
					saveScreenshot(t, b, artifacts, fmt.Sprintf("theme-%s-%s.png", p.name, m.name()))
				}
			}
			for _, s := range found {
				v := s.v
				targets := v.Targets
				more := ""
				if len(targets) > 3 {
					more = fmt.Sprintf(" and %d more", len(targets)-3)
					targets = targets[:3]
				}
				t.Errorf("axe violation on %s at %s: %s (%s): %s\n\tnodes: %s%s\n\tfirst: %s\n\t%s\n\t%s",
					p.path, strings.Join(s.widths, " and "), v.ID, v.Impact, v.Help,
					strings.Join(targets, " | "), more, v.HTML, strings.ReplaceAll(v.Summary, "\n", "\n\t"), v.HelpURL)
			}
		})
	}
}

// sideways measures how many CSS pixels the page is wider than the
// window, and names the deepest element that reaches past its edge.
const sideways = `(() => {
	const root = document.documentElement, edge = root.clientWidth;
	let culprit = "";
	for (const el of document.body.querySelectorAll("*")) {
		if (el.getBoundingClientRect().right > edge + 1) {
			culprit = el.tagName.toLowerCase() + (el.className ? "." + String(el.className).split(" ").join(".") : "") + " " + el.outerHTML.slice(0, 120);
		}
	}
	return {over: root.scrollWidth - edge, culprit};
})()`

// wider is what sideways finds.
type wider struct {
	Over    float64 `json:"over"`
	Culprit string  `json:"culprit"`
}

// emulatedScheme makes the page see a light or a dark system theme.
func emulatedScheme(dark bool) chromedp.Action[chromedp.Void] {
	scheme := "light"
	if dark {
		scheme = "dark"
	}
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
		})
		return err
	})
}

// axeRun runs axe on the page and keeps, of each violation, what a report
// needs.
const axeRun = `axe.run(document, {resultTypes: ['violations']}).then(r => r.violations.map(v => ({
	id: v.id,
	impact: v.impact || "",
	help: v.help,
	helpUrl: v.helpUrl,
	targets: v.nodes.map(n => n.target.map(String).join(" ")),
	html: v.nodes.length ? v.nodes[0].html.slice(0, 300) : "",
	summary: v.nodes.length ? (v.nodes[0].failureSummary || "").slice(0, 600) : "",
})))`

// axeViolation is one rule that axe found broken, on every node where it
// is.
type axeViolation struct {
	ID      string   `json:"id"`
	Impact  string   `json:"impact"`
	Help    string   `json:"help"`
	HelpURL string   `json:"helpUrl"`
	Targets []string `json:"targets"`
	HTML    string   `json:"html"`
	Summary string   `json:"summary"`
}

// waitLoaded waits until the page has loaded, with its web fonts.
func waitLoaded(t *testing.T, b *browser, url string) {
	t.Helper()
	deadline := time.Now().Add(hang)
	for {
		state, err := run(b, 2*time.Second, chromedp.Evaluate[string](
			`document.fonts.ready.then(() => document.readyState)`, chromedp.EvalAwaitPromise))
		if err == nil && state == "complete" {
			return
		}
		if time.Now().After(deadline) || b.ctx.Err() != nil {
			t.Fatalf("%s did not load within %v: readyState %q, error %v", url, hang, state, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// waitSearchResults waits until the search page shows results: links to
// entries in main, and then no change to the page for 300 ms.
func waitSearchResults(t *testing.T, b *browser) {
	t.Helper()
	if _, err := run(b, hang, chromedp.Evaluate[chromedp.Void](`(() => {
		window.__storyhubQuiet = performance.now();
		new MutationObserver(() => { window.__storyhubQuiet = performance.now(); })
			.observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
	})()`)); err != nil {
		t.Fatalf("watching the search page for changes: %v", err)
	}
	type state struct {
		Results int     `json:"results"`
		Quiet   float64 `json:"quiet"`
		Main    string  `json:"main"`
	}
	deadline := time.Now().Add(hang)
	var last state
	var lastErr error
	for {
		s, err := run(b, 2*time.Second, chromedp.Evaluate[state](`({
			results: [...document.querySelectorAll("main a[href]")].filter(a =>
				/^\/(stories|decks|guides|talking-points)\/[^\/]+\/$/.test(new URL(a.href).pathname)).length,
			quiet: performance.now() - window.__storyhubQuiet,
			main: (document.querySelector("main")?.innerText ?? "(no main)").slice(0, 500),
		})`))
		if err == nil {
			last, lastErr = s, nil
			if s.Results > 0 && s.Quiet >= 300 {
				t.Logf("search for python: %d result links", s.Results)
				return
			}
		} else {
			lastErr = err
		}
		if time.Now().After(deadline) || b.ctx.Err() != nil {
			t.Fatalf("the search page showed no results for q=python within %v (links to entries in main: %d, unchanged for %.0f ms, error %v); main reads:\n%s",
				hang, last.Results, last.Quiet, lastErr, last.Main)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// saveScreenshot saves a full-page PNG of the tab into dir.
func saveScreenshot(t *testing.T, b *browser, dir, name string) {
	t.Helper()
	png, err := run(b, hang, chromedp.FullScreenshot(100))
	if err == nil {
		err = os.MkdirAll(dir, 0o755)
	}
	if err == nil {
		err = os.WriteFile(filepath.Join(dir, name), png, 0o644)
	}
	if err != nil {
		t.Errorf("screenshot %s: %v", name, err)
	}
}

// hub is the repository's own hub, built and served on loopback.
type hub struct {
	out   string // the built folder
	url   string // the base URL, with a trailing slash
	pages []page // the pages to check
}

// page is one page to check: a short name, for subtests and screenshots,
// and its path on the site.
type page struct {
	name, path string
}

// file is the page's file in the built folder.
func (h *hub) file(p page) string {
	f := filepath.Join(h.out, filepath.FromSlash(strings.TrimPrefix(p.path, "/")))
	if strings.HasSuffix(p.path, "/") {
		f = filepath.Join(f, "index.html")
	}
	return f
}

// buildMu keeps the two tests, which run in parallel, from building at
// the same moment: markdown.New calls goldmark's parser.NewContextKey,
// which bumps a global counter without a lock, so two builds at once race.
var buildMu sync.Mutex

// serveHub builds the hub of this repository (its root is ..) with the
// base URL of a loopback listener, serves the result there until the test
// ends, and picks the pages to check.
func serveHub(t *testing.T) *hub {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	base := "http://" + ln.Addr().String() + "/"
	out := filepath.Join(t.TempDir(), "public")
	ctx, cancel := context.WithTimeout(t.Context(), hang)
	defer cancel()
	buildMu.Lock()
	res, err := build.Build(ctx, build.Config{SiteDir: "..", OutDir: out, BaseURL: base})
	buildMu.Unlock()
	if err != nil {
		ln.Close()
		t.Fatalf("building the hub: %v", err)
	}
	for _, w := range res.Warnings {
		t.Logf("build warning: %v", w)
	}
	srv := &http.Server{Handler: http.FileServer(http.Dir(out)), ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln) // returns ErrServerClosed once Close runs
	t.Cleanup(func() { srv.Close() })

	h := &hub{out: out, url: base}
	h.pages = []page{
		{"home", "/"},
		{"story", "/stories/astronomy-survey-pipeline/"},
		{"deck", "/decks/python-in-the-classroom/"},
		{"talking-points", h.firstLink(t, "/talking-points/")},
		{"guide", "/guides/starting-a-user-group/"},
		{"tag", h.firstLink(t, "/tags/")},
		{"community", "/communities/education/"},
		{"404", "/404.html"},
		{"search", "/search/"},
		{"newsletter", "/newsletter/"},
		{"newsletter-month", h.firstLink(t, "/newsletter/")},
		{"stats", "/stats/"},
		{"list", "/stories/"},
		{"groups", "/groups/"},
		{"group", "/groups/nairobi-python/"},
		{"communities", "/communities/"},
		{"tags", "/tags/"},
		{"people", "/people/"},
		{"person", "/people/hannah-okafor/"},
		{"events", "/events/"},
		{"event", "/events/dataops-day-2025/"},
		{"brochure", "/brochure/"},
	}
	for _, p := range h.pages {
		if _, err := os.Stat(h.file(p)); err != nil {
			t.Fatalf("the built hub lacks the %s page %s: %v", p.name, p.path, err)
		}
	}
	return h
}

// firstLink returns the path of the first link on the index page of the
// section (such as /tags/) to a page inside it.
func (h *hub) firstLink(t *testing.T, section string) string {
	t.Helper()
	f := h.file(page{path: section})
	data, err := os.ReadFile(f)
	if err != nil {
		t.Fatalf("reading the index of %s: %v", section, err)
	}
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("parsing %s: %v", f, err)
	}
	base, err := url.Parse(h.url + strings.TrimPrefix(section, "/"))
	if err != nil {
		t.Fatal(err)
	}
	for n := range doc.Descendants() {
		if n.Type != html.ElementNode || n.Data != "a" {
			continue
		}
		for _, a := range n.Attr {
			if a.Key != "href" {
				continue
			}
			u, err := base.Parse(a.Val)
			if err != nil || u.Host != base.Host {
				continue
			}
			p := path.Clean(u.Path) + "/"
			if strings.HasSuffix(u.Path, "/") && strings.HasPrefix(p, section) && p != section {
				return p
			}
		}
	}
	t.Fatalf("%s links to no page inside %s", f, section)
	return ""
}

// npmFile returns the path of a file of an npm package installed in
// $STORYHUB_NPM (by default storyhub-test in the user's cache folder), or
// skips the test (fails it on CI) when it is not there.
func npmFile(t *testing.T, name string) string {
	t.Helper()
	dir := os.Getenv("STORYHUB_NPM")
	if dir == "" {
		cache, err := os.UserCacheDir()
		if err != nil {
			browsertest.Need(t, fmt.Sprintf("no STORYHUB_NPM and no user cache folder (%v)", err), "")
		}
		dir = filepath.Join(cache, "storyhub-test")
	}
	f := filepath.Join(dir, "node_modules", filepath.FromSlash(name))
	if _, err := os.Stat(f); err != nil {
		browsertest.Need(t, fmt.Sprintf("%s is missing (%v); install the theme tests' tools with:\n\tnpm install --ignore-scripts --no-audit --no-fund --prefix %q vnu-jar axe-core\n(or set STORYHUB_NPM to the folder that holds their node_modules)", name, err, dir), "")
	}
	return f
}

// browser is one tab of a headless Chromium.
type browser struct {
	ctx context.Context // the tab; ends with the test's deadline
}

// startBrowser starts Chromium with a fresh profile and a 1280×800
// window; it stops when the test or benchmark ends, or at ctx's deadline.
func startBrowser(tb testing.TB, ctx context.Context, chrome string) *browser {
	tb.Helper()
	return &browser{ctx: browsertest.Start(tb, ctx, chrome, chromedp.WindowSize(1280, 800))}
}

// run runs one action in the tab with its own time limit.
func run[T any](b *browser, limit time.Duration, a chromedp.Action[T]) (T, error) {
	ctx, cancel := context.WithTimeout(b.ctx, limit)
	defer cancel()
	return chromedp.Run(ctx, a)
}

// step runs one action whose value does not matter, and fails the test,
// saying what it was doing, when the action fails.
func step(t *testing.T, b *browser, what string, limit time.Duration, a chromedp.Action[chromedp.Void]) {
	t.Helper()
	if _, err := run(b, limit, a); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}
