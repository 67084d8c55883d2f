package render

import (
	"archive/zip"
	"bytes"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/klauspost/compress/flate"

	"github.com/storyhub/storyhub/internal/content"
	"github.com/storyhub/storyhub/internal/site"
)

// Zip is the media type of a community's kit; it is written as it is.
const Zip = "application/zip"

// kit is a community's ambassador kit, one archive made at build time
// that unpacks into one folder named by the community's slug:
//
//	README.md                      what is inside, and how to use it
//	talking-points/<slug>.md       each talking points entry, as written
//	talking-points/<slug>.html     the same, printable (kit-print.html)
//	decks/<deck-slug>/<file>       every file of every deck the hub holds
//	                               (the README gives the addresses of those
//	                               hosted elsewhere, and of recordings)
//	guides/<slug>.html             every organizer guide, printable
//	guides/<slug>/<file>           and its files
//	stories.md                     the community's stories: title, date, address
//
// The guides are the site's, every one: guides are for user-group
// organizers of any community, and have no community of their own.
//
// Each entry carries the date of what it is made of (an entry's date, or
// its last_reviewed when later), never the build's time, so the same
// content gives the same bytes. The archive is made once per pass
// (Pass.kit), when the first of the kit file and the community page
// needs it (the page shows its size).
type kit struct {
	c      *site.Community
	s      *site.Site
	r      *Renderer
	siteFS fs.FS
}

// hasKit reports whether c gets a kit: when it has something of its own
// to hand out. Stories alone are enough: their list is what an
// ambassador shares, and the guides come with it.
func hasKit(c *site.Community) bool {
	return len(c.TalkingPoints)+len(c.Decks)+len(c.Stories) > 0
}

// packed reports whether a kit holds the bytes of an entry's file: one
// the hub has (in a bundle or under static/), not one hosted elsewhere.
func packed(f content.File) bool { return !f.Hosted() && f.Source != "" }

// packedDecks is how many of decks the kit holds slides of: the others
// have slides hosted elsewhere, or a recording alone.
func packedDecks(decks []Page) int {
	n := 0
	for _, p := range decks {
		if slices.ContainsFunc(p.Files, packed) {
			n++
		}
	}
	return n
}

// kitPrintTemplate is the theme's template of a kit's printable pages.
const kitPrintTemplate = "kit-print"

// KitPrint is what the theme's kit-print.html sees: one entry of a kit
// as a page of its own, read from a file, printed, with no request to
// any server.
type KitPrint struct {
	Site      Site
	Community *Community
	Page      Page
	Kind      string // what the entry is: Talking points, Guide
	// Body is the entry's body as the Markdown renderer made it, with
	// its site paths made absolute and its images made links (see
	// standalone).
	Body template.HTML
}

// kitGuides are the guides every kit holds: the site's, in their order.
func kitGuides(s *site.Site, rec *recorder) []Page {
	for _, sec := range s.Sections {
		if s.Kinds[sec.Kind].Community == content.CommunityGuides {
			return sectionOf(sec, rec).Pages()
		}
	}
	return nil
}

// entryTime is when an entry last changed, as its front matter says:
// its date, or its last review when later.
func entryTime(p Page) time.Time {
	t := p.Date
	if p.Doc.LastReviewed.After(t) {
		t = p.Doc.LastReviewed
	}
	return t.UTC()
}

