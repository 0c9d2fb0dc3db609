package robustness

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"testing/fstest"
	"time"

	"github.com/bgspec/bgspec/diag"
	"github.com/bgspec/bgspec/internal/testtree"
	"github.com/bgspec/bgspec/revision"
)

// writeTree writes files (slash paths) under dir; names ending in .sh are
// executable.
func writeTree(t *testing.T, dir string, files revision.Files) {
	t.Helper()
	must(t, testtree.Write(dir, files, testtree.Executable(".sh")))
}

// packCase is a packager (Z) case: a tree is built, PackDir runs with a
// previous application.zip in place, and the previous zip must be left
// byte-identical with no temporary file beside it.
type packCase struct {
	id    string
	build func(t *testing.T, dir string) // adds the bad part to a valid tree
	files func() revision.Files          // replaces the valid tree when set
	out   func(dir, outDir string) string
	wants []want // File is matched through wantFile
	// wantFile is the File of the wanted diagnostics, relative to the tree
	// ("" is the tree itself): PackDir names files dir/path.
	wantFile string
	note     string
}

func packCases() []packCase {
	return []packCase{
		{id: "7.3-42", files: func() revision.Files {
			f := okFiles()
			f["appspec.yml"] = f["appspec.yaml"]
			delete(f, "appspec.yaml")
			return f
		}, wants: []want{w("revision/missing-spec", 0, 0, "")}},
		{id: "7.5-53a", build: func(t *testing.T, dir string) {
			must(t, os.Symlink("../../etc/passwd", filepath.Join(dir, "link")))
		}, wantFile: "link", wants: []want{w("revision/symlink-escape", 0, 0, "")}},
		{id: "7.5-53b", build: func(t *testing.T, dir string) {
			must(t, os.Symlink("Dockerfile", filepath.Join(dir, "link")))
		}, wantFile: "link", wants: []want{w("revision/symlink", 0, 0, "")}},
		{id: "7.5-53c", build: func(t *testing.T, dir string) {
			must(t, os.Mkdir(filepath.Join(dir, "sub"), 0o755))
			must(t, os.Symlink("..", filepath.Join(dir, "sub", "loop")))
		}, wantFile: "sub/loop", wants: []want{w("revision/symlink", 0, 0, "")},
			note: "a symlink to a folder of the tree (a loop) is refused, not followed"},
		{id: "7.5-54a", build: func(t *testing.T, dir string) {
			must(t, syscall.Mkfifo(filepath.Join(dir, "pipe"), 0o644))
		}, wantFile: "pipe", wants: []want{w("revision/special-file", 0, 0, "")}},
		{id: "7.5-54b", build: func(t *testing.T, dir string) {
			// Unix socket paths are limited to ~108 bytes: listen from a short
			// relative path.
			wd, err := os.Getwd()
			must(t, err)
			must(t, os.Chdir(dir))
			defer os.Chdir(wd)
			ln, err := net.Listen("unix", "sock")
			must(t, err)
			t.Cleanup(func() { ln.Close() })
		}, wantFile: "sock", wants: []want{w("revision/special-file", 0, 0, "")}},
		{id: "7.5-55a", build: func(t *testing.T, dir string) {
			must(t, os.WriteFile(filepath.Join(dir, "Buildspec.yml"), []byte(okBuildspec), 0o644))
		}, wantFile: "buildspec.yml", wants: []want{w("revision/case-collision", 0, 0, "")}},
		{id: "7.5-55b", build: func(t *testing.T, dir string) {
			must(t, os.WriteFile(filepath.Join(dir, "\u00e9.txt"), []byte("nfc"), 0o644))
			must(t, os.WriteFile(filepath.Join(dir, "e\u0301.txt"), []byte("nfd"), 0o644))
		}, wantFile: "\u00e9.txt", wants: []want{w("revision/case-collision", 0, 0, "")}},
		{id: "7.5-56a", files: func() revision.Files {
			f := okFiles()
			f["app/buildspec.yml"] = f["buildspec.yml"]
			delete(f, "buildspec.yml")
			return f
		}, wants: []want{w("revision/not-at-root", 0, 0, "")}},
		{id: "7.5-56b", files: func() revision.Files {
			f := okFiles()
			delete(f, "taskdef.json")
			return f
		}, wants: []want{w("revision/missing-spec", 0, 0, "")}},
		{id: "7.5-56c", files: func() revision.Files {
			f := revision.Files{}
			for n, b := range okFiles() {
				f["app/"+n] = b
			}
			return f
		}, wants: []want{w("revision/not-at-root", 0, 0, "")},
			note: "the whole revision inside one folder (the folder was zipped) is one diagnostic"},
		{id: "7.5-57a", build: func(t *testing.T, dir string) {
			must(t, os.WriteFile(filepath.Join(dir, `a\b.txt`), []byte("x"), 0o644))
		}, wantFile: `a\b.txt`, wants: []want{w("revision/invalid-name", 0, 0, "")}},
		{id: "7.5-57b", build: func(t *testing.T, dir string) {
			must(t, os.WriteFile(filepath.Join(dir, "bad\xff.txt"), []byte("x"), 0o644))
		}, wantFile: "bad\xff.txt", wants: []want{w("revision/invalid-name", 0, 0, "")}},
		{id: "7.5-57c", build: func(t *testing.T, dir string) {
			must(t, os.WriteFile(filepath.Join(dir, "tab\there.txt"), []byte("x"), 0o644))
		}, wantFile: "tab\there.txt", wants: []want{w("revision/invalid-name", 0, 0, "")}},
		{id: "7.5-58a", out: func(dir, outDir string) string { return filepath.Join(dir, "application.zip") },
			wantFile: "application.zip", wants: []want{w("revision/output-in-tree", 0, 0, "")}},
	}
}

