package revision

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"errors"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"testing/fstest"
	"time"

	"github.com/bgspec/bgspec/diag"
	"github.com/bgspec/bgspec/internal/testtree"
)

const (
	okBuildspec = `version: 0.2
phases:
  pre_build:
    commands:
      - aws ecr get-login-password --region ap-northeast-1 | docker login --username AWS --password-stdin 123456789012.dkr.ecr.ap-northeast-1.amazonaws.com
  build:
    commands:
      - docker build -t web nginx
      - docker build -t app -f app/Dockerfile app
artifacts:
  files:
    - appspec.yaml
    - taskdef.json
  secondary-artifacts:
    BuildArtifact:
      files:
        - appspec.yaml
        - taskdef.json
    ImageWeb:
      files:
        - imageDetail.json
`
	okAppSpec = `version: 0.0
Resources:
  - TargetService:
      Type: AWS::ECS::Service
      Properties:
        TaskDefinition: <TASK_DEFINITION>
        LoadBalancerInfo:
          ContainerName: web
          ContainerPort: 80
        CapacityProviderStrategy:
          - CapacityProvider: cp-ec2
            Base: 1
            Weight: 1
`
	okTaskdef = `{
  "family": "sample",
  "networkMode": "awsvpc",
  "containerDefinitions": [
    {"name": "web", "image": "<IMAGE1_NAME>", "essential": true, "memory": 256,
     "portMappings": [{"containerPort": 80, "protocol": "tcp"}]},
    {"name": "app", "image": "123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/app:1", "essential": true, "memory": 512,
     "portMappings": [{"containerPort": 8080}]}
  ]
}
`
)

// seedTree returns a small revision shaped like the seed's: spec files at the
// root, nginx and app docker contexts, a jar, a script.
func seedTree() map[string]string {
	return map[string]string{
		"buildspec.yml":              okBuildspec,
		"appspec.yaml":               okAppSpec,
		"taskdef.json":               okTaskdef,
		"nginx/Dockerfile":           "FROM public.ecr.aws/docker/library/nginx:1.25\nCOPY default.conf /etc/nginx/conf.d/\n",
		"nginx/default.conf":         "server { listen 80; location / { proxy_pass http://localhost:8080; } }\n",
		"app/Dockerfile":             "FROM public.ecr.aws/docker/library/eclipse-temurin:17 AS build\nFROM build\nCOPY app.jar /app.jar\n",
		"app/app.jar":                strings.Repeat("PK\x03\x04 not really a jar ", 1000),
		"app/gradlew":                "#!/bin/sh\necho build\n",
		"app/src/main/java/App.java": strings.Repeat("public class App { public static void main(String[] a) {} }\n", 200),
		"README.md":                  "seed revision\n",
	}
}

// seedMode is the mode of a file of the seed: gradlew and .sh files are
// executable.
var seedMode = testtree.Executable("gradlew", ".sh")

// writeTree writes files (slash paths) under dir with seedMode.
func writeTree(t testing.TB, dir string, files map[string]string) {
	t.Helper()
	if err := testtree.Write(dir, files, seedMode); err != nil {
		t.Fatal(err)
	}
}

func newTree(t testing.TB, files map[string]string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "src")
	writeTree(t, dir, files)
	return dir
}

