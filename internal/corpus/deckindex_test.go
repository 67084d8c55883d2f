package corpus

import (
	"bytes"
	"context"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"gopkg.in/yaml.v3"
)

// The keys each kind of entry takes, in the formats agreed for decks,
// events and people.
var keys = map[string][]string{
	"decks": {"title", "date", "speakers", "event", "community", "level", "duration_minutes",
		"language", "tags", "summary", "license", "files", "video_url"},
	"events": {"title", "summary", "kind", "start", "end", "timezone", "city", "country", "venue",
		"latitude", "longitude", "url", "cfp_deadline"},
	"people": {"name", "pronouns", "url", "links", "roles"},
}

// entry is one content file of the deck index, its front matter decoded.
type entry struct {
	path  string
	front map[string]any
	body  string
}

// readIndex reads every entry under dir/content, failing the test on a
// file whose front matter is not YAML or holds a key its kind does not
// take.
func readIndex(t *testing.T, dir string) map[string][]entry {
	t.Helper()
	out := map[string][]entry{}
	root := filepath.Join(dir, "content")
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		data, _ := os.ReadFile(p)
		front, body, ok := strings.Cut(strings.TrimPrefix(string(data), "---\n"), "\n---\n")
		if !ok || !strings.HasPrefix(string(data), "---\n") {
			t.Errorf("%s: no front matter", rel)
			return nil
		}
		var m map[string]any
		if err := yaml.Unmarshal([]byte(front), &m); err != nil {
			t.Errorf("%s: %v", rel, err)
			return nil
		}
		kind, _, _ := strings.Cut(rel, "/")
		for k := range m {
			if !slices.Contains(keys[kind], k) {
				t.Errorf("%s: key %q is not one %s take", rel, k, kind)
			}
		}
		if strings.TrimSpace(body) == "" {
			t.Errorf("%s: no body", rel)
		}
		out[kind] = append(out[kind], entry{rel, m, body})
		return nil
	})
	return out
}

