package appspec_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/bgspec/bgspec/appspec"
	"github.com/bgspec/bgspec/diag"
	"github.com/bgspec/bgspec/internal/budget"
	"github.com/bgspec/bgspec/internal/golden"
	"go.yaml.in/yaml/v3"
)

func seedSource(t testing.TB) string {
	t.Helper()
	b, err := os.ReadFile(seedGolden)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// posOf returns the 1-based line and byte column of the n-th (1-based)
// occurrence of needle in src.
func posOf(t *testing.T, src, needle string, n int) (int, int) {
	t.Helper()
	off := -1
	for i := 0; i < n; i++ {
		j := strings.Index(src[off+1:], needle)
		if j < 0 {
			t.Fatalf("needle %q (#%d) not in source:\n%s", needle, n, src)
		}
		off += 1 + j
	}
	line := strings.Count(src[:off], "\n") + 1
	col := off - (strings.LastIndexByte(src[:off], '\n') + 1) + 1
	return line, col
}

func mustRead(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func replace(t *testing.T, src, old, new string) string {
	t.Helper()
	if !strings.Contains(src, old) {
		t.Fatalf("%q not in source", old)
	}
	return strings.Replace(src, old, new, 1)
}

// want is one expected diagnostic: rule and path, at the position of the
// n-th occurrence of needle (n 0 means 1); line 0 means file-level (1:1 or
// 0:0 as given by col).
type want struct {
	rule, path, needle string
	n                  int
}

type ruleCase struct {
	name  string
	file  string // default appspec.yaml
	src   string
	opts  []appspec.Option
	want  []want   // every one must be present (rule, path, line, column)
	quiet []string // rules that must not fire
}

func (c ruleCase) run(t *testing.T) {
	t.Helper()
	file := c.file
	if file == "" {
		file = "appspec.yaml"
	}
	l := appspec.Validate(file, []byte(c.src), c.opts...)
	for _, d := range l {
		if !d.Valid() {
			t.Errorf("invalid diagnostic %+v", d)
		}
	}
	for _, w := range c.want {
		line, col := 1, 1
		if w.needle != "" {
			n := w.n
			if n == 0 {
				n = 1
			}
			line, col = posOf(t, c.src, w.needle, n)
		}
		found := false
		for _, d := range l {
			if d.Rule == w.rule && d.Path == w.path {
				found = true
				if d.Line != line || d.Column != col {
					t.Errorf("%s at %s: position %d:%d, want %d:%d (%s)", w.rule, w.path, d.Line, d.Column, line, col, d.Message)
				}
			}
		}
		if !found {
			t.Errorf("missing %s at %q; got:\n%v", w.rule, w.path, l)
		}
	}
	for _, r := range c.quiet {
		for _, d := range l {
			if d.Rule == r {
				t.Errorf("%s fired on good input: %v", r, d)
			}
		}
	}
}

const (
	props = "/Resources/0/TargetService/Properties"
	lbi   = props + "/LoadBalancerInfo"
	awsvp = props + "/NetworkConfiguration/AwsvpcConfiguration"
	cps   = props + "/CapacityProviderStrategy"
)

const lambdaDoc = `version: 0.0
Resources:
  - myLambdaFunction:
      Type: AWS::Lambda::Function
      Properties:
        Name: myLambdaFunction
        Alias: live
        CurrentVersion: "1"
        TargetVersion: "2"
Hooks:
  - BeforeAllowTraffic: CodeDeployHook_pre
  - AfterAllowTraffic: CodeDeployHook_post
`

const ec2Doc = `version: 0.0
os: linux
files:
  - source: /
    destination: /opt/app
hooks:
  ApplicationStart:
    - location: scripts/start.sh
      timeout: 1800
    - location: scripts/warm.sh
      timeout: 1800
`

// TestRules has, for every rule, at least one case where it fires (rule,
// path, line and column asserted) and one where it stays quiet.
func TestRules(t *testing.T) {
	for _, c := range ruleCases(t) {
		t.Run(c.name, c.run)
	}
}

func ruleCases(t *testing.T) []ruleCase {
	seed := seedSource(t)
	r := func(old, new string) string { return replace(t, seed, old, new) }
	cases := []ruleCase{
		// appspec/version
		{name: "version 1", src: r("version: 0.0", "version: 1"), want: []want{{"appspec/version", "/version", "1\n", 1}}},
		{name: "version 1.0", src: r("version: 0.0", "version: 1.0"), want: []want{{"appspec/version", "/version", "1.0", 1}}},
		{name: "version missing", src: r("version: 0.0\n", ""), want: []want{{rule: "appspec/version", path: "/version"}}},
		{name: "version string 0.0 ok", src: r("version: 0.0", `version: "0.0"`), quiet: []string{"appspec/version", "schema/enum"}},
		{name: "version ok", src: seed, quiet: []string{"appspec/version"}},

		// appspec/resource-count
		{name: "two resources", src: r("Hooks:", "  - TargetService:\n      Type: AWS::ECS::Service\nHooks:"),
			want: []want{{"appspec/resource-count", "/Resources", "- TargetService", 1}}, quiet: []string{"schema/maxItems"}},
		{name: "Resources as a map", src: r("  - TargetService:", "  TargetService:"), want: []want{{"appspec/resource-count", "/Resources", "TargetService", 1}}, quiet: []string{"schema/type"}},
		{name: "empty resources", src: "version: 0.0\nResources: []\n", want: []want{{"appspec/resource-count", "/Resources", "[]", 1}}},
		{name: "one resource", src: seed, quiet: []string{"appspec/resource-count", "schema/maxItems"}},

		// appspec/target-service
		{name: "mis-indented TargetService", src: "version: 0.0\nResources:\n  - TargetService:\n    Type: AWS::ECS::Service\n    Properties:\n      TaskDefinition: <TASK_DEFINITION>\n",
			want:  []want{{"appspec/target-service", "/Resources/0/TargetService", "TargetService", 1}},
			quiet: []string{"schema/additionalProperties"}},
		{name: "TargetService ok", src: seed, quiet: []string{"appspec/target-service"}},

		// appspec/resource-type
		{name: "ECS type wrong", src: r("Type: AWS::ECS::Service", "Type: AWS::ECS::TaskSet"),
			want: []want{{"appspec/resource-type", "/Resources/0/TargetService/Type", "AWS::ECS::TaskSet", 1}}},
		{name: "Lambda type wrong", src: replace(t, lambdaDoc, "Type: AWS::Lambda::Function", "Type: AWS::Serverless::Function"),
			want: []want{{"appspec/resource-type", "/Resources/0/myLambdaFunction/Type", "AWS::Serverless::Function", 1}}},
		{name: "type ok", src: seed, quiet: []string{"appspec/resource-type"}},

		// appspec/task-definition
		{name: "family only", src: r("<TASK_DEFINITION>", "my-family"), want: []want{{"appspec/task-definition", props + "/TaskDefinition", "my-family", 1}}},
		{name: "family:revision", src: r("<TASK_DEFINITION>", "my-family:3"), want: []want{{"appspec/task-definition", props + "/TaskDefinition", "my-family:3", 1}}},
		{name: "wildcard", src: r("<TASK_DEFINITION>", `"arn:aws:ecs:us-east-1:111122223333:task-definition/web:*"`), want: []want{{"appspec/task-definition", props + "/TaskDefinition", `"arn`, 1}}},
		{name: "no revision", src: r("<TASK_DEFINITION>", "arn:aws:ecs:us-east-1:111122223333:task-definition/web"), want: []want{{"appspec/task-definition", props + "/TaskDefinition", "arn:", 1}}},
		{name: "other placeholder", src: r("<TASK_DEFINITION>", "<TASK_DEFINITION_ARN>"), want: []want{{"appspec/task-definition", props + "/TaskDefinition", "<TASK", 1}}},
		{name: "not a string", src: r("<TASK_DEFINITION>", "[a]"), want: []want{{"appspec/task-definition", props + "/TaskDefinition", "[a]", 1}}},
		{name: "ARN aws-us-gov ok", src: r("<TASK_DEFINITION>", "arn:aws-us-gov:ecs:us-gov-west-1:111122223333:task-definition/web:12"), quiet: []string{"appspec/task-definition", "schema/anyOf"}},
		{name: "ARN aws-cn ok", src: r("<TASK_DEFINITION>", "arn:aws-cn:ecs:cn-north-1:111122223333:task-definition/web_app-2:1"), quiet: []string{"appspec/task-definition"}},
		{name: "placeholder ok", src: seed, quiet: []string{"appspec/task-definition", "appspec/task-definition-placeholder"}},

		// appspec/task-definition-placeholder (ForPipeline)
		{name: "pipeline fixed ARN", src: r("<TASK_DEFINITION>", "arn:aws:ecs:us-east-1:111122223333:task-definition/web:1"), opts: []appspec.Option{appspec.ForPipeline()},
			want: []want{{"appspec/task-definition-placeholder", props + "/TaskDefinition", "arn:", 1}}},
		{name: "pipeline placeholder ok", src: seed, opts: []appspec.Option{appspec.ForPipeline()}, quiet: []string{"appspec/task-definition-placeholder"}},
		{name: "fixed ARN without pipeline ok", src: r("<TASK_DEFINITION>", "arn:aws:ecs:us-east-1:111122223333:task-definition/web:1"), quiet: []string{"appspec/task-definition-placeholder"}},

		// appspec/load-balancer-info
		{name: "LoadBalancerInfo list", src: r("          ContainerName: nginx\n          ContainerPort: 80", "          - ContainerName: nginx\n            ContainerPort: 80"),
			want: []want{{"appspec/load-balancer-info", lbi, "- ContainerName", 1}}, quiet: []string{"schema/type"}},
		{name: "LoadBalancerInfo scalar", src: r("LoadBalancerInfo:\n          ContainerName: nginx\n          ContainerPort: 80", "LoadBalancerInfo: nginx:80"),
			want: []want{{"appspec/load-balancer-info", lbi, "nginx:80", 1}}},
		{name: "LoadBalancerInfo ok", src: seed, quiet: []string{"appspec/load-balancer-info"}},

		// appspec/container-name
		{name: "ContainerName empty", src: r("ContainerName: nginx", `ContainerName: ""`), want: []want{{"appspec/container-name", lbi + "/ContainerName", `""`, 1}}},
		{name: "ContainerName null", src: r("ContainerName: nginx", `ContainerName:`), want: []want{{"appspec/container-name", lbi + "/ContainerName", "ContainerName", 1}}},
		{name: "ContainerName missing", src: r("          ContainerName: nginx\n", ""), want: []want{{"schema/required", lbi + "/ContainerName", "LoadBalancerInfo", 1}}},
		{name: "ContainerName ok", src: seed, quiet: []string{"appspec/container-name"}},

		// appspec/container-port
		{name: `ContainerPort "80"`, src: r("ContainerPort: 80", `ContainerPort: "80"`), want: []want{{"appspec/container-port", lbi + "/ContainerPort", `"80"`, 1}}, quiet: []string{"schema/type"}},
		{name: "ContainerPort 0", src: r("ContainerPort: 80", `ContainerPort: 0`), want: []want{{"appspec/container-port", lbi + "/ContainerPort", "0\n", 2}}},
		{name: "ContainerPort 65536", src: r("ContainerPort: 80", `ContainerPort: 65536`), want: []want{{"appspec/container-port", lbi + "/ContainerPort", "65536", 1}}},
		{name: "ContainerPort 80.5", src: r("ContainerPort: 80", `ContainerPort: 80.5`), want: []want{{"appspec/container-port", lbi + "/ContainerPort", "80.5", 1}}},
		{name: "ContainerPort placeholder", src: r("ContainerPort: 80", `ContainerPort: <SERVICE_PORT>`), want: []want{{"appspec/container-port", lbi + "/ContainerPort", "<SERVICE_PORT>", 1}}},
		{name: "ContainerPort 65535 ok", src: r("ContainerPort: 80", `ContainerPort: 65535`), quiet: []string{"appspec/container-port"}},

		// appspec/awsvpc-configuration
		{name: "awsvpc without AssignPublicIp", src: r("            AssignPublicIp: DISABLED\n", ""),
			want: []want{{"appspec/awsvpc-configuration", awsvp + "/AssignPublicIp", "AwsvpcConfiguration", 1}}, quiet: []string{"schema/required"}},
		{name: "awsvpc ok", src: seed, quiet: []string{"appspec/awsvpc-configuration"}},

		// appspec/subnets
		{name: "subnet bad id", src: r("subnet-0f1e2d3c4b5a69788", "subnet-XYZ"), want: []want{{"appspec/subnets", awsvp + "/Subnets/1", "subnet-XYZ", 1}}, quiet: []string{"schema/pattern"}},
		{name: "subnets empty", src: r("Subnets:\n              - subnet-0a1b2c3d4e5f60718\n              - subnet-0f1e2d3c4b5a69788", "Subnets: []"), want: []want{{"appspec/subnets", awsvp + "/Subnets", "[]", 1}}},
		{name: "17 subnets", src: r("Subnets:\n              - subnet-0a1b2c3d4e5f60718\n              - subnet-0f1e2d3c4b5a69788", "Subnets: ["+strings.Repeat("subnet-12345678, ", 16)+"subnet-12345678]"),
			want: []want{{"appspec/subnets", awsvp + "/Subnets", "[subnet", 1}}},
		{name: "subnets ok", src: seed, quiet: []string{"appspec/subnets"}},

		// appspec/security-groups
		{name: "bad security group", src: r("sg-0123456789abcdef0", "sg-0a1b2c3d4e5f6g7h8"), want: []want{{"appspec/security-groups", awsvp + "/SecurityGroups/0", "sg-0a1b", 1}}, quiet: []string{"schema/pattern"}},
		{name: "six security groups", src: r("SecurityGroups:\n              - sg-0123456789abcdef0", "SecurityGroups: [sg-12345678, sg-12345678, sg-12345678, sg-12345678, sg-12345678, sg-12345678]"),
			want: []want{{"appspec/security-groups", awsvp + "/SecurityGroups", "[sg-", 1}}},
		{name: "security groups 8-hex ok", src: r("sg-0123456789abcdef0", "sg-12345678"), quiet: []string{"appspec/security-groups"}},

		// appspec/assign-public-ip
		{name: "AssignPublicIp lower", src: r("AssignPublicIp: DISABLED", "AssignPublicIp: disabled"), want: []want{{"appspec/assign-public-ip", awsvp + "/AssignPublicIp", "disabled", 1}}, quiet: []string{"schema/enum"}},
		{name: "AssignPublicIp ENABLED ok", src: r("AssignPublicIp: DISABLED", "AssignPublicIp: ENABLED"), quiet: []string{"appspec/assign-public-ip"}},

		// appspec/capacity-provider-strategy
		{name: "capacity provider empty name", src: r("CapacityProvider: ecs-ec2-capacity-provider", `CapacityProvider: ""`), want: []want{{"appspec/capacity-provider-strategy", cps + "/0/CapacityProvider", `""`, 1}}},
		{name: "base too big", src: r("Base: 1", "Base: 100001"), want: []want{{"appspec/capacity-provider-strategy", cps + "/0/Base", "100001", 1}}},
		{name: "weight too big", src: r("Weight: 1", "Weight: 1001"), want: []want{{"appspec/capacity-provider-strategy", cps + "/0/Weight", "1001", 1}}},
		{name: "weight string", src: r("Weight: 1", `Weight: "1"`), want: []want{{"appspec/capacity-provider-strategy", cps + "/0/Weight", `"1"`, 1}}},
		{name: "two bases", src: r("            Weight: 1\n", "            Weight: 1\n          - Base: 2\n            CapacityProvider: spot\n"),
			want: []want{{"appspec/capacity-provider-strategy", cps + "/1/Base", "2\n", 1}}},
		{name: "no weight", src: r("            Weight: 1\n", ""), want: []want{{"appspec/capacity-provider-strategy", cps, "CapacityProviderStrategy", 1}}},
		{name: "strategy ok", src: seed, quiet: []string{"appspec/capacity-provider-strategy"}},
		{name: "second base 0 ok", src: r("            Weight: 1\n", "            Weight: 1\n          - Base: 0\n            CapacityProvider: spot\n            Weight: 3\n"), quiet: []string{"appspec/capacity-provider-strategy"}},

		// appspec/no-capacity-provider-strategy
		{name: "no strategy", src: r("        CapacityProviderStrategy:\n          - Base: 1\n            CapacityProvider: ecs-ec2-capacity-provider\n            Weight: 1\n", ""),
			want: []want{{"appspec/no-capacity-provider-strategy", props, "Properties", 1}}},
		{name: "no strategy disabled", src: r("        CapacityProviderStrategy:\n          - Base: 1\n            CapacityProvider: ecs-ec2-capacity-provider\n            Weight: 1\n", ""),
			opts: []appspec.Option{appspec.Disable("appspec/no-capacity-provider-strategy")}, quiet: []string{"appspec/no-capacity-provider-strategy"}},
		{name: "strategy present", src: seed, quiet: []string{"appspec/no-capacity-provider-strategy"}},

		// appspec/hook-name
		{name: "EC2 hook on ECS", src: r("  - AfterAllowTraffic:", "  - ApplicationStart:"), want: []want{{"appspec/hook-name", "/Hooks/2/ApplicationStart", "ApplicationStart", 1}}, quiet: []string{"schema/additionalProperties"}},
		{name: "ECS hook on Lambda", src: replace(t, lambdaDoc, "  - BeforeAllowTraffic:", "  - BeforeInstall:"), want: []want{{"appspec/hook-name", "/Hooks/0/BeforeInstall", "BeforeInstall", 1}}},
		{name: "unknown EC2 hook", src: replace(t, ec2Doc, "ApplicationStart:", "Install:"), want: []want{{"appspec/hook-name", "/hooks/Install", "Install", 1}}},
		{name: "hooks ok", src: seed, quiet: []string{"appspec/hook-name"}},
		{name: "wrong-case hook is key-spelling", src: r("  - BeforeInstall:", "  - beforeInstall:"), want: []want{{"schema/key-spelling", "/Hooks/0/beforeInstall", "beforeInstall", 1}}, quiet: []string{"appspec/hook-name"}},

		// appspec/hook-duplicate
		{name: "hook twice", src: seed + "  - BeforeInstall: other\n", want: []want{{"appspec/hook-duplicate", "/Hooks/3/BeforeInstall", "BeforeInstall", 2}}},
		{name: "no hook twice", src: seed, quiet: []string{"appspec/hook-duplicate"}},

		// appspec/hook-function
		{name: "hook bad function", src: r("CodeDeployHook_SuspendAutoScaling", "Suspend Auto Scaling"), want: []want{{"appspec/hook-function", "/Hooks/0/BeforeInstall", "Suspend", 1}}},
		{name: "hook empty", src: r("CodeDeployHook_SuspendAutoScaling", `""`), want: []want{{"appspec/hook-function", "/Hooks/0/BeforeInstall", `""`, 1}}},
		{name: "hook script list", src: r(" CodeDeployHook_SuspendAutoScaling", "\n      - location: s.sh"), want: []want{{"appspec/hook-function", "/Hooks/0/BeforeInstall", "- location", 1}}, quiet: []string{"schema/type"}},
		{name: "hook ARN other partition ok", src: r("CodeDeployHook_SuspendAutoScaling", "arn:aws-cn:lambda:cn-north-1:111122223333:function:CodeDeployHook_x:live"), quiet: []string{"appspec/hook-function"}},
		{name: "hook name:version ok", src: r("CodeDeployHook_SuspendAutoScaling", "CodeDeployHook_x:$LATEST"), quiet: []string{"appspec/hook-function"}},

		// appspec/lambda-properties
		{name: "lambda bad version", src: replace(t, lambdaDoc, `TargetVersion: "2"`, `TargetVersion: "v2"`), want: []want{{"appspec/lambda-properties", "/Resources/0/myLambdaFunction/Properties/TargetVersion", `"v2"`, 1}}},
		{name: "lambda missing alias", src: replace(t, lambdaDoc, "        Alias: live\n", ""), want: []want{{"appspec/lambda-properties", "/Resources/0/myLambdaFunction/Properties/Alias", "Properties", 1}}},
		{name: "lambda bad name", src: replace(t, lambdaDoc, "Name: myLambdaFunction", "Name: my function"), want: []want{{"appspec/lambda-properties", "/Resources/0/myLambdaFunction/Properties/Name", "my function", 1}}},
		{name: "lambda numeric alias", src: replace(t, lambdaDoc, "Alias: live", "Alias: 12"), want: []want{{"appspec/lambda-properties", "/Resources/0/myLambdaFunction/Properties/Alias", "12", 1}}},
		{name: "lambda ok", src: lambdaDoc, quiet: []string{"appspec/lambda-properties", "appspec/lambda-version-order"}},

		// appspec/lambda-version-order
		{name: "lambda versions swapped", src: replace(t, replace(t, lambdaDoc, `CurrentVersion: "1"`, `CurrentVersion: "3"`), `TargetVersion: "2"`, `TargetVersion: 2`),
			want: []want{{"appspec/lambda-version-order", "/Resources/0/myLambdaFunction/Properties/TargetVersion", "2\n", 1}}},

		// appspec/hook-timeout
		{name: "EC2 timeouts over 3600", src: replace(t, ec2Doc, "timeout: 1800\n    - location: scripts/warm.sh", "timeout: 1801\n    - location: scripts/warm.sh"),
			want: []want{{"appspec/hook-timeout", "/hooks/ApplicationStart", "ApplicationStart", 1}}},
		{name: "EC2 timeouts 3600 ok", src: ec2Doc, quiet: []string{"appspec/hook-timeout"}},

		// appspec/files-overwrite
		{name: "files overwrite", src: replace(t, ec2Doc, "    destination: /opt/app\n", "    destination: /opt/app\n    overwrite: yes\n"),
			want: []want{{"appspec/files-overwrite", "/files/0/overwrite", "overwrite", 1}}, quiet: []string{"schema/additionalProperties"}},
		{name: "files without overwrite", src: ec2Doc, quiet: []string{"appspec/files-overwrite"}},

		// appspec/create-deployment-input
		{name: "create-deployment input", src: "applicationName: app\nrevision:\n  revisionType: AppSpecContent\n  appSpecContent:\n    content: |\n      version: 1\n",
			want: []want{{"appspec/create-deployment-input", "/revision", "revision", 1}, {"appspec/version", "/revision/appSpecContent/content/version", "1\n", 1}}},
		{name: "create-deployment input, empty key in the content", src: "applicationName: app\nrevision:\n  appSpecContent:\n    content: |\n      version: 0.0\n      \"\": x\n",
			want: []want{{"schema/additionalProperties", "/revision/appSpecContent/content/", `"": x`, 1}}},
		{name: "AppSpec is not create-deployment input", src: seed, quiet: []string{"appspec/create-deployment-input"}},

		// schema/key-spelling and schema/additionalProperties
		{name: "resources lower case on ECS", src: r("Resources:", "resources:"), want: []want{{"schema/key-spelling", "/resources", "resources", 1}}, quiet: []string{"schema/required"}},
		{name: "awsvpcConfiguration", src: r("AwsvpcConfiguration:", "awsvpcConfiguration:"), want: []want{{"schema/key-spelling", props + "/NetworkConfiguration/awsvpcConfiguration", "awsvpcConfiguration", 1}}},
		{name: "unknown key", src: seed + "Foo: bar\n", want: []want{{"schema/additionalProperties", "/Foo", "Foo", 1}}},
		{name: "Lambda lower-case keys ok", src: strings.NewReplacer("Resources:", "resources:", "Type:", "type:", "Properties:", "properties:", "Name:", "name:", "Alias:", "alias:", "CurrentVersion:", "currentversion:", "TargetVersion:", "targetversion:").Replace(lambdaDoc),
			quiet: []string{"schema/key-spelling", "schema/additionalProperties", "appspec/lambda-properties"}},

		// reader rules through Validate
		{name: "duplicate key", src: r("          ContainerPort: 80\n", "          ContainerPort: 80\n          ContainerPort: 81\n"), want: []want{{"yaml/duplicate-key", lbi + "/ContainerPort", "ContainerPort", 2}}},
		{name: "tab", src: r("          ContainerPort: 80", "\tContainerPort: 80"), want: []want{{"yaml/tab", "", "\t", 1}}},
		{name: "JSON ContainerPort string", file: "appspec.json", src: strings.Replace(mustRead(t, "testdata/ok/ecs-aws-docs.json"), `"ContainerPort": 80`, `"ContainerPort": "80"`, 1),
			want: []want{{"appspec/container-port", lbi + "/ContainerPort", `"80"`, 1}}},
		{name: "JSON hook twice", file: "appspec.json", src: strings.Replace(mustRead(t, "testdata/ok/ecs-aws-docs.json"), `"AfterInstall"`, `"BeforeInstall"`, 1),
			want: []want{{"appspec/hook-duplicate", "/Hooks/1/BeforeInstall", `"BeforeInstall"`, 2}}},
		{name: "JSON trailing comma", file: "appspec.json", src: `{"version": 0.0, "Resources": [],}`, want: []want{{"json/trailing-comma", "", ",}", 1}}},
	}
	return cases
}

// TestEveryRuleTested keeps TestRules complete: every rule this package
// registers appears in a firing case.
func TestEveryRuleTested(t *testing.T) {
	src, err := os.ReadFile("appspec_test.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range appspec.Rules() {
		if id == "appspec/render" {
			continue // tested by TestRenderError
		}
		if !bytes.Contains(src, []byte(`{"`+id+`", `)) {
			t.Errorf("rule %s has no firing case in TestRules", id)
		}
		info, ok := diag.LookupRule(id)
		if !ok || info.Doc == "" {
			t.Errorf("rule %s is not registered with a doc", id)
		}
	}
	fires, quiet := map[string]bool{}, map[string]bool{}
	for _, c := range ruleCases(t) {
		for _, w := range c.want {
			fires[w.rule] = true
		}
		for _, r := range c.quiet {
			quiet[r] = true
		}
	}
	for _, id := range appspec.Rules() {
		if id == "appspec/render" {
			continue // tested by TestRenderError
		}
		if !fires[id] {
			t.Errorf("rule %s has no firing case in TestRules", id)
		}
		if !quiet[id] {
			t.Errorf("rule %s has no quiet case in TestRules", id)
		}
	}
}

func TestRenderError(t *testing.T) {
	var a *appspec.AppSpec
	l := a.Validate()
	if len(l) != 1 || l[0].Rule != "appspec/render" || l[0].Severity != diag.Error {
		t.Errorf("nil AppSpec: %v", l)
	} else if d := l[0]; d.File != "appspec.yaml" || d.Path != "" || d.Line != 0 || d.Column != 0 {
		t.Errorf("appspec/render: want appspec.yaml, path \"\", no position; got %+v", d)
	}
	for _, d := range appspec.ECS(seedInput).Validate() {
		if d.Rule == "appspec/render" {
			t.Errorf("appspec/render fired on a renderable AppSpec: %v", d)
		}
	}
	if _, err := appspec.Marshal(nil); err == nil {
		t.Error("Marshal(nil) succeeded")
	}
}

// TestOK: the AWS documentation examples and the seed validate clean.
func TestOK(t *testing.T) {
	files, _ := filepath.Glob("testdata/ok/*")
	files = append(files, seedGolden)
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if l := appspec.Validate(filepath.Base(f), src); len(l) != 0 {
			t.Errorf("%s:\n%v", f, l)
		}
	}
}

func TestDetect(t *testing.T) {
	for _, c := range []struct {
		file string
		want appspec.ComputePlatform
	}{
		{"testdata/ok/ecs-aws-docs.yaml", appspec.ComputeECS},
		{"testdata/ok/ecs-aws-docs.json", appspec.ComputeECS},
		{"testdata/ok/lambda-aws-docs.yaml", appspec.ComputeLambda},
		{"testdata/ok/lambda-resources-page-lowercase.yaml", appspec.ComputeLambda},
		{"testdata/ok/ec2-aws-docs.yml", appspec.ComputeServer},
		{"testdata/ok/ec2-windows-aws-docs.yml", appspec.ComputeServer},
	} {
		src, err := os.ReadFile(c.file)
		if err != nil {
			t.Fatal(err)
		}
		a, _ := appspec.Parse(c.file, src)
		if a.Platform != c.want {
			t.Errorf("%s: platform %s, want %s", c.file, a.Platform, c.want)
		}
	}
}

// TestForcePlatform: Platform(p) overrides detection.
func TestForcePlatform(t *testing.T) {
	src := []byte(lambdaDoc)
	l := appspec.Validate("appspec.yaml", src, appspec.Platform(appspec.ComputeECS))
	var rules []string
	for _, d := range l {
		rules = append(rules, d.Rule)
	}
	got := strings.Join(rules, " ")
	if !strings.Contains(got, "schema/") {
		t.Errorf("a Lambda AppSpec forced to ECS should fail the ECS schema; got %v", l)
	}
	if l := appspec.Validate("appspec.yaml", src, appspec.Platform(appspec.ComputeLambda)); len(l) != 0 {
		t.Errorf("forced Lambda: %v", l)
	}
	if a, _ := appspec.Parse("appspec.yaml", src, appspec.Platform(appspec.ComputeECS)); a.Platform != appspec.ComputeECS {
		t.Errorf("Parse ignored Platform: %s", a.Platform)
	}
	if a, _ := appspec.Parse("appspec.yaml", []byte(ec2Doc), appspec.Platform("EC2/On-Premises")); a.Platform != appspec.ComputeServer {
		t.Errorf("Platform(EC2/On-Premises) gave %s", a.Platform)
	}
	if a, _ := appspec.Parse("appspec.yaml", src, appspec.Platform(appspec.ComputeLambda), appspec.Platform("")); a.Platform != appspec.ComputeLambda {
		t.Errorf("Platform(\"\") did not restore detection: %s", a.Platform)
	}
}

// TestVersionLiteral: a plain go-yaml round trip turns version: 0.0 into
// 0; Marshal keeps 0.0.
func TestVersionLiteral(t *testing.T) {
	var m map[string]any
	if err := yaml.Unmarshal([]byte("version: 0.0\n"), &m); err != nil {
		t.Fatal(err)
	}
	plain, err := yaml.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	if string(plain) != "version: 0\n" {
		t.Fatalf("go-yaml round trip gave %q; the premise of this test changed", plain)
	}
	out, err := appspec.Marshal(&appspec.AppSpec{Version: appspec.Version})
	if err != nil {
		t.Fatal(err)
	}
	if string(out) != "version: 0.0\n" {
		t.Errorf("Marshal: %q, want %q", out, "version: 0.0\n")
	}
	a, _ := appspec.Parse("appspec.yaml", []byte("version: 0.0\n"))
	if a.Version != "0.0" {
		t.Errorf("Parse kept %q", a.Version)
	}
	j, _ := appspec.MarshalJSONForm(&appspec.AppSpec{Version: appspec.Version})
	if string(j) != "{\n  \"version\": 0.0\n}\n" {
		t.Errorf("MarshalJSONForm: %q", j)
	}
}

// TestRenderRoundTrip: the AWS examples parse and render back to a value
// that parses to the same rendering, and quoting happens only where YAML
// needs it.
func TestRenderRoundTrip(t *testing.T) {
	files, _ := filepath.Glob("testdata/ok/*")
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		a, _ := appspec.Parse(filepath.Base(f), src)
		out, err := appspec.Marshal(a)
		if err != nil {
			t.Fatal(err)
		}
		name := strings.TrimSuffix(filepath.Base(f), filepath.Ext(f))
		golden.Check(t, "testdata/render/TestRenderRoundTrip/"+name+".yaml", out)
		if l := appspec.Validate("appspec.yaml", out); len(l) != 0 {
			t.Errorf("%s rendered is not clean: %v", f, l)
		}
		if a.Platform != appspec.ComputeServer {
			j, err := appspec.MarshalJSONForm(a)
			if err != nil {
				t.Fatal(err)
			}
			golden.Check(t, "testdata/render/TestRenderRoundTrip/"+name+".json", j)
			if l := appspec.Validate("appspec.json", j); len(l) != 0 {
				t.Errorf("%s rendered as JSON is not clean: %v", f, l)
			}
		}
	}
}