func packBytes(t testing.TB, dir string, opts ...Option) []byte {
	t.Helper()
	out := filepath.Join(filepath.Dir(dir), "out", "application.zip")
	os.MkdirAll(filepath.Dir(out), 0o755)
	l, err := PackDir(dir, out, opts...)
	if err != nil {
		t.Fatalf("PackDir: %v\n%v", err, l)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestPackSeedClean(t *testing.T) {
	dir := newTree(t, seedTree())
	out := filepath.Join(t.TempDir(), "application.zip")
	l, err := PackDir(dir, out)
	if err != nil || len(l) != 0 {
		t.Fatalf("PackDir: err=%v diags:\n%v", err, l)
	}
	b, _ := os.ReadFile(out)
	if vl := Verify(bytes.NewReader(b), int64(len(b)), "application.zip"); len(vl) != 0 {
		t.Fatalf("Verify of a packed seed revision:\n%v", vl)
	}
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
		want := os.FileMode(0o644)
		if strings.HasSuffix(f.Name, "gradlew") {
			want = 0o755
		}
		if f.Mode() != want {
			t.Errorf("%s: mode %v, want %v", f.Name, f.Mode(), want)
		}
		if len(f.Extra) != 0 {
			t.Errorf("%s: extra field %x", f.Name, f.Extra)
		}
		if f.ModifiedDate != 33 || f.ModifiedTime != 0 {
			t.Errorf("%s: time %d/%d, want the zip epoch", f.Name, f.ModifiedDate, f.ModifiedTime)
		}
		if f.Name == "app/app.jar" && f.Method != zip.Store {
			t.Errorf("jar deflated, want stored")
		}
		if f.Name == "app/src/main/java/App.java" && f.Method != zip.Deflate {
			t.Errorf("java source stored, want deflated")
		}
	}
	if !slices.IsSorted(names) {
		t.Errorf("entries not sorted: %v", names)
	}
	if zr.Comment != "" {
		t.Errorf("comment %q", zr.Comment)
	}
}

// reversedFS lists folders in reverse order, to prove the output does not
// depend on the walk order.
type reversedFS struct{ fs.FS }

func (r reversedFS) ReadDir(name string) ([]fs.DirEntry, error) {
	l, err := fs.ReadDir(r.FS, name)
	slices.Reverse(l)
	return l, err
}

func (r reversedFS) ReadLink(name string) (string, error)   { return fs.ReadLink(r.FS, name) }
func (r reversedFS) Lstat(name string) (fs.FileInfo, error) { return fs.Lstat(r.FS, name) }

func TestPackDeterministic(t *testing.T) {
	files := seedTree()
	files["app/big.txt"] = strings.Repeat("deterministic line of text\n", 300000) // > spill threshold
	files["app/big.png"] = string(pseudoRandom(3 << 20))                          // large stored entry
	dir := newTree(t, files)
	first := packBytes(t, dir)

	// Touch every file with a different mtime, change non-exec permissions.
	i := 0
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if d.Type().IsRegular() {
			i++
			tm := time.Date(2001+i, 2, 3, 4, 5, 6, 0, time.UTC)
			os.Chtimes(p, tm, tm)
			if info, _ := d.Info(); info.Mode().Perm()&0o111 == 0 {
				os.Chmod(p, 0o600)
			} else {
				os.Chmod(p, 0o700)
			}
		}
		return nil
	})
	second := packBytes(t, dir)
	if !bytes.Equal(first, second) {
		t.Fatalf("repack after touching every file changed the bytes: %x vs %x", sha256.Sum256(first), sha256.Sum256(second))
	}
	for _, opts := range [][]Option{{Workers(1)}, {Workers(7)}, {MemoryBudget(1)}, {Workers(3), MemoryBudget(64 << 20)}} {
		if b := packBytes(t, dir, opts...); !bytes.Equal(first, b) {
			t.Errorf("options %d changed the bytes", len(opts))
		}
	}
	// Walk order: a reversed listing through Pack(fs.FS).
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	var buf bytes.Buffer
	if l, err := Pack(reversedFS{root.FS()}, &buf); err != nil {
		t.Fatalf("Pack: %v %v", err, l)
	}
	if !bytes.Equal(first, buf.Bytes()) {
		t.Errorf("reversed walk order changed the bytes")
	}
	// Another time stamp changes the bytes, deterministically.
	a := packBytes(t, dir, ModTime(time.Date(2020, 5, 6, 7, 8, 10, 0, time.UTC)))
	opt, err := SourceDateEpoch("1588748890")
	if err != nil {
		t.Fatal(err)
	}
	b := packBytes(t, dir, opt)
	if !bytes.Equal(a, b) || bytes.Equal(a, first) {
		t.Errorf("SOURCE_DATE_EPOCH: want the same bytes as ModTime, different from the default")
	}
	if _, err := SourceDateEpoch("yesterday"); err == nil {
		t.Errorf("invalid SOURCE_DATE_EPOCH accepted")
	}
}

func pseudoRandom(n int) []byte {
	r := rand.New(rand.NewPCG(1, 2))
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	return b
}

