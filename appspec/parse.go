package appspec

import (
	"cmp"
	_ "embed"
	"encoding/json"
	"maps"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/bgspec/bgspec/diag"
	"github.com/bgspec/bgspec/internal/schema"
	"github.com/bgspec/bgspec/internal/source"
)

// Option configures Parse and Validate. Options change behaviour, never data.
type Option func(*options)

type options struct {
	disabled map[string]bool
	platform ComputePlatform
	pipeline bool
}

func makeOptions(opts []Option) options {
	o := options{disabled: map[string]bool{}}
	for _, f := range opts {
		if f != nil {
			f(&o)
		}
	}
	return o
}

// Disable turns the given rule ids off (for example
// "appspec/no-capacity-provider-strategy").
func Disable(ruleIDs ...string) Option {
	return func(o *options) {
		for _, id := range ruleIDs {
			o.disabled[id] = true
		}
	}
}

// Platform forces the compute platform instead of detecting it from the
// content. An empty value restores detection; other names are read as
// ParsePlatform reads them, and an unknown name means ECS.
func Platform(p ComputePlatform) Option {
	return func(o *options) {
		if p == "" {
			o.platform = ""
			return
		}
		q, ok := ParsePlatform(string(p))
		if !ok {
			q = ComputeECS
		}
		o.platform = q
	}
}

// ParsePlatform reads a compute-platform name as users write it: "ECS",
// "Lambda", "Server", "EC2", "EC2/On-Premises", "OnPremises" (any case).
func ParsePlatform(s string) (ComputePlatform, bool) {
	switch strings.NewReplacer("-", "", "/", "", " ", "", "_", "").Replace(strings.ToLower(s)) {
	case "ecs":
		return ComputeECS, true
	case "lambda":
		return ComputeLambda, true
	case "server", "ec2", "ec2onpremises", "onpremises", "onprem":
		return ComputeServer, true
	}
	return "", false
}

// ForPipeline says the AppSpec is a CodePipeline CodeDeployToECS template: a
// TaskDefinition other than TaskDefinitionPlaceholder gets a warning
// (appspec/task-definition-placeholder), because the action replaces only
// the placeholder.
func ForPipeline() Option {
	return func(o *options) { o.pipeline = true }
}

//go:embed schema/appspec.schema.json
var schemaSrc []byte

// Schema returns the embedded JSON Schema (draft 2020-12) for AppSpec files.
func Schema() []byte { return slices.Clone(schemaSrc) }

const unknownNote = "not in the CodeDeploy AppSpec reference"

// platformSchemas are the embedded schema with its root replaced by a $ref to
// one platform's definition, so that a forced platform validates against it.
// They are built on first use, not at program start (a CLI run that never
// reads an AppSpec should not pay for them).
var platformSchemas = sync.OnceValue(func() map[ComputePlatform]*schema.Schema {
	var raw map[string]any
	if err := json.Unmarshal(schemaSrc, &raw); err != nil {
		panic("appspec: embedded schema: " + err.Error())
	}
	out := map[ComputePlatform]*schema.Schema{}
	for p, def := range map[ComputePlatform]string{ComputeECS: "ecs", ComputeLambda: "lambda", ComputeServer: "server"} {
		sub := map[string]any{"$schema": raw["$schema"], "$defs": raw["$defs"], "$ref": "#/$defs/" + def}
		b, err := json.Marshal(sub)
		if err != nil {
			panic("appspec: embedded schema: " + err.Error())
		}
		out[p] = schema.New("appspec-"+def+".schema.json", b, unknownNote)
	}
	return out
})

var fullSchema = schema.New("appspec.schema.json", schemaSrc, unknownNote)

func isJSONName(name string) bool { return strings.EqualFold(path.Ext(name), ".json") }

