// Command fargate generates the revision of a single-container ECS service on
// AWS Fargate, deployed blue/green by CodeDeploy through CodePipeline: a
// small nginx site in an awsvpc task of 0.25 vCPU and 512 MiB, logging to
// CloudWatch Logs with awslogs.
//
// Usage:
//
//	go run ./examples/fargate [-out DIR] [-revision REV]
//
// It writes buildspec.yml, appspec.yaml, taskdef.json, codedeploy-action.json
// and application.zip (spec files at the root, the web/ build context and
// REVISION) to DIR (default ./out/fargate), validates them and prints a
// summary. Two runs write the same bytes. The exit status is 1 when a check
// reports an error, 2 on bad flags or I/O errors.
package main

import (
	"embed"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/bgspec/bgspec/appspec"
	"github.com/bgspec/bgspec/buildspec"
	"github.com/bgspec/bgspec/examples/internal/bluegreen"
	"github.com/bgspec/bgspec/revision"
	"github.com/bgspec/bgspec/taskdef"
)

// contextFS holds the web/ Docker build context (context/web next to this
// source).
//
//go:embed context
var contextFS embed.FS

// Example values: change them to your account, Region and resources.
const (
	region    = "eu-west-1"
	account   = "210987654321"
	container = "web"
	logGroup  = "/ecs/fargate-web"
)

// taskDefinition is the Fargate task definition template: awsvpc, task cpu
// 256 and memory 512 (a valid Fargate pair), the image as the <IMAGE1_NAME>
// placeholder. Fargate pulls the image and writes awslogs with the task
// execution role, so executionRoleArn is required.
func taskDefinition() *taskdef.TaskDefinition {
	web := taskdef.Container(container, taskdef.Image1Name)
	web.PortMappings = []taskdef.PortMapping{taskdef.Port(80)}
	web.LogConfiguration = taskdef.AwsLogs(logGroup, region, container)
	// busybox wget is in the alpine image; curl is not.
	web.HealthCheck = taskdef.HealthCheckShell("wget -q -O /dev/null http://localhost/health || exit 1")
	td := taskdef.FargateTask("fargate-web", "256", "512", web)
	td.ExecutionRoleArn = "arn:aws:iam::" + account + ":role/ecsTaskExecutionRole"
	td.RuntimePlatform = &taskdef.RuntimePlatform{
		CpuArchitecture:       taskdef.CPUArchitectureX86_64,
		OperatingSystemFamily: taskdef.OSFamilyLinux,
	}
	return &td
}

// appSpec routes the ALB to web:80 and repeats the service's network
// configuration and FARGATE capacity provider strategy.
func appSpec() *appspec.AppSpec {
	return appspec.ECS(appspec.ECSInput{
		Container:       container,
		Port:            80,
		PlatformVersion: "LATEST",
		Subnets:         []string{"subnet-0123456789abcdef0", "subnet-0fedcba9876543210"},
		SecurityGroups:  []string{"sg-0a0b0c0d0e0f01234"},
		CapacityProviders: []appspec.CapacityProviderStrategyItem{
			{CapacityProvider: "FARGATE", Base: 1, Weight: 1},
		},
		Hooks: appspec.ECSHooks{AfterAllowTestTraffic: "fargate-web-smoke-test"},
	})
}

// recipe builds the one image from web/ with an ECR Public nginx base and
// tags it with the revision in REVISION.
func recipe() buildspec.Recipe {
	return buildspec.Recipe{
		Region:  region,
		Account: account,
		Images: []buildspec.Image{{
			ContainerName: container,
			Repository:    "fargate-web",
			Context:       "web",
			BaseImage:     "public.ecr.aws/docker/library/nginx:1.27-alpine",
		}},
		Tag: buildspec.Tag{Source: buildspec.TagRevisionFile},
	}
}

// action is the CodeDeployToECS configuration generated from the recipe.
func action(r buildspec.Recipe) *revision.Action {
	return revision.ActionFromRecipe("AppECS-fargate-web", "DgpECS-fargate-web", r)
}

func generate(out, rev string) (*bluegreen.Result, error) {
	rc := recipe()
	return bluegreen.Generate(bluegreen.Input{
		Out:         out,
		TaskDef:     taskDefinition(),
		AppSpec:     appSpec(),
		Recipe:      rc,
		Action:      action(rc),
		Context:     contextFS,
		ContextRoot: "context",
		Revision:    rev,
	})
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("fargate", flag.ContinueOnError)
	fl.SetOutput(stderr)
	out := fl.String("out", "out/fargate", "output `directory`")
	rev := fl.String("revision", "3f9c2ab", "`revision` written to REVISION (the image tag), e.g. git rev-parse --short HEAD")
	if err := fl.Parse(args); err != nil {
		return 2
	}
	if fl.NArg() > 0 || *rev == "" {
		fmt.Fprintln(stderr, "usage: fargate [-out DIR] [-revision REV]")
		return 2
	}
	r, err := generate(*out, *rev)
	if err != nil {
		fmt.Fprintf(stderr, "fargate: %v\n", err)
		return 2
	}
	r.Summary(stdout, *out)
	if r.Diagnostics.HasErrors() {
		return 1
	}
	return 0
}
