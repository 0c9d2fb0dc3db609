package appspec_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/bgspec/bgspec/appspec"
	"github.com/bgspec/bgspec/diag"
	"github.com/bgspec/bgspec/internal/budget"
	"github.com/bgspec/bgspec/internal/source"
)

// FuzzParse: no panic, every diagnostic valid and inside the input, and
// Marshal∘Parse stable (rendering what Parse read, parsing that and
// rendering again gives the same bytes).
func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob("testdata/ok/*")
	files = append(files, seedGolden)
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(filepath.Base(p), b)
	}
	f.Add("appspec.yaml", []byte("version: 0.0\nResources:\n  - TargetService:\n    Type: x\n"))
	f.Add("appspec.yml", []byte("a: &a [*a]"))
	f.Add("appspec.json", []byte(`{"version":"0.0","Resources":[{"f":{"type":"AWS::Lambda::Function"}}]}`))
	f.Fuzz(func(t *testing.T, name string, src []byte) {
		c0 := budget.CPUTime() // CPU, not wall: fuzzing shares a loaded machine
		a, l := appspec.Parse(name, src)
		if d := budget.CPUTime() - c0; d > budget.Bound(2*time.Second) {
			t.Errorf("Parse took %v", d)
		}
		if a == nil {
			t.Fatal("nil AppSpec")
		}
		lines := source.LineBound(src)
		for _, d := range l {
			if !d.Valid() {
				t.Errorf("invalid diagnostic %+v", d)
			}
			if d.Line > lines || !diag.ValidPointer(d.Path) {
				t.Errorf("diagnostic outside the input (%d lines): %+v", lines, d)
			}
		}
		out1, err := appspec.Marshal(a)
		if err != nil {
			t.Fatalf("Marshal: %v", err)
		}
		if _, err := appspec.MarshalJSONForm(a); err != nil {
			t.Fatalf("MarshalJSONForm: %v", err)
		}
		b, _ := appspec.Parse("appspec.yaml", out1)
		out2, err := appspec.Marshal(b)
		if err != nil {
			t.Fatalf("Marshal (second): %v", err)
		}
		if !bytes.Equal(out1, out2) {
			t.Errorf("Marshal∘Parse not stable:\n%s\n---\n%s", out1, out2)
		}
	})
}
