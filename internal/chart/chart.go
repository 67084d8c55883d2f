// Package chart lays out bar charts to be drawn as SVG at build time, so
// a reader's browser runs no chart library and asks no one for anything.
// It computes geometry only: where each bar, label and gridline goes in
// a fixed viewBox. The theme writes the SVG elements, and html/template
// escapes the labels, which may be a writer's words.
//
// Columns draws one column per category, left to right, for periods of
// time (months, quarters, years); Rows draws one bar per category, top
// to bottom, for names (communities, regions) that need room to be read.
// A category's values are stacked in the order of the series, and each
// bar says its category, series and value in a tooltip. The value axis
// starts at zero and ends at a round number at or above the largest
// total, with a gridline at each round step (1, 2 or 5 times a power of
// ten, at most five of them).
//
// A chart shows the numbers; the table beside it holds them for readers
// who cannot see it, so no number is only in the picture.
package chart

import (
	"math"
	"strconv"
	"unicode/utf8"
)

// Chart is a laid-out chart: its viewBox is 0 0 Width Height.
type Chart struct {
	Width, Height Num
	Series        []string // the legend: Bar.Series indexes it
	Bars          []Bar
	Labels        []Text // the categories' names
	Grid          []Line // the value axis's gridlines, each with its number
	Totals        []Text // each category's total, past its bar (Rows only)
}

// Bar is one value of one category, a rectangle.
type Bar struct {
	X, Y, W, H Num
	Series     int
	Title      string // "2024-05, Stories: 3"
}

// Text is a label at X, Y, anchored at Anchor (start, middle, end).
type Text struct {
	X, Y   Num
	Anchor string
	Text   string
}

// Line is a gridline from X1, Y1 to X2, Y2 with its number.
type Line struct {
	X1, Y1, X2, Y2 Num
	Label          Text
}

// Num is a coordinate, written with at most one decimal.
type Num float64

func (n Num) String() string {
	return strconv.FormatFloat(math.Round(float64(n)*10)/10, 'f', -1, 64)
}

// Data is what a chart shows: Values[i][s] is category i's value of
// series s.
type Data struct {
	Categories []string
	Series     []string
	Values     [][]int
}

// The sizes of the drawing, in viewBox units (about pixels).
const (
	width      = 720
	colsHeight = 240
	margin     = 8  // around the plot
	axisRoom   = 40 // left of the columns' plot, for the gridlines' numbers
	labelRoom  = 20 // under the columns' plot, for the categories
	rowHeight  = 24
	barHeight  = 16
	nameRoom   = 220 // left of the rows' plot, for the categories' names
	totalRoom  = 48  // right of the rows' plot, for each total
	nameRunes  = 32  // longer names are cut, with an ellipsis (the table has them whole)
	maxLabels  = 12  // the columns' labels shown at most, evenly spaced
	maxColumn  = 48  // the widest column, when there are few
)

// Columns lays d out as columns, one per category.
func Columns(d Data) Chart {
	c := Chart{Width: width, Height: colsHeight, Series: d.Series}
	top, bottom := Num(margin), Num(colsHeight-labelRoom)
	left, right := Num(axisRoom), Num(width-margin)
	scale, ticks := axis(d.max())
	for _, v := range ticks {
		y := bottom - (bottom-top)*Num(v)/Num(scale)
		c.Grid = append(c.Grid, Line{X1: left, Y1: y, X2: right, Y2: y,
			Label: Text{X: left - 4, Y: y + 4, Anchor: "end", Text: strconv.Itoa(v)}})
	}
	n := len(d.Categories)
	if n == 0 {
		return c
	}
	slot := (right - left) / Num(n)
	w := min(slot*0.8, maxColumn)
	every := (n + maxLabels - 1) / maxLabels
	for i, name := range d.Categories {
		x := left + slot*Num(i)
		y := bottom
		for s, v := range d.Values[i] {
			h := (bottom - top) * Num(v) / Num(scale)
			if v > 0 {
				c.Bars = append(c.Bars, Bar{X: x + (slot-w)/2, Y: y - h, W: w, H: h, Series: s, Title: title(name, d.Series[s], v)})
			}
			y -= h
		}
		if i%every == 0 {
			c.Labels = append(c.Labels, Text{X: x + slot/2, Y: bottom + 15, Anchor: "middle", Text: name})
		}
	}
	return c
}

// Rows lays d out as bars, one per category, top to bottom.
func Rows(d Data) Chart {
	n := len(d.Categories)
	c := Chart{Width: width, Height: Num(2*margin + max(n, 1)*rowHeight + labelRoom), Series: d.Series}
	top, bottom := Num(margin), Num(margin+max(n, 1)*rowHeight)
	left, right := Num(nameRoom), Num(width-margin-totalRoom)
	scale, ticks := axis(d.max())
	for _, v := range ticks {
		x := left + (right-left)*Num(v)/Num(scale)
		c.Grid = append(c.Grid, Line{X1: x, Y1: top, X2: x, Y2: bottom,
			Label: Text{X: x, Y: bottom + 15, Anchor: "middle", Text: strconv.Itoa(v)}})
	}
	for i, name := range d.Categories {
		y := top + Num(i*rowHeight) + (rowHeight-barHeight)/2
		x, total := left, 0
		for s, v := range d.Values[i] {
			w := (right - left) * Num(v) / Num(scale)
			if v > 0 {
				c.Bars = append(c.Bars, Bar{X: x, Y: y, W: w, H: barHeight, Series: s, Title: title(name, d.Series[s], v)})
			}
			x, total = x+w, total+v
		}
		mid := y + barHeight/2 + 4
		c.Labels = append(c.Labels, Text{X: left - 6, Y: mid, Anchor: "end", Text: cut(name)})
		c.Totals = append(c.Totals, Text{X: x + 4, Y: mid, Anchor: "start", Text: strconv.Itoa(total)})
	}
	return c
}

// max is the largest total of a category.
func (d Data) max() int {
	top := 0
	for _, vs := range d.Values {
		sum := 0
		for _, v := range vs {
			sum += v
		}
		top = max(top, sum)
	}
	return top
}

// axis is the value axis for totals up to top: where it ends, and its
// gridlines from zero, each a multiple of a round step.
func axis(top int) (end int, ticks []int) {
	step := 1
	for _, s := range steps() {
		step = s
		if top <= 4*s {
			break
		}
	}
	end = max(step, (top+step-1)/step*step)
	for v := 0; v <= end; v += step {
		ticks = append(ticks, v)
	}
	return end, ticks
}

// steps are the round steps, smallest first: 1, 2, 5, 10, 20, 50...
func steps() []int {
	var out []int
	for p := 1; p <= 1e9; p *= 10 {
		out = append(out, p, 2*p, 5*p)
	}
	return out
}

func title(category, series string, v int) string {
	return category + ", " + series + ": " + strconv.Itoa(v)
}

// cut shortens a name to nameRunes, ending it with an ellipsis.
func cut(s string) string {
	if utf8.RuneCountInString(s) <= nameRunes {
		return s
	}
	r := []rune(s)
	return string(r[:nameRunes-1]) + "…"
}
