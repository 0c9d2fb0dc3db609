package schema

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/bgspec/bgspec/internal/budget"
	"github.com/bgspec/bgspec/internal/source"
)

// BenchmarkParseAndValidate measures the foundation's share of a task
// definition validation: ParseJSON plus the schema pass on a ~3 KB
// two-container document against a ~20-property schema. cpu-ns/op is the
// CPU time per operation (the wall time on a shared machine includes waiting
// for a core).
func BenchmarkParseAndValidate(b *testing.B) {
	schemaSrc, err := os.ReadFile("testdata/bench.schema.json")
	if err != nil {
		b.Fatal(err)
	}
	src, err := os.ReadFile("testdata/bench.taskdef.json")
	if err != nil {
		b.Fatal(err)
	}
	s := New("bench.schema.json", schemaSrc, "")
	if err := s.Check(); err != nil {
		b.Fatal(err)
	}
	for _, bc := range []struct {
		name string
		f    func()
	}{
		// A yardstick: on a loaded machine compare the others to it.
		{"yardstick-json.Unmarshal", func() {
			var v any
			if err := json.Unmarshal(src, &v); err != nil {
				b.Fatal(err)
			}
		}},
		{"ParseJSON", func() { source.ParseJSON("taskdef.json", src, source.Options{}) }},
		{"Validate", func() {}},
		{"ParseJSON+Validate", func() {
			d, _ := source.ParseJSON("taskdef.json", src, source.Options{})
			if l := s.Validate(d); len(l) > 0 {
				b.Fatal(l)
			}
		}},
	} {
		f := bc.f
		if bc.name == "Validate" {
			d, _ := source.ParseJSON("taskdef.json", src, source.Options{})
			f = func() {
				if l := s.Validate(d); len(l) > 0 {
					b.Fatal(l)
				}
			}
		}
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(src)))
			start, n := budget.CPUTime(), 0
			for b.Loop() {
				f()
				n++
			}
			b.ReportMetric(float64(budget.CPUTime()-start)/float64(n), "cpu-ns/op")
		})
	}
}
