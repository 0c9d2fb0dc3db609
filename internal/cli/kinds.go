package cli

import (
	"bytes"
	"path"
	"regexp"

	"github.com/bgspec/bgspec/appspec"
	"github.com/bgspec/bgspec/buildspec"
	"github.com/bgspec/bgspec/diag"
	"github.com/bgspec/bgspec/revision"
	"github.com/bgspec/bgspec/taskdef"
)

var (
	sniffTaskdef   = regexp.MustCompile(`"(containerDefinitions|taskDefinition)"\s*:`)
	sniffAppspec   = regexp.MustCompile(`(?m)^\s*"?(Resources|resources|Hooks|hooks|TargetService|os)"?\s*:`)
	sniffBuildspec = regexp.MustCompile(`(?m)^"?(phases|artifacts|env)"?\s*:`)
	sniffAction    = regexp.MustCompile(`"?(TaskDefinitionTemplateArtifact|AppSpecTemplateArtifact)"?\s*:`)
)

func globs(base string, patterns ...string) bool {
	for _, p := range patterns {
		if ok, _ := path.Match(p, base); ok {
			return true
		}
	}
	return false
}

var kindTable = []kind{
	{
		name:     "taskdef",
		validate: func(name string, src []byte) diag.List { return taskdef.Validate(name, src) },
		schema:   taskdef.Schema,
		byName: func(base string) bool {
			return globs(base, "taskdef*.json", "*task-definition*.json", "*task_definition*.json", "*taskdefinition*.json")
		},
		sniff: func(src []byte) bool {
			t := bytes.TrimLeft(src, " \t\r\n\xef\xbb\xbf")
			return len(t) > 0 && t[0] == '{' && sniffTaskdef.Match(src)
		},
	},
	{
		name:     "appspec",
		validate: func(name string, src []byte) diag.List { return appspec.Validate(name, src) },
		schema:   appspec.Schema,
		byName:   func(base string) bool { return globs(base, "appspec*.yaml", "appspec*.yml", "appspec*.json") },
		sniff:    sniffAppspec.Match,
	},
	{
		name:     "buildspec",
		validate: func(name string, src []byte) diag.List { return buildspec.Validate(name, src) },
		schema:   buildspec.Schema,
		byName:   func(base string) bool { return globs(base, "buildspec*.yml", "buildspec*.yaml") },
		sniff:    sniffBuildspec.Match,
	},
	{
		// The configuration of the pipeline's CodeDeployToECS action (or the
		// whole action declaration): not part of the revision, but the file
		// that says which artifacts and placeholders the deploy reads.
		name:     "action",
		validate: revision.ValidateAction,
		schema:   revision.ActionSchema,
		byName: func(base string) bool {
			return globs(base, "codedeploy-action*.json", "codedeploy-action*.yaml", "codedeploy-action*.yml", "*codedeploytoecs*.json")
		},
		sniff: sniffAction.Match,
	},
}

func kinds() []kind { return kindTable }
