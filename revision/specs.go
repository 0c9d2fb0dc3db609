package revision

import (
	"strings"

	"github.com/bgspec/bgspec/appspec"
	"github.com/bgspec/bgspec/buildspec"
	"github.com/bgspec/bgspec/diag"
	"github.com/bgspec/bgspec/taskdef"
)

// validateSpecs validates the spec files of a revision with their packages
// (reader, schema and semantic rules, with positions).
func validateSpecs(files Files, name namer, o *options) diag.List {
	var disabled []string
	for id := range o.disabled {
		disabled = append(disabled, id)
	}
	var l diag.List
	if src, ok := files[o.buildspec]; ok && src != nil {
		l = append(l, buildspec.Validate(name(o.buildspec), src, buildspec.Disable(disabled...))...)
	}
	if src, ok := files[o.appspec]; ok && src != nil {
		l = append(l, appspec.Validate(name(o.appspec), src, appspec.Platform(appspec.ComputeECS), appspec.Disable(disabled...))...)
	}
	if src, ok := files[o.taskdef]; ok && src != nil {
		l = append(l, taskdef.Validate(name(o.taskdef), src, taskdef.Disable(disabled...))...)
	}
	return l
}

// isJSONName reports whether a spec file name is read as JSON.
func isJSONName(name string) bool { return strings.HasSuffix(strings.ToLower(name), ".json") }
