//go:build unix

package budget

import (
	"syscall"
	"time"
)

// CPUTime is the process's user+system CPU time so far. Unlike wall time,
// it does not grow while other processes hold the cores. It is 0 when the
// clock cannot be read.
func CPUTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