// TestDeckIndex: the deck index has the shape its options ask for, every
// reference in it resolves, and the same options write the same bytes.
func TestDeckIndex(t *testing.T) {
	const decks, events, speakers = 1000, 30, 600
	o := Options{DeckIndex: DeckIndex{Decks: decks, Events: events, Speakers: speakers}, Seed: 1}
	a, b := t.TempDir(), t.TempDir()
	for _, dir := range []string{a, b} {
		if err := Write(dir, o); err != nil {
			t.Fatal(err)
		}
	}
	same(t, a, b)
	small := [2]string{t.TempDir(), t.TempDir()}
	for i, dir := range small {
		if err := Write(dir, Options{DeckIndex: DeckIndex{Decks: 20}, Seed: uint64(i)}); err != nil {
			t.Fatal(err)
		}
	}
	x, _ := os.ReadFile(filepath.Join(small[0], "content/decks/talk-00000.md"))
	y, _ := os.ReadFile(filepath.Join(small[1], "content/decks/talk-00000.md"))
	if bytes.Equal(x, y) {
		t.Error("another seed wrote the same deck")
	}

	index := readIndex(t, a)
	if len(index["decks"]) != decks || len(index["events"]) != events {
		t.Fatalf("%d decks and %d events, want %d and %d", len(index["decks"]), len(index["events"]), decks, events)
	}
	if p := len(index["people"]); p < speakers/20 || p > speakers/5 {
		t.Errorf("%d profiles for %d speakers, want about a tenth", p, speakers)
	}

	// Events: dates in 2010 to 2026, an end on or after the start, a
	// time zone; a time only with a meeting.
	eventStart := map[string]time.Time{}
	years := map[int]bool{}
	for _, e := range index["events"] {
		slug := strings.TrimSuffix(e.path[len("events/"):], ".md")
		start, end := when(t, e, "start"), when(t, e, "end")
		if start.Year() < 2010 || end.Year() > 2026 || end.Before(start) {
			t.Errorf("%s: from %v to %v", e.path, start, end)
		}
		if _, err := time.LoadLocation(e.front["timezone"].(string)); err != nil {
			t.Errorf("%s: %v", e.path, err)
		}
		if timed := start.Hour() != 0; timed != (e.front["kind"] == "meetup") {
			t.Errorf("%s: a %s that starts at %v", e.path, e.front["kind"], start)
		}
		eventStart[slug] = start
		years[start.Year()] = true
	}
	if len(years) < 10 {
		t.Errorf("events in %d years only", len(years))
	}
	profiles := map[string]string{}
	for _, p := range index["people"] {
		profiles[strings.TrimSuffix(p.path[len("people/"):], ".md")] = p.front["name"].(string)
	}

	talks := map[string]int{}    // by speaker's name
	perEvent := map[string]int{} // by event's slug
	var hosted, local, videoOnly, video, english, iso3 int
	for _, d := range index["decks"] {
		ev, _ := d.front["event"].(string)
		start, ok := eventStart[ev]
		if !ok {
			t.Errorf("%s: event %q has no entry", d.path, ev)
		}
		if date := when(t, d, "date"); date.Before(start.Truncate(24 * time.Hour)) {
			t.Errorf("%s: given on %v, before its event", d.path, date)
		}
		perEvent[ev]++
		var names []string
		for _, s := range d.front["speakers"].([]any) {
			switch s := s.(type) {
			case string:
				if name, ok := profiles[s]; ok {
					names = append(names, name)
				} else {
					names = append(names, s)
				}
			case map[string]any:
				names = append(names, s["name"].(string))
			}
		}
		for i, n := range names {
			if slices.Contains(names[i+1:], n) {
				t.Errorf("%s: %s twice", d.path, n)
			}
			talks[n]++
		}
		files, _ := d.front["files"].([]any)
		_, hasVideo := d.front["video_url"]
		switch {
		case len(files) == 0 && hasVideo:
			videoOnly++
		case len(files) == 1 && files[0].(map[string]any)["url"] != nil:
			hosted++
		case len(files) == 1 && files[0].(map[string]any)["path"] == "slides.pdf":
			local++
			checkPDF(t, filepath.Join(a, "content", filepath.Dir(d.path), "slides.pdf"))
		default:
			t.Errorf("%s: files %v, video %v", d.path, files, hasVideo)
		}
		if hasVideo {
			video++
		}
		switch d.front["language"] {
		case "en", "eng":
			english++
		case "spa", "por":
			iso3++
		}
	}
	for name, n := range map[string]int{"hosted": hosted, "local": local, "video only": videoOnly, "with a video": video} {
		want := map[string]float64{"hosted": 0.5, "local": 0.1, "video only": 0.4, "with a video": 0.88}[name]
		if got := float64(n) / decks; got < want-0.05 || got > want+0.05 {
			t.Errorf("%.2f of the decks %s, want about %.2f", got, name, want)
		}
	}
	if english < decks*6/10 || english > decks*95/100 {
		t.Errorf("%d of %d decks in English, want most but not all", english, decks)
	}
	if iso3 == 0 {
		t.Error("no language written as an ISO 639-3 code")
	}
	for slug, start := range eventStart {
		if n := perEvent[slug]; start.Before(indexDay) && (n < fewestTalks || n > mostTalks) || !start.Before(indexDay) && n != 0 {
			t.Errorf("%s, starting %v, has %d talks", slug, start.Format(time.DateOnly), n)
		}
	}

	// Speakers: as many as asked, most with one talk, the busiest with
	// many, no two names probably one person.
	if len(talks) != speakers {
		t.Errorf("%d speakers, want %d", len(talks), speakers)
	}
	ones, most := 0, 0
	for _, n := range talks {
		if n == 1 {
			ones++
		}
		most = max(most, n)
	}
	if ones < speakers/2 || most != busiest(decks) || most < 10 {
		t.Errorf("%d of %d speakers give one talk, the busiest %d", ones, speakers, most)
	}
	names := make([]string, 0, len(talks))
	for n := range talks {
		names = append(names, fold(n))
	}
	slices.Sort(names)
	for i, x := range names {
		for _, y := range names[i+1:] {
			if withinOne(x, y) {
				t.Errorf("speakers %q and %q are probably one person", x, y)
			}
		}
	}
}

// same fails unless the folders a and b hold the same files, byte for byte.
func same(t *testing.T, a, b string) {
	t.Helper()
	files := 0
	filepath.WalkDir(a, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		files++
		x, _ := os.ReadFile(p)
		y, err := os.ReadFile(filepath.Join(b, p[len(a):]))
		if err != nil || !bytes.Equal(x, y) {
			t.Errorf("%s differs between two writes with one seed", p[len(a):])
		}
		return nil
	})
	filepath.WalkDir(b, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			files--
		}
		return err
	})
	if files != 0 {
		t.Errorf("two writes with one seed wrote %d files more in one", files)
	}
}

