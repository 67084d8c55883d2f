package site

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"github.com/storyhub/storyhub/internal/content"
)

// The newsletter. An issue covers a range of days, [Since, Until): the
// entries of each kind its KindSpec.Newsletter mentions, new ones by
// their date, updated ones by the later of their date and last_reviewed,
// newest first, each kind a part of its own in the kinds' order; and the
// events with dates that start at Until or later, soonest first. Days
// are UTC days, as the dates in the sitemap are. storyhub digest writes
// one issue for any range; the archive has one issue for each calendar
// month that mentions an entry, at /newsletter/YYYY-MM/, listed at
// /newsletter/ newest first with a feed of one item per month. Both
// choose with Issue's rules (issueOf), so a month's page is the digest
// of that month.

// The folder of the newsletter's archive and its feed.
const (
	NewsletterURL  = "/newsletter/"
	NewsletterFeed = NewsletterURL + "feed.xml"
)

// Issue is what one issue of the newsletter mentions.
type Issue struct {
	Since, Until time.Time // the days it covers: Since up to, not including, Until
	Parts        []IssuePart
	// Events are the events with dates starting at Until or later,
	// soonest first.
	Events []*Event
}

// IssuePart is the entries of one kind an issue mentions.
type IssuePart struct {
	Kind    content.Kind
	Title   string // New stories, Updated talking points
	Of      string // the kind's title: Stories
	URL     string // the kind's section, where every one of them is
	Mention content.Mention
	Entries []Mentioned
}

// Mentioned is an entry an issue mentions, and the moment it counts
// from: its date, or its last review.
type Mentioned struct {
	Page *Page
	When time.Time
}

// Month is one issue of the archive: a calendar month.
type Month struct {
	Slug  string // 2024-05
	Title string // May 2024
	URL   string // /newsletter/2024-05/
	Issue Issue
}

// Count is how many entries the issue mentions.
func (i *Issue) Count() int {
	n := 0
	for _, p := range i.Parts {
		n += len(p.Entries)
	}
	return n
}

// mentionedAt is when p counts from in the newsletter, and whether it
// is mentioned at all.
func (s *Site) mentionedAt(p *Page) (time.Time, content.Mention) {
	m := s.Kinds[p.Kind].Newsletter
	switch m {
	case content.MentionNew:
		return p.Date, m
	case content.MentionUpdated:
		if p.LastReviewed.After(p.Date) {
			return p.LastReviewed, m
		}
		return p.Date, m
	}
	return time.Time{}, m
}

// Issue is the issue of the days from since up to, not including, until.
func (s *Site) Issue(since, until time.Time) Issue {
	var in []Mentioned
	for _, p := range s.Pages {
		when, m := s.mentionedAt(p)
		if m != content.NotMentioned && !when.Before(since) && when.Before(until) {
			in = append(in, Mentioned{p, when})
		}
	}
	return s.issueOf(since, until, in)
}

// issueOf is the issue of [since, until) that mentions the entries in,
// which are all of that range.
func (s *Site) issueOf(since, until time.Time, in []Mentioned) Issue {
	iss := Issue{Since: since, Until: until}
	byKind := map[content.Kind]int{}
	for _, e := range in {
		i, ok := byKind[e.Page.Kind]
		if !ok {
			i = len(iss.Parts)
			byKind[e.Page.Kind] = i
			spec := &s.Kinds[e.Page.Kind]
			part := IssuePart{Kind: e.Page.Kind, Mention: spec.Newsletter, Of: spec.Title, Title: "New " + strings.ToLower(spec.Title)}
			if spec.Newsletter == content.MentionUpdated {
				part.Title = "Updated " + strings.ToLower(spec.Title)
			}
			if sec := s.sectionOf[e.Page.Kind]; sec != nil {
				part.URL = sec.URL
			}
			iss.Parts = append(iss.Parts, part)
		}
		iss.Parts[i].Entries = append(iss.Parts[i].Entries, e)
	}
	slices.SortFunc(iss.Parts, func(a, b IssuePart) int { return cmp.Compare(a.Kind, b.Kind) })
	for _, p := range iss.Parts {
		slices.SortFunc(p.Entries, func(a, b Mentioned) int {
			if c := b.When.Compare(a.When); c != 0 {
				return c
			}
			return cmp.Or(strings.Compare(a.Page.Title, b.Page.Title), strings.Compare(a.Page.URL, b.Page.URL))
		})
	}
	for _, e := range s.Events {
		if e.Dated() && !e.Start.Before(until) {
			iss.Events = append(iss.Events, e)
		}
	}
	slices.SortStableFunc(iss.Events, func(a, b *Event) int { return a.Start.Compare(b.Start) })
	return iss
}

// NewsletterMonths are the archive's issues, one for each calendar month
// that mentions an entry, newest first. The list is made once and
// shared: callers do not change it.
func (s *Site) NewsletterMonths() []Month {
	if s.months == nil { // a Site not made by New
		return s.newsletterMonths()
	}
	return s.months()
}

// newsletterMonths is NewsletterMonths worked out.
func (s *Site) newsletterMonths() []Month {
	byMonth := map[time.Time][]Mentioned{}
	for _, p := range s.Pages {
		when, m := s.mentionedAt(p)
		if m == content.NotMentioned {
			continue
		}
		u := when.UTC()
		start := time.Date(u.Year(), u.Month(), 1, 0, 0, 0, 0, time.UTC)
		byMonth[start] = append(byMonth[start], Mentioned{p, when})
	}
	months := make([]Month, 0, len(byMonth))
	for start, in := range byMonth {
		months = append(months, Month{
			Slug:  start.Format("2006-01"),
			Title: start.Format("January 2006"),
			URL:   NewsletterURL + start.Format("2006-01") + "/",
			Issue: s.issueOf(start, start.AddDate(0, 1, 0), in),
		})
	}
	slices.SortFunc(months, func(a, b Month) int { return b.Issue.Since.Compare(a.Issue.Since) })
	return months
}
