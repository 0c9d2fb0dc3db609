package ecsapi

import (
	"reflect"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecs/types"
	"github.com/google/go-cmp/cmp"
)

// These tests drive the union code with model-style structs of their own, so
// that they can also use a member the SDK does not have ("other");
// TestFromTaskDefinition and the maximal fixture cover the model's
// taskdef.SharingStrategy.

type testNvidiaMps struct {
	Memory            int  `json:"memory"`
	MaxComputePercent *int `json:"maxComputePercent,omitempty"`
}

type testSharingStrategy struct {
	NvidiaMps *testNvidiaMps `json:"nvidiaMps,omitempty"`
	Other     *testNvidiaMps `json:"other,omitempty"`
}

type testResourceRequirement struct {
	Value           string               `json:"value"`
	Type            string               `json:"type"`
	SharingStrategy *testSharingStrategy `json:"sharingStrategy,omitempty"`
}

func TestUnionConversion(t *testing.T) {
	model := testResourceRequirement{Value: "1", Type: "GPU", SharingStrategy: &testSharingStrategy{NvidiaMps: &testNvidiaMps{Memory: 4096, MaxComputePercent: ptr(50)}}}
	var sdk types.ResourceRequirement
	to := &converter{from: modelSide, to: sdkSide}
	if err := to.copyValue(reflect.ValueOf(&sdk).Elem(), reflect.ValueOf(model)); err != nil {
		t.Fatal(err)
	}
	want := types.ResourceRequirement{Value: aws.String("1"), Type: types.ResourceTypeGpu,
		SharingStrategy: &types.SharingStrategyMemberNvidiaMps{Value: types.NvidiaMpsAllocation{Memory: aws.Int32(4096), MaxComputePercent: aws.Int32(50)}}}
	if d := cmp.Diff(want, sdk, cmp.Exporter(func(reflect.Type) bool { return true })); d != "" {
		t.Fatalf("to SDK (-want +got):\n%s", d)
	}

	var back testResourceRequirement
	from := &converter{from: sdkSide, to: modelSide, lenient: true}
	if err := from.copyValue(reflect.ValueOf(&back).Elem(), reflect.ValueOf(sdk)); err != nil || from.dropped != nil {
		t.Fatalf("from SDK: %v, dropped %v", err, from.dropped)
	}
	if d := cmp.Diff(model, back); d != "" {
		t.Errorf("round trip (-want +got):\n%s", d)
	}

	// An unknown member from a newer API is dropped and reported.
	sdk.SharingStrategy = &types.UnknownUnionMember{Tag: "futureStrategy", Value: []byte(`{}`)}
	back = testResourceRequirement{}
	from = &converter{from: sdkSide, to: modelSide, lenient: true}
	_ = from.copyValue(reflect.ValueOf(&back).Elem(), reflect.ValueOf(sdk))
	if back.SharingStrategy != nil || len(from.dropped) != 1 || from.dropped[0] != "/sharingStrategy/futureStrategy" {
		t.Errorf("unknown member: got %+v, dropped %v", back.SharingStrategy, from.dropped)
	}

	// Zero or two members set, or a member the SDK does not know, is an error.
	for _, bad := range []*testSharingStrategy{
		{},
		{NvidiaMps: &testNvidiaMps{}, Other: &testNvidiaMps{}},
		{Other: &testNvidiaMps{}},
	} {
		model.SharingStrategy = bad
		var sdk types.ResourceRequirement
		err := (&converter{from: modelSide, to: sdkSide}).copyValue(reflect.ValueOf(&sdk).Elem(), reflect.ValueOf(model))
		if err == nil || !strings.Contains(err.Error(), "/sharingStrategy") {
			t.Errorf("%+v: error %v, want one naming /sharingStrategy", bad, err)
		}
	}
}
