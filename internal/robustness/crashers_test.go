package robustness

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/bgspec/bgspec/appspec"
	"github.com/bgspec/bgspec/buildspec"
	"github.com/bgspec/bgspec/diag"
	"github.com/bgspec/bgspec/internal/source"
	"github.com/bgspec/bgspec/revision"
	"github.com/bgspec/bgspec/taskdef"
)

// readCorpusFile decodes a "go test fuzz v1" file holding one []byte (or
// string) value, the format the fuzzer writes crashers in.
func readCorpusFile(t *testing.T, path string) [][]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	must(t, err)
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	if len(lines) < 2 || lines[0] != "go test fuzz v1" {
		t.Fatalf("%s: not a fuzz corpus file", path)
	}
	var vals [][]byte
	for _, ln := range lines[1:] {
		ln = strings.TrimSpace(ln)
		var lit string
		switch {
		case strings.HasPrefix(ln, "[]byte(") && strings.HasSuffix(ln, ")"):
			lit = ln[len("[]byte(") : len(ln)-1]
		case strings.HasPrefix(ln, "string(") && strings.HasSuffix(ln, ")"):
			lit = ln[len("string(") : len(ln)-1]
		default:
			t.Fatalf("%s: unsupported value %q", path, ln)
		}
		v, err := strconv.Unquote(lit)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		vals = append(vals, []byte(v))
	}
	return vals
}

// TestCrashers replays every input the fuzz runs of other packages found
// (testdata/crashers/<package>-<Target>/) through the public API of every
// reader and kind, with the catalogue's bounds: no panic, < 1 s CPU,
// < 100 MB, valid diagnostics.
func TestCrashers(t *testing.T) {
	warm()
	files, err := filepath.Glob("testdata/crashers/*/*")
	must(t, err)
	if len(files) == 0 {
		t.Fatal("no crashers in testdata/crashers")
	}
	for _, p := range files {
		vals := readCorpusFile(t, p)
		src := vals[len(vals)-1] // targets taking (name, src) put src last
		t.Run(filepath.Base(filepath.Dir(p))+"/"+filepath.Base(p), func(t *testing.T) {
			for _, r := range []struct {
				name string
				run  func() diag.List
			}{
				{"source.ParseJSON", func() diag.List { _, l := source.ParseJSON("f.json", src, source.Options{}); return l }},
				{"source.ParseYAML", func() diag.List { _, l := source.ParseYAML("f.yaml", src, source.Options{}); return l }},
				{"taskdef.Validate", func() diag.List { return taskdef.Validate("f.json", src) }},
				{"appspec.Validate", func() diag.List { return appspec.Validate("f.yaml", src) }},
				{"buildspec.Validate", func() diag.List { return buildspec.Validate("f.yaml", src) }},
				{"revision.Verify", func() diag.List { return revision.Verify(bytes.NewReader(src), int64(len(src)), "f.zip") }},
			} {
				var l diag.List
				c := bounded(t, func() { l = r.run() })
				t.Logf("%s: %d diagnostics, cpu %v, wall %v, alloc %d KB", r.name, len(l), c.CPU, c.Wall, c.Alloc>>10)
				for _, d := range l {
					if !d.Valid() {
						t.Errorf("%s: invalid diagnostic %+v", r.name, d)
					}
					if r.name != "revision.Verify" && d.Line > maxLines(src) {
						t.Errorf("%s: diagnostic beyond the input's %d lines: %+v", r.name, maxLines(src), d)
					}
				}
			}
		})
	}
}

// TestPackCrashers replays FuzzPackRoundTrip's failing inputs
// (testdata/crashers-pack); each must now pack and verify (a54b148e05d94ea9,
// a root file named "A:", is refused as revision/invalid-name).
func TestPackCrashers(t *testing.T) {
	warm()
	files, err := filepath.Glob("testdata/crashers-pack/*")
	must(t, err)
	for _, p := range files {
		id := filepath.Base(p)
		t.Run(id, func(t *testing.T) {
			b, err := os.ReadFile(p)
			must(t, err)
			lines := strings.Split(strings.TrimSpace(string(b)), "\n")
			if len(lines) != 4 {
				t.Fatalf("want 3 values, got %q", lines)
			}
			var paths, data string
			var exec uint16
			for i, dst := range []*string{&paths, &data} {
				v := strings.TrimSuffix(strings.TrimPrefix(strings.TrimPrefix(lines[i+1], "string("), "[]byte("), ")")
				if *dst, err = strconv.Unquote(v); err != nil {
					t.Fatal(err)
				}
			}
			if _, err := fmt.Sscanf(lines[3], "uint16(%d)", &exec); err != nil {
				t.Fatal(err)
			}
			packRoundTrip(t, paths, []byte(data), exec)
		})
	}
}
