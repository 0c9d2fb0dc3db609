package revision

import (
	"bytes"
	_ "embed"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/bgspec/bgspec/diag"
	"github.com/bgspec/bgspec/internal/schema"
	"github.com/bgspec/bgspec/internal/source"
)

//go:embed schema/codedeploy-action.schema.json
var actionSchemaSrc []byte

var actionSchema = schema.New("codedeploy-action.schema.json", actionSchemaSrc, "not a CodeDeployToECS configuration key")

// ActionSchema returns the embedded JSON Schema (draft 2020-12) of a
// CodeDeployToECS action configuration file: the configuration map alone,
// or an action declaration holding it under Configuration (CloudFormation)
// or configuration (the CodePipeline API).
func ActionSchema() []byte { return slices.Clone(actionSchemaSrc) }

// RuleActionInput is reported when an action declaration lists its input
// artifacts and the configuration names one that is not among them.
var RuleActionInput = reg("revision/action-input-artifact", diag.Error,
	"the configuration names an artifact that is not among the action declaration's InputArtifacts: CodePipeline fails the action; add it to InputArtifacts")

var imageKeyRE = regexp.MustCompile(`^Image([1-9][0-9]{0,2})(ArtifactName|ContainerName)$`)

// ParseAction reads a CodeDeployToECS action configuration file (JSON, or
// YAML for a CloudFormation excerpt): the configuration map itself, as
// [Action.JSON] writes it, or a whole action declaration whose
// Configuration (CloudFormation) or configuration (CodePipeline API, for
// example from aws codepipeline get-pipeline) holds it. It returns the
// typed action and every problem, positioned in src: the schema (unknown
// keys, values that are not strings, pairs of Image<N> keys), the rules of
// [Action.Validate], and, for a declaration, configuration artifacts that
// are missing from its input artifacts.
//
// The action is nil when src holds no readable object. Image<N> keys keep
// their order; numbers that skip (Image1, Image3) are closed up, as
// CodePipeline reads each pair on its own.
func ParseAction(name string, src []byte) (*Action, diag.List) {
	var doc *source.Doc
	var l diag.List
	if t := bytes.TrimLeft(src, " \t\r\n\xef\xbb\xbf"); len(t) > 0 && t[0] == '{' {
		doc, l = source.ParseJSON(name, src, source.Options{})
	} else {
		doc, l = source.ParseYAML(name, src, source.Options{})
	}
	r := &source.Reporter{Doc: doc}
	r.Add(l...)
	if !doc.Parsed() {
		return nil, r.Result()
	}
	schemaDiags := actionSchema.Validate(doc)
	root, ok := doc.Value.(map[string]any)
	if !ok {
		r.Add(schemaDiags...)
		return nil, r.Result()
	}
	base, cfg := "", root
	for _, k := range []string{"Configuration", "configuration"} {
		if v, has := root[k]; has {
			base = "/" + k
			cfg, _ = v.(map[string]any) // not an object: the schema says so
			break
		}
	}
	a, keyOf := actionFromMap(cfg)
	a.Source = &ActionSource{File: doc.File, Keys: make(map[string]Location, len(keyOf))}
	for k, inFile := range keyOf {
		ptr := diag.Append(base, inFile)
		p := doc.ValuePos(ptr)
		a.Source.Keys[k] = Location{Line: p.Line, Column: p.Column, Path: ptr}
	}
	sem := &source.Reporter{Doc: doc}
	for _, d := range a.Validate() {
		ptr := base
		if d.Path != "" {
			key := keyOf[strings.TrimPrefix(d.Path, "/")]
			if key == "" {
				continue // a key the file lacks: the schema reports it missing
			}
			ptr = diag.Append(base, key)
		}
		sem.At(ptr, d.Rule, "%s", d.Message)
	}
	if base != "" {
		checkInputArtifacts(sem, root, base, cfg)
	}
	// The rules' diagnostic at a key says more than the schema's.
	r.Add(schema.Supersede(schemaDiags, sem.List, nil)...)
	r.AddFrom(sem)
	return a, r.Result()
}

