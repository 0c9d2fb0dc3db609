package schema

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/bgspec/bgspec/diag"
	"github.com/bgspec/bgspec/internal/source"
)

// testSchema is a small task-definition-like schema: required keys, closed
// objects, a $ref'd definition, an anyOf and a oneOf with descriptions, an
// enum, a false schema and escaped property names.
const testSchema = `{
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "type": "object",
  "required": ["family", "containerDefinitions"],
  "additionalProperties": false,
  "dependentRequired": {"needsMode": ["networkMode"]},
  "properties": {
    "family": {"type": "string", "pattern": "^[a-zA-Z0-9_-]{1,255}$"},
    "cpu": {"description": "task CPU units, a string or a number", "anyOf": [{"type": "string", "pattern": "^[0-9]+$"}, {"type": "integer", "minimum": 128}]},
    "a/b": {"type": "object", "properties": {"c~d": {"type": "integer"}}, "additionalProperties": false},
    "never": false,
    "needsMode": {"type": "string"},
    "networkMode": {"enum": ["awsvpc", "bridge", "host", "none"]},
    "labels": {"type": "object", "properties": {"propertyNames": {"type": "string"}}},
    "containerDefinitions": {"type": "array", "minItems": 1, "maxItems": 10, "items": {"$ref": "#/$defs/container"}},
    "volume": {"description": "a host or an EFS volume", "oneOf": [
      {"type": "object", "required": ["host"], "properties": {"host": {"type": "string"}}},
      {"type": "object", "required": ["efs"], "properties": {"efs": {"type": "string"}}}]}
  },
  "$defs": {
    "container": {"type": "object", "required": ["name", "image"], "additionalProperties": false,
      "properties": {
        "name": {"type": "string"}, "image": {"type": "string", "minLength": 1},
        "memory": {"type": "integer", "minimum": 6},
        "portMappings": {"type": "array", "items": {"type": "object", "additionalProperties": false,
          "properties": {"containerPort": {"type": "integer", "maximum": 65535}, "host_port": {"type": "integer"}}}}}}
  }
}`

var testS = New("test.schema.json", []byte(testSchema), "not in the model")

// TestUnsupportedKeywordsRefused: a schema using propertyNames or
// contentSchema does not compile (jsonschema/v6 misplaces their errors);
// a property of that name is fine.
func TestUnsupportedKeywordsRefused(t *testing.T) {
	for src, refused := range map[string]bool{
		`{"type": "object", "propertyNames": {"pattern": "^[a-z]+$"}}`:                                          true,
		`{"$defs": {"m": {"type": "object", "propertyNames": {"maxLength": 3}}}}`:                               true,
		`{"items": [{"contentSchema": {"type": "object"}}]}`:                                                    true,
		`{"properties": {"propertyNames": {"type": "string"}, "contentSchema": {"type": "string"}}}`:            false,
		`{"$defs": {"propertyNames": {"type": "object", "properties": {"contentSchema": {"type": "string"}}}}}`: false,
	} {
		err := New("t.json", []byte(src), "").Check()
		if (err != nil) != refused {
			t.Errorf("%s: err %v, want refused %v", src, err, refused)
		}
	}
}

func TestCheck(t *testing.T) {
	if err := testS.Check(); err != nil {
		t.Fatal(err)
	}
	if testS.Name() != "test.schema.json" || string(testS.Source()) != testSchema {
		t.Error("Name/Source")
	}
	src := testS.Source()
	src[0] = 'x'
	if testS.Source()[0] != '{' {
		t.Error("Source returns the embedded bytes themselves")
	}
}

func TestCheckRefusesLoading(t *testing.T) {
	for _, s := range []string{
		`{"$ref": "https://example.com/x.json"}`,
		`{"$ref": "file:///etc/hostname"}`,
		`{"properties": {"a": {"$ref": "other.json"}}}`,
	} {
		if err := New("x.json", []byte(s), "").Check(); err == nil || !strings.Contains(fmt.Sprint(err), "refusing") {
			t.Errorf("%s: Check() = %v, want a refusal", s, err)
		}
	}
	if err := New("bad.json", []byte(`{"type": 1}`), "").Check(); err == nil {
		t.Error("an invalid schema compiled")
	}
	if err := New("bad.json", []byte(`{`), "").Check(); err == nil {
		t.Error("invalid JSON compiled")
	}
}