// read parses src as JSON when name ends in .json, as YAML when it ends in
// .yaml or .yml, and otherwise by content: JSON when it starts with '{'.
func read(name string, src []byte) (*source.Doc, diag.List) {
	o := source.Options{MaxBytes: source.DefaultYAMLMaxBytes}
	ext := strings.ToLower(path.Ext(name))
	useJSON := ext == ".json"
	if ext != ".json" && ext != ".yaml" && ext != ".yml" {
		t := strings.TrimLeft(strings.TrimPrefix(string(src[:min(len(src), 512)]), "\ufeff"), " \t\r\n")
		useJSON = strings.HasPrefix(t, "{")
	}
	if useJSON {
		return source.ParseJSON(name, src, o)
	}
	return source.ParseYAML(name, src, o)
}

// Parse reads an AppSpec (YAML or JSON) into a typed value and returns it
// with every diagnostic Validate would report. The typed value is lenient:
// members of the wrong type are left zero, keys are matched case-insensitively,
// and a numeric string such as "80" is read as a number. It is never nil.
func Parse(name string, src []byte, opts ...Option) (*AppSpec, diag.List) {
	o := makeOptions(opts)
	doc, l := read(name, src)
	r := &source.Reporter{Doc: doc, Disabled: o.disabled}
	r.Add(l...)
	if doc.Value == nil {
		return &AppSpec{Platform: cmp.Or(o.platform, ComputeECS)}, r.Result()
	}
	p := o.platform
	if p == "" {
		p = Detect(doc.Value)
	}
	sem := &source.Reporter{Doc: doc, Disabled: o.disabled}
	errPaths := check(p, obj{doc.Value, ""}, sem, o)
	for _, d := range sem.List {
		if d.Severity == diag.Error {
			errPaths[d.Path] = true
		}
	}
	for _, d := range platformSchemas()[p].Validate(doc) { // p is ECS, Lambda or Server (Platform and Detect)
		if errPaths[d.Path] || (d.Rule == "schema/required" && errPaths[parentPtr(d.Path)]) {
			continue // a semantic rule says it better
		}
		r.Add(d)
	}
	r.AddFrom(sem)
	return decode(doc.Value, p), r.Result()
}

// Validate reads an AppSpec and reports every problem at once: reader,
// schema and semantic diagnostics, sorted and deduplicated. It never panics.
func Validate(name string, src []byte, opts ...Option) diag.List {
	_, l := Parse(name, src, opts...)
	return l
}

// Validate renders a with Marshal (YAML) and validates those bytes, so
// positions point into Marshal's output. The platform is forced to
// a.Platform when set.
func (a *AppSpec) Validate(opts ...Option) diag.List {
	b, err := Marshal(a)
	if err != nil {
		return diag.List{{File: "appspec.yaml", Rule: ruleRender, Severity: diag.Error, Message: "the AppSpec cannot be rendered: " + err.Error()}}
	}
	if a.Platform != "" {
		opts = append([]Option{Platform(a.Platform)}, opts...)
	}
	return Validate("appspec.yaml", b, opts...)
}

func parentPtr(ptr string) string {
	if i := strings.LastIndexByte(ptr, '/'); i >= 0 {
		return ptr[:i]
	}
	return ""
}

