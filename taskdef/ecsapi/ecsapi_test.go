package ecsapi

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	"github.com/aws/aws-sdk-go-v2/service/ecs/types"
	"github.com/google/go-cmp/cmp"

	"github.com/bgspec/bgspec/taskdef"
)

var fixtures = []string{
	"testdata/seed.taskdef.json",    // two-container awsvpc: nginx depends on a HEALTHY Spring Boot app
	"testdata/maximal.taskdef.json", // every field of the model
}

// loadFixture parses a taskdef.json with taskdef.Parse and checks the
// precondition of every test here: the model holds all of it, i.e.
// taskdef.Marshal gives back the same JSON value.
func loadFixture(t testing.TB, name string) (*taskdef.TaskDefinition, []byte) {
	t.Helper()
	src, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	td, diags := taskdef.Parse(filepath.Base(name), src)
	if td == nil {
		t.Fatalf("%s: taskdef.Parse returned nil: %v", name, diags)
	}
	out, err := taskdef.Marshal(td)
	if err != nil {
		t.Fatal(err)
	}
	if d := jsonDiff(t, src, out); d != "" {
		t.Fatalf("%s: the model does not hold the fixture (-file +Marshal):\n%s", name, d)
	}
	return td, src
}

// TestRegisterWire registers each fixture through the real SDK client against
// a loopback server and compares the request body with the taskdef.json.
func TestRegisterWire(t *testing.T) {
	for _, name := range fixtures {
		t.Run(filepath.Base(name), func(t *testing.T) {
			td, src := loadFixture(t, name)
			if strings.Contains(name, "seed") {
				if l := taskdef.Validate(name, src); l.HasErrors() {
					t.Errorf("the seed task definition should validate clean:\n%v", l)
				}
			}
			in, err := ToRegisterInput(td)
			if err != nil {
				t.Fatal(err)
			}
			f := newFakeECS(t)
			wire, out := f.register(t, in)
			if d := jsonDiff(t, src, wire); d != "" {
				t.Errorf("wire JSON differs from %s (-file +wire):\n%s", name, d)
			}
			if got := aws.ToString(out.TaskDefinition.Family); got != td.Family {
				t.Errorf("response family %q, want %q", got, td.Family)
			}
		})
	}
}

// TestDescribeRoundTrip registers each fixture, reads it back with
// DescribeTaskDefinition (tags included) through the SDK, and converts the
// result back: it must equal the original, with ECS's describe-only fields
// and filled-in defaults gone.
func TestDescribeRoundTrip(t *testing.T) {
	for _, name := range fixtures {
		t.Run(filepath.Base(name), func(t *testing.T) {
			td, src := loadFixture(t, name)
			in, err := ToRegisterInput(td)
			if err != nil {
				t.Fatal(err)
			}
			f := newFakeECS(t)
			_, reg := f.register(t, in)
			out, err := f.client().DescribeTaskDefinition(context.Background(), &ecs.DescribeTaskDefinitionInput{
				TaskDefinition: aws.String(td.Family),
				Include:        []types.TaskDefinitionField{types.TaskDefinitionFieldTags},
			})
			if err != nil {
				t.Fatal(err)
			}
			if out.TaskDefinition.Revision != 1 || out.TaskDefinition.Status != types.TaskDefinitionStatusActive {
				t.Fatalf("describe response not decoded: revision %d status %q", out.TaskDefinition.Revision, out.TaskDefinition.Status)
			}
			back := FromDescribeOutput(out)
			got, err := taskdef.Marshal(back)
			if err != nil {
				t.Fatal(err)
			}
			if d := jsonDiff(t, src, got); d != "" {
				t.Errorf("describe round trip differs (-file +FromDescribeOutput):\n%s", d)
			}
			wantDropped := []string{"/compatibilities", "/registeredAt", "/registeredBy", "/requiresAttributes", "/revision", "/status", "/taskDefinitionArn"}
			if d := cmp.Diff(wantDropped, DroppedFields(out.TaskDefinition)); d != "" {
				t.Errorf("DroppedFields (-want +got):\n%s", d)
			}
			// The register response holds the same definition, without tags.
			fromReg := FromTaskDefinition(reg.TaskDefinition)
			back.Tags = nil
			if d := cmp.Diff(back, fromReg); d != "" {
				t.Errorf("FromTaskDefinition(register output) differs from describe (-describe +register):\n%s", d)
			}
		})
	}
}