// ValidateAction is [ParseAction] without the action: every problem of a
// CodeDeployToECS action configuration file.
func ValidateAction(name string, src []byte) diag.List {
	_, l := ParseAction(name, src)
	return l
}

// actionFromMap builds the action of a configuration map and returns, for
// each key of the action's rendering (Action.pairs), the key of m it came
// from.
func actionFromMap(m map[string]any) (*Action, map[string]string) {
	a := &Action{}
	keyOf := map[string]string{}
	text := func(k string) string {
		switch v := m[k].(type) {
		case nil:
			return ""
		case string:
			return v
		default: // a number or a boolean: the schema reports it; keep its text
			return fmt.Sprint(v)
		}
	}
	for _, k := range []string{"ApplicationName", "DeploymentGroupName", "TaskDefinitionTemplateArtifact", "TaskDefinitionTemplatePath", "AppSpecTemplateArtifact", "AppSpecTemplatePath"} {
		if _, ok := m[k]; ok {
			keyOf[k] = k
		}
	}
	a.ApplicationName, a.DeploymentGroupName = text("ApplicationName"), text("DeploymentGroupName")
	a.TaskDefinitionTemplateArtifact, a.TaskDefinitionTemplatePath = text("TaskDefinitionTemplateArtifact"), text("TaskDefinitionTemplatePath")
	a.AppSpecTemplateArtifact, a.AppSpecTemplatePath = text("AppSpecTemplateArtifact"), text("AppSpecTemplatePath")

	var nums []int
	for k := range m {
		if s := imageKeyRE.FindStringSubmatch(k); s != nil {
			n, _ := strconv.Atoi(s[1])
			if !slices.Contains(nums, n) {
				nums = append(nums, n)
			}
		}
	}
	slices.Sort(nums)
	for i, n := range nums {
		from, to := "Image"+strconv.Itoa(n), "Image"+strconv.Itoa(i+1)
		im := Image{ArtifactName: text(from + "ArtifactName"), ContainerName: text(from + "ContainerName")}
		for _, f := range []string{"ArtifactName", "ContainerName"} {
			if _, ok := m[from+f]; ok {
				keyOf[to+f] = from + f
			}
		}
		a.Images = append(a.Images, im)
	}
	return a, keyOf
}

// checkInputArtifacts reports configuration artifacts that the declaration's
// InputArtifacts (CloudFormation: [{Name}]) or inputArtifacts (API: [{name}])
// does not list. A declaration without the list is not checked.
func checkInputArtifacts(r *source.Reporter, root map[string]any, base string, cfg map[string]any) {
	listKey, nameKey := "InputArtifacts", "Name"
	if _, ok := root[listKey]; !ok {
		listKey, nameKey = "inputArtifacts", "name"
	}
	list, ok := root[listKey].([]any)
	if !ok {
		return
	}
	have := map[string]bool{}
	var names []string
	for _, it := range list {
		if m, ok := it.(map[string]any); ok {
			if n, ok := m[nameKey].(string); ok {
				have[n] = true
				names = append(names, n)
			}
		}
	}
	keys := make([]string, 0, len(cfg))
	for k := range cfg {
		if k == "TaskDefinitionTemplateArtifact" || k == "AppSpecTemplateArtifact" || imageKeyRE.MatchString(k) && strings.HasSuffix(k, "ArtifactName") {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	for _, k := range keys {
		if v, ok := cfg[k].(string); ok && v != "" && !have[v] {
			r.At(diag.Append(base, k), RuleActionInput, "%s names artifact %q, which is not among the declaration's %s [%s]: add {%q: %q} there", k, v, listKey, strings.Join(names, ", "), nameKey, v)
		}
	}
}
