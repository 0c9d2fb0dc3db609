//go:build oracle

package oracle

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bgspec/bgspec/appspec"
	"github.com/bgspec/bgspec/revision"
	"github.com/bgspec/bgspec/taskdef"
)

// The talk's scenario (the seed): nginx in front of an app container, ECS on
// EC2 with awsvpc behind an ALB on :80, one capacity provider, and Lambda hooks
// that suspend and resume service auto scaling around the deployment.

func seedTaskdef() taskdef.TaskDefinition {
	nginx := taskdef.Container("nginx", taskdef.Image1Name)
	nginx.Essential = taskdef.Ptr(true)
	nginx.MemoryReservation = 128
	nginx.PortMappings = []taskdef.PortMapping{taskdef.Port(80)}
	nginx.DependsOn = []taskdef.ContainerDependency{taskdef.DependsOn("app", taskdef.ConditionStart)}
	nginx.LogConfiguration = taskdef.AwsLogs("/ecs/demo-web", "ap-northeast-1", "nginx")
	app := taskdef.Container("app", "<IMAGE2_NAME>")
	app.Essential = taskdef.Ptr(true)
	app.MemoryReservation = 256
	app.Environment = []taskdef.KeyValuePair{taskdef.Env("APP_ENV", "production")}
	app.Secrets = []taskdef.Secret{taskdef.SecretFromSSM("DB_PASSWORD", "arn:aws:ssm:ap-northeast-1:123456789012:parameter/demo/db-password")}
	app.LogConfiguration = taskdef.AwsLogs("/ecs/demo-web", "ap-northeast-1", "app")
	td := taskdef.AwsvpcTask("demo-web", nginx, app)
	td.RequiresCompatibilities = []taskdef.Compatibility{taskdef.CompatibilityEC2}
	td.Cpu, td.Memory = "512", "1024"
	td.ExecutionRoleArn = "arn:aws:iam::123456789012:role/ecsTaskExecutionRole"
	return td
}

func fargateTaskdef() taskdef.TaskDefinition {
	web := taskdef.Container("web", taskdef.Image1Name)
	web.PortMappings = []taskdef.PortMapping{taskdef.Port(8080)}
	web.HealthCheck = taskdef.HealthCheckShell("curl -f http://localhost:8080/health || exit 1")
	web.LogConfiguration = taskdef.AwsLogs("/ecs/demo-api", "us-east-1", "web")
	web.Secrets = []taskdef.Secret{taskdef.SecretFromSecretsManager("API_TOKEN", "arn:aws:secretsmanager:us-east-1:123456789012:secret:demo/api-token-AbCdEf")}
	td := taskdef.FargateTask("demo-api", "256", "512", web)
	td.ExecutionRoleArn = "arn:aws:iam::123456789012:role/ecsTaskExecutionRole"
	td.Tags = []taskdef.Tag{{Key: "project", Value: "demo"}}
	return td
}

// generatedTaskdefs are task definitions built with the taskdef builders and
// rendered with taskdef.Marshal; the judges check them and their mutations.
func generatedTaskdefs(t testing.TB) []input {
	t.Helper()
	var out []input
	for name, td := range map[string]taskdef.TaskDefinition{"builder-seed": seedTaskdef(), "builder-fargate": fargateTaskdef()} {
		b, err := taskdef.Marshal(&td)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		out = append(out, input{Name: "gen:" + name, Src: b, Origin: "gen"})
	}
	return out
}

func seedAppspec() *appspec.AppSpec {
	return appspec.ECS(appspec.ECSInput{
		Container:         "nginx",
		Port:              80,
		Subnets:           []string{"subnet-0a1b2c3d4e5f60718", "subnet-0f1e2d3c4b5a69788"},
		SecurityGroups:    []string{"sg-0123456789abcdef0"},
		CapacityProviders: []appspec.CapacityProviderStrategyItem{{Base: 1, CapacityProvider: "ecs-ec2-capacity-provider", Weight: 1}},
		Hooks: appspec.ECSHooks{
			BeforeInstall:         "CodeDeployHook_SuspendAutoScaling",
			AfterAllowTestTraffic: "CodeDeployHook_SmokeTestPort8000",
			AfterAllowTraffic:     "CodeDeployHook_ResumeAutoScaling",
		},
	})
}