func TestValidatePanicsOnBrokenSchema(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("no panic")
		}
	}()
	d, _ := source.ParseJSON("t.json", []byte(`{}`), source.Options{})
	New("bad.json", []byte(`{"type": 1}`), "").Validate(d)
}

type at struct {
	Rule      string
	Line, Col int
	Path      string
}

func validate(t *testing.T, s *Schema, format, src string) diag.List {
	t.Helper()
	var d *source.Doc
	var l diag.List
	if format == "yaml" {
		d, l = source.ParseYAML("t.yml", []byte(src), source.Options{})
	} else {
		d, l = source.ParseJSON("t.json", []byte(src), source.Options{})
	}
	if l.HasErrors() {
		t.Fatalf("parse: %v", l)
	}
	out := s.Validate(d)
	for _, x := range out {
		if !x.Valid() {
			t.Errorf("invalid diagnostic %#v", x)
		}
		if _, ok := diag.LookupRule(x.Rule); !ok {
			t.Errorf("unregistered rule %q", x.Rule)
		}
		if x.File != d.File {
			t.Errorf("file %q", x.File)
		}
	}
	return out
}

// w is an expected diagnostic: rule, path and the text it points at (the
// first occurrence of at in the source, so tests need no column counting).
type w struct{ rule, path, at string }

