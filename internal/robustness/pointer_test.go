package robustness

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/bgspec/bgspec/appspec"
	"github.com/bgspec/bgspec/buildspec"
	"github.com/bgspec/bgspec/diag"
	"github.com/bgspec/bgspec/internal/source"
	"github.com/bgspec/bgspec/revision"
	"github.com/bgspec/bgspec/taskdef"
)

// TestPointersEscapeKeys renames every key the user wrote, one object at a
// time, to a name holding "~" and "/", and adds such a key to every object:
// a rule that builds its JSON pointer by plain concatenation instead of
// RFC 6901 escaping yields a pointer with a bare "~" (invalid) and a
// position of 0:0. Every diagnostic must carry a valid pointer, and a
// diagnostic whose pointer names an existing member must carry its line.
func TestPointersEscapeKeys(t *testing.T) {
	validators := []struct {
		name     string
		glob     []string
		validate func(string, []byte) diag.List
	}{
		{"taskdef", []string{"../../taskdef/testdata/*.json", "../../examples/*/taskdef.json", "../../examples/*/testdata/*taskdef*.json"},
			func(n string, b []byte) diag.List { return taskdef.Validate(n, b) }},
		{"appspec", []string{"../../appspec/testdata/ok/*", "../../examples/*/appspec.yaml", "../../examples/*/testdata/*appspec*"},
			func(n string, b []byte) diag.List { return appspec.Validate(n, b) }},
		{"buildspec", []string{"../../buildspec/testdata/ok/*", "../../buildspec/testdata/validate/*.yml", "../../examples/*/buildspec.yml", "../../examples/*/testdata/*buildspec*"},
			func(n string, b []byte) diag.List { return buildspec.Validate(n, b) }},
		{"action", []string{"../../examples/*/codedeploy-action.json", "../../examples/*/testdata/codedeploy-action.json", "../../examples/*/testdata/*/codedeploy-action.json"},
			revision.ValidateAction},
	}
	for _, v := range validators {
		var files []string
		for _, g := range v.glob {
			m, _ := filepath.Glob(g)
			files = append(files, m...)
		}
		if len(files) < 3 {
			t.Fatalf("%s: %d seed files, want at least 3", v.name, len(files))
		}
		runs := 0
		for _, f := range files {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			read := func() any {
				doc, _ := source.ParseYAML(f, src, source.Options{})
				return doc.Value
			}
			if read() == nil {
				continue
			}
			n := countObjects(read())
			for i := range n {
				for _, mode := range []string{"rename", "add"} {
					val := mutateObject(read(), i, mode) // a fresh value: mutateObject changes it
					b, err := json.MarshalIndent(val, "", " ")
					if err != nil {
						t.Fatal(err)
					}
					l := v.validate("in.json", b)
					runs++
					mdoc, _ := source.ParseJSON("in.json", b, source.Options{MaxBytes: 1 << 30})
					for _, d := range l {
						if !d.Valid() {
							t.Fatalf("%s object %d %s: invalid diagnostic %q %s\n%s", f, i, mode, d.Path, d, b)
						}
						if d.Line == 0 && d.Path != "" && mdoc != nil && mdoc.Has(d.Path) {
							t.Errorf("%s object %d %s: %s names a member of the input but has no position", f, i, mode, d.Path)
						}
					}
				}
			}
		}
		t.Logf("%s: %d files, %d mutated inputs", v.name, len(files), runs)
	}
}

const oddKey = "x~/y"

func countObjects(v any) int {
	n := 0
	switch v := v.(type) {
	case map[string]any:
		n++
		for _, c := range v {
			n += countObjects(c)
		}
	case []any:
		for _, c := range v {
			n += countObjects(c)
		}
	}
	return n
}

// mutateObject changes the object numbered i in a depth-first walk with
// sorted keys: "rename" suffixes each of its keys with "~/", "add" adds
// the key oddKey.
func mutateObject(v any, i int, mode string) any {
	var walk func(v any) any
	k := 0
	walk = func(v any) any {
		switch v := v.(type) {
		case map[string]any:
			me := k
			k++
			keys := make([]string, 0, len(v))
			for key := range v {
				keys = append(keys, key)
			}
			slices.Sort(keys)
			for _, key := range keys {
				v[key] = walk(v[key])
			}
			if me != i {
				return v
			}
			if mode == "add" {
				v[oddKey] = "v"
				return v
			}
			out := make(map[string]any, len(v))
			for key, c := range v {
				out[key+"~/"] = c
			}
			return out
		case []any:
			for j := range v {
				v[j] = walk(v[j])
			}
		}
		return v
	}
	return walk(v)
}
