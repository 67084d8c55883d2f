package feed

import (
	"bytes"
	"encoding/xml"
	"flag"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

var update = flag.Bool("update", false, "rewrite golden files")

// renderers lists both formats so every property is checked for each.
var renderers = []struct {
	name   string
	render func(Channel) ([]byte, error)
}{
	{"rss", encoded(RSS)},
	{"atom", encoded(Atom)},
}

// encoded returns a format's document as bytes.
func encoded(write func(*bytes.Buffer, Channel) error) func(Channel) ([]byte, error) {
	return func(ch Channel) ([]byte, error) {
		var b bytes.Buffer
		err := write(&b, ch)
		return b.Bytes(), err
	}
}

// testChannel is the fixed channel behind the golden files: one item with an
// enclosure, one with HTML content, one without authors. The first item's
// date is in a non-UTC zone to prove output is normalised to UTC.
func testChannel() Channel {
	cet := time.FixedZone("CET", 3600)
	return Channel{
		Title:       "Storyhub Blog",
		Description: "Stories & notes from <storyhub>",
		Link:        "https://example.com/",
		FeedURL:     "https://example.com/feed.xml",
		Language:    "en",
		Updated:     time.Date(2024, 3, 5, 18, 45, 0, 0, time.UTC),
		Items: []Item{
			{
				Title:      "Episode 1: Pilot",
				Link:       "https://example.com/posts/pilot/",
				ID:         "https://example.com/posts/pilot/",
				Published:  time.Date(2024, 1, 10, 9, 0, 0, 0, cet),
				Summary:    "The first episode of the podcast.",
				Authors:    []string{"Ada Lovelace", "Charles Babbage"},
				Categories: []string{"podcast", "news"},
				Enclosure: &Enclosure{
					URL:    "https://example.com/media/pilot.mp3",
					Length: 12345678,
					Type:   "audio/mpeg",
				},
			},
			{
				Title:      "Fish & Chips",
				Link:       "https://example.com/posts/fish/",
				ID:         "tag:example.com,2024:fish",
				Published:  time.Date(2024, 2, 1, 12, 0, 0, 0, time.UTC),
				Updated:    time.Date(2024, 2, 3, 8, 30, 0, 0, time.UTC),
				Summary:    "Notes on fish & chips.",
				Content:    `<p>Fish &amp; chips</p><p>With <em>salt</em> &amp; vinegar.</p>`,
				Authors:    []string{"Grace Hopper"},
				Categories: []string{"food"},
			},
			{
				Title:     "Untitled thoughts",
				Link:      "https://example.com/posts/thoughts/",
				ID:        "https://example.com/posts/thoughts/",
				Published: time.Date(2024, 3, 5, 18, 45, 0, 0, time.UTC),
				Summary:   "A short note without an author.",
			},
		},
	}
}

func TestGolden(t *testing.T) {
	for _, r := range renderers {
		t.Run(r.name, func(t *testing.T) {
			got, err := r.render(testChannel())
			if err != nil {
				t.Fatal(err)
			}
			again, err := r.render(testChannel())
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, again) {
				t.Error("output differs between two renders of the same channel")
			}
			path := filepath.Join("testdata", r.name+".golden")
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update to create)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("output differs from %s (run with -update to rewrite)\ngot:\n%s", path, got)
			}
		})
	}
}

func TestRSSParsed(t *testing.T) {
	ch := testChannel()
	out, err := encoded(RSS)(ch)
	if err != nil {
		t.Fatal(err)
	}
	f := parse(t, out)
	if f.FeedType != "rss" || f.FeedVersion != "2.0" {
		t.Errorf("type = %s %s, want rss 2.0", f.FeedType, f.FeedVersion)
	}
	checkChannel(t, f, ch)
	if f.Generator != "storyhub" {
		t.Errorf("generator = %q", f.Generator)
	}
	for i, it := range ch.Items {
		got := f.Items[i]
		checkItem(t, f, got, it)
		// gofeed reports only the first dc:creator, so compare the raw list.
		var creators []string
		if got.DublinCoreExt != nil {
			creators = got.DublinCoreExt.Creator
		}
		if !slices.Equal(creators, it.Authors) {
			t.Errorf("item %d dc:creator = %q, want %q", i, creators, it.Authors)
		}
		if len(it.Authors) > 0 && (got.Author == nil || got.Author.Name != it.Authors[0]) {
			t.Errorf("item %d author = %+v, want %q", i, got.Author, it.Authors[0])
		}
	}
	if !bytes.Contains(out, []byte(`<guid isPermaLink="true">https://example.com/posts/pilot/</guid>`)) ||
		!bytes.Contains(out, []byte(`<guid isPermaLink="false">tag:example.com,2024:fish</guid>`)) {
		t.Error("guid isPermaLink does not follow ID == Link")
	}
}

