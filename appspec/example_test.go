package appspec_test

import (
	"fmt"

	"github.com/bgspec/bgspec/appspec"
)

func ExampleECS() {
	a := appspec.ECS(appspec.ECSInput{
		Container:         "web",
		Port:              8080,
		CapacityProviders: []appspec.CapacityProviderStrategyItem{{CapacityProvider: "FARGATE", Weight: 1}},
		Hooks:             appspec.ECSHooks{AfterAllowTestTraffic: "CodeDeployHook_SmokeTest"},
	})
	out, err := appspec.Marshal(a)
	if err != nil {
		panic(err)
	}
	fmt.Print(string(out))
	fmt.Println("problems:", len(a.Validate()))
	// Output:
	// version: 0.0
	// Resources:
	//   - TargetService:
	//       Type: AWS::ECS::Service
	//       Properties:
	//         TaskDefinition: <TASK_DEFINITION>
	//         LoadBalancerInfo:
	//           ContainerName: web
	//           ContainerPort: 8080
	//         CapacityProviderStrategy:
	//           - CapacityProvider: FARGATE
	//             Weight: 1
	// Hooks:
	//   - AfterAllowTestTraffic: CodeDeployHook_SmokeTest
	// problems: 0
}

func ExampleValidate() {
	src := []byte(`version: 1
Resources:
  - TargetService:
      Type: AWS::ECS::Service
      Properties:
        TaskDefinition: <TASK_DEFINITION>
        LoadBalancerInfo:
          ContainerName: web
          ContainerPort: "80"
`)
	for _, d := range appspec.Validate("appspec.yaml", src, appspec.Disable("appspec/no-capacity-provider-strategy")) {
		fmt.Printf("%d:%d %s %s\n", d.Line, d.Column, d.Path, d.Rule)
	}
	// Output:
	// 1:10 /version appspec/version
	// 9:26 /Resources/0/TargetService/Properties/LoadBalancerInfo/ContainerPort appspec/container-port
}

func ExampleLambda() {
	a := appspec.Lambda(appspec.LambdaInput{
		Function: "orders", Alias: "live", CurrentVersion: "4", TargetVersion: "5",
		AfterAllowTraffic: "CodeDeployHook_orders_check",
	})
	out, _ := appspec.Marshal(a)
	fmt.Print(string(out))
	fmt.Println("problems:", len(a.Validate()))
	// Output:
	// version: 0.0
	// Resources:
	//   - orders:
	//       Type: AWS::Lambda::Function
	//       Properties:
	//         Name: orders
	//         Alias: live
	//         CurrentVersion: "4"
	//         TargetVersion: "5"
	// Hooks:
	//   - AfterAllowTraffic: CodeDeployHook_orders_check
	// problems: 0
}

// ForPipeline checks an AppSpec as a CodePipeline CodeDeployToECS template:
// the action replaces only <TASK_DEFINITION>, so a fixed ARN gets a warning.
func ExampleForPipeline() {
	a := appspec.ECS(appspec.ECSInput{
		TaskDefinition:    "arn:aws:ecs:us-east-1:111122223333:task-definition/web:7",
		Container:         "web",
		Port:              80,
		CapacityProviders: []appspec.CapacityProviderStrategyItem{{CapacityProvider: "FARGATE", Weight: 1}},
	})
	for _, d := range a.Validate(appspec.ForPipeline()) {
		fmt.Printf("%d:%d %s %s %s\n", d.Line, d.Column, d.Path, d.Rule, d.Severity)
	}
	// Output:
	// 6:25 /Resources/0/TargetService/Properties/TaskDefinition appspec/task-definition-placeholder warning
}
