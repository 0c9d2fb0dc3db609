package buildspec

import (
	"encoding/json"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/bgspec/bgspec/diag"
	"github.com/bgspec/bgspec/internal/source"
	"github.com/bgspec/bgspec/internal/textdist"
)

// phaseNames are the four phases in run order.
var phaseNames = []string{"install", "pre_build", "build", "post_build"}

// topKeys are the top-level keys of buildspec 0.2.
var topKeys = []string{"version", "run-as", "env", "proxy", "batch", "phases", "reports", "artifacts", "cache"}

// checker runs the semantic rules over the raw document value, which keeps
// the types the author wrote (the typed value cannot tell a missing
// command from a command YAML read as a map).
type checker struct {
	doc  *source.Doc
	r    *source.Reporter
	cmds []cmdRef // every string command, for the lints
	// reported holds "<pointer>\x00<rule>" for lints already reported.
	reported map[string]bool
}

// cmdRef is one command string and where it is.
type cmdRef struct {
	ptr  string
	text string
}

func check(doc *source.Doc, r *source.Reporter) {
	root, ok := doc.Value.(map[string]any)
	if !ok {
		return
	}
	c := &checker{doc: doc, r: r}
	c.version(root)
	c.topLevel(root)
	c.env(root)
	c.yesNo(root)
	c.phases(root)
	c.artifacts(root)
	c.reports(root)
	c.cache(root)
	c.batch(root)
	c.template(root)
	c.lint()
}

func (c *checker) version(root map[string]any) {
	v, ok := root["version"]
	if !ok {
		c.r.At("/version", RuleVersion, "the buildspec has no version: add version: 0.2 as the first line")
		return
	}
	var text string
	switch t := v.(type) {
	case json.Number:
		text = string(t)
	case string:
		text = t
	default:
		c.r.At("/version", RuleVersion, "version must be 0.2, not %s: write version: 0.2", describe(v))
		return
	}
	switch text {
	case "0.2":
		return
	case "0.1":
		c.r.At("/version", RuleVersionLegacy, "version 0.1 runs every command in a new shell and uses environment_variables/plaintext: write version: 0.2 (and env/variables)")
		return
	}
	if f, err := strconv.ParseFloat(text, 64); err == nil && (f == 0.2 || f == 0.1) {
		c.r.At("/version", RuleVersionLiteral, "version %s is read as %g by YAML readers: write %g", text, f, f)
		return
	}
	c.r.At("/version", RuleVersion, "invalid buildspec version %q: write version: 0.2", text)
}

func describe(v any) string {
	switch t := v.(type) {
	case nil:
		return "empty"
	case map[string]any:
		return "a map"
	case []any:
		return "a list"
	case bool:
		return "a boolean (" + strconv.FormatBool(t) + ")"
	case json.Number:
		return "the number " + string(t)
	case string:
		return strconv.Quote(t)
	}
	return fmt.Sprintf("%T", v)
}

// closestSeparators is built once: closest runs once per unknown key, and a
// file can hold tens of thousands of them.
var closestSeparators = strings.NewReplacer("-", "", "_", "", " ", "")

func closestNorm(x string) string { return closestSeparators.Replace(strings.ToLower(x)) }

// closest returns the candidate nearest to s: the first with the same
// letters ignoring case and -/_/space, else the first nearest within edit
// distance 2 of those folded forms, or "".
func closest(s string, candidates []string) string {
	return textdist.Nearest(s, candidates, 3, closestNorm)
}

func (c *checker) topLevel(root map[string]any) {
	for _, k := range slices.Sorted(maps.Keys(root)) {
		if slices.Contains(topKeys, k) {
			continue
		}
		ptr := diag.Pointer(k)
		switch {
		case k == "environment_variables":
			c.r.AtKey(ptr, RuleUnknownKey, "environment_variables is the version 0.1 key: in 0.2 write env: with variables: (0.1's plaintext:)")
		case slices.Contains(phaseNames, k):
			c.r.AtKey(ptr, RuleUnknownKey, "%s is a phase: indent it under phases:", k)
		default:
			if s := closest(k, topKeys); s != "" {
				c.r.AtKey(ptr, RuleUnknownKey, "unknown top-level key %q: did you mean %q?", k, s)
			} else {
				c.r.AtKey(ptr, RuleUnknownKey, "unknown top-level key %q (CodeBuild ignores it); buildspec 0.2 keys: %s", k, strings.Join(topKeys, ", "))
			}
		}
	}
}

