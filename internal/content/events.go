package content

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"sync"
	"time"
	// Time zone names are checked and used on every system, Windows
	// included, which has no zone database of its own.
	_ "time/tzdata"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
	"gopkg.in/yaml.v3"
)

// Event entries, content/events/<slug>.md, describe an event that decks
// name (KindSpec.Describes is EventIndex): the file name is the slug a
// deck may write as its event, the title is the event's name, the body
// its description. start is a day (an event of whole days) or a moment;
// a moment written without an offset is the wall-clock time of
// timezone, which it then needs. end, of the same form, is not before
// start. country is an ISO 3166 alpha-2 code, latitude and longitude
// come together and in range.

// EventKinds are the values of an event's kind.
var EventKinds = []string{"conference", "sprint", "meetup"}

// eventKind is the kind of event entries in DefaultKinds.
func eventKind() KindSpec {
	return KindSpec{
		Section: "events", Name: "event", Phrase: "an event", Title: "Events",
		Summary:   "Conferences, sprints and meetups where decks were given.",
		Template:  "event",
		Describes: EventIndex,
		// Not a publication: no date needed. Its page is its slug's,
		// made by the site, so no slug, aliases or draft of its own.
		Common: map[string]bool{"title": true, "summary": false, "date": false},
		Fields: []Field{
			enum("kind", "what sort of event", EventKinds, func(d *Doc) *string { return &d.Happening.Kind }),
			when("start", "the first day (2014-09-01) or the moment it starts (2026-03-07 18:00, with timezone)", true, func(d *Doc) *whenText { return &d.Happening.startText }),
			when("end", "the last day, or the moment it ends; not before start", false, func(d *Doc) *whenText { return &d.Happening.endText }),
			text("timezone", "an IANA time zone, like America/Denver; needed when start has a time of day", false, func(d *Doc) *string { return &d.Happening.TimeZone }),
			text("venue", "where it is held", false, func(d *Doc) *string { return &d.Place.Venue }),
			text("city", "the city it is in", false, func(d *Doc) *string { return &d.Place.City }),
			country(),
			coordinate("latitude", 90, func(d *Doc) *float64 { return &d.Place.Latitude }),
			coordinate("longitude", 180, func(d *Doc) *float64 { return &d.Place.Longitude }),
			webURL("url", "the event's own site", func(d *Doc) *string { return &d.Place.Website }),
			date("cfp_deadline", "the last day to propose a talk", false, func(d *Doc) *time.Time { return &d.Happening.CFPDeadline }),
		},
		Check: checkEvent,
		Parts: func(d *Doc) { d.Happening, d.Place = &Happening{}, &Place{} },
		Scaffold: Scaffold{
			Fields: []Preset{
				{Key: "kind", Value: "conference"},
				{Key: "start", Value: "", Ask: "Set start to the first day, like 2026-09-01."},
				{Key: "end", Optional: true},
				{Key: "city", Value: ""},
				{Key: "country", Value: "", Ask: "Set country to a two-letter code, like US, or remove the line."},
				{Key: "url", Optional: true},
			},
			Body: "What the event is, who it is for, and how to take part.",
			Next: []string{"Decks given there name it by this file's name as their event."},
		},
	}
}

// whenText is a start or end as typed: read once the time zone is known.
type whenText struct {
	s   string
	pos Pos
}

func when(name, doc string, required bool, dst func(*Doc) *whenText) Field {
	return field(name, "date or date-time", doc, required, func(d *Doc, n *yaml.Node, e *decodeErrs) {
		if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
			e.at(n, fmt.Sprintf("%s must be a date or a date-time, not %s", name, kindName(n)), dateHint)
			return
		}
		s := strings.TrimSpace(n.Value)
		if s == "" {
			e.at(n, name+" is empty", "write the day, like 2026-09-01, or the moment, like 2026-09-01 18:00")
			return
		}
		*dst(d) = whenText{s, Pos{File: e.file, Line: n.Line, Col: n.Column}}
	})
}

func country() Field {
	return field("country", "ISO 3166 code", "the country, as a two-letter code: US, DE, IN", false, func(d *Doc, n *yaml.Node, e *decodeErrs) {
		s, ok := scalar(n, "country", e)
		if !ok {
			return
		}
		code, ok := CountryCode(s)
		if !ok {
			e.at(n, fmt.Sprintf("country %q is not an ISO 3166 two-letter code", s), countryHint(s))
			return
		}
		d.Place.Country = code
	})
}

// CountryCode reads an ISO 3166-1 alpha-2 code in any case, and returns
// it in upper case.
func CountryCode(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if len(s) != 2 {
		return "", false
	}
	r, err := language.ParseRegion(s)
	if err != nil || !r.IsCountry() || r.String() != strings.ToUpper(s) {
		return "", false
	}
	return r.String(), true
}

