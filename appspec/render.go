package appspec

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strconv"

	"github.com/bgspec/bgspec/internal/render"
	"go.yaml.in/yaml/v3"
)

// Marshal renders a as YAML: AWS-documentation key order, hooks in
// lifecycle order, two-space indent, one trailing newline, the version as
// the literal 0.0. The output is deterministic.
func Marshal(a *AppSpec) ([]byte, error) {
	n, err := toNode(a)
	if err != nil {
		return nil, err
	}
	out, err := render.EncodeNode(n)
	if err != nil {
		return nil, fmt.Errorf("appspec: %w", err)
	}
	return out, nil
}

// MarshalJSONForm renders a as JSON (the form ECS and Lambda also accept),
// with the same key order as Marshal, two-space indent and one trailing
// newline. The version is written as the number 0.0.
func MarshalJSONForm(a *AppSpec) ([]byte, error) {
	n, err := toNode(a)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if err := writeJSON(&b, n, ""); err != nil {
		return nil, err
	}
	b.WriteByte('\n')
	return b.Bytes(), nil
}

// WriteFile renders a (JSON when path ends in .json, YAML otherwise) and
// writes it atomically; an identical file is left untouched.
func WriteFile(path string, a *AppSpec) error {
	var data []byte
	var err error
	if isJSONName(path) {
		data, err = MarshalJSONForm(a)
	} else {
		data, err = Marshal(a)
	}
	if err != nil {
		return err
	}
	_, err = render.WriteFile(path, data, 0o644)
	return err
}

var numberText = regexp.MustCompile(`^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?$`)

// versionNode writes a numeric version ("0.0") unquoted, as AWS's examples
// do; anything else as a string.
func versionNode(v string) *yaml.Node {
	if numberText.MatchString(v) {
		if bytes.ContainsAny([]byte(v), ".eE") {
			return render.Scalar("!!float", v)
		}
		return render.Scalar("!!int", v)
	}
	return str(v)
}

func str(s string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s} }

func mapping(kv ...*yaml.Node) *yaml.Node {
	return &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Content: kv}
}

func seq(items ...*yaml.Node) *yaml.Node {
	return &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Content: items}
}

func toNode(a *AppSpec) (*yaml.Node, error) {
	if a == nil {
		return nil, fmt.Errorf("appspec: nil AppSpec")
	}
	root := mapping()
	add := func(k string, v *yaml.Node) { root.Content = append(root.Content, str(k), v) }
	if a.Version != "" {
		add("version", versionNode(a.Version))
	}
	p := cmp.Or(a.Platform, ComputeECS)
	if p == ComputeServer {
		if a.OS != "" {
			add("os", str(a.OS))
		}
		for _, f := range []struct {
			key string
			v   any
		}{{"files", a.Files}, {"file_exists_behavior", a.FileExistsBehavior}, {"permissions", a.Permissions}} {
			if isZero(f.v) {
				continue
			}
			n, err := render.Node(f.v)
			if err != nil {
				return nil, err
			}
			add(f.key, n)
		}
		if len(a.ServerHooks) > 0 {
			hooks := slices.Clone(a.ServerHooks)
			slices.SortStableFunc(hooks, func(x, y ServerHook) int {
				return cmp.Compare(hookRank(ComputeServer, x.Event), hookRank(ComputeServer, y.Event))
			})
			m := mapping()
			for _, h := range hooks {
				n, err := render.Node(h.Scripts)
				if err != nil {
					return nil, err
				}
				if h.Scripts == nil {
					n = seq()
				}
				m.Content = append(m.Content, str(h.Event), n)
			}
			add("hooks", m)
		}
		return root, nil
	}
	if len(a.Resources) > 0 {
		rs := seq()
		for _, r := range a.Resources {
			body := mapping()
			if r.Type != "" {
				body.Content = append(body.Content, str("Type"), str(r.Type))
			}
			var props any
			switch {
			case r.ECS != nil:
				props = r.ECS
			case r.Lambda != nil:
				props = r.Lambda
			}
			if props != nil {
				n, err := render.Node(props)
				if err != nil {
					return nil, err
				}
				body.Content = append(body.Content, str("Properties"), n)
			}
			rs.Content = append(rs.Content, mapping(str(r.Name), body))
		}
		add("Resources", rs)
	}
	if len(a.Hooks) > 0 {
		hooks := slices.Clone(a.Hooks)
		slices.SortStableFunc(hooks, func(x, y Hook) int { return cmp.Compare(hookRank(p, x.Event), hookRank(p, y.Event)) })
		hs := seq()
		for _, h := range hooks {
			hs.Content = append(hs.Content, mapping(str(h.Event), str(h.Function)))
		}
		add("Hooks", hs)
	}
	return root, nil
}

func isZero(v any) bool {
	switch t := v.(type) {
	case string:
		return t == ""
	case []File:
		return len(t) == 0
	case []Permission:
		return len(t) == 0
	}
	return v == nil
}

// writeJSON writes a yaml.Node tree built by toNode as indented JSON,
// keeping mapping order.
func writeJSON(b *bytes.Buffer, n *yaml.Node, indent string) error {
	switch n.Kind {
	case yaml.MappingNode:
		if len(n.Content) == 0 {
			b.WriteString("{}")
			return nil
		}
		b.WriteString("{\n")
		for i := 0; i+1 < len(n.Content); i += 2 {
			b.WriteString(indent + "  ")
			writeString(b, n.Content[i].Value)
			b.WriteString(": ")
			if err := writeJSON(b, n.Content[i+1], indent+"  "); err != nil {
				return err
			}
			if i+2 < len(n.Content) {
				b.WriteByte(',')
			}
			b.WriteByte('\n')
		}
		b.WriteString(indent + "}")
	case yaml.SequenceNode:
		if len(n.Content) == 0 {
			b.WriteString("[]")
			return nil
		}
		b.WriteString("[\n")
		for i, e := range n.Content {
			b.WriteString(indent + "  ")
			if err := writeJSON(b, e, indent+"  "); err != nil {
				return err
			}
			if i+1 < len(n.Content) {
				b.WriteByte(',')
			}
			b.WriteByte('\n')
		}
		b.WriteString(indent + "]")
	case yaml.ScalarNode:
		switch n.Tag {
		case "!!int", "!!float":
			if !numberText.MatchString(n.Value) {
				return fmt.Errorf("appspec: %q is not a JSON number", n.Value)
			}
			b.WriteString(n.Value)
		case "!!bool":
			b.WriteString(strconv.FormatBool(n.Value == "true"))
		case "!!null":
			b.WriteString("null")
		default:
			writeString(b, n.Value)
		}
	default:
		return fmt.Errorf("appspec: cannot render node kind %v as JSON", n.Kind)
	}
	return nil
}

func writeString(b *bytes.Buffer, s string) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s) // a string always encodes
	b.Write(bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
}
