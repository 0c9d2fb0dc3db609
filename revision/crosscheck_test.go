package revision

import (
	"slices"
	"strings"
	"testing"

	"github.com/bgspec/bgspec/diag"
	"github.com/bgspec/bgspec/internal/source"
)

// seedFiles is the seed tree as in-memory Files.
func seedFiles() Files {
	f := Files{}
	for k, v := range seedTree() {
		f[k] = []byte(v)
	}
	return f
}

func TestCheckSeedQuiet(t *testing.T) {
	if l := Check(seedFiles()); len(l) != 0 {
		t.Fatalf("seed revision should be clean:\n%v", l)
	}
	if l := Check(seedFiles(), WithAction(&Action{ApplicationName: "a", DeploymentGroupName: "g",
		TaskDefinitionTemplateArtifact: "BuildArtifact", AppSpecTemplateArtifact: "BuildArtifact",
		Images: []Image{{ArtifactName: "ImageWeb", ContainerName: "IMAGE1_NAME"}}})); len(l) != 0 {
		t.Fatalf("seed revision with its action should be clean:\n%v", l)
	}
}

type want struct {
	file, rule, path string
	line, col        int
}

func replace(f Files, name, old, new string) Files {
	s := string(f[name])
	if !strings.Contains(s, old) {
		panic("fixture: " + old + " not in " + name)
	}
	f[name] = []byte(strings.Replace(s, old, new, 1))
	return f
}

