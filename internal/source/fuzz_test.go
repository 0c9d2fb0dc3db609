package source

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/bgspec/bgspec/internal/budget"
)

// seeds returns the seed files and the bad-input cases of the table tests.
func seeds(f *testing.F, ext ...string) {
	for _, e := range ext {
		files, _ := filepath.Glob(filepath.Join("testdata", "seed", "*"+e))
		for _, name := range files {
			b, err := os.ReadFile(name)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(b)
		}
	}
}

func FuzzParseYAML(f *testing.F) {
	seeds(f, ".yml", ".yaml")
	for _, s := range []string{
		"a: b: c", "version: 0.2\n---\nx: 1", "a: &a [*a]", "a: &a {<<: *a}", "<<:\n? -", "a: *x", "\ta: 1",
		"x: !Ref y", "1: x", "v: .nan", "v: 0x1F", "{a: 1, a: 2}", "a: 1\rb: 2\u2028c: 3", "\ufeffa: \"b",
		"a: [1, {b: [2, &c {d: *c}]}]", "- &a [*a, *a]\n- *a",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		c0 := budget.CPUTime() // CPU, not wall: fuzzing shares a loaded machine
		d, l := ParseYAML("f.yml", src, Options{})
		if took := budget.CPUTime() - c0; took > budget.Bound(2*time.Second) {
			t.Fatalf("parse of %d bytes took %v", len(src), took)
		}
		checkInvariants(t, d, l)
		d2, l2 := ParseYAML("f.yml", src, Options{})
		if !reflect.DeepEqual(l, l2) || !reflect.DeepEqual(d.Value, d2.Value) || !reflect.DeepEqual(d.idx(), d2.idx()) {
			t.Fatalf("parse is not deterministic")
		}
	})
}

func FuzzParseJSON(f *testing.F) {
	seeds(f, ".json")
	for _, s := range []string{
		`{"a":1,}`, `{"a":1} // x`, `{"a": tru}`, `{"a":1,"a":2}`, "\ufeff{}", `[[[[`, `{"a": "\ud800"}`, `{"a": 1e999}`,
		`{"a":[1,2,],"b":{"c":NaN}}`, "{\"a\":\n\"b\n\"}",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		c0 := budget.CPUTime() // CPU, not wall: fuzzing shares a loaded machine
		d, l := ParseJSON("f.json", src, Options{})
		if took := budget.CPUTime() - c0; took > budget.Bound(2*time.Second) {
			t.Fatalf("parse of %d bytes took %v", len(src), took)
		}
		checkInvariants(t, d, l)
		d2, l2 := ParseJSON("f.json", src, Options{})
		if !reflect.DeepEqual(l, l2) || !reflect.DeepEqual(d.Value, d2.Value) || !reflect.DeepEqual(d.idx(), d2.idx()) {
			t.Fatalf("parse is not deterministic")
		}
	})
}
