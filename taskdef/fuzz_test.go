package taskdef

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bgspec/bgspec/diag"
	"github.com/bgspec/bgspec/internal/source"
)

func addSeeds(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.json")
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	for _, tc := range firing {
		f.Add([]byte(strings.Replace(tc.src, mark, "", 1)))
	}
	for _, tc := range quiet {
		f.Add([]byte(tc.src))
	}
}

// checkDiags asserts positions inside the input and valid pointers.
// Positions count in the text as read: UTF-16 input is transcoded first.
func checkDiags(t *testing.T, src []byte, l diag.List) {
	t.Helper()
	if doc, _ := source.ParseJSON("f.json", src, source.Options{}); doc.Src != nil {
		src = doc.Src
	}
	lines := bytes.Split(src, []byte("\n"))
	for _, d := range l {
		if !d.Valid() {
			t.Fatalf("invalid diagnostic %+v", d)
		}
		if d.Line > len(lines) || d.Line == 0 && d.Column != 0 {
			t.Fatalf("line out of the input: %+v", d)
		}
		if d.Line > 0 && d.Column > len(lines[d.Line-1])+1 {
			t.Fatalf("column out of the line: %+v", d)
		}
	}
}

func FuzzParse(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, src []byte) {
		td, l := Parse("f.json", src)
		checkDiags(t, src, l)
		if td == nil {
			return
		}
		// Marshal∘Parse is stable: the rendering of a parsed value parses
		// back to the same rendering.
		b1, err := Marshal(td)
		if err != nil {
			t.Fatal(err)
		}
		td2, _ := Parse("f.json", b1, MaxBytes(1<<30))
		if td2 == nil {
			t.Fatalf("the rendering does not parse:\n%s", b1)
		}
		b2, _ := Marshal(td2)
		if !bytes.Equal(b1, b2) {
			t.Fatalf("Marshal∘Parse is not stable:\n%s\n---\n%s", b1, b2)
		}
		checkDecode(t, src)
		Clean(src)
		SetTags(td, map[string]string{"app": "v1"})
	})
}

func FuzzValidate(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, src []byte) {
		l := Validate("f.json", src)
		checkDiags(t, src, l)
		// The fast schema pre-check never accepts what the engine rejects.
		doc, rl := source.ParseJSON("f.json", src, source.Options{})
		if doc.Value == nil || len(rl) > 0 {
			return
		}
		fast, _ := fastSchema()
		if doc.Value = dropNullMembers(doc.Value); fast.valid(doc.Value) {
			if el := taskdefSchema.Validate(doc); len(el) > 0 {
				t.Fatalf("the fast pre-check accepted what the schema rejects:\n%v", el)
			}
		}
	})
}