// Detect returns the compute platform an AppSpec value is written for: EC2/
// On-Premises when it has os, files, permissions, file_exists_behavior or a
// lower-case hooks map; Lambda when a resource has Type
// AWS::Lambda::Function or Lambda properties; ECS otherwise.
func Detect(v any) ComputePlatform {
	root := obj{v, ""}
	m, ok := v.(map[string]any)
	if !ok {
		return ComputeECS
	}
	for _, k := range []string{"os", "files", "permissions", "file_exists_behavior"} {
		if _, ok := m[k]; ok {
			return ComputeServer
		}
	}
	if h, ok := m["hooks"].(map[string]any); ok && h != nil {
		return ComputeServer
	}
	res, _ := root.get("Resources")
	for _, item := range res.items() {
		for _, body := range item.members() {
			if strings.EqualFold(body.key(), TargetService) {
				return ComputeECS
			}
			if t, ok := body.get("Type"); ok {
				s, _ := t.v.(string)
				switch {
				case strings.Contains(strings.ToLower(s), "lambda"):
					return ComputeLambda
				case strings.Contains(strings.ToLower(s), "ecs"):
					return ComputeECS
				}
			}
			props, _ := body.get("Properties")
			for _, k := range []string{"TaskDefinition", "LoadBalancerInfo"} {
				if _, ok := props.get(k); ok {
					return ComputeECS
				}
			}
			for _, k := range []string{"Alias", "CurrentVersion", "TargetVersion"} {
				if _, ok := props.get(k); ok {
					return ComputeLambda
				}
			}
		}
	}
	return ComputeECS
}

// obj is a value of the document with its JSON pointer. Keys are looked up
// exactly first, then case-insensitively.
type obj struct {
	v   any
	ptr string
}

func (o obj) get(key string) (obj, bool) {
	m, ok := o.v.(map[string]any)
	if !ok {
		return obj{}, false
	}
	if v, ok := m[key]; ok {
		return obj{v, diag.Append(o.ptr, key)}, true
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		if strings.EqualFold(k, key) {
			keys = append(keys, k)
		}
	}
	if len(keys) == 0 {
		return obj{}, false
	}
	slices.Sort(keys)
	return obj{m[keys[0]], diag.Append(o.ptr, keys[0])}, true
}

func (o obj) items() []obj {
	a, _ := o.v.([]any)
	out := make([]obj, len(a))
	for i, e := range a {
		out[i] = obj{e, diag.Index(o.ptr, i)}
	}
	return out
}

// members returns the members of a map sorted by key.
func (o obj) members() []obj {
	m, _ := o.v.(map[string]any)
	keys := slices.Sorted(maps.Keys(m))
	out := make([]obj, len(keys))
	for i, k := range keys {
		out[i] = obj{m[k], diag.Append(o.ptr, k)}
	}
	return out
}

// key returns the last reference token of the pointer.
func (o obj) key() string {
	i := strings.LastIndexByte(o.ptr, '/')
	if i < 0 {
		return ""
	}
	toks, _ := diag.SplitPointer(o.ptr[i:])
	return toks[0]
}

func (o obj) isMap() bool { _, ok := o.v.(map[string]any); return ok }

func (o obj) str() (string, bool) { s, ok := o.v.(string); return s, ok }

// text returns a scalar's text: a string, or a number's literal.
func (o obj) text() string {
	switch t := o.v.(type) {
	case string:
		return t
	case json.Number:
		return string(t)
	case bool:
		return strconv.FormatBool(t)
	}
	return ""
}

// integer returns a number, or leniently a decimal string, as an int.
func (o obj) integer() (int, bool) {
	var s string
	switch t := o.v.(type) {
	case json.Number:
		s = string(t)
	case string:
		s = strings.TrimSpace(t)
	default:
		return 0, false
	}
	i, err := strconv.Atoi(s)
	return i, err == nil
}

func (o obj) strings() []string {
	var out []string
	for _, e := range o.items() {
		out = append(out, e.text())
	}
	return out
}

