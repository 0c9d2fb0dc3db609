package appspec

import (
	"cmp"
	_ "embed"
	"encoding/json"
	"path"
	"slices"
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
	errPaths := check(p, source.Node{Value: doc.Value, Fold: true}, sem, o)
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
	root := source.Node{Value: v, Fold: true}
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
	res, _ := root.Get("Resources")
	for _, item := range res.Items() {
		for _, body := range item.MembersByKey() {
			if strings.EqualFold(body.Name(), TargetService) {
				return ComputeECS
			}
			if t, ok := body.Get("Type"); ok {
				s, _ := t.Value.(string)
				switch {
				case strings.Contains(strings.ToLower(s), "lambda"):
					return ComputeLambda
				case strings.Contains(strings.ToLower(s), "ecs"):
					return ComputeECS
				}
			}
			props, _ := body.Get("Properties")
			for _, k := range []string{"TaskDefinition", "LoadBalancerInfo"} {
				if _, ok := props.Get(k); ok {
					return ComputeECS
				}
			}
			for _, k := range []string{"Alias", "CurrentVersion", "TargetVersion"} {
				if _, ok := props.Get(k); ok {
					return ComputeLambda
				}
			}
		}
	}
	return ComputeECS
}

// decode builds the lenient typed value.
func decode(v any, p ComputePlatform) *AppSpec {
	root := source.Node{Value: v, Fold: true}
	a := &AppSpec{Platform: p}
	if ver, ok := root.Get("version"); ok {
		a.Version = ver.Text()
	}
	if p == ComputeServer {
		a.OS = root.Key("os").Text()
		a.FileExistsBehavior = root.Key("file_exists_behavior").Text()
		for _, f := range root.Key("files").Items() {
			a.Files = append(a.Files, File{Source: f.Key("source").Text(), Destination: f.Key("destination").Text()})
		}
		for _, it := range root.Key("permissions").Items() {
			pm := Permission{Object: it.Key("object").Text(), Pattern: it.Key("pattern").Text(), Except: it.Key("except").Texts(),
				Owner: it.Key("owner").Text(), Group: it.Key("group").Text(), Mode: Mode(it.Key("mode").Text()),
				ACLs: it.Key("acls").Texts(), Type: it.Key("type").Texts()}
			if c, ok := it.Get("context"); ok && c.IsMap() {
				pm.Context = &SELinuxContext{User: c.Key("user").Text(), Type: c.Key("type").Text(), Range: c.Key("range").Text()}
			}
			a.Permissions = append(a.Permissions, pm)
		}
		for _, h := range root.Key("hooks").MembersByKey() {
			sh := ServerHook{Event: h.Name()}
			for _, s := range h.Items() {
				t, _ := s.Key("timeout").TrimmedInt()
				sh.Scripts = append(sh.Scripts, Script{Location: s.Key("location").Text(), Timeout: t, Runas: s.Key("runas").Text()})
			}
			a.ServerHooks = append(a.ServerHooks, sh)
		}
		return a
	}
	res, _ := root.Get("Resources")
	for _, item := range res.Items() {
		for _, body := range item.MembersByKey() {
			r := Resource{Name: body.Name(), Type: body.Key("Type").Text()}
			props, ok := body.Get("Properties")
			if p == ComputeLambda {
				if ok {
					r.Lambda = &LambdaProperties{Name: props.Key("Name").Text(), Alias: props.Key("Alias").Text(),
						CurrentVersion: props.Key("CurrentVersion").Text(), TargetVersion: props.Key("TargetVersion").Text()}
				}
			} else if ok {
				r.ECS = decodeECS(props)
			}
			a.Resources = append(a.Resources, r)
		}
	}
	hooks, _ := root.Get("Hooks")
	for _, item := range hooks.Items() {
		for _, h := range item.MembersByKey() {
			a.Hooks = append(a.Hooks, Hook{Event: h.Name(), Function: h.Text()})
		}
	}
	return a
}

func decodeECS(props source.Node) *ECSProperties {
	e := &ECSProperties{TaskDefinition: props.Key("TaskDefinition").Text(), PlatformVersion: props.Key("PlatformVersion").Text()}
	if lb, ok := props.Get("LoadBalancerInfo"); ok && lb.IsMap() {
		port, _ := lb.Key("ContainerPort").TrimmedInt()
		e.LoadBalancerInfo = &LoadBalancerInfo{ContainerName: lb.Key("ContainerName").Text(), ContainerPort: port}
	}
	if nc, ok := props.Get("NetworkConfiguration"); ok && nc.IsMap() {
		e.NetworkConfiguration = &NetworkConfiguration{}
		if aw, ok := nc.Get("AwsvpcConfiguration"); ok && aw.IsMap() {
			e.NetworkConfiguration.AwsvpcConfiguration = &AwsvpcConfiguration{
				Subnets:        aw.Key("Subnets").Texts(),
				SecurityGroups: aw.Key("SecurityGroups").Texts(),
				AssignPublicIp: AssignPublicIP(aw.Key("AssignPublicIp").Text()),
			}
		}
	}
	for _, it := range props.Key("CapacityProviderStrategy").Items() {
		b, _ := it.Key("Base").TrimmedInt()
		w, _ := it.Key("Weight").TrimmedInt()
		e.CapacityProviderStrategy = append(e.CapacityProviderStrategy, CapacityProviderStrategyItem{Base: b, CapacityProvider: it.Key("CapacityProvider").Text(), Weight: w})
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
