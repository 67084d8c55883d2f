package render

import (
	"fmt"
	"html/template"
	"regexp"
	"strings"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/minify/v2/json"
	"github.com/tdewolff/minify/v2/svg"
	"github.com/tdewolff/minify/v2/xml"
)

// pageMinifier is how HTML is minified. It keeps document tags, end tags
// and attribute quotes: a page still reads as written when viewed as
// source, and whitespace is most of what there is to save.
func pageMinifier() html.Minifier {
	return html.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepQuotes: true}
}

// NewMinifier returns the minifier for every media type a site has.
func NewMinifier() *minify.M {
	h := pageMinifier()
	return newMinifier(&h)
}

func newMinifier(h *html.Minifier) *minify.M {
	m := minify.New()
	m.Add(HTML, h)
	m.AddFunc("text/css", css.Minify)
	m.AddFunc("application/javascript", js.Minify)
	m.AddFunc("image/svg+xml", svg.Minify)
	m.AddFunc("application/json", json.Minify)
	m.AddFunc(XML, xml.Minify)
	return m
}

// parseMinified parses the templates minified, with the same settings
// as pages, leaving every {{action}} as it is. What a template writes
// around its actions is then minified once per build rather than on every
// page, and what actions insert needs nothing more: html/template escapes
// writers' values without adding space, partials come from minified
// templates, and bodies come minified from the Markdown renderer of a
// build that minifies. Should the minified templates not parse, which
// would be a fault of the minifier, pages are made as written: larger by
// about one per cent, but right.
func (r *Renderer) parseMinified(srcs []templateFile) map[string]*template.Template {
	h := pageMinifier()
	h.TemplateDelims = [2]string{"{{", "}}"}
	m := newMinifier(&h)
	small := make([]templateFile, len(srcs))
	for i, f := range srcs {
		s, err := minifyTemplate(m, f.src)
		if err != nil {
			return r.source
		}
		small[i] = templateFile{f.name, s}
	}
	sets, err := r.parse(small)
	if err != nil {
		return r.source
	}
	return sets
}

// minifyTemplate minifies a template's source, but for the text of a
// script, style, title or textarea element that holds an action: the
// minifier takes such text as one piece and would squeeze its spaces,
// inside the actions' strings too, and in a script's strings or a
// textarea's lines. That text is set aside behind a placeholder, which
// the minifier keeps as it keeps every action, and put back as written.
//
// Comments go first: they write nothing, and the minifier would take a
// quote in one ("the page's") for the start of a string that runs on to
// the end of the file, leaving all of it as it is.
func minifyTemplate(m *minify.M, src string) (string, error) {
	var kept []string
	var b strings.Builder
	rest := templateComment.ReplaceAllString(src, "")
	for {
		start, end := rawTextWithAction(rest)
		if start < 0 {
			b.WriteString(rest)
			break
		}
		b.WriteString(rest[:start])
		fmt.Fprintf(&b, "{{/*raw %d*/}}", len(kept))
		kept = append(kept, rest[start:end])
		rest = rest[end:]
	}
	small, err := m.String(HTML, b.String())
	if err != nil {
		return "", err
	}
	for i, text := range kept {
		mark := fmt.Sprintf("{{/*raw %d*/}}", i)
		if strings.Count(small, mark) != 1 {
			return "", fmt.Errorf("minifying lost the text of a %q", text)
		}
		small = strings.Replace(small, mark, text, 1)
	}
	return small, nil
}

// templateComment is a comment action without trim markers, which
// removed leaves the text around it as it was.
var templateComment = regexp.MustCompile(`(?s)\{\{/\*.*?\*/\}\}`)

// rawTextWithAction finds the first script, style, title or textarea
// element whose text holds "{{", and returns where its text starts and
// ends; -1 when there is none.
func rawTextWithAction(s string) (start, end int) {
	lower := asciiLower(s) // same offsets as s, unlike strings.ToLower
	from := 0
	for {
		open, name := -1, ""
		for _, n := range []string{"script", "style", "title", "textarea"} {
			i := indexTag(lower[from:], n)
			if i >= 0 && (open < 0 || from+i < open) {
				open, name = from+i, n
			}
		}
		if open < 0 {
			return -1, -1
		}
		gt := strings.IndexByte(lower[open:], '>')
		if gt < 0 {
			return -1, -1
		}
		start = open + gt + 1
		closing := strings.Index(lower[start:], "</"+name)
		if closing < 0 {
			return -1, -1
		}
		end = start + closing
		if strings.Contains(s[start:end], "{{") {
			return start, end
		}
		from = end
	}
}

// indexTag is the offset of the start tag <name in s (followed by a
// space, "/" or ">", so <scripts is not <script), or -1.
func indexTag(s, name string) int {
	for off := 0; ; {
		i := strings.Index(s[off:], "<"+name)
		if i < 0 {
			return -1
		}
		after := off + i + 1 + len(name)
		if after == len(s) || strings.IndexByte(" \t\n\r\f/>", s[after]) >= 0 {
			return off + i
		}
		off = after
	}
}

// asciiLower is s with A-Z in lower case and every other byte as it is.
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
