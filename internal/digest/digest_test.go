package digest_test

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html"

	"github.com/storyhub/storyhub/internal/build"
	"github.com/storyhub/storyhub/internal/digest"
	"github.com/storyhub/storyhub/internal/sitetest"
)

const base = "https://hub.example.org/news/"

// hub writes a site of stories (n in May 2024, one a day, the newest
// with a photo), a deck, a guide, talking points reviewed in May and an
// event to come.
func hub(t *testing.T, n int) string {
	t.Helper()
	files := map[string]string{
		"site.toml":                     "title = \"Test Hub\"\nbase_url = \"" + base + "\"\n",
		"content/decks/may-deck.md":     "---\ntitle: May deck\nsummary: A deck.\ndate: 2024-05-10\nspeakers: [Bo Speaker]\nlicense: CC-BY-4.0\nvideo_url: https://www.youtube.com/watch?v=example\n---\n",
		"content/guides/may-guide.md":   "---\ntitle: May guide\nsummary: A guide.\ndate: 2024-05-02\n---\n## Step\n",
		"content/talking-points/web.md": "---\ntitle: Web points\nsummary: Points.\ndate: 2023-01-05\nlast_reviewed: 2024-05-25\ncommunity: web\n---\n## A point\n",
		"content/events/sprint.md":      "---\ntitle: Sprint\nsummary: A sprint to come.\nstart: 2030-06-01\ncity: Lisbon\ncountry: PT\n---\n",
		"content/stories/june.md":       "---\ntitle: June story\nsummary: Not in May.\ndate: 2024-06-02\nauthors: [Ada Writer]\n---\n",
	}
	summary := strings.Repeat("A long summary of what happened & why it matters to the community. ", 4)
	for i := range n {
		name := fmt.Sprintf("content/stories/story-%04d.md", i)
		front := fmt.Sprintf("title: Story %04d\nsummary: %q\ndate: %s\nauthors: [Ada Writer]\n", i, summary, time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(i)*time.Hour).Format(time.RFC3339))
		if i == n-1 {
			name = fmt.Sprintf("content/stories/story-%04d/index.md", i)
			front += "image: photo.png\nimage_alt: A photo of the newest story\n"
			files[fmt.Sprintf("content/stories/story-%04d/photo.png", i)] = pngOf(t, 800, 400)
		}
		files[name] = "---\n" + front + "---\nBody.\n"
	}
	return sitetest.WriteFiles(t, files)
}

