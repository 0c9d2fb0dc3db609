// Package ecsapi converts bgspec's task definition model (package taskdef)
// to and from the AWS SDK for Go v2 ECS types, so a task definition built or
// validated with bgspec can be registered with ecs.Client.RegisterTaskDefinition
// and one read back with DescribeTaskDefinition can be edited and written as
// taskdef.json.
//
// The SDK dependency lives only in this subpackage: importing taskdef does not
// pull in aws-sdk-go-v2.
//
// Fields pair up by their wire (JSON) member names, so every field of the model
// maps to the SDK field of the same name, nested structures, lists, maps and
// enums included. The conversion is deterministic and does not share memory
// with its input. Values the two sides cannot both express are documented on
// each function; the tests in this package register the converted input through
// the real SDK client against a local HTTP server and compare the request body
// with taskdef.Marshal's output.
package ecsapi

import (
	"errors"
	"fmt"
	"reflect"
	"sort"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/ecs"
	"github.com/aws/aws-sdk-go-v2/service/ecs/types"

	"github.com/bgspec/bgspec/taskdef"
)

// ToRegisterInput converts td to the SDK's RegisterTaskDefinition input.
// The result shares no memory with td.
//
// The request the SDK sends for the result is the JSON that taskdef.Marshal
// writes for td, with one exception owed to the SDK: a container "cpu" of 0
// is not sent (ContainerDefinition.Cpu is not a pointer in the SDK, and ECS
// treats 0 as unset).
//
// It returns an error, and no input, when td is nil, when a number does not fit
// the SDK's int32, or when td sets a field the SDK does not know (the error
// lists the JSON pointers). It does not validate: enum values and limits pass
// through as they are (use td.Validate), and the SDK client itself refuses to
// send an input that lacks a member the ECS model requires.
func ToRegisterInput(td *taskdef.TaskDefinition) (*ecs.RegisterTaskDefinitionInput, error) {
	if td == nil {
		return nil, errors.New("ecsapi: nil task definition")
	}
	in := new(ecs.RegisterTaskDefinitionInput)
	c := &converter{from: modelSide, to: sdkSide}
	if err := c.copyValue(reflect.ValueOf(in).Elem(), reflect.ValueOf(td).Elem()); err != nil {
		return nil, fmt.Errorf("ecsapi: %w", err)
	}
	if len(c.dropped) > 0 {
		return nil, fmt.Errorf("ecsapi: not in the ECS model this SDK knows: %s", strings.Join(c.dropped, ", "))
	}
	return in, nil
}

// FromTaskDefinition converts a task definition returned by the ECS API
// (DescribeTaskDefinition, RegisterTaskDefinition) to the model. It returns
// nil for nil.
//
// The describe-only fields (taskDefinitionArn, revision, status,
// requiresAttributes, compatibilities, registeredAt, registeredBy,
// deregisteredAt, deleteRequestedAt) are dropped, as are fields the model does
// not have (none with ECS SDK v1.105.1; a newer SDK may add some, or an
// unknown member of a union such as sharingStrategy); DroppedFields lists
// both. Container "cpu": 0, which ECS returns for
// an unset container cpu, becomes unset. Explicit false and 0 values of
// optional model fields that use Go's omitempty (for example mountPoints[].readOnly
// false) read back as unset, which is what ECS assumes for them.
func FromTaskDefinition(t *types.TaskDefinition) *taskdef.TaskDefinition {
	td, _ := fromTaskDefinition(t)
	return td
}

// FromDescribeOutput converts a DescribeTaskDefinition result to the model,
// keeping the tags (returned only with Include: TAGS) as the model's tags.
// It returns nil when out or out.TaskDefinition is nil. See FromTaskDefinition
// for what is dropped.
func FromDescribeOutput(out *ecs.DescribeTaskDefinitionOutput) *taskdef.TaskDefinition {
	if out == nil || out.TaskDefinition == nil {
		return nil
	}
	td, _ := fromTaskDefinition(out.TaskDefinition)
	if out.Tags != nil {
		c := &converter{from: sdkSide, to: modelSide, lenient: true}
		_, _ = c.setByName(reflect.ValueOf(td).Elem(), "tags", reflect.ValueOf(out.Tags))
	}
	return td
}

// DroppedFields lists, as sorted JSON pointers into the task definition, the
// fields set in t that FromTaskDefinition leaves out: the describe-only fields
// and any field (or union member) this version's model does not have, such as
// one AWS added after it was written.
func DroppedFields(t *types.TaskDefinition) []string {
	_, dropped := fromTaskDefinition(t)
	return dropped
}

func fromTaskDefinition(t *types.TaskDefinition) (*taskdef.TaskDefinition, []string) {
	if t == nil {
		return nil, nil
	}
	td := new(taskdef.TaskDefinition)
	c := &converter{from: sdkSide, to: modelSide, skip: describeOnly, lenient: true}
	// Lenient: a field whose value the model cannot hold is dropped and
	// reported by DroppedFields, so this never fails.
	_ = c.copyValue(reflect.ValueOf(td).Elem(), reflect.ValueOf(t).Elem())
	sort.Strings(c.dropped)
	return td, c.dropped
}
