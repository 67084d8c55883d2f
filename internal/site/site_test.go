package site

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/storyhub/storyhub/internal/content"
	"github.com/storyhub/storyhub/internal/markdown"
)

var now = time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)

// doc parses one file of a test site; path decides kind and bundle.
func doc(t *testing.T, path, src string) *content.Doc {
	t.Helper()
	parts := strings.Split(path, "/")
	kinds := content.DefaultKinds()
	kind, ok := kinds.OfSection(parts[1])
	if !ok {
		t.Fatalf("bad test path %s", path)
	}
	d, errs := content.Parse(path, kinds, kind, []byte(src))
	if d == nil || len(errs) > 0 {
		t.Fatalf("%s: %v", path, errs)
	}
	d.Name = strings.TrimSuffix(parts[2], ".md")
	d.Bundle = len(parts) == 4
	return d
}

func story(date, extra, body string) string {
	return "---\ntitle: T " + date + "\nsummary: s\ndate: " + date + "\nauthors: [Ada]\n" + extra + "---\n" + body
}

func newSite(t *testing.T, cfg Config, opts Options, docs ...*content.Doc) (*Site, []string) {
	t.Helper()
	s, errs := New(cfg, docs, opts, markdown.New(nil), nil)
	var msgs []string
	for _, e := range errs {
		if e.Severity != content.SeverityError {
			msgs = append(msgs, e.Severity.String()+": "+e.Error())
			continue
		}
		msgs = append(msgs, e.Error())
	}
	return s, msgs
}

func TestPublishing(t *testing.T) {
	docs := []*content.Doc{
		doc(t, "content/stories/old.md", story("2026-01-01", "", "")),
		doc(t, "content/stories/new.md", story("2026-05-01", "", "")),
		doc(t, "content/stories/draft.md", story("2026-02-01", "draft: true\n", "")),
		doc(t, "content/stories/future.md", story("2026-07-01", "", "")),
		doc(t, "content/stories/expired.md", story("2026-01-01", "expiry_date: 2026-03-01\n", "")),
	}
	tests := []struct {
		opts Options
		want string
	}{
		{Options{Now: now}, "[/stories/new/ /stories/old/]"},
		{Options{Now: now, Drafts: true}, "[/stories/new/ /stories/draft/ /stories/old/]"},
		{Options{Now: now, Future: true}, "[/stories/future/ /stories/new/ /stories/old/]"},
	}
	for _, tt := range tests {
		s, errs := newSite(t, DefaultConfig(), tt.opts, docs...)
		want := []string{
			"note: content/stories/expired.md:6:14: expired: left the site on 1 March 2026 (remove expiry_date, or set a later one, to publish it again)",
			"note: content/stories/future.md:4:7: scheduled: appears on the site on 1 July 2026 (storyhub build --future shows it now)",
		}
		if !slices.Equal(errs, want) {
			t.Fatalf("problems %q, want only %q", errs, want)
		}
		var urls []string
		for _, p := range s.Pages {
			urls = append(urls, p.URL)
		}
		if got := fmt.Sprint(urls); got != tt.want {
			t.Errorf("%+v: pages %s, want %s", tt.opts, got, tt.want)
		}
	}
}

func TestCrossDocumentProblems(t *testing.T) {
	cfg := DefaultConfig()
	cfg.Communities = map[string]CommunityConfig{"education": {Name: "Education"}}
	docs := []*content.Doc{
		doc(t, "content/stories/c.md", story("2026-01-03", "community: educaton\n", "See [x](../decks/none.md)\nand [y](d.md) and ![z](pic.png).\n")),
		doc(t, "content/stories/d.md", story("2026-01-04", "draft: true\naliases: [/stories/c/]\n", "")),
		doc(t, "content/stories/e/index.md", story("2026-01-05", "", "[ok](../c.md) [gone](missing.pdf)\n")),
		doc(t, "content/stories/f.md", story("2026-01-06", "community: Education\n", "")),
		doc(t, "content/stories/g.md", story("2026-01-07", "community: adult-education\n", "")),
	}
	_, errs := newSite(t, cfg, Options{Now: now}, docs...)
	want := []string{
		`content/stories/c.md:6:12: community "educaton" is not listed in site.toml (did you mean "education"?)`,
		`content/stories/c.md:8:5: link to ../decks/none.md: no such content file (link to the .md file of another entry, relative to this file, like ../decks/intro.md)`,
		`content/stories/c.md:9:5: link to d.md: content/stories/d.md is a draft, so the page is not on the site (remove the link until it is published; storyhub build --drafts shows both)`,
		`content/stories/c.md:9:19: link to pic.png: relative links must name a .md file (link another entry by its .md file, like ../decks/intro.md; put images in a bundle (NAME/index.md))`,
		`content/stories/e/index.md:7:15: link to missing.pdf: no such file in this bundle (put the file beside index.md, or link another entry by its .md file)`,
		`content/stories/f.md:6:12: community "Education" is not listed in site.toml (did you mean "education"?)`,
		`content/stories/g.md:6:12: community "adult-education" is not listed in site.toml (did you mean "education"?)`,
	}
	if strings.Join(errs, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(errs, "\n"), strings.Join(want, "\n"))
	}
}