func TestValidate(t *testing.T) {
	const ok = `"family": "web", "containerDefinitions": [{"name": "a", "image": "b"}]`
	for _, tc := range []struct {
		name string
		src  string
		want []w
	}{
		{"valid", `{` + ok + `}`, nil},
		{"root of the wrong type", `[1]`, []w{{"schema/type", "", "["}}},
		{"required at the parent's key", `{"family": "x", "containerDefinitions": [{"name": "a"}]}`,
			[]w{{"schema/required", "/containerDefinitions/0/image", `{"name"`}}},
		{"required at the root", `{"containerDefinitions": [{"name": "a", "image": "b"}]}`,
			[]w{{"schema/required", "/family", `{`}}},
		{"empty nested objects are fine", `{"family": "x", "containerDefinitions": [{"name": "a", "image": "b", "portMappings": [{}]}], "a/b": {}}`, nil},
		{"key spelling replaces required", `{"Family": "x", "containerDefinitions": [{"name": "a", "image": "b"}]}`,
			[]w{{"schema/key-spelling", "/Family", `"Family"`}}},
		{"key spelling with dash and underscore", `{"family": "web", "containerDefinitions": [{"name": "a", "image": "b", "portMappings": [{"hostPort": 1, "HOST-PORT": 2}]}]}`,
			[]w{{"schema/key-spelling", "/containerDefinitions/0/portMappings/0/HOST-PORT", `"HOST-PORT"`}, {"schema/key-spelling", "/containerDefinitions/0/portMappings/0/hostPort", `"hostPort"`}}},
		{"unknown key at the key", "{\n  " + ok + ",\n  \"extra\": 1\n}", []w{{"schema/additionalProperties", "/extra", `"extra"`}}},
		{"unknown keys each reported", `{` + ok + `, "x": 1, "y": 2}`,
			[]w{{"schema/additionalProperties", "/x", `"x"`}, {"schema/additionalProperties", "/y", `"y"`}}},
		{"escaped pointers", `{` + ok + `, "a/b": {"c~d": "x", "e/f~": 1}}`,
			[]w{{"schema/type", "/a~1b/c~0d", `"x"`}, {"schema/additionalProperties", "/a~1b/e~1f~0", `"e/f~"`}}},
		{"pattern", `{"family": "a b", "containerDefinitions": [{"name": "a", "image": "b"}]}`, []w{{"schema/pattern", "/family", `"a b"`}}},
		{"dependentRequired at the key that needs it", `{` + ok + `, "needsMode": "x"}`, []w{{"schema/dependentRequired", "/networkMode", `"needsMode"`}}},
		{"enum", `{` + ok + `, "networkMode": "bridged"}`, []w{{"schema/enum", "/networkMode", `"bridged"`}}},
		{"false schema at the key", `{` + ok + `, "never": 1}`, []w{{"schema/false", "/never", `"never"`}}},
		{"a property named like a keyword", `{` + ok + `, "labels": {"propertyNames": 2}}`, []w{{"schema/type", "/labels/propertyNames", `2`}}},
		{"minItems", `{"family": "x", "containerDefinitions": []}`, []w{{"schema/minItems", "/containerDefinitions", `[]`}}},
		{"maxItems", `{"family": "x", "containerDefinitions": [` + strings.Repeat(`{"name": "a", "image": "b"},`, 10) + `{"name": "a", "image": "b"}]}`,
			[]w{{"schema/maxItems", "/containerDefinitions", `[`}}},
		{"nested type and minimum through $ref", `{"family": "x", "containerDefinitions": [{"name": "a", "image": "", "memory": 4, "portMappings": [{"containerPort": "80"}]}]}`,
			[]w{{"schema/minLength", "/containerDefinitions/0/image", `""`}, {"schema/minimum", "/containerDefinitions/0/memory", `4`}, {"schema/type", "/containerDefinitions/0/portMappings/0/containerPort", `"80"`}}},
		{"anyOf: the branch of the right type speaks", `{` + ok + `, "cpu": 64}`, []w{{"schema/minimum", "/cpu", `64`}}},
		{"anyOf: string branch", `{` + ok + `, "cpu": "1 vCPU"}`, []w{{"schema/pattern", "/cpu", `"1 vCPU"`}}},
		{"anyOf: no branch of that type, one diagnostic", `{` + ok + `, "cpu": true}`, []w{{"schema/anyOf", "/cpu", `true`}}},
		{"oneOf: none matches, one diagnostic", `{` + ok + `, "volume": {"host": 1}}`, []w{{"schema/oneOf", "/volume", `{"host"`}}},
		{"oneOf: both match, one diagnostic", `{` + ok + `, "volume": {"host": "a", "efs": "b"}}`, []w{{"schema/oneOf", "/volume", `{"host"`}}},
		{"many problems at once", `{"family": 1, "containerDefinitions": [{"name": 2, "image": "b", "x": 1}, {"image": "c"}], "z": 0}`,
			[]w{{"schema/type", "/family", `1`}, {"schema/type", "/containerDefinitions/0/name", `2`}, {"schema/additionalProperties", "/containerDefinitions/0/x", `"x"`},
				{"schema/required", "/containerDefinitions/1/name", `{"image"`}, {"schema/additionalProperties", "/z", `"z"`}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := ats(validate(t, testS, "json", tc.src))
			want := expect(tc.src, tc.want)
			if !slices.Equal(got, want) {
				t.Errorf("got  %v\nwant %v", got, want)
			}
		})
	}
}

// expect turns ws into sorted ats, finding each position in src.
func expect(src string, ws []w) []at {
	var out []at
	for _, x := range ws {
		i := strings.Index(src, x.at)
		if i < 0 {
			panic("marker not in source: " + x.at)
		}
		line := 1 + strings.Count(src[:i], "\n")
		col := i - strings.LastIndexByte(src[:i], '\n')
		out = append(out, at{x.rule, line, col, x.path})
	}
	slices.SortFunc(out, func(a, b at) int {
		return cmp.Or(cmp.Compare(a.Line, b.Line), cmp.Compare(a.Col, b.Col), strings.Compare(a.Rule, b.Rule), strings.Compare(a.Path, b.Path))
	})
	return out
}

func ats(l diag.List) []at {
	var out []at
	for _, d := range l {
		out = append(out, at{d.Rule, d.Line, d.Column, d.Path})
	}
	return out
}

