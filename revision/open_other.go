//go:build !unix

package revision

import "os"

const openFlags = os.O_RDONLY