// TestLinkToExpiredEntry: a link to an entry that has left the site says
// when, and which file's expiry_date to change.
func TestLinkToExpiredEntry(t *testing.T) {
	docs := []*content.Doc{
		doc(t, "content/stories/c.md", story("2026-01-03", "", "See [old](old.md).\n")),
		doc(t, "content/stories/old.md", story("2025-01-01", "expiry_date: 2025-06-01\n", "")),
	}
	_, errs := newSite(t, DefaultConfig(), Options{Now: now}, docs...)
	want := `content/stories/c.md:7:5: link to old.md: content/stories/old.md expired on 1 June 2025, so the page is not on the site (remove the link, or the expiry_date of content/stories/old.md)`
	if !slices.Contains(errs, want) {
		t.Errorf("problems:\n%s\nwant among them:\n%s", strings.Join(errs, "\n"), want)
	}
}

func TestModel(t *testing.T) {
	docs := []*content.Doc{
		doc(t, "content/stories/a.md", story("2026-01-01", "tags: [Python, web]\ncommunity: web\n", "[deck](../decks/d/index.md)")),
		doc(t, "content/stories/b.md", story("2026-01-02", "tags: [python]\ncommunity: web\nfeatured: true\n", "")),
		doc(t, "content/stories/c.md", story("2026-01-03", "tags: [data]\n", "")),
		doc(t, "content/decks/d/index.md", "---\ntitle: D\nsummary: s\ndate: 2026-01-01\nspeakers: [Bo]\nfiles: [/d.pdf]\nlicense: CC-BY-4.0\naudience: web\n---\n"),
		doc(t, "content/guides/g2.md", "---\ntitle: Second\nsummary: s\ndate: 2026-01-01\nweight: 2\n---\n"),
		doc(t, "content/guides/g1.md", "---\ntitle: First\nsummary: s\ndate: 2026-01-09\nweight: 1\n---\n"),
	}
	s, errs := newSite(t, DefaultConfig(), Options{Now: now}, docs...)
	if want := `warning: content/stories/a.md:6:7: tag "Python" is written "python" in content/stories/b.md (write "python" so readers find one tag, not two spellings)`; len(errs) != 1 || errs[0] != want {
		t.Fatalf("problems %q, want only %q", errs, want)
	}
	urls := func(ps []*Page) string {
		var out []string
		for _, p := range ps {
			if p == nil {
				out = append(out, "nil")
				continue
			}
			out = append(out, p.URL)
		}
		return strings.Join(out, " ")
	}
	b := docPage(s, "/stories/b/")
	checks := []struct{ name, got, want string }{
		{"stories newest first", urls(s.Sections[content.Story].Pages), "/stories/c/ /stories/b/ /stories/a/"},
		{"guides by weight", urls(s.Sections[content.Guide].Pages), "/guides/g1/ /guides/g2/"},
		{"tag python merges cases", fmt.Sprint(len(s.Tags), " ", s.Tags[1].Slug, " ", urls(s.Tags[1].Pages)), "3 python /stories/b/ /stories/a/"},
		{"community kit", fmt.Sprint(s.Communities[0].Name, " ", urls(s.Communities[0].Stories), " ", urls(s.Communities[0].Decks)), "Web /stories/b/ /stories/a/ /decks/d/"},
		{"story prev is older", urls([]*Page{b.Prev, b.Next}), "/stories/a/ /stories/c/"},
		{"featured", urls(s.Featured), "/stories/b/"},
		{"related by tags and community", urls(docPage(s, "/stories/a/").Related), "/stories/b/"},
		{"guide neighbours", urls([]*Page{docPage(s, "/guides/g1/").Next}), "/guides/g2/"},
		{"link to a deck", docPage(s, "/stories/a/").HTML(), "<p><a href=\"/decks/d/\">deck</a></p>\n"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s: got %q, want %q", c.name, c.got, c.want)
		}
	}
}