// CountryName is a country's name in English: United States for US.
func CountryName(code string) string {
	r, err := language.ParseRegion(code)
	if err != nil {
		return code
	}
	if n := display.English.Regions().Name(r); n != "" {
		return n
	}
	return code
}

// countryNames maps each country's English name, in lower case, to its
// code, for a hint to a writer who typed the name.
var countryNames = sync.OnceValue(func() map[string]string {
	names := map[string]string{}
	for a := 'A'; a <= 'Z'; a++ {
		for b := 'A'; b <= 'Z'; b++ {
			code := string([]rune{a, b})
			if c, ok := CountryCode(code); ok {
				names[strings.ToLower(CountryName(c))] = c
			}
		}
	}
	return names
})

func countryHint(s string) string {
	if code, ok := countryNames()[strings.ToLower(strings.TrimSpace(s))]; ok {
		return fmt.Sprintf("write %s", code)
	}
	return "write the country's two-letter code, like US, DE or IN"
}

func coordinate(name string, limit float64, dst func(*Doc) *float64) Field {
	return field(name, "number", fmt.Sprintf("degrees, from -%v to %v; with the other coordinate", limit, limit), false, func(d *Doc, n *yaml.Node, e *decodeErrs) {
		v, err := strconv.ParseFloat(n.Value, 64)
		if n.Kind != yaml.ScalarNode || (n.Tag != "!!float" && n.Tag != "!!int") || err != nil {
			e.at(n, fmt.Sprintf("%s must be a number, not %s", name, kindName(n)), "write degrees as a decimal number without quotes, like 45.52")
			return
		}
		if math.Abs(v) > limit {
			e.at(n, fmt.Sprintf("%s %s is out of range", name, n.Value), fmt.Sprintf("a %s is from -%v to %v degrees", name, limit, limit))
			return
		}
		*dst(d) = v
	})
}

// checkEvent reads start and end in the event's time zone, and checks
// what holds between fields.
func checkEvent(d *Doc, failed func(field string) bool, errs *ErrorList) {
	if d.Happening.TimeZone != "" {
		z, err := time.LoadLocation(d.Happening.TimeZone)
		if err != nil || d.Happening.TimeZone == "Local" || !strings.Contains(d.Happening.TimeZone, "/") && d.Happening.TimeZone != "UTC" {
			errs.Add(d.FieldPos("timezone"), fmt.Sprintf("timezone %q is not an IANA time zone name", d.Happening.TimeZone),
				"write a name like America/New_York, Europe/Berlin or Asia/Kolkata")
		} else {
			d.Happening.Zone = z
		}
	}
	d.Place.HasGeo = bothCoordinates(d, errs)
	if d.Happening.startText.s == "" {
		return // missing, and reported so
	}
	start, ok := readWhen(d, d.Happening.startText, "start", errs)
	if !ok {
		return
	}
	d.Happening.Start, d.Happening.AllDay = start.t, start.day
	if d.Happening.endText.s != "" {
		end, ok := readWhen(d, d.Happening.endText, "end", errs)
		switch {
		case !ok:
		case end.day != start.day:
			errs.Add(d.Happening.endText.pos, "end is a "+form(end.day)+" but start is a "+form(start.day), "write both as days, or both as moments")
		case end.t.Before(start.t):
			errs.Add(d.Happening.endText.pos, fmt.Sprintf("end %s is before start %s", d.Happening.endText.s, d.Happening.startText.s), "write the last day or moment, on or after start")
		default:
			d.Happening.End = end.t
		}
	}
}

func form(day bool) string {
	if day {
		return "day"
	}
	return "moment"
}

type moment struct {
	t   time.Time
	day bool
}

// readWhen reads a start or end: a day (at midnight UTC: a date on any
// calendar), or a moment, given with an offset or in the event's time
// zone.
func readWhen(d *Doc, w whenText, name string, errs *ErrorList) (moment, bool) {
	if t, err := time.Parse(dateDay, w.s); err == nil {
		return moment{t: t, day: true}, true
	}
	for _, l := range dateLayouts[1:] {
		if strings.HasSuffix(l, "Z07:00") {
			if t, err := time.Parse(l, w.s); err == nil {
				return moment{t: t}, true
			}
			continue
		}
		if _, err := time.Parse(l, w.s); err != nil {
			continue
		}
		if d.Happening.Zone == nil {
			if d.Happening.TimeZone == "" { // a bad one is reported already
				errs.Add(w.pos, fmt.Sprintf("%s %q has a time of day but the event has no timezone", name, w.s),
					"add timezone: the IANA name of the zone it is in, like America/New_York, or give the time with its offset, like 18:00-05:00")
			}
			return moment{}, false
		}
		t, _ := time.ParseInLocation(l, w.s, d.Happening.Zone)
		return moment{t: t}, true
	}
	errs.Add(w.pos, fmt.Sprintf("%s %q is not a date or a date-time", name, w.s), dateHint)
	return moment{}, false
}
