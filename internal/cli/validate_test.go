package cli

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bgspec/bgspec/diag"
)

type jsonOut struct {
	Diagnostics []diag.Diagnostic `json:"diagnostics"`
}

func decodeJSON(t *testing.T, out string) []diag.Diagnostic {
	t.Helper()
	var j jsonOut
	if err := json.Unmarshal([]byte(out), &j); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, out)
	}
	if j.Diagnostics == nil {
		t.Fatalf("diagnostics is null, want a list:\n%s", out)
	}
	return j.Diagnostics
}

func TestValidateCleanFiles(t *testing.T) {
	code, out, errOut := run(t, "", "validate", "-format", "json", "testdata/taskdef.json", "testdata/appspec.yaml")
	if code != ExitOK {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
	for _, d := range decodeJSON(t, out) {
		if d.Severity == diag.Error {
			t.Errorf("unexpected error %v", d)
		}
	}
}

func TestValidateFindingsJSON(t *testing.T) {
	code, out, _ := run(t, "", "validate", "-format", "json", "testdata/bad-taskdef.json")
	if code != ExitFindings {
		t.Fatalf("exit %d, want 1\n%s", code, out)
	}
	got := map[string]diag.Diagnostic{}
	for _, d := range decodeJSON(t, out) {
		got[d.Rule+" "+d.Path] = d
	}
	for _, want := range []struct {
		rule, path string
		line       int
	}{
		{"taskdef/describe-only-field", "/revision", 14},
		{"taskdef/links-awsvpc", "/containerDefinitions/0/links", 11},
		{"taskdef/host-port", "/containerDefinitions/0/portMappings/0/hostPort", 9},
	} {
		d, ok := got[want.rule+" "+want.path]
		if !ok {
			t.Errorf("no %s at %s in %v", want.rule, want.path, got)
			continue
		}
		if d.Line != want.line || d.File != "testdata/bad-taskdef.json" || d.Column == 0 {
			t.Errorf("%s at %d:%d in %s, want line %d", want.rule, d.Line, d.Column, d.File, want.line)
		}
	}
}

// TestValidateTextFormat: each text line is one diagnostic of the JSON
// output as file:line:col: severity: /json/pointer: message [rule].
func TestValidateTextFormat(t *testing.T) {
	_, out, _ := run(t, "", "validate", "testdata/bad-taskdef.json")
	_, js, _ := run(t, "", "validate", "-format", "json", "testdata/bad-taskdef.json")
	var got struct{ Diagnostics diag.List }
	if err := json.Unmarshal([]byte(js), &got); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != len(got.Diagnostics) || len(lines) < 2 {
		t.Fatalf("%d text lines, %d JSON diagnostics", len(lines), len(got.Diagnostics))
	}
	for i, d := range got.Diagnostics {
		want := fmt.Sprintf("testdata/bad-taskdef.json:%d:%d: %s: %s: %s [%s]", d.Line, d.Column, d.Severity, d.Path, d.Message, d.Rule)
		if d.Path == "" {
			want = fmt.Sprintf("testdata/bad-taskdef.json:%d:%d: %s: %s [%s]", d.Line, d.Column, d.Severity, d.Message, d.Rule)
		}
		if lines[i] != want {
			t.Errorf("line %d:\n got %s\nwant %s", i+1, lines[i], want)
		}
	}
}

func TestValidateDisableAndWerror(t *testing.T) {
	dir := t.TempDir()
	// Only a warning: the appspec without CapacityProviderStrategy.
	src := "version: 0.0\nResources:\n  - TargetService:\n      Type: AWS::ECS::Service\n      Properties:\n        TaskDefinition: <TASK_DEFINITION>\n        LoadBalancerInfo:\n          ContainerName: web\n          ContainerPort: 80\n"
	p := filepath.Join(dir, "appspec.yaml")
	if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	const rule = "appspec/no-capacity-provider-strategy"
	code, out, _ := run(t, "", "validate", "-format", "json", p)
	ds := decodeJSON(t, out)
	if code != ExitOK || len(ds) != 1 || ds[0].Rule != rule || ds[0].Severity != diag.Warning {
		t.Fatalf("exit %d, %v", code, ds)
	}
	if code, _, _ := run(t, "", "validate", "-werror", p); code != ExitFindings {
		t.Errorf("-werror: exit %d, want 1", code)
	}
	if code, _, _ := run(t, "", "validate", "-error", rule, p); code != ExitFindings {
		t.Errorf("-error: exit %d, want 1", code)
	}
	code, out, _ = run(t, "", "validate", "-format", "json", "-disable", rule, p)
	if ds := decodeJSON(t, out); code != ExitOK || len(ds) != 0 {
		t.Errorf("-disable: exit %d, %v", code, ds)
	}
}

func TestValidateKindFromContentAndFlag(t *testing.T) {
	dir := t.TempDir()
	src, err := os.ReadFile("testdata/taskdef.json")
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, "web.json") // name says nothing; content does
	os.WriteFile(p, src, 0o644)
	if code, out, errOut := run(t, "", "validate", p); code != ExitOK {
		t.Fatalf("exit %d %s %s", code, out, errOut)
	}
	q := filepath.Join(dir, "notes.txt")
	os.WriteFile(q, []byte("hello\n"), 0o644)
	if code, _, _ := run(t, "", "validate", q); code != ExitUsage {
		t.Errorf("unknown kind: exit %d, want 2", code)
	}
	if code, _, _ := run(t, "", "validate", "-kind", "buildspec", q); code != ExitFindings {
		t.Errorf("-kind buildspec on text: exit %d, want 1", code)
	}
}

