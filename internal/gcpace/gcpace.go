// Package gcpace paces the garbage collector of a one-shot job by a heap
// target instead of the live heap alone.
//
// Go collects each time the heap doubles (GOGC=100). A build's live heap
// grows from a few megabytes to a few hundred, so it collects some thirty
// times, most of them while there is little worth keeping, and on two
// cores a collection takes a quarter of the processors and makes every
// allocation help. Pace sets GOGC after every collection so that the next
// one comes when the heap reaches the target, as long as the live heap is
// under half of it, and as usual (GOGC=100) beyond. It paces by GOGC, not
// by a memory limit, because under a limit the allocator hands memory
// back to the system as the heap nears it, only to take it again (and
// fault every page in) a moment later. A memory limit is kept as the
// ceiling, where the collector works harder to stay under it.
package gcpace

import (
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
	"sync/atomic"
)

// Bounds of the GOGC Pace sets: the usual 100 once the live heap is half
// the target or more, and at most maxPercent while it is tiny.
const (
	minPercent = 100
	maxPercent = 5000
)

// Pace paces collections by target and sets the memory limit to ceiling,
// until stop is called, which restores GOGC and the memory limit there
// were.
func Pace(target, ceiling uint64) (stop func()) {
	p := &pacer{target: target, samples: []metrics.Sample{{Name: "/gc/heap/live:bytes"}}}
	p.mu.Lock()
	p.percent = debug.SetGCPercent(p.next())
	p.limit = debug.SetMemoryLimit(int64(max(target, ceiling)))
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
	target  uint64
	percent int   // GOGC before Pace
	limit   int64 // memory limit before Pace
	stopped atomic.Bool
	mu      sync.Mutex // held while changing the settings
	samples []metrics.Sample
}

// sentinel is freed by every collection: its cleanup then sets GOGC for
// the next one. It is large enough not to share a tiny allocation with
// other objects, which would keep it alive.
type sentinel [32]byte

func (p *pacer) arm() {
	runtime.AddCleanup(new(sentinel), func(p *pacer) {
		p.mu.Lock()
		defer p.mu.Unlock()
		if p.stopped.Load() {
			return
		}
		debug.SetGCPercent(p.next())
		p.arm()
	}, p)
}

// next is the GOGC for the next collection, from the heap the last one
// left.
func (p *pacer) next() int {
	metrics.Read(p.samples)
	live := uint64(4 << 20) // the least heap Go collects at
	if s := p.samples[0]; s.Value.Kind() == metrics.KindUint64 {
		live = max(live, s.Value.Uint64())
	}
	return percentFor(live, p.target)
}

// percentFor is the GOGC at which a heap of live bytes grows to target
// before the next collection, within [minPercent, maxPercent].
func percentFor(live, target uint64) int {
	if target <= 2*live {
		return minPercent
	}
	return int(min(100*(target-live)/live, maxPercent))
}
