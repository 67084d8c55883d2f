package render

import (
	"slices"
	"strings"
	"testing"
	"text/template/parse"
)

// TestMinifyTemplate: a template's source is minified around its
// actions, which stay as written, and the text of a script, style, title
// or textarea that holds an action stays as written too.
func TestMinifyTemplate(t *testing.T) {
	h := pageMinifier()
	h.TemplateDelims = [2]string{"{{", "}}"}
	m := newMinifier(&h)
	for _, tc := range []struct{ in, want string }{
		{"<p>\n  a  {{.X}}  b\n</p>\n<p>c</p>", "<p>a {{.X}} b</p><p>c</p>"},
		{`<p title="{{printf "a  b"}}  c">{{printf "a  b"}}  d</p>`, `<p title="{{printf "a  b"}}  c">{{printf "a  b"}} d</p>`},
		{"<title>{{printf \"a  b\"}}   x</title>\n\n<p>y</p>", "<title>{{printf \"a  b\"}}   x</title><p>y</p>"},
		{"<textarea>{{.X}}\n   indented &amp; {{printf \"a  b\"}}</textarea>", "<textarea>{{.X}}\n   indented &amp; {{printf \"a  b\"}}</textarea>"},
		{"<SCRIPT>var s = {{.}};   var t = \"x  y\";</SCRIPT>  <p>z</p>", "<script>var s = {{.}};   var t = \"x  y\";</script><p>z</p>"},
		{"<style>a {  color: {{.C}} }</style>", "<style>a {  color: {{.C}} }</style>"},
		// Without an action, the minifier does what it does for pages.
		{"<script>var t = 1;   var u = 2;</script>", "<script>var t=1,u=2</script>"},
		{"<scripts>{{.X}}  y</scripts>", "<scripts>{{.X}} y</scripts>"},
		{"<p>İ  {{.X}}</p><title>İ {{.Y}}  </title>", "<p>İ {{.X}}</p><title>İ {{.Y}}  </title>"},
		// A comment goes, quote and all; one with trim markers stays.
		{"{{/* the page's */}}\n<p>\n a </p>", "<p>a</p>"},
		{"<p>a {{- /* x */ -}} b</p>", "<p>a {{- /* x */ -}} b</p>"},
	} {
		got, err := minifyTemplate(m, tc.in)
		if err != nil {
			t.Errorf("%q: %v", tc.in, err)
			continue
		}
		if got != tc.want {
			t.Errorf("minifyTemplate(%q)\n = %q\nwant %q", tc.in, got, tc.want)
		}
	}
}

// TestMinifiedThemeKeepsActions: every action of the built-in theme is,
// once its templates are minified, exactly as written (comments aside),
// and every file is smaller.
func TestMinifiedThemeKeepsActions(t *testing.T) {
	r := &Renderer{theme: themeCopy(t), files: map[string]string{}, texts: map[string]string{}}
	srcs, err := r.readTemplates()
	if err != nil {
		t.Fatal(err)
	}
	h := pageMinifier()
	h.TemplateDelims = [2]string{"{{", "}}"}
	m := newMinifier(&h)
	for _, f := range srcs {
		small, err := minifyTemplate(m, f.src)
		if err != nil {
			t.Fatalf("%s: %v", f.name, err)
		}
		if got, want := actions(t, small), actions(t, f.src); got != want {
			t.Errorf("%s: the actions changed:\n%s\nwant\n%s", f.name, got, want)
		}
		if len(small) >= len(f.src) {
			t.Errorf("%s: not minified", f.name)
		}
	}
}

// actions lists a template's actions, one a line, without its text.
func actions(t *testing.T, src string) string {
	t.Helper()
	tree := parse.New("x")
	tree.Mode = parse.SkipFuncCheck
	trees := map[string]*parse.Tree{}
	if _, err := tree.Parse(src, "", "", trees); err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	var walk func(n parse.Node)
	walk = func(n parse.Node) {
		switch n := n.(type) {
		case *parse.ListNode:
			if n != nil {
				for _, c := range n.Nodes {
					walk(c)
				}
			}
		case *parse.TextNode:
		case *parse.IfNode:
			b.WriteString("if " + n.Pipe.String() + "\n")
			walk(n.List)
			walk(n.ElseList)
		case *parse.RangeNode:
			b.WriteString("range " + n.Pipe.String() + "\n")
			walk(n.List)
			walk(n.ElseList)
		case *parse.WithNode:
			b.WriteString("with " + n.Pipe.String() + "\n")
			walk(n.List)
			walk(n.ElseList)
		default:
			b.WriteString(n.String() + "\n")
		}
	}
	names := make([]string, 0, len(trees))
	for name := range trees {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		b.WriteString("define " + name + "\n")
		walk(trees[name].Root)
	}
	return b.String()
}