func TestCataloguePack(t *testing.T) {
	warm()
	for _, c := range packCases() {
		t.Run(c.id, func(t *testing.T) {
			root := t.TempDir()
			dir := filepath.Join(root, "src")
			outDir := filepath.Join(root, "out")
			must(t, os.MkdirAll(dir, 0o755))
			must(t, os.MkdirAll(outDir, 0o755))
			files := okFiles()
			if c.files != nil {
				files = c.files()
			}
			writeTree(t, dir, files)
			if c.build != nil {
				c.build(t, dir)
			}
			out := filepath.Join(outDir, "application.zip")
			if c.out != nil {
				out = c.out(dir, outDir)
			}
			prev := []byte("previous application.zip\n")
			must(t, os.WriteFile(out, prev, 0o644))
			before := listDir(t, filepath.Dir(out))

			var l diag.List
			var err error
			cost := bounded(t, func() { l, err = revision.PackDir(dir, out) })
			t.Logf("%s: %d diagnostics, err %v, cpu %v, wall %v, alloc %d KB", c.id, len(l), err, cost.CPU, cost.Wall, cost.Alloc>>10)
			if err == nil || !errors.Is(err, revision.ErrRefused) {
				t.Errorf("PackDir error = %v, want one wrapping revision.ErrRefused", err)
			}
			file := dir
			if c.wantFile != "" {
				file = dir + "/" + c.wantFile
			}
			checkZipDiags(t, l, file, c.wants)
			if !l.HasErrors() {
				t.Errorf("no error diagnostic")
			}
			// Contract (d): the previous zip is untouched and no temporary
			// file is left beside it.
			got, rerr := os.ReadFile(out)
			if rerr != nil || !bytes.Equal(got, prev) {
				t.Errorf("previous %s changed (err %v)", out, rerr)
			}
			if after := listDir(t, filepath.Dir(out)); !slices.Equal(before, after) {
				t.Errorf("output folder changed: before %q, after %q", before, after)
			}
		})
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func listDir(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	must(t, err)
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	return names
}

// checkZipDiags checks the structural contract and that each wanted
// diagnostic is present with the given File.
func checkZipDiags(t *testing.T, l diag.List, file string, wants []want) {
	t.Helper()
	for _, d := range l {
		if !d.Valid() {
			t.Errorf("invalid diagnostic %+v", d)
		}
		if !strings.HasSuffix(d.Error(), " ["+d.Rule+"]") {
			t.Errorf("diagnostic text %q does not end in [%s]", d.Error(), d.Rule)
		}
	}
	for _, wt := range wants {
		if !slices.ContainsFunc(l, func(d diag.Diagnostic) bool {
			return d.File == file && d.Rule == wt.Rule && d.Line == wt.Line && d.Column == wt.Column && d.Path == wt.Path
		}) {
			t.Errorf("missing %v in file %q", wt, file)
		}
	}
	if t.Failed() {
		var b strings.Builder
		for _, d := range l {
			fmt.Fprintf(&b, "  %s at %d:%d %q (%q) %s\n", d.Rule, d.Line, d.Column, d.Path, d.File, d.Severity)
		}
		t.Logf("got:\n%s", b.String())
	}
}

type packFSCase struct{ id, bad, file, rule string }

func packFSCases() []packFSCase {
	long := strings.Repeat("x", 256)
	return []packFSCase{
		{"7.5-57d", "nul\x00.txt", "nul\x00.txt", "revision/invalid-name"},
		{"7.5-57e", "dir/" + long + ".txt", "dir/" + long + ".txt", "revision/invalid-name"},
	}
}

// Pack through an fs.FS for names the local file system cannot hold.
func TestCataloguePackFS(t *testing.T) {
	warm()
	for _, c := range packFSCases() {
		t.Run(c.id, func(t *testing.T) {
			fsys := fstest.MapFS{}
			for n, b := range okFiles() {
				fsys[n] = &fstest.MapFile{Data: b, Mode: 0o644}
			}
			fsys[c.bad] = &fstest.MapFile{Data: []byte("x"), Mode: 0o644}
			var buf bytes.Buffer
			var l diag.List
			var err error
			bounded(t, func() { l, err = revision.Pack(fsys, &buf) })
			if !errors.Is(err, revision.ErrRefused) {
				t.Errorf("Pack error = %v, want ErrRefused", err)
			}
			if buf.Len() != 0 {
				t.Errorf("refused pack wrote %d bytes", buf.Len())
			}
			checkZipDiags(t, l, c.file, []want{w(c.rule, 0, 0, "")})
		})
	}
}

// failWriter fails after n bytes.
type failWriter struct{ n int }

func (f *failWriter) Write(p []byte) (int, error) {
	if len(p) > f.n {
		k := f.n
		f.n = 0
		return k, errors.New("disk full")
	}
	f.n -= len(p)
	return len(p), nil
}

// 7.5-58: a write error mid-archive returns an error; PackDir into a folder
// that does not exist fails without a stray file.
func TestCataloguePackWriteError(t *testing.T) {
	warm()
	root := t.TempDir()
	dir := filepath.Join(root, "src")
	writeTree(t, dir, okFiles())
	big := bytes.Repeat([]byte("incompressible? no, but large enough to need many writes\n"), 1<<12)
	must(t, os.WriteFile(filepath.Join(dir, "big.txt"), big, 0o644))

	t.Run("7.5-58b", func(t *testing.T) {
		var err error
		bounded(t, func() { _, err = revision.Pack(os.DirFS(dir), &failWriter{n: 1000}) })
		if err == nil {
			t.Fatal("Pack into a failing writer returned no error")
		}
	})
	t.Run("7.5-58c", func(t *testing.T) {
		outDir := filepath.Join(root, "missing")
		var err error
		bounded(t, func() { _, err = revision.PackDir(dir, filepath.Join(outDir, "application.zip")) })
		if err == nil {
			t.Fatal("PackDir into a missing folder returned no error")
		}
		if _, serr := os.Stat(outDir); !errors.Is(serr, fs.ErrNotExist) {
			t.Errorf("the missing folder was created: %v", serr)
		}
	})
	t.Run("7.5-58d", func(t *testing.T) {
		// out is a folder: the rename fails after the temp file is written.
		outDir := filepath.Join(root, "out")
		out := filepath.Join(outDir, "application.zip")
		must(t, os.MkdirAll(filepath.Join(out, "keep"), 0o755))
		var err error
		bounded(t, func() { _, err = revision.PackDir(dir, out) })
		if err == nil {
			t.Fatal("PackDir over a folder returned no error")
		}
		if got := listDir(t, outDir); !slices.Equal(got, []string{"application.zip"}) {
			t.Errorf("stray files beside the output: %q", got)
		}
		if got := listDir(t, out); !slices.Equal(got, []string{"keep"}) {
			t.Errorf("output folder changed: %q", got)
		}
	})
}

// 7.5-59: the same tree, built twice with different mtimes, umask and
// creation order, gives identical bytes; run.sh keeps 0755, others 0644.
func TestCataloguePackReproducible(t *testing.T) {
	warm()
	files := okFiles()
	files["run.sh"] = []byte("#!/bin/sh\necho run\n")
	files["src/b.txt"] = []byte("b\n")
	files["src/a.txt"] = []byte("a\n")
	names := files.Names()
	pack := func(order []string, umask int, mtime time.Time) []byte {
		dir := filepath.Join(t.TempDir(), "src")
		old := syscall.Umask(umask)
		defer syscall.Umask(old)
		for _, n := range order {
			writeTree(t, dir, revision.Files{n: files[n]})
			must(t, os.Chtimes(filepath.Join(dir, filepath.FromSlash(n)), mtime, mtime))
		}
		if umask == 0o077 { // a restrictive umask: the packer must not copy it
			must(t, os.Chmod(filepath.Join(dir, "Dockerfile"), 0o600))
		}
		out := filepath.Join(t.TempDir(), "application.zip")
		var err error
		var l diag.List
		bounded(t, func() { l, err = revision.PackDir(dir, out) })
		if err != nil {
			t.Fatalf("PackDir: %v\n%s", err, dump(l))
		}
		b, err := os.ReadFile(out)
		must(t, err)
		return b
	}
	rev := slices.Clone(names)
	slices.Reverse(rev)
	a := pack(names, 0o022, time.Date(2001, 2, 3, 4, 5, 6, 0, time.UTC))
	b := pack(rev, 0o077, time.Date(2025, 12, 31, 23, 59, 58, 0, time.UTC))
	if sha256.Sum256(a) != sha256.Sum256(b) {
		t.Errorf("two packs of the same tree differ")
	}
	zr, err := zip.NewReader(bytes.NewReader(a), int64(len(a)))
	must(t, err)
	var got []string
	for _, f := range zr.File {
		got = append(got, fmt.Sprintf("%s %o %08x", f.Name, f.Mode().Perm(), f.CRC32))
	}
	var want []string
	for _, n := range names {
		mode := 0o644
		if n == "run.sh" {
			mode = 0o755
		}
		want = append(want, fmt.Sprintf("%s %o %08x", n, mode, crc32.ChecksumIEEE(files[n])))
	}
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("entries:\n got %q\nwant %q", got, want)
	}
}

// zent is one entry of a crafted zip.
type zent = testtree.Entry

func makeZip(t *testing.T, ents ...zent) []byte {
	t.Helper()
	b, err := testtree.Zip(ents...)
	must(t, err)
	return b
}

// okZip is the valid revision as zip entries, plus extra.
func okZip(t *testing.T, extra ...zent) []byte {
	var ents []zent
	for _, n := range okFiles().Names() {
		ents = append(ents, zent{Name: n, Data: string(okFiles()[n])})
	}
	return makeZip(t, append(ents, extra...)...)
}

// overlapZip points the central record of b.txt at a.txt's local header
// (David Fifield's overlapping-entries bomb).
func overlapZip(t *testing.T) []byte {
	b, err := testtree.Overlap(okZip(t, zent{Name: "a.txt", Data: "aaaa"}, zent{Name: "b.txt", Data: "aaaa"}), "a.txt", "b.txt")
	must(t, err)
	return b
}

// declaredSizeZip sets the uncompressed size that the central record of the
// entry named name declares (a lie, as in a zip bomb's header).
func declaredSizeZip(t *testing.T, b []byte, name string, size uint32) []byte {
	out := bytes.Clone(b)
	for i := 0; ; {
		j := bytes.Index(out[i:], []byte("PK\x01\x02"))
		if j < 0 {
			t.Fatalf("fixture: no central record for %s", name)
		}
		i += j
		n := int(binary.LittleEndian.Uint16(out[i+28:]))
		if string(out[i+46:i+46+n]) == name {
			binary.LittleEndian.PutUint32(out[i+24:], size)
			return out
		}
		i += 4
	}
}

// corruptCRC flips the CRC in both headers of the entry name.
func corruptCRC(t *testing.T, b []byte, name string) []byte {
	out := bytes.Clone(b)
	done := 0
	for _, sig := range []struct {
		magic     string
		crc, nlen int
		nameAt    int
	}{{"PK\x03\x04", 14, 26, 30}, {"PK\x01\x02", 16, 28, 46}} {
		for i := 0; ; {
			j := bytes.Index(out[i:], []byte(sig.magic))
			if j < 0 {
				break
			}
			i += j
			n := int(binary.LittleEndian.Uint16(out[i+sig.nlen:]))
			if i+sig.nameAt+n <= len(out) && string(out[i+sig.nameAt:i+sig.nameAt+n]) == name {
				binary.LittleEndian.PutUint32(out[i+sig.crc:], binary.LittleEndian.Uint32(out[i+sig.crc:])^0xdeadbeef)
				done++
			}
			i += 4
		}
	}
	if done != 2 {
		t.Fatalf("fixture: changed %d CRCs of %s", done, name)
	}
	return out
}

func manyEntriesZip(t *testing.T, n int) []byte {
	var ents []zent
	for _, name := range okFiles().Names() {
		ents = append(ents, zent{Name: name, Data: string(okFiles()[name]), Store: true})
	}
	for i := range n {
		ents = append(ents, zent{Name: fmt.Sprintf("f/%06d", i), Store: true})
	}
	return makeZip(t, ents...)
}

type verifyCase struct {
	id    string
	zip   func(t *testing.T) []byte
	opts  []revision.Option
	file  string // File of the wanted diagnostic
	wants []want
	note  string
}

func verifyCases() []verifyCase {
	bomb := strings.Repeat("\x00", 1<<20) // deflates about 1000:1
	return []verifyCase{
		{id: "7.5-60a", zip: func(t *testing.T) []byte { return okZip(t, zent{Name: "../evil", Data: "x"}) },
			file: zipName + ":../evil", wants: []want{w("revision/zip-traversal", 0, 0, "")}},
		{id: "7.5-60b", zip: func(t *testing.T) []byte { return okZip(t, zent{Name: "/abs", Data: "x"}) },
			file: zipName + ":/abs", wants: []want{w("revision/zip-traversal", 0, 0, "")}},
		{id: "7.5-60c", zip: func(t *testing.T) []byte { return okZip(t, zent{Name: `C:\x`, Data: "x"}) },
			file: zipName + `:C:\x`, wants: []want{w("revision/zip-traversal", 0, 0, "")}},
		{id: "7.5-60d", zip: func(t *testing.T) []byte { return okZip(t, zent{Name: `a\b`, Data: "x"}) },
			file: zipName + `:a\b`, wants: []want{w("revision/zip-traversal", 0, 0, "")}},
		{id: "7.5-60e", zip: func(t *testing.T) []byte { return okZip(t, zent{Name: "a/b/../../../c", Data: "x"}) },
			file: zipName + ":a/b/../../../c", wants: []want{w("revision/zip-traversal", 0, 0, "")}},
		{id: "7.5-60f", zip: func(t *testing.T) []byte {
			return okZip(t, zent{Name: "dup.txt", Data: "1"}, zent{Name: "dup.txt", Data: "2"})
		}, file: zipName + ":dup.txt", wants: []want{w("revision/zip-duplicate", 0, 0, "")}},
		{id: "7.5-60g", zip: func(t *testing.T) []byte {
			return okZip(t, zent{Name: "link", Data: "../../etc/passwd", Mode: fs.ModeSymlink | 0o777})
		}, file: zipName + ":link", wants: []want{w("revision/zip-symlink", 0, 0, "")}},
		{id: "7.5-60h", zip: func(t *testing.T) []byte { return okZip(t, zent{Name: "zeros.bin", Data: bomb}) },
			file: zipName + ":zeros.bin", wants: []want{w("revision/zip-bomb", 0, 0, "")},
			opts: []revision.Option{revision.VerifyLimits(0, 0, 100)}, note: "ratio cap set to the catalogue's 100:1 (default 1100:1)"},
		{id: "7.5-60i", zip: func(t *testing.T) []byte {
			return declaredSizeZip(t, okZip(t, zent{Name: "big.bin", Data: "x"}), "big.bin", 0xfffffff0)
		}, file: zipName + ":big.bin", wants: []want{w("revision/zip-bomb", 0, 0, "")},
			opts: []revision.Option{revision.VerifyLimits(0, 1<<30, 0)}, note: "declared 4 GiB against a 1 GiB total cap"},
		{id: "7.5-60r", zip: func(t *testing.T) []byte {
			return declaredSizeZip(t, okZip(t, zent{Name: "zeros.bin", Data: bomb}), "zeros.bin", 10)
		}, file: zipName + ":zeros.bin", wants: []want{w("revision/zip-corrupt", 0, 0, "")},
			note: "a header that understates the size (1 MiB of zeros declared as 10 bytes): inflating stops at the declared size (bounded allocation), reported as corrupt"},
		{id: "7.5-60s", zip: func(t *testing.T) []byte {
			return declaredSizeZip(t, okZip(t, zent{Name: "zeros.bin", Data: strings.Repeat("z", 2000)}), "zeros.bin", 1000)
		}, file: zipName + ":zeros.bin", wants: []want{w("revision/zip-corrupt", 0, 0, "")},
			note: "data longer than declared: reading stops at the declared size and reports the mismatch"},
		{id: "7.5-60j", zip: overlapZip, file: zipName + ":b.txt", wants: []want{w("revision/zip-bomb", 0, 0, "")}},
		{id: "7.5-60k", zip: func(t *testing.T) []byte {
			b := okZip(t, zent{Name: "tail.txt", Data: strings.Repeat("tail ", 100)})
			return b[:len(b)-30]
		}, file: zipName, wants: []want{w("revision/zip-corrupt", 0, 0, "")}},
		{id: "7.5-60l", zip: func(t *testing.T) []byte {
			return corruptCRC(t, okZip(t, zent{Name: "crc.txt", Data: "checked"}), "crc.txt")
		}, file: zipName + ":crc.txt", wants: []want{w("revision/zip-corrupt", 0, 0, "")}},
		{id: "7.5-60m", zip: func(t *testing.T) []byte { return manyEntriesZip(t, 100_001) },
			file: zipName, wants: []want{w("revision/entry-count", 0, 0, "")},
			note: "65,536 entries are a valid zip64 archive; the cap is CodePipeline's 100,000 files"},
		{id: "7.5-60n", zip: func(t *testing.T) []byte { return manyEntriesZip(t, 70_000) },
			file: zipName, wants: []want{w("revision/entry-count", 0, 0, "")},
			opts: []revision.Option{revision.VerifyLimits(65_535, 0, 0)}},
		{id: "7.5-60o", zip: func(t *testing.T) []byte { return []byte("PK\x03\x04 not a zip") },
			file: zipName, wants: []want{w("revision/zip-corrupt", 0, 0, "")}},
		{id: "7.5-60p", zip: func(t *testing.T) []byte { return okZip(t, zent{Name: "Dockerfile", Data: "again"}) },
			file: zipName + ":Dockerfile", wants: []want{w("revision/zip-duplicate", 0, 0, "")}},
		{id: "7.5-60q", zip: func(t *testing.T) []byte { return okZip(t, zent{Name: "DOCKERFILE", Data: "again"}) },
			file: zipName + ":DOCKERFILE", wants: []want{w("revision/zip-duplicate", 0, 0, "")},
			note: "names that differ only in case are duplicates on extraction to macOS/Windows"},
	}
}

// R cases: crafted archives through Verify.
func TestCatalogueVerify(t *testing.T) {
	warm()
	for _, c := range verifyCases() {
		t.Run(c.id, func(t *testing.T) {
			b := c.zip(t)
			var l diag.List
			cost := bounded(t, func() { l = revision.Verify(bytes.NewReader(b), int64(len(b)), zipName, c.opts...) })
			t.Logf("%s: %d bytes, %d diagnostics, cpu %v, wall %v, alloc %d KB", c.id, len(b), len(l), cost.CPU, cost.Wall, cost.Alloc>>10)
			checkZipDiags(t, l, c.file, c.wants)
			if !l.HasErrors() {
				t.Errorf("no error")
			}
			for _, d := range l {
				if d.File != zipName && !strings.HasPrefix(d.File, zipName+":") {
					t.Errorf("diagnostic outside the archive: %+v", d)
				}
			}
		})
	}
	t.Run("valid", func(t *testing.T) {
		b := okZip(t)
		if l := revision.Verify(bytes.NewReader(b), int64(len(b)), zipName); len(l) != 0 {
			t.Errorf("valid zip:\n%s", dump(l))
		}
	})
}

// Cases run by the tests above that are not in a table.
var untabled = []string{"7.5-58b", "7.5-58c", "7.5-58d", "7.5-59"}

// TestCatalogueComplete: every one of the 60 numbered cases of
// ROBUSTNESS.md §7 has at least one test case.
func TestCatalogueComplete(t *testing.T) {
	ids := slices.Clone(untabled)
	for _, c := range catalogue() {
		ids = append(ids, c.id)
	}
	for _, c := range packCases() {
		ids = append(ids, c.id)
	}
	for _, c := range packFSCases() {
		ids = append(ids, c.id)
	}
	for _, c := range verifyCases() {
		ids = append(ids, c.id)
	}
	covered := map[int]bool{}
	seen := map[string]bool{}
	for _, id := range ids {
		if seen[id] {
			t.Errorf("case id %s used twice", id)
		}
		seen[id] = true
		var sec, n int
		if _, err := fmt.Sscanf(id, "7.%d-%d", &sec, &n); err != nil {
			t.Errorf("case id %q is not 7.<section>-<number>…", id)
			continue
		}
		covered[n] = true
	}
	for n := 1; n <= 60; n++ {
		if !covered[n] {
			t.Errorf("catalogue case #%d has no test", n)
		}
	}
}

// Extra cases of the catalogue's fuzz-corpus list: an empty folder is not
// stored, a .git folder is left out by policy, an unreadable file refuses
// the pack (skipped as root, which reads everything).
func TestCataloguePackExtras(t *testing.T) {
	warm()
	dir := filepath.Join(t.TempDir(), "src")
	writeTree(t, dir, okFiles())
	must(t, os.MkdirAll(filepath.Join(dir, "empty", "deeper"), 0o755))
	writeTree(t, dir, revision.Files{".git/config": []byte("[core]\n"), "sub/.git/HEAD": []byte("ref: x\n")})
	out := filepath.Join(t.TempDir(), "application.zip")
	var l diag.List
	var err error
	bounded(t, func() { l, err = revision.PackDir(dir, out) })
	if err != nil {
		t.Fatalf("PackDir: %v\n%s", err, dump(l))
	}
	zr, err := zip.OpenReader(out)
	must(t, err)
	defer zr.Close()
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
	}
	if want := okFiles().Names(); !slices.Equal(names, want) {
		t.Errorf("entries %q, want %q (no empty folder, no .git)", names, want)
	}

	t.Run("unreadable", func(t *testing.T) {
		if os.Geteuid() == 0 {
			t.Skip("root reads files without permission")
		}
		p := filepath.Join(dir, "secret.txt")
		must(t, os.WriteFile(p, []byte("x"), 0o000))
		defer os.Remove(p)
		l, err := revision.PackDir(dir, out)
		if err == nil {
			t.Fatal("PackDir packed an unreadable file")
		}
		checkZipDiags(t, l, p, []want{w("revision/unreadable", 0, 0, "")})
	})
}
