//go:build oracle

package oracle

import (
	"bufio"
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/bgspec/bgspec/taskdef"
)

// bcResult is one line of bcvalidate.py --json.
type bcResult struct {
	File   string `json:"file"`
	Errors []struct {
		Kind    string `json:"kind"`
		Pointer string `json:"pointer"`
		Message string `json:"message"`
	} `json:"errors"`
}

// botocore runs scripts/bcvalidate.py --strict --json once over all files and
// returns the results by path.
func botocore(t testing.TB, service, op string, files []input) map[string]bcResult {
	t.Helper()
	args := []string{scriptPath(t, "bcvalidate.py"), "--strict", "--json", service, op}
	for _, f := range files {
		args = append(args, f.Path)
	}
	out := run(t, 2*time.Minute, []int{0, 1}, "python3", args...)
	res := map[string]bcResult{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		var r bcResult
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("bcvalidate.py output: %v: %q", err, sc.Text())
		}
		res[r.File] = r
	}
	if len(res) != len(files) {
		t.Fatalf("bcvalidate.py judged %d files, want %d", len(res), len(files))
	}
	return res
}

// TestBotocoreTaskdef: whenever botocore (ECS RegisterTaskDefinition model,
// with enums, max lengths and patterns) rejects a task definition, bgspec must
// reject it too, naming the same field.
func TestBotocoreTaskdef(t *testing.T) {
	files := taskdefInputs(t, t.TempDir())
	res := botocore(t, "ecs", "RegisterTaskDefinition", files)
	ty := newTally(t, "botocore-taskdef")
	judged := map[string]bool{}
	for _, f := range files {
		judged[f.Name] = true
		ty.Files++
		ds := taskdef.Validate("taskdef.json", f.Src)
		r := res[f.Path]
		if f.Origin == "gen" && !strings.Contains(f.Name, "+") {
			// a base the mutations start from must be valid for both sides
			if ds.HasErrors() || len(r.Errors) > 0 {
				t.Errorf("base %s is not valid: bgspec %s; botocore %v", f.Name, summary(ds), r.Errors)
			}
		}
		if len(r.Errors) == 0 {
			if ds.HasErrors() {
				ty.BgspecStricter++
			}
			continue
		}
		ty.OracleRejected++
		for _, e := range r.Errors {
			fd := finding{Code: e.Kind, Pointer: e.Pointer, Message: e.Message, Any: e.Kind == "unreadable", Policy: policyFor(e.Message)}
			if e.Kind == "invalid type" && strings.Contains(e.Message, "<class 'NoneType'>") {
				fd.Policy = policyNull
			}
			ty.judge(f, ds, fd)
		}
	}
	if ty.OracleRejected == 0 {
		t.Fatal("botocore rejected no file: the mutations did not reach it")
	}
	ty.report(t, judged)
}

// policyNull: botocore rejects JSON null members ("invalid type … NoneType"),
// and so does `aws ecs register-task-definition --cli-input-json`; CodePipeline's
// CodeDeployToECS action drops them before registering, so bgspec reports them
// as the warning taskdef/null-value (and `bgspec clean` removes them).
const policyNull = "null members: rejected by botocore/the CLI, dropped by CodePipeline's deploy action (taskdef/null-value is a warning)"