func TestPackUmask(t *testing.T) {
	old := syscall.Umask(0o077)
	dirA := newTree(t, seedTree())
	syscall.Umask(0o002)
	dirB := newTree(t, seedTree())
	syscall.Umask(old)
	if !bytes.Equal(packBytes(t, dirA), packBytes(t, dirB)) {
		t.Fatal("umask changed the bytes")
	}
}

// refusal sets up a tree, a previous output and expects PackDir to refuse
// with the rule, leaving the previous output byte-identical and no temp file.
func checkRefused(t *testing.T, dir, out string, wantRule, wantFile string, opts ...Option) diag.List {
	t.Helper()
	prev := []byte("previous application.zip")
	os.MkdirAll(filepath.Dir(out), 0o755)
	if err := os.WriteFile(out, prev, 0o644); err != nil {
		t.Fatal(err)
	}
	l, err := PackDir(dir, out, opts...)
	if !errors.Is(err, ErrRefused) {
		t.Fatalf("err = %v, want ErrRefused; diags:\n%v", err, l)
	}
	found := false
	for _, d := range l {
		if !d.Valid() {
			t.Errorf("invalid diagnostic %+v", d)
		}
		if d.Rule == wantRule && (wantFile == "" || d.File == wantFile) {
			found = true
		}
	}
	if !found {
		t.Errorf("want %s at %q, got:\n%v", wantRule, wantFile, l)
	}
	if b, _ := os.ReadFile(out); !bytes.Equal(b, prev) {
		t.Errorf("previous output changed")
	}
	assertNoTemp(t, filepath.Dir(out))
	return l
}

func assertNoTemp(t *testing.T, dir string) {
	t.Helper()
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		if strings.HasPrefix(e.Name(), ".") {
			t.Errorf("temporary file left behind: %s", e.Name())
		}
	}
}

func TestPackRefusals(t *testing.T) {
	type setup func(t *testing.T, dir string)
	cases := []struct {
		name  string
		setup setup
		rule  string
		file  string // relative to the tree
		opts  []Option
	}{
		{"symlink escaping", func(t *testing.T, d string) { os.Symlink("../../../etc/passwd", filepath.Join(d, "app/link")) }, RuleSymlinkEscape, "app/link", nil},
		{"symlink absolute", func(t *testing.T, d string) { os.Symlink("/etc/passwd", filepath.Join(d, "link")) }, RuleSymlinkEscape, "link", nil},
		{"symlink inside", func(t *testing.T, d string) { os.Symlink("../README.md", filepath.Join(d, "app/readme")) }, RuleSymlink, "app/readme", nil},
		{"fifo", func(t *testing.T, d string) {
			if err := syscall.Mkfifo(filepath.Join(d, "app/pipe"), 0o644); err != nil {
				t.Skip(err)
			}
		}, RuleSpecialFile, "app/pipe", nil},
		{"socket", func(t *testing.T, d string) {
			fd, err := syscall.Socket(syscall.AF_UNIX, syscall.SOCK_STREAM, 0)
			if err != nil {
				t.Skip(err)
			}
			defer syscall.Close(fd)
			p := filepath.Join(d, "s.sock")
			if len(p) > 100 {
				t.Skip("path too long for a socket")
			}
			if err := syscall.Bind(fd, &syscall.SockaddrUnix{Name: p}); err != nil {
				t.Skip(err)
			}
		}, RuleSpecialFile, "s.sock", nil},
		{"case collision", func(t *testing.T, d string) { os.WriteFile(filepath.Join(d, "Buildspec.yml"), []byte("x"), 0o644) }, RuleCaseCollision, "buildspec.yml", nil},
		{"folder case collision", func(t *testing.T, d string) { writeTree(t, d, map[string]string{"App/x": "x"}) }, RuleCaseCollision, "app", nil},
		{"nfc nfd collision", func(t *testing.T, d string) {
			writeTree(t, d, map[string]string{"caf\u00e9.txt": "a", "cafe\u0301.txt": "b"})
		}, RuleCaseCollision, "", nil},
		{"backslash", func(t *testing.T, d string) { os.WriteFile(filepath.Join(d, `a\b.txt`), nil, 0o644) }, RuleInvalidName, `a\b.txt`, nil},
		{"not utf-8", func(t *testing.T, d string) { os.WriteFile(filepath.Join(d, "bad\xff.txt"), nil, 0o644) }, RuleInvalidName, "bad\xff.txt", nil},
		{"control char", func(t *testing.T, d string) { os.WriteFile(filepath.Join(d, "tab\there"), nil, 0o644) }, RuleInvalidName, "tab\there", nil},
		{"long component", func(t *testing.T, d string) {
			n := strings.Repeat("é", 128) // 256 bytes
			if err := os.WriteFile(filepath.Join(d, n), nil, 0o644); err != nil {
				t.Skip(err)
			}
		}, RuleInvalidName, "", nil},
		{"missing taskdef", func(t *testing.T, d string) { os.Remove(filepath.Join(d, "taskdef.json")) }, RuleMissingSpec, ".", nil},
		{"appspec.yml instead", func(t *testing.T, d string) {
			os.Rename(filepath.Join(d, "appspec.yaml"), filepath.Join(d, "appspec.yml"))
		}, RuleMissingSpec, ".", nil},
		{"nested buildspec", func(t *testing.T, d string) {
			os.Rename(filepath.Join(d, "buildspec.yml"), filepath.Join(d, "app/buildspec.yml"))
		}, RuleNotAtRoot, ".", nil},
		{"spec error", func(t *testing.T, d string) {
			os.WriteFile(filepath.Join(d, "appspec.yaml"), []byte(strings.Replace(okAppSpec, "ContainerName: web", "ContainerName: nginx", 1)), 0o644)
		}, RuleXContainerName, "appspec.yaml", nil},
		{"deploy artifact too large", func(t *testing.T, d string) {
			os.WriteFile(filepath.Join(d, "imageDetail.json"), bytes.Repeat([]byte(" "), MaxDeployArtifact), 0o644)
		}, RuleDeployArtifactSize, ".", nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			base := t.TempDir()
			dir := filepath.Join(base, "src")
			writeTree(t, dir, seedTree())
			tc.setup(t, dir)
			file := ""
			if tc.file == "." {
				file = dir
			} else if tc.file != "" {
				file = dir + "/" + tc.file
			}
			file = filepath.ToSlash(file)
			checkRefused(t, dir, filepath.Join(base, "out", "application.zip"), tc.rule, file, tc.opts...)
			// The same rule disabled lets the pack go ahead (except collisions
			// and names, which other rules may still catch).
		})
	}
}

