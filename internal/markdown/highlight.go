package markdown

import (
	"bufio"
	"bytes"
	"sync"

	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	highlighting "github.com/yuin/goldmark-highlighting/v2"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// highlightBudget bounds the bytes of highlighted HTML a Renderer keeps;
// past it the cache starts again empty, so a long preview session cannot
// grow it without end.
const highlightBudget = 16 << 20

// highlighter renders fenced code blocks through chroma, remembering the
// HTML of each distinct block (its info string and its text): chroma's
// regular-expression lexers are most of the cost of rendering Markdown
// with code, and hubs repeat the same snippets (install commands, the
// same example across a deck and its story) across many pages.
type highlighter struct {
	render renderer.NodeRendererFunc // chroma's, through goldmark-highlighting

	budget int // highlightBudget, smaller in tests

	mu    sync.RWMutex
	cache map[string][]byte
	size  int
}

func newHighlighter() *highlighter {
	inner := highlighting.NewHTMLRenderer(
		highlighting.WithFormatOptions(chromahtml.WithClasses(true), chromahtml.ClassPrefix(syntaxPrefix)),
		highlighting.WithGuessLanguage(false),
	)
	h := &highlighter{budget: highlightBudget, cache: map[string][]byte{}}
	inner.RegisterFuncs(captureFunc{&h.render})
	return h
}

// captureFunc takes the function a node renderer registers for fenced
// code blocks.
type captureFunc struct{ fn *renderer.NodeRendererFunc }

func (c captureFunc) Register(kind ast.NodeKind, fn renderer.NodeRendererFunc) {
	if kind == ast.KindFencedCodeBlock {
		*c.fn = fn
	}
}

// RegisterFuncs implements renderer.NodeRenderer.
func (h *highlighter) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindFencedCodeBlock, h.renderFencedCodeBlock)
}

func (h *highlighter) renderFencedCodeBlock(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.FencedCodeBlock)
	if !entering || n.Attributes() != nil {
		// Attributes set by the parser are not in the key; render anew.
		return h.render(w, source, node, entering)
	}
	key := blockKey(n, source)
	h.mu.RLock()
	out, ok := h.cache[key]
	h.mu.RUnlock()
	if ok {
		_, err := w.Write(out)
		return ast.WalkContinue, err
	}
	var buf bytes.Buffer
	bw := bufio.NewWriter(&buf)
	status, err := h.render(bw, source, node, entering)
	if err != nil {
		return status, err
	}
	if err := bw.Flush(); err != nil {
		return status, err
	}
	out = buf.Bytes()
	h.mu.Lock()
	if h.size+len(key)+len(out) > h.budget {
		h.cache, h.size = map[string][]byte{}, 0
	}
	h.cache[key] = out
	h.size += len(key) + len(out)
	h.mu.Unlock()
	_, err = w.Write(out)
	return status, err
}

// blockKey is everything chroma's output depends on: the info string
// (language and options such as linenos) and the block's lines.
func blockKey(n *ast.FencedCodeBlock, source []byte) string {
	var b bytes.Buffer
	if n.Info != nil {
		b.Write(n.Info.Segment.Value(source))
	}
	b.WriteByte(0)
	lines := n.Lines()
	for i := range lines.Len() {
		line := lines.At(i)
		b.Write(line.Value(source))
	}
	return b.String()
}