func pngOf(t *testing.T, w, h int) string {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for x := range w {
		img.Set(x, x%h, color.RGBA{200, 40, 40, 255})
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// issue writes the digest of May 2024 of the site at dir.
func issue(t *testing.T, dir string, f digest.Format) []byte {
	t.Helper()
	m, err := build.Load(context.Background(), build.Config{SiteDir: dir, CheckOnly: true}, os.DirFS(dir), nil)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	since := time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)
	if err := digest.Write(&b, m.Site, m.Site.Issue(since, since.AddDate(0, 1, 0)), f); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// mail is what a mail client sees of an issue's HTML.
type mail struct {
	links  []string // every href and src, in order
	styles int      // <style> elements
	more   []string // the text of each "and N more" link, and its href
	imgs   []*html.Node
	text   string
}

func read(t *testing.T, data []byte) mail {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	var m mail
	var text strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch {
		case n.Type == html.TextNode:
			text.WriteString(n.Data)
		case n.Type == html.ElementNode && n.Data == "style":
			m.styles++
		case n.Type == html.ElementNode && n.Data == "img":
			m.imgs = append(m.imgs, n)
		}
		for _, a := range n.Attr {
			if a.Key == "href" || a.Key == "src" {
				m.links = append(m.links, a.Val)
			}
			if a.Key == "href" && n.FirstChild != nil && strings.HasPrefix(n.FirstChild.Data, "and ") {
				m.more = append(m.more, n.FirstChild.Data+" "+a.Val)
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	m.text = text.String()
	return m
}

// checkMail checks what every issue must be: under the size mail
// clients clip at, no <style>, every link and picture absolute, every
// picture with its width and alt.
func checkMail(t *testing.T, data []byte) mail {
	t.Helper()
	if len(data) >= digest.MaxHTML {
		t.Errorf("the issue is %d bytes, want under %d", len(data), digest.MaxHTML)
	}
	m := read(t, data)
	if m.styles > 0 {
		t.Errorf("%d <style> elements left", m.styles)
	}
	if bytes.Contains(data, []byte("class=")) {
		t.Errorf("classes left, which nothing styles once the stylesheet is inlined")
	}
	for _, l := range m.links {
		u, err := url.Parse(l)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			t.Errorf("link %q is not an absolute http(s) URL", l)
		}
	}
	for _, img := range m.imgs {
		w, ok := attr(img, "width")
		if n, err := strconv.Atoi(w); !ok || err != nil || n <= 0 {
			t.Errorf("img %v: width %q", img.Attr, w)
		}
		if _, ok := attr(img, "alt"); !ok {
			t.Errorf("img %v has no alt", img.Attr)
		}
	}
	return m
}

func attr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

func TestIssueHTML(t *testing.T) {
	data := issue(t, hub(t, 3), digest.HTML)
	m := checkMail(t, data)
	if len(m.more) > 0 {
		t.Errorf("a small issue leaves out entries: %q", m.more)
	}
	for _, want := range []string{"Story 0002", "Story 0000", "May deck", "May guide", "Web points", "Sprint", "A sprint to come.", "1 June 2030 · Lisbon, Portugal"} {
		if !strings.Contains(m.text, want) {
			t.Errorf("the issue does not mention %q", want)
		}
	}
	if strings.Contains(m.text, "June story") {
		t.Errorf("the issue of May mentions a story of June")
	}
	if len(m.imgs) != 1 {
		t.Fatalf("%d pictures, want the newest story's", len(m.imgs))
	}
	if src, _ := attr(m.imgs[0], "src"); src != base+"stories/story-0002/photo-480w.png" {
		t.Errorf("picture %q, want its copy 480 px wide", src)
	}
	if alt, _ := attr(m.imgs[0], "alt"); alt != "A photo of the newest story" {
		t.Errorf("alt %q", alt)
	}
}

// TestIssueTooLarge: an issue of more entries than fit in MaxHTML
// leaves out the oldest, and says how many it left out with a link to
// where they are; the text part leaves out the same.
func TestIssueTooLarge(t *testing.T) {
	const n = 600
	dir := hub(t, n)
	data := issue(t, dir, digest.HTML)
	m := checkMail(t, data)
	if len(data) < digest.MaxHTML*9/10 {
		t.Errorf("the issue is %d bytes: it leaves out more than it needs to", len(data))
	}
	// The stories reach back to 1 May: the deck and the guide, older
	// than the oldest kept, are left out too.
	var more int
	var links []string
	for _, line := range m.more {
		var k int
		var link string
		if _, err := fmt.Sscanf(line, "and %d more %s", &k, &link); err != nil {
			t.Fatalf("%q: %v", line, err)
		}
		links = append(links, link)
		if link == base+"stories/" {
			more = k
		}
	}
	if want := []string{base + "stories/", base + "decks/", base + "guides/"}; !slices.Equal(links, want) {
		t.Errorf("\"and N more\" links to %q, want %q", links, want)
	}
	shown := regexp.MustCompile(`Story \d{4}`).FindAllString(m.text, -1)
	if len(shown)+more != n {
		t.Errorf("%d stories shown and %d more, want %d in all", len(shown), more, n)
	}
	// The newest are kept, in order.
	for i, s := range shown {
		if want := fmt.Sprintf("Story %04d", n-1-i); s != want {
			t.Fatalf("story %d is %s, want %s", i, s, want)
		}
	}
	if !strings.Contains(m.text, "Web points") {
		t.Errorf("the talking points reviewed on 25 May, newer than every story, are left out")
	}
	if !strings.Contains(m.text, "Sprint") {
		t.Errorf("the event to come is left out; entries go first")
	}
	text := string(issue(t, dir, digest.Text))
	if got := regexp.MustCompile(`Story \d{4}`).FindAllString(text, -1); !slices.Equal(got, shown) {
		t.Errorf("the text part shows %d stories, the HTML %d", len(got), len(shown))
	}
	if !strings.Contains(text, fmt.Sprintf("and %d more: %sstories/", more, base)) {
		t.Errorf("the text part does not say \"and %d more\"", more)
	}
}

// TestArchiveIsTheDigest: the page of a month on the built site links
// the entries the digest of that month does, at the built pages'
// addresses; the feed of the archive, read by a feed parser and by
// encoding/xml strictly, has an item for each month.
func TestArchiveIsTheDigest(t *testing.T) {
	dir := hub(t, 5)
	out := filepath.Join(t.TempDir(), "public")
	if _, err := build.Build(context.Background(), build.Config{SiteDir: dir, OutDir: out}); err != nil {
		t.Fatal(err)
	}
	m := checkMail(t, issue(t, dir, digest.HTML))
	var mailed []string
	for _, l := range m.links {
		p := strings.TrimPrefix(l, base)
		if p == l {
			t.Errorf("link %q is not under the base URL", l)
			continue
		}
		f := filepath.Join(out, filepath.FromSlash(p))
		if strings.HasSuffix(p, "/") {
			f = filepath.Join(f, "index.html")
		}
		if _, err := os.Stat(f); err != nil {
			t.Errorf("link %q: the built site has no such file", l)
		}
		if strings.Count(p, "/") == 2 && !strings.HasPrefix(p, "newsletter/") && !strings.HasSuffix(p, ".png") {
			mailed = append(mailed, "/news/"+p)
		}
	}
	page, err := os.ReadFile(filepath.Join(out, "newsletter", "2024-05", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	var listed []string
	for _, href := range regexp.MustCompile(`<h3[^>]*><a href="?([^" >]+)`).FindAllSubmatch(page, -1) {
		listed = append(listed, string(href[1]))
	}
	for _, e := range regexp.MustCompile(`<li><a href="?(/news/events/[^" >]+)`).FindAllSubmatch(page, -1) {
		listed = append(listed, string(e[1]))
	}
	slices.Sort(mailed)
	slices.Sort(listed)
	mailed, listed = slices.Compact(mailed), slices.Compact(listed)
	if len(listed) == 0 || !slices.Equal(mailed, listed) {
		t.Errorf("the digest of May links\n%q\nthe archive's page of May\n%q", mailed, listed)
	}

	data, err := os.ReadFile(filepath.Join(out, "newsletter", "feed.xml"))
	if err != nil {
		t.Fatal(err)
	}
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	for {
		_, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("the feed is not well-formed XML: %v", err)
		}
	}
	f, err := gofeed.NewParser().Parse(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	var items []string
	for _, it := range f.Items {
		items = append(items, it.Title+" "+it.Link)
		if it.PublishedParsed == nil {
			t.Errorf("item %q has no date", it.Title)
		}
	}
	want := []string{
		"Newsletter: June 2024 " + base + "newsletter/2024-06/",
		// The talking points of 2023 were reviewed in May 2024.
		"Newsletter: May 2024 " + base + "newsletter/2024-05/",
	}
	if !slices.Equal(items, want) {
		t.Errorf("feed items\n%q\nwant\n%q", items, want)
	}
}
