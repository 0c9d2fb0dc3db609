package ecsapi

import (
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
	"strings"
	"testing"
)

// Shape paths name a member by its wire names from the document root, with
// "[]" for a list element and "{}" for a map value, e.g.
// "containerDefinitions/[]/portMappings/[]/protocol".

// sdkMember describes one member of the SDK's input shapes.
type sdkMember struct {
	goType reflect.Type // field type as declared
	owner  string       // Go struct type name, e.g. "PortMapping"
	field  string       // Go field name
	enum   []string     // Values() of a typed enum (nil otherwise)
	isEnum bool
}

// walkSDK lists every member path reachable from SDK struct type t.
func walkSDK(t reflect.Type) map[string]*sdkMember {
	out := map[string]*sdkMember{}
	var walk func(t reflect.Type, path string, depth int)
	walk = func(t reflect.Type, path string, depth int) {
		if depth > 20 {
			panic("walkSDK: too deep at " + path)
		}
		for t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		switch t.Kind() {
		case reflect.Slice, reflect.Map:
			tok := "[]"
			if t.Kind() == reflect.Map {
				tok = "{}"
			}
			p := path + "/" + tok
			m := &sdkMember{goType: t.Elem(), owner: out[path].owner, field: out[path].field}
			if vs, ok := enumValues(t.Elem()); ok {
				m.enum, m.isEnum = vs, true
			}
			out[p] = m
			walk(t.Elem(), p, depth+1)
			return
		case reflect.Interface:
			if u, ok := unionOf(t); ok {
				for name, mt := range u.members {
					p := joinPath(path, name)
					vf, _ := mt.Elem().FieldByName("Value")
					out[p] = &sdkMember{goType: vf.Type, owner: mt.Elem().Name(), field: "Value"}
					walk(vf.Type, p, depth+1)
				}
			}
			return
		case reflect.Struct:
			if t.PkgPath() == "time" {
				return
			}
			for _, f := range fieldsOf(t, sdkSide).fields {
				sf := t.Field(f.index)
				p := joinPath(path, f.name)
				m := &sdkMember{goType: sf.Type, owner: t.Name(), field: sf.Name}
				if vs, ok := enumValues(sf.Type); ok {
					m.enum, m.isEnum = vs, true
				}
				out[p] = m
				walk(sf.Type, p, depth+1)
			}
		}
	}
	walk(t, "", 0)
	return out
}

func joinPath(path, name string) string {
	if path == "" {
		return name
	}
	return path + "/" + name
}

// enumValues calls Values() on a typed string enum of the SDK.
func enumValues(t reflect.Type) ([]string, bool) {
	if t.Kind() != reflect.String || t.PkgPath() == "" {
		return nil, false
	}
	m, ok := t.MethodByName("Values")
	if !ok {
		return nil, false
	}
	res := m.Func.Call([]reflect.Value{reflect.Zero(t)})[0]
	vs := make([]string, res.Len())
	for i := range vs {
		vs[i] = res.Index(i).String()
	}
	return vs, true
}

// ourProp describes a path of our JSON Schema.
type ourProp struct {
	enum     []string // union of enum/const values seen at the path
	hasEnum  bool
	required bool // named in an unconditional "required" of its parent
}

// walkOurSchema lists every property path of a JSON Schema document
// (resolving local $refs, merging allOf/anyOf/oneOf/if/then/else branches),
// with the enum or const values at each path.
func walkOurSchema(t *testing.T, src []byte) map[string]*ourProp {
	t.Helper()
	var root map[string]any
	if err := json.Unmarshal(src, &root); err != nil {
		t.Fatalf("schema is not JSON: %v", err)
	}
	out := map[string]*ourProp{}
	var visit func(n any, path string, depth int, cond bool)
	visit = func(n any, path string, depth int, cond bool) {
		node, ok := n.(map[string]any)
		if !ok || depth > 40 {
			return
		}
		if ref, ok := node["$ref"].(string); ok {
			target, err := resolveRef(root, ref)
			if err != nil {
				t.Errorf("%s: %v", path, err)
			} else {
				visit(target, path, depth+1, cond)
			}
		}
		if path != "" {
			p := out[path]
			if p == nil {
				p = &ourProp{}
				out[path] = p
			}
			if e, ok := node["enum"].([]any); ok {
				p.hasEnum = true
				for _, v := range e {
					p.enum = append(p.enum, fmt.Sprint(v))
				}
			}
			if c, ok := node["const"]; ok {
				p.hasEnum = true
				p.enum = append(p.enum, fmt.Sprint(c))
			}
		}
		for _, k := range []string{"allOf", "anyOf", "oneOf"} {
			if bs, ok := node[k].([]any); ok {
				for _, b := range bs {
					visit(b, path, depth+1, cond || k != "allOf")
				}
			}
		}
		for _, k := range []string{"if", "then", "else"} {
			if b, ok := node[k]; ok {
				visit(b, path, depth+1, true)
			}
		}
		if props, ok := node["properties"].(map[string]any); ok {
			for k, v := range props {
				visit(v, joinPath(path, k), depth+1, cond)
			}
		}
		if req, ok := node["required"].([]any); ok && !cond {
			for _, k := range req {
				p := joinPath(path, fmt.Sprint(k))
				if out[p] == nil {
					out[p] = &ourProp{}
				}
				out[p].required = true
			}
		}
		if it, ok := node["items"]; ok {
			visit(it, joinPath(path, "[]"), depth+1, cond)
		}
		if pi, ok := node["prefixItems"].([]any); ok {
			for _, it := range pi {
				visit(it, joinPath(path, "[]"), depth+1, cond)
			}
		}
		if ap, ok := node["additionalProperties"].(map[string]any); ok {
			visit(ap, joinPath(path, "{}"), depth+1, cond)
		}
		if pp, ok := node["patternProperties"].(map[string]any); ok {
			for _, v := range pp {
				visit(v, joinPath(path, "{}"), depth+1, cond)
			}
		}
	}
	visit(root, "", 0, false)
	for _, p := range out {
		p.enum = uniqSorted(p.enum)
	}
	return out
}

// resolveRef follows a local JSON pointer reference such as "#/$defs/Tag".
func resolveRef(root map[string]any, ref string) (any, error) {
	frag, ok := strings.CutPrefix(ref, "#")
	if !ok {
		return nil, fmt.Errorf("non-local $ref %q", ref)
	}
	var cur any = root
	for _, tok := range strings.Split(strings.TrimPrefix(frag, "/"), "/") {
		if tok == "" {
			continue
		}
		tok = strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
		m, ok := cur.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("$ref %q does not resolve", ref)
		}
		if cur, ok = m[tok]; !ok {
			return nil, fmt.Errorf("$ref %q does not resolve", ref)
		}
	}
	return cur, nil
}

func uniqSorted(s []string) []string {
	s = append([]string(nil), s...)
	sort.Strings(s)
	out := s[:0]
	for i, v := range s {
		if i == 0 || v != s[i-1] {
			out = append(out, v)
		}
	}
	return out
}

// setDiff returns the elements of a not in b, sorted.
func setDiff(a, b []string) []string {
	in := map[string]bool{}
	for _, v := range b {
		in[v] = true
	}
	var out []string
	for _, v := range a {
		if !in[v] {
			out = append(out, v)
		}
	}
	sort.Strings(out)
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}
