package ecsapi

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	"github.com/aws/aws-sdk-go-v2/service/ecs/types"

	"github.com/bgspec/bgspec/taskdef"
)

// TestWireZeroValues pins what the SDK sends for the zero values of its
// non-pointer fields (see sdkOmitsZero): container cpu 0 is left out, the
// required numbers are always sent. (The SDK checks required members before
// sending, hence the names and paths.)
func TestWireZeroValues(t *testing.T) {
	f := newFakeECS(t)
	wire, _ := f.register(t, &ecs.RegisterTaskDefinitionInput{
		Family:           aws.String("zero"),
		EphemeralStorage: &types.EphemeralStorage{},
		ContainerDefinitions: []types.ContainerDefinition{{
			Name:            aws.String("a"),
			Ulimits:         []types.Ulimit{{Name: types.UlimitNameNofile}},
			LinuxParameters: &types.LinuxParameters{Tmpfs: []types.Tmpfs{{ContainerPath: aws.String("/t")}}},
		}},
	})
	want := `{"family":"zero","ephemeralStorage":{"sizeInGiB":0},"containerDefinitions":[{"name":"a",
		"ulimits":[{"name":"nofile","softLimit":0,"hardLimit":0}],"linuxParameters":{"tmpfs":[{"containerPath":"/t","size":0}]}}]}`
	if d := jsonDiff(t, []byte(want), wire); d != "" {
		t.Errorf("(-want +wire):\n%s", d)
	}
}

// TestWireEdgeValues sends values that are easy to lose: empty strings that
// the model always writes, explicit false and 0 behind pointers, map keys
// needing JSON escapes, non-ASCII text.
func TestWireEdgeValues(t *testing.T) {
	src := []byte(`{
  "family": "edge",
  "containerDefinitions": [
    {
      "name": "a",
      "image": "<IMAGE1_NAME>",
      "portMappings": [{"containerPort": 8080, "hostPort": 0}],
      "essential": false,
      "environment": [{"name": "EMPTY", "value": ""}, {"name": "UNICODE", "value": "caf\u00e9 \u2603 \"q\" <b>&"}],
      "dockerLabels": {"a/b~c": "1", "": "empty key", "\u00e9": ""},
      "linuxParameters": {"maxSwap": 0, "swappiness": 0}
    }
  ],
  "tags": [{"key": "k", "value": ""}]
}`)
	td, _ := taskdef.Parse("edge.json", src)
	in, err := ToRegisterInput(td)
	if err != nil {
		t.Fatal(err)
	}
	wire, _ := newFakeECS(t).register(t, in)
	if d := jsonDiff(t, src, wire); d != "" {
		t.Errorf("(-file +wire):\n%s", d)
	}
	if back := roundTrip(t, td); !equalJSON(t, back, src) {
		t.Errorf("in-memory round trip lost something")
	}
}

func equalJSON(t testing.TB, td *taskdef.TaskDefinition, want []byte) bool {
	got, err := taskdef.Marshal(td)
	if err != nil {
		t.Fatal(err)
	}
	d := jsonDiff(t, want, got)
	if d != "" {
		t.Log(d)
	}
	return d == ""
}

// TestCorpus runs every task definition of the shared corpus through
// Parse -> ToRegisterInput -> SDK client and compares the wire JSON with
// taskdef.Marshal. The corpus lives outside the repository: BGSPEC_CORPUS
// names its directory, else ../shared/corpus beside the checkout is used
// when present (as package taskdef's corpus test does).
func TestCorpus(t *testing.T) {
	dir := os.Getenv("BGSPEC_CORPUS")
	if dir == "" {
		dir = filepath.Join("..", "..", "..", "shared", "corpus")
		if fi, err := os.Stat(filepath.Join(dir, "taskdef")); err != nil || !fi.IsDir() {
			t.Skip("corpus not found (set BGSPEC_CORPUS)")
		}
	}
	files, _ := filepath.Glob(filepath.Join(dir, "taskdef", "*.json"))
	if len(files) == 0 {
		t.Fatalf("no taskdef/*.json under %s", dir)
	}
	f := newFakeECS(t)
	for _, name := range files {
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		td, _ := taskdef.Parse(filepath.Base(name), src)
		if td == nil {
			t.Logf("%s: unreadable, skipped", filepath.Base(name))
			continue
		}
		in, err := ToRegisterInput(td)
		if err != nil {
			t.Logf("%s: %v", filepath.Base(name), err)
			continue
		}
		want, _ := taskdef.Marshal(td)
		wire, _ := f.register(t, in)
		if d := jsonDiff(t, want, wire); d != "" {
			t.Errorf("%s: wire differs from Marshal (-Marshal +wire):\n%s", filepath.Base(name), d)
		}
		if back := roundTrip(t, td); !equalJSON(t, back, want) {
			t.Errorf("%s: in-memory round trip differs", filepath.Base(name))
		}
	}
	t.Logf("%d corpus files", len(files))
}

// TestTaskdefDoesNotImportSDK keeps the AWS SDK out of package taskdef's
// dependencies: only this subpackage may import it.
func TestTaskdefDoesNotImportSDK(t *testing.T) {
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go command not available")
	}
	if testing.Short() {
		t.Skip("runs go list")
	}
	cmd := exec.Command(gobin, "list", "-deps", "github.com/bgspec/bgspec/taskdef")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, stderr.Bytes())
	}
	n := 0
	for _, pkg := range strings.Fields(string(out)) {
		n++
		if strings.HasPrefix(pkg, "github.com/aws/") {
			t.Errorf("package taskdef depends on %s; keep the AWS SDK in taskdef/ecsapi", pkg)
		}
	}
	if n < 10 {
		t.Errorf("go list -deps printed only %d packages: %s", n, out)
	}
}