func docPage(s *Site, url string) *Page {
	for _, p := range s.Pages {
		if p.URL == url {
			return p
		}
	}
	return nil
}

func TestParseConfig(t *testing.T) {
	tests := []struct {
		src  string
		want string
	}{
		{"title = \"Hub\"\n[communities.web]\nname = \"Web\"\n", ""},
		{"tittle = \"Hub\"\n", `site.toml:1:1: unknown key "tittle" (did you mean "title"?)`},
		{"colour = \"red\"\n", `site.toml:1:1: unknown key "colour" (allowed here: title, description, base_url, language, theme, page_size, feed_limit, feed_full_content, max_file_mb, max_download_mb, share_url, repository, communities, card_font)`},
		{"title = \"Çà—\"\n  baseURL = \"https://x.example/\"\n", `site.toml:2:3: unknown key "baseURL" (did you mean "base_url"?)`},
		{"base-url = \"https://x.example/\"\nBaseURL = \"https://x.example/\"\n", "site.toml:1:1: unknown key \"base-url\" (did you mean \"base_url\"?)\nsite.toml:2:1: unknown key \"BaseURL\" (did you mean \"base_url\"?)"},
		{"base_url = \"ftp://x\"\n", `site.toml:1:12: base_url "ftp://x" is not an http(s) URL (write it like https://stories.example.org/)`},
		{"page_size = 0\n", `site.toml:1:13: page_size must be at least 1`},
		{"[communities.Web]\nname = \"Web\"\n", `site.toml:1:14: community "Web" is not a slug (try "web")`},
		{"title = \"T\"\n\n[communities.\"Data Science\"]\nname = \"DS\"\n", `site.toml:3:14: community "Data Science" is not a slug (try "data-science")`},
		{"[communities]\nweb = { description = \"D\" }\n", `site.toml:2:1: community "web" has no name (add name = "...")`},
		{"[communities.web]\nnmae = \"Web\"\n", "site.toml:2:1: unknown key \"communities.web.nmae\" (did you mean \"name\"?)\nsite.toml:1:14: community \"web\" has no name (add name = \"...\")"},
		{"baseURL = \"https://x.example/\"\npage_size = 0\n", "site.toml:1:1: unknown key \"baseURL\" (did you mean \"base_url\"?)\nsite.toml:2:13: page_size must be at least 1"},
		{"[communities.web]\nname = \"Web\"\ncolour = \"red\"\n", `site.toml:3:1: unknown key "communities.web.colour" (allowed here: name, description)`},
		{"title = \n", `site.toml:1:9: unexpected character U+000A at start of value (see README.md for the keys and their types)`},
		{"max_file_mb = 2.5\nmax_download_mb = 500\n", ""},
		{"card_font = \"static/fonts/Noto Sans.ttf\"\n", ""},
		{"card_font = \"static/fonts/X.woff2\"\n", `site.toml:1:13: card_font "static/fonts/X.woff2" is not a .ttf or .otf file in the site (write the font's path from the site folder, like static/fonts/NotoSans-Bold.ttf)`},
		{"card_font = \"../fonts/X.ttf\"\n", `site.toml:1:13: card_font "../fonts/X.ttf" is not a .ttf or .otf file in the site (write the font's path from the site folder, like static/fonts/NotoSans-Bold.ttf)`},
		{"title = \"Hub\"\nmax_file_mb = 0\n", `site.toml:2:15: max_file_mb must be more than 0 and at most 1000 (a size in megabytes, like 10 or 0.5)`},
		{"max_file_mb = -1\nmax_download_mb = 1e9\n", "site.toml:1:15: max_file_mb must be more than 0 and at most 1000 (a size in megabytes, like 10 or 0.5)\n" +
			"site.toml:2:19: max_download_mb must be more than 0 and at most 100000 (a size in megabytes, like 10 or 0.5)"},
		{"max_file_mb = nan\n", `site.toml:1:15: max_file_mb must be more than 0 and at most 1000 (a size in megabytes, like 10 or 0.5)`},
		{"title = \"Ça\"; page_size = 1\n", `site.toml:1:13: expected newline but got U+003B ';' (see README.md for the keys and their types)`},
		{"title = \"Ça\"\n[communities.web]\nname = 3\n", `site.toml:3:8: cannot decode TOML integer into struct field site.CommunityConfig.Name of type string (see README.md for the keys and their types)`},
		{"share_url = \"https://forms.example.org/story\"\nrepository = \"https://github.com/o/r\"\n", ""},
		{"share_url = \"mailto:x@example.org\"\n", `site.toml:1:13: share_url "mailto:x@example.org" is not an http(s) URL (write a full address starting with https://)`},
		{"repository = \"https://me@github.com/o/r\"\n", `site.toml:1:14: repository "https://me@github.com/o/r" has a user name or password before @, so it reads as one host and leads to github.com (remove everything between // and @)`},
		{"repository = \"https://gitlab.com/o/r\"\n", `site.toml:1:14: repository "https://gitlab.com/o/r" is not a GitHub repository's address (write it like https://github.com/OWNER/REPO, or set share_url to the page where stories are shared)`},
		{"max_file_mb = \"10\"\n", `site.toml:1:15: cannot decode TOML string into struct field site.Config.MaxFileMB of type float64 (see README.md for the keys and their types)`},
	}
	for _, tt := range tests {
		cfg, errs := ParseConfig([]byte(tt.src))
		// A limit that is not right is the default meanwhile.
		limits := content.DefaultLimits()
		if tt.src == "max_file_mb = 2.5\nmax_download_mb = 500\n" {
			limits = content.Limits{File: 2_500_000, Download: 500_000_000}
		}
		if cfg.Limits() != limits {
			t.Errorf("%q: limits %+v, want %+v", tt.src, cfg.Limits(), limits)
		}
		var got []string
		for _, e := range errs {
			got = append(got, e.Error())
		}
		if strings.Join(got, "\n") != tt.want {
			t.Errorf("%q:\n got %s\nwant %s", tt.src, strings.Join(got, "\n"), tt.want)
		}
	}
}