func TestQuoting(t *testing.T) {
	a := appspec.ECS(appspec.ECSInput{Container: "80", Port: 80, CapacityProviders: []appspec.CapacityProviderStrategyItem{{CapacityProvider: "true", Weight: 1}}})
	out, err := appspec.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{`ContainerName: "80"`, `CapacityProvider: "true"`, "TaskDefinition: <TASK_DEFINITION>\n", "Type: AWS::ECS::Service\n"} {
		if !strings.Contains(string(out), s) {
			t.Errorf("rendering lacks %q:\n%s", s, out)
		}
	}
	b, _ := appspec.Parse("appspec.yaml", out)
	if b.Resources[0].ECS.LoadBalancerInfo.ContainerName != "80" {
		t.Errorf("quoted string did not survive: %+v", b.Resources[0].ECS.LoadBalancerInfo)
	}
}

func TestHooksLifecycleOrder(t *testing.T) {
	a := &appspec.AppSpec{Version: "0.0", Hooks: []appspec.Hook{
		{Event: appspec.HookAfterAllowTraffic, Function: "c"},
		{Event: appspec.HookBeforeInstall, Function: "a"},
		{Event: appspec.HookAfterAllowTestTraffic, Function: "b"},
	}}
	out, err := appspec.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	want := "version: 0.0\nHooks:\n  - BeforeInstall: a\n  - AfterAllowTestTraffic: b\n  - AfterAllowTraffic: c\n"
	if string(out) != want {
		t.Errorf("got\n%s\nwant\n%s", out, want)
	}
	if a.Hooks[0].Event != appspec.HookAfterAllowTraffic {
		t.Error("Marshal reordered the caller's slice")
	}
}

