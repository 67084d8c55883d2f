// Package markdown is the one goldmark configuration of the project:
// GitHub Flavored Markdown (tables, strikethrough, task lists, autolinks),
// footnotes, typographer quotes, heading ids with anchor links, code
// highlighted by chroma as CSS classes; raw HTML stays off, so a writer's
// <script> is dropped, never passed through. A task item's text is the
// label of its checkbox, and task lists and items carry the classes
// task-list and task; a table sits in a focusable region
// (<div class="table" tabindex="0" role="region">) named Table, or
// Table 1, Table 2... when a document has several, so a keyboard can
// scroll a wide one.
//
// Every link and image destination goes through an AST transformer: a
// destination with a scheme other than http, https or mailto is removed
// (after stripping the whitespace and control characters browsers ignore
// in a scheme). An http(s) address, and a destination browsers read as
// one once they drop tabs and newlines and read \ as / (//host/path,
// /\host, \\host), is checked by internal/weburl (no user name, a valid
// host, published in ASCII) and written as http(s)://host/path; one that
// fails is removed. Autolinks are checked the same way. Any other
// destination is a site or relative path, handed to the caller's Resolve
// function, which maps it to a URL or explains why it is broken; only
// those go to the anchor checks (Fragments), and those from the site
// root are listed (SitePaths), with the addresses under the site's own
// base URL, for the check against every output of the site, which only
// the caller knows. The package knows nothing of
// sites; it reports problems with byte offsets into the source it was
// given.
package markdown

