package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSetImage(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "taskdef.json")
	src, _ := os.ReadFile("testdata/taskdef.json")
	os.WriteFile(p, src, 0o644)

	const img = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:r42"
	code, out, errOut := run(t, "", "set-image", p, "app="+img)
	if code != ExitOK || !strings.Contains(out, `"image": "`+img+`"`) {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
	if got, _ := os.ReadFile(p); string(got) != string(src) {
		t.Fatal("set-image without -w changed the file")
	}

	// An unknown container name writes nothing.
	if code, _, _ := run(t, "", "set-image", "-w", p, "app="+img, "nosuch=nginx"); code != ExitFindings {
		t.Fatalf("unknown name: exit %d, want 1", code)
	}
	if got, _ := os.ReadFile(p); string(got) != string(src) {
		t.Fatal("a refused set-image changed the file")
	}

	if code, _, errOut := run(t, "", "set-image", "-w", p, "app="+img); code != ExitOK {
		t.Fatalf("-w: exit %d %s", code, errOut)
	}
	got, _ := os.ReadFile(p)
	if !strings.Contains(string(got), img) || !strings.Contains(string(got), `"<IMAGE2_NAME>"`) {
		t.Fatalf("-w wrote\n%s", got)
	}
	if code, out, _ := run(t, "", "validate", p); code != ExitOK {
		t.Fatalf("rewritten file does not validate:\n%s", out)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Fatalf("temp files left: %v", entries)
	}
}

func TestSetImageUsage(t *testing.T) {
	for _, args := range [][]string{
		{"set-image", "testdata/taskdef.json"},
		{"set-image", "testdata/taskdef.json", "app"},
		{"set-image", "testdata/taskdef.json", "app=x", "app=y"},
	} {
		if code, _, _ := run(t, "", args...); code != ExitUsage {
			t.Errorf("%q: exit %d, want 2", args, code)
		}
	}
}

func TestClean(t *testing.T) {
	code, out, errOut := run(t, "", "clean", "testdata/describe.json")
	if code != ExitOK {
		t.Fatalf("exit %d %s", code, errOut)
	}
	for _, gone := range []string{"taskDefinitionArn", "revision", "status", "requiresAttributes", "compatibilities", "registeredAt", "registeredBy", `"volumes"`} {
		if strings.Contains(out, gone) {
			t.Errorf("clean kept %s:\n%s", gone, out)
		}
	}
	dir := t.TempDir()
	p := filepath.Join(dir, "taskdef.json")
	os.WriteFile(p, []byte(out), 0o644)
	if code, vout, _ := run(t, "", "validate", p); code != ExitOK {
		t.Fatalf("cleaned output does not validate:\n%s", vout)
	}
	// From standard input too.
	src, _ := os.ReadFile("testdata/describe.json")
	if code, out2, _ := run(t, string(src), "clean", "-"); code != ExitOK || out2 != out {
		t.Fatalf("clean - : exit %d, output differs", code)
	}
	if code, _, _ := run(t, "", "clean", "testdata/appspec.yaml"); code != ExitFindings {
		t.Errorf("clean of a non-taskdef: exit %d, want 1", code)
	}
}
