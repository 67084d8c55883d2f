package gcpace

import (
	"math"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"testing"
	"time"
)

const mb = 1 << 20

func TestPercentFor(t *testing.T) {
	for _, c := range []struct {
		live uint64
		want int
	}{
		{1 * mb, maxPercent},   // tiny: capped
		{32 * mb, 700},         // the heap may grow to 256 MB
		{100 * mb, 156},        // still
		{128 * mb, minPercent}, // half the target: as usual
		{600 * mb, minPercent}, // over it: as usual, never less
		{math.MaxUint64 / 2, minPercent},
	} {
		if got := percentFor(c.live, 256*mb); got != c.want {
			t.Errorf("percentFor(%d MB) = %d, want %d", c.live/mb, got, c.want)
		}
	}
}

// gogc reads the GOGC in force.
func gogc() int {
	s := []metrics.Sample{{Name: "/gc/gogc:percent"}}
	metrics.Read(s)
	return int(s[0].Value.Uint64())
}

// TestPace: after each collection GOGC follows the live heap, the memory
// limit is the ceiling, and stop restores the settings there were.
func TestPace(t *testing.T) {
	// Settings no pacing would make, to see stop restore them.
	defer debug.SetGCPercent(debug.SetGCPercent(77))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(3 << 30))
	waitFor := func(what string, ok func(int) bool) {
		t.Helper()
		deadline := time.Now().Add(time.Minute) // a collection or two, unless pacing is broken
		for !ok(gogc()) {
			if time.Now().After(deadline) {
				t.Fatalf("%s: GOGC is still %d after a minute of collections", what, gogc())
			}
			runtime.GC()
			time.Sleep(10 * time.Millisecond)
		}
	}

	stop := Pace(256*mb, 512*mb)
	if got := debug.SetMemoryLimit(-1); got != 512*mb {
		t.Errorf("memory limit %d MB while pacing, want the ceiling, 512 MB", got/mb)
	}
	waitFor("with a small live heap", func(p int) bool { return p > 1000 })
	live := make([][]byte, 0, 200)
	for range 200 { // 200 MB live: over half the target
		live = append(live, make([]byte, mb))
	}
	waitFor("with 200 MB live", func(p int) bool { return p == minPercent })
	runtime.KeepAlive(live)
	live = nil
	waitFor("with little live again", func(p int) bool { return p > 1000 })

	stop()
	if got := debug.SetMemoryLimit(-1); got != 3<<30 {
		t.Errorf("after stop the limit is %d MB, want the 3072 MB there was", got/mb)
	}
	if got := gogc(); got != 77 {
		t.Errorf("after stop GOGC is %d, want the 77 there was", got)
	}
	runtime.GC()
	time.Sleep(50 * time.Millisecond)
	if got := gogc(); got != 77 {
		t.Errorf("a collection after stop set GOGC to %d", got)
	}
}
