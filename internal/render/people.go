package render

import (
	"bytes"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/storyhub/storyhub/internal/content"
	"github.com/storyhub/storyhub/internal/feed"
	"github.com/storyhub/storyhub/internal/site"
)

// People's pages: /people/<slug>/ for each person of site.Site.People
// (their profile, then what they wrote, gave and keep, each a list of
// its own, newest first, with a feed of all three), and /people/,
// everyone by name with a jump to each initial. The three lists are
// paginated as one, in that order, a section's page size a page, so a
// speaker of 80 talks leafs through their talks as through a section;
// each page shows the part of each list on it (Someone.Lists). Templates
// see a person through Someone, whose methods record what a page reads
// of them.

// peoplePerPage is how many names a page of /people/ lists, in site
// page sizes: a name is one line where an entry is a card, and a hub of
// 15,000 speakers would otherwise be 750 pages to leaf through.
const peoplePerPage = 10

type sitePerson = site.Person

// Someone is a person entries name (Person is schema.org's): .Name, .URL, .Link, .Letter and
// .Roles, and through methods what they wrote, gave and keep, and
// their profile.
type Someone struct {
	*sitePerson
	Name, URL string // fields of their own, found without a search
	rec       *recorder
}

func personOf(x *site.Person, rec *recorder) *Someone {
	if x == nil {
		return nil
	}
	rec.add(dep{personMeta, x.Slug})
	return &Someone{x, x.Name, x.URL, rec}
}

// Line is a line about them: their profile's summary, else the first
// sentence of its bio; "" without a profile.
func (x Someone) Line() string {
	p := x.Profile()
	if p == nil {
		return ""
	}
	if p.Summary != "" {
		return p.Summary
	}
	return firstSentence(bodyText(p.HTML()))
}

// Profile is the person's profile entry (its HTML is the bio), or nil.
func (x Someone) Profile() *Page { return pageOf(x.sitePerson.Profile, x.rec) }

func (x Someone) list(l []*site.Page) []Page {
	x.rec.add(dep{personPages, x.Slug})
	return pagesOf(l, x.rec)
}

// Wrote are the stories they wrote, newest first.
func (x Someone) Wrote() []Page { return x.list(x.sitePerson.Wrote) }

// Gave are the decks they give, newest first.
func (x Someone) Gave() []Page { return x.list(x.sitePerson.Gave) }

// Keeps are the talking points they keep, newest first.
func (x Someone) Keeps() []Page { return x.list(x.sitePerson.Keeps) }

// Organizes are the groups they organize, by name.
func (x Someone) Organizes() []Page { return x.list(x.sitePerson.Organizes) }

// PersonList is the part of one of a person's lists on one of their
// pages: what they wrote, gave or keep.
type PersonList struct {
	ID    string // person-wrote, -gave or -keeps: the heading's id, apart from a bio's
	Title string // Wrote, Gave or Keeps
	Pages []Page
	// First and Last are the 1-based positions in the list of the
	// first and last shown, Count the list's length.
	First, Last, Count int
}

// personList is one of a person's lists.
type personList struct {
	id, title string
	pages     []*site.Page
}

// listsOf are a person's lists, in the order their pages show them.
func listsOf(x *site.Person) []personList {
	return []personList{{"person-wrote", "Wrote", x.Wrote}, {"person-gave", "Gave", x.Gave}, {"person-keeps", "Keeps", x.Keeps}, {"person-organizes", "Organizes", x.Organizes}}
}

// personEntries are a person's lists one after the other, which their
// pages are paginated as.
func personEntries(x *site.Person) []*site.Page {
	return slices.Concat(x.Wrote, x.Gave, x.Keeps, x.Organizes)
}

// Lists are the parts of what they wrote, gave and keep that page pg
// of their pages shows, in that order, each newest first; a list with
// nothing on the page is left out.
func (x Someone) Lists(pg *Pager) []PersonList {
	x.rec.add(dep{personPages, x.Slug})
	var out []PersonList
	lo, hi := pg.First-1, pg.First-1+len(pg.pages) // of personEntries
	start := 0
	for _, l := range listsOf(x.sitePerson) {
		end := start + len(l.pages)
		if from, to := max(lo, start), min(hi, end); from < to {
			out = append(out, PersonList{ID: l.id, Title: l.title, Pages: pagesOf(l.pages[from-start:to-start], x.rec), First: from - start + 1, Last: to - start, Count: len(l.pages)})
		}
		start = end
	}
	return out
}

// Count is how many entries name them.
func (x Someone) Count() int {
	x.rec.add(dep{personPages, x.Slug})
	return len(x.sitePerson.Pages)
}

// Byline is a name an entry gives, as its person's page shows it.
type Byline struct {
	Name, URL string
}

// Persons are the people of names the page gives (its authors, speakers
// or owners), each with their page.
func (p Page) Persons(names []content.Person) []Byline {
	p.rec.add(dep{pageLinks, p.Path})
	out := make([]Byline, 0, len(names))
	for _, n := range names {
		if x := p.sitePage.PersonOf(n.Name); x != nil {
			out = append(out, Byline{x.Name, x.URL})
		} else {
			out = append(out, Byline{Name: n.Name})
		}
	}
	return out
}

// People is everyone, by name.
func (s Site) People() []Someone {
	s.rec.add(dep{sitePeople, ""})
	out := make([]Someone, len(s.siteSite.People))
	for i, x := range s.siteSite.People {
		out[i] = Someone{x, x.Name, x.URL, s.rec}
	}
	return out
}

