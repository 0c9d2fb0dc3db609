package testtree

import (
	"archive/zip"
	"bytes"
	"errors"
	"hash/crc32"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

func TestWrite(t *testing.T) {
	old := syscall.Umask(0o077) // modes must not depend on it
	defer syscall.Umask(old)
	dir := filepath.Join(t.TempDir(), "src")
	files := map[string]string{
		"buildspec.yml":      "version: 0.2\n",
		"app/gradlew":        "#!/bin/sh\n",
		"scripts/a/b/run.sh": "#!/bin/sh\necho run\n",
		"empty.txt":          "",
	}
	if err := Write(dir, files, Executable("gradlew", ".sh")); err != nil {
		t.Fatal(err)
	}
	want := map[string]fs.FileMode{"buildspec.yml": 0o644, "app/gradlew": 0o755, "scripts/a/b/run.sh": 0o755, "empty.txt": 0o644}
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		got, err := os.ReadFile(p)
		if err != nil || string(got) != body {
			t.Errorf("%s: %q, %v; want %q", name, got, err, body)
		}
		st, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if st.Mode() != want[name] {
			t.Errorf("%s: mode %v, want %v", name, st.Mode(), want[name])
		}
	}
	st, err := os.Stat(filepath.Join(dir, "scripts", "a"))
	if err != nil || !st.IsDir() || st.Mode().Perm() != 0o700 {
		t.Errorf("folder: %v, %v (0755 under the umask 077)", st, err)
	}

	// []byte content, nil mode: 0644; a second write replaces the content.
	if err := Write(dir, map[string][]byte{"buildspec.yml": []byte("v2\n"), "app/gradlew": []byte("x")}, nil); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "buildspec.yml")); string(got) != "v2\n" {
		t.Errorf("rewritten content %q", got)
	}
	if st, _ := os.Stat(filepath.Join(dir, "app", "gradlew")); st.Mode() != 0o644 {
		t.Errorf("nil mode: %v, want 0644", st.Mode())
	}

	// A named map type with []byte values is accepted.
	type tree map[string][]byte
	if err := Write(dir, tree{"n.txt": []byte("n")}, nil); err != nil {
		t.Fatal(err)
	}
	// A file where a folder is needed fails.
	if err := Write(dir, map[string]string{"buildspec.yml/x": "x"}, nil); err == nil {
		t.Error("writing below a file: no error")
	}
}

func TestFileFillError(t *testing.T) {
	dir := t.TempDir()
	boom := errors.New("boom")
	err := File(dir, "a/b.txt", 0o600, func(w io.Writer) error {
		io.WriteString(w, "part")
		return boom
	})
	if !errors.Is(err, boom) {
		t.Errorf("err = %v, want the fill error", err)
	}
}

func TestExecutable(t *testing.T) {
	m := Executable(".sh")
	for name, want := range map[string]fs.FileMode{"a.sh": 0o755, "dir/b.sh": 0o755, "sh": 0o644, "a.shx": 0o644, "gradlew": 0o644} {
		if got := m(name); got != want {
			t.Errorf("%s: %v, want %v", name, got, want)
		}
	}
	if got := Executable()("a.sh"); got != 0o644 {
		t.Errorf("no suffixes: %v, want 0644", got)
	}
}

func TestZip(t *testing.T) {
	b, err := Zip(
		Entry{Name: "a.txt", Data: "aaaa"},
		Entry{Name: "../evil", Data: "x", Store: true},
		Entry{Name: "run.sh", Data: "#!/bin/sh\n", Mode: 0o755},
		Entry{Name: "link", Data: "/etc/passwd", Mode: fs.ModeSymlink | 0o777},
		Entry{Name: "a.txt", Data: "again"},
		Entry{Data: "hello", Raw: &zip.FileHeader{Name: "raw.txt", Method: zip.Store, CRC32: crc32.ChecksumIEEE([]byte("hello")), CompressedSize64: 5, UncompressedSize64: 5}},
	)
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		name, data string
		method     uint16
		mode       fs.FileMode
	}{
		{"a.txt", "aaaa", zip.Deflate, 0o666},
		{"../evil", "x", zip.Store, 0o666},
		{"run.sh", "#!/bin/sh\n", zip.Deflate, 0o755},
		{"link", "/etc/passwd", zip.Deflate, fs.ModeSymlink | 0o777},
		{"a.txt", "again", zip.Deflate, 0o666},
		{"raw.txt", "hello", zip.Store, 0o666},
	}
	if len(zr.File) != len(want) {
		t.Fatalf("%d entries, want %d", len(zr.File), len(want))
	}
	for i, f := range zr.File {
		w := want[i]
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		got, err := io.ReadAll(rc)
		rc.Close()
		if f.Name != w.name || string(got) != w.data || err != nil || f.Method != w.method || f.Mode() != w.mode {
			t.Errorf("entry %d: %q %q (%v) method %d mode %v; want %q %q method %d mode %v",
				i, f.Name, got, err, f.Method, f.Mode(), w.name, w.data, w.method, w.mode)
		}
	}
	// The same entries give the same bytes.
	again, _ := Zip(Entry{Name: "a.txt", Data: "aaaa"})
	once, _ := Zip(Entry{Name: "a.txt", Data: "aaaa"})
	if !bytes.Equal(again, once) {
		t.Error("Zip is not deterministic")
	}
}

func TestOverlap(t *testing.T) {
	b, err := Zip(Entry{Name: "x.txt", Data: "x"}, Entry{Name: "a.txt", Data: "aaaa"}, Entry{Name: "b.txt", Data: "bbbb"})
	if err != nil {
		t.Fatal(err)
	}
	out, err := Overlap(b, "a.txt", "b.txt")
	if err != nil {
		t.Fatal(err)
	}
	if len(out) != len(b) {
		t.Errorf("length changed: %d, was %d", len(out), len(b))
	}
	zr, err := zip.NewReader(bytes.NewReader(out), int64(len(out)))
	if err != nil {
		t.Fatal(err)
	}
	offs := map[string]int64{}
	for _, f := range zr.File {
		offs[f.Name], _ = f.DataOffset()
	}
	if offs["a.txt"] != offs["b.txt"] || offs["x.txt"] == offs["a.txt"] {
		t.Errorf("data offsets %v: want a.txt and b.txt to share theirs", offs)
	}
	if b2, _ := Zip(Entry{Name: "x.txt", Data: "x"}, Entry{Name: "a.txt", Data: "aaaa"}, Entry{Name: "b.txt", Data: "bbbb"}); !bytes.Equal(b, b2) {
		t.Error("Overlap changed its input")
	}
	if _, err := Overlap(b, "a.txt", "x.txt"); err == nil {
		t.Error("last entry misnamed: no error")
	}
	if _, err := Overlap(b, "missing.txt", "b.txt"); err == nil {
		t.Error("missing target: no error")
	}
	if _, err := Overlap([]byte("not a zip"), "a.txt", "b.txt"); err == nil {
		t.Error("not a zip: no error")
	}
}
