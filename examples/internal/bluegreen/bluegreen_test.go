package bluegreen

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/bgspec/bgspec/appspec"
	"github.com/bgspec/bgspec/buildspec"
	"github.com/bgspec/bgspec/revision"
	"github.com/bgspec/bgspec/taskdef"
)

func input(out string) Input {
	c := taskdef.Container("web", taskdef.Image1Name)
	c.PortMappings = []taskdef.PortMapping{taskdef.Port(80)}
	c.LogConfiguration = taskdef.AwsLogs("/ecs/web", "us-east-1", "web")
	td := taskdef.FargateTask("web", "256", "512", c)
	td.ExecutionRoleArn = "arn:aws:iam::123456789012:role/ecsTaskExecutionRole"
	rc := buildspec.Recipe{
		Region: "us-east-1", Account: "123456789012",
		Images: []buildspec.Image{{ContainerName: "web", Repository: "web", Context: "web",
			BaseImage: "public.ecr.aws/docker/library/nginx:1.27-alpine"}},
		Tag: buildspec.Tag{Source: buildspec.TagRevisionFile},
	}
	return Input{
		Out:     out,
		TaskDef: &td,
		AppSpec: appspec.ECS(appspec.ECSInput{Container: "web", Port: 80,
			Subnets: []string{"subnet-0123456789abcdef0"}, SecurityGroups: []string{"sg-0123456789abcdef0"},
			CapacityProviders: []appspec.CapacityProviderStrategyItem{{CapacityProvider: "FARGATE", Weight: 1}}}),
		Recipe: rc,
		Action: &revision.Action{ApplicationName: "app", DeploymentGroupName: "dg",
			TaskDefinitionTemplateArtifact: "BuildArtifact", AppSpecTemplateArtifact: "BuildArtifact",
			Images: []revision.Image{{ArtifactName: "Image1Artifact", ContainerName: "IMAGE1_NAME"}}},
		Context:  fstest.MapFS{"web/Dockerfile": {Data: []byte("ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\n")}},
		Revision: "42",
	}
}

func TestGenerate(t *testing.T) {
	r, err := Generate(input(t.TempDir()))
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Diagnostics) != 0 {
		t.Errorf("diagnostics:\n%v", r.Diagnostics)
	}
	if got := strings.Join(r.Entries, "\n"); !strings.Contains(got, " REVISION") || !strings.Contains(got, " web/Dockerfile") {
		t.Errorf("entries:\n%s", got)
	}
	if len(r.Files) != 5 || len(r.ZipSHA256) != 64 {
		t.Errorf("files %v, sha %q", r.Files, r.ZipSHA256)
	}
}

// Findings of the checks are reported, and errors refuse the pack.
func TestGenerateFindings(t *testing.T) {
	in := input(t.TempDir())
	in.AppSpec.Resources[0].ECS.LoadBalancerInfo.ContainerPort = 8080
	r, err := Generate(in)
	if err == nil || r != nil {
		t.Fatalf("a pack with a cross-file error: err %v, result %v", err, r)
	}
	if !strings.Contains(err.Error(), revision.RuleXContainerPort) {
		t.Errorf("error does not name %s: %v", revision.RuleXContainerPort, err)
	}

	in = input(t.TempDir())
	in.Context = fstest.MapFS{"web/Dockerfile": {Data: []byte("FROM nginx:1.27\n")}}
	r, err = Generate(in)
	if err != nil {
		t.Fatal(err)
	}
	// PackDir and Verify both find it; it is listed once.
	found := 0
	for _, d := range r.Diagnostics {
		if d.Rule == revision.RuleXDockerHub && d.Line == 1 {
			found++
		}
	}
	if found != 1 {
		t.Errorf("want %s on line 1 once, got:\n%v", revision.RuleXDockerHub, r.Diagnostics)
	}
}

func TestGenerateInputErrors(t *testing.T) {
	for name, mod := range map[string]func(*Input){
		"no out":         func(in *Input) { in.Out = "" },
		"no taskdef":     func(in *Input) { in.TaskDef = nil },
		"bad revision":   func(in *Input) { in.Revision = "1 2" },
		"bad recipe":     func(in *Input) { in.Recipe.Images = nil },
		"context clash":  func(in *Input) { in.Context = fstest.MapFS{"taskdef.json": {Data: []byte("{}")}} },
		"missing root":   func(in *Input) { in.ContextRoot = "nope" },
		"output is file": func(in *Input) { os.WriteFile(in.Out+"/x", nil, 0o644); in.Out += "/x" },
	} {
		t.Run(name, func(t *testing.T) {
			in := input(t.TempDir())
			mod(&in)
			if _, err := Generate(in); err == nil {
				t.Error("no error")
			}
		})
	}
}

func TestSyncTree(t *testing.T) {
	dir := t.TempDir()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.MkdirAll(filepath.Join(dir, "old", "deep"), 0o755))
	must(os.WriteFile(filepath.Join(dir, "old", "deep", "f"), []byte("x"), 0o644))
	must(os.WriteFile(filepath.Join(dir, "keep.txt"), []byte("old"), 0o644))
	must(SyncTree(dir, map[string][]byte{"keep.txt": []byte("new"), "a/b/c.txt": []byte("c")}))
	if _, err := os.Stat(filepath.Join(dir, "old")); !os.IsNotExist(err) {
		t.Errorf("stale folder left: %v", err)
	}
	for name, want := range map[string]string{"keep.txt": "new", "a/b/c.txt": "c"} {
		b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
		if err != nil || string(b) != want {
			t.Errorf("%s = %q, %v; want %q", name, b, err, want)
		}
	}
}
