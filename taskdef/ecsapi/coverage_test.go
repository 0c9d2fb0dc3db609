package ecsapi

import (
	"context"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/ecs"
	"github.com/aws/aws-sdk-go-v2/service/ecs/types"

	"github.com/bgspec/bgspec/taskdef"
)

// These tests compare bgspec's taskdef schema and model with the ECS model
// compiled into the SDK version in go.mod, so updating the SDK shows exactly
// what AWS added or removed. Every deliberate difference is listed below with
// its reason; an entry that no longer matches anything fails the test too, so
// the lists stay true.

// sdkOnlyPaths are SDK input members (and everything below them) that our
// schema and model do not have.
var sdkOnlyPaths = map[string]string{}

// oursOnlyPaths are paths of our schema that are not RegisterTaskDefinition
// input members.
var oursOnlyPaths = map[string]string{
	"taskDefinitionArn":  "describe-only field, declared so the schema can point to `bgspec clean` (SPEC.md §C.2)",
	"revision":           "describe-only field (SPEC.md §C.2)",
	"status":             "describe-only field (SPEC.md §C.2)",
	"requiresAttributes": "describe-only field (SPEC.md §C.2)",
	"compatibilities":    "describe-only field (SPEC.md §C.2)",
	"registeredAt":       "describe-only field (SPEC.md §C.2)",
	"registeredBy":       "describe-only field (SPEC.md §C.2)",
	"deregisteredAt":     "describe-only field (SPEC.md §C.2)",
	"deleteRequestedAt":  "describe-only field (SPEC.md §C.2)",
}

// enumDifferences are enum values where our schema deliberately differs
// from the SDK's Values(): path -> value -> reason. "+v" = the SDK has v and
// our schema does not; "-v" = our schema has v and the SDK does not.
var enumDifferences = map[string]map[string]string{}

// ourOnlyEnums are enum/const constraints of our schema on members that are
// plain strings in the SDK.
var ourOnlyEnums = map[string]string{}

func inAllowlist(list map[string]string, path string) (string, bool) {
	for p := range list {
		if path == p || strings.HasPrefix(path, p+"/") {
			return p, true
		}
	}
	return "", false
}

// TestSchemaCoversSDKInput compares every member path of
// ecs.RegisterTaskDefinitionInput (containers and every nested input type
// included) with our schema's properties.
func TestSchemaCoversSDKInput(t *testing.T) {
	sdk := walkSDK(reflect.TypeFor[ecs.RegisterTaskDefinitionInput]())
	ours := walkOurSchema(t, taskdef.Schema())
	if len(sdk) < 150 || len(ours) < 150 {
		t.Fatalf("walks look truncated: %d SDK paths, %d schema paths", len(sdk), len(ours))
	}
	used := map[string]bool{}
	for _, p := range sortedKeys(sdk) {
		if ours[p] != nil {
			continue
		}
		if entry, ok := inAllowlist(sdkOnlyPaths, p); ok {
			used[entry] = true
			continue
		}
		m := sdk[p]
		t.Errorf("SDK input member %s (Go %s.%s, %s) is not in taskdef.schema.json: AWS added it; add it to the schema and model, or to sdkOnlyPaths with a reason", p, m.owner, m.field, m.goType)
	}
	for _, p := range sortedKeys(ours) {
		if sdk[p] != nil {
			continue
		}
		if entry, ok := inAllowlist(oursOnlyPaths, p); ok {
			used[entry] = true
			continue
		}
		t.Errorf("schema property %s is not a member of ecs.RegisterTaskDefinitionInput in this SDK: AWS removed or renamed it, or the schema misspells it", p)
	}
	for _, list := range []map[string]string{sdkOnlyPaths, oursOnlyPaths} {
		for p := range list {
			if !used[p] {
				t.Errorf("allowlist entry %q matches nothing any more; remove it", p)
			}
		}
	}
}

