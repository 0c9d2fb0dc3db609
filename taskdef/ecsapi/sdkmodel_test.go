package ecsapi

import (
	"reflect"
	"sort"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/ecs"
	"github.com/aws/aws-sdk-go-v2/service/ecs/schemas"
	"github.com/aws/aws-sdk-go-v2/service/ecs/types"
	smithy "github.com/aws/smithy-go"
	"github.com/google/go-cmp/cmp"
)

// These tests pin the mapper's assumptions about the SDK to the SDK's own
// serializer schemas (package schemas, which the SDK's JSON codec walks), so
// a newer SDK that breaks one fails here instead of producing wrong JSON.

// TestSDKFieldNamesMatchSerializer checks that every exported field of every
// SDK struct reachable from the task-definition shapes is the serializer
// member sdkWireName(GoName), and that every serializer member has a field.
func TestSDKFieldNamesMatchSerializer(t *testing.T) {
	checked := 0
	seen := map[reflect.Type]bool{}
	var walk func(gt reflect.Type, s *smithy.Schema, path string)
	walk = func(gt reflect.Type, s *smithy.Schema, path string) {
		gt = deref(gt)
		switch gt.Kind() {
		case reflect.Slice:
			if s.Type() != smithy.ShapeTypeList {
				t.Errorf("%s: Go slice but schema type %v", path, s.Type())
				return
			}
			walk(gt.Elem(), s.ListMember(), path+"/[]")
			return
		case reflect.Map:
			if s.Type() != smithy.ShapeTypeMap {
				t.Errorf("%s: Go map but schema type %v", path, s.Type())
				return
			}
			walk(gt.Elem(), s.MapValue(), path+"/{}")
			return
		case reflect.Interface:
			u, ok := unionOf(gt)
			if !ok || s.Type() != smithy.ShapeTypeUnion {
				t.Errorf("%s: Go interface %s (registered union %v) vs schema type %v", path, gt, ok, s.Type())
				return
			}
			var names []string
			for n := range s.Members() {
				names = append(names, n)
			}
			var ours []string
			for n, mt := range u.members {
				ours = append(ours, n)
				vf, _ := mt.Elem().FieldByName("Value")
				if m := s.Member(n); m != nil {
					walk(vf.Type, m, joinPath(path, n))
				}
			}
			sort.Strings(names)
			sort.Strings(ours)
			if d := cmp.Diff(names, ours); d != "" {
				t.Errorf("%s: union %s members differ from the schema (-schema +registered):\n%s", path, gt, d)
			}
			return
		case reflect.Struct:
		default:
			return
		}
		if gt.PkgPath() == "time" || seen[gt] {
			return
		}
		seen[gt] = true
		if s.Type() != smithy.ShapeTypeStructure {
			t.Errorf("%s: Go struct %s vs schema type %v", path, gt, s.Type())
			return
		}
		members := map[string]bool{}
		for n := range s.Members() {
			members[n] = true
		}
		for _, f := range fieldsOf(gt, sdkSide).fields {
			checked++
			m := s.Member(f.name)
			if m == nil {
				t.Errorf("%s.%s: no serializer member %q in %s", gt.Name(), gt.Field(f.index).Name, f.name, s.ID().Name)
				continue
			}
			delete(members, f.name)
			walk(gt.Field(f.index).Type, m, joinPath(path, f.name))
		}
		for n := range members {
			t.Errorf("%s: serializer member %q has no Go field", gt.Name(), n)
		}
	}
	walk(reflect.TypeFor[ecs.RegisterTaskDefinitionInput](), schemas.RegisterTaskDefinitionRequest, "")
	walk(reflect.TypeFor[ecs.DescribeTaskDefinitionOutput](), schemas.DescribeTaskDefinitionResponse, "")
	if checked < 150 {
		t.Errorf("only %d fields checked; the walk looks broken", checked)
	}
}

