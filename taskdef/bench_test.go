package taskdef_test

import (
	"os"
	"testing"

	"github.com/bgspec/bgspec/taskdef"
)

// BenchmarkValidate validates the two-container awsvpc blue/green task
// definition (testdata/web.taskdef.json, the golden render of webTask).
func BenchmarkValidate(b *testing.B) {
	src, err := os.ReadFile("testdata/web.taskdef.json")
	if err != nil {
		b.Fatal(err)
	}
	if l := taskdef.Validate("taskdef.json", src); len(l) > 0 {
		b.Fatalf("the benchmark input must validate clean:\n%v", l)
	}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		taskdef.Validate("taskdef.json", src)
	}
}
