package site

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/storyhub/storyhub/internal/content"
)

// Events. A deck's event (content.Doc.Event: a name, or {name, url})
// groups decks by the name's slug (content.Slugify), as tags are
// grouped: names that differ only in case, spacing, punctuation or
// accents are one event, at /events/<slug>/, its decks newest first.
// Its name is the spelling most decks use, with runs of spaces as one
// and accents in one Unicode form (of equal counts, the one with more
// capitals, then the newest deck's: "DjangoCon" before "Djangocon");
// other spellings are warned about, so the hub converges on one.
//
// An event entry (a kind that describes content.EventIndex:
// content/events/<slug>.md) gives the event of its slug its name (the
// title), its site, dates and place, and its page shows its summary and
// body; a deck names it by its slug, or by a name of that slug. A deck's
// event written as a slug (content.ValidSlug) must be an entry's.
//
// Site.Events is the list at /events/: upcoming events first, soonest
// first, then past ones, newest first, by year, then those without
// dates, by name. Events with dates are in the calendar,
// /events.ics, each also in its own, event.ics in its folder.

// The folder of the event pages and their list, the calendar of every
// event with dates, and the name of an event's own calendar in its
// folder (beside its page: one folder holds all of an event's files).
const (
	EventsURL     = "/events/"
	CalendarURL   = "/events.ics"
	EventCalendar = "event.ics"
)

// Event is where decks were given, and the decks given there.
type Event struct {
	Name  string
	Slug  string
	URL   string  // its page, /events/<slug>/
	Link  string  // the event's own web site, "" when none is known
	Pages []*Page // the decks given there, newest first

	// Entry is the event's entry, nil when none describes it.
	Entry *Page
	// When and where, from the entry; zero without one.
	Start, End time.Time // End is the last day or moment; zero when not given
	// AllDay: Start and End are days (at midnight in Zone), not moments.
	AllDay               bool
	Zone                 *time.Location // nil when none is known
	Venue, City, Country string
	// Latitude and Longitude are set together, when HasGeo.
	Latitude, Longitude float64
	HasGeo              bool
	// Group is the heading the event is listed under at /events/:
	// Upcoming, a year, or Dates to come (see groupOf).
	Group string
	// Kind is conference, sprint or meetup; "" when not known.
	Kind string
	// CFPDeadline is the last day to propose a talk; zero when not known.
	CFPDeadline time.Time
}

// Dated reports whether the event has dates, so a calendar entry.
func (e *Event) Dated() bool { return !e.Start.IsZero() }

// CalendarURL is the site path of the event's own calendar, "" for an
// event without dates.
func (e *Event) CalendarURL() string {
	if !e.Dated() {
		return ""
	}
	return e.URL + EventCalendar
}

// Finish is the moment the event is over: the end of its last day, or
// its end (or start) moment.
func (e *Event) Finish() time.Time {
	last := cmp.Or(e.End, e.Start)
	if e.AllDay {
		// The next midnight where the event is.
		zone := cmp.Or(e.Zone, time.UTC)
		return time.Date(last.Year(), last.Month(), last.Day()+1, 0, 0, 0, 0, zone)
	}
	return last
}

// Place is where the event is, as a line: venue, city, country.
func (e *Event) Place() string {
	var parts []string
	for _, p := range []string{e.Venue, e.City, e.Country} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, ", ")
}

// The headings of the list of events that are not years.
const (
	UpcomingEvents = "Upcoming"
	UndatedEvents  = "Dates to come"
)

// groupOf is the heading e is listed under, at the moment now.
func groupOf(e *Event, now time.Time) string {
	switch {
	case !e.Dated():
		return UndatedEvents
	case e.Finish().After(now):
		return UpcomingEvents
	}
	return strconv.Itoa(e.Start.In(cmp.Or(e.Zone, time.UTC)).Year())
}

