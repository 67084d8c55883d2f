package render

import (
	"cmp"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/storyhub/storyhub/internal/content"
	"github.com/storyhub/storyhub/internal/site"
)

// Groups: the list of groups (/groups/, the groups section's list)
// shows them by region, then country, with how many each holds, beside
// a map drawn at build time: an SVG of the groups' coordinates in an
// equirectangular projection (longitude → x, latitude → y), one circle
// per group with its name as a <title>. No tiles and no request leaves
// the site. Groups without coordinates are listed, not drawn.

// GroupRegion is one region of the list of groups and its countries,
// by name; a group without a region is under "Other places", last.
type GroupRegion struct {
	Name      string
	ID        string // the heading's id
	Count     int
	Countries []GroupCountry
}

// GroupCountry is one country of a region and its groups, by name; a
// group without a country is under "Country not given", last.
type GroupCountry struct {
	Name   string
	Groups []Page
}

// The heading of groups that name no country; of those that name no
// region, site.NoRegion.
const otherCountry = "Country not given"

// GroupRegions is the section's entries (groups) by region and country.
func (s Section) GroupRegions() []GroupRegion {
	byRegion := map[string]map[string][]Page{}
	for _, p := range s.Pages() {
		region := cmp.Or(p.Doc.Region, site.NoRegion)
		country := otherCountry
		if p.Doc.Place.Country != "" {
			country = content.CountryName(p.Doc.Place.Country)
		}
		if byRegion[region] == nil {
			byRegion[region] = map[string][]Page{}
		}
		byRegion[region][country] = append(byRegion[region][country], p)
	}
	last := func(other string) func(a, b string) int {
		return func(a, b string) int {
			return cmp.Or(cmp.Compare(boolInt(a == other), boolInt(b == other)), strings.Compare(a, b))
		}
	}
	var out []GroupRegion
	for _, region := range slices.SortedFunc(maps.Keys(byRegion), last(site.NoRegion)) {
		r := GroupRegion{Name: region, ID: "region-" + strconv.Itoa(len(out))}
		for _, country := range slices.SortedFunc(maps.Keys(byRegion[region]), last(otherCountry)) {
			groups := byRegion[region][country]
			r.Count += len(groups)
			r.Countries = append(r.Countries, GroupCountry{Name: country, Groups: groups})
		}
		out = append(out, r)
	}
	return out
}

// GroupMap is the map of the section's groups that have coordinates.
type GroupMap struct {
	// ViewBox is the SVG's: 360 by 180 units, one a degree.
	ViewBox string
	Points  []GroupPoint
	Label   string // its accessible name
}

// GroupPoint is one group on the map.
type GroupPoint struct {
	X, Y  string // in the view box
	Title string // name and place
	URL   string
}

// GroupMap draws the section's groups with coordinates; nil when none
// has them.
func (s Section) GroupMap() *GroupMap {
	m := &GroupMap{ViewBox: "0 0 360 180"}
	f := func(v float64) string { return strconv.FormatFloat(v, 'f', 2, 64) }
	for _, p := range s.Pages() {
		if !p.Doc.Place.HasGeo {
			continue
		}
		place := p.Doc.Place.City
		if p.Doc.Place.Country != "" {
			place += ", " + content.CountryName(p.Doc.Place.Country)
		}
		m.Points = append(m.Points, GroupPoint{X: f(p.Doc.Place.Longitude + 180), Y: f(90 - p.Doc.Place.Latitude), Title: p.Title + " (" + place + ")", URL: p.URL})
	}
	if len(m.Points) == 0 {
		return nil
	}
	n := len(m.Points)
	m.Label = "World map of " + strconv.Itoa(n) + " groups"
	if n == 1 {
		m.Label = "World map of 1 group"
	}
	m.Label += "; the list of groups follows"
	return m
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// GroupCommunities are the communities a group names.
func (p Page) GroupCommunities() []Community {
	p.rec.add(dep{pageMeta, p.Path})
	out := make([]Community, len(p.sitePage.GroupCommunities))
	for i, c := range p.sitePage.GroupCommunities {
		out[i] = *communityOf(c, p.rec)
	}
	return out
}

// CityEvents are the events in a group's city, in the order of the
// list of events.
func (p Page) CityEvents() []Event {
	p.rec.add(dep{pageMeta, p.Path})
	p.rec.add(dep{siteEvents, ""}) // which events are there, and where
	out := make([]Event, len(p.sitePage.CityEvents))
	for i, e := range p.sitePage.CityEvents {
		out[i] = eventIn(e, p.rec)
	}
	return out
}
