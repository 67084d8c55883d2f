package chart

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
)

func TestAxis(t *testing.T) {
	for _, c := range []struct {
		top, end int
		ticks    []int
	}{
		{0, 1, []int{0, 1}},
		{1, 1, []int{0, 1}},
		{3, 3, []int{0, 1, 2, 3}},
		{4, 4, []int{0, 1, 2, 3, 4}},
		{5, 6, []int{0, 2, 4, 6}},
		{9, 10, []int{0, 5, 10}},
		{17, 20, []int{0, 5, 10, 15, 20}},
		{21, 30, []int{0, 10, 20, 30}},
		{1234, 1500, []int{0, 500, 1000, 1500}},
	} {
		end, ticks := axis(c.top)
		if end != c.end || !slices.Equal(ticks, c.ticks) {
			t.Errorf("axis(%d) = %d, %v; want %d, %v", c.top, end, ticks, c.end, c.ticks)
		}
	}
}

func TestNum(t *testing.T) {
	for _, c := range []struct {
		n    Num
		want string
	}{{0, "0"}, {12, "12"}, {3.333333, "3.3"}, {2.25, "2.3"}, {-1.04, "-1"}, {719.96, "720"}} {
		if got := c.n.String(); got != c.want {
			t.Errorf("Num(%v) = %q, want %q", float64(c.n), got, c.want)
		}
	}
}

// inside fails t when a bar leaves the viewBox.
func inside(t *testing.T, c Chart) {
	t.Helper()
	for _, b := range c.Bars {
		if b.X < 0 || b.Y < 0 || b.X+b.W > c.Width+0.01 || b.Y+b.H > c.Height+0.01 || b.W <= 0 || b.H <= 0 {
			t.Errorf("bar %q at %v,%v size %vx%v is outside the %vx%v chart", b.Title, b.X, b.Y, b.W, b.H, c.Width, c.Height)
		}
	}
}

func TestColumnsStackAndScale(t *testing.T) {
	d := Data{Categories: []string{"2024-01", "2024-02", "2024-03"}, Series: []string{"Stories", "Decks"},
		Values: [][]int{{2, 2}, {0, 1}, {4, 0}}}
	c := Columns(d)
	inside(t, c)
	if len(c.Bars) != 4 { // the zeros draw nothing
		t.Fatalf("%d bars, want 4: %+v", len(c.Bars), c.Bars)
	}
	// The largest total, 4, reaches the top gridline; a value of 2 is half of it.
	topLine := c.Grid[len(c.Grid)-1]
	if topLine.Label.Text != "4" {
		t.Fatalf("top gridline %q, want 4", topLine.Label.Text)
	}
	stories, decks := c.Bars[0], c.Bars[1]
	if stories.Title != "2024-01, Stories: 2" || decks.Title != "2024-01, Decks: 2" {
		t.Errorf("titles %q, %q", stories.Title, decks.Title)
	}
	if math.Abs(float64(decks.Y+decks.H-stories.Y)) > 0.01 {
		t.Errorf("decks (y %v, h %v) are not stacked on stories (y %v)", decks.Y, decks.H, stories.Y)
	}
	if math.Abs(float64(decks.Y-topLine.Y1)) > 0.01 {
		t.Errorf("the total of 4 ends at %v, not at the top gridline %v", decks.Y, topLine.Y1)
	}
	if full := c.Bars[3]; math.Abs(float64(full.H-2*stories.H)) > 0.01 {
		t.Errorf("a value of 4 is %v high, a value of 2 %v", full.H, stories.H)
	}
	if len(c.Labels) != 3 {
		t.Errorf("%d labels, want 3", len(c.Labels))
	}
}

func TestColumnsThinLabels(t *testing.T) {
	var d Data
	d.Series = []string{"Stories"}
	for i := range 120 {
		d.Categories = append(d.Categories, fmt.Sprintf("m%d", i))
		d.Values = append(d.Values, []int{i % 7})
	}
	c := Columns(d)
	inside(t, c)
	if len(c.Labels) > maxLabels || len(c.Labels) < maxLabels/2 {
		t.Errorf("%d labels for 120 columns, want at most %d and at least %d", len(c.Labels), maxLabels, maxLabels/2)
	}
	for i := 1; i < len(c.Labels); i++ {
		if c.Labels[i].X-c.Labels[i-1].X < 40 {
			t.Errorf("labels %q and %q are %v apart", c.Labels[i-1].Text, c.Labels[i].Text, c.Labels[i].X-c.Labels[i-1].X)
		}
	}
}

func TestRows(t *testing.T) {
	long := strings.Repeat("Research software engineering ", 3)
	d := Data{Categories: []string{"Education", long, "Empty"}, Series: []string{"Stories", "Guides"},
		Values: [][]int{{3, 1}, {1, 0}, {0, 0}}}
	c := Rows(d)
	inside(t, c)
	if len(c.Labels) != 3 || len(c.Totals) != 3 {
		t.Fatalf("%d labels and %d totals, want 3 each", len(c.Labels), len(c.Totals))
	}
	if got := []rune(c.Labels[1].Text); len(got) != nameRunes || got[len(got)-1] != '…' {
		t.Errorf("a long name is shown as %q, want %d runes ending in an ellipsis", c.Labels[1].Text, nameRunes)
	}
	want := []string{"4", "1", "0"}
	for i, tot := range c.Totals {
		if tot.Text != want[i] {
			t.Errorf("total %d is %q, want %q", i, tot.Text, want[i])
		}
	}
	if c.Labels[0].Y >= c.Labels[1].Y {
		t.Errorf("rows are not top to bottom: %v then %v", c.Labels[0].Y, c.Labels[1].Y)
	}
	if c.Totals[0].X > c.Width {
		t.Errorf("the largest total is drawn at %v, past the chart's width %v", c.Totals[0].X, c.Width)
	}
	if empty := Rows(Data{}); empty.Height <= 0 || len(empty.Bars) != 0 {
		t.Errorf("no categories: %+v", empty)
	}
}
