package themes_test

import (
	"os"
	"regexp"
	"testing"
)

// TestSearchScriptInsertsText: the search script shows values a writer
// typed, so it may only insert them as text: no HTML parsing sinks.
func TestSearchScriptInsertsText(t *testing.T) {
	js, err := os.ReadFile("default/static/js/search.js")
	if err != nil {
		t.Fatal(err)
	}
	sinks := regexp.MustCompile(`\b(innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval|Function|setTimeout\(\s*["'])\b`)
	if m := sinks.Find(js); m != nil {
		t.Errorf("search.js uses %s; insert values with textContent", m)
	}
	if !regexp.MustCompile(`\.textContent\s*=`).Match(js) {
		t.Error("search.js never sets textContent: how does it show results?")
	}
}
