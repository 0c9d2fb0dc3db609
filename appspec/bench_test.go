package appspec_test

import (
	"testing"

	"github.com/bgspec/bgspec/appspec"
)

func BenchmarkValidateSeed(b *testing.B) {
	src := []byte(seedSource(b))
	b.ReportAllocs()
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if l := appspec.Validate("appspec.yaml", src); len(l) != 0 {
			b.Fatal(l)
		}
	}
}

func BenchmarkMarshalSeed(b *testing.B) {
	a := appspec.ECS(seedInput)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := appspec.Marshal(a); err != nil {
			b.Fatal(err)
		}
	}
}
