package golden

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fakeTB records failures instead of failing the test that runs Check.
type fakeTB struct {
	testing.TB
	errors []string
	fatal  bool
}

type fatalStop struct{}

func (f *fakeTB) Helper() {}
func (f *fakeTB) Errorf(format string, args ...any) {
	f.errors = append(f.errors, fmt.Sprintf(format, args...))
}
func (f *fakeTB) Fatalf(format string, args ...any) {
	f.errors = append(f.errors, fmt.Sprintf(format, args...))
	f.fatal = true
	panic(fatalStop{})
}
func (f *fakeTB) Fatal(args ...any) {
	f.errors = append(f.errors, fmt.Sprint(args...))
	f.fatal = true
	panic(fatalStop{})
}

func run(path string, got []byte) (f *fakeTB) {
	f = &fakeTB{}
	defer func() {
		if r := recover(); r != nil {
			if _, ok := r.(fatalStop); !ok {
				panic(r)
			}
		}
	}()
	Check(f, path, got)
	return f
}

func TestCheck(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.golden")
	if err := os.WriteFile(path, []byte("hello\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if f := run(path, []byte("hello\n")); len(f.errors) != 0 {
		t.Errorf("equal content failed: %v", f.errors)
	}
	f := run(path, []byte("hullo\n"))
	if len(f.errors) != 1 || f.fatal || !strings.Contains(f.errors[0], "-update") || !strings.Contains(f.errors[0], "hullo") {
		t.Errorf("different content: %v", f.errors)
	}
	if f := run(path, []byte("hello")); len(f.errors) != 1 {
		t.Error("a missing trailing newline went unnoticed")
	}
	f = run(filepath.Join(dir, "missing.golden"), []byte("x"))
	if !f.fatal || !strings.Contains(f.errors[0], "-update") {
		t.Errorf("missing file: %v", f.errors)
	}
}

func TestCheckUpdate(t *testing.T) {
	if Updating() {
		t.Skip("the package's own tests run with -update")
	}
	*update = true
	defer func() { *update = false }()
	if !Updating() {
		t.Fatal("Updating() = false")
	}
	path := filepath.Join(t.TempDir(), "new", "dir", "b.golden")
	if f := run(path, []byte("new\n")); len(f.errors) != 0 {
		t.Fatalf("update failed: %v", f.errors)
	}
	if b, err := os.ReadFile(path); err != nil || string(b) != "new\n" {
		t.Errorf("written %q, %v", b, err)
	}
	*update = false
	if f := run(path, []byte("new\n")); len(f.errors) != 0 {
		t.Errorf("check after update: %v", f.errors)
	}
}