// genRevision is the generated seed revision: the three spec files and
// application.zip packed from them (Zip2: the same tree with a changed
// buildspec, for a second S3 object version).
type genRevision struct {
	Dir                         string
	Taskdef, Appspec, Buildspec []byte
	Zip, Zip2                   []byte
}

func generatedRevision(t *testing.T) genRevision {
	t.Helper()
	var r genRevision
	var err error
	td := seedTaskdef()
	if r.Taskdef, err = taskdef.Marshal(&td); err != nil {
		t.Fatal(err)
	}
	if r.Appspec, err = appspec.Marshal(seedAppspec()); err != nil {
		t.Fatal(err)
	}
	if r.Buildspec, err = os.ReadFile(filepath.Join(repoRoot(t), "oracle", "testdata", "revision", "buildspec.yml")); err != nil {
		t.Fatal(err)
	}
	r.Dir = t.TempDir()
	write := func(name string, b []byte) {
		if err := os.WriteFile(filepath.Join(r.Dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("taskdef.json", r.Taskdef)
	write("appspec.yaml", r.Appspec)
	write("buildspec.yml", r.Buildspec)
	// the docker build contexts the buildspec names
	for _, d := range []string{"nginx", "app"} {
		if err := os.Mkdir(filepath.Join(r.Dir, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	write("nginx/Dockerfile", []byte("FROM public.ecr.aws/nginx/nginx:1.27\nCOPY default.conf /etc/nginx/conf.d/default.conf\n"))
	write("nginx/default.conf", []byte("server {\n  listen 80;\n  location / { proxy_pass http://127.0.0.1:8080; }\n}\n"))
	write("app/Dockerfile", []byte("FROM public.ecr.aws/docker/library/python:3.12-slim\nCOPY app.py /app.py\nCMD [\"python\", \"/app.py\"]\n"))
	write("app/app.py", []byte("print('hello')\n"))
	pack := func() []byte {
		out := filepath.Join(t.TempDir(), "application.zip")
		ds, err := revision.PackDir(r.Dir, out)
		if err != nil {
			t.Fatalf("revision.PackDir: %v\n%v", err, ds)
		}
		if ds.HasErrors() {
			t.Fatalf("revision.PackDir reported errors:\n%v", ds)
		}
		b, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	r.Zip = pack()
	write("buildspec.yml", append(append([]byte(nil), r.Buildspec...), "# second revision\n"...))
	r.Zip2 = pack()
	write("buildspec.yml", r.Buildspec)
	return r
}

// deployAppspec is what CodePipeline's CodeDeployToECS action sends as
// AppSpecContent: the appspec with <TASK_DEFINITION> replaced by the
// registered task definition's ARN. It must still validate.
func deployAppspec(t *testing.T, src []byte, arn string) []byte {
	t.Helper()
	a, ds := appspec.Parse("appspec.yaml", src)
	if ds.HasErrors() || a == nil || len(a.Resources) != 1 || a.Resources[0].ECS == nil {
		t.Fatalf("generated appspec does not parse as one ECS TargetService:\n%v", ds)
	}
	if a.Resources[0].ECS.TaskDefinition != appspec.TaskDefinitionPlaceholder {
		t.Fatalf("generated appspec TaskDefinition = %q, want the placeholder", a.Resources[0].ECS.TaskDefinition)
	}
	a.Resources[0].ECS.TaskDefinition = arn
	out, err := appspec.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	if ds := appspec.Validate("appspec.yaml", out); ds.HasErrors() {
		t.Fatalf("appspec with the registered ARN does not validate:\n%v", ds)
	}
	if !strings.Contains(string(out), arn) {
		t.Fatalf("rendered appspec lacks the ARN %s:\n%s", arn, out)
	}
	return out
}

// cleanDescribeOutput runs bgspec's clean (taskdef.Clean, what `bgspec clean`
// does) over describe-task-definition output and renders the result.
func cleanDescribeOutput(t *testing.T, raw []byte) []byte {
	t.Helper()
	td, dropped, ds := taskdef.Clean(raw)
	if td == nil || ds.HasErrors() {
		t.Fatalf("taskdef.Clean failed:\n%v", ds)
	}
	t.Logf("clean dropped %d members: %s", len(dropped), strings.Join(dropped, " "))
	b, err := taskdef.Marshal(td)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
