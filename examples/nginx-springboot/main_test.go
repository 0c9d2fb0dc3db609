package main

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bgspec/bgspec/appspec"
	"github.com/bgspec/bgspec/buildspec"
	"github.com/bgspec/bgspec/diag"
	"github.com/bgspec/bgspec/examples/internal/bluegreen"
	"github.com/bgspec/bgspec/internal/cli"
	"github.com/bgspec/bgspec/internal/golden"
	"github.com/bgspec/bgspec/revision"
	"github.com/bgspec/bgspec/taskdef"
)

func gen(t *testing.T, out string) *result {
	t.Helper()
	p := defaultParams()
	p.Out = out
	r, err := generate(p)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// readTree returns every file under dir (slash path → bytes).
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	m := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		m[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestDeterministic(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	ra, rb := gen(t, a), gen(t, b)
	if ra.ZipSHA256 != rb.ZipSHA256 {
		t.Errorf("zip sha256 differs: %s vs %s", ra.ZipSHA256, rb.ZipSHA256)
	}
	ta, tb := readTree(t, a), readTree(t, b)
	if len(ta) != len(tb) {
		t.Fatalf("%d files vs %d files", len(ta), len(tb))
	}
	for name, x := range ta {
		if !bytes.Equal(x, tb[name]) {
			t.Errorf("%s differs between two runs", name)
		}
	}
	// A second run into the same directory changes nothing and removes a
	// stale file from the staging folder.
	stale := filepath.Join(a, bluegreen.StagingDir, "app", "stale.txt")
	if err := os.WriteFile(stale, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	gen(t, a)
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Errorf("stale file in the staging folder survived: %v", err)
	}
	for name, x := range readTree(t, a) {
		if !bytes.Equal(x, ta[name]) {
			t.Errorf("%s changed on the second run into the same directory", name)
		}
	}
	if want := []string{"application.zip", "appspec.yaml", "buildspec.yml", "codedeploy-action.json", "taskdef.json"}; !hasAll(ta, want) {
		t.Errorf("output lacks one of %v", want)
	}
	for _, name := range []string{"buildspec.yml", "appspec.yaml", "taskdef.json", "REVISION", "nginx/Dockerfile", "nginx/nginx.conf", "app/Dockerfile", "app/pom.xml"} {
		if _, ok := ta[bluegreen.StagingDir+"/"+name]; !ok {
			t.Errorf("staging folder lacks %s", name)
		}
	}
}

func hasAll(m map[string][]byte, names []string) bool {
	for _, n := range names {
		if _, ok := m[n]; !ok {
			return false
		}
	}
	return true
}

func TestValidatesClean(t *testing.T) {
	out := t.TempDir()
	r := gen(t, out)
	if len(r.Diagnostics) != 0 {
		t.Errorf("generate reported diagnostics:\n%v", r.Diagnostics)
	}
	read := func(name string) []byte {
		b, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	// Each written file on its own, as the CLI reads it.
	check := func(name string, l diag.List) {
		if len(l) != 0 {
			t.Errorf("%s:\n%v", name, l)
		}
	}
	check("taskdef.json", taskdef.Validate("taskdef.json", read("taskdef.json")))
	check("appspec.yaml", appspec.Validate("appspec.yaml", read("appspec.yaml"), appspec.ForPipeline()))
	check("buildspec.yml", buildspec.Validate("buildspec.yml", read("buildspec.yml")))
	check("codedeploy-action", action(recipe()).Validate())
	zb := read(bluegreen.ZipFile)
	check(bluegreen.ZipFile, revision.Verify(bytes.NewReader(zb), int64(len(zb)), bluegreen.ZipFile))
	l, err := revision.CheckDir(filepath.Join(out, bluegreen.StagingDir))
	if err != nil {
		t.Fatal(err)
	}
	check(bluegreen.StagingDir, l)

	for _, c := range r.Capacity {
		if c.InstanceType != "c5.xlarge" || c.Instances != 3 || c.Needed != 6 || !c.Fits {
			t.Errorf("ENI capacity: %+v", c)
		}
	}
	if len(r.Capacity) != 2 || r.Capacity[0].Total >= r.Capacity[1].Total {
		t.Errorf("trunking should raise the capacity: %+v", r.Capacity)
	}
}

// The checks are not vacuous: the staged folder, broken the way a hand edit
// breaks it, is reported.
func TestCheckCatchesDrift(t *testing.T) {
	out := t.TempDir()
	gen(t, out)
	p := filepath.Join(out, bluegreen.StagingDir, "appspec.yaml")
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	b = bytes.Replace(b, []byte("ContainerPort: 80"), []byte("ContainerPort: 8000"), 1)
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	l, err := revision.CheckDir(filepath.Join(out, bluegreen.StagingDir))
	if err != nil {
		t.Fatal(err)
	}
	var found bool
	for _, d := range l {
		if d.Rule == revision.RuleXContainerPort && d.File != "" && d.Line == 9 {
			found = true
		}
	}
	if !found {
		t.Errorf("want %s at appspec.yaml line 9, got:\n%v", revision.RuleXContainerPort, l)
	}
}

func TestGolden(t *testing.T) {
	out := t.TempDir()
	r := gen(t, out)
	for _, name := range []string{bluegreen.BuildspecFile, bluegreen.AppSpecFile, bluegreen.TaskdefFile, bluegreen.ActionFile} {
		b, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		golden.Check(t, filepath.Join("testdata", name), b)
	}
	golden.Check(t, filepath.Join("testdata", bluegreen.ZipFile+".txt"), []byte(strings.Join(r.Entries, "\n")+"\n"))
}

func TestRun(t *testing.T) {
	out := t.TempDir()
	var stdout, stderr bytes.Buffer
	if code := run([]string{"-out", out, "-desired-count", "5"}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d\n%s%s", code, stdout.String(), stderr.String())
	}
	s := stdout.String()
	for _, want := range []string{
		"buildspec.yml", "appspec.yaml", "taskdef.json", "codedeploy-action.json", "application.zip: 11 entries, sha256 ",
		"diagnostics: 0 (0 errors, 0 warnings)",
		// 3 × c5.xlarge: 3 tasks each without trunking, 20 with it.
		"ENI without trunking: 3× c5.xlarge hold 9 awsvpc tasks; blue/green needs 10 (2 × desired 5): does NOT fit",
		"ENI with awsvpcTrunking: 3× c5.xlarge hold 60 awsvpc tasks; blue/green needs 10 (2 × desired 5): fits",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("summary lacks %q:\n%s", want, s)
		}
	}
	for _, args := range [][]string{{"-nope"}, {"extra"}, {"-revision", "two words", "-out", out}, {"-instance-type", "t3.micro", "-out", out}} {
		stderr.Reset()
		if code := run(args, &stdout, &stderr); code != 2 {
			t.Errorf("run %q: exit %d, want 2", args, code)
		}
	}
}

// The CLI commands the README shows: bgspec validate -action reads the
// generated action file and finds the folder and the zip clean, and bgspec
// pack writes the same bytes as the example.
func TestCLIWorkflow(t *testing.T) {
	out := t.TempDir()
	gen(t, out)
	staging, zipPath := filepath.Join(out, bluegreen.StagingDir), filepath.Join(out, bluegreen.ZipFile)
	var stdout, stderr bytes.Buffer
	if code := cli.Main([]string{"validate", "-action", filepath.Join(out, bluegreen.ActionFile), staging, zipPath},
		strings.NewReader(""), &stdout, &stderr); code != cli.ExitOK || stdout.Len() != 0 {
		t.Fatalf("validate -action: exit %d\n%s%s", code, stdout.String(), stderr.String())
	}
	again := filepath.Join(t.TempDir(), "application.zip")
	if code := cli.Main([]string{"pack", "-o", again, staging}, strings.NewReader(""), &stdout, &stderr); code != cli.ExitOK {
		t.Fatalf("pack: exit %d\n%s", code, stderr.String())
	}
	a, err := os.ReadFile(zipPath)
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(again)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Errorf("bgspec pack wrote %d bytes that differ from the example's %d-byte application.zip", len(b), len(a))
	}
}
