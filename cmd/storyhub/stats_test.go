package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/storyhub/storyhub/internal/stats"
)

// TestStatsFormats reads the bundled hub's figures as JSON, strictly
// into stats.Report, and as CSV with encoding/csv, and checks that the
// two say the same.
func TestStatsFormats(t *testing.T) {
	out := func(format string) []byte {
		var stdout, stderr bytes.Buffer
		if err := run(context.Background(), []string{"stats", "-s", "../..", "--format", format}, &stdout, &stderr); err != nil {
			t.Fatalf("stats --format %s: %v\n%s", format, err, stderr.String())
		}
		return stdout.Bytes()
	}
	dec := json.NewDecoder(bytes.NewReader(out("json")))
	dec.DisallowUnknownFields()
	var r stats.Report
	if err := dec.Decode(&r); err != nil {
		t.Fatalf("json: %v", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		t.Errorf("json: more than one value (%v)", err)
	}
	if r.Totals.Stories == 0 || len(r.ByMonth) == 0 || len(r.GroupRegions) == 0 || len(r.EventYears) == 0 {
		t.Errorf("json: the bundled hub's figures are missing: %+v", r)
	}

	rows, err := csv.NewReader(bytes.NewReader(out("csv"))).ReadAll()
	if err != nil {
		t.Fatalf("csv: %v", err)
	}
	if !slices.Equal(rows[0], stats.CSVHeader) {
		t.Fatalf("csv header %q, want %q", rows[0], stats.CSVHeader)
	}
	sum := map[string]int{}
	for _, row := range rows[1:] {
		if row[0] == "month" && row[2] == "stories" {
			n, err := strconv.Atoi(row[3])
			if err != nil {
				t.Fatalf("csv row %q: %v", row, err)
			}
			sum["month"] += n
		}
		if row[0] == "totals" && row[2] == "stories" {
			sum["totals"], _ = strconv.Atoi(row[3])
		}
	}
	if sum["totals"] != r.Totals.Stories || sum["month"] != r.Totals.Stories {
		t.Errorf("csv stories: totals %d, by month %d; json says %d", sum["totals"], sum["month"], r.Totals.Stories)
	}
}

// TestStatsPageChartsMatchTables builds the bundled hub and reads its
// /stats/ page as a browser would: every bar of every chart says, in its
// tooltip, a category, a series and a number, and the table beside the
// chart must have that number in that row and column; every chart has
// a name, and every table's non-zero cell a bar.
func TestStatsPageChartsMatchTables(t *testing.T) {
	out := t.TempDir()
	var stdout, stderr bytes.Buffer
	if err := run(context.Background(), []string{"build", "-s", "../..", "-o", out}, &stdout, &stderr); err != nil {
		t.Fatalf("build: %v\n%s", err, stderr.String())
	}
	f, err := os.Open(filepath.Join(out, "stats", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := html.Parse(f)
	if err != nil {
		t.Fatal(err)
	}
	charts := 0
	for sec := range doc.Descendants() {
		if sec.DataAtom != atom.Section {
			continue
		}
		var svg, table *html.Node
		for n := range sec.Descendants() {
			switch {
			case n.DataAtom == atom.Svg || (n.Type == html.ElementNode && n.Data == "svg"):
				svg = n
			case n.DataAtom == atom.Table:
				table = n
			}
		}
		if svg == nil {
			continue
		}
		charts++
		if table == nil {
			t.Errorf("a chart has no table beside it")
			continue
		}
		// cells[row][column] is the table's number.
		var columns []string
		cells := map[string]map[string]string{}
		for tr := range table.Descendants() {
			if tr.DataAtom != atom.Tr {
				continue
			}
			var row []string
			for c := tr.FirstChild; c != nil; c = c.NextSibling {
				if c.DataAtom == atom.Th || c.DataAtom == atom.Td {
					row = append(row, strings.TrimSpace(textOf(c)))
				}
			}
			if columns == nil {
				columns = row
				continue
			}
			cells[row[0]] = map[string]string{}
			for i := 1; i < len(row) && i < len(columns); i++ {
				cells[row[0]][columns[i]] = row[i]
			}
		}
		named, bars := false, map[string]bool{}
		for n := range svg.Descendants() {
			if n.Type != html.ElementNode || n.Data != "title" {
				continue
			}
			if n.Parent == svg {
				named = strings.TrimSpace(textOf(n)) != ""
				continue
			}
			tip := textOf(n) // "2024-05, Stories: 3"
			cat, rest, ok1 := strings.Cut(tip, ", ")
			series, value, ok2 := strings.Cut(rest, ": ")
			if !ok1 || !ok2 {
				t.Errorf("bar tooltip %q is not CATEGORY, SERIES: N", tip)
				continue
			}
			row := cells[cat]
			if row == nil {
				t.Errorf("bar %q: no row %q in its table", tip, cat)
				continue
			}
			if got := row[series]; got != value {
				t.Errorf("bar %q: the table says %q", tip, got)
			}
			bars[cat+"/"+series] = true
		}
		if !named {
			t.Errorf("a chart has no title")
		}
		for cat, row := range cells {
			for col, v := range row {
				if v != "0" && !bars[cat+"/"+col] {
					t.Errorf("table row %q column %q is %s, but no bar shows it", cat, col, v)
				}
			}
		}
	}
	if charts != 6 {
		t.Errorf("%d charts on /stats/, want 6", charts)
	}
}

func textOf(n *html.Node) string {
	var b strings.Builder
	for d := range n.Descendants() {
		if d.Type == html.TextNode {
			b.WriteString(d.Data)
		}
	}
	return b.String()
}