func TestValidateSARIF(t *testing.T) {
	code, out, _ := run(t, "", "validate", "-format", "sarif", "testdata/bad-taskdef.json")
	if code != ExitFindings {
		t.Fatalf("exit %d", code)
	}
	var log sarifLog
	if err := json.Unmarshal([]byte(out), &log); err != nil {
		t.Fatal(err)
	}
	if log.Version != "2.1.0" || len(log.Runs) != 1 {
		t.Fatalf("not SARIF 2.1.0: %s", out)
	}
	r := log.Runs[0]
	if len(r.Results) == 0 {
		t.Fatal("no results")
	}
	for _, res := range r.Results {
		if r.Tool.Driver.Rules[res.RuleIndex].ID != res.RuleID {
			t.Errorf("ruleIndex %d does not point at %s", res.RuleIndex, res.RuleID)
		}
		reg := res.Locations[0].PhysicalLocation.Region
		if reg == nil || reg.StartLine == 0 || reg.StartColumn == 0 {
			t.Errorf("%s has no region", res.RuleID)
		}
	}
}

func TestRulesListsRegisteredRules(t *testing.T) {
	code, out, _ := run(t, "", "rules", "-format", "json")
	if code != ExitOK {
		t.Fatal(code)
	}
	var rules []diag.RuleInfo
	if err := json.Unmarshal([]byte(out), &rules); err != nil {
		t.Fatal(err)
	}
	ids := map[string]bool{}
	for _, r := range rules {
		ids[r.ID] = true
		if r.Doc == "" {
			t.Errorf("%s has no doc", r.ID)
		}
	}
	for _, id := range []string{"taskdef/describe-only-field", "appspec/no-capacity-provider-strategy", "buildspec/ecr-get-login", "yaml/duplicate-key", "schema/required"} {
		if !ids[id] {
			t.Errorf("rules does not list %s", id)
		}
	}
}

func TestSchemaPrintsJSONSchema(t *testing.T) {
	for _, k := range kindNames() {
		code, out, _ := run(t, "", "schema", k)
		var v map[string]any
		if code != ExitOK || json.Unmarshal([]byte(out), &v) != nil || v["$schema"] == nil {
			t.Errorf("schema %s: exit %d, not a JSON Schema", k, code)
		}
	}
}

func TestValidateJSONKeepsAngleBrackets(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "taskdef.json")
	os.WriteFile(p, []byte(`{"family": "web", "containerDefinitions": [{"name": "web", "image": "<IMAGE_NAME>", "memory": 256}]}`), 0o644)
	_, out, _ := run(t, "", "validate", "-format", "json", p)
	if strings.Contains(out, `\u003c`) || !strings.Contains(out, "<IMAGE_NAME>") {
		t.Errorf("JSON output escapes HTML characters:\n%s", out)
	}
}