func TestAtomParsed(t *testing.T) {
	ch := testChannel()
	out, err := encoded(Atom)(ch)
	if err != nil {
		t.Fatal(err)
	}
	f := parse(t, out)
	if f.FeedType != "atom" || f.FeedVersion != "1.0" {
		t.Errorf("type = %s %s, want atom 1.0", f.FeedType, f.FeedVersion)
	}
	checkChannel(t, f, ch)
	// The third item has no author, so the feed must supply one.
	if names := personNames(f.Authors); !slices.Equal(names, []string{ch.Title}) {
		t.Errorf("feed authors = %q, want [%q]", names, ch.Title)
	}
	for i, it := range ch.Items {
		got := f.Items[i]
		checkItem(t, f, got, it)
		want := it.Updated
		if want.IsZero() {
			want = it.Published
		}
		if got.UpdatedParsed == nil || !got.UpdatedParsed.Equal(want) {
			t.Errorf("item %d updated = %v, want %v", i, got.UpdatedParsed, want)
		}
		if names := personNames(got.Authors); !slices.Equal(names, it.Authors) {
			t.Errorf("item %d authors = %q, want %q", i, names, it.Authors)
		}
	}
}

func checkChannel(t *testing.T, f *gofeed.Feed, ch Channel) {
	t.Helper()
	if f.Title != ch.Title {
		t.Errorf("title = %q, want %q", f.Title, ch.Title)
	}
	if got := asShown(t, f.FeedType, f.Description); got != ch.Description {
		t.Errorf("description = %q, want %q", got, ch.Description)
	}
	if f.Link != ch.Link {
		t.Errorf("link = %q, want %q", f.Link, ch.Link)
	}
	if f.FeedLink != ch.FeedURL {
		t.Errorf("feed link = %q, want %q", f.FeedLink, ch.FeedURL)
	}
	if f.Language != ch.Language {
		t.Errorf("language = %q, want %q", f.Language, ch.Language)
	}
	if f.UpdatedParsed == nil || !f.UpdatedParsed.Equal(ch.Updated) {
		t.Errorf("updated = %v, want %v", f.UpdatedParsed, ch.Updated)
	}
	if len(f.Items) != len(ch.Items) {
		t.Fatalf("got %d items, want %d", len(f.Items), len(ch.Items))
	}
}

// checkItem asserts the fields both formats carry the same way.
func checkItem(t *testing.T, f *gofeed.Feed, got *gofeed.Item, want Item) {
	t.Helper()
	if got.Title != want.Title {
		t.Errorf("item title = %q, want %q", got.Title, want.Title)
	}
	if got.Link != want.Link {
		t.Errorf("item %q link = %q, want %q", want.Title, got.Link, want.Link)
	}
	if got.GUID != want.ID {
		t.Errorf("item %q id = %q, want %q", want.Title, got.GUID, want.ID)
	}
	if got.PublishedParsed == nil || !got.PublishedParsed.Equal(want.Published) {
		t.Errorf("item %q published = %v, want %v", want.Title, got.PublishedParsed, want.Published)
	}
	if shown := asShown(t, f.FeedType, got.Description); shown != want.Summary {
		t.Errorf("item %q summary = %q, want %q", want.Title, shown, want.Summary)
	}
	if got.Content != want.Content {
		t.Errorf("item %q content = %q, want %q", want.Title, got.Content, want.Content)
	}
	if !slices.Equal(got.Categories, want.Categories) {
		t.Errorf("item %q categories = %q, want %q", want.Title, got.Categories, want.Categories)
	}
	if want.Enclosure == nil {
		if len(got.Enclosures) != 0 {
			t.Errorf("item %q has unexpected enclosures %+v", want.Title, got.Enclosures)
		}
		return
	}
	if len(got.Enclosures) != 1 {
		t.Fatalf("item %q has %d enclosures, want 1", want.Title, len(got.Enclosures))
	}
	e := got.Enclosures[0]
	w := want.Enclosure
	if e.URL != w.URL || e.Length != strconv.FormatInt(w.Length, 10) || e.Type != w.Type {
		t.Errorf("item %q enclosure = %+v, want %+v", want.Title, *e, *w)
	}
}