// make writes the archive of c, read through the model's methods so that
// what it holds is recorded: the talking points' text, the decks' and
// guides' files (whose bytes a page's own values stand for by their
// hashes), the stories' titles, dates and addresses.
//
// The printable pages are made with the theme's template as written and
// then minified, whether the site is or not: the body comes minified
// from the Markdown renderer only when the site is, and the kit is the
// same bytes either way (the community page shows its size). Each is a
// piece of the pass (kitPrintKey), kept while what it read is unchanged,
// so an edit elsewhere prints none again.
func (k *kit) make(pass *Pass, c *Community, rec *recorder) ([]byte, error) {
	m := pass.m
	top := c.Slug + "/"
	points, decks, stories := c.TalkingPoints(), c.Decks(), c.Stories()
	guides := kitGuides(k.s, rec)
	var newest time.Time
	for _, list := range [][]Page{points, decks, stories, guides} {
		for _, p := range list {
			if t := entryTime(p); t.After(newest) {
				newest = t
			}
		}
	}

	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	// klauspost's deflate at its default level makes a kit in about 60 %
	// of the standard library's time, about 1 % larger; entries are
	// written one after the other, so one writer serves all.
	var deflate *flate.Writer
	z.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
		if deflate == nil {
			var err error
			deflate, err = flate.NewWriter(out, flate.DefaultCompression)
			return deflate, err
		}
		deflate.Reset(out)
		return deflate, nil
	})
	chunk := make([]byte, 32<<10)
	add := func(name string, modified time.Time, r io.Reader) error {
		w, err := z.CreateHeader(&zip.FileHeader{Name: top + name, Method: zip.Deflate, Modified: modified})
		if err != nil {
			return err
		}
		// Through Read and one buffer for the kit: io.Copy would take a
		// file's WriteTo, which makes a buffer for every file.
		_, err = io.CopyBuffer(w, struct{ io.Reader }{r}, chunk)
		return err
	}
	addFiles := func(folder string, p Page) error {
		taken := map[string]bool{}
		for _, f := range p.Files {
			if !packed(f) {
				continue // the README gives a hosted file's address
			}
			name := path.Base(f.Source)
			if taken[name] {
				return content.ErrorList{&content.Error{Pos: f.Pos,
					Msg:  fmt.Sprintf("a second file named %s: the kit of community %s holds the entry's files in one folder, %s", name, c.Slug, folder),
					Hint: "rename one of the two files"}}
			}
			taken[name] = true
			file, err := k.siteFS.Open(f.Source)
			if err != nil {
				return fmt.Errorf("kit for %s: %w", c.Slug, err)
			}
			err = add(folder+name, entryTime(p), file)
			file.Close()
			if err != nil {
				return err
			}
		}
		return nil
	}
	var page, small bytes.Buffer
	print := func(name, kind string, p Page) error {
		printed, err := pieceFor(pass, pass.fragments, any(kitPrintKey{c.Slug, p.Path, kind}), rec, func(own *recorder) (string, error) {
			q, com := pageOf(p.sitePage, own), communityOf(c.siteCommunity, own)
			body, err := standalone(q.HTML(), k.s.Origin())
			if err != nil {
				return "", fmt.Errorf("kit for %s: %s: %w", c.Slug, p.Path, err)
			}
			page.Reset()
			small.Reset()
			data := &KitPrint{Site: siteOf(k.s, own), Community: com, Page: *q, Kind: kind, Body: body}
			if err := k.r.source[kitPrintTemplate].ExecuteTemplate(&page, kitPrintTemplate+".html", data); err != nil {
				return "", k.r.templateError(err)
			}
			if err := m.Minify(HTML, &small, &page); err != nil {
				return "", fmt.Errorf("kit for %s: minifying %s: %w", c.Slug, name, err)
			}
			return small.String(), nil
		})
		if err != nil {
			return err
		}
		return add(name, entryTime(p), strings.NewReader(printed))
	}

	if err := add("README.md", newest, strings.NewReader(k.readme(c, points, decks, stories, guides))); err != nil {
		return nil, err
	}
	for _, p := range points {
		text := "# " + p.Title + "\n\n" + p.Summary + "\n\n" + string(p.markdown())
		if err := add("talking-points/"+p.Slug+".md", entryTime(p), strings.NewReader(text)); err != nil {
			return nil, err
		}
		if err := print("talking-points/"+p.Slug+".html", "Talking points", p); err != nil {
			return nil, err
		}
	}
	for _, p := range decks {
		if err := addFiles("decks/"+p.Slug+"/", p); err != nil {
			return nil, err
		}
	}
	for _, p := range guides {
		if err := print("guides/"+p.Slug+".html", "Guide", p); err != nil {
			return nil, err
		}
		if err := addFiles("guides/"+p.Slug+"/", p); err != nil {
			return nil, err
		}
	}
	if len(stories) > 0 {
		if err := add("stories.md", entryTime(stories[0]), strings.NewReader(storyList(c, stories))); err != nil {
			return nil, err
		}
	}
	if err := z.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// kitPrintKey names a printable page of a kit among the pieces of a
// pass: the community's slug, the entry's path and what it is.
type kitPrintKey struct{ community, page, kind string }