import (
	"bufio"
	"bytes"
	"fmt"
	"html"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/styles"
	"github.com/storyhub/storyhub/internal/weburl"
	"github.com/tdewolff/minify/v2"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Links says how to take a document's links. Resolve maps those without a
// scheme; it may be nil, and then every relative link is kept as written.
// Self is the site's own base URL without its scheme (hub.example.org/,
// example.org/hub/): addresses under it are listed in SitePaths too,
// since they are pages of the site written in full.
//
// Image, when set, gives what the page needs of a picture at a relative
// or site path destination (as written): the img's src, size and copies;
// nil when it knows none. Such an img gets width and height, so the page
// does not move while it loads, srcset and sizes, and loads lazily: a
// picture in a body is rarely on the first screen.
type Links struct {
	Resolve Resolve
	Image   func(dest string) *Image
	Self    string
}

// Image is what an img of a body says of its picture.
type Image struct {
	URL           string // the src
	Width, Height int
	Srcset, Sizes string // "" for a picture without copies
}

// Resolve maps a destination without a scheme (a relative path, an
// absolute path on the site, or "#fragment") to the URL to write. A
// non-empty problem means the link is broken; hint says how to mend it.
type Resolve func(dest string) (url, problem, hint string)

// Problem is a broken link or image, at a byte offset of the source.
type Problem struct {
	Offset int
	Msg    string
	Hint   string
}

// Heading is a section heading, for tables of contents and anchor checks.
type Heading struct {
	Level int
	ID    string
	Text  string
}

// Fragment is a link or image destination as written, and where it
// starts: a link with a #fragment, for anchor checks, or a path from the
// site root, for the check that the site has it.
type Fragment struct {
	Dest   string
	Offset int
	Image  bool // an image's, not a link's
}

// Result is one rendered document.
type Result struct {
	HTML      string
	Headings  []Heading
	Problems  []Problem
	Fragments []Fragment
	SitePaths []Fragment // links and images to /a/path of the site
	Words     int        // words of text, for reading time
}

// Renderer converts Markdown to HTML. It is safe for concurrent use.
type Renderer struct {
	md      goldmark.Markdown
	buffers sync.Pool // of *output
	minify  *minify.M // nil: HTML as goldmark writes it
}

// output is where a document is rendered.
type output struct {
	buf   bytes.Buffer
	w     *bufio.Writer // onto buf
	small bytes.Buffer  // buf minified
}

// Goldmark hands out context keys from a counter without a lock, so the
// keys are made once, when the package starts, not by each New.
var linksKey, resultKey = parser.NewContextKey(), parser.NewContextKey()

// New returns the project's Markdown renderer. With a minifier, the HTML
// it makes is minified (as text/html), for builds that minify pages.
func New(minifier *minify.M) *Renderer {
	r := &Renderer{minify: minifier}
	r.buffers.New = func() any {
		o := new(output)
		o.w = bufio.NewWriter(&o.buf)
		return o
	}
	r.md = goldmark.New(
		goldmark.WithExtensions(
			extension.GFM,
			extension.Footnote,
			extension.Typographer,
		),
		// Code blocks with a language are highlighted with CSS classes
		// (see SyntaxCSS), so the colours follow light and dark.
		goldmark.WithRendererOptions(renderer.WithNodeRenderers(
			util.Prioritized(newHighlighter(), 200),
			util.Prioritized(blocks{}, 200),
		)),
		goldmark.WithParserOptions(
			parser.WithAutoHeadingID(),
			parser.WithASTTransformers(
				util.Prioritized(&transformer{}, 100),
				util.Prioritized(blocks{}, 100),
			),
		),
	)
	return r
}

// Render converts src, taking its links as links says.
func (r *Renderer) Render(src []byte, links Links) (*Result, error) {
	res, doc := r.parse(src, links)
	if doc == nil {
		return res, nil
	}
	out := r.buffers.Get().(*output)
	defer r.buffers.Put(out)
	out.buf.Reset()
	// Render as Convert does, but into a writer of our own, so no new
	// buffers are made for each document.
	if err := r.md.Renderer().Render(out.w, src, doc); err != nil {
		return nil, err
	}
	if err := out.w.Flush(); err != nil {
		return nil, err
	}
	html := &out.buf
	if r.minify != nil {
		// Here rather than where pages are made: a body is minified once
		// however many pages and feeds show it, straight from the buffer
		// it was rendered into.
		out.small.Reset()
		if err := r.minify.Minify("text/html", &out.small, &out.buf); err != nil {
			return nil, err
		}
		html = &out.small
	}
	// A build holds every page's HTML until it is written: a string of
	// just the bytes, which templates insert without copying again.
	res.HTML = html.String()
	return res, nil
}

// Check parses src and reports what Render would (problems, headings,
// fragments, words) without writing HTML: what a check needs, at a
// fraction of the cost, since highlighting code is most of rendering.
func (r *Renderer) Check(src []byte, links Links) *Result {
	res, _ := r.parse(src, links)
	return res
}

// parse parses src, the transformer filling in the result as it checks
// links and headings. The document is nil when src is nested too deep to
// parse in reasonable time: the result says so.
func (r *Renderer) parse(src []byte, links Links) (*Result, ast.Node) {
	res := &Result{}
	if off, depth := tooDeep(src); off >= 0 {
		res.Problems = append(res.Problems, Problem{Offset: off,
			Msg:  fmt.Sprintf("this line is nested %d levels deep; over %d levels takes too long to render", depth, maxDepth),
			Hint: "flatten the list or quote"})
		return res, nil
	}
	if off := tooManyMarks(src); off >= 0 {
		res.Problems = append(res.Problems, Problem{Offset: off,
			Msg:  "from this paragraph on, the file has too many brackets and emphasis marks for the length of their paragraphs to render in reasonable time",
			Hint: "split long paragraphs with blank lines, or put such text in a code block"})
		return res, nil
	}
	ctx := parser.NewContext()
	ctx.Set(linksKey, links)
	ctx.Set(resultKey, res)
	return res, r.md.Parser().Parse(text.NewReader(src), parser.WithContext(ctx))
}

type transformer struct{}

func (t *transformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	src := reader.Source()
	links, _ := pc.Get(linksKey).(Links)
	res, ok := pc.Get(resultKey).(*Result)
	if !ok {
		res = &Result{}
	}
	var headings []*ast.Heading
	var autoLinks []*ast.AutoLink
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Text:
			res.Words += words(n.Segment.Value(src))
		case *ast.Heading:
			headings = append(headings, n)
		case *ast.Link:
			n.Destination = t.destination(n.Destination, n, src, links, res)
		case *ast.Image:
			if plain(n, src) == "" {
				res.Problems = append(res.Problems, Problem{Offset: linkStart(n, src),
					Msg: "image has no alt text", Hint: "write ![what the image shows](" + string(n.Destination) + ")"})
			}
			written := string(n.Destination)
			n.Destination = t.destination(n.Destination, n, src, links, res)
			if links.Image != nil && n.Destination != nil {
				picture(n, written, links.Image)
			}
		case *ast.AutoLink:
			autoLinks = append(autoLinks, n)
		}
		return ast.WalkContinue, nil
	})
	for _, n := range autoLinks {
		u := string(n.URL(src))
		scheme, _ := schemeOf(u)
		var problem, hint, checked string
		switch {
		case n.AutoLinkType == ast.AutoLinkEmail:
			continue
		case scheme != "http" && scheme != "https":
			if problem, hint = schemeProblem(scheme, u); problem == "" {
				continue
			}
		default:
			if checked, problem, hint = weburl.Check(u); problem == "" {
				if links.own(checked) {
					res.SitePaths = append(res.SitePaths, Fragment{Dest: checked, Offset: autoLinkStart(n, src)})
				}
				if checked != u { // a host published in its ASCII form
					l := ast.NewLink()
					l.Destination = ampersands(checked)
					l.AppendChild(l, ast.NewString(n.Label(src)))
					n.Parent().ReplaceChild(n.Parent(), n, l)
				}
				continue
			}
			problem = "link " + u + " " + problem
		}
		// Keep the text, drop the link.
		res.Problems = append(res.Problems, Problem{Offset: autoLinkStart(n, src), Msg: problem, Hint: hint})
		n.Parent().ReplaceChild(n.Parent(), n, ast.NewString(n.Label(src)))
	}
	for _, h := range headings {
		id, ok := h.AttributeString("id")
		idb, isBytes := id.([]byte)
		if !ok || !isBytes {
			continue
		}
		res.Headings = append(res.Headings, Heading{Level: h.Level, ID: string(idb), Text: plain(h, src)})
		// A trailing anchor link, so a reader can copy the section's URL.
		a := ast.NewLink()
		a.Destination = append([]byte("#"), idb...)
		a.SetAttributeString("class", []byte("anchor"))
		a.SetAttributeString("aria-label", []byte("Link to this section"))
		a.AppendChild(a, ast.NewString([]byte("#")))
		h.AppendChild(h, a)
	}
}

