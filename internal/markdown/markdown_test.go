package markdown

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/tdewolff/minify/v2"
	mhtml "github.com/tdewolff/minify/v2/html"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

var update = flag.Bool("update", false, "rewrite golden files")

// resolveForTest maps .md links under a fixed table and reports others.
func resolveForTest(dest string) (string, string, string) {
	switch {
	case strings.HasPrefix(dest, "#"):
		return dest, "", ""
	case dest == "../decks/intro.md":
		return "/decks/intro/", "", ""
	case dest == "diagram.svg":
		return "/stories/x/diagram.svg", "", ""
	}
	return "", "broken link to " + dest, "fix it"
}

// goldenInput is one testdata/*.md.
type goldenInput struct {
	file string
	src  []byte
}

// goldenInputs reads every testdata/*.md.
func goldenInputs(t *testing.T) []goldenInput {
	t.Helper()
	files, _ := filepath.Glob("testdata/*.md")
	if len(files) == 0 {
		t.Fatal("no golden inputs")
	}
	ins := make([]goldenInput, len(files))
	for i, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		ins[i] = goldenInput{f, src}
	}
	return ins
}

// TestGolden renders each testdata/*.md and compares with its .html.
func TestGolden(t *testing.T) {
	r := New(nil)
	for _, in := range goldenInputs(t) {
		f, src := in.file, in.src
		t.Run(filepath.Base(f), func(t *testing.T) {
			res, err := r.Render(src, Links{Resolve: resolveForTest})
			if err != nil {
				t.Fatal(err)
			}
			var got bytes.Buffer
			got.WriteString(res.HTML)
			for _, p := range res.Problems {
				got.WriteString("<!-- problem at " + lineOf(src, p.Offset) + ": " + p.Msg + " -->\n")
			}
			golden := strings.TrimSuffix(f, ".md") + ".html"
			if *update {
				if err := os.WriteFile(golden, got.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got.Bytes(), want) {
				t.Errorf("output differs from %s (run go test -update):\n%s", golden, got.Bytes())
			}
		})
	}
}

func lineOf(src []byte, off int) string {
	col := off - bytes.LastIndexByte(src[:off], '\n')
	return "line " + strconv.Itoa(bytes.Count(src[:off], []byte("\n"))+1) + " col " + strconv.Itoa(col)
}

func TestHostileMarkdown(t *testing.T) {
	tests := []string{
		"<script>alert(1)</script>",
		"<img src=x onerror=alert(1)>",
		"[x](javascript:alert(1))",
		"[x](JaVaScRiPt:alert(1))",
		"[x](<java\tscript:alert(1)>)",
		"[x](java&#09;script:alert(1))",
		"[x](vbscript:msgbox(1))",
		"[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
		"![x](javascript:alert(1))",
		"<javascript:alert(1)>",
		"[x]: javascript:alert(1)\n\n[y][x]",
		"<a href=\"javascript:alert(1)\">x</a>",
		"`<script>` and <svg onload=alert(1)>",
		"```python\n</code></pre><script>alert(1)</script>\n```",
		"```html\n<img src=x onerror=alert(1)>\n```",
	}
	r := New(nil)
	for _, src := range tests {
		res, err := r.Render([]byte(src), Links{})
		if err != nil {
			t.Fatal(err)
		}
		if problem := executable([]byte(res.HTML)); problem != "" {
			t.Errorf("%q rendered %q: %s", src, res.HTML, problem)
		}
	}
}

func TestHeadingsAndWords(t *testing.T) {
	res, err := New(nil).Render([]byte("# Top\n\nOne two three.\n\n## Second *part*\n\n## Second part\n"), Links{})
	if err != nil {
		t.Fatal(err)
	}
	want := []Heading{{1, "top", "Top"}, {2, "second-part", "Second part"}, {2, "second-part-1", "Second part"}}
	if len(res.Headings) != len(want) {
		t.Fatalf("headings %+v, want %+v", res.Headings, want)
	}
	for i := range want {
		if res.Headings[i] != want[i] {
			t.Errorf("heading %d = %+v, want %+v", i, res.Headings[i], want[i])
		}
	}
	if res.Words != 8 {
		t.Errorf("words = %d, want 8", res.Words)
	}
}

// executable parses out as a browser would and names the first element,
// event attribute or URL that could run script, or returns "".
func executable(out []byte) string {
	nodes, err := html.ParseFragment(bytes.NewReader(out), &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div})
	if err != nil {
		return err.Error()
	}
	var walk func(n *html.Node) string
	walk = func(n *html.Node) string {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Script, atom.Iframe, atom.Object, atom.Embed, atom.Svg, atom.Math, atom.Style, atom.Form, atom.Base, atom.Meta, atom.Link:
				return "element <" + n.Data + ">"
			}
			for _, a := range n.Attr {
				if strings.HasPrefix(strings.ToLower(a.Key), "on") {
					return "event attribute " + a.Key
				}
				if a.Key == "href" || a.Key == "src" {
					if s, ok := schemeOf(a.Val); ok && s != "http" && s != "https" && s != "mailto" {
						return "URL " + a.Val
					}
					// A browser drops tabs and newlines and reads \ as /.
					v := strings.NewReplacer("\t", "", "\n", "", "\r", "", `\`, "/").Replace(strings.TrimSpace(a.Val))
					if strings.HasPrefix(v, "//") {
						return "URL " + a.Val + ", which leads to another host"
					}
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if p := walk(c); p != "" {
				return p
			}
		}
		return ""
	}
	for _, n := range nodes {
		if p := walk(n); p != "" {
			return p
		}
	}
	return ""
}

func FuzzRender(f *testing.F) {
	f.Add("# Title\n\n[a](b.md) ![c](d.png) <script>x</script>")
	f.Add("[x](<java\tscript:alert(1)>)")
	f.Add("[x](//evil.example) [y](/\\evil.example) ![z](/&#9;/evil.example) [w](https://a@b.example/)")
	f.Add("[a](/stories/a/) ![b](/b.png) https://hub.example/c/ [d](HTTPS://hub.example/d)\n\n[e]: /e/\n\n[e]")
	f.Add("> - [ ] task\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n[^1]\n\n[^1]: note")
	r := New(nil)
	f.Fuzz(func(t *testing.T, src string) {
		res, err := r.Render([]byte(src), Links{Resolve: resolveForTest, Self: "hub.example/"})
		if err != nil {
			t.Fatal(err)
		}
		if problem := executable([]byte(res.HTML)); problem != "" {
			t.Fatalf("%q rendered %q: %s", src, res.HTML, problem)
		}
		for _, p := range res.Problems {
			if p.Offset < 0 || p.Offset > len(src) {
				t.Fatalf("problem offset %d outside the source", p.Offset)
			}
		}
		// A site path is where it is written: it starts a link or image,
		// or is the address of an autolink.
		for _, l := range res.SitePaths {
			if l.Offset < 0 || l.Offset >= len(src) {
				t.Fatalf("%q: site path %+v starts outside the source", src, l)
			}
			if c := src[l.Offset]; c != '[' && c != '!' && c != '<' && c != 'h' && c != 'w' && c != 'H' && c != 'W' {
				t.Fatalf("%q: site path %+v starts at %q", src, l, src[l.Offset:])
			}
		}
	})
}

// TestCheckAgreesWithRender: a check finds what rendering finds.
func TestCheckAgreesWithRender(t *testing.T) {
	r := New(nil)
	for _, in := range goldenInputs(t) {
		f, src := in.file, in.src
		full, err := r.Render(src, Links{Resolve: resolveForTest})
		if err != nil {
			t.Fatal(err)
		}
		check := r.Check(src, Links{Resolve: resolveForTest})
		if fmt.Sprint(check.Problems, check.Headings, check.Fragments, check.SitePaths, check.Words) != fmt.Sprint(full.Problems, full.Headings, full.Fragments, full.SitePaths, full.Words) {
			t.Errorf("%s: check found %+v, rendering %+v", f, check, full)
		}
		if check.HTML != "" {
			t.Errorf("%s: a check wrote HTML", f)
		}
	}
}

// TestWords counts as reading time needs: runs of non-space holding a
// letter or digit, in any script, through invalid UTF-8.
func TestWords(t *testing.T) {
	reference := func(b []byte) int {
		n := 0
		for _, f := range bytes.Fields(b) {
			if bytes.IndexFunc(f, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0 {
				n++
			}
		}
		return n
	}
	for _, tc := range []struct {
		in   string
		want int
	}{
		{"", 0},
		{"one", 1},
		{"  two words  ", 2},
		{"a - b — c", 3},
		{"1984 is a year", 4},
		{"naïve café\u00a0crème", 3},
		{"日本語 テキスト", 2},
		{"\xff\xfe bad bytes", 2},
		{"tab\tand\nnewline", 3},
		{"... !!! ???", 0},
	} {
		if got := words([]byte(tc.in)); got != tc.want || got != reference([]byte(tc.in)) {
			t.Errorf("words(%q) = %d, want %d (reference %d)", tc.in, got, tc.want, reference([]byte(tc.in)))
		}
	}
	// Every byte, and some runes, around letters and punctuation.
	var seps []string
	for c := range 256 {
		seps = append(seps, string([]byte{byte(c)}))
	}
	seps = append(seps, "\u0085", "\u00a0", "\u2003", "\u3000", "é", "٣")
	for _, sep := range seps {
		for _, in := range []string{sep, "a" + sep + "b", "." + sep + ".", sep + "1" + sep} {
			if got, want := words([]byte(in)), reference([]byte(in)); got != want {
				t.Errorf("words(%q) = %d, reference %d", in, got, want)
			}
		}
	}
}

// TestMinified: a renderer given a minifier writes what that minifier
// makes of the plain renderer's HTML, for every golden input.
func TestMinified(t *testing.T) {
	m := minify.New()
	m.Add("text/html", &mhtml.Minifier{KeepEndTags: true})
	plain, small := New(nil), New(m)
	for _, in := range goldenInputs(t) {
		f, src := in.file, in.src
		want, err := plain.Render(src, Links{Resolve: resolveForTest})
		if err != nil {
			t.Fatal(err)
		}
		wantHTML, err := m.String("text/html", want.HTML)
		if err != nil {
			t.Fatal(err)
		}
		got, err := small.Render(src, Links{Resolve: resolveForTest})
		if err != nil {
			t.Fatal(err)
		}
		if got.HTML != wantHTML {
			t.Errorf("%s:\n%s\nwant\n%s", f, got.HTML, wantHTML)
		}
		if len(got.HTML) >= len(want.HTML) {
			t.Errorf("%s: %d bytes minified, %d plain", f, len(got.HTML), len(want.HTML))
		}
	}
}

// TestNetworkPathsAreExternal: destinations a browser reads as another
// host are never handed to Resolve as site paths, nor checked as anchors.
func TestNetworkPathsAreExternal(t *testing.T) {
	tests := []struct{ src, href string }{
		{"[x](//evil.example/x)", `href="https://evil.example/x"`},
		{"[x](//evil.example/x#a)", `href="https://evil.example/x#a"`},
		{`[x](/\evil.example)`, `href="https://evil.example"`},
		{`[x](\\/evil.example)`, `href="https://evil.example"`},
		{`[x](\\\\evil.example/p)`, `href="https://evil.example/p"`},
		{"[x](/&#92;evil.example)", `href="https://evil.example"`},
		{"[x](/&#x2F;evil.example)", `href="https://evil.example"`},
		{"[x](&#9;//evil.example)", `href="https://evil.example"`},
		{"[x](/&#10;/evil.example)", `href="https://evil.example"`},
		{"![x](//evil.example/t.png)", `src="https://evil.example/t.png"`},
		{"[x][r]\n\n[r]: //evil.example/r", `href="https://evil.example/r"`},
		{"[x](//bücher.example/)", `href="https://xn--bcher-kva.example/"`},
		{"[x](//user@evil.example/)", `href=""`},
	}
	r := New(nil)
	for _, tt := range tests {
		resolved := ""
		res, err := r.Render([]byte(tt.src), Links{Resolve: func(dest string) (string, string, string) {
			resolved = dest
			return dest, "", ""
		}})
		if err != nil {
			t.Fatal(err)
		}
		if resolved != "" || len(res.Fragments) > 0 || len(res.SitePaths) > 0 || !strings.Contains(res.HTML, tt.href) {
			t.Errorf("%q: resolved %q, fragments %v, site paths %v, rendered %q; want %s", tt.src, resolved, res.Fragments, res.SitePaths, res.HTML, tt.href)
		}
	}
}

// TestSitePathsListed: every link and image to a path from the site
// root is listed where it starts, for the check against the site's
// outputs; relative paths, fragments and addresses are not.
func TestSitePathsListed(t *testing.T) {
	tests := []struct {
		src  string
		want []Fragment
	}{
		{"See [a](/stories/a/).", []Fragment{{Dest: "/stories/a/", Offset: 4}}},
		{"![logo](/img/logo.png)", []Fragment{{Dest: "/img/logo.png", Offset: 0, Image: true}}},
		{"[x][r]\n\n[r]: /decks/", []Fragment{{Dest: "/decks/", Offset: 0}}},
		{"[](/empty/)", []Fragment{{Dest: "/empty/", Offset: 0}}},
		{"[a](/a/#top) [b](../b.md) [c](#c) [d](https://example.org/d) [e](//example.org/e)", []Fragment{{Dest: "/a/#top", Offset: 0}}},
		{"`[a](/code/)` and\n\n    [b](/indented/)", nil},
		// The site's own addresses, link, image and autolink.
		{"[a](https://hub.example.org/hub/stories/a/) ![b](http://hub.example.org/hub/b.png) https://hub.example.org/hub/", []Fragment{
			{Dest: "https://hub.example.org/hub/stories/a/", Offset: 0},
			{Dest: "http://hub.example.org/hub/b.png", Offset: 44, Image: true},
			{Dest: "https://hub.example.org/hub/", Offset: 83},
		}},
		{"[a](https://hub.example.org/hub) [b](https://hub.example.org/other/) [c](https://hub.example.org.evil/hub/)", []Fragment{{Dest: "https://hub.example.org/hub", Offset: 0}}},
	}
	r := New(nil)
	for _, tt := range tests {
		res := r.Check([]byte(tt.src), Links{Self: "hub.example.org/hub/", Resolve: func(dest string) (string, string, string) { return dest, "", "" }})
		if fmt.Sprint(res.SitePaths) != fmt.Sprint(tt.want) {
			t.Errorf("%q: site paths %+v; want %+v", tt.src, res.SitePaths, tt.want)
		}
	}
}

// TestTooManyMarks: text whose brackets and emphasis marks would take
// goldmark minutes is refused before it is parsed, at the paragraph that
// goes over; prose, and code in fences, pass.
func TestTooManyMarks(t *testing.T) {
	prose := strings.Repeat("Some *text* with [a link](https://example.org/) and _emphasis_.\n\n", 100_000)
	tests := []struct {
		name string
		src  string
		want int // offset, or -1
	}{
		{"prose", prose, -1},
		{"a fenced sample", "Intro.\n\n```\n" + strings.Repeat("[[[[", 100_000) + "\n```\n\nOutro.\n", -1},
		{"open links in one paragraph", strings.Repeat(`[a](b.md "`, 20_000), 0},
		{"brackets", "Intro.\n\n" + strings.Repeat("[", 60_000) + strings.Repeat("]", 60_000), 8},
		{"emphasis", strings.Repeat("*a ", 100_000), 0},
		{"many long paragraphs", strings.Repeat(strings.Repeat("[a](", 1500)+"\n\n", 30), 11 * 6002},
	}
	for _, tt := range tests {
		if got := tooManyMarks([]byte(tt.src)); got != tt.want {
			t.Errorf("%s: tooManyMarks = %d, want %d", tt.name, got, tt.want)
		}
	}
	r := New(nil)
	res := r.Check([]byte(strings.Repeat(`[a](b.md "`, 200_000)), Links{})
	if len(res.Problems) != 1 || !strings.Contains(res.Problems[0].Msg, "too many brackets and emphasis marks") {
		t.Errorf("problems %+v, want the file refused before it is parsed", res.Problems)
	}
}

// TestBadAddressMessages: an http(s) address that net/url refuses is told
// what is wrong with it, never that its scheme is not allowed, as a link
// and as an autolink, at the column where it starts.
func TestBadAddressMessages(t *testing.T) {
	host := `has the host "www.youtube%20.com", which is not a valid host name (check the address; a host has no spaces or %)`
	tests := []struct{ src, want string }{
		{"[talk](https://www.youtube%20.com/watch?v=abc)", "1: link https://www.youtube%20.com/watch?v=abc " + host},
		{"See <https://www.youtube%20.com/watch?v=abc>.", "5: link https://www.youtube%20.com/watch?v=abc " + host},
		{"See https://www.youtube%20.com/watch?v=abc now.", "5: link https://www.youtube%20.com/watch?v=abc " + host},
		{"<https://a.example/> and <https://b.example/%zz>", `26: link https://b.example/%zz is not a valid URL (invalid URL escape "%zz") (copy the address from the browser's address bar)`},
		{"<https://u@a.example/>, <https://u@a.example/>", "25: link https://u@a.example/ has a user name or password before @, so it reads as one host and leads to a.example (remove everything between // and @)"},
		{"[js](javascript:alert(1))", "1: links to javascript: are not allowed (link to an http(s) address or a page of this site)"},
	}
	r := New(nil)
	for _, tt := range tests {
		res := r.Check([]byte(tt.src), Links{})
		var got []string
		for _, p := range res.Problems {
			got = append(got, fmt.Sprintf("%d: %s (%s)", p.Offset+1, p.Msg, p.Hint))
		}
		if len(got) == 0 || got[len(got)-1] != tt.want {
			t.Errorf("%q: problems\n%s\nwant last\n%s", tt.src, strings.Join(got, "\n"), tt.want)
		}
	}
}

// An image whose picture Links.Image knows gets its src, size, srcset
// and lazy loading; a web address, an unknown picture and a link are
// left as they were.
func TestImageInfo(t *testing.T) {
	known := func(dest string) *Image {
		switch dest {
		case "photo.jpg":
			return &Image{URL: "/s/a/photo-1600w.jpg", Width: 1600, Height: 1067, Srcset: "/s/a/photo-480w.jpg 480w, /s/a/photo-1600w.jpg 1600w", Sizes: "44rem"}
		case "small.png":
			return &Image{URL: "/s/a/small.png", Width: 30, Height: 20}
		}
		return nil
	}
	r := New(nil)
	for _, tc := range []struct{ src, want string }{
		{"![A photo](photo.jpg)", `<img src="/s/a/photo-1600w.jpg" alt="A photo" width="1600" height="1067" srcset="/s/a/photo-480w.jpg 480w, /s/a/photo-1600w.jpg 1600w" sizes="44rem" loading="lazy" decoding="async">`},
		{"![Small](small.png)", `<img src="/s/a/small.png" alt="Small" width="30" height="20" loading="lazy" decoding="async">`},
		{"![Logo](diagram.svg)", `<img src="/stories/x/diagram.svg" alt="Logo">`},
		{"![Far](https://example.org/photo.jpg)", `<img src="https://example.org/photo.jpg" alt="Far">`},
		{"[A link](photo.jpg)", `<a href="/s/a/photo.jpg">A link</a>`},
	} {
		res, err := r.Render([]byte(tc.src), Links{Resolve: func(dest string) (string, string, string) {
			if dest == "photo.jpg" || dest == "small.png" {
				return "/s/a/" + dest, "", ""
			}
			return resolveForTest(dest)
		}, Image: known})
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(res.HTML), "<p>"), "</p>")); got != tc.want {
			t.Errorf("%s:\n got %s\nwant %s", tc.src, got, tc.want)
		}
	}
}
