// Package buildspec models, builds and validates AWS CodeBuild buildspec
// files (version 0.2).
//
// [Parse] and [Validate] read a buildspec.yml with positions and report every
// problem at once as a [diag.List]: YAML reader problems (duplicate keys,
// tabs, aliases…), the embedded JSON Schema ([Schema]), and the buildspec
// rules and lints registered under "buildspec/…" (version, phase names,
// commands that YAML turned into maps, reserved variable names, removed ECR
// login commands, passwords on the command line, plaintext AWS keys, Docker
// Hub base images, sed on taskdef.json…). Every diagnostic carries a line,
// a column, a JSON pointer and a rule id; [Disable] turns rules off.
//
// [Recipe] builds the buildspec of an ECS blue/green deployment through
// CodePipeline and CodeDeploy: ECR login, one docker build and push per
// image, and either imageDetail.json secondary artifacts for the
// CodeDeployToECS action's <IMAGEn_NAME> placeholders or a jq rewrite of
// taskdef.json.
//
// Output is deterministic: [Marshal] writes the same bytes for the same
// value, keys in the documented order, map keys sorted.
package buildspec

import (
	_ "embed"

	"github.com/bgspec/bgspec/diag"
	"github.com/bgspec/bgspec/internal/schema"
	"github.com/bgspec/bgspec/internal/source"
)

//go:embed schema/buildspec.schema.json
var schemaJSON []byte

var buildspecSchema = schema.New("buildspec.schema.json", schemaJSON,
	"buildspec 0.2 keys are lower-case, with - between words (phase names use _)")

// Schema returns the embedded JSON Schema (draft 2020-12) for buildspec 0.2.
func Schema() []byte { return buildspecSchema.Source() }

// Option configures Parse and Validate.
type Option func(*options)

type options struct {
	disabled map[string]bool
}

// Disable turns off the given rule ids (for example
// "buildspec/docker-hub-image"); their diagnostics are dropped.
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

func makeOptions(opts []Option) options {
	var o options
	for _, f := range opts {
		if f != nil {
			f(&o)
		}
	}
	return o
}

// Parse reads a buildspec. It returns the typed value, decoded leniently
// (members of the wrong type are left zero; the diagnostics say why), and
// every diagnostic Validate would return. The value is nil only when the
// file could not be read as a YAML mapping at all.
func Parse(name string, src []byte, opts ...Option) (*Buildspec, diag.List) {
	o := makeOptions(opts)
	doc, l := source.ParseYAML(name, src, source.Options{})
	r := &source.Reporter{Doc: doc, Disabled: o.disabled}
	r.Add(l...)
	if doc.Value == nil {
		return nil, r.Result()
	}
	schemaDiags := buildspecSchema.Validate(doc)
	var b *Buildspec
	if _, ok := doc.Value.(map[string]any); ok {
		b = new(Buildspec)
		source.Decode(doc.Value, b)
	}
	sem := &source.Reporter{Doc: doc, Disabled: o.disabled}
	check(doc, sem)
	// A rule's diagnostic at the same path says more than the schema's (a
	// command that YAML read as a map, a missing version, …).
	r.Add(schema.Supersede(schemaDiags, sem.List, func(rule string) bool { return supersedes[rule] })...)
	r.AddFrom(sem)
	return b, r.Result()
}

// Validate reads a buildspec and returns every problem found: reader,
// schema, rules and lints, sorted and without duplicates. It never panics.
func Validate(name string, src []byte, opts ...Option) diag.List {
	_, l := Parse(name, src, opts...)
	return l
}

// Validate marshals x and validates the bytes, so positions point into the
// output of [Marshal]. The file name in diagnostics is "buildspec.yml".
func (x *Buildspec) Validate(opts ...Option) diag.List {
	b, err := Marshal(x)
	if err != nil {
		return diag.List{{File: "buildspec.yml", Path: "", Rule: RuleMarshal, Severity: diag.Error, Message: err.Error()}}
	}
	return Validate("buildspec.yml", b, opts...)
}
