package build

import (
	"bytes"
	"context"
	"errors"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
)

// TestForEach: each worker has scratch buffers of its own, and an error
// or a cancelled build stops the work (which items run on which core is
// internal/parallel's, and tested there).
func TestForEach(t *testing.T) {
	const n = 1000
	var mu sync.Mutex
	owner := map[*bytes.Buffer]*bytes.Buffer{} // a → b, seen together
	err := forEach(context.Background(), n, 1, func(i int, a, b *bytes.Buffer) error {
		mu.Lock()
		defer mu.Unlock()
		if prev, ok := owner[a]; a == b || ok && prev != b || owner[b] != nil {
			t.Error("scratch buffers shared between workers")
		}
		owner[a] = b
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}

	// The first error stops the rest from starting (on one core, so
	// that nothing can have started meanwhile) and is returned (on all).
	boom := errors.New("boom")
	var done atomic.Int32
	failAt10 := func(i int, a, b *bytes.Buffer) error {
		done.Add(1)
		if i == 10 {
			return boom
		}
		return nil
	}
	prev := runtime.GOMAXPROCS(1)
	err = forEach(context.Background(), n, 0, failAt10)
	runtime.GOMAXPROCS(prev)
	if !errors.Is(err, boom) || done.Load() != 11 {
		t.Errorf("one worker: %v after %d items, want boom after 11", err, done.Load())
	}
	if err := forEach(context.Background(), n, 3, failAt10); !errors.Is(err, boom) {
		t.Errorf("five workers: %v, want boom", err)
	}

	// An ended context starts nothing and says why.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	done.Store(0)
	err = forEach(ctx, n, 0, func(int, *bytes.Buffer, *bytes.Buffer) error { done.Add(1); return nil })
	if !errors.Is(err, context.Canceled) || done.Load() != 0 {
		t.Errorf("with a cancelled context: %v and %d items done, want context.Canceled and none", err, done.Load())
	}
}
