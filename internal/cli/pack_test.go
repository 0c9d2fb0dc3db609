package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestPackCancelled: a pack whose context is cancelled (cmd/bgspec cancels
// on SIGINT/SIGTERM) exits 2 and leaves the output and its folder as they
// were; the same pack uncancelled writes the zip.
func TestPackCancelled(t *testing.T) {
	tree := t.TempDir()
	for _, name := range []string{"buildspec.yml", "appspec.yaml", "taskdef.json"} {
		b, err := os.ReadFile(filepath.Join("..", "..", "examples", "nginx-springboot", "testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(tree, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	outDir := t.TempDir()
	out := filepath.Join(outDir, "application.zip")
	prev := []byte("previous")
	if err := os.WriteFile(out, prev, 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var stdout, stderr bytes.Buffer
	code := MainContext(ctx, []string{"pack", "-force", "-o", out, tree}, strings.NewReader(""), &stdout, &stderr)
	if code != ExitUsage {
		t.Fatalf("exit %d, want %d; stderr:\n%s", code, ExitUsage, stderr.String())
	}
	if b, _ := os.ReadFile(out); !bytes.Equal(b, prev) {
		t.Error("the previous output changed")
	}
	if ents, _ := os.ReadDir(outDir); len(ents) != 1 {
		t.Errorf("%d files in the output folder, want 1", len(ents))
	}
	if code, _, errOut := run(t, "", "pack", "-force", "-o", out, tree); code != ExitOK {
		t.Fatalf("uncancelled: exit %d\n%s", code, errOut)
	}
	if b, _ := os.ReadFile(out); bytes.Equal(b, prev) || !bytes.HasPrefix(b, []byte("PK")) {
		t.Error("uncancelled pack did not write the zip")
	}
}
