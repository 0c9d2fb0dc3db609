package deploy

import (
	"bytes"
	"flag"
	"os"
	"strings"
	"testing"

	"github.com/bgspec/bgspec/internal/cli"
)

var update = flag.Bool("update", false, "rewrite the generated spec files")

// TestSpecsUpToDate fails when a committed spec file differs from what the
// Go code generates (someone edited the file by hand, or changed the code
// without running go generate). go test -run TestSpecsUpToDate -update
// rewrites them.
func TestSpecsUpToDate(t *testing.T) {
	files, l, err := Files()
	if err != nil {
		t.Fatal(err)
	}
	if len(l) != 0 {
		t.Errorf("the generated files do not validate clean:\n%v", l)
	}
	if *update {
		if _, err := Write("."); err != nil {
			t.Fatal(err)
		}
		return
	}
	for name, want := range files {
		got, err := os.ReadFile(name)
		if err != nil {
			t.Errorf("%s: %v (run go generate)", name, err)
			continue
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s is out of date at line %d: run go generate (or go test -run TestSpecsUpToDate -update)", name, firstDiff(got, want))
		}
	}
}

func TestWrite(t *testing.T) {
	// Write is what gen calls: it writes into an empty folder, leaves
	// identical files untouched, and the files read back as Files renders them.
	dir := t.TempDir()
	if _, err := Write(dir); err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(dir + "/" + TaskdefFile)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Write(dir); err != nil {
		t.Fatal(err)
	}
	st2, err := os.Stat(dir + "/" + TaskdefFile)
	if err != nil {
		t.Fatal(err)
	}
	if !os.SameFile(st, st2) {
		t.Error("an identical file was replaced")
	}
	files, _, _ := Files()
	for name, want := range files {
		got, err := os.ReadFile(dir + "/" + name)
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s: %v", name, err)
		}
	}
	if _, err := Write(dir + "/missing/folder"); err == nil {
		t.Error("writing into a missing folder: no error")
	}
}

// firstDiff returns the 1-based number of the first line where a and b differ.
func firstDiff(a, b []byte) int {
	la, lb := bytes.Split(a, []byte("\n")), bytes.Split(b, []byte("\n"))
	for i := range la {
		if i >= len(lb) || !bytes.Equal(la[i], lb[i]) {
			return i + 1
		}
	}
	return len(la) + 1
}

// TestREADMEDirective runs the go:generate line README.md shows for files
// like these: it must exit 0 on them.
func TestREADMEDirective(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	const prefix = "//go:generate go tool bgspec "
	_, line, ok := strings.Cut(string(readme), prefix)
	if !ok {
		t.Fatalf("README.md has no %q line", prefix)
	}
	line, _, _ = strings.Cut(line, "\n")
	var out, errOut bytes.Buffer
	if code := cli.Main(strings.Fields(line), strings.NewReader(""), &out, &errOut); code != cli.ExitOK {
		t.Errorf("bgspec %s: exit %d\n%s%s", line, code, out.String(), errOut.String())
	}
}
