//go:build oracle

package oracle

import (
	"testing"

	"github.com/bgspec/bgspec/diag"
)

// TestMatch pins how an oracle finding is matched to bgspec's diagnostics,
// including the cases that must count as disagreements, so the judges cannot
// pass by matching too loosely.
func TestMatch(t *testing.T) {
	e := func(path, rule, msg string) diag.Diagnostic {
		return diag.Diagnostic{Path: path, Rule: rule, Severity: diag.Error, Message: msg}
	}
	w := func(path, rule, msg string) diag.Diagnostic {
		return diag.Diagnostic{Path: path, Rule: rule, Severity: diag.Warning, Message: msg}
	}
	tests := []struct {
		name     string
		ds       diag.List
		f        finding
		how      string
		ok, warn bool
	}{
		{"exact", diag.List{e("/cpu", "schema/type", "")}, finding{Pointer: "/cpu"}, "exact", true, false},
		{"other field", diag.List{e("/memory", "schema/type", "")}, finding{Pointer: "/cpu"}, "", false, false},
		{"spelling", diag.List{e("/Family", "schema/key-spelling", "")}, finding{Pointer: "/family"}, "spelling", true, false},
		{"case but not a spelling rule", diag.List{e("/Family", "schema/additionalProperties", "")}, finding{Pointer: "/family"}, "", false, false},
		{"child named by the oracle", diag.List{e("/cpu", "taskdef/fargate-size", "")}, finding{Pointer: "", Message: "Cpu '256' is not compatible with memory '4096'"}, "child", true, false},
		{"child not named", diag.List{e("/family", "x", "")}, finding{Pointer: "", Message: "Cpu '256' is not compatible"}, "", false, false},
		{"parent naming the member", diag.List{e("/containerDefinitions/0", "x", `"image" is required`)}, finding{Pointer: "/containerDefinitions/0/image"}, "parent", true, false},
		{"parent not naming it", diag.List{e("/containerDefinitions/0", "x", `"name" is required`)}, finding{Pointer: "/containerDefinitions/0/image"}, "", false, false},
		{"grandchild is not a child", diag.List{e("/a/b/c", "x", "")}, finding{Pointer: "/a", Message: "c"}, "", false, false},
		{"sibling list", diag.List{w("/ipcMode", "taskdef/null-value", "3 keys are null (ipcMode, pidMode, proxyConfiguration)")}, finding{Pointer: "/pidMode"}, "sibling", false, true},
		{"sibling substring only", diag.List{w("/ipcMode", "taskdef/null-value", "keys are null (pidModeX)")}, finding{Pointer: "/pidMode"}, "", false, false},
		{"warning only", diag.List{w("/cpu", "taskdef/placeholder", "")}, finding{Pointer: "/cpu"}, "exact", false, true},
		{"loose below", diag.List{e("/containerDefinitions/1/name", "taskdef/duplicate-name", "")}, finding{Pointer: "/containerDefinitions", Loose: true}, "below", true, false},
		{"not loose", diag.List{e("/containerDefinitions/1/name", "taskdef/duplicate-name", "")}, finding{Pointer: "/containerDefinitions"}, "", false, false},
		{"file level", diag.List{e("", "source/syntax", "")}, finding{Pointer: "", Any: true}, "file", true, false},
		{"file level needs an error", diag.List{w("", "x", "")}, finding{Pointer: "", Any: true}, "file", false, true},
		{"document rule", diag.List{e("/taskDefinition", "taskdef/describe-output", "")}, finding{Pointer: "/family"}, "document", true, false},
		{"nothing", nil, finding{Pointer: "/cpu"}, "", false, false},
	}
	for _, tt := range tests {
		how, ok, warn := match(tt.ds, tt.f)
		if how != tt.how || ok != tt.ok || warn != tt.warn {
			t.Errorf("%s: match = %q, %v, %v; want %q, %v, %v", tt.name, how, ok, warn, tt.how, tt.ok, tt.warn)
		}
	}
}

// TestTally: an unmatched finding is a disagreement unless listed; a policy
// finding with a warning is an agreement; a listed entry that does not occur is
// reported as stale (and fails the judge).
func TestTally(t *testing.T) {
	ty := &tally{Judge: "j", Hows: map[string]int{}, Policies: map[string]int{}, known: map[string]*known{
		knownKey("j", "listed.json", "E1", "/a"): {Judge: "j", File: "listed.json", Code: "E1", Pointer: "/a", Reason: "r"},
		knownKey("j", "*", "E2", "/b"):           {Judge: "j", File: "*", Code: "E2", Pointer: "/b", Reason: "r"},
	}}
	in := func(n string) input { return input{Name: n} }
	ty.judge(in("x.json"), nil, finding{Code: "E1", Pointer: "/a"})
	ty.judge(in("listed.json"), nil, finding{Code: "E1", Pointer: "/a"})
	ty.judge(in("any.json"), nil, finding{Code: "E2", Pointer: "/b"})
	ty.judge(in("p.json"), diag.List{{Path: "/n", Severity: diag.Warning}}, finding{Code: "t", Pointer: "/n", Policy: "p"})
	ty.judge(in("q.json"), diag.List{{Path: "/n", Severity: diag.Warning}}, finding{Code: "t", Pointer: "/n"})
	if ty.Disagree != 2 || ty.Known != 2 || ty.Agree != 1 || ty.Policies["p"] != 1 {
		t.Errorf("tally = disagree %d known %d agree %d policies %v; want 2 2 1 map[p:1]", ty.Disagree, ty.Known, ty.Agree, ty.Policies)
	}
}
