// Package budget measures what a piece of work costs — process CPU time, wall
// time and bytes allocated — so tests can assert resource bounds ("under 1 s
// and 100 MB") that hold on a loaded CI machine: CPU time does not grow when
// other processes compete for the cores, wall time does.
package budget

import (
	"runtime"
	"testing"
	"time"
)

// Cost is what one measured call used.
type Cost struct {
	CPU   time.Duration // user+system CPU time of the whole process
	Wall  time.Duration
	Alloc uint64 // bytes allocated (runtime.MemStats.TotalAlloc delta)
}

// Measure runs f once and returns its cost. Run it without t.Parallel
// siblings, since CPU time is counted for the whole process.
func Measure(f func()) Cost {
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	cpu0 := CPUTime()
	start := time.Now()
	f()
	wall := time.Since(start)
	cpu := CPUTime() - cpu0
	runtime.ReadMemStats(&after)
	if cpu <= 0 { // no CPU clock on this platform
		cpu = wall
	}
	return Cost{CPU: cpu, Wall: wall, Alloc: after.TotalAlloc - before.TotalAlloc}
}

// Race is true in a binary built with -race. The race detector's
// instrumentation makes code several times slower and allocate more, so
// [Bound] widens every bound by RaceFactor: under -race the bounds catch
// hangs and blow-ups, and the tight figures hold in a normal build.
const Race = race

// RaceFactor is how much [Bound] widens a bound under -race (measured: the
// cap-sized inputs of internal/robustness cost up to 3× the CPU and 7× the
// allocation with -race).
const RaceFactor = 10

// Bound returns the bound to assert for v: v itself, or v×RaceFactor in a
// -race build.
func Bound[T ~int64 | ~uint64 | ~int](v T) T {
	if Race {
		return v * RaceFactor
	}
	return v
}

// Check fails t when the cost exceeds cpu CPU time or alloc bytes, or when
// the wall time exceeds a backstop of 10×cpu (a hang is still caught on a
// machine too busy to give the test its CPU). The bounds pass through
// [Bound].
func (c Cost) Check(t testing.TB, cpu time.Duration, alloc uint64) {
	t.Helper()
	cpu, alloc = Bound(cpu), Bound(alloc)
	if c.CPU > cpu {
		t.Errorf("used %v of CPU, want < %v (wall %v)", c.CPU, cpu, c.Wall)
	}
	if c.Wall > 10*cpu {
		t.Errorf("took %v of wall time, want < %v", c.Wall, 10*cpu)
	}
	if c.Alloc > alloc {
		t.Errorf("allocated %.1f MB, want < %.1f MB", float64(c.Alloc)/1e6, float64(alloc)/1e6)
	}
}