const reservedPrefix = "CODEBUILD_"

func (c *checker) env(root map[string]any) {
	env, _ := root["env"].(map[string]any)
	if env == nil {
		return
	}
	for _, sec := range []string{"variables", "parameter-store", "secrets-manager"} {
		m, _ := env[sec].(map[string]any)
		for _, k := range slices.Sorted(maps.Keys(m)) {
			if strings.HasPrefix(strings.ToUpper(k), reservedPrefix) {
				c.r.AtKey(diag.Pointer("env", sec, k), RuleReservedEnvName, "%s: names starting with CODEBUILD_ are reserved by CodeBuild: rename the variable", k)
			}
		}
	}
	if sm, ok := env["secrets-manager"].(map[string]any); ok {
		for _, k := range slices.Sorted(maps.Keys(sm)) {
			s, ok := sm[k].(string)
			if !ok {
				continue
			}
			if msg := secretRefProblem(s); msg != "" {
				c.r.At(diag.Pointer("env", "secrets-manager", k), RuleSecretsManagerRef, "%s: %s; write secret-id[:json-key[:version-stage[:version-id]]]", k, msg)
			}
		}
	}
	if ev, ok := env["exported-variables"].([]any); ok {
		for i, e := range ev {
			if s, ok := e.(string); ok && strings.HasPrefix(strings.ToUpper(s), "AWS_") {
				c.r.At(diag.Index("/env/exported-variables", i), RuleExportedAWSPrefix, "%s cannot be exported (names starting with AWS_ are not exported): export a copy, e.g. %s", s, strings.TrimPrefix(strings.TrimPrefix(s, "AWS_"), "aws_"))
			}
		}
	}
	if vars, ok := env["variables"].(map[string]any); ok {
		for _, k := range slices.Sorted(maps.Keys(vars)) {
			if s, ok := vars[k].(string); ok {
				if why := plaintextKey(k, s); why != "" {
					c.r.At(diag.Pointer("env", "variables", k), RulePlaintextAWSKey, "env.variables.%s holds %s in plain text (the value is shown in the console and build logs): move it to env.secrets-manager or env.parameter-store", k, why)
				}
			}
		}
	}
}

// secretRefProblem checks a secrets-manager reference and returns what is
// wrong with it, or "".
func secretRefProblem(v string) string {
	if strings.TrimSpace(v) == "" {
		return "the reference is empty"
	}
	if strings.ContainsAny(v, " \t") {
		return "the reference contains spaces"
	}
	var parts []string
	if strings.HasPrefix(v, "arn:") {
		f := strings.SplitN(v, ":", 8)
		if len(f) < 7 || f[2] != "secretsmanager" || f[5] != "secret" || f[6] == "" {
			return "the ARN is not a Secrets Manager secret ARN (arn:aws:secretsmanager:region:account:secret:name)"
		}
		if len(f) == 8 {
			parts = strings.Split(f[7], ":")
		}
	} else {
		f := strings.Split(v, ":")
		if f[0] == "" {
			return "the secret id is empty"
		}
		parts = f[1:]
	}
	if len(parts) > 3 {
		return "too many ':'-separated parts"
	}
	if len(parts) == 3 && parts[1] != "" && parts[2] != "" {
		return "both version-stage and version-id are set (set one, leave the other empty)"
	}
	return ""
}

