package appspec_test

import (
	"os"
	"testing"

	"github.com/bgspec/bgspec/appspec"
	"github.com/bgspec/bgspec/internal/golden"
)

// seedInput is the talk's scenario: nginx on :80 behind the ALB, awsvpc with
// two private subnets, one capacity provider (Base 1, Weight 1), and hooks
// that suspend service auto scaling (BeforeInstall), smoke-test the green
// task set through the test listener on :8000 (AfterAllowTestTraffic) and
// resume auto scaling (AfterAllowTraffic).
var seedInput = appspec.ECSInput{
	Container:      "nginx",
	Port:           80,
	Subnets:        []string{"subnet-0a1b2c3d4e5f60718", "subnet-0f1e2d3c4b5a69788"},
	SecurityGroups: []string{"sg-0123456789abcdef0"},
	AssignPublicIP: false,
	CapacityProviders: []appspec.CapacityProviderStrategyItem{
		{Base: 1, CapacityProvider: "ecs-ec2-capacity-provider", Weight: 1},
	},
	Hooks: appspec.ECSHooks{
		BeforeInstall:         "CodeDeployHook_SuspendAutoScaling",
		AfterAllowTestTraffic: "CodeDeployHook_SmokeTestPort8000",
		AfterAllowTraffic:     "CodeDeployHook_ResumeAutoScaling",
	},
}

const seedGolden = "testdata/render/TestSeed/appspec.yaml"

func TestSeed(t *testing.T) {
	a := appspec.ECS(seedInput)
	got, err := appspec.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	golden.Check(t, seedGolden, got)
	src, err := os.ReadFile(seedGolden)
	if err != nil {
		t.Fatal(err)
	}
	if l := appspec.Validate("appspec.yaml", src); len(l) != 0 {
		t.Errorf("seed appspec is not clean:\n%v", l)
	}
	if l := a.Validate(); len(l) != 0 {
		t.Errorf("(*AppSpec).Validate on the seed: %v", l)
	}
	j, err := appspec.MarshalJSONForm(a)
	if err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "testdata/render/TestSeed/appspec.json", j)
	if l := appspec.Validate("appspec.json", j); len(l) != 0 {
		t.Errorf("seed appspec.json is not clean:\n%v", l)
	}
}
