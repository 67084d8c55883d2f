package site

import (
	"fmt"
	"slices"
	"strings"

	"github.com/storyhub/storyhub/internal/content"
)

// Groups. A group entry (content.GroupKind's folder, a section of its
// own at /groups/) names the site's communities it belongs to: each
// must be one of site.toml's (or, without that list, a slug, which
// makes the community), and the community's page lists the group. Its
// organizers are people, as a story's authors are (people.go). An
// entry whose last_verified is more than a year before the build is
// warned of at that line, so organizers re-check it.
//
// A group's events are the event entries in its city: the same city
// (case aside) and country. Events name no group, so a group's page
// says "Events in <city>", which is what it knows.

// NoRegion is where groups that name no region are counted and listed.
const NoRegion = "Other places"

// staleAfter is how old a group's last_verified may be before check
// warns of it, in days.
const staleAfter = 365

// groups checks the groups' communities and how recently each was
// verified.
func (s *Site) groups(errs *content.ErrorList) {
	byslug := map[string]*Community{}
	for _, c := range s.Communities {
		byslug[c.Slug] = c
	}
	listed := sortedKeys(s.Config.Communities)
	for _, p := range s.Pages {
		if s.Kinds[p.Kind].Community != content.CommunityGroups {
			continue
		}
		g := p.Doc.Group
		for i, slug := range g.Communities {
			c, ok := byslug[slug]
			if !ok {
				pos := g.CommunityPos[i]
				switch {
				case len(listed) > 0:
					hint := "add it under [communities] in site.toml, or use one of: " + strings.Join(listed, ", ")
					if h := suggestName(slug, listed); h != "" {
						hint = h
					}
					errs.Add(pos, fmt.Sprintf("community %q is not listed in site.toml", slug), hint)
					continue
				case !content.ValidSlug(slug):
					errs.Add(pos, fmt.Sprintf("community %q is not a slug", slug), fmt.Sprintf("try %q", content.Slugify(slug)))
					continue
				}
				c = &Community{Slug: slug, Name: titleCase(slug), URL: CommunitiesURL + slug + "/"}
				byslug[slug] = c
				s.Communities = append(s.Communities, c)
			}
			if len(c.Groups) == 0 || c.Groups[len(c.Groups)-1] != p {
				c.Groups = append(c.Groups, p)
				p.GroupCommunities = append(p.GroupCommunities, c)
			}
		}
		for _, e := range s.Events {
			if e.Entry != nil && e.Entry.Doc.Place.Country == p.Doc.Place.Country && strings.EqualFold(e.City, p.Doc.Place.City) {
				p.CityEvents = append(p.CityEvents, e)
			}
		}
		if v := g.LastVerified; v.After(s.now.AddDate(0, 0, 1)) {
			// A day of grace for the time zones; later is a slip of the keys.
			errs.Warn(p.FieldPos("last_verified"), fmt.Sprintf("last verified on %s, which has not come yet", v.Format("2 January 2006")),
				"set last_verified to the day the entry was checked with the group's organizers")
		} else if !v.IsZero() && s.now.Sub(v).Hours() > 24*staleAfter {
			errs.Warn(p.FieldPos("last_verified"), fmt.Sprintf("last verified on %s, more than a year ago", v.Format("2 January 2006")),
				"check the entry with the group's organizers, then set last_verified to today's date; set status: dormant if it no longer meets")
		}
	}
	slices.SortFunc(s.Communities, func(a, b *Community) int { return strings.Compare(a.Slug, b.Slug) })
}
