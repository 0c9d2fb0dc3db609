// Package deploy holds the deployment of one service, written as Go: the
// ECS task definition, the CodeDeploy AppSpec, the CodeBuild buildspec and
// the CodeDeployToECS action configuration of an ECS blue/green pipeline.
//
// The files the pipeline reads are generated from it and committed next to
// this source:
//
//	go generate ./...          # rewrite buildspec.yml, appspec.yaml, taskdef.json, codedeploy-action.json
//	go test ./...              # TestSpecsUpToDate fails when a committed file drifts from the Go code
//	go test . -run TestSpecsUpToDate -update     # the same rewrite, from the test
//
// In a repository of your own, copy this folder to deploy/ and change the
// values; see README.md. Output is deterministic: the same code always
// writes the same bytes.
package deploy

//go:generate go run ./gen

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/bgspec/bgspec/appspec"
	"github.com/bgspec/bgspec/buildspec"
	"github.com/bgspec/bgspec/diag"
	"github.com/bgspec/bgspec/revision"
	"github.com/bgspec/bgspec/taskdef"
)

// Dir is where the spec files live, relative to the repository root (the
// CodeBuild source root): the buildspec refers to the other files by these
// paths, and the CodeBuild project's buildspec override is Dir/buildspec.yml.
const Dir = "deploy"

// The generated files, relative to this package's folder.
const (
	BuildspecFile = "buildspec.yml"
	AppSpecFile   = "appspec.yaml"
	TaskdefFile   = "taskdef.json"
	ActionFile    = "codedeploy-action.json"
)

// Example values: your account, Region and resource names go here.
const (
	region    = "us-west-2"
	account   = "111122223333"
	service   = "orders-api"
	container = "api"
)

// TaskDefinition is the task definition template: one Fargate container
// whose image the CodeDeployToECS action fills in from the build.
func TaskDefinition() *taskdef.TaskDefinition {
	api := taskdef.Container(container, taskdef.Image1Name)
	api.PortMappings = []taskdef.PortMapping{taskdef.Port(8080)}
	api.Environment = []taskdef.KeyValuePair{taskdef.Env("LISTEN_ADDR", ":8080")}
	api.Secrets = []taskdef.Secret{
		taskdef.SecretFromSecretsManager("DATABASE_URL",
			"arn:aws:secretsmanager:"+region+":"+account+":secret:"+service+"/database-url-AbCdEf"),
	}
	api.HealthCheck = taskdef.HealthCheckCmd("/app/healthcheck")
	api.LogConfiguration = taskdef.AwsLogs("/ecs/"+service, region, container)
	td := taskdef.FargateTask(service, "512", "1024", api)
	td.ExecutionRoleArn = "arn:aws:iam::" + account + ":role/" + service + "-execution"
	td.TaskRoleArn = "arn:aws:iam::" + account + ":role/" + service + "-task"
	return &td
}

// AppSpec routes the load balancer to api:8080.
func AppSpec() *appspec.AppSpec {
	return appspec.ECS(appspec.ECSInput{
		Container:      container,
		Port:           8080,
		Subnets:        []string{"subnet-0a1a2a3a4a5a6a7a8", "subnet-0b1b2b3b4b5b6b7b8"},
		SecurityGroups: []string{"sg-0c1c2c3c4c5c6c7c8"},
		CapacityProviders: []appspec.CapacityProviderStrategyItem{
			{CapacityProvider: "FARGATE", Base: 1, Weight: 1},
			{CapacityProvider: "FARGATE_SPOT", Weight: 3},
		},
		Hooks: appspec.ECSHooks{AfterAllowTestTraffic: service + "-smoke-test"},
	})
}

// Recipe is the build: the image is built from the repository root and
// tagged with the commit id (CODEBUILD_RESOLVED_SOURCE_VERSION).
func Recipe() buildspec.Recipe {
	return buildspec.Recipe{
		Region:         region,
		Account:        account,
		Images:         []buildspec.Image{{ContainerName: container, Repository: service, Context: "."}},
		Tag:            buildspec.Tag{Source: buildspec.TagSourceVersion},
		TaskDefinition: Dir + "/" + TaskdefFile,
		AppSpec:        Dir + "/" + AppSpecFile,
	}
}

// Action is the CodeDeployToECS action configuration, generated from the
// recipe so that artifact names, template paths and image placeholders agree.
func Action() *revision.Action {
	return revision.ActionFromRecipe("AppECS-"+service, "DgpECS-"+service, Recipe())
}

// Files renders every generated file (name → bytes) and validates it;
// diagnostics hold whatever the validators found.
func Files() (map[string][]byte, diag.List, error) {
	bs, err := Recipe().Build()
	if err != nil {
		return nil, nil, err
	}
	files := map[string][]byte{}
	if files[BuildspecFile], err = buildspec.Marshal(bs); err != nil {
		return nil, nil, err
	}
	if files[AppSpecFile], err = appspec.Marshal(AppSpec()); err != nil {
		return nil, nil, err
	}
	if files[TaskdefFile], err = taskdef.Marshal(TaskDefinition()); err != nil {
		return nil, nil, err
	}
	if files[ActionFile], err = Action().JSON(); err != nil {
		return nil, nil, err
	}
	var l diag.List
	l = append(l, buildspec.Validate(BuildspecFile, files[BuildspecFile])...)
	l = append(l, appspec.Validate(AppSpecFile, files[AppSpecFile], appspec.ForPipeline())...)
	l = append(l, taskdef.Validate(TaskdefFile, files[TaskdefFile])...)
	l = append(l, Action().Validate().WithFile(ActionFile)...)
	return files, l, nil
}

// Write renders the files and writes them into dir, each atomically; a file
// that already holds the same bytes is left untouched. It refuses to write
// anything when the validators report an error.
func Write(dir string) (diag.List, error) {
	files, l, err := Files()
	if err != nil {
		return nil, err
	}
	if l.HasErrors() {
		return l, fmt.Errorf("deploy: not written: %w", l.Err())
	}
	for _, name := range []string{BuildspecFile, AppSpecFile, TaskdefFile, ActionFile} {
		if err := writeFile(filepath.Join(dir, name), files[name]); err != nil {
			return l, err
		}
	}
	return l, nil
}

// writeFile writes b to path through a temporary file and a rename, unless
// path already holds b.
func writeFile(path string, b []byte) error {
	if old, err := os.ReadFile(path); err == nil && string(old) == string(b) {
		return nil
	}
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name()) // no-op after the rename
	if _, err := f.Write(b); err != nil {
		f.Close()
		return err
	}
	if err := f.Chmod(0o644); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(f.Name(), path)
}