// TestSchemaEnumsMatchSDK compares every enum of our schema with the SDK's
// Values() for the enum type of the same member.
func TestSchemaEnumsMatchSDK(t *testing.T) {
	sdk := walkSDK(reflect.TypeFor[ecs.RegisterTaskDefinitionInput]())
	ours := walkOurSchema(t, taskdef.Schema())
	enums := 0
	usedDiff := map[string]bool{}
	for _, p := range sortedKeys(sdk) {
		m := sdk[p]
		o := ours[p]
		if !m.isEnum || o == nil {
			continue // missing members are TestSchemaCoversSDKInput's job
		}
		enums++
		if !o.hasEnum {
			t.Errorf("%s: the SDK's %s is an enum %v but our schema accepts any string", p, m.goType, m.enum)
			continue
		}
		var diffs []string
		for _, v := range setDiff(m.enum, o.enum) {
			diffs = append(diffs, "+"+v)
		}
		for _, v := range setDiff(o.enum, m.enum) {
			diffs = append(diffs, "-"+v)
		}
		for _, d := range diffs {
			if _, ok := enumDifferences[p][d]; ok {
				usedDiff[p+" "+d] = true
				continue
			}
			if d[0] == '+' {
				t.Errorf("%s: the SDK's %s.Values() has %q, which our schema's enum lacks (AWS added it)", p, m.goType, d[1:])
			} else {
				t.Errorf("%s: our schema's enum has %q, which the SDK's %s.Values() lacks (AWS removed it, or it is misspelt)", p, d[1:], m.goType)
			}
		}
	}
	if enums < 20 {
		t.Errorf("only %d enums compared; the walk looks broken", enums)
	}
	for p, vs := range enumDifferences {
		for d := range vs {
			if !usedDiff[p+" "+d] {
				t.Errorf("enumDifferences entry %s %s matches nothing any more; remove it", p, d)
			}
		}
	}
	for _, p := range sortedKeys(ours) {
		o := ours[p]
		if !o.hasEnum {
			continue
		}
		if m := sdk[p]; m != nil && m.isEnum {
			continue
		}
		if _, ok := ourOnlyEnums[p]; ok {
			continue
		}
		if _, ok := inAllowlist(oursOnlyPaths, p); ok {
			continue
		}
		t.Errorf("%s: our schema restricts it to %v but the SDK member is not an enum; add it to ourOnlyEnums with a reason", p, o.enum)
	}
}

