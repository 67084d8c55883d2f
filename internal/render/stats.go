package render

import (
	"fmt"
	"time"

	"github.com/storyhub/storyhub/internal/chart"
	"github.com/storyhub/storyhub/internal/site"
	"github.com/storyhub/storyhub/internal/stats"
)

// The site's numbers at /stats/: what storyhub stats prints (the
// internal/stats Report, as of the build's day), each table drawn as a
// chart beside it. They follow from every page's own values, the
// people, the communities and the events; the page records the report
// itself (siteStats), so an edit that changes no number, such as a
// title, keeps it.

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
	rec.add(dep{siteStats, ""})
	now := s.Now()
	r := stats.Compute(s, now)
	im := &Impact{Report: r, Now: now}
	months := chart.Data{Series: publicationSeries}
	byMonth := map[string][]int{}
	var monthKeys []string
	for _, m := range r.ByMonth {
		byMonth[m.Month] = countValues(m.Counts)
		monthKeys = append(monthKeys, m.Month)
	}
	months.Categories, months.Values = timeline(monthKeys, monthStart, 1, func(t time.Time) string { return t.Format("2006-01") }, byMonth, len(publicationSeries))
	im.Publications = chart.Columns(months)
	comms := chart.Data{Series: publicationSeries}
	for _, c := range r.ByCommunity {
		comms.Categories = append(comms.Categories, c.Name)
		comms.Values = append(comms.Values, countValues(c.Counts))
	}
	im.Communities = chart.Rows(comms)
	first := chart.Data{Series: []string{"First-time contributors"}}
	byQuarter := map[string][]int{}
	var quarterKeys []string
	for _, q := range r.FirstTimers {
		byQuarter[q.Quarter] = []int{len(q.People)}
		quarterKeys = append(quarterKeys, q.Quarter)
	}
	first.Categories, first.Values = timeline(quarterKeys, quarterStart, 3, stats.QuarterOf, byQuarter, 1)
	im.FirstTimers = chart.Columns(first)
	im.Regions = chart.Rows(bucketData("Groups", r.GroupRegions))
	im.Sizes = chart.Rows(bucketData("Groups", r.GroupSizes))
	years := chart.Data{Series: []string{"Events"}}
	byYear := map[string][]int{}
	var yearKeys []string
	for _, b := range r.EventYears {
		byYear[b.Name] = []int{b.Count}
		yearKeys = append(yearKeys, b.Name)
	}
	years.Categories, years.Values = timeline(yearKeys, yearStart, 12, func(t time.Time) string { return t.Format("2006") }, byYear, 1)
	im.EventYears = chart.Columns(years)
	return im
}

// timeline is the periods from the first of keys to the last (sorted
// names of periods, such as months), every one of them: time runs on
// evenly in a chart's columns, so a period without entries is a column
// of zeros, not left out. start parses a name, name writes one, and a
// period is months long; values are each name's, series of them.
func timeline(keys []string, start func(string) time.Time, months int, name func(time.Time) string, values map[string][]int, series int) ([]string, [][]int) {
	var names []string
	var vals [][]int
	if len(keys) == 0 {
		return names, vals
	}
	last := start(keys[len(keys)-1])
	for t := start(keys[0]); !t.After(last); t = t.AddDate(0, months, 0) {
		n := name(t)
		v, ok := values[n]
		if !ok {
			v = make([]int, series)
		}
		names, vals = append(names, n), append(vals, v)
	}
	return names, vals
}

// monthStart and yearStart are the first day of a month (2024-05) and
// a year (2024) as stats names them.
func monthStart(m string) time.Time { t, _ := time.Parse("2006-01", m); return t }
func yearStart(y string) time.Time  { t, _ := time.Parse("2006", y); return t }

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
func statsPage(s *site.Site, page func(*view, *Claim)) {
	page(&view{template: "stats", url: site.StatsURL, title: "Numbers",
		summary: "Stories, decks and guides per month and per community, contributors, groups and events on " + s.Config.Title + ".",
		impact:  true}, made("the page of the site's numbers"))
}
