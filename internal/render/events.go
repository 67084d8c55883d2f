package render

import (
	"bytes"
	"cmp"
	"hash/maphash"
	"net/url"
	"strconv"
	"strings"
	"time"

	ics "github.com/arran4/golang-ical"

	"github.com/storyhub/storyhub/internal/content"
	"github.com/storyhub/storyhub/internal/site"
)

// Events: the list of events (/events/), a page for each (paginated like
// a tag's) with its feed, the calendar of every event with dates
// (/events.ics) and each such event's own (event.ics in its folder).
// Calendars are RFC 5545, written by arran4/golang-ical with CRLF line
// ends, and are the same bytes for the same content on every machine:
// an event's UID is its slug at the site's host, and its DTSTAMP comes
// from its content (see stamp), never from the clock. A day-long event
// is a VALUE=DATE range whose end is the day after its last; a timed
// one is given in UTC, converted from its time zone, so no reader needs
// the zone's rules.

type siteEvent = site.Event

// Event is a place decks were given: its own values as fields (.Name,
// .URL, .Link, .Start, .Place...), its decks through Pages.
type Event struct {
	*siteEvent
	Name, URL string // fields of their own, found without a search
	rec       *recorder
}

func eventOf(e *site.Event, rec *recorder) *Event {
	if e == nil {
		return nil
	}
	rec.add(dep{eventMeta, e.Slug})
	ev := eventIn(e, rec)
	return &ev
}

// eventIn wraps e for a list whose read the caller recorded.
func eventIn(e *site.Event, rec *recorder) Event { return Event{e, e.Name, e.URL, rec} }

// Pages are the decks given at the event, newest first.
func (e Event) Pages() []Page {
	e.rec.add(dep{eventPages, e.Slug})
	return pagesOf(e.siteEvent.Pages, e.rec)
}

// Count is how many decks were given at the event.
func (e Event) Count() int {
	e.rec.add(dep{eventPages, e.Slug})
	return len(e.siteEvent.Pages)
}

// Entry is the event's entry, nil when none describes it: its summary
// and body describe the event.
func (e Event) Entry() *Page { return pageOf(e.siteEvent.Entry, e.rec) }

// KindName is the event's kind as a value standing alone: Conference.
func (e Event) KindName() string { return content.LevelName(e.Kind) }

func (e Event) model() dep             { return dep{eventMeta, e.Slug} }
func (e Event) bind(rec *recorder) any { return *eventOf(e.siteEvent, rec) }

// Event is the event the deck was given at, or nil.
func (p Page) Event() *Event {
	// Which event follows from the page's own values; what it shows of
	// the event is the event's.
	p.rec.add(dep{pageMeta, p.Path})
	return eventOf(p.sitePage.Event, p.rec)
}

// Events is every event, in the order of their list.
func (s Site) Events() []Event {
	s.rec.add(dep{siteEvents, ""})
	out := make([]Event, len(s.siteSite.Events))
	for i, e := range s.siteSite.Events {
		out[i] = eventIn(e, s.rec)
	}
	return out
}

// CalendarURL is the site path of the calendar of every event, "" when
// no event has dates.
func (v *View) CalendarURL() string {
	for _, e := range v.Site.Events() {
		if e.Dated() {
			return site.CalendarURL
		}
	}
	return ""
}

// EventGroup is a run of the list of events under one heading:
// Upcoming, a year, or Dates to come.
type EventGroup struct {
	Title  string
	Events []Event
}

// EventGroups is the list of events under its headings.
func (s Site) EventGroups() []EventGroup {
	var out []EventGroup
	for _, e := range s.Events() {
		if len(out) == 0 || out[len(out)-1].Title != e.Group {
			out = append(out, EventGroup{Title: e.Group})
		}
		last := &out[len(out)-1]
		last.Events = append(last.Events, e)
	}
	return out
}

// When is when the event is, as readers read it, in its own time zone:
// "1–6 September 2014", "7 March 2026, 18:00 EST – 8 March 2026,
// 18:00 EDT (America/New_York)"; "" without dates.
func (e Event) When() string { return when(e.siteEvent) }