// picture gives an img the src, size and copies of its picture, when
// image knows it (a site or relative path); a web address is left alone.
func picture(n *ast.Image, written string, image func(string) *Image) {
	if _, web := schemeOf(written); web || written == "" || strings.HasPrefix(written, "//") || strings.HasPrefix(written, "\\") {
		return
	}
	info := image(written)
	if info == nil {
		return
	}
	n.Destination = []byte(info.URL)
	n.SetAttributeString("width", []byte(strconv.Itoa(info.Width)))
	n.SetAttributeString("height", []byte(strconv.Itoa(info.Height)))
	if info.Srcset != "" {
		n.SetAttributeString("srcset", []byte(info.Srcset))
		n.SetAttributeString("sizes", []byte(info.Sizes))
	}
	n.SetAttributeString("loading", []byte("lazy"))
	n.SetAttributeString("decoding", []byte("async"))
}

// destination checks and resolves one link or image destination. An
// http(s) address, and a destination a browser reads as one (//host/path,
// and /\host or \\host, since browsers read \ as /), is checked by
// weburl and written as https://host/path; a site path or relative path
// goes to resolve, and its #fragment to the anchor checks.
func (t *transformer) destination(dest []byte, n ast.Node, src []byte, links Links, res *Result) []byte {
	d := string(dest)
	if d == "" {
		return dest
	}
	what := "link"
	if _, image := n.(*ast.Image); image {
		what = "image"
	}
	web := func(u string) []byte {
		checked, problem, hint := weburl.Check(u)
		if problem != "" {
			res.Problems = append(res.Problems, Problem{Offset: linkStart(n, src), Msg: what + " " + d + " " + problem, Hint: hint})
			return nil
		}
		if links.own(checked) {
			res.SitePaths = append(res.SitePaths, Fragment{Dest: checked, Offset: linkStart(n, src), Image: what == "image"})
		}
		if checked == d {
			return dest // as written, as most are
		}
		return ampersands(checked)
	}
	if scheme, ok := schemeOf(d); ok {
		if scheme == "http" || scheme == "https" {
			return web(browserView(d))
		}
		if problem, hint := schemeProblem(scheme, d); problem != "" {
			res.Problems = append(res.Problems, Problem{Offset: linkStart(n, src), Msg: problem, Hint: hint})
			return nil
		}
		return dest // mailto
	}
	if v := browserView(d); len(v) >= 2 && (v[0] == '/' || v[0] == '\\') && (v[1] == '/' || v[1] == '\\') {
		return web("https://" + strings.TrimLeft(v, "/\\"))
	}
	if d[0] == '/' {
		res.SitePaths = append(res.SitePaths, Fragment{Dest: d, Offset: linkStart(n, src), Image: what == "image"})
	}
	if _, link := n.(*ast.Link); link && strings.IndexByte(d, '#') >= 0 {
		res.Fragments = append(res.Fragments, Fragment{Dest: d, Offset: linkStart(n, src)})
	}
	if links.Resolve == nil {
		return dest
	}
	u, problem, hint := links.Resolve(d)
	if problem != "" {
		res.Problems = append(res.Problems, Problem{Offset: linkStart(n, src), Msg: problem, Hint: hint})
		return dest
	}
	return []byte(u)
}