func personNames(ps []*gofeed.Person) []string {
	var names []string
	for _, p := range ps {
		names = append(names, p.Name)
	}
	return names
}

func TestHostileValues(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string // visible text after illegal characters are removed
	}{
		{"closing tag", "a</title><title>b", "a</title><title>b"},
		{"cdata end", "x]]>y<![CDATA[z", "x]]>y<![CDATA[z"},
		{"script", "<script>alert(1)</script>", "<script>alert(1)</script>"},
		{"entities", "&amp; &lt; &#0; &nbsp;", "&amp; &lt; &#0; &nbsp;"},
		{"quotes", `"double" 'single'`, `"double" 'single'`},
		{"NUL", "a\x00b", "ab"},
		{"C0 controls", "a\x01\x08\x0b\x0c\x0e\x1f\x7fb", "a\x7fb"},
		{"kept whitespace", "a\tb\nc\rd", "a\tb\nc\rd"},
		{"noncharacters", "a\uFFFEb\uFFFFc", "abc"},
		{"invalid UTF-8", "a\xffb\xc3(c\xed\xa0\x80d", "ab(cd"},
		{"real replacement char", "a\uFFFDb", "a\uFFFDb"},
		{"emoji", "hi 👋🏽 🇳🇱 \U0010FFFD", "hi 👋🏽 🇳🇱 \U0010FFFD"},
		{"only illegal", "\x00\x01\xff", ""},
	}
	for _, tt := range tests {
		if got := clean(tt.in); got != tt.want {
			t.Errorf("%s: clean(%q) = %q, want %q", tt.name, tt.in, got, tt.want)
		}
		ch := Channel{
			Title:       tt.in,
			Description: tt.in,
			Link:        "https://example.com/",
			FeedURL:     "https://example.com/feed.xml",
			Language:    tt.in,
			Updated:     time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC),
			Items: []Item{{
				Title:      tt.in,
				Link:       "https://example.com/x?a=1&b=" + tt.in,
				ID:         tt.in,
				Published:  time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC),
				Summary:    tt.in,
				Content:    tt.in,
				Authors:    []string{tt.in},
				Categories: []string{tt.in},
				Enclosure:  &Enclosure{URL: tt.in, Length: 1, Type: tt.in},
			}},
		}
		for _, r := range renderers {
			t.Run(r.name+"/"+tt.name, func(t *testing.T) {
				out, err := r.render(ch)
				if err != nil {
					t.Fatal(err)
				}
				if err := wellFormed(out); err != nil {
					t.Fatalf("not well-formed: %v\n%s", err, out)
				}
				f := parse(t, out)
				// gofeed trims surrounding whitespace from text elements.
				want := strings.TrimSpace(tt.want)
				if f.Title != want {
					t.Errorf("feed title = %q, want %q", f.Title, want)
				}
				if len(f.Items) != 1 {
					t.Fatalf("got %d items, want 1", len(f.Items))
				}
				it := f.Items[0]
				for field, got := range map[string]string{
					"title":   it.Title,
					"content": it.Content,
				} {
					if got != want {
						t.Errorf("item %s = %q, want %q", field, got, want)
					}
				}
				// HTML reads a carriage return as a line feed.
				if r.name == "rss" {
					want = strings.ReplaceAll(want, "\r", "\n")
				}
				if got := asShown(t, f.FeedType, it.Description); got != want {
					t.Errorf("item summary = %q, want %q", got, want)
				}
			})
		}
	}
}

