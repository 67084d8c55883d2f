// Package digest writes one issue of the newsletter as an email: the
// entries a site.Issue mentions (new stories, decks and guides, updated
// talking points, each part newest first) and the events coming up,
// each with its title, a line of when and where, its summary and its
// absolute link, under the site's base URL, which must be one other
// machines reach.
//
// The HTML is what mail clients show: its stylesheet is inlined into
// style attributes (vanng822/go-premailer), since clients drop <style>;
// the stylesheet uses only selectors that can be inlined, so no <style>
// is left. Every link and picture is absolute, and every picture has
// its width and alt. An issue is under MaxHTML bytes, as clients clip
// larger messages: when the whole issue is larger, the oldest entries
// are left out (then the furthest events), and each part that lost some
// ends with "and N more", a link to its section. The plain text is the
// alternative part of the same message: the same entries, each title,
// line, summary and link on lines of their own.
//
// Every value a writer typed is text: html/template escapes it in the
// HTML, and the text part is never HTML.
package digest

import (
	"bytes"
	_ "embed"
	"fmt"
	htmltemplate "html/template"
	"io"
	"net"
	"net/url"
	"slices"
	"strings"
	texttemplate "text/template"
	"time"

	"github.com/vanng822/go-premailer/premailer"

	"github.com/storyhub/storyhub/internal/render"
	"github.com/storyhub/storyhub/internal/site"
)

// Format is the form of an issue: HTML or Text.
type Format string

const (
	HTML Format = "html"
	Text Format = "text"
)

// MaxHTML is the size an issue's HTML stays under, in bytes: Gmail
// clips a message of 102 kB and more.
const MaxHTML = 100_000

// thumbWidth is the width pictures are shown at, in CSS pixels; the
// picture sent is the narrowest copy twice as wide, for sharp screens.
const thumbWidth = 120

var (
	//go:embed digest.html
	htmlSource string
	//go:embed digest.txt
	textSource string

	htmlTemplate = htmltemplate.Must(htmltemplate.New("digest.html").Parse(htmlSource))
	textTemplate = texttemplate.Must(texttemplate.New("digest.txt").Funcs(texttemplate.FuncMap{"upper": strings.ToUpper}).Parse(textSource))
)

// CheckBaseURL reports an error when the site's base URL is one only
// this machine reaches (localhost, the default): a newsletter's links
// are followed from readers' mailboxes.
func CheckBaseURL(s *site.Site) error {
	u, err := url.Parse(s.Config.BaseURL)
	host := ""
	if err == nil {
		host = u.Hostname()
	}
	ip := net.ParseIP(host)
	if host == "" || strings.EqualFold(host, "localhost") || strings.HasSuffix(strings.ToLower(host), ".localhost") || (ip != nil && ip.IsLoopback()) {
		return fmt.Errorf("the site has no base URL that readers can reach (it is %q): set base_url in %s, like base_url = \"https://stories.example.org/\", or give --base-url", s.Config.BaseURL, site.ConfigFile)
	}
	return nil
}

// Write writes the issue iss of s to w in format f.
func Write(w io.Writer, s *site.Site, iss site.Issue, f Format) error {
	v, html, err := fit(s, &iss, MaxHTML)
	if err != nil {
		return err
	}
	if f == Text {
		var b bytes.Buffer
		if err := textTemplate.Execute(&b, v); err != nil {
			return err
		}
		_, err := w.Write(b.Bytes())
		return err
	}
	_, err = w.Write(html)
	return err
}

// view is what the templates show.
type view struct {
	Language, Title, SiteTitle, Home, Range, Archive, Feed string
	Empty                                                  bool // no entry, events aside
	Parts                                                  []part
	Events                                                 *part
}

type part struct {
	Title string
	URL   string // absolute: where the rest are
	Items []item
	More  int // how many are left out
}

type item struct {
	Title, Meta, Summary, Link string
	Image                      *image
}

type image struct {
	Src           string
	Width, Height int
	Alt           string
}

