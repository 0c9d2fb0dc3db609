package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	deploy "github.com/bgspec/bgspec/examples/gogenerate"
)

// What `go generate` writes is exactly what is committed in the package
// folder.
func TestGenMatchesCommitted(t *testing.T) {
	dir := t.TempDir()
	var stderr bytes.Buffer
	if code := run([]string{"-dir", dir}, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if stderr.Len() != 0 {
		t.Errorf("diagnostics: %s", stderr.String())
	}
	for _, name := range []string{deploy.BuildspecFile, deploy.AppSpecFile, deploy.TaskdefFile, deploy.ActionFile} {
		got, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		want, err := os.ReadFile(filepath.Join("..", name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s: gen output differs from the committed file; run go generate ./examples/gogenerate", name)
		}
	}
	for _, args := range [][]string{{"-x"}, {"extra"}} {
		if code := run(args, &stderr); code != 2 {
			t.Errorf("run %q: exit %d, want 2", args, code)
		}
	}
	if code := run([]string{"-dir", filepath.Join(dir, "missing")}, &stderr); code != 1 {
		t.Errorf("missing folder: exit %d, want 1", code)
	}
}