// events groups the decks by their event, and orders the list.
func (s *Site) events(errs *content.ErrorList) {
	bySlug := map[string]*Event{}
	var entrySlugs []string
	for _, p := range s.Described {
		if s.Kinds[p.Kind].Describes != content.EventIndex {
			continue
		}
		d := p.Doc
		e := &Event{Slug: p.Slug, URL: p.URL, Name: d.Title, Link: d.Place.Website, Entry: p, Kind: d.Happening.Kind,
			Start: d.Happening.Start, End: d.Happening.End, AllDay: d.Happening.AllDay, Zone: d.Happening.Zone, Venue: d.Place.Venue, City: d.Place.City,
			Latitude: d.Place.Latitude, Longitude: d.Place.Longitude, HasGeo: d.Place.HasGeo, CFPDeadline: d.Happening.CFPDeadline}
		if d.Place.Country != "" {
			e.Country = content.CountryName(d.Place.Country)
		}
		bySlug[p.Slug] = e
		entrySlugs = append(entrySlugs, p.Slug)
	}
	type spelling struct {
		p    *Page
		name string // as typed, with spaces and accents made one form
	}
	spellings := map[*Event][]spelling{}
	for _, p := range s.Pages {
		name := strings.Join(strings.Fields(norm.NFC.String(p.Doc.Event.Name)), " ")
		if name == "" {
			continue
		}
		slug := content.Slugify(name)
		if content.ValidSlug(name) && bySlug[name] == nil {
			errs.Add(p.FieldPos("event"), fmt.Sprintf("event %q is written as a slug, but no event entry has it", name), s.eventHint(name, entrySlugs))
			continue
		}
		if slug == "" {
			errs.Add(p.FieldPos("event"), fmt.Sprintf("event %q has no ASCII letters or digits to make its URL from", name),
				"write the event's name with latin letters too, like a transliteration")
			continue
		}
		e, ok := bySlug[slug]
		if !ok {
			e = &Event{Slug: slug, URL: EventsURL + slug + "/"}
			bySlug[slug] = e
		}
		if e.Link == "" {
			e.Link = p.Doc.Event.URL
		}
		e.Pages = append(e.Pages, p)
		p.Event = e
		if e.Entry != nil {
			if name != slug && name != e.Name {
				errs.Warn(p.FieldPos("event"), fmt.Sprintf("event %q is written %q in %s", p.Doc.Event.Name, e.Name, e.Entry.Path),
					fmt.Sprintf("write %q or its slug, %s, so readers find one event, not two spellings", e.Name, slug))
			}
			continue
		}
		spellings[e] = append(spellings[e], spelling{p, name})
	}
	for _, e := range bySlug {
		e.Group = groupOf(e, s.now)
		if e.Entry != nil {
			continue // named by its entry
		}
		count := map[string]int{}
		for _, sp := range spellings[e] {
			count[sp.name]++
		}
		for _, sp := range spellings[e] { // newest first
			if e.Name == "" || count[sp.name] > count[e.Name] || count[sp.name] == count[e.Name] && capitals(sp.name) > capitals(e.Name) {
				e.Name = sp.name
			}
		}
		var first *Page // the newest deck that writes the name
		for _, sp := range spellings[e] {
			if sp.name == e.Name {
				first = sp.p
				break
			}
		}
		for _, sp := range spellings[e] {
			if sp.name != e.Name {
				errs.Warn(sp.p.FieldPos("event"), fmt.Sprintf("event %q is written %q in %s", sp.p.Doc.Event.Name, e.Name, first.Path),
					fmt.Sprintf("write %q so readers find one event, not two spellings", e.Name))
			}
		}
	}
	s.Events = make([]*Event, 0, len(bySlug))
	for _, slug := range sortedKeys(bySlug) {
		s.Events = append(s.Events, bySlug[slug])
	}
	SortEvents(s.Events)
}

// eventHint is the hint for a deck's event written as slug that no
// entry has: the nearest entry's slug, or how to name the event.
func (s *Site) eventHint(slug string, entries []string) string {
	if left, why, _, ok := s.Unpublished(EventsURL + slug + "/"); ok {
		return fmt.Sprintf("%s %s; write the event's name instead, or publish it", left, why)
	}
	if near, ok := content.Nearest(slug, slices.Values(entries)); ok {
		return fmt.Sprintf("did you mean %q?", near)
	}
	return fmt.Sprintf("write the event's name, or add content/events/%s.md", slug)
}

func capitals(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsUpper(r) {
			n++
		}
	}
	return n
}

// SortEvents orders events as their list shows them: upcoming ones,
// soonest first; past ones, newest first (so by year, the newest year
// first); then those without dates, by name. Each event's Group must be
// set.
func SortEvents(events []*Event) {
	rank := func(e *Event) int {
		switch e.Group {
		case UpcomingEvents:
			return 0
		case UndatedEvents:
			return 2
		}
		return 1
	}
	slices.SortStableFunc(events, func(a, b *Event) int {
		if c := cmp.Compare(rank(a), rank(b)); c != 0 {
			return c
		}
		switch rank(a) {
		case 0:
			if c := a.Start.Compare(b.Start); c != 0 {
				return c
			}
		case 1:
			if c := b.Start.Compare(a.Start); c != 0 {
				return c
			}
		}
		return cmp.Or(strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)), strings.Compare(a.Slug, b.Slug))
	})
}
