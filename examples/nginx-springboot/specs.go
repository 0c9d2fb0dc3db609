package main

import (
	"github.com/bgspec/bgspec/appspec"
	"github.com/bgspec/bgspec/buildspec"
	"github.com/bgspec/bgspec/revision"
	"github.com/bgspec/bgspec/taskdef"
)

// The AWS side of the talk's setup. Every value is an example; change these
// to your account, Region and resource names.
const (
	region  = "ap-northeast-1"
	account = "123456789012"

	family           = "technight"
	executionRoleArn = "arn:aws:iam::" + account + ":role/technight-ecs-task-execution"
	taskRoleArn      = "arn:aws:iam::" + account + ":role/technight-ecs-task"
	logGroup         = "/ecs/technight"

	// The EC2 capacity provider of the cluster (an Auto Scaling group of
	// c5.xlarge instances with managed scaling).
	capacityProvider = "technight-ec2-cp"

	// CodeDeploy application and deployment group of the ECS service.
	codeDeployApplication     = "AppECS-technight-cluster-technight-service"
	codeDeployDeploymentGroup = "DgpECS-technight-cluster-technight-service"

	// The Lambda functions CodeDeploy runs as lifecycle hooks. Service auto
	// scaling is not supported during a CodeDeploy blue/green deployment,
	// so the first hook suspends it and the last one resumes it.
	hookSuspendAutoScaling = "technight-suspend-service-autoscaling"
	hookTestTraffic        = "technight-check-test-listener"
	hookResumeAutoScaling  = "technight-resume-service-autoscaling"

	// Base images: ECR Public mirrors of Docker Hub's official images, so
	// CodeBuild's anonymous pulls do not hit Docker Hub's rate limit.
	nginxBaseImage = "public.ecr.aws/docker/library/nginx:1.27-alpine"
	mavenImage     = "public.ecr.aws/docker/library/maven:3.9-eclipse-temurin-17"
	jreImage       = "public.ecr.aws/docker/library/eclipse-temurin:17-jre"
)

var (
	// Two private subnets in different Availability Zones, and the tasks'
	// security group (it allows :80 from the ALB's security group).
	subnets        = []string{"subnet-0a1b2c3d4e5f60718", "subnet-0f1e2d3c4b5a69788"}
	securityGroups = []string{"sg-0123456789abcdef0"}
)

// Container names: the keys of dependsOn, of the AppSpec's LoadBalancerInfo
// and of the recipe's images.
const (
	nginxContainer = "nginx"
	appContainer   = "app"
)

// taskDefinition returns the task definition template: nginx in front on port
// 80, the Spring Boot app behind it on 8080. Images are the <IMAGE1_NAME> and
// <IMAGE2_NAME> placeholders the CodeDeployToECS action replaces with the
// images the build pushed.
func taskDefinition() *taskdef.TaskDefinition {
	app := taskdef.Container(appContainer, taskdef.Image2Name)
	app.Cpu = 768
	app.Memory = 1536
	app.MemoryReservation = 1024
	app.PortMappings = []taskdef.PortMapping{taskdef.Port(8080)}
	app.Environment = []taskdef.KeyValuePair{
		taskdef.Env("JAVA_TOOL_OPTIONS", "-XX:MaxRAMPercentage=75"),
		taskdef.Env("SPRING_PROFILES_ACTIVE", "prod"),
	}
	app.Secrets = []taskdef.Secret{
		taskdef.SecretFromSSM("SPRING_DATASOURCE_PASSWORD",
			"arn:aws:ssm:"+region+":"+account+":parameter/technight/prod/db-password"),
	}
	hc := taskdef.HealthCheckShell("curl -fsS http://localhost:8080/actuator/health || exit 1")
	hc.Interval = 15
	hc.Timeout = 5
	hc.Retries = 3
	hc.StartPeriod = 120 // Spring Boot takes a while to start on a small share of CPU.
	app.HealthCheck = hc
	app.LogConfiguration = taskdef.AwsLogs(logGroup, region, appContainer)

	nginx := taskdef.Container(nginxContainer, taskdef.Image1Name)
	nginx.Cpu = 256
	nginx.Memory = 256
	nginx.MemoryReservation = 128
	nginx.PortMappings = []taskdef.PortMapping{taskdef.Port(80)}
	// nginx only receives traffic once the app answers its health check.
	nginx.DependsOn = []taskdef.ContainerDependency{taskdef.DependsOn(appContainer, taskdef.ConditionHealthy)}
	nginx.LogConfiguration = taskdef.AwsLogs(logGroup, region, nginxContainer)

	td := taskdef.AwsvpcTask(family, nginx, app)
	td.TaskRoleArn = taskRoleArn
	td.ExecutionRoleArn = executionRoleArn
	td.RequiresCompatibilities = []taskdef.Compatibility{taskdef.CompatibilityEC2}
	// One vCPU and 1.75 GiB per task: by CPU and memory a c5.xlarge (4 vCPU,
	// 8 GiB) holds four such tasks, but without awsvpc trunking it has network
	// interfaces for only three (see the ENI check in the summary).
	td.Cpu = "1024"
	td.Memory = "1792"
	return &td
}

// appSpec returns the AppSpec: the placeholder task definition, nginx:80
// behind the ALB (production listener :80, test listener :8000 are set on the
// deployment group), the service's awsvpc settings and capacity provider
// strategy repeated (CodeDeploy drops what the AppSpec leaves out), and the
// Lambda hooks.
func appSpec() *appspec.AppSpec {
	return appspec.ECS(appspec.ECSInput{
		Container:      nginxContainer,
		Port:           80,
		Subnets:        subnets,
		SecurityGroups: securityGroups,
		CapacityProviders: []appspec.CapacityProviderStrategyItem{
			{CapacityProvider: capacityProvider, Base: 1, Weight: 1},
		},
		Hooks: appspec.ECSHooks{
			BeforeInstall:         hookSuspendAutoScaling,
			AfterAllowTestTraffic: hookTestTraffic,
			AfterAllowTraffic:     hookResumeAutoScaling,
		},
	})
}

// recipe returns the build stage: log in to ECR with get-login-password,
// build nginx/ and app/ with ECR Public base images, tag both with the
// Subversion revision the Jenkins job wrote to REVISION, push, and hand one
// imageDetail.json per image to the deploy action (no sed on taskdef.json).
func recipe() buildspec.Recipe {
	return buildspec.Recipe{
		Region:  region,
		Account: account,
		Images: []buildspec.Image{
			{ContainerName: nginxContainer, Repository: "technight/nginx", Context: "nginx", BaseImage: nginxBaseImage},
			{ContainerName: appContainer, Repository: "technight/app", Context: "app", BaseImage: jreImage,
				BuildArgs: []buildspec.BuildArg{{Name: "BUILD_IMAGE", Value: mavenImage}}},
		},
		Tag:     buildspec.Tag{Source: buildspec.TagRevisionFile, File: "REVISION"},
		Rewrite: buildspec.RewritePlaceholders,
	}
}

// action returns the CodeDeployToECS action configuration generated from the
// recipe, so the two agree: the build's definition artifact carries
// appspec.yaml and taskdef.json, and each image artifact's imageDetail.json
// replaces its placeholder.
func action(r buildspec.Recipe) *revision.Action {
	return revision.ActionFromRecipe(codeDeployApplication, codeDeployDeploymentGroup, r)
}
