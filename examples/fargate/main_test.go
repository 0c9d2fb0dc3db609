package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bgspec/bgspec/examples/internal/bluegreen"
	"github.com/bgspec/bgspec/internal/golden"
	"github.com/bgspec/bgspec/taskdef"
)

var outputs = []string{bluegreen.BuildspecFile, bluegreen.AppSpecFile, bluegreen.TaskdefFile, bluegreen.ActionFile, bluegreen.ZipFile}

func TestGenerate(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	ra, err := generate(a, "3f9c2ab")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := generate(b, "3f9c2ab"); err != nil {
		t.Fatal(err)
	}
	if len(ra.Diagnostics) != 0 {
		t.Errorf("diagnostics:\n%v", ra.Diagnostics)
	}
	for _, name := range outputs {
		x, err := os.ReadFile(filepath.Join(a, name))
		if err != nil {
			t.Fatal(err)
		}
		y, err := os.ReadFile(filepath.Join(b, name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(x, y) {
			t.Errorf("%s differs between two runs", name)
		}
		if name != bluegreen.ZipFile {
			golden.Check(t, filepath.Join("testdata", name), x)
		}
	}
	golden.Check(t, filepath.Join("testdata", bluegreen.ZipFile+".txt"), []byte(strings.Join(ra.Entries, "\n")+"\n"))

	// The Fargate rules hold: task size pair, awsvpc, awslogs with an
	// execution role. Without the role the task definition is refused.
	td := taskDefinition()
	td.ExecutionRoleArn = ""
	var rules []string
	for _, d := range td.Validate() {
		rules = append(rules, d.Rule)
	}
	if !strings.Contains(strings.Join(rules, " "), taskdef.RuleExecutionRole) {
		t.Errorf("without executionRoleArn: got %v, want %s", rules, taskdef.RuleExecutionRole)
	}
}

func TestRun(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run([]string{"-out", t.TempDir()}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d\n%s%s", code, stdout.String(), stderr.String())
	}
	if !strings.Contains(stdout.String(), "diagnostics: 0 (0 errors, 0 warnings)") {
		t.Errorf("summary:\n%s", stdout.String())
	}
	for _, args := range [][]string{{"-x"}, {"arg"}, {"-revision", ""}, {"-revision", "a b", "-out", t.TempDir()}} {
		if code := run(args, &stdout, &stderr); code != 2 {
			t.Errorf("run %q: exit %d, want 2", args, code)
		}
	}
}

func Example() {
	out, err := os.MkdirTemp("", "fargate-example")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(out)
	r, err := generate(out, "3f9c2ab")
	if err != nil {
		panic(err)
	}
	fmt.Println("diagnostics:", len(r.Diagnostics))
	for _, e := range r.Entries {
		fmt.Println(e[strings.LastIndex(e, " ")+1:])
	}
	// Output:
	// diagnostics: 0
	// REVISION
	// appspec.yaml
	// buildspec.yml
	// taskdef.json
	// web/Dockerfile
	// web/default.conf
	// web/index.html
}