func TestTagsNeedASCII(t *testing.T) {
	d := doc(t, "content/stories/a.md", story("2026-01-01", "tags: [日本語, C++, C]\n", ""))
	s, errs := newSite(t, DefaultConfig(), Options{Now: now}, d)
	want := `content/stories/a.md:6:7: tag "日本語" has no ASCII letters or digits to make its URL from (write the tag with latin letters, like a transliteration)`
	if strings.Join(errs, "\n") != want {
		t.Errorf("problems %q, want %q", errs, want)
	}
	if len(s.Tags) != 2 || s.Tags[0].Slug != "c" || s.Tags[1].Slug != "c-plus-plus" {
		t.Errorf("tags %+v, want c and c-plus-plus", s.Tags)
	}
}

func TestAnchors(t *testing.T) {
	docs := []*content.Doc{
		doc(t, "content/stories/a.md", story("2026-01-01", "", "## Setup\n\n[ok](#setup) [bad](#nope) [other](b.md#intro) [other-bad](b.md#outro) [note](#fn:1)\n")),
		doc(t, "content/stories/b.md", story("2026-01-02", "", "## Intro\n")),
	}
	_, errs := newSite(t, DefaultConfig(), Options{Now: now}, docs...)
	want := []string{
		`warning: content/stories/a.md:9:14: link to #nope: content/stories/a.md has no such heading (headings there: #setup)`,
		`warning: content/stories/a.md:9:47: link to #outro: content/stories/b.md has no such heading (headings there: #intro)`,
	}
	if strings.Join(errs, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(errs, "\n"), strings.Join(want, "\n"))
	}
}

