// Package taskdef builds, reads and validates ECS task definitions: the
// RegisterTaskDefinition input that CodePipeline's CodeDeployToECS action
// reads as taskdef.json.
//
// [Validate] reports every problem at once with file:line:col and a JSON
// pointer: reader problems (size, encoding, duplicate keys, syntax), the
// embedded JSON Schema (botocore ECS model ecs 2014-11-13), and semantic rules
// (awsvpc host ports, Fargate sizes, dependsOn, secrets, placeholders, …).
// [Marshal] output is deterministic: the same value always renders to the
// same bytes (two-space JSON, no HTML escaping, one trailing newline).
//
// Builders ([AwsvpcTask], [Container], [PortMapping], [AwsLogs], …) are
// small constructors returning plain structs; [SetImages] and [SetTags]
// rewrite images by exact container name; [Clean] turns
// describe-task-definition output into a registrable document.
package taskdef

import (
	_ "embed"
	"encoding/json"
	"os"
	"sync"

	"github.com/bgspec/bgspec/diag"
	"github.com/bgspec/bgspec/internal/render"
	"github.com/bgspec/bgspec/internal/schema"
	"github.com/bgspec/bgspec/internal/source"
)

//go:embed schema/taskdef.schema.json
var schemaSrc []byte

// UnknownKeyNote is appended to every unknown-key diagnostic.
const UnknownKeyNote = "the field is not in the ECS model this version of bgspec knows (botocore ecs 2014-11-13)"

var taskdefSchema = schema.New("taskdef.schema.json", schemaSrc, UnknownKeyNote)

// describeSchema is the schema of describe-task-definition output, built from
// the embedded one: {"taskDefinition": <task definition>, "tags": [<Tag>]}.
var describeSchema = sync.OnceValue(func() *schema.Schema {
	var root map[string]any
	if err := json.Unmarshal(schemaSrc, &root); err != nil {
		panic(err) // the embedded schema is tested to parse
	}
	defs, _ := root["$defs"].(map[string]any)
	td := map[string]any{}
	for _, k := range []string{"description", "type", "required", "properties", "additionalProperties"} {
		td[k] = root[k]
	}
	defs["TaskDefinition"] = td
	wrapper := map[string]any{
		"$schema":     root["$schema"],
		"title":       "describe-task-definition output",
		"description": "Output of aws ecs describe-task-definition; run bgspec clean to get a registrable task definition.",
		"type":        "object",
		"properties": map[string]any{
			"taskDefinition": map[string]any{"$ref": "#/$defs/TaskDefinition"},
			"tags":           map[string]any{"type": "array", "maxItems": 50, "items": map[string]any{"$ref": "#/$defs/Tag"}},
		},
		"additionalProperties": false,
		"$defs":                defs,
	}
	b, err := json.Marshal(wrapper)
	if err != nil {
		panic(err)
	}
	return schema.New("taskdef-describe.schema.json", b, UnknownKeyNote)
})

// Schema returns the embedded JSON Schema (draft 2020-12) of taskdef.json.
func Schema() []byte { return taskdefSchema.Source() }

// DefaultMaxBytes is the default size cap: 64 KiB, the ECS task definition
// size quota.
const DefaultMaxBytes = source.DefaultJSONMaxBytes

// Option configures Parse and Validate. Options configure behaviour, never
// data.
type Option func(*options)

type options struct {
	maxBytes int
	disabled map[string]bool
}

func newOptions(opts []Option) options {
	o := options{maxBytes: DefaultMaxBytes}
	for _, f := range opts {
		if f != nil {
			f(&o)
		}
	}
	return o
}

// Disable turns off the given rule ids (for example "taskdef/plaintext-secret"
// or "schema/additionalProperties").
func Disable(ruleIDs ...string) Option {
	return func(o *options) {
		if o.disabled == nil {
			o.disabled = make(map[string]bool)
		}
		for _, id := range ruleIDs {
			o.disabled[id] = true
		}
	}
}

// MaxBytes sets the size cap (default 64 KiB, the ECS quota). n <= 0 keeps
// the default.
func MaxBytes(n int) Option {
	return func(o *options) {
		if n > 0 {
			o.maxBytes = n
		}
	}
}

// Marshal renders td as two-space indented JSON without HTML escaping, ending
// in one newline. The same value always gives the same bytes.
func Marshal(td *TaskDefinition) ([]byte, error) {
	if td == nil {
		td = &TaskDefinition{}
	}
	return render.JSON(td)
}

// WriteFile writes td to path atomically, leaving the file untouched when it
// already holds exactly the rendered bytes.
func WriteFile(path string, td *TaskDefinition) error {
	b, err := Marshal(td)
	if err != nil {
		return err
	}
	perm := os.FileMode(0o644)
	if fi, err := os.Stat(path); err == nil {
		perm = fi.Mode().Perm()
	}
	_, err = render.WriteFile(path, b, perm)
	return err
}

// Parse reads src (named name in diagnostics) into a TaskDefinition, decoded
// leniently (members of the wrong type are left zero), and returns every
// diagnostic Validate would. The value is nil only when src is not readable
// JSON at all. Describe output wrapped in {"taskDefinition": …} is unwrapped.
func Parse(name string, src []byte, opts ...Option) (*TaskDefinition, diag.List) {
	return check(name, src, newOptions(opts))
}

// Validate checks src (named name in diagnostics) and returns every problem
// at once, sorted: reader, schema and semantic diagnostics. It never panics.
func Validate(name string, src []byte, opts ...Option) diag.List {
	_, l := check(name, src, newOptions(opts))
	return l
}

// Validate renders td with Marshal and validates the bytes, so positions
// point into the rendered document (named "taskdef.json").
func (td *TaskDefinition) Validate(opts ...Option) diag.List {
	b, err := Marshal(td)
	if err != nil {
		return diag.List{{File: "taskdef.json", Path: "", Rule: schema.RuleInvalidValue, Severity: diag.Error, Message: "the task definition cannot be rendered: " + err.Error()}}
	}
	return Validate("taskdef.json", b, opts...)
}

func check(name string, src []byte, o options) (*TaskDefinition, diag.List) {
	doc, l := source.ParseJSON(name, src, source.Options{MaxBytes: o.maxBytes})
	r := &source.Reporter{Doc: doc, Disabled: o.disabled}
	r.Add(l...)
	if doc.Value == nil {
		return nil, r.Result()
	}
	td := analyze(doc, r)
	return td, r.Result()
}

// DescribeOnlyFields are the members describe-task-definition returns that
// RegisterTaskDefinition rejects (SPEC C.2): the eight AWS's deploy action
// strips, plus deleteRequestedAt.
var DescribeOnlyFields = []string{
	"taskDefinitionArn", "revision", "status", "requiresAttributes", "compatibilities",
	"registeredAt", "registeredBy", "deregisteredAt", "deleteRequestedAt",
}
