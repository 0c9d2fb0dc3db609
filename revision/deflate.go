package revision

import (
	"io"

	"github.com/klauspost/compress/flate"
)

// defaultLevel is the DEFLATE level Pack uses.
//
// Pack deflates with github.com/klauspost/compress/flate rather than
// compress/flate: on the text of the benchmark tree (scripts/packbench.sh,
// 30 MB of Java and JavaScript) klauspost level 6 takes about a third of the
// CPU of the standard library's level 6 for +1.5% compressed size, and level
// 4 another ~15% less CPU for +4% (the text is a small part of a revision
// next to jars and images, so the whole zip stays within 1% of Info-ZIP's
// `zip -6`). Its output is pinned by go.mod, whereas compress/flate output
// may change between Go releases (the standard library does not promise
// stable output), so Pack's bytes are reproducible
// across toolchains too.
const defaultLevel = 4

type deflater interface {
	io.WriteCloser
	Reset(io.Writer)
}

func newDeflater(w io.Writer) deflater {
	fw, _ := flate.NewWriter(w, defaultLevel) // fails only for a level outside -2…9
	return fw
}
