package build

import (
	"bytes"
	"context"
	"sync"
	"sync/atomic"
)

// forEach calls do for 0 ≤ i < n on workers goroutines, each with its own
// pair of scratch buffers. Workers take the next index by counting, not
// from a channel that would wake one for every item. The first error, or
// the context ending, stops the rest from starting; it is returned.
func forEach(ctx context.Context, n, workers int, do func(i int, a, b *bytes.Buffer) error) error {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	done := ctx.Done()
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(workers, n) {
		wg.Go(func() {
			var a, b bytes.Buffer
			for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
				select {
				case <-done:
					return
				default:
				}
				if err := do(i, &a, &b); err != nil {
					cancel(err)
					return
				}
			}
		})
	}
	wg.Wait()
	return context.Cause(ctx)
}
