package revision

import (
	"bytes"
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"testing/fstest"
	"time"
)

// stepCtx is a context that is cancelled at its n-th Err call: a
// deterministic way to cancel Pack at every stage (walk, compression of
// small and spilled entries, writing).
type stepCtx struct {
	context.Context
	left atomic.Int64
	once sync.Once
	done chan struct{}
}

func newStepCtx(n int64) *stepCtx {
	c := &stepCtx{Context: context.Background(), done: make(chan struct{})}
	c.left.Store(n)
	return c
}

func (c *stepCtx) Done() <-chan struct{} { return c.done }

func (c *stepCtx) Err() error {
	if c.left.Add(-1) < 0 {
		c.once.Do(func() { close(c.done) })
		return context.Canceled
	}
	return nil
}

// cancelTree is the seed tree with a few hundred small files and two large
// ones (one compressible, spilled; one stored), so cancellation can land in
// every part of the pack.
func cancelTree() map[string]string {
	files := seedTree()
	for i := range 300 {
		files["app/static/f"+strconv.Itoa(i)+".txt"] = string(bytes.Repeat([]byte("static "+strconv.Itoa(i)+"\n"), 200))
	}
	files["app/big.txt"] = string(bytes.Repeat([]byte("compressible line of text\n"), 200_000))
	files["app/big.jpg"] = string(pseudoRandom(3 << 20))
	return files
}

func TestPackDirContextCancelled(t *testing.T) {
	dir := newTree(t, cancelTree())
	full := packBytes(t, dir, MemoryBudget(1<<20))
	outDir := t.TempDir()
	out := filepath.Join(outDir, "application.zip")
	prev := []byte("previous application.zip")
	goroutines := runtime.NumGoroutine()
	stages := 0
	for n := int64(0); ; n += 1 + n/4 {
		if err := os.WriteFile(out, prev, 0o644); err != nil {
			t.Fatal(err)
		}
		ctx := newStepCtx(n)
		_, err := PackDirContext(ctx, dir, out, MemoryBudget(1<<20), Workers(3))
		if err == nil { // n was past the last check: the pack completed
			if ctx.left.Load() >= 0 {
				b, _ := os.ReadFile(out)
				if !bytes.Equal(b, full) {
					t.Fatalf("n=%d: uncancelled pack differs from PackDir's", n)
				}
				break
			}
			t.Fatalf("n=%d: cancelled, but PackDirContext returned no error", n)
		}
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("n=%d: err = %v, want context.Canceled", n, err)
		}
		if b, _ := os.ReadFile(out); !bytes.Equal(b, prev) {
			t.Fatalf("n=%d: the previous output changed", n)
		}
		assertNoTemp(t, outDir)
		stages++
		if n > 1e6 {
			t.Fatal("never completed")
		}
	}
	t.Logf("cancelled at %d points, then completed", stages)
	if stages < 10 {
		t.Errorf("cancelled at only %d points", stages)
	}
	// Workers and the dispatcher have stopped.
	for i := 0; runtime.NumGoroutine() > goroutines; i++ {
		if i == 100 {
			t.Fatalf("%d goroutines left running, %d before", runtime.NumGoroutine(), goroutines)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestPackContext(t *testing.T) {
	fsys := fstest.MapFS{}
	for name, body := range cancelTree() {
		fsys[name] = &fstest.MapFile{Data: []byte(body), Mode: 0o644}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var w bytes.Buffer
	if _, err := PackContext(ctx, fsys, &w); !errors.Is(err, context.Canceled) || w.Len() != 0 {
		t.Errorf("cancelled before the start: err %v, %d bytes written", err, w.Len())
	}
	ctx, cancel = context.WithDeadline(context.Background(), time.Now().Add(-time.Second))
	defer cancel()
	if _, err := PackContext(ctx, fsys, &w); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("past deadline: err %v", err)
	}
	if _, err := PackContext(newStepCtx(200), fsys, &w); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled while writing: err %v", err)
	}
	w.Reset()
	if _, err := PackContext(context.Background(), fsys, &w); err != nil || w.Len() == 0 {
		t.Errorf("not cancelled: err %v, %d bytes", err, w.Len())
	}
}

// hugeFS holds one file that claims 1 GiB of zeros and cancels ctx once
// 8 MiB of it have been read.
type hugeFS struct {
	cancel context.CancelFunc
	read   *atomic.Int64
}

type hugeFile struct {
	fs   hugeFS
	left int64
}

type hugeInfo struct{}

const hugeSize = 1 << 30

func (hugeInfo) Name() string       { return "big.bin" }
func (hugeInfo) Size() int64        { return hugeSize }
func (hugeInfo) Mode() fs.FileMode  { return 0o644 }
func (hugeInfo) ModTime() time.Time { return time.Time{} }
func (hugeInfo) IsDir() bool        { return false }
func (hugeInfo) Sys() any           { return nil }

func (h hugeFS) Open(name string) (fs.File, error) {
	switch name {
	case ".":
		return fstest.MapFS{"big.bin": {}}.Open(".")
	case "big.bin":
		return &hugeFile{fs: h, left: hugeSize}, nil
	}
	return nil, fs.ErrNotExist
}

func (h hugeFS) ReadDir(name string) ([]fs.DirEntry, error) {
	if name != "." {
		return nil, fs.ErrNotExist
	}
	return []fs.DirEntry{fs.FileInfoToDirEntry(hugeInfo{})}, nil
}

func (f *hugeFile) Stat() (fs.FileInfo, error) { return hugeInfo{}, nil }
func (f *hugeFile) Close() error               { return nil }
func (f *hugeFile) Read(p []byte) (int, error) {
	if f.left == 0 {
		return 0, io.EOF
	}
	n := int(min(int64(len(p)), f.left))
	clear(p[:n])
	f.left -= int64(n)
	if f.fs.read.Add(int64(n)) >= 8<<20 {
		f.fs.cancel()
	}
	return n, nil
}

// TestPackContextStopsMidFile: cancelling while a large file is read stops
// the read within a buffer or two, not at the end of the file.
func TestPackContextStopsMidFile(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	h := hugeFS{cancel: cancel, read: new(atomic.Int64)}
	_, err := PackContext(ctx, h, io.Discard, SkipSpecChecks(), Disable(RuleMissingSpec))
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if n := h.read.Load(); n > 16<<20 {
		t.Errorf("read %d MiB of the 1 GiB file after cancelling at 8 MiB", n>>20)
	}
}