func TestPackFolderZippedInsteadOfContents(t *testing.T) {
	base := t.TempDir()
	writeTree(t, filepath.Join(base, "src", "app"), seedTree())
	l := checkRefused(t, filepath.Join(base, "src"), filepath.Join(base, "out", "application.zip"), RuleNotAtRoot, "")
	if len(l) != 1 || !strings.Contains(l[0].Message, `"app"`) {
		t.Errorf("want one not-at-root diagnostic naming the folder, got:\n%v", l)
	}
}

func TestPackOutputInTree(t *testing.T) {
	dir := newTree(t, seedTree())
	checkRefused(t, dir, filepath.Join(dir, "application.zip"), RuleOutputInTree, "")
}

func TestPackForce(t *testing.T) {
	files := seedTree()
	files["appspec.yaml"] = strings.Replace(okAppSpec, "ContainerPort: 80", "ContainerPort: 81", 1)
	dir := newTree(t, files)
	out := filepath.Join(t.TempDir(), "a.zip")
	if _, err := PackDir(dir, out); !errors.Is(err, ErrRefused) {
		t.Fatalf("want refusal, got %v", err)
	}
	l, err := PackDir(dir, out, Force())
	if err != nil {
		t.Fatalf("Force: %v", err)
	}
	if len(l.Errors()) != 1 || l.Errors()[0].Rule != RuleXContainerPort {
		t.Errorf("Force should still report the error: %v", l)
	}
	if _, err := os.Stat(out); err != nil {
		t.Error("Force did not write")
	}
	// Force never overrides unsafe content.
	os.Symlink("/etc/passwd", filepath.Join(dir, "link"))
	checkRefused(t, dir, out, RuleSymlinkEscape, "", Force())
}

