package render

import (
	"bytes"
	"strconv"
	"strings"
	"time"

	"github.com/storyhub/storyhub/internal/feed"
	"github.com/storyhub/storyhub/internal/site"
)

// The newsletter's archive (site/newsletter.go): /newsletter/, every
// month that mentions an entry, newest first; /newsletter/YYYY-MM/, that
// month's issue, as storyhub digest would write it for the month; and
// /newsletter/feed.xml, one item for each month. Which entries a month
// mentions follows from every page's dates and every event's; each of
// these outputs records the months it read (newsletterMonths, or one
// newsletterMonth) and the own values of each entry and event it shows,
// so an edit that moves no entry between months makes again only the
// pages that show it.

// Newsletter is the archive as a template sees it: its months, newest
// first.
type Newsletter struct {
	Months []NewsletterMonth
}

// NewsletterMonth is one month's issue: its .Title (May 2024), .URL,
// the parts that mention entries, the events coming up after it, and
// .Count, how many entries it mentions.
type NewsletterMonth struct {
	Slug, Title, URL string
	Count            int
	Parts            []NewsletterPart
	Events           []Event
}

// NewsletterPart is the entries of one kind a month mentions, newest
// first: .Title (New stories), .Of (Stories), .URL (the section),
// .Entries.
type NewsletterPart struct {
	Title, Of, URL string // Of is the section's title: Stories
	Entries        []Page
}

// newsletterReads records what the archive and its feed read: every
// month, and what each one's issue mentions.
func newsletterReads(rec *recorder) {
	rec.add(dep{newsletterMonths, ""})
}

// monthOf is m as a template sees it: it records the month and the
// own values of each entry it mentions.
func monthOf(m *site.Month, rec *recorder) NewsletterMonth {
	rec.add(dep{newsletterMonth, m.Slug})
	out := NewsletterMonth{Slug: m.Slug, Title: m.Title, URL: m.URL, Count: m.Issue.Count()}
	for _, p := range m.Issue.Parts {
		part := NewsletterPart{Title: p.Title, Of: p.Of, URL: p.URL, Entries: make([]Page, len(p.Entries))}
		for i, e := range p.Entries {
			part.Entries[i] = *pageOf(e.Page, rec)
		}
		out.Parts = append(out.Parts, part)
	}
	for _, e := range m.Issue.Events {
		out.Events = append(out.Events, *eventOf(e, rec))
		if e.Entry != nil {
			rec.add(dep{pageMeta, e.Entry.Path}) // its summary
		}
	}
	return out
}

// newsletterOf is the archive of months as a template sees it; with
// issues, each month's entries too.
func newsletterOf(months []site.Month, rec *recorder) *Newsletter {
	newsletterReads(rec)
	n := &Newsletter{Months: make([]NewsletterMonth, len(months))}
	for i := range months {
		m := &months[i]
		n.Months[i] = NewsletterMonth{Slug: m.Slug, Title: m.Title, URL: m.URL, Count: m.Issue.Count()}
	}
	return n
}

// newsletterOutputs plans the archive's pages and its feed.
func newsletterOutputs(s *site.Site, page func(*view, *Claim)) []Output {
	months := s.NewsletterMonths()
	page(&view{template: "newsletter", url: site.NewsletterURL, title: "Newsletter",
		summary: "Every month's new stories, decks and guides, updated talking points and coming events on " + s.Config.Title + ".",
		feedURL: site.NewsletterFeed, archive: &months}, made("the newsletter's archive"))
	for i := range months {
		m := &months[i]
		page(&view{template: "newsletter-month", url: m.URL, title: "Newsletter: " + m.Title,
			summary: monthSummary(&m.Issue, m.Title), feedURL: site.NewsletterFeed, month: m},
			made("the newsletter of "+m.Slug))
	}
	feedPath := strings.TrimPrefix(site.NewsletterFeed, "/")
	return []Output{{Path: feedPath, MediaType: Feed,
		render: func(buf *bytes.Buffer, _ *Pass, rec *recorder) error {
			newsletterReads(rec)
			ch := feed.Channel{
				Title:       "Newsletter · " + s.Config.Title,
				Description: "One issue a month of " + s.Config.Title + ".",
				Link:        absURL(s, site.NewsletterURL),
				FeedURL:     absURL(s, site.NewsletterFeed),
				Language:    s.Config.Language,
			}
			for i := range months[:min(len(months), s.Config.FeedLimit)] {
				m := &months[i]
				it := feed.Item{Title: "Newsletter: " + m.Title, Link: absURL(s, m.URL), ID: absURL(s, m.URL),
					Published: newestMention(&m.Issue), Summary: monthSummary(&m.Issue, m.Title)}
				ch.Items = append(ch.Items, it)
				if it.Published.After(ch.Updated) {
					ch.Updated = it.Published
				}
			}
			return feed.RSS(buf, ch)
		},
		Claim: made("the RSS feed of the newsletter"),
	}}
}

// newestMention is the moment of the newest entry an issue mentions:
// its feed item's date, which the content alone decides.
func newestMention(iss *site.Issue) (t time.Time) {
	for _, p := range iss.Parts {
		if len(p.Entries) > 0 && p.Entries[0].When.After(t) {
			t = p.Entries[0].When
		}
	}
	return t
}

// monthSummary says what an issue mentions: "May 2024 — New stories: 3,
// New decks: 1, Updated talking points: 2."
func monthSummary(iss *site.Issue, title string) string {
	parts := make([]string, len(iss.Parts))
	for i, p := range iss.Parts {
		parts[i] = p.Title + ": " + strconv.Itoa(len(p.Entries))
	}
	return title + " — " + strings.Join(parts, ", ") + "."
}

// NewsletterMonths are the archive's months, newest first.
func (s Site) NewsletterMonths() []NewsletterMonth {
	return newsletterOf(s.siteSite.NewsletterMonths(), s.rec).Months
}