// own reports whether a checked http(s) address is under the site's own
// base URL.
func (l Links) own(u string) bool {
	if l.Self == "" {
		return false
	}
	_, rest, _ := strings.Cut(u, "://")
	return strings.HasPrefix(rest, l.Self) || rest+"/" == l.Self
}

// browserView is a destination as a browser reads it: with the escapes
// and entities the renderer resolves resolved, and without the tabs and
// newlines browsers drop anywhere, or the spaces and controls they trim at
// either end (the WHATWG URL parser).
func browserView(d string) string {
	if !strings.ContainsAny(d, "&\\\t\n\r") && d != "" && d[0] > ' ' && d[len(d)-1] > ' ' {
		return d // nothing to resolve or drop
	}
	v := util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations([]byte(d))))
	v = bytes.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, v)
	return string(bytes.TrimFunc(v, func(r rune) bool { return r <= ' ' }))
}

// ampersands escapes & in a URL given to the renderer, which resolves
// entities in destinations.
func ampersands(u string) []byte {
	return []byte(strings.ReplaceAll(u, "&", "&amp;"))
}

// schemeOf returns the scheme of a URL as a browser would see it: browsers
// drop tabs and newlines anywhere and spaces and controls at the start.
func schemeOf(d string) (string, bool) {
	clean := d
	if strings.IndexFunc(d, func(r rune) bool { return r <= ' ' || r == 0x7f || r == '&' }) >= 0 {
		// The parser keeps entities in destinations; the renderer decodes
		// them.
		clean = strings.Map(func(r rune) rune {
			if r <= ' ' || r == 0x7f {
				return -1
			}
			return r
		}, html.UnescapeString(d))
	}
	i := strings.IndexAny(clean, ":/?#")
	if i <= 0 || clean[i] != ':' {
		return "", false
	}
	scheme := strings.ToLower(clean[:i])
	// RFC 3986: a letter, then letters, digits, +, - or .; anything else
	// makes the whole URL relative.
	for j, r := range scheme {
		if !(r >= 'a' && r <= 'z' || j > 0 && (r >= '0' && r <= '9' || r == '+' || r == '-' || r == '.')) {
			return "", false
		}
	}
	return scheme, true
}

// schemeProblem says what is wrong with d, whose scheme is s and not
// http(s), or "" for a mailto: address that may be linked to.
func schemeProblem(s, d string) (problem, hint string) {
	if s != "mailto" {
		return "links to " + s + ": are not allowed", "link to an http(s) address or a page of this site"
	}
	if _, err := url.Parse(strings.TrimSpace(d)); err != nil {
		return "link " + d + " is not a valid address", "write it like mailto:name@example.org"
	}
	return "", ""
}

// words counts the words of a text segment; punctuation alone is none.
func words(b []byte) int {
	n := 0
	var counted uint8 // 1 once the current word has been counted
	for len(b) > 0 {
		// Most text is ASCII: a table and no branches per byte.
		i := 0
		for ; i < len(b) && b[i] < utf8.RuneSelf; i++ {
			class := asciiWord[b[i]]
			char, space := class&wordChar, class>>1
			n += int(char &^ counted)
			counted = char | counted&^space
		}
		b = b[i:]
		if len(b) == 0 {
			break
		}
		r, size := utf8.DecodeRune(b)
		b = b[size:]
		switch {
		case unicode.IsSpace(r):
			counted = 0
		case counted == 0 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			n++
			counted = 1
		}
	}
	return n
}

// What an ASCII byte is to words: a letter or digit, white space, or
// neither (0: punctuation, which neither starts nor ends a word). The bits
// are what words computes with.
const (
	wordChar  = 1
	wordSpace = 2
)

var asciiWord = func() (t [utf8.RuneSelf]uint8) {
	for c := range utf8.RuneSelf {
		switch {
		case c == ' ' || c >= '\t' && c <= '\r':
			t[c] = wordSpace
		case 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9':
			t[c] = wordChar
		}
	}
	return t
}()

