package revision

import (
	"path"
	"slices"
	"sort"
	"strings"

	"github.com/bgspec/bgspec/diag"
)

// specFile names one spec file the revision must carry at its root.
type specFile struct {
	name string   // configured name
	what string   // who reads it
	alt  []string // names people use by mistake
}

func (o *options) specFiles() []specFile {
	var out []specFile
	add := func(name, what string, alt ...string) {
		if name != "-" && name != "" {
			out = append(out, specFile{name: name, what: what, alt: alt})
		}
	}
	add(o.buildspec, "CodeBuild reads it from the source root unless the project sets a buildspec override",
		"buildspec.yaml", "buildspec.yml", "buildspec.json")
	add(o.appspec, "the CodeDeployToECS action reads AppSpecTemplatePath (default appspec.yaml)",
		"appspec.yml", "appspec.yaml", "appspec.json")
	add(o.taskdef, "the CodeDeployToECS action reads TaskDefinitionTemplatePath (default taskdef.json)",
		"taskdef.json", "taskdef.yaml", "task-definition.json", "taskdefinition.json")
	return out
}

// checkLayout reports spec files that are not at the root of the archive
// names (sorted or not). file is the name diagnostics carry.
func checkLayout(file string, names []string, o *options) diag.List {
	var l diag.List
	add := func(rule, format string, args ...any) {
		l = append(l, fileDiag(file, rule, format, args...))
	}
	root := make(map[string]bool)
	for _, n := range names {
		if !strings.Contains(n, "/") {
			root[n] = true
		}
	}
	specs := o.specFiles()
	// The classic mistake: the folder was zipped instead of its contents, so
	// every spec file sits under one top-level folder.
	if top := singleTopFolder(names); top != "" {
		var found []string
		for _, s := range specs {
			if !root[s.name] && slices.Contains(names, top+"/"+s.name) {
				found = append(found, top+"/"+s.name)
			}
		}
		if len(found) > 0 {
			add(RuleNotAtRoot, "every file is inside the folder %q, so %s %s not at the root: the folder was zipped instead of its contents; pack the contents of %q (cd %s && zip -r ../application.zip .)",
				top, strings.Join(found, ", "), isAre(len(found)), top, top)
			return l
		}
	}
	for _, s := range specs {
		if root[s.name] {
			continue
		}
		var nested []string
		for _, n := range names {
			if strings.Contains(n, "/") && strings.EqualFold(path.Base(n), s.name) {
				nested = append(nested, n)
			}
		}
		if len(nested) > 0 {
			sort.Strings(nested)
			add(RuleNotAtRoot, "%s must be at the archive root (found %s): move it up to the root; %s",
				s.name, strings.Join(nested, ", "), s.what)
			continue
		}
		var near []string
		for n := range root {
			if n == s.name {
				continue
			}
			if strings.EqualFold(n, s.name) || containsFold(s.alt, n) {
				near = append(near, n)
			}
		}
		sort.Strings(near)
		if len(near) > 0 {
			add(RuleMissingSpec, "%s is missing at the root, but %s is there: rename it to %s, or configure that name (%s)",
				s.name, strings.Join(near, ", "), s.name, s.what)
			continue
		}
		add(RuleMissingSpec, "%s is missing at the root: add it (%s)", s.name, s.what)
	}
	return l
}

// singleTopFolder returns the folder that holds every name, if all names
// share one top-level folder and none is at the root.
func singleTopFolder(names []string) string {
	top := ""
	for _, n := range names {
		i := strings.IndexByte(n, '/')
		if i <= 0 {
			return ""
		}
		if top == "" {
			top = n[:i]
		} else if n[:i] != top {
			return ""
		}
	}
	return top
}

func containsFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

func isAre(n int) string {
	if n == 1 {
		return "is"
	}
	return "are"
}
