// Package parallel runs the items of a job on every core. Workers take
// the next item by counting, not from a channel, which would wake one of
// them for every item.
package parallel

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// Each calls, for every i in [0, n), the function worker made for the
// goroutine that takes i, on GOMAXPROCS goroutines plus extra (at most
// n): each goroutine makes its own function, so it has its own scratch.
// Once a function returns false, no further item is started.
func Each(n, extra int, worker func() func(i int) bool) {
	var next atomic.Int64
	var stopped atomic.Bool
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0)+extra, n) {
		wg.Go(func() {
			do := worker()
			for i := int(next.Add(1) - 1); i < n && !stopped.Load(); i = int(next.Add(1) - 1) {
				if !do(i) {
					stopped.Store(true)
				}
			}
		})
	}
	wg.Wait()
}
