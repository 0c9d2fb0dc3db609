package appspec

import "cmp"

// ECSInput is what an ECS blue/green AppSpec is built from.
type ECSInput struct {
	// TaskDefinition defaults to TaskDefinitionPlaceholder.
	TaskDefinition string
	// Container and Port name the container and port behind the load
	// balancer (LoadBalancerInfo).
	Container string
	Port      int
	// PlatformVersion is for Fargate services only ("LATEST", "1.4.0").
	PlatformVersion string
	// Subnets and SecurityGroups, when set, produce a NetworkConfiguration
	// (awsvpc) with AssignPublicIp from AssignPublicIP.
	Subnets        []string
	SecurityGroups []string
	AssignPublicIP bool
	// CapacityProviders is the service's capacity provider strategy; repeat
	// it, or CodeDeploy drops it (rule appspec/no-capacity-provider-strategy).
	CapacityProviders []CapacityProviderStrategyItem
	// Hooks names the Lambda function of each lifecycle hook; empty ones are
	// left out.
	Hooks ECSHooks
}

// ECSHooks names the Lambda function (name, name:alias or ARN) run at each
// ECS lifecycle hook.
type ECSHooks struct {
	BeforeInstall         string
	AfterInstall          string
	AfterAllowTestTraffic string
	BeforeAllowTraffic    string
	AfterAllowTraffic     string
}

// ECS builds a complete ECS AppSpec: version 0.0, one TargetService of Type
// AWS::ECS::Service with the given properties, and the non-empty hooks in
// lifecycle order. It does not validate; call Validate on the result.
func ECS(in ECSInput) *AppSpec {
	props := &ECSProperties{
		TaskDefinition:   cmp.Or(in.TaskDefinition, TaskDefinitionPlaceholder),
		LoadBalancerInfo: &LoadBalancerInfo{ContainerName: in.Container, ContainerPort: in.Port},
		PlatformVersion:  in.PlatformVersion,
	}
	if len(in.Subnets) > 0 || len(in.SecurityGroups) > 0 {
		ip := AssignPublicIPDisabled
		if in.AssignPublicIP {
			ip = AssignPublicIPEnabled
		}
		props.NetworkConfiguration = &NetworkConfiguration{AwsvpcConfiguration: &AwsvpcConfiguration{
			Subnets:        append([]string(nil), in.Subnets...),
			SecurityGroups: append([]string(nil), in.SecurityGroups...),
			AssignPublicIp: ip,
		}}
	}
	props.CapacityProviderStrategy = append([]CapacityProviderStrategyItem(nil), in.CapacityProviders...)
	a := &AppSpec{
		Platform:  ComputeECS,
		Version:   Version,
		Resources: []Resource{{Name: TargetService, Type: TypeECSService, ECS: props}},
	}
	for _, h := range []Hook{
		{HookBeforeInstall, in.Hooks.BeforeInstall},
		{HookAfterInstall, in.Hooks.AfterInstall},
		{HookAfterAllowTestTraffic, in.Hooks.AfterAllowTestTraffic},
		{HookBeforeAllowTraffic, in.Hooks.BeforeAllowTraffic},
		{HookAfterAllowTraffic, in.Hooks.AfterAllowTraffic},
	} {
		if h.Function != "" {
			a.Hooks = append(a.Hooks, h)
		}
	}
	return a
}

// LambdaInput is what a Lambda AppSpec is built from.
type LambdaInput struct {
	// Resource is the logical name of the function entry; it defaults to
	// Function.
	Resource string
	// Function, Alias, CurrentVersion and TargetVersion are the function,
	// the alias that shifts and the versions it shifts from and to.
	Function       string
	Alias          string
	CurrentVersion string
	TargetVersion  string
	// BeforeAllowTraffic and AfterAllowTraffic name hook functions.
	BeforeAllowTraffic string
	AfterAllowTraffic  string
}

// Lambda builds a complete Lambda AppSpec. It does not validate.
func Lambda(in LambdaInput) *AppSpec {
	a := &AppSpec{
		Platform: ComputeLambda,
		Version:  Version,
		Resources: []Resource{{Name: cmp.Or(in.Resource, in.Function), Type: TypeLambdaFunction, Lambda: &LambdaProperties{
			Name: in.Function, Alias: in.Alias, CurrentVersion: in.CurrentVersion, TargetVersion: in.TargetVersion,
		}}},
	}
	if in.BeforeAllowTraffic != "" {
		a.Hooks = append(a.Hooks, Hook{HookBeforeAllowTraffic, in.BeforeAllowTraffic})
	}
	if in.AfterAllowTraffic != "" {
		a.Hooks = append(a.Hooks, Hook{HookAfterAllowTraffic, in.AfterAllowTraffic})
	}
	return a
}