// PeoplePage is one page of the list of people: its people, the jumps
// to each initial, and its neighbours.
type PeoplePage struct {
	Number, Total    int
	Count            int // everyone
	PrevURL, NextURL string
	People           []PersonLine
	Letters          []Letter
}

// PersonLine is a person as the list shows them; Anchor is set on the
// first of their initial, the target of its jump.
type PersonLine struct {
	Name, URL, Anchor string
	Count             int
}

// Letter is a jump to where an initial starts; URL is "" when no one's
// name starts with it.
type Letter struct {
	Letter, URL string
}

// peopleListPage makes page n of the list of people from everyone, as
// the list reads them.
func peopleListPage(s *site.Site, n, size int, rec *recorder) *PeoplePage {
	rec.add(dep{sitePeople, ""})
	everyone := s.People
	total := max(1, (len(everyone)+size-1)/size)
	pageURL := func(n int) string {
		if n == 1 {
			return site.PeopleURL
		}
		return site.PeopleURL + "page/" + strconv.Itoa(n) + "/"
	}
	pg := &PeoplePage{Number: n, Total: total, Count: len(everyone)}
	if n > 1 {
		pg.PrevURL = pageURL(n - 1)
	}
	if n < total {
		pg.NextURL = pageURL(n + 1)
	}
	first := map[string]int{} // initial → index of its first person
	for i, x := range everyone {
		if _, ok := first[x.Letter]; !ok {
			first[x.Letter] = i
		}
	}
	for _, l := range append(strings.Split("ABCDEFGHIJKLMNOPQRSTUVWXYZ", ""), "#") {
		j := Letter{Letter: l}
		if i, ok := first[l]; ok {
			j.URL = pageURL(i/size+1) + "#" + letterID(l)
		}
		pg.Letters = append(pg.Letters, j)
	}
	lo, hi := min((n-1)*size, len(everyone)), min(n*size, len(everyone))
	for i, x := range everyone[lo:hi] {
		line := PersonLine{Name: x.Name, URL: x.URL, Count: len(x.Pages)}
		if first[x.Letter] == lo+i {
			line.Anchor = letterID(x.Letter)
		}
		pg.People = append(pg.People, line)
	}
	return pg
}

// letterID is the id of where an initial starts in the list.
func letterID(l string) string {
	if l == "#" {
		return "other"
	}
	return strings.ToLower(l)
}

// peoplePages plans the list of people and each person's pages, each
// with page.
func peoplePages(s *site.Site, page func(*view, *Claim)) {
	size := peoplePerPage * s.Config.PageSize
	total := max(1, (len(s.People)+size-1)/size)
	for n := 1; n <= total; n++ {
		url := site.PeopleURL
		if n > 1 {
			url += "page/" + strconv.Itoa(n) + "/"
		}
		page(&view{template: "people", url: url, title: "People", summary: "Everyone who wrote, gave or keeps something on " + s.Config.Title + ".", peoplePage: n, peopleSize: size},
			made(pagerName(&Pager{Number: n}, "the list of people")))
	}
	for _, x := range s.People {
		paginate(x.URL, personEntries(x), s.Config.PageSize, "person/"+x.Slug, func(url string, pg *Pager) {
			page(&view{template: "person", url: url, title: x.Name, summary: personSummary(x), person: x, pager: pg, feedURL: x.URL + "feed.xml"},
				made(pagerName(pg, "the page of person "+x.Slug)))
		})
	}
}

// personSummary says in a sentence what the person has on the site:
// "Ada wrote 2 stories and gives a talk."
func personSummary(x *site.Person) string {
	var parts []string
	count := func(n int, one, many string) {
		switch {
		case n == 1:
			parts = append(parts, one)
		case n > 1:
			parts = append(parts, strings.Replace(many, "N", strconv.Itoa(n), 1))
		}
	}
	count(len(x.Wrote), "wrote a story", "wrote N stories")
	count(len(x.Gave), "gives a talk", "gives N talks")
	count(len(x.Keeps), "keeps talking points", "keeps N sets of talking points")
	count(len(x.Organizes), "organizes a group", "organizes N groups")
	switch len(parts) {
	case 0:
		return x.Name + "."
	case 1:
		return x.Name + " " + parts[0] + "."
	}
	return x.Name + " " + strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1] + "."
}

// peopleFeeds are each person's feed: what they wrote, gave and keep,
// newest first.
func (r *Renderer) peopleFeeds(s *site.Site) []Output {
	outs := make([]Output, 0, len(s.People))
	for _, x := range s.People {
		outPath := strings.TrimPrefix(x.URL, "/") + "feed.xml"
		outs = append(outs, Output{Path: outPath, MediaType: Feed,
			render: func(buf *bytes.Buffer, _ *Pass, rec *recorder) error {
				list := func(sv Site) []Page {
					rec.add(dep{personPages, x.Slug})
					return pagesOf(x.Pages, rec)
				}
				rec.add(dep{personMeta, x.Slug})
				ch := channel(siteOf(s, rec), x.Name+" · "+s.Config.Title, personSummary(x), escapedPath(x.URL), "/"+escapedPath(outPath), list)
				return feed.RSS(buf, ch)
			},
			Claim: made("the RSS feed of person " + x.Slug),
		})
	}
	return outs
}

// escapedPath is a site path as a URL writes it: a slug in another
// script percent-encoded, as feeds and the sitemap need it.
func escapedPath(p string) string { return (&url.URL{Path: p}).EscapedPath() }