// yesNo reports booleans where yes/no is documented.
func (c *checker) yesNo(root map[string]any) {
	check := func(m map[string]any, ptr string, keys ...string) {
		for _, k := range keys {
			if b, ok := m[k].(bool); ok {
				want := "no"
				if b {
					want = "yes"
				}
				c.r.At(diag.Append(ptr, k), RuleYesNo, "%s is a YAML boolean; the reference documents yes or no: write %s", k, want)
			}
		}
	}
	if env, ok := root["env"].(map[string]any); ok {
		check(env, "/env", "git-credential-helper")
	}
	if p, ok := root["proxy"].(map[string]any); ok {
		check(p, "/proxy", "upload-artifacts", "logs")
	}
	if a, ok := root["artifacts"].(map[string]any); ok {
		check(a, "/artifacts", "discard-paths", "enable-symlinks")
		if sa, ok := a["secondary-artifacts"].(map[string]any); ok {
			for _, id := range slices.Sorted(maps.Keys(sa)) {
				if m, ok := sa[id].(map[string]any); ok {
					check(m, diag.Pointer("artifacts", "secondary-artifacts", id), "discard-paths", "enable-symlinks")
				}
			}
		}
	}
	if rep, ok := root["reports"].(map[string]any); ok {
		for _, id := range slices.Sorted(maps.Keys(rep)) {
			if m, ok := rep[id].(map[string]any); ok {
				check(m, diag.Pointer("reports", id), "discard-paths")
			}
		}
	}
}

var retryForm = regexp.MustCompile(`^RETRY(?:-([0-9]+))?(?:-(.+))?$`)

func (c *checker) phases(root map[string]any) {
	raw, present := root["phases"]
	if !present {
		c.r.At("/phases", RulePhasesRequired, "the buildspec has no phases: add phases: with a build phase and its commands")
		return
	}
	phases, ok := raw.(map[string]any)
	if !ok {
		return // the schema reports the type
	}
	for _, name := range slices.Sorted(maps.Keys(phases)) {
		ptr := diag.Pointer("phases", name)
		if !slices.Contains(phaseNames, name) {
			c.phaseName(name, ptr)
		}
		c.phase(name, ptr, phases[name])
	}
}

func (c *checker) phaseName(name, ptr string) {
	lower := strings.ToLower(name)
	switch {
	case slices.Contains(phaseNames, lower):
		c.r.AtKey(ptr, RulePhaseNameCase, "phase %q: write %q (lower case)", name, lower)
	case slices.Contains(topKeys, lower):
		c.r.AtKey(ptr, RulePhaseName, "%q is not a phase but a top-level key: outdent it to the level of phases (only install, pre_build, build and post_build are phases)", name)
	default:
		if s := closest(name, phaseNames); s != "" {
			c.r.AtKey(ptr, RulePhaseName, "invalid phase name %q: did you mean %q? (phases are install, pre_build, build, post_build)", name, s)
		} else {
			c.r.AtKey(ptr, RulePhaseName, "invalid phase name %q: phases are install, pre_build, build, post_build", name)
		}
	}
}

func (c *checker) phase(name, ptr string, raw any) {
	lower := strings.ToLower(name)
	needsCommands := slices.Contains(phaseNames[1:], lower)
	ph, isMap := raw.(map[string]any)
	if raw == nil || (!isMap && needsCommands) {
		if needsCommands && raw == nil {
			c.r.AtKey(ptr, RuleCommandsRequired, "the %s phase is empty: add commands: with at least one command, or remove the phase", name)
		}
		return
	}
	if !isMap {
		return
	}
	if _, ok := ph["runtime-versions"]; ok && lower != "install" {
		c.r.AtKey(ptr+"/runtime-versions", RuleRuntimeVersionsPhase, "runtime-versions is only allowed in the install phase: move it to phases.install")
	}
	if rv, ok := ph["runtime-versions"].(map[string]any); ok {
		for _, k := range slices.Sorted(maps.Keys(rv)) {
			if n, ok := rv[k].(json.Number); ok && strings.Contains(string(n), ".") {
				if f, err := strconv.ParseFloat(string(n), 64); err == nil && strconv.FormatFloat(f, 'f', -1, 64) != string(n) {
					c.r.At(diag.Append(ptr+"/runtime-versions", k), RuleRuntimeVersionNumber, "%s: %s is read as the number %s by YAML readers: quote it (%s: \"%s\")", k, n, strconv.FormatFloat(f, 'f', -1, 64), k, n)
				}
			}
		}
	}
	if of, ok := ph["on-failure"]; ok {
		c.onFailure(ptr+"/on-failure", of)
	}
	cmds, hasCmds := ph["commands"]
	list, isList := cmds.([]any)
	if needsCommands && (!hasCmds || cmds == nil || (isList && len(list) == 0)) {
		at := ptr
		if hasCmds {
			at = ptr + "/commands"
		}
		c.r.AtKey(at, RuleCommandsRequired, "the %s phase needs commands: with at least one command (or remove the phase)", name)
	}
	c.commandList(ptr+"/commands", cmds)
	c.commandList(ptr+"/finally", ph["finally"])
}