// linkStart is the offset of a link's "[" or an image's "![", found from
// its text.
func linkStart(n ast.Node, src []byte) int {
	if n.FirstChild() == nil {
		return emptyLinkStart(n, src)
	}
	off := offset(n, src)
	if off > 0 && src[off-1] == '[' {
		off--
		if _, image := n.(*ast.Image); image && off > 0 && src[off-1] == '!' {
			off--
		}
	}
	return off
}

// emptyLinkStart finds "[](dest" of a link or image without text in the
// lines of its block, since such a node has no position of its own.
func emptyLinkStart(n ast.Node, src []byte) int {
	var dest []byte
	switch n := n.(type) {
	case *ast.Link:
		dest = n.Destination
	case *ast.Image:
		dest = n.Destination
	}
	for p := n.Parent(); p != nil; p = p.Parent() {
		if p.Type() != ast.TypeBlock || p.Lines().Len() == 0 {
			continue
		}
		lines := p.Lines()
		start, stop := lines.At(0).Start, lines.At(lines.Len()-1).Stop
		if i := bytes.Index(src[start:stop], append([]byte("]("), dest...)); i > 0 {
			off := start + i - 1 // the "["
			if off > 0 && src[off-1] == '!' {
				off--
			}
			return off
		}
		return start
	}
	return 0
}

// autoLinkStart is the offset of an autolink, at its < when it has one:
// goldmark gives its text as a slice of the source, but not where it
// starts.
func autoLinkStart(n *ast.AutoLink, src []byte) int {
	if l := n.Label(src); len(l) > 0 && cap(l) <= cap(src) {
		if off := cap(src) - cap(l); off <= len(src)-len(l) && bytes.Equal(src[off:off+len(l)], l) {
			if off > 0 && src[off-1] == '<' {
				return off - 1
			}
			return off
		}
	}
	return offset(n, src)
}

// offset finds a source position for an inline node: its first text
// segment, or the first line of the block that holds it.
func offset(n ast.Node, src []byte) int {
	for c := n.FirstChild(); c != nil; c = c.FirstChild() {
		if t, ok := c.(*ast.Text); ok {
			return t.Segment.Start
		}
	}
	for p := n.Parent(); p != nil; p = p.Parent() {
		if p.Type() == ast.TypeBlock && p.Lines().Len() > 0 {
			return p.Lines().At(0).Start
		}
	}
	return 0
}

// plain is the text of a node, without markup.
func plain(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			switch c := c.(type) {
			case *ast.Text:
				b.Write(c.Segment.Value(src))
				if c.SoftLineBreak() {
					b.WriteByte(' ')
				}
			case *ast.String:
				b.Write(c.Value)
			}
		}
		return ast.WalkContinue, nil
	})
	return strings.TrimSpace(b.String())
}

// syntaxPrefix starts every highlighting class, so they cannot clash with
// the theme's own.
const syntaxPrefix = "hl-"

// HighlightClass is in the HTML of every highlighted code block, and in
// no other HTML the package writes: pages with it need SyntaxCSS.
const HighlightClass = syntaxPrefix + "chroma"

// SyntaxCSS is the stylesheet for highlighted code: a light palette, and
// a dark one under prefers-color-scheme on screens (a printout stays
// light). The dark rules come after the
// light ones and win only where they are written, so every colour the
// light palette sets and the dark one leaves to the text colour is set
// again in the dark block: else dark punctuation keeps its light colour
// on the dark background. Light's built-in pseudo names and line numbers
// are darkened to reach 4.5:1 on its background (WCAG AA).
func SyntaxCSS() ([]byte, error) {
	f := chromahtml.New(chromahtml.WithClasses(true), chromahtml.ClassPrefix(syntaxPrefix))
	light := styles.Get("github").Builder().
		Add(chroma.NameBuiltinPseudo, "#57606a").
		Add(chroma.LineNumbers, "#57606a").
		Add(chroma.LineNumbersTable, "#57606a").
		Add(chroma.TextWhitespace, "#57606a")
	lightStyle, err := light.Build()
	if err != nil {
		return nil, err
	}
	dark, err := styles.Get("github-dark").Builder().
		Add(chroma.LineNumbers, "#8b949e").
		Add(chroma.LineNumbersTable, "#8b949e").
		Add(chroma.TextWhitespace, "#8b949e").
		Build()
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if err := f.WriteCSS(&b, lightStyle); err != nil {
		return nil, err
	}
	b.WriteString("@media screen and (prefers-color-scheme: dark) {\n")
	if err := f.WriteCSS(&b, dark); err != nil {
		return nil, err
	}
	writeUnset(&b, lightStyle, dark)
	b.WriteString("}\n")
	return b.Bytes(), nil
}