// TestModelPairsWithSDK walks the Go types of the model and of the SDK input
// together: every model field must have an SDK field of a convertible kind
// with the same wire name (else ToRegisterInput fails when it is set), and
// every SDK field must have a model field (else FromTaskDefinition drops it)
// unless listed in sdkOnlyPaths.
func TestModelPairsWithSDK(t *testing.T) {
	used := map[string]bool{}
	var rootSkip map[string]bool
	var walk func(model, sdk reflect.Type, path string)
	walk = func(model, sdk reflect.Type, path string) {
		model, sdk = deref(model), deref(sdk)
		switch {
		case sdk.Kind() == reflect.Interface:
			u, ok := unionOf(sdk)
			if !ok {
				t.Errorf("%s: SDK interface %s is not a registered union", path, sdk)
				return
			}
			if model.Kind() != reflect.Struct {
				t.Errorf("%s: model %s cannot hold union %s", path, model, sdk)
				return
			}
			mf := fieldsOf(model, modelSide)
			for name, mt := range u.members {
				i, ok := mf.byName[name]
				if !ok {
					t.Errorf("%s/%s: union member missing from the model", path, name)
					continue
				}
				vf, _ := mt.Elem().FieldByName("Value")
				walk(model.Field(mf.fields[i].index).Type, vf.Type, joinPath(path, name))
			}
		case sdk.Kind() == reflect.Struct:
			if model.Kind() != reflect.Struct {
				t.Errorf("%s: model %s vs SDK struct %s", path, model, sdk)
				return
			}
			mf, sf := fieldsOf(model, modelSide), fieldsOf(sdk, sdkSide)
			for _, f := range mf.fields {
				p := joinPath(path, f.name)
				if path == "" && rootSkip[f.name] {
					continue
				}
				i, ok := sf.byName[f.name]
				if !ok {
					t.Errorf("model field %s (%s.%s) has no SDK counterpart in %s; ToRegisterInput would reject it", p, model.Name(), model.Field(f.index).Name, sdk)
					continue
				}
				walk(model.Field(f.index).Type, sdk.Field(sf.fields[i].index).Type, p)
			}
			for _, f := range sf.fields {
				p := joinPath(path, f.name)
				if _, ok := mf.byName[f.name]; ok || (path == "" && rootSkip[f.name]) {
					continue
				}
				if entry, ok := inAllowlist(sdkOnlyPaths, p); ok {
					used[entry] = true
					continue
				}
				t.Errorf("SDK field %s (%s.%s) has no model field; FromTaskDefinition would drop it", p, sdk.Name(), sdk.Field(f.index).Name)
			}
		case sdk.Kind() == reflect.Slice:
			if model.Kind() != reflect.Slice {
				t.Errorf("%s: model %s vs SDK list %s", path, model, sdk)
				return
			}
			walk(model.Elem(), sdk.Elem(), path+"/[]")
		case sdk.Kind() == reflect.Map:
			if model.Kind() != reflect.Map || model.Key().Kind() != reflect.String {
				t.Errorf("%s: model %s vs SDK map %s", path, model, sdk)
				return
			}
			walk(model.Elem(), sdk.Elem(), path+"/{}")
		default:
			if kindClass(model.Kind()) != kindClass(sdk.Kind()) {
				t.Errorf("%s: model %s vs SDK %s are not convertible", path, model, sdk)
			}
			if vs, ok := enumValues(sdk); ok && model.Kind() == reflect.String && model.PkgPath() == "" {
				t.Logf("%s: model uses plain string for SDK enum %s %v", path, sdk, vs)
			}
		}
	}
	walk(reflect.TypeFor[taskdef.TaskDefinition](), reflect.TypeFor[ecs.RegisterTaskDefinitionInput](), "")
	// types.TaskDefinition: tags live beside it in DescribeTaskDefinitionOutput,
	// and the describe-only fields are dropped on purpose.
	rootSkip = map[string]bool{"tags": true}
	for k := range describeOnly {
		rootSkip[k] = true
	}
	walk(reflect.TypeFor[taskdef.TaskDefinition](), reflect.TypeFor[types.TaskDefinition](), "")
	for p := range sdkOnlyPaths {
		if !used[p] {
			t.Errorf("sdkOnlyPaths entry %q is in the model now; remove it", p)
		}
	}
}

func deref(t reflect.Type) reflect.Type {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t
}

func kindClass(k reflect.Kind) string {
	switch k {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "int"
	case reflect.Float32, reflect.Float64:
		return "float"
	}
	return k.String()
}

// requiredDifferences are members whose required-ness deliberately differs
// between our schema and the SDK's client-side validation.
var requiredDifferences = map[string]string{
	"containerDefinitions/[]/resourceRequirements/[]/sharingStrategy/nvidiaMps": "a union needs exactly one member; " +
		"the SDK expresses that with a Go interface (no member cannot be sent), our schema with required [nvidiaMps], " +
		"its only member",
}