func (c *checker) onFailure(ptr string, v any) {
	s, ok := v.(string)
	if !ok {
		c.r.At(ptr, RuleOnFailure, "on-failure must be ABORT or CONTINUE (or a RETRY form), not %s", describe(v))
		return
	}
	switch s {
	case "ABORT", "CONTINUE":
		return
	}
	if m := retryForm.FindStringSubmatch(s); m != nil {
		if m[1] != "" {
			if n, err := strconv.Atoi(m[1]); err != nil || n > 100 {
				c.r.At(ptr, RuleOnFailure, "on-failure %s: the retry count must be 0 to 100", s)
				return
			}
		}
		if m[2] != "" {
			if _, err := regexp.Compile(m[2]); err != nil {
				c.r.At(ptr, RuleOnFailure, "on-failure %s: the retry pattern is not a valid regular expression", s)
			}
		}
		return
	}
	if u := strings.ToUpper(s); u == "ABORT" || u == "CONTINUE" || strings.HasPrefix(u, "RETRY") {
		c.r.At(ptr, RuleOnFailure, "on-failure %q: write it in upper case (%s)", s, u)
		return
	}
	c.r.At(ptr, RuleOnFailure, "on-failure %q is not valid: write ABORT or CONTINUE (or RETRY, RETRY-<count>, RETRY-<regex>, RETRY-<count>-<regex>)", s)
}

// commandList checks every item of a commands or finally list and keeps the
// strings for the lints.
func (c *checker) commandList(ptr string, v any) {
	list, ok := v.([]any)
	if !ok {
		return
	}
	for i, e := range list {
		p := diag.Index(ptr, i)
		switch t := e.(type) {
		case string:
			c.cmds = append(c.cmds, cmdRef{ptr: p, text: t})
		case nil:
			c.r.At(p, RuleEmptyCommand, "this command is empty (a list item holding only a comment reads as null): remove the item, or quote the command")
		case map[string]any:
			c.r.At(p, RuleCommandNotString, "YAML reads this command as a map because of an unquoted \": \"; quote the whole command, e.g. - %s", suggestQuoted(t))
		case []any:
			c.r.At(p, RuleCommandNotString, "YAML reads this command as a list (it starts with [ or -): quote the whole command")
		default:
			c.r.At(p, RuleCommandNotString, "YAML reads this command as %s, not a string: quote it", describe(e))
		}
	}
}

// suggestQuoted rebuilds the command a one-key map came from, single-quoted.
func suggestQuoted(m map[string]any) string {
	if len(m) == 1 {
		for k, v := range m {
			var val string
			switch t := v.(type) {
			case string:
				val = t
			case json.Number:
				val = string(t)
			case bool:
				val = strconv.FormatBool(t)
			case nil:
				val = ""
			default:
				return "'<command>'"
			}
			s := k + ":"
			if val != "" {
				s += " " + val
			}
			return "'" + strings.ReplaceAll(s, "'", "''") + "'"
		}
	}
	return "'<command>'"
}

