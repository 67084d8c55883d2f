// Package stats counts what a built site holds, for the people who
// report on a hub's impact: stories, decks and guides per month and
// per community; the distinct authors and speakers; the first-time
// contributors of each quarter; groups by region and by size band;
// events per year; and the talking points and guides whose
// last_reviewed is more than six months before the build, with their
// owners.
//
// A contributor is a person of the site's people index (an author,
// speaker or owner), so two spellings of one person count once, by
// the person's slug. A person counts as first-time in the quarter of
// their earliest dated story, deck or guide.
//
// Every list in a Report is sorted (months, quarters and years
// ascending; communities and regions by name; size bands smallest
// first), so its JSON is stable.
package stats

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/storyhub/storyhub/internal/content"
	"github.com/storyhub/storyhub/internal/site"
)

// Report is what Compute counts; its JSON is the shape of
// "storyhub stats --format json".
type Report struct {
	Now          string       `json:"now"` // the build's day, 2006-01-02
	Totals       Counts       `json:"totals"`
	Authors      int          `json:"authors"`  // distinct people naming a story
	Speakers     int          `json:"speakers"` // distinct people naming a deck
	ByMonth      []Period     `json:"by_month"` // 2026-05
	ByCommunity  []Community  `json:"by_community"`
	FirstTimers  []Quarter    `json:"first_timers"`
	GroupRegions []Bucket     `json:"groups_by_region"`
	GroupSizes   []Bucket     `json:"groups_by_size"`
	EventYears   []Bucket     `json:"events_by_year"`
	Stale        []StaleEntry `json:"stale"`
}

// Counts are the publications of one month, community or the site.
type Counts struct {
	Stories int `json:"stories"`
	Decks   int `json:"decks"`
	Guides  int `json:"guides"`
}

// Period is the counts of one month.
type Period struct {
	Month string `json:"month"`
	Counts
}

// Community is the counts of one community, by its slug.
type Community struct {
	Slug string `json:"slug"`
	Name string `json:"name"`
	URL  string `json:"url"` // its page
	Counts
}

// Quarter is how many people first contributed in it (2026-Q2).
type Quarter struct {
	Quarter string   `json:"quarter"`
	People  []string `json:"people"` // their slugs, sorted
}

// Bucket is a count under a name: a region, a size band, a year.
type Bucket struct {
	Name  string `json:"name"`
	Count int    `json:"count"`
}

// StaleEntry is a talking point or guide reviewed too long ago.
type StaleEntry struct {
	Title        string   `json:"title"`
	URL          string   `json:"url"`
	Kind         string   `json:"kind"`
	LastReviewed string   `json:"last_reviewed"` // 2006-01-02, "" when never
	Owners       []string `json:"owners"`        // names as shown
}

// StaleMonths is how long ago a last_reviewed may be before the entry
// is listed as stale: exactly six months is still current.
const StaleMonths = 6

// sizeBounds are the bands groups are counted in, by their largest
// estimate: up to each bound, and the last one above all of them.
var sizeBounds = []int{20, 50, 100, 250}

// Stale reports whether an entry last reviewed on reviewed is stale at
// now: never reviewed, or reviewed before now less six months.
func Stale(reviewed, now time.Time) bool {
	if reviewed.IsZero() {
		return true
	}
	return reviewed.Before(now.AddDate(0, -StaleMonths, 0))
}

// QuarterOf names t's quarter: 2026-Q2.
func QuarterOf(t time.Time) string {
	return fmt.Sprintf("%d-Q%d", t.Year(), (int(t.Month())-1)/3+1)
}

// SizeBand names the band of a group whose largest estimate is max;
// "unknown" when it gives none.
func SizeBand(max int) string {
	if max <= 0 {
		return "unknown"
	}
	lo := 1
	for _, b := range sizeBounds {
		if max <= b {
			return fmt.Sprintf("%d–%d", lo, b)
		}
		lo = b + 1
	}
	return fmt.Sprintf("over %d", sizeBounds[len(sizeBounds)-1])
}

// bandOrder places a SizeBand name: the bands smallest first, unknown
// last.
func bandOrder(name string) int {
	for i, b := range sizeBounds {
		if name == SizeBand(b) {
			return i
		}
	}
	if name == SizeBand(sizeBounds[len(sizeBounds)-1]+1) {
		return len(sizeBounds)
	}
	return len(sizeBounds) + 1
}

