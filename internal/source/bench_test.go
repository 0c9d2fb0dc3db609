package source

import (
	"os"
	"testing"

	"github.com/bgspec/bgspec/internal/budget"
)

// loop runs f b.N times and reports CPU time per operation.
func loop(b *testing.B, f func()) {
	b.ReportAllocs()
	start := budget.CPUTime()
	n := 0
	for b.Loop() {
		f()
		n++
	}
	b.ReportMetric(float64(budget.CPUTime()-start)/float64(n), "cpu-ns/op")
}

func BenchmarkParseYAML(b *testing.B) {
	for _, name := range []string{"buildspec.yml", "appspec.yaml"} {
		src, err := os.ReadFile("testdata/seed/" + name)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			loop(b, func() {
				if _, l := ParseYAML(name, src, Options{}); l.HasErrors() {
					b.Fatal(l)
				}
			})
		})
	}
}

func BenchmarkParseJSON(b *testing.B) {
	src, err := os.ReadFile("testdata/seed/taskdef.json")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(src)))
	loop(b, func() {
		if _, l := ParseJSON("taskdef.json", src, Options{}); l.HasErrors() {
			b.Fatal(l)
		}
	})
}