// writeUnset writes, for each token class whose colour or background
// light sets and dark leaves to its background entry, dark's own value,
// in a stable order.
func writeUnset(b *bytes.Buffer, light, dark *chroma.Style) {
	lightBg, darkBg := light.Get(chroma.Background), dark.Get(chroma.Background)
	types := make([]chroma.TokenType, 0, len(chroma.StandardTypes))
	for t := range chroma.StandardTypes {
		if t != chroma.Background && t != chroma.PreWrapper {
			types = append(types, t)
		}
	}
	slices.Sort(types)
	for _, t := range types {
		l, d := light.Get(t).Sub(lightBg), dark.Get(t).Sub(darkBg)
		var rule []string
		if l.Colour.IsSet() && !d.Colour.IsSet() {
			rule = append(rule, "color: "+dark.Get(t).Colour.String())
		}
		if l.Background.IsSet() && !d.Background.IsSet() {
			rule = append(rule, "background-color: "+darkBg.Background.String())
		}
		if rule != nil {
			fmt.Fprintf(b, ".%schroma .%s%s { %s }\n", syntaxPrefix, syntaxPrefix, chroma.StandardTypes[t], strings.Join(rule, "; "))
		}
	}
}

// maxMarkScan bounds the inline marks goldmark looks for the other end of
// ([, *, _, ~), each counted with the length of its paragraph, which it
// may scan: unclosed ones pile up, so 2 MB of "[a](" took 16 minutes and
// 8 MB of brackets 95 s. Prose has a few marks in a paragraph of a few
// hundred bytes: 9 MB of it counts 3e7.
const maxMarkScan = 1e8

// tooManyMarks returns the offset of the paragraph where src goes over
// maxMarkScan, or -1. Fenced code is not scanned for marks,
// and paragraphs end at blank lines.
func tooManyMarks(src []byte) int {
	var scan int
	par, parMarks := 0, 0 // the paragraph's start and marks
	fence := byte(0)
	endPar := func(end int) bool {
		scan += parMarks * (end - par)
		return scan > maxMarkScan
	}
	for off := 0; off < len(src); {
		end := bytes.IndexByte(src[off:], '\n')
		if end < 0 {
			end = len(src) - off
		}
		line := src[off : off+end]
		trimmed := bytes.TrimLeft(line, " ")
		switch {
		case len(trimmed) >= 3 && (trimmed[0] == '`' || trimmed[0] == '~') && trimmed[1] == trimmed[0] && trimmed[2] == trimmed[0] && len(line)-len(trimmed) < 4:
			if fence == 0 {
				fence = trimmed[0]
			} else if fence == trimmed[0] {
				fence = 0
			}
		case fence != 0:
		case len(bytes.TrimSpace(line)) == 0:
			if endPar(off) {
				return par
			}
			par, parMarks = off+end+1, 0
		default:
			for _, c := range line {
				switch c {
				case '[', '*', '_', '~':
					parMarks++
				}
			}
		}
		off += end + 1
	}
	if endPar(len(src)) {
		return par
	}
	return -1
}

// maxDepth bounds how deeply lists and quotes may nest: goldmark's time
// grows with the cube of list depth (1,000 levels take a second), and no
// writer needs more than a handful.
const maxDepth = 100

// tooDeep finds the first line indented, or quoted, more than maxDepth
// levels (a level being two columns of indentation or one ">"), and
// returns its offset and depth, or -1.
func tooDeep(src []byte) (int, int) {
	for off := 0; off < len(src); {
		end := bytes.IndexByte(src[off:], '\n')
		if end < 0 {
			end = len(src) - off
		}
		line := src[off : off+end]
		cols, quotes := 0, 0
	scan:
		for _, c := range line {
			switch c {
			case ' ':
				cols++
			case '\t':
				cols += 4
			case '>':
				quotes++
			default:
				break scan
			}
		}
		if depth := max(cols/2, quotes); depth > maxDepth {
			return off, depth
		}
		off += end + 1
	}
	return -1, 0
}
