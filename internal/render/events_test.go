package render

import (
	"testing"
	"time"

	"github.com/storyhub/storyhub/internal/site"
)

// TestWhen: when an event is, as its page says it, in its own zone; of
// a range of days, what both ends share is written once.
func TestWhen(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	tests := []struct {
		e    site.Event
		want string
	}{
		{site.Event{}, ""},
		{site.Event{Start: day(2014, 9, 1), AllDay: true}, "1 September 2014"},
		{site.Event{Start: day(2014, 9, 1), End: day(2014, 9, 1), AllDay: true}, "1 September 2014"},
		{site.Event{Start: day(2014, 9, 1), End: day(2014, 9, 6), AllDay: true}, "1–6 September 2014"},
		{site.Event{Start: day(2014, 8, 30), End: day(2014, 9, 2), AllDay: true}, "30 August – 2 September 2014"},
		{site.Event{Start: day(2014, 12, 30), End: day(2015, 1, 2), AllDay: true}, "30 December 2014 – 2 January 2015"},
		{site.Event{Start: time.Date(2026, 3, 7, 23, 0, 0, 0, time.UTC), End: time.Date(2026, 3, 8, 22, 0, 0, 0, time.UTC), Zone: ny},
			"7 March 2026, 18:00 EST – 8 March 2026, 18:00 EDT (America/New_York)"},
		{site.Event{Start: time.Date(2026, 7, 1, 22, 0, 0, 0, time.UTC), End: time.Date(2026, 7, 2, 0, 30, 0, 0, time.UTC), Zone: ny},
			"1 July 2026, 18:00–20:30 EDT (America/New_York)"},
		{site.Event{Start: time.Date(2026, 7, 1, 9, 0, 0, 0, time.UTC)}, "1 July 2026, 09:00 UTC"},
	}
	for _, tt := range tests {
		if got := when(&tt.e); got != tt.want {
			t.Errorf("when(%v – %v) = %q, want %q", tt.e.Start, tt.e.End, got, tt.want)
		}
	}
}
