package content

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// Group entries, content/groups/<slug>.md, are local user groups: a
// page each, /groups/<slug>/, and the list at /groups/. name is the
// group's name (it is the page's title), the body its description. The
// place is written as an event's is: city, country (ISO 3166 alpha-2),
// region (free text, as a story's), latitude and longitude together.
// size is an estimate of how many come: a whole number (40) or a band
// of two whole numbers, lower first (10-50). founded is a year (2012)
// or a date. last_verified is when someone last checked the entry
// against the group itself; the site warns when that is over a year
// before the build (see site's groups).

// GroupStatuses are the values of a group's status.
var GroupStatuses = []string{"active", "dormant"}

// Group is what a group entry says beyond the place and links it shares
// with events (Doc.City, Doc.Country, Doc.Region, Doc.Website...).
type Group struct {
	Name       string
	Size       string // as it is shown: 40, or 10–50
	SizeMin    int    // the estimate, or the band's bounds
	SizeMax    int
	MeetupURL  string
	Organizers []Person
	// Communities are site communities' slugs, checked by the site;
	// CommunityPos is where each is written.
	Communities  []string
	CommunityPos []Pos
	Founded      string // a year, or a day as written (2012, 2012-05-01)
	Status       string // one of GroupStatuses; active when not written
	LastVerified time.Time
}

// groupKind is the kind of group entries in DefaultKinds.
func groupKind() KindSpec {
	g := func(d *Doc) *Group { return d.Group }
	return KindSpec{
		Section: "groups", Name: "group", Phrase: "a group", Title: "Groups",
		Summary:  "Local user groups: where they meet, who runs them, how to join.",
		Template: "group",
		// Its title is its name; it is not a publication, so no date.
		Common: map[string]bool{"summary": false, "tags": false, "draft": false, "aliases": false, "image": false, "image_alt": false},
		Fields: []Field{
			text("name", "the group's name, as it is shown", true, func(d *Doc) *string { return &g(d).Name }),
			text("city", "the city it meets in", true, func(d *Doc) *string { return &d.Place.City }),
			country(),
			text("region", "the part of the world, like Europe or South America; the list of groups is by region", false, func(d *Doc) *string { return &d.Region }),
			coordinate("latitude", 90, func(d *Doc) *float64 { return &d.Place.Latitude }),
			coordinate("longitude", 180, func(d *Doc) *float64 { return &d.Place.Longitude }),
			groupSize(),
			webURL("website", "the group's own site", func(d *Doc) *string { return &d.Place.Website }),
			webURL("meetup_url", "where people sign up for meetings", func(d *Doc) *string { return &g(d).MeetupURL }),
			people("organizers", "who runs it: names or people's slugs, or {name, url}", false, func(d *Doc) *[]Person { return &g(d).Organizers }),
			groupCommunities(),
			founded(),
			enum("status", "whether it still meets; active when left out", GroupStatuses, func(d *Doc) *string { return &g(d).Status }),
			date("last_verified", "when someone last checked this entry with the group; warned of after a year", false, func(d *Doc) *time.Time { return &g(d).LastVerified }),
		},
		Order: ByTitle, Community: CommunityGroups, Check: checkGroup,
		Parts: func(d *Doc) { d.Group, d.Place = &Group{}, &Place{} },
		Scaffold: Scaffold{
			People: "organizers",
			Fields: []Preset{
				{Key: "name", Value: "", Ask: "Set name to the group's name."},
				{Key: "city", Value: "", Ask: "Set city to where the group meets."},
				{Key: "country", Value: "", Ask: "Set country to a two-letter code, like US."},
				{Key: "region", Value: ""},
				{Key: "organizers", Value: []any{}},
				{Key: "status", Value: "active"},
				{Key: "last_verified", Value: ""},
			},
			Body: "What the group does, when and where it meets, and how to join.",
			Next: []string{"Set last_verified to the day you checked the entry with the group."},
		},
	}
}

const sizeHint = "write a whole number, like 40, or a band, like 10-50"

func groupSize() Field {
	return field("size", "whole number or band", "how many come, about: 40, or a band like 10-50", false, func(d *Doc, n *yaml.Node, e *decodeErrs) {
		if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
			e.at(n, "size must be a number or a band, not "+kindName(n), sizeHint)
			return
		}
		lo, hi, ok := ParseSize(n.Value)
		if !ok {
			e.at(n, fmt.Sprintf("size %q is not a whole number or a band of two", n.Value), sizeHint+", lower number first")
			return
		}
		d.Group.SizeMin, d.Group.SizeMax = lo, hi
		d.Group.Size = strconv.Itoa(lo)
		if hi != lo {
			d.Group.Size += "–" + strconv.Itoa(hi)
		}
	})
}

// ParseSize reads a group's size: a whole number from 1 (lo and hi are
// it), or a band "lo-hi" with 1 ≤ lo < hi.
func ParseSize(s string) (lo, hi int, ok bool) {
	a, b, band := strings.Cut(strings.TrimSpace(s), "-")
	num := func(s string) (int, bool) {
		s = strings.TrimSpace(s)
		if s == "" || strings.Trim(s, "0123456789") != "" {
			return 0, false
		}
		i, err := strconv.Atoi(s)
		return i, err == nil && i >= 1
	}
	lo, ok = num(a)
	if !ok {
		return 0, 0, false
	}
	if !band {
		return lo, lo, true
	}
	hi, ok = num(b)
	if !ok || hi <= lo {
		return 0, 0, false
	}
	return lo, hi, true
}

func groupCommunities() Field {
	return placedStrings("communities", "the site's communities it belongs to (slugs)", func(d *Doc) (*[]string, *[]Pos) {
		return &d.Group.Communities, &d.Group.CommunityPos
	})
}

const foundedHint = "write the year, like 2012, or the day, like 2012-05-01"

func founded() Field {
	return field("founded", "year or date", "when the group started: a year, like 2012, or a date", false, func(d *Doc, n *yaml.Node, e *decodeErrs) {
		if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
			e.at(n, "founded must be a year or a date, not "+kindName(n), foundedHint)
			return
		}
		s := strings.TrimSpace(n.Value)
		if y, err := strconv.Atoi(s); err == nil && len(s) == 4 && y >= 1900 {
			d.Group.Founded = s
			return
		}
		if t, err := time.Parse(dateDay, s); err == nil {
			d.Group.Founded = t.Format(dateDay)
			return
		}
		e.at(n, fmt.Sprintf("founded %q is not a year or a date", n.Value), foundedHint)
	})
}

// checkGroup gives the entry its title (the group's name) and status,
// and checks the coordinates come together.
func checkGroup(d *Doc, _ func(string) bool, errs *ErrorList) {
	d.Title = d.Group.Name
	if d.Group.Status == "" {
		d.Group.Status = "active"
	}
	d.Place.HasGeo = bothCoordinates(d, errs)
}

// bothCoordinates reports whether d gives latitude and longitude, and
// reports one given without the other.
func bothCoordinates(d *Doc, errs *ErrorList) bool {
	_, lat := d.Field("latitude")
	_, lon := d.Field("longitude")
	if lat != lon {
		pos := d.FieldPos("latitude")
		if !lat {
			pos = d.FieldPos("longitude")
		}
		errs.Add(pos, "latitude and longitude come together", "give both, or neither")
	}
	return lat && lon
}
