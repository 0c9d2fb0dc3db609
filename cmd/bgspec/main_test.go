package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// TestInterruptedPack: SIGINT during `bgspec pack` stops it, removes the
// temporary zip and its spill files, leaves the previous output as it was
// and exits 2.
func TestInterruptedPack(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no SIGINT to a child process on Windows")
	}
	bin := filepath.Join(t.TempDir(), "bgspec")
	if b, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, b)
	}
	dir := t.TempDir() // the nginx-springboot example's generated revision files
	if err := os.CopyFS(dir, os.DirFS("../../examples/nginx-springboot/testdata")); err != nil {
		t.Fatal(err)
	}
	// 4 GiB of zeros (sparse: no disk used) take seconds to compress.
	f, err := os.Create(filepath.Join(dir, "big.bin"))
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(4 << 30); err != nil {
		t.Fatal(err)
	}
	f.Close()

	outDir := t.TempDir()
	out := filepath.Join(outDir, "application.zip")
	prev := []byte("previous application.zip")
	if err := os.WriteFile(out, prev, 0o644); err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd := exec.Command(bin, "pack", "-force", "-o", out, dir)
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	started := false
	for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline) && !started; {
		tmps, _ := filepath.Glob(filepath.Join(outDir, ".application.zip.tmp*"))
		started = len(tmps) > 0
		time.Sleep(2 * time.Millisecond)
	}
	if !started {
		cmd.Process.Kill()
		cmd.Wait()
		t.Fatalf("no temporary zip appeared; stderr:\n%s", stderr.String())
	}
	if err := cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	err = cmd.Wait()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 2 {
		t.Fatalf("exit: %v, want code 2; stderr:\n%s", err, stderr.String())
	}
	if b, _ := os.ReadFile(out); !bytes.Equal(b, prev) {
		t.Error("the previous output changed")
	}
	ents, _ := os.ReadDir(outDir)
	for _, e := range ents {
		if strings.HasPrefix(e.Name(), ".") {
			t.Errorf("left behind: %s", e.Name())
		}
	}
}
