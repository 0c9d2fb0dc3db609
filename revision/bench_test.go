package revision

import (
	"bytes"
	"io"
	"io/fs"
	"os"
	"testing"
)

func BenchmarkVerifySeed(b *testing.B) {
	z := seedZip(b, "")
	b.ReportAllocs()
	for b.Loop() {
		Verify(bytes.NewReader(z), int64(len(z)), "application.zip")
	}
}

func BenchmarkPackSeed(b *testing.B) {
	dir := newTree(b, seedTree())
	b.ReportAllocs()
	for b.Loop() {
		root := mustRoot(b, dir)
		if _, err := Pack(root.FS(), io.Discard); err != nil {
			b.Fatal(err)
		}
		root.Close()
	}
}

func mustRoot(b *testing.B, dir string) interface {
	FS() fs.FS
	Close() error
} {
	r, err := os.OpenRoot(dir)
	if err != nil {
		b.Fatal(err)
	}
	return r
}
