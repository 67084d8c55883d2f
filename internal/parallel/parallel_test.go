package parallel

import (
	"runtime"
	"sync/atomic"
	"testing"
)

func TestEach(t *testing.T) {
	const n = 1000
	var seen [n]atomic.Int32
	var workers atomic.Int32
	Each(n, 1, func() func(int) bool {
		workers.Add(1)
		return func(i int) bool { seen[i].Add(1); return true }
	})
	for i := range seen {
		if got := seen[i].Load(); got != 1 {
			t.Fatalf("item %d done %d times, want once", i, got)
		}
	}
	if got, want := workers.Load(), int32(runtime.GOMAXPROCS(0)+1); got != want {
		t.Errorf("%d workers, want GOMAXPROCS+1 = %d", got, want)
	}

	// Never more workers than items, and none for no items.
	workers.Store(0)
	Each(1, 4, func() func(int) bool { workers.Add(1); return func(int) bool { return true } })
	Each(0, 4, func() func(int) bool { workers.Add(1); return func(int) bool { return true } })
	if got := workers.Load(); got != 1 {
		t.Errorf("%d workers for one item and for none, want 1", got)
	}

	// false stops what has not started: with one goroutine, nothing.
	prev := runtime.GOMAXPROCS(1)
	defer runtime.GOMAXPROCS(prev)
	var done atomic.Int32
	Each(n, 0, func() func(int) bool {
		return func(i int) bool { done.Add(1); return i != 10 }
	})
	if got := done.Load(); got != 11 {
		t.Errorf("%d items done after the 11th said stop, want 11", got)
	}
}