func TestEmptyChannel(t *testing.T) {
	ch := Channel{
		Title:       "Empty",
		Description: "Nothing yet",
		Link:        "https://example.com/",
		FeedURL:     "https://example.com/feed.xml",
		Language:    "en",
	}
	for _, r := range renderers {
		t.Run(r.name, func(t *testing.T) {
			out, err := r.render(ch)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.HasPrefix(out, []byte(xml.Header)) {
				t.Errorf("missing XML declaration:\n%s", out)
			}
			f := parse(t, out)
			if f.Title != ch.Title || f.Link != ch.Link || f.FeedLink != ch.FeedURL {
				t.Errorf("parsed title/link/self = %q %q %q", f.Title, f.Link, f.FeedLink)
			}
			if len(f.Items) != 0 {
				t.Errorf("got %d items, want 0", len(f.Items))
			}
			switch r.name {
			case "rss":
				// No items means no date, and the wall clock must not leak in.
				if bytes.Contains(out, []byte("lastBuildDate")) {
					t.Errorf("lastBuildDate written for zero Updated:\n%s", out)
				}
			case "atom":
				if f.UpdatedParsed == nil || !f.UpdatedParsed.Equal(time.Unix(0, 0)) {
					t.Errorf("updated = %v, want the Unix epoch", f.UpdatedParsed)
				}
				if len(f.Authors) != 0 {
					t.Errorf("feed author %+v written without entries needing it", f.Authors)
				}
			}
		})
	}
	// Even a zero Channel must yield a well-formed document.
	for _, r := range renderers {
		out, err := r.render(Channel{})
		if err != nil {
			t.Fatalf("%s: %v", r.name, err)
		}
		if err := wellFormed(out); err != nil {
			t.Errorf("%s: zero channel not well-formed: %v\n%s", r.name, err, out)
		}
	}
}

func FuzzFeeds(f *testing.F) {
	f.Add("Title", "Summary", "<p>Content &amp; more</p>", "category")
	f.Add("</title>", "]]>", "<![CDATA[<script>alert(1)</script>]]>", `"'<>&`)
	f.Add("\x00\x01\x1f", "\xff\xfe\xfd", "\xed\xa0\x80", "\uFFFE\uFFFF")
	f.Add("emoji 👋🏽", "\t\n\r", "\r\n", "")
	f.Add("x", `"><svg onload=alert(1)>`, "", "&lt;b&gt;")
	f.Fuzz(func(t *testing.T, title, summary, content, category string) {
		ch := Channel{
			Title:       title,
			Description: summary,
			Link:        "https://example.com/",
			FeedURL:     "https://example.com/feed.xml",
			Language:    category,
			Items: []Item{{
				Title:      title,
				Link:       "https://example.com/" + title,
				ID:         content,
				Summary:    summary,
				Content:    content,
				Authors:    []string{title, category},
				Categories: []string{category},
				Enclosure:  &Enclosure{URL: content, Length: int64(len(content)), Type: category},
			}},
		}
		for _, r := range renderers {
			out, err := r.render(ch)
			if err != nil {
				t.Fatalf("%s: %v", r.name, err)
			}
			if err := wellFormed(out); err != nil {
				t.Fatalf("%s: not well-formed: %v\n%s", r.name, err, out)
			}
		}
		// Beyond well-formedness: text in element content and in attributes
		// survives unchanged apart from the stripped characters.
		out, _ := encoded(RSS)(ch)
		var rss struct {
			Title string `xml:"channel>item>title"`
		}
		if err := xml.Unmarshal(out, &rss); err != nil || rss.Title != clean(title) {
			t.Errorf("rss item title = %q (%v), want %q", rss.Title, err, clean(title))
		}
		// A reader renders the description as HTML: the writer's text
		// stays text.
		var desc struct {
			Channel string `xml:"channel>description"`
			Item    string `xml:"channel>item>description"`
		}
		if err := xml.Unmarshal(out, &desc); err != nil {
			t.Fatal(err)
		}
		asShown(t, "rss", desc.Channel)
		asShown(t, "rss", desc.Item)
		out, _ = encoded(Atom)(ch)
		var atom struct {
			Category struct {
				Term string `xml:"term,attr"`
			} `xml:"entry>category"`
		}
		if err := xml.Unmarshal(out, &atom); err != nil || atom.Category.Term != clean(category) {
			t.Errorf("atom category = %q (%v), want %q", atom.Category.Term, err, clean(category))
		}
	})
}