// TestSchemaRequiredMatchesSDK compares our schema's unconditional "required"
// lists with the members the SDK client refuses to send without (its
// client-side validation runs before any request). The validator is probed
// with skeleton inputs in which every structure is present once and empty:
// one probe lists every required scalar or enum member, and one probe per
// structure or list-of-structures member, left out, shows whether that member
// is required. The SDK's non-pointer required numbers (always serialized, see
// TestSDKNonPointerScalars) cannot be missing and are added by hand.
func TestSchemaRequiredMatchesSDK(t *testing.T) {
	client := newFakeECS(t).client()
	probe := func(skip string) map[string]bool {
		in := new(ecs.RegisterTaskDefinitionInput)
		composites := fillSkeleton(reflect.ValueOf(in).Elem(), "", skip)
		_, err := client.RegisterTaskDefinition(context.Background(), in)
		if err == nil {
			t.Fatal("the SDK sent an empty skeleton; its required-member validation is gone")
		}
		got := map[string]bool{}
		for _, m := range regexp.MustCompile(`missing required field, RegisterTaskDefinitionInput\.(\S+)\.`).FindAllStringSubmatch(err.Error(), -1) {
			var toks []string
			for _, seg := range strings.Split(m[1], ".") {
				name, isList := strings.CutSuffix(seg, "[0]")
				if i := strings.IndexByte(name, '['); i >= 0 && strings.HasSuffix(name, "]") { // union member: "SharingStrategy[nvidiaMps]"
					toks = append(toks, sdkWireName(name[:i]), name[i+1:len(name)-1])
					continue
				}
				toks = append(toks, sdkWireName(name))
				if isList {
					toks = append(toks, "[]")
				}
			}
			got[strings.Join(toks, "/")] = true
		}
		if skip == "" {
			for _, c := range composites {
				got["?"+c] = true
			}
		}
		return got
	}
	sdkReq := map[string]bool{}
	base := probe("")
	for p := range base {
		if c, ok := strings.CutPrefix(p, "?"); ok {
			if probe(c)[c] {
				sdkReq[c] = true
			}
			continue
		}
		sdkReq[p] = true
	}
	if len(sdkReq) < 25 {
		t.Fatalf("only %d required members found: %v", len(sdkReq), sortedKeys(sdkReq))
	}
	for _, p := range []string{
		"containerDefinitions/[]/linuxParameters/tmpfs/[]/size",
		"containerDefinitions/[]/ulimits/[]/softLimit",
		"containerDefinitions/[]/ulimits/[]/hardLimit",
		"ephemeralStorage/sizeInGiB",
	} {
		sdkReq[p] = true
	}
	t.Logf("SDK-required members: %v", sortedKeys(sdkReq))
	ours := walkOurSchema(t, taskdef.Schema())
	used := map[string]bool{}
	for _, p := range sortedKeys(sdkReq) {
		if o := ours[p]; o != nil && o.required {
			continue
		}
		if _, ok := inAllowlist(sdkOnlyPaths, p); ok {
			continue
		}
		if _, ok := requiredDifferences[p]; ok {
			used[p] = true
			continue
		}
		t.Errorf("%s: the SDK requires it, our schema does not", p)
	}
	for _, p := range sortedKeys(ours) {
		if !ours[p].required || sdkReq[p] {
			continue
		}
		if _, ok := requiredDifferences[p]; ok {
			used[p] = true
			continue
		}
		t.Errorf("%s: our schema requires it, the SDK does not", p)
	}
	for p := range requiredDifferences {
		if !used[p] {
			t.Errorf("requiredDifferences entry %q matches nothing any more; remove it", p)
		}
	}
}

// fillSkeleton makes every structure reachable from v present, except the
// member at path skip: pointers to structs are allocated, lists of structs
// get one element and unions their first member (by wire name). It returns
// the paths of those composite members.
func fillSkeleton(v reflect.Value, path, skip string) []string {
	var composites []string
	switch v.Kind() {
	case reflect.Interface:
		if u, ok := unionOf(v.Type()); ok {
			composites = append(composites, path)
			if path != skip {
				name := sortedKeys(u.members)[0]
				m := reflect.New(u.members[name].Elem())
				composites = append(composites, fillSkeleton(m.Elem().FieldByName("Value"), joinPath(path, name), skip)...)
				v.Set(m)
			}
		}
	case reflect.Pointer:
		if v.Type().Elem().Kind() == reflect.Struct {
			composites = append(composites, path)
			if path != skip {
				v.Set(reflect.New(v.Type().Elem()))
				composites = append(composites, fillSkeleton(v.Elem(), path, skip)...)
			}
		}
	case reflect.Slice:
		if deref(v.Type().Elem()).Kind() == reflect.Struct {
			composites = append(composites, path)
			if path != skip {
				v.Set(reflect.MakeSlice(v.Type(), 1, 1))
				composites = append(composites, fillSkeleton(v.Index(0), path+"/[]", skip)...)
			}
		}
	case reflect.Struct:
		if v.Type().PkgPath() == "time" {
			return nil
		}
		for _, f := range fieldsOf(v.Type(), sdkSide).fields {
			composites = append(composites, fillSkeleton(v.Field(f.index), joinPath(path, f.name), skip)...)
		}
	}
	return composites
}
