package revision

import (
	"compress/flate"
	"io"
)

// defaultLevel is the DEFLATE level Pack uses.
const defaultLevel = 6

type deflater interface {
	io.WriteCloser
	Reset(io.Writer)
}

func newDeflater(w io.Writer, level int) deflater {
	fw, err := flate.NewWriter(w, level)
	if err != nil { // invalid level: fall back to the default
		fw, _ = flate.NewWriter(w, flate.DefaultCompression)
	}
	return fw
}