// decode builds the lenient typed value.
func decode(v any, p ComputePlatform) *AppSpec {
	root := obj{v, ""}
	a := &AppSpec{Platform: p}
	if ver, ok := root.get("version"); ok {
		a.Version = ver.text()
	}
	if p == ComputeServer {
		g := func(k string) obj { o, _ := root.get(k); return o }
		a.OS = g("os").text()
		a.FileExistsBehavior = g("file_exists_behavior").text()
		for _, f := range g("files").items() {
			a.Files = append(a.Files, File{Source: get(f, "source").text(), Destination: get(f, "destination").text()})
		}
		for _, it := range g("permissions").items() {
			pm := Permission{Object: get(it, "object").text(), Pattern: get(it, "pattern").text(), Except: get(it, "except").strings(),
				Owner: get(it, "owner").text(), Group: get(it, "group").text(), Mode: Mode(get(it, "mode").text()),
				ACLs: get(it, "acls").strings(), Type: get(it, "type").strings()}
			if c, ok := it.get("context"); ok && c.isMap() {
				pm.Context = &SELinuxContext{User: get(c, "user").text(), Type: get(c, "type").text(), Range: get(c, "range").text()}
			}
			a.Permissions = append(a.Permissions, pm)
		}
		for _, h := range g("hooks").members() {
			sh := ServerHook{Event: h.key()}
			for _, s := range h.items() {
				t, _ := get(s, "timeout").integer()
				sh.Scripts = append(sh.Scripts, Script{Location: get(s, "location").text(), Timeout: t, Runas: get(s, "runas").text()})
			}
			a.ServerHooks = append(a.ServerHooks, sh)
		}
		return a
	}
	res, _ := root.get("Resources")
	for _, item := range res.items() {
		for _, body := range item.members() {
			r := Resource{Name: body.key(), Type: get(body, "Type").text()}
			props, ok := body.get("Properties")
			if p == ComputeLambda {
				if ok {
					r.Lambda = &LambdaProperties{Name: get(props, "Name").text(), Alias: get(props, "Alias").text(),
						CurrentVersion: get(props, "CurrentVersion").text(), TargetVersion: get(props, "TargetVersion").text()}
				}
			} else if ok {
				r.ECS = decodeECS(props)
			}
			a.Resources = append(a.Resources, r)
		}
	}
	hooks, _ := root.get("Hooks")
	for _, item := range hooks.items() {
		for _, h := range item.members() {
			a.Hooks = append(a.Hooks, Hook{Event: h.key(), Function: h.text()})
		}
	}
	return a
}

func get(o obj, key string) obj { v, _ := o.get(key); return v }

func decodeECS(props obj) *ECSProperties {
	e := &ECSProperties{TaskDefinition: get(props, "TaskDefinition").text(), PlatformVersion: get(props, "PlatformVersion").text()}
	if lb, ok := props.get("LoadBalancerInfo"); ok && lb.isMap() {
		port, _ := get(lb, "ContainerPort").integer()
		e.LoadBalancerInfo = &LoadBalancerInfo{ContainerName: get(lb, "ContainerName").text(), ContainerPort: port}
	}
	if nc, ok := props.get("NetworkConfiguration"); ok && nc.isMap() {
		e.NetworkConfiguration = &NetworkConfiguration{}
		if aw, ok := nc.get("AwsvpcConfiguration"); ok && aw.isMap() {
			e.NetworkConfiguration.AwsvpcConfiguration = &AwsvpcConfiguration{
				Subnets:        get(aw, "Subnets").strings(),
				SecurityGroups: get(aw, "SecurityGroups").strings(),
				AssignPublicIp: AssignPublicIP(get(aw, "AssignPublicIp").text()),
			}
		}
	}
	for _, it := range get(props, "CapacityProviderStrategy").items() {
		b, _ := get(it, "Base").integer()
		w, _ := get(it, "Weight").integer()
		e.CapacityProviderStrategy = append(e.CapacityProviderStrategy, CapacityProviderStrategyItem{Base: b, CapacityProvider: get(it, "CapacityProvider").text(), Weight: w})
	}
	return e
}

// SchemaCheck compiles the embedded schema (whole and per platform) and
// returns the first error. An error is a bug in bgspec; tests call it.
func SchemaCheck() error {
	if err := fullSchema.Check(); err != nil {
		return err
	}
	for _, p := range []ComputePlatform{ComputeECS, ComputeLambda, ComputeServer} {
		if err := platformSchemas()[p].Check(); err != nil {
			return err
		}
	}
	return nil
}