// Disabling a rule that refuses a pack lets it go ahead: tree rules,
// layout rules and spec rules alike.
func TestPackDisable(t *testing.T) {
	files := seedTree()
	files["appspec.yaml"] = strings.Replace(okAppSpec, "ContainerPort: 80", "ContainerPort: 81", 1)
	files["app/taskdef.json"] = okTaskdef
	delete(files, "taskdef.json")
	dir := newTree(t, files)
	os.Symlink("/etc/passwd", filepath.Join(dir, "link"))
	out := filepath.Join(t.TempDir(), "application.zip")
	l, err := PackDir(dir, out)
	if !errors.Is(err, ErrRefused) {
		t.Fatalf("want refusal, got %v", err)
	}
	var rules []string
	for _, d := range l {
		rules = append(rules, d.Rule)
	}
	slices.Sort(rules)
	rules = slices.Compact(rules)
	l, err = PackDir(dir, out, Disable(rules...))
	if err != nil || len(l) != 0 {
		t.Fatalf("with %v disabled: want a pack without diagnostics, got %v\n%v", rules, err, dump(l))
	}
	for _, r := range []string{RuleSymlinkEscape, RuleNotAtRoot} {
		if !slices.Contains(rules, r) {
			t.Errorf("the refused pack did not report %s: %v", r, rules)
		}
	}
}

func TestPackWriteFailureKeepsPrevious(t *testing.T) {
	dir := newTree(t, seedTree())
	out := filepath.Join(t.TempDir(), "application.zip")
	prev := []byte("previous")
	os.WriteFile(out, prev, 0o644)
	testHookOpen = func(name string) error {
		if name == "app/src/main/java/App.java" {
			return errors.New("injected read error")
		}
		return nil
	}
	defer func() { testHookOpen = nil }()
	_, err := PackDir(dir, out)
	if err == nil || !strings.Contains(err.Error(), "injected") {
		t.Fatalf("err = %v, want the injected error", err)
	}
	if b, _ := os.ReadFile(out); !bytes.Equal(b, prev) {
		t.Error("previous output changed")
	}
	assertNoTemp(t, filepath.Dir(out))
}

func TestPackExcludesAndVCS(t *testing.T) {
	files := seedTree()
	files[".svn/entries"] = "12"
	files[".git/HEAD"] = "ref"
	files["app/build/tmp/x.class"] = "x"
	files["logs/a.log"] = "x"
	files["keep/.gitkeep"] = ""
	dir := newTree(t, files)
	b := packBytes(t, dir, Exclude("*.log", "app/build/"))
	names := zipNames(t, b)
	for _, n := range names {
		if strings.HasPrefix(n, ".svn/") || strings.HasPrefix(n, ".git/") || strings.HasSuffix(n, ".log") || strings.HasPrefix(n, "app/build/") {
			t.Errorf("%s should be left out", n)
		}
	}
	if !slices.Contains(names, "keep/.gitkeep") {
		t.Error("keep/.gitkeep missing")
	}
	b = packBytes(t, dir, KeepVCS())
	if !slices.Contains(zipNames(t, b), ".svn/entries") {
		t.Error("KeepVCS: .svn/entries missing")
	}
}

func zipNames(t testing.TB, b []byte) []string {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, f := range zr.File {
		out = append(out, f.Name)
	}
	return out
}