func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	a := appspec.ECS(seedInput)
	for _, name := range []string{"appspec.yaml", "appspec.json"} {
		p := filepath.Join(dir, name)
		if err := appspec.WriteFile(p, a); err != nil {
			t.Fatal(err)
		}
		got, _ := os.ReadFile(p)
		golden.Check(t, "testdata/render/TestSeed/"+name, got)
		st, _ := os.Stat(p)
		time.Sleep(10 * time.Millisecond)
		if err := appspec.WriteFile(p, a); err != nil {
			t.Fatal(err)
		}
		st2, _ := os.Stat(p)
		if !st.ModTime().Equal(st2.ModTime()) {
			t.Errorf("%s rewritten although unchanged", name)
		}
	}
}

func TestSchema(t *testing.T) {
	if err := appspec.SchemaCheck(); err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(appspec.Schema(), []byte(`"$defs"`)) {
		t.Error("Schema() is not the embedded schema")
	}
}

// TestAliasBomb: a billion-laughs document fails fast and small.
func TestAliasBomb(t *testing.T) {
	var b strings.Builder
	b.WriteString("version: 0.0\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n")
	for i := 1; i < 10; i++ {
		b.WriteString("a" + string(rune('0'+i)) + ": &a" + string(rune('0'+i)) + " [")
		for j := 0; j < 10; j++ {
			if j > 0 {
				b.WriteString(", ")
			}
			b.WriteString("*a" + string(rune('0'+i-1)))
		}
		b.WriteString("]\n")
	}
	src := []byte(b.String())
	var l diag.List
	cost := budget.Measure(func() { l = appspec.Validate("appspec.yaml", src) })
	found := false
	for _, d := range l {
		if d.Rule == "yaml/alias-budget" && d.Line > 0 {
			found = true
		}
	}
	if !found {
		t.Errorf("no positioned yaml/alias-budget diagnostic: %v", l)
	}
	cost.Check(t, time.Second, 100<<20)
	allocs := testing.AllocsPerRun(3, func() { appspec.Validate("appspec.yaml", src) })
	t.Logf("alias bomb (%d bytes): %v CPU, %d bytes allocated, %.0f allocs/run", len(src), cost.CPU, cost.Alloc, allocs)
}

