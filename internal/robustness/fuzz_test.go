package robustness

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"io/fs"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/bgspec/bgspec/appspec"
	"github.com/bgspec/bgspec/buildspec"
	"github.com/bgspec/bgspec/internal/budget"
	"github.com/bgspec/bgspec/revision"
)

// fuzzTree turns fuzz input into a tree: paths is newline-separated, data is
// cut into one chunk per path, bit i of exec makes path i executable. The
// valid spec files are at the root unless a path replaces them. Paths that
// an fs.FS cannot hold (invalid fs paths, a file that is also a folder) are
// dropped.
func fuzzTree(paths string, data []byte, exec uint16) (fstest.MapFS, map[string]bool) {
	fsys := fstest.MapFS{}
	execs := map[string]bool{}
	for n, b := range okFiles() {
		fsys[n] = &fstest.MapFile{Data: b, Mode: 0o644}
	}
	ps := strings.Split(paths, "\n")
	if len(ps) > 16 {
		ps = ps[:16]
	}
	chunk := len(data) / max(1, len(ps))
	for i, p := range ps {
		if !fs.ValidPath(p) || p == "." {
			continue
		}
		body := data[i*chunk : (i+1)*chunk]
		if i == len(ps)-1 {
			body = data[i*chunk:]
		}
		mode := fs.FileMode(0o644)
		if exec&(1<<i) != 0 {
			mode = 0o755
		}
		fsys[p] = &fstest.MapFile{Data: bytes.Clone(body), Mode: mode}
	}
	// A name that is both a file and a folder cannot exist on disk.
	for n := range fsys {
		for d := n; ; {
			i := strings.LastIndexByte(d, '/')
			if i < 0 {
				break
			}
			d = d[:i]
			if _, ok := fsys[d]; ok {
				delete(fsys, d)
			}
		}
	}
	for n, f := range fsys {
		execs[n] = f.Mode&0o111 != 0
	}
	return fsys, execs
}

// FuzzPackRoundTrip packs a fuzzed tree and checks: no panic; a refused
// pack writes nothing and says why with valid diagnostics; an accepted pack
// holds exactly the tree (names, bytes, modes 0644/0755), verifies without
// errors, and packing again (other worker count) gives the same bytes.
func FuzzPackRoundTrip(f *testing.F) {
	f.Add("run.sh\nsrc/a.txt\nsrc/b.txt", []byte("#!/bin/sh\nexit 0\naaaabbbb"), uint16(1))
	f.Add("Buildspec.yml\nbuildspec.yml", []byte("x"), uint16(0))
	f.Add("a\\b\nnul\x00\n\xff", []byte("xyz"), uint16(0))
	f.Add("\u00e9.txt\ne\u0301.txt", []byte("nfcnfd"), uint16(0))
	f.Add("app/buildspec.yml\n.git/config", []byte("version: 0.2"), uint16(2))
	f.Add("taskdef.json", []byte(`{"family":"x"}`), uint16(0))
	f.Add("big.bin", bytes.Repeat([]byte{0}, 1<<16), uint16(0))
	f.Add(strings.Repeat("d/", 60)+"deep.txt", []byte("deep"), uint16(0))
	f.Fuzz(packRoundTrip)
}

