package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bgspec/bgspec/revision"
)

const seedDir = "../../examples/nginx-springboot"

// seedRevision writes the seed revision (the nginx-springboot example's
// spec files and build contexts) into a temporary directory.
func seedRevision(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(filepath.Join(seedDir, "context"))); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"appspec.yaml", "buildspec.yml", "taskdef.json"} {
		b, err := os.ReadFile(filepath.Join(seedDir, "testdata", f))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, f), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func seedActionFile(t *testing.T, name string, edit func(string) string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(seedDir, "testdata", "codedeploy-action.json"))
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(edit(string(b))), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func same(s string) string { return s }

// TestValidateActionKind: an action configuration is told by its name or
// its content, and validated with positions.
func TestValidateActionKind(t *testing.T) {
	for _, name := range []string{"codedeploy-action.json", "deploy-config.json"} {
		if code, out, errOut := run(t, "", "validate", seedActionFile(t, name, same)); code != ExitOK {
			t.Errorf("%s: exit %d\n%s%s", name, code, out, errOut)
		}
	}
	bad := seedActionFile(t, "pipeline-deploy.json", func(s string) string {
		return strings.Replace(s, `"IMAGE2_NAME"`, `"<IMAGE2_NAME>"`, 1)
	})
	code, out, _ := run(t, "", "validate", "-format", "json", bad)
	ds := decodeJSON(t, out)
	if code != ExitFindings || len(ds) != 1 || ds[0].Rule != revision.RuleActionImage || ds[0].Path != "/Image2ContainerName" || ds[0].Line != 9 {
		t.Errorf("exit %d, %v", code, ds)
	}
}

// TestValidateWithAction: -action adds the action's own diagnostics and
// checks the revision against it, pointing into the action file.
func TestValidateWithAction(t *testing.T) {
	rev := seedRevision(t)
	if code, out, errOut := run(t, "", "validate", "-action", seedActionFile(t, "codedeploy-action.json", same), rev); code != ExitOK {
		t.Fatalf("seed: exit %d\n%s%s", code, out, errOut)
	}
	act := seedActionFile(t, "codedeploy-action.json", func(s string) string { return strings.Replace(s, "IMAGE2_NAME", "IMAGE3_NAME", 1) })
	code, out, _ := run(t, "", "validate", "-format", "json", "-action", act, rev)
	if code != ExitFindings {
		t.Fatalf("exit %d\n%s", code, out)
	}
	var inAction, inTaskdef bool
	for _, d := range decodeJSON(t, out) {
		if d.Rule != revision.RuleXPlaceholder {
			t.Errorf("unexpected %v", d)
		}
		inAction = inAction || d.File == act && d.Path == "/Image2ContainerName" && d.Line == 9
		inTaskdef = inTaskdef || filepath.Base(d.File) == "taskdef.json" && d.Line > 0
	}
	if !inAction || !inTaskdef {
		t.Errorf("want the mismatch on both sides:\n%s", out)
	}
	if code, _, _ := run(t, "", "validate", "-action", filepath.Join(t.TempDir(), "none.json"), rev); code != ExitUsage {
		t.Errorf("missing action file: exit %d, want 2", code)
	}
}

// TestPackUnknownFormat: pack refuses an unknown -format before packing,
// like validate, and writes nothing.
func TestPackUnknownFormat(t *testing.T) {
	rev := seedRevision(t)
	out := filepath.Join(t.TempDir(), "application.zip")
	if code, _, _ := run(t, "", "pack", "-format", "xml", "-o", out, rev); code != ExitUsage {
		t.Errorf("exit %d, want %d", code, ExitUsage)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("%s written: %v", out, err)
	}
}