func TestCrossRules(t *testing.T) {
	netCfg := func(cfg string) func(Files) Files {
		return func(f Files) Files {
			return replace(f, "appspec.yaml", "        CapacityProviderStrategy:", "        NetworkConfiguration:\n"+cfg+"        CapacityProviderStrategy:")
		}
	}
	cases := []struct {
		name   string
		mutate func(Files) Files
		opts   []Option
		want   *want // nil: quiet
	}{
		{"container name", func(f Files) Files { return replace(f, "appspec.yaml", "ContainerName: web", "ContainerName: nginx") }, nil,
			&want{"appspec.yaml", RuleXContainerName, "/Resources/0/TargetService/Properties/LoadBalancerInfo/ContainerName", 8, 26}},
		{"container name lower-case keys", func(f Files) Files {
			return replace(replace(f, "appspec.yaml", "ContainerName: web", "containerName: nginx"), "appspec.yaml", "LoadBalancerInfo:", "loadBalancerInfo:")
		}, []Option{Disable("schema/additionalProperties", "schema/key-spelling", "schema/required", "appspec/key-case")},
			&want{"appspec.yaml", RuleXContainerName, "/Resources/0/TargetService/Properties/loadBalancerInfo/containerName", 8, 26}},
		{"two spellings of a key: the least is read", func(f Files) Files {
			return replace(f, "appspec.yaml", "ContainerName: web", "containerName: nginx\n          CONTAINERNAME: nginx")
		}, []Option{Disable("schema/additionalProperties", "schema/key-spelling", "schema/required", "appspec/key-case")},
			&want{"appspec.yaml", RuleXContainerName, "/Resources/0/TargetService/Properties/LoadBalancerInfo/CONTAINERNAME", 9, 26}},
		{"container port", func(f Files) Files { return replace(f, "appspec.yaml", "ContainerPort: 80", "ContainerPort: 8080") }, nil,
			&want{"appspec.yaml", RuleXContainerPort, "/Resources/0/TargetService/Properties/LoadBalancerInfo/ContainerPort", 9, 26}},
		{"container port of the other container is quiet", func(f Files) Files {
			return replace(replace(f, "appspec.yaml", "ContainerPort: 80", "ContainerPort: 8080"), "appspec.yaml", "ContainerName: web", "ContainerName: app")
		}, nil, nil},
		{"network config incomplete", netCfg("          AwsvpcConfiguration:\n            Subnets: [subnet-1]\n"), nil,
			&want{"appspec.yaml", RuleXNetworkConfig, "/Resources/0/TargetService/Properties/NetworkConfiguration/AwsvpcConfiguration", 12, 13}},
		{"network config complete is quiet", netCfg("          AwsvpcConfiguration:\n            Subnets: [subnet-0123456789abcdef0]\n            SecurityGroups: [sg-0123456789abcdef0]\n            AssignPublicIp: DISABLED\n"), nil, nil},
		{"network config on bridge task", func(f Files) Files {
			f = netCfg("          AwsvpcConfiguration:\n            Subnets: [subnet-0123456789abcdef0]\n            SecurityGroups: [sg-0123456789abcdef0]\n            AssignPublicIp: DISABLED\n")(f)
			return replace(f, "taskdef.json", `"networkMode": "awsvpc"`, `"networkMode": "bridge"`)
		}, []Option{Disable("taskdef/host-port-dynamic")},
			&want{"appspec.yaml", RuleXNetworkConfig, "/Resources/0/TargetService/Properties/NetworkConfiguration", 11, 11}},
		{"placeholder without image artifact", func(f Files) Files {
			return replace(f, "taskdef.json", `"image": "123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/app:1"`, `"image": "<IMAGE2_NAME>"`)
		}, nil, &want{"taskdef.json", RuleXPlaceholder, "/containerDefinitions/1/image", 7, 30}},
		{"image artifact without placeholder", func(f Files) Files {
			return replace(f, "buildspec.yml", "    ImageWeb:\n", "    ImageApp:\n      files:\n        - imageDetail.json\n    ImageWeb:\n")
		}, nil, &want{"buildspec.yml", RuleXPlaceholder, "/artifacts/secondary-artifacts/ImageWeb", 23, 7}},
		{"placeholder rewritten by the build is quiet", func(f Files) Files {
			f = replace(f, "taskdef.json", `"image": "123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/app:1"`, `"image": "<APP_IMAGE>"`)
			return replace(f, "buildspec.yml", "      - docker build -t app -f app/Dockerfile app\n",
				"      - docker build -t app -f app/Dockerfile app\n      - sed -i \"s|<APP_IMAGE>|$URI|\" taskdef.json\n")
		}, []Option{Disable("buildspec/sed-taskdef", "taskdef/placeholder")}, nil},
		{"placeholder missing from the action", func(f Files) Files { return f },
			[]Option{WithAction(&Action{Images: []Image{{ArtifactName: "ImageWeb", ContainerName: "IMAGE9_NAME"}}})},
			&want{"taskdef.json", RuleXPlaceholder, "/containerDefinitions/0/image", 5, 30}},
		{"too many placeholders", func(f Files) Files {
			var cs []string
			for i := 1; i <= 5; i++ {
				cs = append(cs, `{"name": "c`+string(rune('0'+i))+`", "image": "<IMAGE`+string(rune('0'+i))+`_NAME>", "memory": 128}`)
			}
			f["taskdef.json"] = []byte("{\"family\": \"f\",\n\"containerDefinitions\": [\n" + strings.Join(cs, ",\n") + "\n]}\n")
			return f
		}, []Option{Disable(RuleXContainerName, RuleXPlaceholder, "taskdef/essential-none", "taskdef/no-essential")},
			&want{"taskdef.json", RuleXTooManyImages, "/containerDefinitions/4/image", 7, 25}},
		{"artifacts without taskdef", func(f Files) Files {
			f = replace(f, "buildspec.yml", "  files:\n    - appspec.yaml\n    - taskdef.json\n", "  files:\n    - appspec.yaml\n")
			return replace(f, "buildspec.yml", "      files:\n        - appspec.yaml\n        - taskdef.json\n", "      files:\n        - appspec.yaml\n")
		}, nil, &want{"buildspec.yml", RuleXArtifactFiles, "/artifacts/files", 12, 5}},
		{"artifacts glob is quiet", func(f Files) Files {
			return replace(f, "buildspec.yml", "  files:\n    - appspec.yaml\n    - taskdef.json\n", "  files:\n    - '**/*'\n")
		}, nil, nil},
		{"fixed task definition ARN", func(f Files) Files {
			return replace(f, "appspec.yaml", "<TASK_DEFINITION>", "arn:aws:ecs:ap-northeast-1:123456789012:task-definition/sample:3")
		}, nil, &want{"appspec.yaml", RuleXTaskDefPlaceholder, "/Resources/0/TargetService/Properties/TaskDefinition", 6, 25}},
		{"docker hub base image", func(f Files) Files {
			f["nginx/Dockerfile"] = []byte("# syntax=docker/dockerfile:1\nFROM --platform=linux/amd64 nginx:1.25 AS web\n")
			return f
		}, nil, &want{"nginx/Dockerfile", RuleXDockerHub, "", 2, 29}},
		{"docker.io library image", func(f Files) Files {
			f["nginx/Dockerfile"] = []byte("FROM docker.io/library/nginx\n")
			return f
		}, nil, &want{"nginx/Dockerfile", RuleXDockerHub, "", 1, 6}},
		{"private registry, stage, scratch and ARG are quiet", func(f Files) Files {
			f["nginx/Dockerfile"] = []byte("ARG BASE=x\nFROM 123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/base:1 AS build\nFROM build\nFROM scratch\nFROM ${BASE}\nFROM localhost:5000/x\n")
			return f
		}, nil, nil},
		{"missing build context", func(f Files) Files {
			return replace(f, "buildspec.yml", "docker build -t web nginx", "docker build -t web nginx2")
		}, nil,
			&want{"buildspec.yml", RuleXBuildContext, "/phases/build/commands/0", 8, 9}},
		{"missing -f Dockerfile", func(f Files) Files {
			return replace(f, "buildspec.yml", "-f app/Dockerfile app", "-f app/Dockerfile.prod app")
		}, nil, &want{"buildspec.yml", RuleXBuildContext, "/phases/build/commands/1", 9, 9}},
		{"cd then build is quiet", func(f Files) Files {
			return replace(f, "buildspec.yml", "docker build -t web nginx", "cd nginx && docker build -t web . && cd ..")
		}, nil, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			l := Check(tc.mutate(seedFiles()), tc.opts...)
			for _, d := range l {
				if !d.Valid() {
					t.Errorf("invalid diagnostic %+v", d)
				}
			}
			if tc.want == nil {
				if len(l) != 0 {
					t.Fatalf("want no diagnostics, got:\n%v", l)
				}
				return
			}
			if !hasDiag(l, *tc.want) {
				t.Fatalf("want %+v, got:\n%v", *tc.want, dump(l))
			}
		})
	}
}