// TestInMemoryRoundTrip converts each fixture to the SDK input, copies that
// into a types.TaskDefinition the way ECS echoes it, and back.
func TestInMemoryRoundTrip(t *testing.T) {
	for _, name := range fixtures {
		td, src := loadFixture(t, name)
		back := roundTrip(t, td)
		got, _ := taskdef.Marshal(back)
		if d := jsonDiff(t, src, got); d != "" {
			t.Errorf("%s: in-memory round trip differs (-file +back):\n%s", name, d)
		}
	}
}

// roundTrip is model -> RegisterTaskDefinitionInput -> types.TaskDefinition
// (+ tags) -> model without HTTP.
func roundTrip(t testing.TB, td *taskdef.TaskDefinition) *taskdef.TaskDefinition {
	t.Helper()
	in, err := ToRegisterInput(td)
	if err != nil {
		t.Fatal(err)
	}
	return FromDescribeOutput(&ecs.DescribeTaskDefinitionOutput{TaskDefinition: roundTripSDK(t, in), Tags: in.Tags})
}

// roundTripSDK copies a register input into the types.TaskDefinition ECS
// would echo (tags excepted) with the SDK-to-SDK mapper.
func roundTripSDK(t testing.TB, in *ecs.RegisterTaskDefinitionInput) *types.TaskDefinition {
	t.Helper()
	var sdkTD types.TaskDefinition
	c := &converter{from: sdkSide, to: sdkSide}
	if err := c.copyValue(reflect.ValueOf(&sdkTD).Elem(), reflect.ValueOf(in).Elem()); err != nil {
		t.Fatal(err)
	}
	wantDropped := []string(nil)
	if in.Tags != nil {
		wantDropped = []string{"/tags"}
	}
	if d := cmp.Diff(wantDropped, c.dropped); d != "" {
		t.Fatalf("input -> TaskDefinition dropped (-want +got):\n%s", d)
	}
	return &sdkTD
}

// TestMaximalCoversModel makes sure the maximal fixture sets every field of
// every model struct at least once, so the round-trip tests above exercise
// every field. A field added to the model fails here until the fixture uses it.
func TestMaximalCoversModel(t *testing.T) {
	td, _ := loadFixture(t, "testdata/maximal.taskdef.json")
	set := map[string]bool{}
	var visit func(v reflect.Value)
	visit = func(v reflect.Value) {
		for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
			if v.IsNil() {
				return
			}
			v = v.Elem()
		}
		switch v.Kind() {
		case reflect.Slice:
			for i := 0; i < v.Len(); i++ {
				visit(v.Index(i))
			}
		case reflect.Map:
			iter := v.MapRange()
			for iter.Next() {
				visit(iter.Value())
			}
		case reflect.Struct:
			for i := 0; i < v.NumField(); i++ {
				f := v.Type().Field(i)
				if !f.IsExported() {
					continue
				}
				fv := v.Field(i)
				nonEmpty := !fv.IsZero()
				if fv.Kind() == reflect.Slice || fv.Kind() == reflect.Map {
					nonEmpty = fv.Len() > 0
				}
				if nonEmpty {
					set[v.Type().Name()+"."+f.Name] = true
				}
				visit(fv)
			}
		}
	}
	visit(reflect.ValueOf(td))
	var missing []string
	seen := map[reflect.Type]bool{}
	var walk func(rt reflect.Type)
	walk = func(rt reflect.Type) {
		rt = deref(rt)
		switch rt.Kind() {
		case reflect.Slice, reflect.Map:
			walk(rt.Elem())
		case reflect.Struct:
			if seen[rt] {
				return
			}
			seen[rt] = true
			for i := 0; i < rt.NumField(); i++ {
				f := rt.Field(i)
				if !f.IsExported() {
					continue
				}
				if !set[rt.Name()+"."+f.Name] {
					missing = append(missing, rt.Name()+"."+f.Name)
				}
				walk(f.Type)
			}
		}
	}
	walk(reflect.TypeFor[taskdef.TaskDefinition]())
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("testdata/maximal.taskdef.json leaves these model fields unset: %s", strings.Join(missing, ", "))
	}
	if len(set) < 150 {
		t.Errorf("only %d fields set; the walk looks broken", len(set))
	}
}

