// Package gcpace paces the garbage collector of a one-shot job by a
// memory floor and ceiling instead of by the live heap alone.
//
// Go collects each time the heap doubles (GOGC=100). A build's live heap
// grows from a few megabytes to a few hundred, so it collects some thirty
// times, most of them while there is little worth keeping, and on two
// cores a collection takes a quarter of the processors and makes every
// allocation help. Pace turns GOGC off and, after every collection, sets
// the memory limit to twice the live heap, but never under the floor nor
// over the ceiling: while the live heap is small the heap grows to the
// floor before the next collection; beyond, collections come as GOGC=100
// would make them, until the ceiling, where the collector works harder
// to stay under it.
package gcpace

import (
	"math"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
	"sync/atomic"
)

// Pace paces collections until stop is called, which restores GOGC and
// the memory limit there were.
func Pace(floor, ceiling uint64) (stop func()) {
	p := &pacer{floor: floor, ceiling: max(floor, ceiling), samples: []metrics.Sample{{Name: "/gc/heap/live:bytes"}}}
	p.mu.Lock()
	p.percent = debug.SetGCPercent(-1)
	p.limit = debug.SetMemoryLimit(int64(p.floor))
	p.mu.Unlock()
	p.arm()
	return func() {
		p.mu.Lock()
		defer p.mu.Unlock()
		p.stopped.Store(true)
		debug.SetMemoryLimit(p.limit)
		debug.SetGCPercent(p.percent)
	}
}

type pacer struct {
	floor, ceiling uint64
	percent        int   // GOGC before Pace
	limit          int64 // memory limit before Pace
	stopped        atomic.Bool
	mu             sync.Mutex // held while changing the settings
	samples        []metrics.Sample
}

// sentinel is freed by every collection: its cleanup then sets the limit
// for the next one. It is large enough not to share a tiny allocation
// with other objects, which would keep it alive.
type sentinel [32]byte

func (p *pacer) arm() {
	runtime.AddCleanup(new(sentinel), func(p *pacer) {
		p.mu.Lock()
		defer p.mu.Unlock()
		if p.stopped.Load() {
			return
		}
		metrics.Read(p.samples)
		if s := p.samples[0]; s.Value.Kind() == metrics.KindUint64 {
			debug.SetMemoryLimit(limitFor(s.Value.Uint64(), p.floor, p.ceiling))
		}
		p.arm()
	}, p)
}

// limitFor is the memory limit after a collection that left live bytes.
func limitFor(live, floor, ceiling uint64) int64 {
	return int64(min(max(2*min(live, math.MaxInt64/4), floor), ceiling))
}
