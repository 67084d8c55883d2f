package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"io"
	"slices"
	"strconv"
	"testing"

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
