package appspec

import (
	"regexp"
	"slices"

	"go.yaml.in/yaml/v3"
)

// TaskDefinitionPlaceholder is the TaskDefinition value CodePipeline's
// CodeDeployToECS action replaces with the ARN of the task definition it has
// just registered. Write it literally in pipeline AppSpec files.
const TaskDefinitionPlaceholder = "<TASK_DEFINITION>"

// Version is the only AppSpec version CodeDeploy accepts.
const Version = "0.0"

// Resource types.
const (
	// TypeECSService is the Type of the ECS TargetService resource.
	TypeECSService = "AWS::ECS::Service"
	// TypeLambdaFunction is the Type of a Lambda AppSpec resource.
	TypeLambdaFunction = "AWS::Lambda::Function"
	// TargetService is the logical name of the one ECS resource.
	TargetService = "TargetService"
)

// ComputePlatform is the CodeDeploy compute platform an AppSpec is written for.
type ComputePlatform string

// Compute platforms, named as CodeDeploy's computePlatform names them.
const (
	// ComputeECS is an Amazon ECS blue/green deployment.
	ComputeECS ComputePlatform = "ECS"
	// ComputeLambda is an AWS Lambda traffic-shifting deployment.
	ComputeLambda ComputePlatform = "Lambda"
	// ComputeServer is an EC2/On-Premises deployment.
	ComputeServer ComputePlatform = "Server"
)

// AssignPublicIP is the AwsvpcConfiguration.AssignPublicIp setting.
type AssignPublicIP string

// AssignPublicIp values.
const (
	AssignPublicIPEnabled  AssignPublicIP = "ENABLED"
	AssignPublicIPDisabled AssignPublicIP = "DISABLED"
)

// Lifecycle hook names. ECS, Lambda and EC2/On-Premises each allow a subset;
// see [HookNames].
const (
	HookApplicationStop       = "ApplicationStop"
	HookBeforeBlockTraffic    = "BeforeBlockTraffic"
	HookAfterBlockTraffic     = "AfterBlockTraffic"
	HookBeforeInstall         = "BeforeInstall"
	HookAfterInstall          = "AfterInstall"
	HookApplicationStart      = "ApplicationStart"
	HookValidateService       = "ValidateService"
	HookAfterAllowTestTraffic = "AfterAllowTestTraffic"
	HookBeforeAllowTraffic    = "BeforeAllowTraffic"
	HookAfterAllowTraffic     = "AfterAllowTraffic"
)

var hookOrder = map[ComputePlatform][]string{
	ComputeECS:    {HookBeforeInstall, HookAfterInstall, HookAfterAllowTestTraffic, HookBeforeAllowTraffic, HookAfterAllowTraffic},
	ComputeLambda: {HookBeforeAllowTraffic, HookAfterAllowTraffic},
	ComputeServer: {HookBeforeBlockTraffic, HookAfterBlockTraffic, HookApplicationStop, HookBeforeInstall, HookAfterInstall,
		HookApplicationStart, HookValidateService, HookBeforeAllowTraffic, HookAfterAllowTraffic},
}

// HookNames returns the lifecycle hooks platform p allows, in the order
// CodeDeploy runs them (SPEC §B.4).
func HookNames(p ComputePlatform) []string {
	return slices.Clone(hookOrder[p])
}

// hookRank is the position of name in p's run order, or len(order) when p
// does not allow it (so unknown hooks sort last).
func hookRank(p ComputePlatform, name string) int {
	order := hookOrder[p]
	if i := slices.Index(order, name); i >= 0 {
		return i
	}
	return len(order)
}

// AppSpec is one AppSpec file. Which fields are used depends on Platform:
// ECS and Lambda use Resources and Hooks; EC2/On-Premises uses OS, Files,
// FileExistsBehavior, Permissions and ServerHooks.
type AppSpec struct {
	// Platform is the compute platform. The zero value renders as ECS.
	Platform ComputePlatform
	// Version is the literal version text; it must be "0.0".
	Version string

	// Resources holds the one ECS TargetService or the one Lambda function.
	Resources []Resource
	// Hooks are the ECS/Lambda lifecycle hooks, each naming a Lambda function.
	// Marshal writes them in lifecycle order.
	Hooks []Hook

	// OS is "linux" or "windows" (EC2/On-Premises).
	OS string
	// Files lists the files to copy (EC2/On-Premises).
	Files []File
	// FileExistsBehavior is DISALLOW, OVERWRITE or RETAIN (EC2/On-Premises).
	FileExistsBehavior string
	// Permissions are applied to copied files (EC2/On-Premises, Linux).
	Permissions []Permission
	// ServerHooks are the EC2/On-Premises hooks: lifecycle event → scripts.
	// Marshal writes them in lifecycle order.
	ServerHooks []ServerHook
}

// Resource is one entry of Resources: a logical name ("TargetService" for
// ECS, any name for Lambda) with its Type and Properties. Exactly one of ECS
// and Lambda is set.
type Resource struct {
	// Name is the logical name, the resource's single map key.
	Name string
	// Type is AWS::ECS::Service or AWS::Lambda::Function.
	Type string
	// ECS holds the properties of an ECS TargetService.
	ECS *ECSProperties
	// Lambda holds the properties of a Lambda function resource.
	Lambda *LambdaProperties
}

