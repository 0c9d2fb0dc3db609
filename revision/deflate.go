package revision

import (
	"io"

	"github.com/klauspost/compress/flate"
)

// defaultLevel is the DEFLATE level Pack uses.
//
// Pack deflates with github.com/klauspost/compress/flate rather than
// compress/flate: on the benchmark tree (scripts/packbench.sh) its level 6 is
// about 3× faster than the standard library's level 6 for +1.5% on the
// compressed text (+0.2% on the whole zip). Its output is pinned by go.mod,
// whereas compress/flate output changes with Go releases (Go 1.27 did), so
// Pack's bytes are reproducible across toolchains too.
const defaultLevel = 6

type deflater interface {
	io.WriteCloser
	Reset(io.Writer)
}

func newDeflater(w io.Writer, level int) deflater {
	fw, err := flate.NewWriter(w, level)
	if err != nil { // invalid level: fall back to the default
		fw, _ = flate.NewWriter(w, defaultLevel)
	}
	return fw
}
