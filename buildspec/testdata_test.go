package buildspec

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bgspec/bgspec/internal/golden"
)

// TestOK: files in testdata/ok produce no diagnostics at all.
func TestOK(t *testing.T) {
	files, _ := filepath.Glob("testdata/ok/*.yml")
	if len(files) == 0 {
		t.Fatal("no testdata/ok files")
	}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if l := Validate(filepath.Base(f), src); len(l) > 0 {
			t.Errorf("%s:\n%s", f, l)
		}
	}
}

// TestValidateGolden: testdata/validate/<case>.yml → <case>.diag holds the
// full diagnostics (the goldens own the message wording).
func TestValidateGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/validate/*.yml")
	if len(files) == 0 {
		t.Fatal("no testdata/validate files")
	}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		l := Validate(filepath.Base(f), src)
		if len(l) == 0 {
			t.Errorf("%s: no diagnostics", f)
		}
		var b strings.Builder
		for _, d := range l {
			b.WriteString(d.Error() + "\n") // ends [rule at /json/pointer]
		}
		golden.Check(t, strings.TrimSuffix(f, ".yml")+".diag", []byte(b.String()))
	}
}
