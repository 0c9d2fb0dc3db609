package robustness

import (
	"fmt"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bgspec/bgspec/appspec"
	"github.com/bgspec/bgspec/buildspec"
	"github.com/bgspec/bgspec/diag"
	"github.com/bgspec/bgspec/internal/budget"
	"github.com/bgspec/bgspec/internal/source"
	"github.com/bgspec/bgspec/revision"
	"github.com/bgspec/bgspec/taskdef"
)

// Resource bounds of the catalogue contract (ROBUSTNESS.md §7 (c)).
const (
	maxCPU   = time.Second       // process CPU time (user+system), robust on a loaded machine
	maxWall  = 30 * time.Second  // a hang backstop only: wall time on a loaded machine says little
	maxAlloc = 100 << 20         // bytes allocated (runtime.MemStats.TotalAlloc delta)
	yamlCap  = 1 << 20           // source.DefaultYAMLMaxBytes
	jsonCap  = 64 << 10          // taskdef.DefaultMaxBytes (the ECS quota)
	zipName  = "application.zip" // display name given to Verify
)

// want is one expected diagnostic: rule id, position and JSON pointer.
// Line and Column 0 mean the whole file (diag's convention).
type want struct {
	Rule         string
	Line, Column int
	Path         string
}

func (w want) String() string {
	return fmt.Sprintf("%s at %d:%d %q", w.Rule, w.Line, w.Column, w.Path)
}

func w(rule string, line, col int, path string) want { return want{rule, line, col, path} }

// measure runs f once under budget.Measure, turning a panic into a test
// failure. Tests using it must not run in parallel (CPU time and allocation
// are process-wide).
func measure(t *testing.T, f func()) budget.Cost {
	t.Helper()
	var panicked any
	var stack []byte
	c := budget.Measure(func() {
		defer func() {
			if r := recover(); r != nil {
				panicked, stack = r, debug.Stack()
			}
		}()
		f()
	})
	if panicked != nil {
		t.Fatalf("panic: %v\n%s", panicked, stack)
	}
	return c
}

// bounded runs f under measure and fails the test when it exceeds the
// catalogue's bounds.
func bounded(t *testing.T, f func()) budget.Cost {
	t.Helper()
	c := measure(t, f)
	if b := budget.Bound(maxCPU); c.CPU > b {
		t.Errorf("took %v of CPU time (bound %v)", c.CPU, b)
	}
	if b := budget.Bound(maxWall); c.Wall > b {
		t.Errorf("took %v of wall time (bound %v)", c.Wall, b)
	}
	if b := budget.Bound(uint64(maxAlloc)); c.Alloc > b {
		t.Errorf("allocated %d MB (bound %d MB)", c.Alloc>>20, b>>20)
	}
	return c
}

// warm compiles each package's embedded schema once, outside the measured
// calls: compilation happens once per process, not per input.
var warm = sync.OnceFunc(func() {
	buildspec.Validate("buildspec.yml", []byte(okBuildspec))
	appspec.Validate("appspec.yaml", []byte(okAppSpec))
	taskdef.Validate("taskdef.json", []byte(okTaskdef))
	revision.Check(okFiles())
})

// checkList asserts the structural contract on every diagnostic (valid rule,
// severity and pointer, file name, position inside the input) and that each
// wanted diagnostic is present.
func checkList(t *testing.T, l diag.List, file string, src []byte, wants []want) {
	t.Helper()
	lines := source.LineBound(src)
	for _, d := range l {
		if !d.Valid() {
			t.Errorf("invalid diagnostic %+v", d)
		}
		if d.File != file {
			t.Errorf("diagnostic names file %q, want %q: %+v", d.File, file, d)
		}
		if src != nil && d.Line > lines {
			t.Errorf("diagnostic line %d beyond the input's %d lines: %+v", d.Line, lines, d)
		}
		s := d.Error()
		prefix := file + ":"
		if d.Line > 0 {
			prefix = fmt.Sprintf("%s:%d:", file, d.Line)
		}
		if d.Path != "" && !strings.Contains(s, ": "+d.Path+": ") {
			t.Errorf("diagnostic text %q does not name its path %s", s, d.Path)
		}
		if !strings.HasPrefix(s, prefix) || !strings.HasSuffix(s, " ["+d.Rule+"]") {
			t.Errorf("diagnostic text %q is not <file>:<line>:<col>: <severity>: <path>: … [<rule>]", s)
		}
	}
	for _, wt := range wants {
		if !slices.ContainsFunc(l, func(d diag.Diagnostic) bool {
			return d.Rule == wt.Rule && d.Line == wt.Line && d.Column == wt.Column && d.Path == wt.Path
		}) {
			t.Errorf("missing %v", wt)
		}
	}
	if t.Failed() {
		t.Logf("got:\n%s", dump(l))
	}
}

func dump(l diag.List) string {
	var b strings.Builder
	for i, d := range l {
		if i == 40 {
			fmt.Fprintf(&b, "  … %d more\n", len(l)-i)
			break
		}
		fmt.Fprintf(&b, "  %s at %d:%d %q (%s) %s\n", d.Rule, d.Line, d.Column, d.Path, d.File, d.Severity)
	}
	return b.String()
}

// Base revision: clean on its own and together.
const (
	okBuildspec = `version: 0.2
phases:
  pre_build:
    commands:
      - aws ecr get-login-password --region us-east-1 | docker login --username AWS --password-stdin 123456789012.dkr.ecr.us-east-1.amazonaws.com
  build:
    commands:
      - docker build -t 123456789012.dkr.ecr.us-east-1.amazonaws.com/web:latest .
      - docker push 123456789012.dkr.ecr.us-east-1.amazonaws.com/web:latest
      - printf '{"ImageURI":"%s"}' 123456789012.dkr.ecr.us-east-1.amazonaws.com/web:latest > imageDetail.json
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
          - CapacityProvider: FARGATE
            Base: 1
            Weight: 1
`
	okTaskdef = `{
  "family": "web",
  "networkMode": "awsvpc",
  "requiresCompatibilities": ["FARGATE"],
  "cpu": "256",
  "memory": "512",
  "executionRoleArn": "arn:aws:iam::123456789012:role/ecsTaskExecutionRole",
  "containerDefinitions": [
    {
      "name": "web",
      "image": "<IMAGE1_NAME>",
      "essential": true,
      "portMappings": [{"containerPort": 80, "protocol": "tcp"}]
    }
  ]
}
`
	okDockerfile = "FROM public.ecr.aws/docker/library/nginx:1.25\n"
)

func okFiles() revision.Files {
	return revision.Files{
		"buildspec.yml": []byte(okBuildspec),
		"appspec.yaml":  []byte(okAppSpec),
		"taskdef.json":  []byte(okTaskdef),
		"Dockerfile":    []byte(okDockerfile),
	}
}

func TestBaseRevisionIsClean(t *testing.T) {
	for name, l := range map[string]diag.List{
		"buildspec": buildspec.Validate("buildspec.yml", []byte(okBuildspec)),
		"appspec":   appspec.Validate("appspec.yaml", []byte(okAppSpec), appspec.ForPipeline()),
		"taskdef":   taskdef.Validate("taskdef.json", []byte(okTaskdef)),
		"revision":  revision.Check(okFiles()),
	} {
		if len(l) != 0 {
			t.Errorf("%s: base input is not clean:\n%s", name, dump(l))
		}
	}
}

// maxLines bounds the line numbers of diagnostics on src (the reader's own
// line counting, UTF-16 transcoding included).
func maxLines(src []byte) int { return source.LineBound(src) }
