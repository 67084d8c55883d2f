package markdown

import (
	"bytes"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// TestHighlightCache renders documents whose code blocks share text but
// not options, or options but not text, through one cached highlighter,
// and compares each with a fresh one that has never seen a block.
func TestHighlightCache(t *testing.T) {
	docs := []string{
		"```python\nprint('hi')\n```\n",
		"```python\nprint('hi')\n```\n\n```python\nprint('hi')\n```\n",
		"```go\nprint('hi')\n```\n",
		"```python {linenos=true}\nprint('hi')\n```\n",
		"```python {hl_lines=[1]}\nprint('hi')\nx = 1\n```\n",
		"```python\nprint('bye')\n```\n",
		"```\nprint('hi')\n```\n",
		"```unknown-language\n<b>&amp;\n```\n",
		"~~~python\nprint('hi')\n~~~\n",
		"- item\n\n  ```python\n  print('hi')\n  ```\n",
	}
	fresh := func() goldmark.Markdown { return withHighlighter(newHighlighter()) }
	for _, budget := range []int{highlightBudget, 200} { // 200: the cache starts over often
		cached := newHighlighter()
		cached.budget = budget
		md := withHighlighter(cached)
		for round := range 3 {
			for _, doc := range docs {
				var got, want bytes.Buffer
				if err := md.Convert([]byte(doc), &got); err != nil {
					t.Fatal(err)
				}
				if err := fresh().Convert([]byte(doc), &want); err != nil {
					t.Fatal(err)
				}
				if got.String() != want.String() {
					t.Errorf("budget %d, round %d, %q:\ncached %s\nfresh  %s", budget, round, doc, got.String(), want.String())
				}
			}
		}
		if budget == 200 && cached.size > 200+len(docs[0])*4 {
			t.Errorf("cache holds %d bytes over a budget of %d", cached.size, budget)
		}
	}
	// The cache is what the project's renderer uses.
	res, err := New(nil).Render([]byte(docs[0]), Links{})
	if err != nil || !strings.Contains(string(res.HTML), `class="hl-`) {
		t.Fatalf("project renderer does not highlight: %v %s", err, res.HTML)
	}
}

func withHighlighter(h *highlighter) goldmark.Markdown {
	return goldmark.New(
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
		goldmark.WithRendererOptions(renderer.WithNodeRenderers(util.Prioritized(h, 200))),
	)
}