// when is the date key of e; the test fails if it is not one.
func when(t *testing.T, e entry, key string) time.Time {
	t.Helper()
	switch v := e.front[key].(type) {
	case time.Time:
		return v
	case string:
		if d, err := time.Parse("2006-01-02T15:04", v); err == nil {
			return d
		}
	}
	t.Errorf("%s: %s %v is not a date", e.path, key, e.front[key])
	return time.Time{}
}

// checkPDF fails unless name is a PDF a real reader opens, of one to
// three pages.
func checkPDF(t *testing.T, name string) {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	conf := &model.Configuration{ValidationMode: model.ValidationStrict, Limits: model.DefaultResourceLimits(), Offline: true}
	ctx, err := pdfcpu.ReadWithContext(context.Background(), bytes.NewReader(data), conf)
	if err == nil {
		err = ctx.EnsurePageCount()
	}
	if err != nil || ctx.PageCount < 1 || ctx.PageCount > 3 {
		t.Errorf("%s: not a PDF of one to three pages: %v", name, err)
	}
}

func TestDeckIndexSizes(t *testing.T) {
	for _, d := range []DeckIndex{{Decks: 10, Events: 11}, {Decks: 10, Speakers: 11}, {Decks: 10, Events: -1}, {Decks: 6000, Events: 5000}} {
		if err := Write(t.TempDir(), Options{DeckIndex: d}); err == nil {
			t.Errorf("%+v: no error", d)
		}
	}
	// The smallest indexes are written, with no one twice on a deck.
	for _, d := range []DeckIndex{{Decks: 1}, {Decks: 10, Events: 10, Speakers: 1}, {Decks: 30, Events: 2, Speakers: 3}, {Decks: 300, Speakers: 10}} {
		if err := Write(t.TempDir(), Options{DeckIndex: d}); err != nil {
			t.Errorf("%+v: %v", d, err)
		}
	}
}

func TestTalkCounts(t *testing.T) {
	tests := []struct{ n, slots, top, wantTop int }{
		{15000, 28500, 80, 80},
		{1200, 2280, 6, 6},
		{10, 10, 2, 1},   // one talk each
		{10, 12, 80, 3},  // two talks to spare
		{3, 300, 2, 100}, // the few give many
		{1000, 30000, 80, 80},
	}
	for _, tt := range tests {
		counts := talkCounts(rand.New(rand.NewPCG(1, 2)), tt.n, tt.slots, tt.top)
		if len(counts) != tt.n || counts[0] != tt.wantTop || total(counts) != tt.slots ||
			!slices.IsSortedFunc(counts, func(a, b int) int { return b - a }) || counts[tt.n-1] < 1 {
			t.Errorf("talkCounts(%d, %d, %d): %d counts adding up to %d, from %d to %d; want %d, %d, the first %d",
				tt.n, tt.slots, tt.top, len(counts), total(counts), counts[0], counts[len(counts)-1], tt.n, tt.slots, tt.wantTop)
		}
	}
}

func TestSpread(t *testing.T) {
	tests := []struct {
		total   int
		weights []int
		lo, hi  int
	}{
		{25000, []int{1, 1, 999, 400, 5, 60, 1000, 1}, 5, 150 * 25},
		{100, []int{1, 1, 1}, 5, 150},
		{17, []int{1, 1000, 1000, 3}, 1, 150},
		{600, []int{1, 1, 1, 1000}, 5, 150},
	}
	for _, tt := range tests {
		parts := spread(tt.total, tt.weights, tt.lo, tt.hi)
		if total(parts) != tt.total || slices.Min(parts) < tt.lo || slices.Max(parts) > tt.hi {
			t.Errorf("spread(%d, %v, %d, %d) = %v", tt.total, tt.weights, tt.lo, tt.hi, parts)
		}
		for i := range parts {
			for j := range parts {
				if tt.weights[i] > tt.weights[j] && parts[i] < parts[j] {
					t.Errorf("spread(%d, %v): %v gives the heavier less", tt.total, tt.weights, parts)
				}
			}
		}
	}
}