// readme is the kit's README.md: what the folder holds, and what an
// ambassador does with each part.
func (k *kit) readme(c *Community, points, decks, stories, guides []Page) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s: ambassador kit\n\n", mdText(c.Name))
	fmt.Fprintf(&b, "Everything %s offers an ambassador for %s, in one folder. ", mdText(k.s.Config.Title), mdText(c.Name))
	fmt.Fprintf(&b, "The community's page is %s.\n\n", absURL(k.s, c.URL))
	b.WriteString("## What is inside\n\n")
	if len(points) > 0 {
		b.WriteString("- `talking-points/`: what to say, one file per set of points, as Markdown (`.md`, to copy from) and as a page to print (`.html`):\n")
		for _, p := range points {
			fmt.Fprintf(&b, "  - `%s`: %s\n", p.Slug, mdText(p.Title))
		}
	} else {
		b.WriteString("- No talking points yet.\n")
	}
	held := packedDecks(decks)
	if len(decks) > 0 {
		if held > 0 {
			b.WriteString("- `decks/`: the slides, one folder per deck for the files the hub holds; slides hosted elsewhere are listed with their addresses:\n")
		} else {
			b.WriteString("- The decks, whose slides and recordings are elsewhere: this kit holds no slides, and lists their addresses:\n")
		}
		for _, p := range decks {
			fmt.Fprintf(&b, "  - `%s`: %s (%s)\n", p.Slug, mdText(p.Title), absURL(k.s, p.URL))
			elsewhere(&b, p)
			if p.VideoURL != "" {
				fmt.Fprintf(&b, "    - the recording: <%s>\n", p.VideoURL)
			}
		}
	} else {
		b.WriteString("- No decks yet: this kit has no slides to present.\n")
	}
	if len(guides) > 0 {
		b.WriteString("- `guides/`: the organizer guides, as pages to print:\n")
		for _, p := range guides {
			fmt.Fprintf(&b, "  - `%s`: %s", p.Slug, mdText(p.Title))
			if slices.ContainsFunc(p.Files, packed) {
				fmt.Fprintf(&b, ", with its files in `%s/`", p.Slug)
			}
			b.WriteString("\n")
			elsewhere(&b, p)
		}
	}
	if len(stories) > 0 {
		fmt.Fprintf(&b, "- `stories.md`: the community's %d stories, newest first, with their addresses.\n", len(stories))
	} else {
		b.WriteString("- No stories yet.\n")
	}
	b.WriteString("\n## How to use it\n\n")
	switch {
	case held > 0:
		b.WriteString("- **Give the talk.** Open a deck's slides from `decks/`; its page on the site says who it suits, how long it takes and its licence.\n")
	case len(decks) > 0:
		b.WriteString("- **Give the talk.** Open a deck's slides or recording at its address above; its page on the site says who it suits, how long it takes and its licence.\n")
	}
	if len(points) > 0 {
		b.WriteString("- **Print the talking points.** Open a `.html` file in `talking-points/` in a browser and print it; it needs no connection.\n")
	}
	if len(stories) > 0 {
		b.WriteString("- **Share the stories.** Pick one from `stories.md` and pass its address on: by mail, in a chat, from the stage.\n")
	}
	if len(guides) > 0 {
		b.WriteString("- **Run your group.** The guides in `guides/` walk an organizer through it step by step.\n")
	}
	return b.String()
}

// elsewhere lists p's hosted files in the README, under p's line: the
// kit holds none of their bytes, so their addresses are what it gives.
func elsewhere(b *strings.Builder, p Page) {
	for _, f := range p.Files {
		if f.Hosted() {
			b.WriteString("    - ")
			if f.Label != "" {
				b.WriteString(mdText(f.Label) + ", ")
			}
			if f.Format != "" {
				b.WriteString(f.Format + ", ")
			}
			fmt.Fprintf(b, "hosted on %s: <%s>\n", f.Host(), f.URL)
		}
	}
}

// storyList is the kit's stories.md: each story's title, date and
// address, newest first.
func storyList(c *Community, stories []Page) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# Stories of %s\n\n", mdText(c.Name))
	for _, p := range stories {
		fmt.Fprintf(&b, "- [%s](<%s>), %s\n", mdText(p.Title), p.Permalink, p.Date.Format("2 January 2006"))
	}
	return b.String()
}

// mdText escapes the characters of plain text that Markdown would read
// as markup, so a title shows as it was typed.
func mdText(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune("\\`*_[]<>#!|~", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}