// EventWhen is Event.When of e, for what shows events away from the
// site's pages: the newsletter's email.
func EventWhen(e *site.Event) string { return when(e) }

// StartISO is the start for a <time datetime>: a day, or a moment with
// its offset.
func (e Event) StartISO() string {
	if e.AllDay {
		return e.Start.Format(time.DateOnly)
	}
	return e.local(e.Start).Format(time.RFC3339)
}

func (e Event) local(t time.Time) time.Time {
	if e.Zone != nil {
		return t.In(e.Zone)
	}
	return t
}

// when is Event.When: of a range of days, what the first and last
// share is written once ("1–6 September 2014").
func when(e *site.Event) string {
	if !e.Dated() {
		return ""
	}
	start, end := e.Start, e.End
	if e.AllDay {
		return dayRange(start, end)
	}
	zone := e.Zone
	if zone == nil {
		zone = time.UTC
	}
	start = start.In(zone)
	const moment = "2 January 2006, 15:04 MST"
	s := start.Format(moment)
	if !end.IsZero() {
		end = end.In(zone)
		if end.Format(time.DateOnly) == start.Format(time.DateOnly) && end.Format("MST") == start.Format("MST") {
			s = start.Format("2 January 2006, 15:04") + "–" + end.Format("15:04 MST")
		} else {
			s += " – " + end.Format(moment)
		}
	}
	if e.Zone != nil && e.Zone.String() != "UTC" {
		s += " (" + e.Zone.String() + ")"
	}
	return s
}

// dayRange is the days from start to end (zero for one day), what the
// first and last share written once: "1–6 September 2014".
func dayRange(start, end time.Time) string {
	const day, dayMonth, full = "2", "2 January", "2 January 2006"
	switch {
	case end.IsZero() || end.Format(time.DateOnly) == start.Format(time.DateOnly):
		return start.Format(full)
	case start.Year() != end.Year():
		return start.Format(full) + " – " + end.Format(full)
	case start.Month() != end.Month():
		return start.Format(dayMonth) + " – " + end.Format(full)
	}
	return start.Format(day) + "–" + end.Format(full)
}

// days is when the event is in days alone, in its own time zone: "1–6
// September 2014"; "" without dates. The search index says it, where
// the hour is too much.
func days(e *site.Event) string {
	if !e.Dated() {
		return ""
	}
	if e.AllDay {
		return dayRange(e.Start, e.End)
	}
	zone := cmp.Or(e.Zone, time.UTC)
	end := e.End
	if !end.IsZero() {
		end = end.In(zone)
	}
	return dayRange(e.Start.In(zone), end)
}

// eventOutputs plans the event pages with page, and returns the other
// outputs of the events: their feeds and calendars.
func (r *Renderer) eventOutputs(s *site.Site, page func(*view, *Claim)) []Output {
	page(&view{template: "events", url: site.EventsURL, title: "Events", summary: "The conferences, sprints and meetups where the decks on " + s.Config.Title + " were given."},
		made("the list of events"))
	var outs []Output
	dated := false
	for _, e := range s.Events {
		paginate(e.URL, e.Pages, s.Config.PageSize, "event/"+e.Slug, func(url string, pg *Pager) {
			page(&view{template: "event", url: url, title: e.Name, summary: "Decks given at " + e.Name + ".", event: e, pager: pg, feedURL: e.URL + "feed.xml"},
				made(pagerName(pg, "the page of event "+e.Name)))
		})
		feedPath := strings.TrimPrefix(e.URL, "/") + "feed.xml"
		outs = append(outs, feedOutput(s, feedPath, e.Name+" · "+s.Config.Title, "Decks given at "+e.Name+".", e.URL, "the RSS feed of event "+e.Name, false,
			func(sv Site) []Page { return eventOf(e, sv.rec).Pages() }))
		if !e.Dated() {
			continue
		}
		dated = true
		outs = append(outs, Output{Path: strings.TrimPrefix(e.CalendarURL(), "/"), MediaType: Calendar,
			render: func(buf *bytes.Buffer, _ *Pass, rec *recorder) error {
				return writeCalendar(buf, s, []Event{*eventOf(e, rec)})
			},
			Claim: made("the calendar of event " + e.Name),
		})
	}
	// A calendar holds at least one event (RFC 5545), so there is none
	// before an event has dates.
	if dated {
		outs = append(outs, Output{Path: strings.TrimPrefix(site.CalendarURL, "/"), MediaType: Calendar,
			render: func(buf *bytes.Buffer, _ *Pass, rec *recorder) error {
				var list []Event
				for _, e := range siteOf(s, rec).Events() {
					if e.Dated() {
						list = append(list, e)
					}
				}
				return writeCalendar(buf, s, list)
			},
			Claim: made("the calendar of events"),
		})
	}
	return outs
}

