package revision

import (
	"archive/zip"
	"bytes"
	"hash/crc32"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/bgspec/bgspec/internal/testtree"
)

// zent is one entry of a crafted zip.
type zent = testtree.Entry

func makeZip(t testing.TB, ents ...zent) []byte {
	t.Helper()
	b, err := testtree.Zip(ents...)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// seedZip is the seed revision as a zip (made with archive/zip, not Pack).
func seedZip(t testing.TB, prefix string, extra ...zent) []byte {
	var ents []zent
	for _, n := range slices.Sorted(maps.Keys(seedTree())) {
		ents = append(ents, zent{Name: prefix + n, Data: seedTree()[n], Mode: seedMode(n)})
	}
	return makeZip(t, append(ents, extra...)...)
}

func verifyBytes(b []byte, opts ...Option) []string {
	var out []string
	for _, d := range Verify(bytes.NewReader(b), int64(len(b)), "application.zip", opts...) {
		out = append(out, d.Rule+" "+d.File)
	}
	return out
}

func TestVerify(t *testing.T) {
	big := strings.Repeat("0", 2<<20)
	cases := []struct {
		name string
		zip  func(t *testing.T) []byte
		opts []Option
		want string // "rule file"; "" means clean
	}{
		{"seed", func(t *testing.T) []byte { return seedZip(t, "") }, nil, ""},
		{"folder zipped", func(t *testing.T) []byte { return seedZip(t, "app/") }, nil, RuleNotAtRoot + " application.zip"},
		{"missing taskdef", func(t *testing.T) []byte {
			return makeZip(t, zent{Name: "buildspec.yml", Data: okBuildspec}, zent{Name: "appspec.yaml", Data: okAppSpec})
		}, []Option{SkipSpecChecks()}, RuleMissingSpec + " application.zip"},
		{"dot-dot", func(t *testing.T) []byte { return seedZip(t, "", zent{Name: "../evil", Data: "x"}) }, nil, RuleZipTraversal + " application.zip:../evil"},
		{"nested dot-dot", func(t *testing.T) []byte { return seedZip(t, "", zent{Name: "a/../../evil", Data: "x"}) }, nil, RuleZipTraversal + " application.zip:a/../../evil"},
		{"absolute", func(t *testing.T) []byte { return seedZip(t, "", zent{Name: "/etc/x", Data: "x"}) }, nil, RuleZipTraversal + " application.zip:/etc/x"},
		{"drive letter", func(t *testing.T) []byte { return seedZip(t, "", zent{Name: "C:/x", Data: "x"}) }, nil, RuleZipTraversal + " application.zip:C:/x"},
		{"backslash", func(t *testing.T) []byte { return seedZip(t, "", zent{Name: `app\x.txt`, Data: "x"}) }, nil, RuleZipTraversal + ` application.zip:app\x.txt`},
		{"control char", func(t *testing.T) []byte { return seedZip(t, "", zent{Name: "a\x01b", Data: "x"}) }, nil, RuleZipName + " application.zip:a\x01b"},
		{"duplicate", func(t *testing.T) []byte { return seedZip(t, "", zent{Name: "README.md", Data: "again"}) }, nil, RuleZipDuplicate + " application.zip:README.md"},
		{"case duplicate", func(t *testing.T) []byte { return seedZip(t, "", zent{Name: "Buildspec.yml", Data: "x"}) }, nil, RuleZipDuplicate + " application.zip:Buildspec.yml"},
		{"symlink", func(t *testing.T) []byte {
			return seedZip(t, "", zent{Name: "link", Data: "/etc/passwd", Mode: fs.ModeSymlink | 0o777})
		}, nil, RuleZipSymlink + " application.zip:link"},
		{"named pipe", func(t *testing.T) []byte {
			return seedZip(t, "", zent{Name: "pipe", Mode: fs.ModeNamedPipe | 0o644})
		}, nil, RuleZipSymlink + " application.zip:pipe"},
		{"ratio cap", func(t *testing.T) []byte { return seedZip(t, "", zent{Name: "zeros.txt", Data: big}) }, []Option{VerifyLimits(0, 0, 100)}, RuleZipBomb + " application.zip:zeros.txt"},
		{"ratio under the default cap", func(t *testing.T) []byte { return seedZip(t, "", zent{Name: "zeros.txt", Data: big}) }, nil, ""},
		{"declared total", func(t *testing.T) []byte { return seedZip(t, "", zent{Name: "zeros.txt", Data: big}) }, []Option{VerifyLimits(0, 1<<20, 0)}, RuleZipBomb + " application.zip"},
		{"declared size lie", func(t *testing.T) []byte {
			return seedZip(t, "", zent{Data: "tiny", Raw: &zip.FileHeader{Name: "lie.bin", Method: zip.Deflate, CompressedSize64: 4, UncompressedSize64: 1 << 40}})
		}, nil, RuleZipBomb + " application.zip:lie.bin"},
		{"entry count", func(t *testing.T) []byte { return seedZip(t, "") }, []Option{VerifyLimits(3, 0, 0)}, RuleEntryCount + " application.zip"},
		{"bad crc", func(t *testing.T) []byte {
			return seedZip(t, "", zent{Data: "hello", Raw: &zip.FileHeader{Name: "bad.txt", Method: zip.Store, CRC32: crc32.ChecksumIEEE([]byte("hellO")), CompressedSize64: 5, UncompressedSize64: 5}})
		}, nil, RuleZipCorrupt + " application.zip:bad.txt"},
		{"truncated", func(t *testing.T) []byte { b := seedZip(t, ""); return b[:len(b)-30] }, nil, RuleZipCorrupt + " application.zip"},
		{"not a zip", func(t *testing.T) []byte { return []byte("version: 0.2\n") }, nil, RuleZipCorrupt + " application.zip"},
		{"overlapping entries", func(t *testing.T) []byte { return overlapZip(t) }, nil, RuleZipBomb + " application.zip:b.txt"},
		{"spec error inside", func(t *testing.T) []byte {
			b := seedZip(t, "")
			return replaceEntry(t, b, "appspec.yaml", strings.Replace(okAppSpec, "ContainerPort: 80", "ContainerPort: 81", 1))
		}, nil, RuleXContainerPort + " application.zip:appspec.yaml"},
		{"script not executable", func(t *testing.T) []byte {
			bs := strings.Replace(okBuildspec, "      - docker build -t web nginx\n", "      - ./build.sh\n      - docker build -t web nginx\n", 1)
			b := replaceEntry(t, seedZip(t, "", zent{Name: "build.sh", Data: "#!/bin/sh\n", Mode: 0o644}), "buildspec.yml", bs)
			return b
		}, nil, RuleNotExecutable + " application.zip:buildspec.yml"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			b := tc.zip(t)
			got := verifyBytes(b, tc.opts...)
			if tc.want == "" {
				if len(got) != 0 {
					t.Fatalf("want clean, got %q", got)
				}
				return
			}
			for _, g := range got {
				if g == tc.want {
					return
				}
			}
			t.Fatalf("want %q, got %q", tc.want, got)
		})
	}
}

