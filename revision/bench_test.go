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

// BenchmarkCheckSeed runs the whole-revision validation bgspec validate DIR
// does on the seed revision: the three spec files and the cross-file rules,
// in memory.
func BenchmarkCheckSeed(b *testing.B) {
	files := Files{}
	for name, content := range seedTree() {
		files[name] = []byte(content)
	}
	if l := Check(files); l.HasErrors() {
		b.Fatal(l)
	}
	b.ReportAllocs()
	for b.Loop() {
		Check(files)
	}
}