// TestToRegisterInputErrors covers the inputs ToRegisterInput refuses.
func TestToRegisterInputErrors(t *testing.T) {
	if in, err := ToRegisterInput(nil); err == nil || in != nil {
		t.Errorf("nil: got %v, %v; want an error", in, err)
	}
	tests := []struct {
		name string
		td   *taskdef.TaskDefinition
		want string // substring of the error: the JSON pointer
	}{
		{"container memory beyond int32", &taskdef.TaskDefinition{Family: "f", ContainerDefinitions: []taskdef.ContainerDefinition{{Name: "a", Memory: math.MaxInt32 + 1}}}, "/containerDefinitions/0/memory"},
		{"negative overflow", &taskdef.TaskDefinition{ContainerDefinitions: []taskdef.ContainerDefinition{{}, {Ulimits: []taskdef.Ulimit{{Name: "nofile", SoftLimit: math.MinInt32 - 1}}}}}, "/containerDefinitions/1/ulimits/0/softLimit"},
		{"host port", &taskdef.TaskDefinition{ContainerDefinitions: []taskdef.ContainerDefinition{{PortMappings: []taskdef.PortMapping{{HostPort: ptr(1 << 40)}}}}}, "/containerDefinitions/0/portMappings/0/hostPort"},
		{"ignored exit code", &taskdef.TaskDefinition{ContainerDefinitions: []taskdef.ContainerDefinition{{RestartPolicy: &taskdef.ContainerRestartPolicy{IgnoredExitCodes: []int{1, 1 << 33}}}}}, "/containerDefinitions/0/restartPolicy/ignoredExitCodes/1"},
	}
	for _, tt := range tests {
		in, err := ToRegisterInput(tt.td)
		if err == nil || in != nil {
			t.Errorf("%s: got %v, %v; want an error", tt.name, in, err)
			continue
		}
		if !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %q does not name %s", tt.name, err, tt.want)
		}
	}
}

func ptr[T any](v T) *T { return &v }

// TestToRegisterInputValues spot-checks pointer, enum and zero handling.
func TestToRegisterInputValues(t *testing.T) {
	td := &taskdef.TaskDefinition{
		Family:      "f",
		NetworkMode: taskdef.NetworkModeAwsvpc,
		ContainerDefinitions: []taskdef.ContainerDefinition{{
			Name:         "a",
			Essential:    ptr(false),
			PortMappings: []taskdef.PortMapping{{ContainerPort: 80, HostPort: ptr(0)}},
			Environment:  []taskdef.KeyValuePair{{Name: "EMPTY"}},
			Ulimits:      []taskdef.Ulimit{{Name: "nofile"}},
		}},
	}
	in, err := ToRegisterInput(td)
	if err != nil {
		t.Fatal(err)
	}
	want := &ecs.RegisterTaskDefinitionInput{
		Family:      aws.String("f"),
		NetworkMode: types.NetworkModeAwsvpc,
		ContainerDefinitions: []types.ContainerDefinition{{
			Name:         aws.String("a"),
			Essential:    aws.Bool(false),
			PortMappings: []types.PortMapping{{ContainerPort: aws.Int32(80), HostPort: aws.Int32(0)}},
			Environment:  []types.KeyValuePair{{Name: aws.String("EMPTY"), Value: aws.String("")}},
			Ulimits:      []types.Ulimit{{Name: types.UlimitNameNofile}},
		}},
	}
	if d := cmp.Diff(want, in, cmp.Exporter(func(reflect.Type) bool { return true })); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
	// No shared memory: changing the input afterwards leaves the result alone.
	td.ContainerDefinitions[0].Name = "changed"
	*td.ContainerDefinitions[0].Essential = true
	if aws.ToString(in.ContainerDefinitions[0].Name) != "a" || *in.ContainerDefinitions[0].Essential {
		t.Errorf("result shares memory with the input")
	}
}