// TestPackRoundTrip is a property test: random trees pack into zips that read
// back with the same names, contents and exec bits.
func TestPackRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 9))
	for iter := range 12 {
		m := fstest.MapFS{
			"buildspec.yml": {Data: []byte("version: 0.2\n")},
			"appspec.yaml":  {Data: []byte(okAppSpec)},
			"taskdef.json":  {Data: []byte(okTaskdef)},
		}
		n := r.IntN(40)
		for i := range n {
			depth := r.IntN(4)
			var parts []string
			for range depth {
				parts = append(parts, []string{"a", "b", "src", "déjà", "x-y"}[r.IntN(5)])
			}
			parts = append(parts, randName(r, i))
			size := []int{0, 1, 100, 5000, 120000}[r.IntN(5)]
			data := make([]byte, size)
			for j := range data {
				if r.IntN(3) == 0 {
					data[j] = byte(r.Uint32())
				} else {
					data[j] = 'a' + byte(j%7)
				}
			}
			mode := fs.FileMode(0o644)
			if r.IntN(4) == 0 {
				mode = 0o755
			}
			m[strings.Join(parts, "/")] = &fstest.MapFile{Data: data, Mode: mode}
		}
		// A path may now be both a file and a folder prefix; drop such files.
		for name := range m {
			for other := range m {
				if strings.HasPrefix(other, name+"/") {
					delete(m, name)
				}
			}
		}
		var buf bytes.Buffer
		l, err := Pack(m, &buf, MemoryBudget(int64(1+r.IntN(4))<<20), Workers(1+r.IntN(4)), SkipSpecChecks())
		if err != nil {
			t.Fatalf("iter %d: %v %v", iter, err, l)
		}
		zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
		if err != nil {
			t.Fatal(err)
		}
		if len(zr.File) != len(m) {
			t.Fatalf("iter %d: %d entries, want %d", iter, len(zr.File), len(m))
		}
		for _, f := range zr.File {
			want := m[f.Name]
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			got, err := io.ReadAll(rc)
			rc.Close()
			if err != nil || !bytes.Equal(got, want.Data) {
				t.Fatalf("iter %d: %s: content differs (%v)", iter, f.Name, err)
			}
			wantMode := fs.FileMode(0o644)
			if want.Mode&0o111 != 0 {
				wantMode = 0o755
			}
			if f.Mode() != wantMode {
				t.Errorf("%s: mode %v want %v", f.Name, f.Mode(), wantMode)
			}
		}
		if vl := Verify(bytes.NewReader(buf.Bytes()), int64(buf.Len()), "application.zip", SkipSpecChecks()); len(vl) > 0 {
			t.Fatalf("iter %d: Verify: %v", iter, vl)
		}
	}
}

func randName(r *rand.Rand, i int) string {
	exts := []string{".java", ".png", ".jar", ".txt", "", ".sh", ".gz"}
	return "f" + string(rune('a'+r.IntN(26))) + string(rune('0'+i%10)) + exts[r.IntN(len(exts))]
}

func TestPackNotExecutable(t *testing.T) {
	files := seedTree()
	files["buildspec.yml"] = strings.Replace(okBuildspec, "      - docker build -t web nginx\n", "      - ./build.sh\n      - docker build -t web nginx\n", 1)
	files["build.sh"] = "#!/bin/sh\n"
	dir := newTree(t, files)
	os.Chmod(filepath.Join(dir, "build.sh"), 0o644)
	l, err := CheckDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if !hasDiag(l, want{dir + "/buildspec.yml", RuleNotExecutable, "/phases/build/commands/0", 8, 9}) {
		t.Fatalf("want %s, got:\n%v", RuleNotExecutable, dump(l))
	}
	if l, _ := CheckDir(dir, Disable(RuleNotExecutable)); len(l) != 0 {
		t.Fatalf("disabled %s: want quiet, got:\n%v", RuleNotExecutable, dump(l))
	}
	os.Chmod(filepath.Join(dir, "build.sh"), 0o755)
	if l, _ := CheckDir(dir); len(l) != 0 {
		t.Fatalf("executable script: want quiet, got:\n%v", dump(l))
	}
}

func TestPackZip64(t *testing.T) {
	defer func(l, e uint64) { zip64Limit, zip64Entries = l, e }(zip64Limit, zip64Entries)
	zip64Limit, zip64Entries = 1000, 3
	files := seedTree()
	files["big.txt"] = strings.Repeat("x", 5000)
	dir := newTree(t, files)
	b := packBytes(t, dir)
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	if len(zr.File) != len(files) {
		t.Fatalf("%d entries, want %d", len(zr.File), len(files))
	}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		got, err := io.ReadAll(rc)
		rc.Close()
		if err != nil || string(got) != files[f.Name] {
			t.Fatalf("%s: %v", f.Name, err)
		}
	}
	if l := Verify(bytes.NewReader(b), int64(len(b)), "application.zip"); len(l) != 0 {
		t.Fatalf("Verify zip64: %v", l)
	}
	if unzip, err := exec.LookPath("unzip"); err == nil {
		p := filepath.Join(t.TempDir(), "z.zip")
		os.WriteFile(p, b, 0o644)
		if out, err := exec.Command(unzip, "-tq", p).CombinedOutput(); err != nil {
			t.Fatalf("unzip -t: %v\n%s", err, out)
		}
	}
}