// packRoundTrip is FuzzPackRoundTrip's body.
func packRoundTrip(t *testing.T, paths string, data []byte, exec uint16) {
	fsys, execs := fuzzTree(paths, data, exec)
	var buf bytes.Buffer
	l, err := revision.Pack(fsys, &buf, revision.Force(), revision.KeepVCS())
	for _, d := range l {
		if !d.Valid() {
			t.Fatalf("invalid diagnostic %+v", d)
		}
	}
	if err != nil {
		if !errors.Is(err, revision.ErrRefused) {
			t.Fatalf("Pack into memory failed: %v", err)
		}
		if buf.Len() != 0 {
			t.Fatalf("refused pack wrote %d bytes", buf.Len())
		}
		if !l.HasErrors() {
			t.Fatalf("refused without an error diagnostic: %v", l)
		}
		return
	}
	zb := buf.Bytes()
	zr, zerr := zip.NewReader(bytes.NewReader(zb), int64(len(zb)))
	if zerr != nil {
		t.Fatalf("packed zip does not read: %v", zerr)
	}
	var names []string
	for _, zf := range zr.File {
		names = append(names, zf.Name)
		mf := fsys[zf.Name]
		if mf == nil {
			t.Fatalf("zip holds %q, not in the tree", zf.Name)
		}
		rc, err := zf.Open()
		if err != nil {
			t.Fatalf("open %q: %v", zf.Name, err)
		}
		got, err := io.ReadAll(rc)
		rc.Close()
		if err != nil || !bytes.Equal(got, mf.Data) {
			t.Fatalf("%q: content differs (err %v)", zf.Name, err)
		}
		want := fs.FileMode(0o644)
		if execs[zf.Name] {
			want = 0o755
		}
		if zf.Mode() != want {
			t.Fatalf("%q: mode %v, want %v", zf.Name, zf.Mode(), want)
		}
	}
	var tree []string
	for n := range fsys {
		tree = append(tree, n)
	}
	slices.Sort(tree)
	if !slices.Equal(names, tree) {
		t.Fatalf("zip entries %q, tree %q", names, tree)
	}
	vl := revision.Verify(bytes.NewReader(zb), int64(len(zb)), zipName, revision.SkipSpecChecks())
	for _, d := range vl {
		if d.Severity == 1 && d.Rule != "revision/zip-bomb" { // a very compressible entry may cross the ratio cap
			t.Fatalf("packed zip does not verify: %v", vl)
		}
	}
	var again bytes.Buffer
	if _, err := revision.Pack(fsys, &again, revision.Force(), revision.KeepVCS(), revision.Workers(3)); err != nil {
		t.Fatalf("second pack: %v", err)
	}
	if !bytes.Equal(zb, again.Bytes()) {
		t.Fatalf("packing the same tree twice gives different bytes")
	}
}

// FuzzAppSpecValidate drives appspec.Validate (appspec's own FuzzParse
// counts only "\n" as a line break, so it rejects correct positions after a
// lone CR; see testdata/crashers/appspec-FuzzParse): no panic, valid
// diagnostics inside the input, under 2 s of CPU time per input.
func FuzzAppSpecValidate(f *testing.F) {
	f.Add([]byte(okAppSpec))
	f.Add([]byte(appspecWith("version: 0.0\n", "<TASK_DEFINITION>", "          ContainerName: web\n          ContainerPort: \"80\"\n")))
	f.Add([]byte("version: 0.0\nResources:\n  - f:\n      Type: AWS::Lambda::Function\n      Properties: {Name: f, Alias: a, CurrentVersion: 1, TargetVersion: 2}\nHooks:\n  - BeforeAllowTraffic: fn\n"))
	f.Add([]byte("version: 0.0\nos: linux\nfiles:\n  - source: /\n    destination: /srv\nhooks:\n  AfterInstall:\n    - location: a.sh\n      timeout: 3601\n"))
	f.Add([]byte("\r\r0"))
	f.Add([]byte(`{"version":"0.0","Resources":[{"TargetService":{"Type":"AWS::ECS::Service","Properties":{"TaskDefinition":"<TASK_DEFINITION>","LoadBalancerInfo":{"ContainerName":"web","ContainerPort":80}}}}]}`))
	for _, c := range crashers {
		f.Add([]byte(c))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		c0 := budget.CPUTime()
		l := appspec.Validate("appspec.yaml", src, appspec.ForPipeline())
		if d := budget.CPUTime() - c0; d > budget.Bound(2*time.Second) {
			t.Fatalf("Validate of %d bytes took %v of CPU time", len(src), d)
		}
		lines := maxLines(src)
		for _, d := range l {
			if !d.Valid() || d.File != "appspec.yaml" || d.Line > lines {
				t.Fatalf("bad diagnostic (input has %d lines): %+v", lines, d)
			}
		}
	})
}

// FuzzBuildspecValidate drives buildspec.Validate with the same oracle as
// FuzzAppSpecValidate (buildspec's own FuzzValidate also bounds columns by
// the line's length; its LS crasher is in testdata/crashers).
func FuzzBuildspecValidate(f *testing.F) {
	f.Add([]byte(okBuildspec))
	f.Add([]byte(secretBuildspec()))
	f.Add([]byte("version: 0.2\nphases:\n  build:\n    commands:\n      - echo foo: bar\n      - |\n        docker login -p x\n"))
	f.Add([]byte("\"\u2028"))
	for _, c := range crashers {
		f.Add([]byte(c))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		c0 := budget.CPUTime()
		l := buildspec.Validate("buildspec.yml", src)
		if d := budget.CPUTime() - c0; d > budget.Bound(2*time.Second) {
			t.Fatalf("Validate of %d bytes took %v of CPU time", len(src), d)
		}
		lines := maxLines(src)
		for _, d := range l {
			if !d.Valid() || d.File != "buildspec.yml" || d.Line > lines {
				t.Fatalf("bad diagnostic (input has %d lines): %+v", lines, d)
			}
		}
	})
}
