package site

import (
	"strings"
	"testing"
	"time"
)

// TestEventOrder: upcoming events soonest first (an event of days is
// upcoming through its last day, where it is), then past ones newest
// first under their year, then those without dates by name.
func TestEventOrder(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	events := []*Event{
		{Name: "zope sprint"},
		{Name: "Past 2025", Start: day(2025, 3, 1), AllDay: true},
		{Name: "Later", Start: day(2027, 1, 1), AllDay: true},
		{Name: "Ends today in New York", Start: day(2026, 5, 30), End: day(2026, 5, 31), AllDay: true, Zone: ny},
		{Name: "Ended yesterday", Start: day(2026, 5, 30), AllDay: true},
		{Name: "Past 2026, timed", Start: time.Date(2026, 5, 31, 22, 0, 0, 0, time.UTC), End: time.Date(2026, 5, 31, 23, 0, 0, 0, time.UTC)},
		{Name: "Aardvark Con"},
		{Name: "Past 2019", Start: day(2019, 9, 1), AllDay: true},
	}
	// The first of June at midnight UTC: still the 31st of May in New York.
	for _, e := range events {
		e.Group = groupOf(e, now)
	}
	SortEvents(events)
	var got []string
	for _, e := range events {
		got = append(got, e.Group+": "+e.Name)
	}
	want := []string{
		"Upcoming: Ends today in New York",
		"Upcoming: Later",
		"2026: Past 2026, timed",
		"2026: Ended yesterday",
		"2025: Past 2025",
		"2019: Past 2019",
		"Dates to come: Aardvark Con",
		"Dates to come: zope sprint",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("order:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
