//go:build race

package build

// raceEnabled: the race detector slows rendering about tenfold, so the
// largest hostile inputs run in make test's separate run without it.
const raceEnabled = true
