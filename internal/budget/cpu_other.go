//go:build !unix

package budget

import "time"

// CPUTime is 0: this platform has no process CPU clock (Measure then
// counts wall time).
func CPUTime() time.Duration { return 0 }