// asShown is a plain-text value of a feed of feedType as a reader shows it. RSS
// readers render a description as HTML, so there it is parsed as HTML,
// must hold no element, and its text is what the reader sees; Atom's
// summary is type="text" and shown as it is.
func asShown(t *testing.T, feedType, s string) string {
	t.Helper()
	if feedType != "rss" {
		return s
	}
	body := &html.Node{Type: html.ElementNode, DataAtom: atom.Body, Data: "body"}
	nodes, err := html.ParseFragment(strings.NewReader(s), body)
	if err != nil {
		t.Fatalf("description %q: %v", s, err)
	}
	var text strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.ElementNode:
			t.Errorf("a reader renders the description %q with an element <%s>", s, n.Data)
		case html.TextNode:
			text.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	for _, n := range nodes {
		walk(n)
	}
	return text.String()
}

// wellFormed reads every token with a strict decoder, which rejects illegal
// characters, bad escapes and mismatched tags.
func wellFormed(doc []byte) error {
	d := xml.NewDecoder(bytes.NewReader(doc))
	d.Strict = true
	for {
		_, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// parse proves well-formedness and parses doc the way feed readers would.
func parse(t *testing.T, doc []byte) *gofeed.Feed {
	t.Helper()
	if err := wellFormed(doc); err != nil {
		t.Fatalf("not well-formed: %v\n%s", err, doc)
	}
	f, err := gofeed.NewParser().ParseString(string(doc))
	if err != nil {
		t.Fatalf("gofeed: %v\n%s", err, doc)
	}
	return f
}

func TestContent(t *testing.T) {
	const page = "https://hub.example.org/stories/a/"
	for _, tc := range []struct {
		name, in, link, want string
	}{
		{"no links", "<p>text</p>", page, "<p>text</p>"},
		{"heading anchor dropped",
			`<h2 id="why">Why<a href="#why" class="anchor">#</a></h2>`, page,
			`<h2 id="why">Why</h2>`},
		{"anchor with more attributes",
			`<h2 id="x">X<a href="#x" class="anchor" aria-label="Link to this section">#</a></h2><p>after</p>`, page,
			`<h2 id="x">X</h2><p>after</p>`},
		{"footnote and back-link point into the page",
			`<sup id="fnref:1"><a href="#fn:1" class="footnote-ref" role="doc-noteref">1</a></sup><a href="#fnref:1" class="footnote-backref">↩</a>`, page,
			`<sup id="fnref:1"><a href="` + page + `#fn:1" class="footnote-ref" role="doc-noteref">1</a></sup><a href="` + page + `#fnref:1" class="footnote-backref">↩</a>`},
		{"a link with its own fragment is left",
			`<a href="https://example.org/#top">t</a>`, page, `<a href="https://example.org/#top">t</a>`},
		{"escaped text is not a tag",
			`<code>&lt;a href="#x" class="anchor"&gt;</code>`, page, `<code>&lt;a href="#x" class="anchor"&gt;</code>`},
		{"a link with a fragment of its own is cut to the page",
			`<a href="#x">x</a>`, page + "#top", `<a href="` + page + `#x">x</a>`},
		{"no link to point to", `<a href="#x">x</a>`, "", `<a href="#x">x</a>`},
		{"unfinished tag", `<a href="#x"`, page, `<a href="#x"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := content(tc.in, tc.link); got != tc.want {
				t.Errorf("content(%q)\n got %s\nwant %s", tc.in, got, tc.want)
			}
		})
	}
}