// fit is the issue as large as fits under limit bytes of HTML: every
// event, soonest first, then the entries, newest first, as many as fit.
// It returns the view of what fits and its HTML.
func fit(s *site.Site, iss *site.Issue, limit int) (*view, []byte, error) {
	// The entries of every part, newest first.
	type ranked struct{ part, index int }
	var entries []ranked
	for i, p := range iss.Parts {
		for j := range p.Entries {
			entries = append(entries, ranked{i, j})
		}
	}
	slices.SortStableFunc(entries, func(a, b ranked) int {
		return iss.Parts[b.part].Entries[b.index].When.Compare(iss.Parts[a.part].Entries[a.index].When)
	})
	total := len(iss.Events) + len(entries)
	// attempt is the view and HTML of the first n of the events, then
	// the entries.
	attempt := func(n int) (*view, []byte, error) {
		events := min(n, len(iss.Events))
		keep := make(map[ranked]bool, n-events)
		for _, e := range entries[:n-events] {
			keep[e] = true
		}
		v := newView(s, iss, events, func(part, index int) bool { return keep[ranked{part, index}] })
		html, err := v.html()
		return v, html, err
	}
	// The size grows with n, about in proportion: the largest n under
	// limit is found by guessing from the sizes seen (past the last fit
	// in proportion, then between a fit and a miss), every other guess
	// halving the range instead, so a size that grows unevenly still
	// takes few attempts; inlining a whole large issue costs.
	var best *view
	var bestHTML []byte
	lo, hi := -1, total+1 // attempt(lo) fits; attempt(hi) does not
	loSize, hiSize := 0, 0
	try := func(n int) error {
		v, html, err := attempt(n)
		if err != nil {
			return err
		}
		if len(html) < limit {
			lo, loSize, best, bestHTML = n, len(html), v, html
		} else {
			hi, hiSize = n, len(html)
		}
		return nil
	}
	for step := 0; lo < total && hi-lo > 1; step++ {
		var n int
		switch {
		case lo < 0:
			n = min(total, 256)
			if hi <= total {
				n = hi / 2
			}
		case hi > total: // no miss yet: a little past the proportion
			n = lo + 1 + lo*(limit-loSize)/max(loSize, 1)*51/50
		case step%2 == 0:
			n = lo + (hi-lo)*(limit-loSize)/max(hiSize-loSize, 1)
		default:
			n = lo + (hi-lo)/2
		}
		if err := try(min(max(n, lo+1), hi-1, total)); err != nil {
			return nil, nil, err
		}
	}
	if best == nil {
		return nil, nil, fmt.Errorf("the newsletter is %d bytes or more even without any entry", limit)
	}
	return best, bestHTML, nil
}

// newView is the view of iss with its first events and the entries
// that keep says.
func newView(s *site.Site, iss *site.Issue, events int, keep func(part, index int) bool) *view {
	last := iss.Until.Add(-time.Nanosecond)
	v := &view{
		Language:  s.Config.Language,
		SiteTitle: s.Config.Title,
		Home:      s.AbsURL("/"),
		Range:     dayRange(iss.Since, last),
		Archive:   s.AbsURL(site.NewsletterURL),
		Feed:      s.AbsURL(site.NewsletterFeed),
		Empty:     iss.Count() == 0,
	}
	v.Title = "Newsletter · " + s.Config.Title + " · " + v.Range
	for i, p := range iss.Parts {
		out := part{Title: p.Title, URL: s.AbsURL(p.URL)}
		for j, e := range p.Entries {
			if !keep(i, j) {
				out.More++
				continue
			}
			out.Items = append(out.Items, entryItem(s, e))
		}
		v.Parts = append(v.Parts, out)
	}
	if len(iss.Events) > 0 {
		out := &part{Title: "Coming up", URL: s.AbsURL(site.EventsURL), More: len(iss.Events) - events}
		for _, e := range iss.Events[:events] {
			out.Items = append(out.Items, eventItem(s, e))
		}
		v.Events = out
	}
	return v
}

func entryItem(s *site.Site, e site.Mentioned) item {
	p := e.Page
	it := item{Title: p.Title, Summary: p.Summary, Link: s.AbsURL(p.URL), Meta: e.When.UTC().Format("2 January 2006")}
	if c := p.Community; c != nil {
		it.Meta += " · " + c.Name
	}
	if pic := p.Picture; pic != nil {
		src, w, h := pic.Src()
		for _, c := range pic.Copies {
			if c.Width >= 2*thumbWidth {
				src, w, h = c.URL, c.Width, c.Height
				break
			}
		}
		if w > 0 {
			it.Image = &image{Src: s.AbsURL(src), Width: thumbWidth, Height: max(1, h*thumbWidth/w), Alt: p.ImageAlt}
		}
	}
	return it
}

func eventItem(s *site.Site, e *site.Event) item {
	it := item{Title: e.Name, Link: s.AbsURL(e.URL), Meta: render.EventWhen(e)}
	if place := e.Place(); place != "" {
		it.Meta += " · " + place
	}
	if e.Entry != nil {
		it.Summary = e.Entry.Summary
	}
	return it
}

// html is the view as an email's HTML, its stylesheet inlined.
func (v *view) html() ([]byte, error) {
	var b bytes.Buffer
	if err := htmlTemplate.Execute(&b, v); err != nil {
		return nil, err
	}
	pm, err := premailer.NewPremailerFromBytes(b.Bytes(), premailer.NewOptions(premailer.WithRemoveClasses(true)))
	if err != nil {
		return nil, err
	}
	out, err := pm.Transform()
	if err != nil {
		return nil, err
	}
	return []byte(out), nil
}

// dayRange is the days from first to last, what they share written
// once: "1–31 May 2024", "3 May – 2 June 2024".
func dayRange(first, last time.Time) string {
	first, last = first.UTC(), last.UTC()
	const day, dayMonth, full = "2", "2 January", "2 January 2006"
	switch {
	case first.Format(time.DateOnly) == last.Format(time.DateOnly):
		return first.Format(full)
	case first.Year() != last.Year():
		return first.Format(full) + " – " + last.Format(full)
	case first.Month() != last.Month():
		return first.Format(dayMonth) + " – " + last.Format(full)
	}
	return first.Format(day) + "–" + last.Format(full)
}
