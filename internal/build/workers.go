package build

import (
	"bytes"
	"context"

	"github.com/storyhub/storyhub/internal/parallel"
)

// forEach calls do for 0 ≤ i < n on every core and extra goroutines
// more, each with its own pair of scratch buffers. The first error, or
// the context ending, stops the rest from starting; it is returned.
func forEach(ctx context.Context, n, extra int, do func(i int, a, b *bytes.Buffer) error) error {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	done := ctx.Done()
	parallel.Each(n, extra, func() func(int) bool {
		var a, b bytes.Buffer
		return func(i int) bool {
			select {
			case <-done:
				return false
			default:
			}
			if err := do(i, &a, &b); err != nil {
				cancel(err)
				return false
			}
			return true
		}
	})
	return context.Cause(ctx)
}