func TestVerifyPositions(t *testing.T) {
	b := replaceEntry(t, seedZip(t, ""), "taskdef.json", strings.Replace(okTaskdef, `"family": "sample",`, `"family": "sample",,`, 1))
	l := Verify(bytes.NewReader(b), int64(len(b)), "application.zip")
	for _, d := range l {
		if d.File == "application.zip:taskdef.json" && d.Line == 2 && d.Column > 0 && d.Severity == 1 {
			return
		}
	}
	t.Fatalf("want an error at application.zip:taskdef.json:2, got:\n%v", l)
}

// replaceEntry rebuilds a zip with one entry's content replaced (keeping
// the other entries' order and modes).
func replaceEntry(t testing.TB, b []byte, name, data string) []byte {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		if f.Name != name {
			zw.Copy(f)
			continue
		}
		fh := f.FileHeader
		w, _ := zw.CreateHeader(&fh)
		w.Write([]byte(data))
	}
	zw.Close()
	return out.Bytes()
}

// overlapZip makes two central-directory entries point at the same local
// header (the overlapping-file construction of "A better zip bomb").
func overlapZip(t testing.TB) []byte {
	b, err := testtree.Overlap(seedZip(t, "", zent{Name: "a.txt", Data: "aaaa"}, zent{Name: "b.txt", Data: "aaaa"}), "a.txt", "b.txt")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestVerifyPackedTree(t *testing.T) {
	dir := newTree(t, seedTree())
	out := filepath.Join(t.TempDir(), "application.zip")
	if _, err := PackDir(dir, out); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	st, _ := f.Stat()
	if l := Verify(f, st.Size(), "application.zip"); len(l) != 0 {
		t.Fatalf("packed seed should verify clean:\n%v", l)
	}
}

func FuzzVerify(f *testing.F) {
	f.Add(seedZip(f, ""))
	f.Add(seedZip(f, "app/"))
	f.Add(overlapZip(f))
	f.Add(makeZip(f, zent{Name: "../x", Data: "x"}, zent{Name: "x", Data: strings.Repeat("a", 5000)}))
	f.Add([]byte("PK\x05\x06" + strings.Repeat("\x00", 18)))
	f.Add([]byte{})
	// The archive layer only: the contained spec files are fuzzed by their
	// own packages (FuzzValidate), and validating them here would make every
	// exec ~100× slower.
	f.Fuzz(func(t *testing.T, b []byte) {
		l := Verify(bytes.NewReader(b), int64(len(b)), "application.zip", VerifyLimits(1000, 64<<20, 0), SkipSpecChecks())
		for _, d := range l {
			if !d.Valid() {
				t.Fatalf("invalid diagnostic %+v", d)
			}
			if !strings.HasPrefix(d.File, "application.zip") {
				t.Fatalf("diagnostic outside the archive: %+v", d)
			}
		}
	})
}