func hasDiag(l diag.List, w want) bool {
	for _, d := range l {
		if d.File == w.file && d.Rule == w.rule && d.Path == w.path && d.Line == w.line && d.Column == w.col {
			return true
		}
	}
	return false
}

func dump(l diag.List) string {
	var b strings.Builder
	for _, d := range l {
		b.WriteString(d.Error() + " @" + d.Path + "\n")
	}
	return b.String()
}

// FuzzCheck feeds arbitrary spec files and a Dockerfile to the cross-file
// checks: no panic, every diagnostic valid and inside its file.
func FuzzCheck(f *testing.F) {
	f.Add([]byte(okBuildspec), []byte(okAppSpec), []byte(okTaskdef), []byte("FROM nginx\n"))
	f.Add([]byte("artifacts: {secondary-artifacts: {a: {files: imageDetail.json}}}"), []byte("Resources: [{TargetService: {Properties: {LoadBalancerInfo: {ContainerName: 1, ContainerPort: x}}}}]"),
		[]byte(`{"containerDefinitions": [{"image": "<A>"}, null, 3]}`), []byte("FROM --platform=x\nFROM"))
	f.Fuzz(func(t *testing.T, bs, as, td, df []byte) {
		files := Files{"buildspec.yml": bs, "appspec.yaml": as, "taskdef.json": td, "app/Dockerfile": df, "app/x": nil}
		for _, d := range Check(files) {
			if !d.Valid() {
				t.Fatalf("invalid diagnostic %+v", d)
			}
			src, ok := files[d.File]
			if !ok {
				t.Fatalf("diagnostic for an unknown file %q", d.File)
			}
			if d.Line > source.LineBound(src) {
				t.Fatalf("line %d outside %s", d.Line, d.File)
			}
		}
	})
}

// TestCheckKeyCase: the cross-file checks read taskdef.json keys exactly, as
// ECS does (a "ContainerDefinitions" key holds no containers for them), and
// appspec.yaml keys case-insensitively, as CodeDeploy does.
func TestCheckKeyCase(t *testing.T) {
	f := seedFiles()
	f["taskdef.json"] = []byte(strings.Replace(string(f["taskdef.json"]), `"containerDefinitions"`, `"ContainerDefinitions"`, 1))
	l := Check(f)
	if !slices.ContainsFunc(l, func(d diag.Diagnostic) bool {
		return d.Rule == RuleXPlaceholder && d.File == "buildspec.yml"
	}) {
		t.Errorf("the containers under ContainerDefinitions were read:\n%v", l)
	}
	f = seedFiles()
	f["appspec.yaml"] = []byte(strings.Replace(string(f["appspec.yaml"]), "ContainerName", "containername", 1))
	for _, d := range Check(f) {
		if strings.HasPrefix(d.Rule, "revision/") {
			t.Errorf("appspec containername not read case-insensitively: %v", d)
		}
	}
}
