// Command nginx-springboot generates the revision of the talk "CodePipeline を
// 用いた ECS on EC2 での Blue/Green デプロイメント" (Future Tech Night #19) from Go
// code: nginx in front of a Spring Boot app in one awsvpc task on ECS on EC2
// with a capacity provider, deployed blue/green by CodeDeploy behind an ALB
// (production listener :80, test listener :8000), with Lambda hooks that
// suspend and resume service auto scaling, and images tagged with the
// Subversion revision a Jenkins job writes to REVISION.
//
// Usage:
//
//	go run ./examples/nginx-springboot [-out DIR] [-revision REV]
//
// It writes to DIR (default ./out):
//
//	buildspec.yml           CodeBuild: ECR login, docker build/push, imageDetail.json
//	appspec.yaml            CodeDeploy: TargetService, capacity provider, hooks
//	taskdef.json            ECS task definition template with <IMAGE1_NAME>, <IMAGE2_NAME>
//	codedeploy-action.json  configuration of the CodeDeployToECS pipeline action
//	application.zip         the S3 source object: spec files at the root, nginx/, app/, REVISION
//	revision/               the folder application.zip is packed from
//
// then validates everything (each file, the folder, the zip and the
// cross-file checks) and prints a summary. The output is deterministic:
// two runs write the same bytes. The exit status is 1 when a check reports
// an error, 2 on bad flags or I/O errors.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	p := defaultParams()
	fl := flag.NewFlagSet("nginx-springboot", flag.ContinueOnError)
	fl.SetOutput(stderr)
	fl.StringVar(&p.Out, "out", p.Out, "output `directory`")
	fl.StringVar(&p.Revision, "revision", p.Revision, "Subversion `revision` written to REVISION (the image tag)")
	fl.StringVar(&p.InstanceType, "instance-type", p.InstanceType, "container instance `type` for the ENI check")
	fl.IntVar(&p.Instances, "instances", p.Instances, "number of container `instances` for the ENI check")
	fl.IntVar(&p.DesiredCount, "desired-count", p.DesiredCount, "the service's desired `count` for the ENI check")
	if err := fl.Parse(args); err != nil {
		return 2
	}
	if fl.NArg() > 0 {
		fmt.Fprintf(stderr, "nginx-springboot: unexpected argument %q\n", fl.Arg(0))
		return 2
	}
	r, err := generate(p)
	if err != nil {
		fmt.Fprintf(stderr, "nginx-springboot: %v\n", err)
		return 2
	}
	summary(stdout, p, r)
	if r.Diagnostics.HasErrors() {
		return 1
	}
	return 0
}

// summary prints what was written, what the checks found and the ENI check.
func summary(w io.Writer, p params, r *result) {
	r.Summary(w, p.Out)
	for _, c := range r.Capacity {
		trunk := "without trunking"
		if c.Trunking {
			trunk = "with awsvpcTrunking"
		}
		fit := "fits"
		if !c.Fits {
			fit = "does NOT fit"
		}
		fmt.Fprintf(w, "ENI %s: %d× %s hold %d awsvpc tasks; blue/green needs %d (2 × desired %d): %s\n",
			trunk, c.Instances, c.InstanceType, c.Total, c.Needed, c.DesiredTasks, fit)
	}
}