// TestRelativeLinkHints: a broken relative link is told the file most
// likely meant, written relative to the linking file, never the link
// typed; a name that differs only in Unicode normalization resolves.
func TestRelativeLinkHints(t *testing.T) {
	nfc, nfd := "caf\u00e9", "cafe\u0301"
	bundle := doc(t, "content/stories/b/index.md", story("2026-01-02", "", ""))
	bundle.Resources = []string{"diagram.png", "img/" + nfd + ".png", "slides.pdf"}
	s, errs := newSite(t, DefaultConfig(), Options{Now: now},
		doc(t, "content/stories/a.md", story("2026-01-01", "", "")),
		bundle,
		doc(t, "content/stories/other.md", story("2026-01-03", "", "")),
		doc(t, "content/stories/"+nfd+".md", story("2026-01-04", "", "")),
		doc(t, "content/decks/intro/index.md", "---\ntitle: D\nsummary: s\ndate: 2026-01-01\nspeakers: [Bo]\nfiles: [/d.pdf]\nlicense: CC-BY-4.0\n---\n"),
		doc(t, "content/decks/single.md", "---\ntitle: D\nsummary: s\ndate: 2026-01-01\nspeakers: [Bo]\nfiles: [/d.pdf]\nlicense: CC-BY-4.0\n---\n"),
	)
	if len(errs) > 0 {
		t.Fatalf("problems %q", errs)
	}
	tests := []struct {
		from, dest string
		url, hint  string // url "" when broken
	}{
		{"content/stories/a.md", "../decks/intro.md", "", "did you mean ../decks/intro/index.md?"},
		{"content/stories/a.md", "../decks/single/index.md", "", "did you mean ../decks/single.md?"},
		{"content/stories/a.md", "../story/other.md", "", "did you mean other.md?"},
		{"content/decks/single.md", "../story/other.md", "", "did you mean ../stories/other.md?"},
		{"content/stories/b/index.md", "../Other.md", "", "did you mean ../other.md?"},
		{"content/stories/b/index.md", "../othr.md", "", "did you mean ../other.md?"},
		{"content/stories/a.md", "../stories/nope.md", "", "link to the .md file of another entry, relative to this file, like ../decks/intro.md"},
		{"content/stories/a.md", "../decks/nothing-like-it.md", "", "link to the .md file of another entry, relative to this file, like ../decks/intro.md"},
		{"content/stories/a.md", "../decks/intro/", "", "did you mean ../decks/intro/index.md?"},
		{"content/stories/b/index.md", "diagram.PNG", "", "did you mean diagram.png?"},
		{"content/stories/b/index.md", "slide.pdf", "", "did you mean slides.pdf?"},
		{"content/stories/b/index.md", "../other", "", "did you mean ../other.md?"},
		{"content/stories/b/index.md", "./diagram.png", "/stories/b/diagram.png", ""},
		{"content/stories/b/index.md", "img/" + nfc + ".png", "/stories/b/img/" + nfd + ".png", ""},
		{"content/stories/a.md", nfc + ".md", "/stories/" + nfd + "/", ""}, // the test site has no slugs made from names
	}
	for _, tt := range tests {
		u, problem, hint := s.resolver(s.published[tt.from], "/")(tt.dest)
		if u != tt.url || (tt.url == "") != (problem != "") || hint != tt.hint {
			t.Errorf("%s: link %s = %q, %q, %q; want %q, hint %q", tt.from, tt.dest, u, problem, hint, tt.url, tt.hint)
		}
	}
}

func TestBodyColumnsCountCharacters(t *testing.T) {
	d := doc(t, "content/stories/a.md", story("2026-01-01", "", "## Setup\n\nÇa va, à — voir [x](#nope)\n"))
	_, errs := newSite(t, DefaultConfig(), Options{Now: now}, d)
	// Ç, à and — are 2, 2 and 3 bytes: the bracket is the 21st byte.
	want := `warning: content/stories/a.md:9:17: link to #nope: content/stories/a.md has no such heading (headings there: #setup)`
	if strings.Join(errs, "\n") != want {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(errs, "\n"), want)
	}
}

// FuzzConfigPositions checks that every problem in site.toml is inside
// the file: on one of its lines, at most one column past its last
// character.
func FuzzConfigPositions(f *testing.F) {
	f.Add("title = \"Çà—\"\n  baseURL = \"https://x.example/\"\n")
	f.Add("[communities.\"Data Science\"]\nnmae = \"DS\"\n[communities.web]\n")
	f.Add("page_size = \"20\"\nmax_file_mb = -1\ntheme = '../x'\n")
	f.Add("\ufefftitle = \n")
	f.Fuzz(func(t *testing.T, src string) {
		if !utf8.ValidString(src) {
			return
		}
		_, errs := ParseConfig([]byte(src))
		lines := strings.Split(strings.TrimPrefix(src, "\ufeff"), "\n")
		for _, e := range errs {
			p := e.Pos
			if p.File != ConfigFile || p.Line < 1 || p.Line > len(lines) || p.Col < 0 || p.Col > utf8.RuneCountInString(lines[p.Line-1])+1 {
				t.Fatalf("problem outside the file: %v (file: %q)", e, src)
			}
		}
	})
}