// writeCalendar writes an iCalendar object of events, each with dates.
func writeCalendar(buf *bytes.Buffer, s *site.Site, events []Event) error {
	cal := ics.NewCalendarFor("storyhub")
	cal.SetProductId("-//storyhub//events//EN")
	cal.SetCalscale("GREGORIAN")
	cal.SetXWRCalName(s.Config.Title + " events")
	host, base := eventHost(s)
	for _, e := range events {
		ev := cal.AddEvent(e.Slug + "@" + host + base)
		entry := e.Entry()
		ev.SetDtStampTime(stamp(e.siteEvent, entry))
		if e.AllDay {
			ev.SetAllDayStartAt(e.Start)
			// The end of a range of days is the day after its last.
			ev.SetAllDayEndAt(cmp.Or(e.End, e.Start).AddDate(0, 0, 1))
		} else {
			ev.SetStartAt(e.Start)
			if !e.End.IsZero() {
				ev.SetEndAt(e.End)
			}
		}
		ev.SetSummary(e.Name)
		if entry != nil && entry.Summary != "" {
			ev.SetDescription(entry.Summary)
		}
		if place := e.Place(); place != "" {
			ev.SetLocation(place)
		}
		if e.HasGeo {
			ics.SetGeo(ev, strconv.FormatFloat(e.Latitude, 'f', -1, 64), strconv.FormatFloat(e.Longitude, 'f', -1, 64))
		}
		ev.SetURL(cmp.Or(e.Link, s.AbsURL(e.URL)))
	}
	return cal.SerializeTo(buf, ics.WithNewLine("\r\n"))
}

// stamp is an event's DTSTAMP, made from its content so that a build
// makes the same bytes every time: its entry's date when it has one (when
// it was written), else its start.
func stamp(e *site.Event, entry *Page) time.Time {
	if entry != nil && !entry.Date.IsZero() {
		return entry.Date.UTC()
	}
	return e.Start.UTC()
}

// eventHost is what makes the UIDs of the site's events its own: the
// base URL's host and path ("" for the root).
func eventHost(s *site.Site) (string, string) {
	u, err := url.Parse(s.Config.BaseURL)
	if err != nil || u.Hostname() == "" {
		return "storyhub", ""
	}
	return u.Hostname(), strings.TrimSuffix(u.Path, "/")
}

// hashEvent hashes an event's own values.
func hashEvent(h *maphash.Hash, e *site.Event) {
	zone := ""
	if e.Zone != nil {
		zone = e.Zone.String()
	}
	entry := ""
	if e.Entry != nil {
		entry = e.Entry.Path
	}
	str(h, e.Name, e.Slug, e.URL, e.Link, e.Group, e.Venue, e.City, e.Country, zone, e.Kind, entry)
	num(h, e.Start.Unix(), e.End.Unix(), e.CFPDeadline.Unix(), flag(e.AllDay), flag(e.HasGeo))
	str(h, strconv.FormatFloat(e.Latitude, 'g', -1, 64), strconv.FormatFloat(e.Longitude, 'g', -1, 64))
}
