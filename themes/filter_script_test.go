package themes_test

import (
	"context"
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/storyhub/storyhub/internal/browsertest"
)

// TestFilterScriptInsertsText: the filter script copies the names of
// filter links, which writers chose, so it inserts them as text only.
func TestFilterScriptInsertsText(t *testing.T) {
	js, err := os.ReadFile("default/static/js/filter.js")
	if err != nil {
		t.Fatal(err)
	}
	sinks := regexp.MustCompile(`\b(innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval|Function|setTimeout\(\s*["'])\b`)
	if m := sinks.Find(js); m != nil {
		t.Errorf("filter.js uses %s; insert values with textContent", m)
	}
}

// TestDeckFilters opens the hub's /decks/ in Chromium: the script adds a
// choice per facet; choosing a value hides exactly the cards without it,
// and the status line changes once and says how many are shown. The page
// stays axe-clean with the choices in it.
func TestDeckFilters(t *testing.T) {
	t.Parallel()
	axeSrc, err := os.ReadFile(npmFile(t, "axe-core/axe.min.js"))
	if err != nil {
		t.Fatal(err)
	}
	chrome := browsertest.Chromium(t)
	hub := serveHub(t)
	ctx, cancel := context.WithTimeout(t.Context(), 3*hang)
	t.Cleanup(cancel)
	b := startBrowser(t, ctx, chrome)
	url := hub.url + "decks/"
	step(t, b, "opening "+url, hang, chromedp.Navigate(url))
	waitLoaded(t, b, url)

	type state struct {
		Selects int      `json:"selects"`
		Options []string `json:"options"` // of the first choice after Any
		Cards   int      `json:"cards"`
		Status  string   `json:"status"`
	}
	s, err := run(b, hang, chromedp.Evaluate[state](`({
		selects: document.querySelectorAll(".filter-form select").length,
		options: [...(document.querySelector(".filter-form select")?.options ?? [])].slice(1).map(o => o.value),
		cards: document.querySelectorAll(".cards > .card").length,
		status: document.querySelector(".filter-form [role=status]")?.textContent ?? "(none)",
	})`))
	if err != nil {
		t.Fatalf("reading %s: %v", url, err)
	}
	facets := strings.Count(mustRead(t, hub.file(page{path: "/decks/"})), "<dt>")
	if s.Selects != facets || len(s.Options) == 0 || s.Cards == 0 {
		t.Fatalf("%s has %d choices for %d facets, the first with values %q, and %d cards; want a choice per facet, with values", url, s.Selects, facets, s.Options, s.Cards)
	}
	if s.Status != "" {
		t.Errorf("the status line reads %q before any choice; want it empty, so nothing is announced on load", s.Status)
	}

	type chosen struct {
		Want    int    `json:"want"`    // cards whose keys hold the value
		Visible int    `json:"visible"` // cards shown
		Wrong   int    `json:"wrong"`   // shown without the value
		Changes int    `json:"changes"` // to the status line
		Status  string `json:"status"`
	}
	for _, value := range append(s.Options, "") {
		c, err := run(b, hang, chromedp.Evaluate[chosen](fmt.Sprintf(`(() => {
			const select = document.querySelector(".filter-form select");
			const status = document.querySelector(".filter-form [role=status]");
			let changes = 0;
			const watch = new MutationObserver(records => { changes += records.length; });
			watch.observe(status, {childList: true, characterData: true, subtree: true});
			select.value = %q;
			select.dispatchEvent(new Event("change", {bubbles: true}));
			const records = watch.takeRecords().length;
			watch.disconnect();
			const cards = [...document.querySelectorAll(".cards > .card")];
			const has = c => %q === "" || (c.dataset.filters || "").split(" ").includes(%q);
			const shown = cards.filter(c => !c.hidden && c.offsetParent !== null);
			return {want: cards.filter(has).length, visible: shown.length,
				wrong: shown.filter(c => !has(c)).length, changes: changes + records, status: status.textContent};
		})()`, value, value, value)))
		if err != nil {
			t.Fatalf("choosing %q: %v", value, err)
		}
		if c.Visible != c.Want || c.Wrong != 0 {
			t.Errorf("choosing %q shows %d cards (%d without it); want the %d that have it", value, c.Visible, c.Wrong, c.Want)
		}
		if c.Changes != 1 {
			t.Errorf("choosing %q changed the status line %d times; want once", value, c.Changes)
		}
		if !strings.Contains(c.Status, fmt.Sprintf(" %d ", c.Visible)) || !strings.Contains(c.Status, fmt.Sprintf("%d decks", s.Cards)) {
			t.Errorf("choosing %q: the status reads %q; want it to say %d of %d decks are shown", value, c.Status, c.Visible, s.Cards)
		}
	}

	if _, err := run(b, hang, chromedp.Evaluate[chromedp.Void](string(axeSrc))); err != nil {
		t.Fatalf("injecting axe.min.js: %v", err)
	}
	vs, err := run(b, hang, chromedp.Evaluate[[]axeViolation](axeRun, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("running axe: %v", err)
	}
	for _, v := range vs {
		t.Errorf("axe violation on /decks/ with the filters: %s (%s): %s\n\tnodes: %s\n\tfirst: %s", v.ID, v.Impact, v.Help, strings.Join(v.Targets, " | "), v.HTML)
	}
}

func mustRead(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}
