package stats

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
	"unicode/utf8"
)

// WriteJSON writes r as one indented JSON object of Report's shape.
func WriteJSON(w io.Writer, r Report) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

// CSVHeader is the header row of WriteCSV's one table. Each row is one
// number: table names what it counts (totals, contributors, month,
// community, first_timers, groups_by_region, groups_by_size,
// events_by_year, stale), key the month, community, quarter, region,
// band, year or entry URL it is of, metric what is counted (stories,
// decks, guides, authors, speakers, people, groups, events, or
// last_reviewed for a stale entry, whose owners are in detail) and
// value the number, or the day for last_reviewed.
var CSVHeader = []string{"table", "key", "metric", "value", "detail"}

// WriteCSV writes r as one CSV table of CSVHeader's columns.
func WriteCSV(w io.Writer, r Report) error {
	cw := csv.NewWriter(w)
	row := func(table, key, metric, value, detail string) {
		cw.Write([]string{table, key, metric, value, detail})
	}
	counts := func(table, key string, c Counts) {
		row(table, key, "stories", strconv.Itoa(c.Stories), "")
		row(table, key, "decks", strconv.Itoa(c.Decks), "")
		row(table, key, "guides", strconv.Itoa(c.Guides), "")
	}
	cw.Write(CSVHeader)
	counts("totals", "", r.Totals)
	row("contributors", "", "authors", strconv.Itoa(r.Authors), "")
	row("contributors", "", "speakers", strconv.Itoa(r.Speakers), "")
	for _, m := range r.ByMonth {
		counts("month", m.Month, m.Counts)
	}
	for _, c := range r.ByCommunity {
		counts("community", c.Slug, c.Counts)
	}
	for _, q := range r.FirstTimers {
		row("first_timers", q.Quarter, "people", strconv.Itoa(len(q.People)), strings.Join(q.People, " "))
	}
	for _, t := range []struct {
		name, metric string
		b            []Bucket
	}{{"groups_by_region", "groups", r.GroupRegions}, {"groups_by_size", "groups", r.GroupSizes}, {"events_by_year", "events", r.EventYears}} {
		for _, b := range t.b {
			row(t.name, b.Name, t.metric, strconv.Itoa(b.Count), "")
		}
	}
	for _, e := range r.Stale {
		row("stale", e.URL, "last_reviewed", e.LastReviewed, strings.Join(e.Owners, "; "))
	}
	cw.Flush()
	return cw.Error()
}

// WriteText writes r for a terminal: a few lines per table.
func WriteText(w io.Writer, r Report) error {
	var b strings.Builder
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', tabwriter.AlignRight)
	table := func(title string, head []string, rows [][]string) {
		if len(rows) == 0 {
			return
		}
		tw.Flush()
		fmt.Fprintf(&b, "\n%s\n", title)
		// Names to the left, numbers to the right: the names are padded
		// to one width, which tabwriter then leaves as they are.
		width := 0
		for _, r := range rows {
			width = max(width, utf8.RuneCountInString(r[0]))
		}
		for _, r := range append([][]string{head}, rows...) {
			pad := strings.Repeat(" ", width-utf8.RuneCountInString(r[0]))
			fmt.Fprintf(tw, "  %s%s\t%s\t\n", r[0], pad, strings.Join(r[1:], "\t"))
		}
		tw.Flush()
	}
	counts := func(c Counts) []string {
		return []string{strconv.Itoa(c.Stories), strconv.Itoa(c.Decks), strconv.Itoa(c.Guides)}
	}
	fmt.Fprintf(&b, "Impact as of %s\n\n", r.Now)
	fmt.Fprintf(&b, "Stories %d, decks %d, guides %d\n", r.Totals.Stories, r.Totals.Decks, r.Totals.Guides)
	fmt.Fprintf(&b, "Authors %d, speakers %d\n", r.Authors, r.Speakers)
	head := []string{"", "stories", "decks", "guides"}
	var rows [][]string
	for _, m := range r.ByMonth {
		rows = append(rows, append([]string{m.Month}, counts(m.Counts)...))
	}
	table("Per month", head, rows)
	rows = nil
	for _, c := range r.ByCommunity {
		rows = append(rows, append([]string{c.Name}, counts(c.Counts)...))
	}
	table("Per community", head, rows)
	rows = nil
	for _, q := range r.FirstTimers {
		rows = append(rows, []string{q.Quarter, strconv.Itoa(len(q.People))})
	}
	table("First-time contributors", []string{"", "people"}, rows)
	for _, t := range []struct {
		title, what string
		b           []Bucket
	}{{"Groups by region", "groups", r.GroupRegions}, {"Groups by size", "groups", r.GroupSizes}, {"Events per year", "events", r.EventYears}} {
		rows = nil
		for _, x := range t.b {
			rows = append(rows, []string{x.Name, strconv.Itoa(x.Count)})
		}
		table(t.title, []string{"", t.what}, rows)
	}
	if len(r.Stale) > 0 {
		fmt.Fprintf(&b, "\nNot reviewed in %d months\n", StaleMonths)
		for _, e := range r.Stale {
			when := e.LastReviewed
			if when == "" {
				when = "never"
			}
			owners := strings.Join(e.Owners, ", ")
			if owners == "" {
				owners = "no owner"
			}
			fmt.Fprintf(&b, "  %s (%s, last reviewed %s): %s\n", e.Title, e.Kind, when, owners)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}
