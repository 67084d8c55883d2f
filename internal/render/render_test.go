package render

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"maps"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/storyhub/storyhub/internal/content"
	"github.com/storyhub/storyhub/internal/markdown"
	"github.com/storyhub/storyhub/internal/site"
	"github.com/storyhub/storyhub/themes"
)

func TestPaginate(t *testing.T) {
	pages := make([]*site.Page, 45)
	tests := []struct {
		n, size int
		want    string
	}{
		{0, 20, "/s/:1/1:0::"},
		{20, 20, "/s/:1/1:20::"},
		{45, 20, "/s/:1/3:20::/s/page/2/ /s/page/2/:2/3:20:/s/:/s/page/3/ /s/page/3/:3/3:5:/s/page/2/:"},
	}
	for _, tt := range tests {
		var got []string
		paginate("/s/", pages[:tt.n], tt.size, "section/s", func(url string, p *Pager) {
			got = append(got, fmt.Sprintf("%s:%d/%d:%d:%s:%s", url, p.Number, p.Total, len(p.pages), p.PrevURL, p.NextURL))
		})
		if s := strings.Join(got, " "); s != tt.want {
			t.Errorf("paginate(%d, %d) = %s, want %s", tt.n, tt.size, s, tt.want)
		}
	}
}

func TestOutputPath(t *testing.T) {
	tests := map[string]string{
		"/":               "index.html",
		"/stories/a/":     "stories/a/index.html",
		"/feed.xml":       "feed.xml",
		"/old/page.html":  "old/page.html",
		"/tags/x/page/2/": "tags/x/page/2/index.html",
	}
	for in, want := range tests {
		if got := OutputPath(in); got != want {
			t.Errorf("OutputPath(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestWriterValuesEscaped renders a story whose every field carries a
// payload and checks that none comes out as markup.
func TestWriterValuesEscaped(t *testing.T) {
	payload := `"><script>alert(1)</script><img src=x onerror=alert(1)>`
	src := "---\ntitle: '" + payload + "'\nsummary: '" + payload + "'\ndate: 2026-01-01\n" +
		"authors: [{name: '" + payload + "', url: \"https://example.org/x?a=1&b='onmouseover=alert(1)\"}]\n" +
		"organization: '" + payload + "'\nregion: '" + payload + "'\npull_quote: '" + payload + "'\n" +
		"tags: ['" + payload + "']\nimage: '/x.png'\nimage_alt: '" + payload + "'\n---\nbody\n"
	d, errs := content.Parse("content/stories/x.md", content.DefaultKinds(), content.Story, []byte(src))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	d.Name = "x"
	s, errs := site.New(site.DefaultConfig(), []*content.Doc{d}, site.Options{Now: time.Now()}, markdown.New(nil), nil)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	r, err := New(themes.Default(), "themes/default", content.DefaultKinds(), true)
	if err != nil {
		t.Fatal(err)
	}
	outs, _, err := r.Plan(s, fstest.MapFS{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	pass := NewPass(nil, false)
	for _, o := range outs {
		var a, b bytes.Buffer
		data, _, err := pass.Make(&o, &a, &b)
		if err != nil {
			t.Fatalf("%s: %v", o.Path, err)
		}
		out := string(data)
		// Structured data is JSON in a data block: a payload there is
		// harmless as long as it cannot end the element.
		const open, end = `<script type="application/ld+json">`, `</script>`
		if i := strings.Index(out, open); i >= 0 {
			j := strings.Index(out[i+len(open):], end)
			block := out[i+len(open) : i+len(open)+j]
			if strings.ContainsAny(block, "<>") || !json.Valid([]byte(block)) {
				t.Errorf("%s: JSON-LD is not inert JSON: %s", o.Path, block)
			}
			out = out[:i] + out[i+len(open)+j+len(end):]
		}
		for _, bad := range []string{"<script>alert", "<img src=x", `"onmouseover=alert`, `'onmouseover=alert`, "</script><script>"} {
			if i := strings.Index(out, bad); i >= 0 {
				t.Errorf("%s contains %q: %s", o.Path, bad, out[max(0, i-80):min(len(out), i+40)])
			}
		}
	}
}

func TestAbsoluteLinks(t *testing.T) {
	tests := []struct{ in, want string }{
		{`<p><a href="/stories/a/">a</a> <img src="/x.png" alt="x"></p>`, `<p><a href="https://h.org/stories/a/">a</a> <img src="https://h.org/x.png" alt="x"></p>`},
		{`<a href="//other.org/x">x</a> <a href="https://e.org/">e</a>`, `<a href="//other.org/x">x</a> <a href="https://e.org/">e</a>`},
		{`<code>href=&quot;/x&quot;</code>`, `<code>href=&quot;/x&quot;</code>`},
		{`<a href="#top">t</a>`, `<a href="#top">t</a>`},
		{``, ``},
		{`<a href="/">home</a><a href="/a/"><img src="/b.png"></a>`, `<a href="https://h.org/">home</a><a href="https://h.org/a/"><img src="https://h.org/b.png"></a>`},
		{`<p>x="/y" and data-href="/z"</p>`, `<p>x="/y" and data-href="/z"</p>`},
		{`<a href="/`, `<a href="https://h.org/`},
		// Minified Markdown has quotes in text, never a bare "<".
		{`<p>write <a href="/x"> as &lt;a href="/x"></p><pre><code>&lt;img src="/y.png"></code></pre>`,
			`<p>write <a href="https://h.org/x"> as &lt;a href="/x"></p><pre><code>&lt;img src="/y.png"></code></pre>`},
		{`<p>a > b</p><img src="/z.png" alt="a > b">`, `<p>a > b</p><img src="https://h.org/z.png" alt="a > b">`},
	}
	for _, tt := range tests {
		if got := absoluteLinks(tt.in, "https://h.org"); got != tt.want {
			t.Errorf("absoluteLinks(%s) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

// themeCopy is the built-in theme as a map, to change a file in a test.
func themeCopy(t *testing.T) fstest.MapFS {
	t.Helper()
	theme := fstest.MapFS{}
	err := fs.WalkDir(themes.Default(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(themes.Default(), p)
		theme[p] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return theme
}

// twoStories plans a site of stories a and b, both tagged x, in theme.
func twoStories(t *testing.T, theme fs.FS) []Output {
	t.Helper()
	var docs []*content.Doc
	for _, name := range []string{"a", "b"} {
		d, errs := content.Parse("content/stories/"+name+".md", content.DefaultKinds(), content.Story, []byte("---\ntitle: "+name+"\nsummary: s\nauthors: [Ann]\ndate: 2026-01-01\ntags: [x]\n---\nbody\n"))
		if len(errs) > 0 {
			t.Fatal(errs)
		}
		d.Name = name
		docs = append(docs, d)
	}
	s, errs := site.New(site.DefaultConfig(), docs, site.Options{Now: time.Now()}, markdown.New(nil), nil)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	r, err := New(theme, "themes/default", content.DefaultKinds(), true)
	if err != nil {
		t.Fatal(err)
	}
	outs, _, err := r.Plan(s, fstest.MapFS{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return outs
}

// TestSharedSeesOnlySectionAndKind renders a theme whose shared footer
// prints what a page's own view holds: a Shared partial must see only the
// site, the section and the page kind, or a fragment made once would show
// one page's values on every other.
func TestSharedSeesOnlySectionAndKind(t *testing.T) {
	theme := themeCopy(t)
	chrome := string(theme["templates/partials/chrome.html"].Data)
	i := strings.Index(chrome, `{{define "site-footer"}}`)
	theme["templates/partials/chrome.html"].Data = []byte(chrome[:i] +
		`{{define "site-footer"}}[{{.Title}}|{{.URL}}|{{with .Page}}page{{end}}|{{with .Section}}{{.Name}}{{end}}|{{.Template}}]{{end}}`)
	outs := twoStories(t, theme)
	want := map[string]string{
		"stories/a/index.html": "[|||stories|story]",
		"stories/b/index.html": "[|||stories|story]",
		"stories/index.html":   "[|||stories|list]",
		"index.html":           "[||||home]",
		"tags/index.html":      "[||||tags]",
	}
	outputsShow(t, outs, "footer", want)
}

// TestEachSeesOnlyItem renders a theme whose tag links print what a
// page's own view holds: an Each partial must see only the site, the page
// kind and its item, or a link made once would show one page's values on
// every other.
func TestEachSeesOnlyItem(t *testing.T) {
	theme := themeCopy(t)
	tags := string(theme["templates/partials/tags.html"].Data)
	i := strings.Index(tags, `{{define "tag-item"}}`)
	theme["templates/partials/tags.html"].Data = []byte(tags[:i] +
		`{{define "tag-item"}}[{{.Title}}|{{.URL}}|{{with .Page}}page{{end}}|{{with .Section}}{{.Name}}{{end}}|{{.Template}}|{{.Item.Name}}|{{.Rel .Item.URL}}]{{end}}`)
	outs := twoStories(t, theme)
	want := map[string]string{
		"stories/a/index.html": "[||||story|x|/tags/x/]",
		"stories/b/index.html": "[||||story|x|/tags/x/]",
	}
	outputsShow(t, outs, "tag link", want)
}

// outputsShow checks that each output named in want shows its text.
func outputsShow(t *testing.T, outs []Output, what string, want map[string]string) {
	t.Helper()
	want = maps.Clone(want)
	for _, o := range outs {
		w, ok := want[o.Path]
		if !ok {
			continue
		}
		delete(want, o.Path)
		var a, b bytes.Buffer
		data, _, err := NewPass(nil, false).Make(&o, &a, &b)
		if err != nil {
			t.Fatalf("%s: %v", o.Path, err)
		}
		if !strings.Contains(string(data), w) {
			t.Errorf("%s: %s is not %s:\n%s", o.Path, what, w, data)
		}
	}
	if len(want) > 0 {
		t.Errorf("no outputs %v", want)
	}
}

func TestEachNeedsAList(t *testing.T) {
	v := &View{}
	if _, err := v.Each("tag-item", 3); err == nil || !strings.Contains(err.Error(), "int is not a list") {
		t.Errorf("Each of a number: %v, want an error that it is not a list", err)
	}
}

// TestPartialsInsideShared: a Shared partial may list tags with .Each and
// pages with .Cards, and an Each partial may too.
func TestPartialsInsideShared(t *testing.T) {
	theme := themeCopy(t)
	chrome := string(theme["templates/partials/chrome.html"].Data)
	i := strings.Index(chrome, `{{define "site-footer"}}`)
	theme["templates/partials/chrome.html"].Data = []byte(chrome[:i] +
		`{{define "site-footer"}}<footer>{{.Each "tag-cards" .Site.Tags}}</footer>{{end}}` +
		`{{define "tag-cards"}}<section>{{.Each "tag-item" (slice .Site.Tags 0 1)}}{{.Cards .Item.Pages}}</section>{{end}}`)
	outs := twoStories(t, theme)
	outputsShow(t, outs, "footer", map[string]string{
		"stories/a/index.html": `<footer><section><li><a href="/tags/x/">x</a></li><article class="card">`,
		"index.html":           `<footer><section><li><a href="/tags/x/">x</a></li><article class="card">`,
	})
}