// TestFromTaskDefinition covers nil inputs, ECS's filled-in defaults and the
// fields the model cannot hold.
func TestFromTaskDefinition(t *testing.T) {
	if FromTaskDefinition(nil) != nil || FromDescribeOutput(nil) != nil || FromDescribeOutput(&ecs.DescribeTaskDefinitionOutput{}) != nil {
		t.Errorf("nil input should give nil")
	}
	if DroppedFields(nil) != nil {
		t.Errorf("DroppedFields(nil) should be nil")
	}
	now := time.Unix(1764086400, 0)
	sdkTD := &types.TaskDefinition{
		Family:             aws.String("f"),
		TaskDefinitionArn:  aws.String("arn:aws:ecs:us-east-1:123456789012:task-definition/f:3"),
		Revision:           3,
		Status:             types.TaskDefinitionStatusActive,
		Compatibilities:    []types.Compatibility{types.CompatibilityEc2},
		RequiresAttributes: []types.Attribute{{Name: aws.String("com.amazonaws.ecs.capability.docker-remote-api.1.18")}},
		RegisteredAt:       &now,
		DeregisteredAt:     &now,
		DeleteRequestedAt:  &now,
		RegisteredBy:       aws.String("arn:aws:iam::123456789012:root"),
		TrustedExecutionConfiguration: &types.TrustedExecutionConfiguration{
			IsolationMode: types.IsolationModeIsolatedSandbox,
		},
		ContainerDefinitions: []types.ContainerDefinition{{
			Name:        aws.String("gpu"),
			Cpu:         0,
			Environment: []types.KeyValuePair{},
			MountPoints: []types.MountPoint{{SourceVolume: aws.String("v"), ReadOnly: aws.Bool(false)}},
			ResourceRequirements: []types.ResourceRequirement{{
				Type: types.ResourceTypeGpu,
				SharingStrategy: &types.SharingStrategyMemberNvidiaMps{Value: types.NvidiaMpsAllocation{
					Memory: aws.Int32(4096),
				}},
			}, {
				Type:            types.ResourceTypeGpu,
				Value:           aws.String("1"),
				SharingStrategy: &types.UnknownUnionMember{Tag: "futureStrategy"},
			}},
		}},
	}
	td := FromTaskDefinition(sdkTD)
	got, err := taskdef.Marshal(td)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"family":"f","containerDefinitions":[{"name":"gpu","mountPoints":[{"sourceVolume":"v"}],
		"resourceRequirements":[{"type":"GPU","sharingStrategy":{"nvidiaMps":{"memory":4096}}},{"type":"GPU","value":"1"}]}],
		"trustedExecutionConfiguration":{"isolationMode":"ISOLATED_SANDBOX"}}`
	if d := jsonDiff(t, []byte(want), got); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
	wantDropped := []string{
		"/compatibilities",
		"/containerDefinitions/0/resourceRequirements/1/sharingStrategy/futureStrategy",
		"/deleteRequestedAt", "/deregisteredAt", "/registeredAt", "/registeredBy", "/requiresAttributes",
		"/revision", "/status", "/taskDefinitionArn",
	}
	if d := cmp.Diff(wantDropped, DroppedFields(sdkTD)); d != "" {
		t.Errorf("DroppedFields (-want +got):\n%s", d)
	}
}