func TestConfigShare(t *testing.T) {
	for _, tt := range []struct {
		share, repo, want string
	}{
		{"", "", ""},
		{"https://forms.example.org/story", "https://github.com/o/r", "https://forms.example.org/story"},
		{"", "https://github.com/o/r", "https://github.com/o/r/issues/new?template=story.yml"},
		{"", "https://github.com/o/r/", "https://github.com/o/r/issues/new?template=story.yml"},
		{"", "https://github.com/o/r.git", "https://github.com/o/r/issues/new?template=story.yml"},
		{"", "https://github.com/o", ""},
		{"", "https://github.com/o/r/tree/main", ""},
		{"", "http://github.com/o/r", ""},
	} {
		c := Config{ShareURL: tt.share, Repository: tt.repo}
		if got := c.Share(); got != tt.want {
			t.Errorf("share_url %q, repository %q: Share() = %q, want %q", tt.share, tt.repo, got, tt.want)
		}
	}
}

// TestDescribedEntries: an entry of a kind that describes an index's
// keys is no page of any section or list, but it is published at its
// key's URL, its body is rendered, and other entries link to it there.
func TestDescribedEntries(t *testing.T) {
	kinds := content.DefaultKinds()
	parse := func(path, src string) *content.Doc {
		kind, _ := kinds.OfSection(strings.Split(path, "/")[1])
		d, errs := content.Parse(path, kinds, kind, []byte(src))
		if len(errs) > 0 {
			t.Fatalf("%s: %v", path, errs)
		}
		d.Name = strings.TrimSuffix(path[strings.LastIndexByte(path, '/')+1:], ".md")
		return d
	}
	s, msgs := newSite(t, Config{Title: "Hub", BaseURL: "https://hub.example.org/"}, Options{Now: now, Kinds: kinds},
		parse("content/people/ada.md", "---\nname: Ada\n---\nShe wrote *the* first program.\n"),
		parse("content/stories/a.md", story("2026-01-01", "", "About [Ada](../people/ada.md).")))
	if len(msgs) > 0 {
		t.Fatalf("problems: %v", msgs)
	}
	if len(s.Pages) != 1 || len(s.Sections) != 5 {
		t.Fatalf("%d pages and %d sections, want 1 and the 5 of the hub with pages of their own", len(s.Pages), len(s.Sections))
	}
	if len(s.Described) != 1 || s.Described[0].URL != "/people/ada/" || !strings.Contains(s.Described[0].HTML(), "<em>the</em>") {
		t.Fatalf("described %+v", s.Described)
	}
	if !strings.Contains(s.Pages[0].HTML(), `href="/people/ada/"`) {
		t.Errorf("the story links %s", s.Pages[0].HTML())
	}
}

// TestHTMLHeldCompressed: a page's body comes back as it was rendered,
// empty or long, and is held in less room than it takes.
func TestHTMLHeldCompressed(t *testing.T) {
	long := strings.Repeat("<p>A paragraph of a story, with <a href=\"/stories/b/\">a link</a>.</p>\n", 200)
	for _, h := range []string{"", "<p>x</p>\n", long, "<p>café ✓ 日本語</p>\n"} {
		var p Page
		p.html = compressHTML(h)
		if got := p.HTML(); got != h {
			t.Errorf("held %q, got back %q", h, got)
		}
		if p.HTMLLen() != len(h) {
			t.Errorf("HTMLLen of %d bytes is %d", len(h), p.HTMLLen())
		}
	}
	var p Page
	p.html = compressHTML(long)
	if len(p.html) > len(long)/2 {
		t.Errorf("a body of %d bytes is held in %d", len(long), len(p.html))
	}
}

func TestHTMLHeldInItsOwnRoom(t *testing.T) {
	long := strings.Repeat("<p>A paragraph of a story, with <a href=\"/stories/b/\">a link</a>.</p>\n", 200)
	var p Page
	p.html = compressHTML(long)
	if cap(p.html) > len(long)/2 {
		t.Errorf("a body of %d bytes holds %d bytes of room", len(long), cap(p.html))
	}
}
