//go:build unix

package revision

import "syscall"

// openFlags never follows a final symbolic link and never blocks on a FIFO
// swapped in after the walk's Lstat.
const openFlags = syscall.O_RDONLY | syscall.O_NOFOLLOW | syscall.O_NONBLOCK