// Compute counts s as of now.
func Compute(s *site.Site, now time.Time) Report {
	r := Report{Now: now.Format(time.DateOnly), ByMonth: []Period{}, ByCommunity: []Community{}, FirstTimers: []Quarter{}, Stale: []StaleEntry{}}
	months := map[string]*Counts{}
	comms := map[string]*Community{}
	for _, c := range s.Communities {
		comms[c.Slug] = &Community{Slug: c.Slug, Name: c.Name, URL: c.URL}
	}
	authors, speakers := map[string]bool{}, map[string]bool{}
	first := map[string]time.Time{} // person slug → earliest entry
	regions, sizes := map[string]int{}, map[string]int{}
	for _, p := range s.Pages {
		var count func(*Counts)
		switch p.Kind {
		case content.Story:
			count = func(c *Counts) { c.Stories++ }
		case content.Deck:
			count = func(c *Counts) { c.Decks++ }
		case content.Guide:
			count = func(c *Counts) { c.Guides++ }
		case content.GroupKind:
			regions[cmp.Or(p.Doc.Region, site.NoRegion)]++
			sizes[SizeBand(p.Doc.Group.SizeMax)]++
		}
		if p.Kind == content.TalkingPoints || p.Kind == content.Guide {
			if Stale(p.Doc.LastReviewed, now) {
				e := StaleEntry{Title: p.Doc.Title, URL: p.URL, Kind: s.Kinds[p.Kind].Name, Owners: []string{}}
				if !p.Doc.LastReviewed.IsZero() {
					e.LastReviewed = p.Doc.LastReviewed.Format(time.DateOnly)
				}
				for _, o := range p.Owners {
					name := o.Name
					if x := p.PersonOf(o.Name); x != nil {
						name = x.Name
					}
					e.Owners = append(e.Owners, name)
				}
				r.Stale = append(r.Stale, e)
			}
		}
		if count == nil {
			continue
		}
		count(&r.Totals)
		if !p.Doc.Date.IsZero() {
			m := p.Doc.Date.Format("2006-01")
			if months[m] == nil {
				months[m] = &Counts{}
			}
			count(months[m])
		}
		if p.Community != nil {
			if comms[p.Community.Slug] == nil {
				comms[p.Community.Slug] = &Community{Slug: p.Community.Slug, Name: p.Community.Name, URL: p.Community.URL}
			}
			count(&comms[p.Community.Slug].Counts)
		}
		for _, field := range []struct {
			names []content.Person
			seen  map[string]bool
		}{{p.Authors, authors}, {p.Speakers, speakers}, {p.Owners, nil}} {
			for _, n := range field.names {
				x := p.PersonOf(n.Name)
				if x == nil {
					continue
				}
				if field.seen != nil {
					field.seen[x.Slug] = true
				}
				if d := p.Doc.Date; !d.IsZero() {
					if f, ok := first[x.Slug]; !ok || d.Before(f) {
						first[x.Slug] = d
					}
				}
			}
		}
	}
	r.Authors, r.Speakers = len(authors), len(speakers)
	for _, m := range slices.Sorted(maps.Keys(months)) {
		r.ByMonth = append(r.ByMonth, Period{Month: m, Counts: *months[m]})
	}
	for _, k := range slices.Sorted(maps.Keys(comms)) {
		r.ByCommunity = append(r.ByCommunity, *comms[k])
	}
	quarters := map[string][]string{}
	for slug, t := range first {
		quarters[QuarterOf(t)] = append(quarters[QuarterOf(t)], slug)
	}
	for _, q := range slices.Sorted(maps.Keys(quarters)) {
		slices.Sort(quarters[q])
		r.FirstTimers = append(r.FirstTimers, Quarter{Quarter: q, People: quarters[q]})
	}
	r.GroupRegions = buckets(regions)
	r.GroupSizes = buckets(sizes)
	slices.SortStableFunc(r.GroupSizes, func(a, b Bucket) int { return cmp.Compare(bandOrder(a.Name), bandOrder(b.Name)) })
	years := map[string]int{}
	for _, e := range s.Events {
		if e.Dated() {
			years[fmt.Sprint(e.Start.Year())]++
		}
	}
	r.EventYears = buckets(years)
	slices.SortFunc(r.Stale, func(a, b StaleEntry) int {
		return cmp.Or(cmp.Compare(a.LastReviewed, b.LastReviewed), cmp.Compare(a.URL, b.URL))
	})
	return r
}

func buckets(m map[string]int) []Bucket {
	out := []Bucket{}
	for _, k := range slices.Sorted(maps.Keys(m)) {
		out = append(out, Bucket{Name: k, Count: m[k]})
	}
	return out
}