func TestValidateMessages(t *testing.T) {
	l := validate(t, testS, "json", `{"Family": "x", "containerDefinitions": [{"name": "a", "image": "b"}], "extra": 1, "volume": {"host": 1}}`)
	var msgs []string
	for _, d := range l {
		msgs = append(msgs, d.Message)
	}
	all := strings.Join(msgs, "\n")
	for _, want := range []string{`write "family"`, "not in the model", "a host or an EFS volume", "allowed here: a/b, containerDefinitions, cpu"} {
		if !strings.Contains(all, want) {
			t.Errorf("messages lack %q:\n%s", want, all)
		}
	}
}

func TestValidateYAML(t *testing.T) {
	src := "family: web\ncontainerDefinitions:\n  - name: a\n    image: b\n    memory: 0.5\n  - name: c\ncpu: '64'\n"
	got := ats(validate(t, testS, "yaml", src))
	want := []at{{"schema/type", 5, 13, "/containerDefinitions/0/memory"}, {"schema/required", 6, 5, "/containerDefinitions/1/image"}}
	if !slices.Equal(got, want) {
		t.Errorf("got  %v\nwant %v", got, want)
	}
}

// TestValidateNonJSONValues: NaN/Inf from YAML reach the validator as text,
// never as floats (jsonschema v6.0.1 panicked on those).
func TestValidateNonJSONValues(t *testing.T) {
	s := New("n.json", []byte(`{"type": "object", "properties": {"n": {"type": "integer", "minimum": 1, "multipleOf": 2}}}`), "")
	d, _ := source.ParseYAML("t.yml", []byte("n: .nan\n"), source.Options{})
	l := s.Validate(d)
	if len(l) != 1 || l[0].Rule != "schema/type" {
		t.Errorf("got %v", l)
	}
}

func TestValidateUnreadableDocument(t *testing.T) {
	for _, src := range []string{"", "{", "\x00"} {
		d, l := source.ParseJSON("t.json", []byte(src), source.Options{})
		if !l.HasErrors() {
			t.Fatalf("%q parsed", src)
		}
		if got := testS.Validate(d); len(got) != 0 {
			t.Errorf("%q: schema diagnostics on an unreadable document: %v", src, got)
		}
	}
	if got := testS.Validate(nil); got != nil {
		t.Errorf("nil doc: %v", got)
	}
	d, _ := source.ParseJSON("t.json", []byte("null"), source.Options{})
	if got := testS.Validate(d); len(got) != 1 || got[0].Rule != "schema/type" {
		t.Errorf("a JSON null is read, and is not an object: %v", got)
	}
}

func TestValidateConcurrent(t *testing.T) {
	s := New("c.schema.json", []byte(testSchema), "")
	d, _ := source.ParseJSON("t.json", []byte(`{"family": 1, "containerDefinitions": []}`), source.Options{})
	want := s.Validate(d)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 50 {
				if got := s.Validate(d); !slices.Equal(got, want) {
					t.Errorf("concurrent Validate differs: %v", got)
					return
				}
			}
		})
	}
	wg.Wait()
}

func TestSameKey(t *testing.T) {
	declared := []string{"containerPort", "host_port", "name"}
	for k, want := range map[string]string{
		"ContainerPort": "containerPort", "container_port": "containerPort", "hostPort": "host_port", "HOST-PORT": "host_port",
		"name": "", "Nam": "", "image": "",
	} {
		if got := sameKey(k, declared); got != want {
			t.Errorf("sameKey(%q) = %q, want %q", k, got, want)
		}
	}
}

func TestSupersede(t *testing.T) {
	sd := diag.List{{Path: "/a", Rule: "schema/type"}, {Path: "/b", Rule: "schema/type"}, {Path: "/c", Rule: "schema/enum"}}
	rules := diag.List{{Path: "/a", Rule: "x/specific"}, {Path: "/c", Rule: "x/other"}}
	paths := func(l diag.List) (out []string) {
		for _, d := range l {
			out = append(out, d.Path)
		}
		return out
	}
	if got := paths(Supersede(slices.Clone(sd), rules, nil)); !slices.Equal(got, []string{"/b"}) {
		t.Errorf("any rule: %v", got)
	}
	if got := paths(Supersede(slices.Clone(sd), rules, func(r string) bool { return r == "x/specific" })); !slices.Equal(got, []string{"/b", "/c"}) {
		t.Errorf("selected rules: %v", got)
	}
}