func TestPackInfoZipReads(t *testing.T) {
	unzip, err := exec.LookPath("unzip")
	if err != nil {
		t.Skip("no unzip")
	}
	dir := newTree(t, seedTree())
	p := filepath.Join(t.TempDir(), "a.zip")
	if _, err := PackDir(dir, p); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(unzip, "-Z", "-l", p).CombinedOutput()
	if err != nil {
		t.Fatalf("unzip -Z: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "-rwxr-xr-x") || !strings.Contains(string(out), "80-Jan-01 00:00 app/gradlew") {
		t.Errorf("unzip -Z listing lacks the exec mode or the fixed time:\n%s", out)
	}
	if out, err := exec.Command(unzip, "-tq", p).CombinedOutput(); err != nil {
		t.Fatalf("unzip -t: %v\n%s", err, out)
	}
}

// failingFS fails to list one folder.
type failingFS struct{ fstest.MapFS }

func (f failingFS) ReadDir(name string) ([]fs.DirEntry, error) {
	if name == "secret" {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrPermission}
	}
	return f.MapFS.ReadDir(name)
}

func TestPackUnreadableFolder(t *testing.T) {
	m := fstest.MapFS{}
	for k, v := range seedTree() {
		m[k] = &fstest.MapFile{Data: []byte(v), Mode: 0o644}
	}
	m["secret/key"] = &fstest.MapFile{Data: []byte("x")}
	var buf bytes.Buffer
	l, err := Pack(failingFS{m}, &buf)
	if !errors.Is(err, ErrRefused) || buf.Len() != 0 {
		t.Fatalf("err=%v written=%d", err, buf.Len())
	}
	if !hasDiag(l, want{"secret", RuleUnreadable, "", 0, 0}) {
		t.Fatalf("want %s, got %v", RuleUnreadable, l)
	}
}

func TestSizeDiags(t *testing.T) {
	o := makeOptions(nil)
	if l := sizeDiags("a.zip", MaxS3Source, o); len(l) != 0 {
		t.Errorf("at the limit: %v", l)
	}
	if l := sizeDiags("a.zip", MaxS3Source+1, o); len(l) != 1 || l[0].Rule != RuleS3SourceSize || l[0].Severity != diag.Warning {
		t.Errorf("over the limit: %v", l)
	}
}

// growingFS reports sizes smaller than the files really are, as if they grew
// between the walk and the read.
type growingFS struct {
	fstest.MapFS
	name string
}

type shrunkEntry struct{ fs.DirEntry }
type shrunkInfo struct{ fs.FileInfo }

func (e shrunkEntry) Info() (fs.FileInfo, error) {
	i, err := e.DirEntry.Info()
	return shrunkInfo{i}, err
}
func (i shrunkInfo) Size() int64 { return i.FileInfo.Size() - 1 }

func (g growingFS) ReadDir(name string) ([]fs.DirEntry, error) {
	l, err := g.MapFS.ReadDir(name)
	for i := range l {
		if l[i].Name() == g.name {
			l[i] = shrunkEntry{l[i]}
		}
	}
	return l, err
}

func TestPackFileChangedWhileReading(t *testing.T) {
	m := fstest.MapFS{}
	for k, v := range seedTree() {
		m[k] = &fstest.MapFile{Data: []byte(v), Mode: 0o644}
	}
	m["big.jar"] = &fstest.MapFile{Data: pseudoRandom(300 << 10)}
	m["big.txt"] = &fstest.MapFile{Data: bytes.Repeat([]byte("text "), 60<<10)}
	// In memory (deflated, stored) and streamed (stored, spilled) entries;
	// spill files go to TMPDIR and must not stay.
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	for _, name := range []string{"README.md", "app.jar", "big.jar", "big.txt"} {
		_, err := Pack(growingFS{m, name}, io.Discard, MemoryBudget(1), SkipSpecChecks())
		if err == nil || !strings.Contains(err.Error(), "changed while") {
			t.Errorf("%s: err = %v, want a changed-while-packing error", name, err)
		}
	}
	if _, err := Pack(m, io.Discard, MemoryBudget(1), SkipSpecChecks()); err != nil {
		t.Fatal(err)
	}
	if left, _ := os.ReadDir(tmp); len(left) != 0 {
		t.Errorf("spill files left behind: %v", left)
	}
}