// TestDescribeOnlyFields derives the describe-only set from the SDK:
// TaskDefinition members minus RegisterTaskDefinitionRequest members.
func TestDescribeOnlyFields(t *testing.T) {
	var got []string
	for n := range schemas.TaskDefinition.Members() {
		if schemas.RegisterTaskDefinitionRequest.Member(n) == nil {
			got = append(got, n)
		}
	}
	// tags: register has it, TaskDefinition does not (it sits beside it).
	if schemas.TaskDefinition.Member("tags") != nil {
		t.Errorf("TaskDefinition now has tags; FromDescribeOutput's tag handling needs a look")
	}
	want := sortedKeys(describeOnly)
	sort.Strings(got)
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("describe-only fields (-ours +SDK):\n%s", d)
	}
}

// TestSDKNonPointerScalars lists the SDK's non-pointer number and bool fields
// in the task-definition shapes. For these the zero value cannot mean
// "absent", so the mapper needs to know whether the serializer writes a zero
// (required members) or skips it (sdkOmitsZero). The wire behaviour of each
// is checked in TestWireZeroValues.
func TestSDKNonPointerScalars(t *testing.T) {
	got := map[string]bool{}
	seen := map[reflect.Type]bool{}
	var walk func(gt reflect.Type)
	walk = func(gt reflect.Type) {
		gt = deref(gt)
		switch gt.Kind() {
		case reflect.Slice, reflect.Map:
			walk(gt.Elem())
		case reflect.Interface:
			if u, ok := unionOf(gt); ok {
				for _, mt := range u.members {
					walk(mt)
				}
			}
		case reflect.Struct:
			if seen[gt] || gt.PkgPath() == "time" {
				return
			}
			seen[gt] = true
			for _, f := range fieldsOf(gt, sdkSide).fields {
				sf := gt.Field(f.index)
				switch kindClass(sf.Type.Kind()) {
				case "int", "float", "bool":
					got[gt.Name()+"."+sf.Name] = sdkOmitsZero[gt.Name()+"."+sf.Name]
				}
				walk(sf.Type)
			}
		}
	}
	walk(reflect.TypeFor[ecs.RegisterTaskDefinitionInput]())
	walk(reflect.TypeFor[types.TaskDefinition]())
	want := map[string]bool{
		"ContainerDefinition.Cpu":    true,  // if v.Cpu != 0
		"TaskDefinition.Revision":    true,  // if v.Revision != 0 (describe-only)
		"Tmpfs.Size":                 false, // required, always written
		"Ulimit.HardLimit":           false, // required, always written
		"Ulimit.SoftLimit":           false, // required, always written
		"EphemeralStorage.SizeInGiB": false, // required, always written
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("non-pointer SDK scalars changed (-want +got; true = serializer skips zero):\n%s", d)
	}
}

// TestSDKUnionsRegistered fails when a union interface is reachable from the
// task-definition shapes without a registerUnion call.
func TestSDKUnionsRegistered(t *testing.T) {
	seen := map[reflect.Type]bool{}
	found := 0
	var walk func(gt reflect.Type)
	walk = func(gt reflect.Type) {
		gt = deref(gt)
		switch gt.Kind() {
		case reflect.Slice, reflect.Map:
			walk(gt.Elem())
		case reflect.Interface:
			u, ok := unionOf(gt)
			if !ok {
				t.Errorf("union %s is not registered in union.go", gt)
				return
			}
			found++
			for _, mt := range u.members {
				walk(mt)
			}
		case reflect.Struct:
			if seen[gt] {
				return
			}
			seen[gt] = true
			for _, f := range fieldsOf(gt, sdkSide).fields {
				walk(gt.Field(f.index).Type)
			}
		}
	}
	walk(reflect.TypeFor[ecs.RegisterTaskDefinitionInput]())
	walk(reflect.TypeFor[ecs.DescribeTaskDefinitionOutput]())
	if found == 0 {
		t.Errorf("no union found; SharingStrategy should be reachable")
	}
}
