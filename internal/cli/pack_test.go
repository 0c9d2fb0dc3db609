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
	tree := t.TempDir() // the nginx-springboot example's generated revision files
	if err := os.CopyFS(tree, os.DirFS("../../examples/nginx-springboot/testdata")); err != nil {
		t.Fatal(err)
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

// TestPackRefusedWritesNothing: a refused pack (an error in the tree) exits
// 1 and leaves the previous output and its folder as they were.
func TestPackRefusedWritesNothing(t *testing.T) {
	tree := t.TempDir()
	os.WriteFile(filepath.Join(tree, "taskdef.json"), []byte(`{"family": "web"}`), 0o644)
	sub := filepath.Join(tree, "deploy")
	os.Mkdir(sub, 0o755)
	os.WriteFile(filepath.Join(sub, "appspec.yaml"), []byte("version: 0.0\n"), 0o644) // not at the root
	outDir := t.TempDir()
	out := filepath.Join(outDir, "application.zip")
	prev := []byte("previous")
	os.WriteFile(out, prev, 0o644)
	if code, _, errOut := run(t, "", "pack", "-o", out, tree); code != ExitFindings {
		t.Fatalf("exit %d, want %d\n%s", code, ExitFindings, errOut)
	}
	if b, _ := os.ReadFile(out); !bytes.Equal(b, prev) {
		t.Error("the previous output changed")
	}
	if ents, _ := os.ReadDir(outDir); len(ents) != 1 {
		t.Errorf("%d files in the output folder, want 1", len(ents))
	}
}