func (c *checker) artifacts(root map[string]any) {
	raw, ok := root["artifacts"]
	if !ok {
		return
	}
	c.artifactFiles("/artifacts", raw, "artifacts")
	if a, ok := raw.(map[string]any); ok {
		if sa, ok := a["secondary-artifacts"].(map[string]any); ok {
			for _, id := range slices.Sorted(maps.Keys(sa)) {
				c.artifactFiles(diag.Pointer("artifacts", "secondary-artifacts", id), sa[id], "secondary artifact "+id)
			}
		}
	}
}

func (c *checker) artifactFiles(ptr string, raw any, what string) {
	a, _ := raw.(map[string]any)
	if raw != nil && a == nil {
		return // wrong type: the schema reports it
	}
	files, has := a["files"]
	switch t := files.(type) {
	case []any:
		if len(t) > 0 {
			return
		}
	case string:
		if t != "" {
			return
		}
	}
	if has {
		c.r.At(ptr+"/files", RuleArtifactsFiles, "%s has an empty files list: list the output files (for example - '**/*')", what)
		return
	}
	c.r.AtKey(ptr, RuleArtifactsFiles, "%s has no files: CodeBuild requires files whenever artifacts is present; list the output files (for example appspec.yaml and taskdef.json)", what)
}

func (c *checker) reports(root map[string]any) {
	if rep, ok := root["reports"].(map[string]any); ok && len(rep) > 5 {
		c.r.AtKey("/reports", RuleReportGroupsLimit, "%d report groups: a project can have at most 5; merge report groups", len(rep))
	}
}

func (c *checker) cache(root map[string]any) {
	cache, ok := root["cache"].(map[string]any)
	if !ok {
		return
	}
	fk, ok := cache["fallback-keys"].([]any)
	if !ok {
		return
	}
	if len(fk) > 5 {
		c.r.At("/cache/fallback-keys", RuleFallbackKeysLimit, "%d fallback-keys: at most 5 are allowed", len(fk))
	}
	if _, hasKey := cache["key"]; !hasKey && len(fk) > 0 {
		c.r.AtKey("/cache/fallback-keys", RuleFallbackWithoutKey, "fallback-keys are ignored without key: add cache.key")
	}
}

func (c *checker) batch(root map[string]any) {
	b, ok := root["batch"].(map[string]any)
	if !ok {
		return
	}
	var types []string
	for _, t := range []string{"build-graph", "build-list", "build-matrix", "build-fanout"} {
		if _, ok := b[t]; ok {
			types = append(types, t)
		}
	}
	if len(types) > 1 {
		c.r.AtKey("/batch", RuleBatchType, "batch holds %s: use one batch type per buildspec", strings.Join(types, " and "))
	}
}

// tfDirective matches a Terraform template directive (%{ if … }, %{ for … }),
// not curl's -w '%{http_code}'.
var tfDirective = regexp.MustCompile(`%\{~?\s*(?:if|for|endif|endfor|else)\b`)

// template reports the first Terraform template escape or directive.
func (c *checker) template(root map[string]any) {
	first, firstOff := "", -1
	var walk func(v any, ptr string)
	walk = func(v any, ptr string) {
		switch t := v.(type) {
		case string:
			if strings.Contains(t, "$${") || tfDirective.MatchString(t) {
				if off := c.doc.ValuePos(ptr).Offset; firstOff < 0 || off < firstOff || (off == firstOff && ptr < first) {
					first, firstOff = ptr, off
				}
			}
		case map[string]any:
			for k, e := range t {
				walk(e, diag.Append(ptr, k))
			}
		case []any:
			for i, e := range t {
				walk(e, diag.Index(ptr, i))
			}
		}
	}
	walk(root, "")
	if firstOff >= 0 {
		c.r.At(first, RuleTemplateEscape, "this file looks like a Terraform template (\"$${\" or \"%%{\"): validate the rendered buildspec; as written, $$ is the shell's process id")
	}
}
