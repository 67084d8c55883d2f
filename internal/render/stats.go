package render

import (
	"fmt"
	"strconv"
	"time"

	"github.com/storyhub/storyhub/internal/chart"
	"github.com/storyhub/storyhub/internal/site"
	"github.com/storyhub/storyhub/internal/stats"
)

// The site's numbers at /stats/: what storyhub stats prints (the
// internal/stats Report, as of the build's day), each table drawn as a
// chart beside it. They follow from every page's own values, the
// people, the communities and the events, so the page records it read
// them all.

// Impact is the numbers as a template sees them: .Report, and a chart of
// each of its tables.
type Impact struct {
	Report stats.Report
	Now    time.Time
	// Publications is stories, decks and guides per month; Communities,
	// the same per community.
	Publications, Communities chart.Chart
	FirstTimers               chart.Chart // first-time contributors per quarter
	Regions, Sizes            chart.Chart // groups by region and by size band
	EventYears                chart.Chart // events per year
}

// publicationSeries name the counts of stats.Counts, in its order.
var publicationSeries = []string{"Stories", "Decks", "Guides"}

func countValues(c stats.Counts) []int { return []int{c.Stories, c.Decks, c.Guides} }

// impactOf is the site's numbers as of the build.
func impactOf(s *site.Site, rec *recorder) *Impact {
	rec.add(dep{sitePages, ""})
	rec.add(dep{sitePeople, ""})
	rec.add(dep{siteCommunities, ""})
	rec.add(dep{siteEvents, ""})
	now := s.Now()
	r := stats.Compute(s, now)
	im := &Impact{Report: r, Now: now}
	// Time runs on evenly in the columns: a month, quarter or year
	// without entries is a column of zero, not left out.
	months := chart.Data{Series: publicationSeries}
	byMonth := map[string][]int{}
	for _, m := range r.ByMonth {
		byMonth[m.Month] = countValues(m.Counts)
	}
	if len(r.ByMonth) > 0 {
		first, _ := time.Parse("2006-01", r.ByMonth[0].Month)
		last, _ := time.Parse("2006-01", r.ByMonth[len(r.ByMonth)-1].Month)
		for t := first; !t.After(last); t = t.AddDate(0, 1, 0) {
			m := t.Format("2006-01")
			months.Categories = append(months.Categories, m)
			v, ok := byMonth[m]
			if !ok {
				v = make([]int, len(publicationSeries))
			}
			months.Values = append(months.Values, v)
		}
	}
	im.Publications = chart.Columns(months)
	comms := chart.Data{Series: publicationSeries}
	for _, c := range r.ByCommunity {
		comms.Categories = append(comms.Categories, c.Name)
		comms.Values = append(comms.Values, countValues(c.Counts))
	}
	im.Communities = chart.Rows(comms)
	first := chart.Data{Series: []string{"First-time contributors"}}
	byQuarter := map[string]int{}
	for _, q := range r.FirstTimers {
		byQuarter[q.Quarter] = len(q.People)
	}
	if len(r.FirstTimers) > 0 {
		from := quarterStart(r.FirstTimers[0].Quarter)
		to := quarterStart(r.FirstTimers[len(r.FirstTimers)-1].Quarter)
		for t := from; !t.After(to); t = t.AddDate(0, 3, 0) {
			q := stats.QuarterOf(t)
			first.Categories = append(first.Categories, q)
			first.Values = append(first.Values, []int{byQuarter[q]})
		}
	}
	im.FirstTimers = chart.Columns(first)
	im.Regions = chart.Rows(bucketData("Groups", r.GroupRegions))
	im.Sizes = chart.Rows(bucketData("Groups", r.GroupSizes))
	years := chart.Data{Series: []string{"Events"}}
	byYear := map[int]int{}
	for _, b := range r.EventYears {
		y, _ := strconv.Atoi(b.Name)
		byYear[y] = b.Count
	}
	if n := len(r.EventYears); n > 0 {
		from, _ := strconv.Atoi(r.EventYears[0].Name)
		to, _ := strconv.Atoi(r.EventYears[n-1].Name)
		for y := from; y <= to; y++ {
			years.Categories = append(years.Categories, strconv.Itoa(y))
			years.Values = append(years.Values, []int{byYear[y]})
		}
	}
	im.EventYears = chart.Columns(years)
	return im
}

// quarterStart is the first day of a stats.QuarterOf quarter.
func quarterStart(q string) time.Time {
	var y, n int
	fmt.Sscanf(q, "%d-Q%d", &y, &n)
	return time.Date(y, time.Month(3*n-2), 1, 0, 0, 0, 0, time.UTC)
}

func bucketData(series string, bs []stats.Bucket) chart.Data {
	d := chart.Data{Series: []string{series}}
	for _, b := range bs {
		d.Categories = append(d.Categories, b.Name)
		d.Values = append(d.Values, []int{b.Count})
	}
	return d
}

// statsPage plans the page of the numbers.
func statsPage(s *site.Site, page func(*view, Claim)) {
	page(&view{template: "stats", url: site.StatsURL, title: "Numbers",
		summary: "Stories, decks and guides per month and per community, contributors, groups and events on " + s.Config.Title + ".",
		impact:  true}, made("the page of the site's numbers"))
}