// TestNeverPanics feeds hostile shapes through every entry point.
func TestNeverPanics(t *testing.T) {
	for _, src := range []string{"", "~", "[]", "42", `"x"`, "version: 0.0\nResources: {TargetService: {}}\n",
		"version: 0.0\nResources: [1, [], null, {a: 1, b: 2}]\nHooks: [1, {}, {a: 1, b: 2}, null]\n",
		"version: 0.0\nos: linux\nhooks: {ApplicationStart: [1, null, {timeout: x}]}\npermissions: [1, {context: 1}]\nfiles: [1]\n",
		"version: 0.0\nResources:\n  - TargetService:\n      Properties: {LoadBalancerInfo: {ContainerPort: 99999999999999999999999}, CapacityProviderStrategy: [1, {Base: x, Weight: 1e400}], NetworkConfiguration: {AwsvpcConfiguration: {Subnets: 1, SecurityGroups: [1]}}}\n",
		"revision: {appSpecContent: {content: 1}}", "revision: {appSpecContent: {content: |\n  revision: {appSpecContent: {content: x}}\n}}",
		"\xff\xfe\x00", "{\"version\": 0.0,}"} {
		for _, name := range []string{"appspec.yaml", "appspec.json", "appspec"} {
			a, l := appspec.Parse(name, []byte(src))
			if a == nil {
				t.Fatalf("Parse(%q) returned nil", src)
			}
			for _, d := range l {
				if !d.Valid() {
					t.Errorf("%q: invalid diagnostic %+v", src, d)
				}
			}
			if _, err := appspec.Marshal(a); err != nil {
				t.Errorf("%q: Marshal: %v", src, err)
			}
			if _, err := appspec.MarshalJSONForm(a); err != nil {
				t.Errorf("%q: MarshalJSONForm: %v", src, err)
			}
		}
	}
}
