package gcpace

import (
	"math"
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

const mb = 1 << 20

func TestLimitFor(t *testing.T) {
	for _, c := range []struct {
		live uint64
		want int64
	}{
		{4 * mb, 320 * mb},   // small: the floor
		{100 * mb, 320 * mb}, // still
		{200 * mb, 400 * mb}, // twice the live heap, as GOGC=100
		{500 * mb, 800 * mb}, // never over the ceiling
		{math.MaxUint64, 800 * mb},
	} {
		if got := limitFor(c.live, 320*mb, 800*mb); got != c.want {
			t.Errorf("limitFor(%d MB) = %d MB, want %d MB", c.live/mb, got/mb, c.want/mb)
		}
	}
}

// TestPace: after each collection the limit follows the live heap, and
// stop restores the settings there were.
func TestPace(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(math.MaxInt64))
	limit := func() int64 { return debug.SetMemoryLimit(-1) } // -1 reads it
	// waitFor collects until the limit is in [lo, lo+8 MB]: the test's
	// own heap is a little more than what it keeps.
	waitFor := func(what string, lo int64) {
		t.Helper()
		deadline := time.Now().Add(10 * time.Second)
		for limit() < lo || limit() > lo+8*mb {
			if time.Now().After(deadline) {
				t.Fatalf("%s: the memory limit is %d MB, want %d MB", what, limit()/mb, lo/mb)
			}
			runtime.GC()
			time.Sleep(10 * time.Millisecond)
		}
	}

	stop := Pace(64*mb, 512*mb)
	if p := debug.SetGCPercent(-1); p != -1 {
		t.Errorf("GOGC is %d while pacing, want off", p)
	}
	waitFor("with a small live heap", 64*mb)
	live := make([][]byte, 0, 100)
	for range 100 {
		live = append(live, make([]byte, mb))
	}
	waitFor("with 100 MB live", 200*mb)
	runtime.KeepAlive(live)

	stop()
	if got := limit(); got != math.MaxInt64 {
		t.Errorf("after stop the limit is %d, want none", got)
	}
	if p := debug.SetGCPercent(100); p != 100 {
		t.Errorf("after stop GOGC is %d, want the 100 there was", p)
	}
	live = nil
	runtime.GC()
	time.Sleep(50 * time.Millisecond)
	if got := limit(); got != math.MaxInt64 {
		t.Errorf("a collection after stop set the limit to %d", got)
	}
}
