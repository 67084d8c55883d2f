package stats_test

import (
	"context"
	"os"
	"reflect"
	"testing"
	"time"

	"github.com/storyhub/storyhub/internal/build"
	"github.com/storyhub/storyhub/internal/site"
	"github.com/storyhub/storyhub/internal/sitetest"
	"github.com/storyhub/storyhub/internal/stats"
)

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestStale(t *testing.T) {
	now := day("2026-09-15")
	for _, c := range []struct {
		reviewed string
		want     bool
	}{
		{"2026-03-15", false}, // exactly six months: still current
		{"2026-03-14", true},  // a day more
		{"2026-03-16", false},
		{"2026-09-15", false},
		{"2020-01-01", true},
		{"", true}, // never reviewed
	} {
		var r time.Time
		if c.reviewed != "" {
			r = day(c.reviewed)
		}
		if got := stats.Stale(r, now); got != c.want {
			t.Errorf("Stale(%q, %s) = %v, want %v", c.reviewed, now.Format(time.DateOnly), got, c.want)
		}
	}
}

func TestQuarterOf(t *testing.T) {
	for _, c := range []struct{ day, want string }{
		{"2026-01-01", "2026-Q1"}, {"2026-03-31", "2026-Q1"}, {"2026-04-01", "2026-Q2"},
		{"2026-06-30", "2026-Q2"}, {"2026-07-01", "2026-Q3"}, {"2026-10-01", "2026-Q4"}, {"2026-12-31", "2026-Q4"},
	} {
		if got := stats.QuarterOf(day(c.day)); got != c.want {
			t.Errorf("QuarterOf(%s) = %s, want %s", c.day, got, c.want)
		}
	}
}

func TestSizeBand(t *testing.T) {
	for _, c := range []struct {
		max  int
		want string
	}{{0, "unknown"}, {1, "1–20"}, {20, "1–20"}, {21, "21–50"}, {50, "21–50"}, {100, "51–100"}, {250, "101–250"}, {251, "over 250"}} {
		if got := stats.SizeBand(c.max); got != c.want {
			t.Errorf("SizeBand(%d) = %q, want %q", c.max, got, c.want)
		}
	}
}

// TestCompute counts a small site: one person spelt two ways counts
// once, in the quarter of their first entry.
func TestCompute(t *testing.T) {
	dir := sitetest.WriteFiles(t, map[string]string{
		"site.toml":            "title = \"Hub\"\nbase_url = \"https://hub.example.org/\"\n[communities.education]\nname = \"Education\"\n",
		"content/stories/a.md": "---\ntitle: A\nsummary: s\ndate: 2026-03-31\ncommunity: education\nauthors: [Anders Hovmöller]\n---\nA.\n",
		"content/stories/b.md": "---\ntitle: B\nsummary: s\ndate: 2026-04-01\nauthors: [anders hovmöller, Ada Lovelace]\n---\nB.\n",
		"content/decks/d.md":   "---\ntitle: D\nsummary: s\ndate: 2026-04-02\nspeakers: [Ada Lovelace, Grace Hopper]\nfiles: [https://example.org/d.pdf]\nlicense: CC0-1.0\n---\n",
		"content/guides/g.md":  "---\ntitle: G\nsummary: s\ndate: 2026-01-05\nweight: 1\nlast_reviewed: 2026-03-15\n---\nG.\n",
		"content/guides/h.md":  "---\ntitle: H\nsummary: s\ndate: 2026-01-05\nweight: 2\nlast_reviewed: 2026-03-14\n---\nH.\n",
		"content/talking-points/t.md": "---\ntitle: T\nsummary: s\ndate: 2026-01-15\ncommunity: education\nstatus: approved\n" +
			"owners: [Grace Hopper]\n---\nT.\n",
		"content/groups/p.md": "---\nname: P\ncity: Portland\ncountry: US\nregion: North America\nsize: 10-50\n---\nP.\n",
		"content/groups/q.md": "---\nname: Q\ncity: Lima\ncountry: PE\n---\nQ.\n",
		"content/events/e.md": "---\ntitle: E\nsummary: s\nkind: meetup\nstart: 2025-06-11\ncity: Leeds\ncountry: GB\n---\n",
	})
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	now := day("2026-09-15")
	m, err := build.Load(context.Background(), build.Config{SiteDir: dir, Now: now, CheckOnly: true}, root.FS(), nil)
	if err != nil {
		t.Fatal(err)
	}
	r := stats.Compute(m.Site, now)
	want := stats.Report{
		Now:      "2026-09-15",
		Totals:   stats.Counts{Stories: 2, Decks: 1, Guides: 2},
		Authors:  2,
		Speakers: 2,
		ByMonth: []stats.Period{
			{Month: "2026-01", Counts: stats.Counts{Guides: 2}},
			{Month: "2026-03", Counts: stats.Counts{Stories: 1}},
			{Month: "2026-04", Counts: stats.Counts{Stories: 1, Decks: 1}},
		},
		ByCommunity: []stats.Community{{Slug: "education", Name: "Education", URL: "/communities/education/", Counts: stats.Counts{Stories: 1}}},
		FirstTimers: []stats.Quarter{
			{Quarter: "2026-Q1", People: []string{"anders-hovmoller"}},
			{Quarter: "2026-Q2", People: []string{"ada-lovelace", "grace-hopper"}},
		},
		GroupRegions: []stats.Bucket{{Name: "North America", Count: 1}, {Name: site.NoRegion, Count: 1}},
		GroupSizes:   []stats.Bucket{{Name: "21–50", Count: 1}, {Name: "unknown", Count: 1}},
		EventYears:   []stats.Bucket{{Name: "2025", Count: 1}},
		Stale: []stats.StaleEntry{
			{Title: "T", URL: "/talking-points/t/", Kind: "talking-points", Owners: []string{"Grace Hopper"}},
			{Title: "H", URL: "/guides/h/", Kind: "guide", LastReviewed: "2026-03-14", Owners: []string{}},
		},
	}
	if !reflect.DeepEqual(r, want) {
		t.Errorf("Compute:\n got %+v\nwant %+v", r, want)
	}
}

// TestFrontMatterOnly counts the bundled hub from a load that reads the
// front matter alone, as storyhub stats does, and from a full check:
// the numbers need no body, so they are the same.
func TestFrontMatterOnly(t *testing.T) {
	root, err := os.OpenRoot("../..")
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	now := day("2026-09-15")
	var reports []stats.Report
	for _, cfg := range []build.Config{{SiteDir: "../..", Now: now, CheckOnly: true}, {SiteDir: "../..", Now: now, FrontMatterOnly: true}} {
		m, err := build.Load(context.Background(), cfg, root.FS(), nil)
		if err != nil {
			t.Fatal(err)
		}
		reports = append(reports, stats.Compute(m.Site, now))
	}
	if !reflect.DeepEqual(reports[0], reports[1]) {
		t.Errorf("front matter only:\n%+v\nfull check:\n%+v", reports[1], reports[0])
	}
	if reports[0].Totals.Stories == 0 {
		t.Errorf("the bundled hub counts no stories: %+v", reports[0])
	}
}
