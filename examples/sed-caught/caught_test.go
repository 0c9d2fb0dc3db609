package sedcaught

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/bgspec/bgspec/internal/cli"
)

// finding is what the test pins: where, which rule, how severe — not the
// message wording, which the rule's package owns.
type finding struct {
	File      string
	Line, Col int
	Rule      string
	Severity  string
}

func (f finding) String() string {
	return fmt.Sprintf("%s:%d:%d %s %s", f.File, f.Line, f.Col, f.Severity, f.Rule)
}

var want = []finding{
	// Base images pulled anonymously from Docker Hub: toomanyrequests on CodeBuild.
	{"revision/app/Dockerfile", 1, 6, "revision/dockerhub-base-image", "warning"},
	{"revision/nginx/Dockerfile", 1, 6, "revision/dockerhub-base-image", "warning"},
	// CodeDeploy drops the service's capacity provider strategy.
	{"revision/appspec.yaml", 5, 7, "appspec/no-capacity-provider-strategy", "warning"},
	// Tokens for sed, not subnet and security-group ids.
	{"revision/appspec.yaml", 12, 23, "appspec/subnets", "error"},
	{"revision/appspec.yaml", 12, 37, "appspec/subnets", "error"},
	{"revision/appspec.yaml", 13, 30, "appspec/security-groups", "error"},
	// aws ecr get-login: gone in AWS CLI v2, password on a command line.
	{"revision/buildspec.yml", 14, 9, "buildspec/ecr-get-login", "error"},
	// sed on JSON and YAML.
	{"revision/buildspec.yml", 26, 9, "buildspec/sed-taskdef", "warning"},
	{"revision/buildspec.yml", 27, 9, "buildspec/sed-taskdef", "warning"},
	{"revision/buildspec.yml", 28, 9, "buildspec/sed-taskdef", "warning"},
	// Placeholders the CodeDeployToECS action does not replace.
	{"revision/taskdef.json", 8, 16, "taskdef/placeholder", "warning"},
	{"revision/taskdef.json", 21, 16, "taskdef/placeholder", "warning"},
	// Bridge-mode habits in an awsvpc task.
	{"revision/taskdef.json", 13, 7, "taskdef/links-awsvpc", "error"},
	{"revision/taskdef.json", 24, 46, "taskdef/host-port", "error"},
	// nginx waits for a health check the app does not have.
	{"revision/taskdef.json", 15, 48, "taskdef/depends-on-healthy", "error"},
	// A password in plain text (the message does not show it).
	{"revision/taskdef.json", 28, 58, "taskdef/plaintext-secret", "warning"},
}

func validate(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = cli.Main(append([]string{"validate"}, args...), strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

func TestCaught(t *testing.T) {
	code, out, stderr := validate(t, "-format", "json", "revision")
	if code != cli.ExitFindings {
		t.Errorf("exit %d, want %d (findings); stderr: %s", code, cli.ExitFindings, stderr)
	}
	var doc struct {
		Diagnostics []struct {
			File     string `json:"file"`
			Line     int    `json:"line"`
			Column   int    `json:"column"`
			Rule     string `json:"rule"`
			Severity string `json:"severity"`
			Message  string `json:"message"`
		} `json:"diagnostics"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("JSON output: %v\n%s", err, out)
	}
	var got []string
	for _, d := range doc.Diagnostics {
		got = append(got, finding{d.File, d.Line, d.Column, d.Rule, d.Severity}.String())
		if strings.Contains(d.Message, "tech-night-19") {
			t.Errorf("%s:%d: the message prints the secret value", d.File, d.Line)
		}
	}
	var exp []string
	for _, f := range want {
		exp = append(exp, f.String())
	}
	sort.Strings(got)
	sort.Strings(exp)
	if strings.Join(got, "\n") != strings.Join(exp, "\n") {
		t.Errorf("findings differ\ngot:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(exp, "\n  "))
	}
}

// The text form is the one README.md shows: file:line:col: severity: /path: message [rule].
func TestCaughtText(t *testing.T) {
	code, out, _ := validate(t, "revision")
	if code != cli.ExitFindings {
		t.Errorf("exit %d, want %d", code, cli.ExitFindings)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != len(want) {
		t.Errorf("%d lines, want %d:\n%s", len(lines), len(want), out)
	}
	for _, f := range want {
		prefix := fmt.Sprintf("%s:%d:%d: %s: ", f.File, f.Line, f.Col, f.Severity)
		suffix := "[" + f.Rule + "]"
		found := false
		for _, l := range lines {
			found = found || (strings.HasPrefix(l, prefix) && strings.HasSuffix(l, " "+suffix))
		}
		if !found {
			t.Errorf("no line %s… %s", prefix, suffix)
		}
	}
	// Warnings alone do not fail: with the error rules disabled the exit is 0.
	var errRules []string
	for _, f := range want {
		if f.Severity == "error" {
			errRules = append(errRules, f.Rule)
		}
	}
	if code, out, _ := validate(t, "-disable", strings.Join(errRules, ","), "revision"); code != cli.ExitOK {
		t.Errorf("with %v disabled: exit %d, want 0\n%s", errRules, code, out)
	}
}
