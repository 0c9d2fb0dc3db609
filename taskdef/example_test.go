package taskdef_test

import (
	"fmt"
	"strings"

	"github.com/bgspec/bgspec/taskdef"
)

// webTask builds the two-container blue/green task: nginx in front of a
// Spring Boot app, started once the app is healthy.
func webTask() taskdef.TaskDefinition {
	app := taskdef.Container("app", taskdef.Image1Name)
	app.PortMappings = []taskdef.PortMapping{taskdef.Port(8080)}
	app.Environment = []taskdef.KeyValuePair{taskdef.Env("SPRING_PROFILES_ACTIVE", "prod")}
	app.Secrets = []taskdef.Secret{taskdef.SecretFromSSM("DB_PASSWORD", "/web/prod/db-password")}
	app.HealthCheck = taskdef.HealthCheckShell("curl -f http://localhost:8080/actuator/health || exit 1")
	app.HealthCheck.StartPeriod = 60
	app.LogConfiguration = taskdef.AwsLogs("/ecs/web", "eu-west-1", "app")

	web := taskdef.Container("web", taskdef.Image2Name)
	web.PortMappings = []taskdef.PortMapping{taskdef.Port(80)}
	web.DependsOn = []taskdef.ContainerDependency{taskdef.DependsOn("app", taskdef.ConditionHealthy)}
	web.LogConfiguration = taskdef.AwsLogs("/ecs/web", "eu-west-1", "web")

	td := taskdef.FargateTask("web", "512", "1024", web, app)
	td.ExecutionRoleArn = "arn:aws:iam::123456789012:role/ecsTaskExecutionRole"
	return td
}

func Example() {
	td := webTask()
	if l := td.Validate(); len(l) > 0 {
		fmt.Println(l)
		return
	}
	if err := taskdef.SetImages(&td, map[string]string{"web": "public.ecr.aws/nginx/nginx:1.27"}); err != nil {
		fmt.Println(err)
		return
	}
	b, err := taskdef.Marshal(&td)
	if err != nil {
		fmt.Println(err)
		return
	}
	lines := strings.SplitAfter(string(b), "\n")
	fmt.Print(strings.Join(lines[:4], ""))
	fmt.Println(td.ContainerDefinitions[0].Image, td.ContainerDefinitions[1].Image)
	// Output:
	// {
	//   "family": "web",
	//   "executionRoleArn": "arn:aws:iam::123456789012:role/ecsTaskExecutionRole",
	//   "networkMode": "awsvpc",
	// public.ecr.aws/nginx/nginx:1.27 <IMAGE1_NAME>
}

func ExampleParseImageRef() {
	ref, err := taskdef.ParseImageRef("123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/app:1.4.2")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(ref.ECR(), ref.Account(), ref.Region(), ref.Repository, ref.Tag)
	hub, _ := taskdef.ParseImageRef("nginx")
	fmt.Println(hub.Domain(), hub.FullRepository())
	// Output:
	// true 123456789012 eu-west-1 team/app 1.4.2
	// docker.io library/nginx
}

func ExampleClean() {
	td, dropped, _ := taskdef.Clean([]byte(`{"taskDefinition": {"family": "web", "revision": 3, "status": "ACTIVE",
		"containerDefinitions": [{"name": "app", "image": "nginx:1.27", "memory": 256, "command": null, "links": []}]},
		"tags": [{"key": "team", "value": "web"}]}`))
	fmt.Println(td.Family, td.Tags[0].Key)
	for _, p := range dropped {
		fmt.Println("dropped", p)
	}
	// Output:
	// web team
	// dropped /taskDefinition/revision
	// dropped /taskDefinition/status
	// dropped /taskDefinition/containerDefinitions/0/command
	// dropped /taskDefinition/containerDefinitions/0/links
}

func ExampleValidate() {
	src := []byte(`{
  "family": "web",
  "networkMode": "awsvpc",
  "containerDefinitions": [
    {"name": "app", "image": "nginx:1.27", "memory": 256,
     "portMappings": [{"containerPort": 80, "hostPort": 8080}]}
  ]
}
`)
	for _, d := range taskdef.Validate("taskdef.json", src) {
		fmt.Println(d.Line, d.Column, d.Path, d.Rule)
	}
	fmt.Println(len(taskdef.Validate("taskdef.json", src, taskdef.Disable(taskdef.RuleHostPort))))
	// Output:
	// 6 57 /containerDefinitions/0/portMappings/0/hostPort taskdef/host-port
	// 0
}

func ExampleSetTags() {
	td := taskdef.AwsvpcTask("web",
		taskdef.Container("app", "123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/app:1.4.2"),
		taskdef.Container("web", "public.ecr.aws/nginx/nginx@sha256:"+strings.Repeat("0f", 32)))
	if err := taskdef.SetTags(&td, map[string]string{"app": "1.5.0", "web": "1.27"}); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(td.ContainerDefinitions[0].Image)
	fmt.Println(td.ContainerDefinitions[1].Image)
	fmt.Println(taskdef.SetTags(&td, map[string]string{"api": "2"}))
	// Output:
	// 123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/app:1.5.0
	// public.ecr.aws/nginx/nginx:1.27
	// no container named "api"; the containers are "app", "web" (names match exactly)
}

func ExampleParseCPU() {
	cpu, _ := taskdef.ParseCPU("0.5 vCPU")
	mem, _ := taskdef.ParseMemory("2 GB")
	_, ok := taskdef.ParseCPU("lots")
	fmt.Println(cpu, mem, ok)
	// Output:
	// 512 2048 false
}