// ECSProperties are the Properties of the ECS TargetService, in the order
// of the AWS documentation.
type ECSProperties struct {
	// TaskDefinition is TaskDefinitionPlaceholder or a full task-definition
	// ARN with revision.
	TaskDefinition string `json:"TaskDefinition"`
	// LoadBalancerInfo names the container and port that receive traffic.
	LoadBalancerInfo *LoadBalancerInfo `json:"LoadBalancerInfo,omitempty"`
	// PlatformVersion is the Fargate platform version (LATEST, 1.4.0, …).
	PlatformVersion string `json:"PlatformVersion,omitempty"`
	// NetworkConfiguration repeats the service's awsvpc settings.
	NetworkConfiguration *NetworkConfiguration `json:"NetworkConfiguration,omitempty"`
	// CapacityProviderStrategy is the replacement task set's strategy.
	CapacityProviderStrategy []CapacityProviderStrategyItem `json:"CapacityProviderStrategy,omitempty"`
}

// LoadBalancerInfo names the container and port the load balancer routes to.
type LoadBalancerInfo struct {
	// ContainerName is a container name in the task definition.
	ContainerName string `json:"ContainerName"`
	// ContainerPort is that container's port, 1..65535.
	ContainerPort int `json:"ContainerPort"`
}

// NetworkConfiguration wraps the awsvpc configuration.
type NetworkConfiguration struct {
	// AwsvpcConfiguration holds subnets, security groups and public IP.
	AwsvpcConfiguration *AwsvpcConfiguration `json:"AwsvpcConfiguration,omitempty"`
}

// AwsvpcConfiguration is the task set's awsvpc network configuration: all
// three fields or none.
type AwsvpcConfiguration struct {
	// Subnets are 1..16 subnet ids of one VPC.
	Subnets []string `json:"Subnets"`
	// SecurityGroups are 1..5 security-group ids of the same VPC.
	SecurityGroups []string `json:"SecurityGroups"`
	// AssignPublicIp is ENABLED or DISABLED.
	AssignPublicIp AssignPublicIP `json:"AssignPublicIp"`
}

// CapacityProviderStrategyItem is one capacity provider with its base and
// weight.
type CapacityProviderStrategyItem struct {
	// Base is the minimum number of tasks on this provider, 0..100000; at
	// most one item may set it.
	Base int `json:"Base,omitempty"`
	// CapacityProvider is the capacity provider's name.
	CapacityProvider string `json:"CapacityProvider"`
	// Weight is the relative share of tasks, 0..1000.
	Weight int `json:"Weight,omitempty"`
}

// LambdaProperties are the Properties of a Lambda AppSpec resource.
type LambdaProperties struct {
	// Name is the function name.
	Name string `json:"Name"`
	// Alias is the alias whose traffic shifts.
	Alias string `json:"Alias"`
	// CurrentVersion is the version the alias points to now.
	CurrentVersion string `json:"CurrentVersion"`
	// TargetVersion is the version traffic shifts to.
	TargetVersion string `json:"TargetVersion"`
}

// Hook is one ECS or Lambda lifecycle hook: the event name and the Lambda
// function (name, name:alias, name:version or ARN) CodeDeploy invokes.
type Hook struct {
	// Event is the lifecycle event, e.g. BeforeInstall.
	Event string
	// Function names the Lambda function.
	Function string
}

// File is one EC2/On-Premises files entry.
type File struct {
	// Source is relative to the revision root.
	Source string `json:"source"`
	// Destination is a fully qualified path on the instance.
	Destination string `json:"destination"`
}

// Permission is one EC2/On-Premises permissions entry (Linux only).
type Permission struct {
	// Object is the file or directory the entry applies to.
	Object string `json:"object"`
	// Pattern selects files under Object (default "**").
	Pattern string `json:"pattern,omitempty"`
	// Except lists files under Object to leave alone.
	Except []string `json:"except,omitempty"`
	// Owner and Group name the owning user and group.
	Owner string `json:"owner,omitempty"`
	Group string `json:"group,omitempty"`
	// Mode is the numeric chmod mode.
	Mode Mode `json:"mode,omitempty"`
	// ACLs are entries such as u:bob:rw.
	ACLs []string `json:"acls,omitempty"`
	// Context is the SELinux context.
	Context *SELinuxContext `json:"context,omitempty"`
	// Type restricts the entry to "file" and/or "directory".
	Type []string `json:"type,omitempty"`
}

// Mode is a numeric chmod mode such as "644". Marshal writes it unquoted,
// as the AWS examples do, unless it starts with 0 (then YAML would read it
// as octal, so it stays a quoted string).
type Mode string

// YAMLNode implements render.Noder.
func (m Mode) YAMLNode() *yaml.Node {
	if numericMode.MatchString(string(m)) {
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: string(m)}
	}
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: string(m)}
}

var numericMode = regexp.MustCompile(`^[1-7][0-7]{2,3}$`)

// SELinuxContext is a permissions entry's SELinux context.
type SELinuxContext struct {
	// User, Type and Range are the SELinux user, type and level range.
	User  string `json:"user,omitempty"`
	Type  string `json:"type,omitempty"`
	Range string `json:"range,omitempty"`
}

// ServerHook is one EC2/On-Premises lifecycle event with its scripts.
type ServerHook struct {
	// Event is the lifecycle event, e.g. ApplicationStart.
	Event string
	// Scripts run in order.
	Scripts []Script
}

// Script is one EC2/On-Premises hook script.
type Script struct {
	// Location is the script's path in the revision.
	Location string `json:"location"`
	// Timeout is in seconds (default 3600); 0 leaves it out.
	Timeout int `json:"timeout,omitempty"`
	// Runas is the user the script runs as.
	Runas string `json:"runas,omitempty"`
}
