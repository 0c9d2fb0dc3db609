// Package render encodes spec values deterministically: JSON with two-space
// indent, no HTML escaping and one trailing newline; YAML from the same json
// struct tags (fields in struct order, map keys sorted, two-space indent, one
// trailing newline, no document markers); and writes files atomically.
package render

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// JSON encodes v with two-space indent, without HTML escaping, ending in one
// newline.
func JSON(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// Noder is implemented by values that build their own YAML node, for example
// a version number that must be written as the literal 0.2.
type Noder interface {
	YAMLNode() *yaml.Node
}

// YAML encodes v, whose structure is described by json struct tags, as YAML.
func YAML(v any) ([]byte, error) {
	n, err := Node(v)
	if err != nil {
		return nil, err
	}
	return EncodeNode(n)
}

// EncodeNode writes a node tree the way every bgspec YAML file is written:
// two-space indent, no document markers, one trailing newline.
func EncodeNode(n *yaml.Node) ([]byte, error) {
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(n); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// Node converts v into a yaml.Node tree.
func Node(v any) (*yaml.Node, error) {
	n := node(reflect.ValueOf(v))
	if n == nil {
		return nil, fmt.Errorf("render: cannot encode %T as YAML", v)
	}
	return n, nil
}

// Scalar returns a plain scalar node with the given tag ("!!str",
// "!!float", …) and literal text.
func Scalar(tag, value string) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: value}
}

var noderType = reflect.TypeFor[Noder]()
var stringType = reflect.TypeFor[string]()

// yaml11 matches plain scalars that go-yaml (YAML 1.2) reads as strings but a
// YAML 1.1 reader, as some AWS tools use, reads as something else: booleans
// (yes, no, on, off, y, n), base-60 numbers (1:20) and the value key (=).
var yaml11 = regexp.MustCompile(`^(?:[yY]|yes|Yes|YES|[nN]|no|No|NO|on|On|ON|off|Off|OFF|=|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?)$`)

// strNode returns a string scalar. go-yaml quotes a string that would read
// back as another type under its own rules; free text (freeText: the plain
// string type and map keys, not named enum types such as a yes/no type) is
// also quoted (single quotes) when a YAML 1.1 reader would read it as another type. A string
// holding a YAML line break other than LF (NEL, LS, PS) is double-quoted so
// that the break is escaped: go-yaml would otherwise write it raw inside
// single quotes, where a reader folds it into a space.
func strNode(s string, freeText bool) *yaml.Node {
	n := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}
	switch {
	case strings.ContainsAny(s, "\u0085\u2028\u2029"):
		n.Style = yaml.DoubleQuotedStyle
	case freeText && yaml11.MatchString(s):
		n.Style = yaml.SingleQuotedStyle
	}
	return n
}

var numberType = reflect.TypeFor[json.Number]()

func node(v reflect.Value) *yaml.Node {
	if !v.IsValid() {
		return Scalar("!!null", "null")
	}
	if v.Type().Implements(noderType) {
		if v.Kind() == reflect.Pointer && v.IsNil() {
			return Scalar("!!null", "null")
		}
		return v.Interface().(Noder).YAMLNode()
	}
	if v.Type() == numberType {
		s := v.String()
		if strings.ContainsAny(s, ".eE") {
			return Scalar("!!float", s)
		}
		return Scalar("!!int", s)
	}
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return Scalar("!!null", "null")
		}
		return node(v.Elem())
	case reflect.String:
		return strNode(v.String(), v.Type() == stringType)
	case reflect.Bool:
		return Scalar("!!bool", strconv.FormatBool(v.Bool()))
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return Scalar("!!int", strconv.FormatInt(v.Int(), 10))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return Scalar("!!int", strconv.FormatUint(v.Uint(), 10))
	case reflect.Float32, reflect.Float64:
		return Scalar("!!float", strconv.FormatFloat(v.Float(), 'g', -1, 64))
	case reflect.Slice, reflect.Array:
		n := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
		for i := range v.Len() {
			n.Content = append(n.Content, node(v.Index(i)))
		}
		return n
	case reflect.Map:
		n := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
		keys := v.MapKeys()
		slices.SortFunc(keys, func(a, b reflect.Value) int { return strings.Compare(a.String(), b.String()) })
		for _, k := range keys {
			n.Content = append(n.Content, strNode(k.String(), true), node(v.MapIndex(k)))
		}
		return n
	case reflect.Struct:
		n := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
		structNode(n, v)
		return n
	}
	return nil
}

func structNode(n *yaml.Node, v reflect.Value) {
	t := v.Type()
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		fv := v.Field(i)
		if f.Anonymous && name == "" && f.Type.Kind() == reflect.Struct {
			structNode(n, fv)
			continue
		}
		if !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		if (strings.Contains(opts, "omitempty") && isEmpty(fv)) || (strings.Contains(opts, "omitzero") && fv.IsZero()) {
			continue
		}
		k := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: name}
		if c := f.Tag.Get("comment"); c != "" {
			k.HeadComment = c
		}
		n.Content = append(n.Content, k, node(fv))
	}
}

func isEmpty(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return v.Len() == 0
	case reflect.Bool:
		return !v.Bool()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return v.Int() == 0
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return v.Uint() == 0
	case reflect.Float32, reflect.Float64:
		return v.Float() == 0
	case reflect.Interface, reflect.Pointer:
		return v.IsNil()
	}
	return false
}

// WriteFile writes data to path atomically: it writes a temporary file in the
// same directory, syncs it and renames it over path. When path already holds
// exactly data, it leaves the file untouched (so go generate stays
// idempotent and mtimes do not change) and returns changed=false.
func WriteFile(path string, data []byte, perm os.FileMode) (changed bool, err error) {
	if old, err := os.ReadFile(path); err == nil && bytes.Equal(old, data) {
		// Same bytes: leave the file (and its mtime) alone, but mend a
		// mode that differs, which would otherwise change a later zip.
		if fi, err := os.Stat(path); err == nil && fi.Mode().Perm() != perm.Perm() {
			return false, os.Chmod(path, perm.Perm())
		}
		return false, nil
	}
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, "."+base+".tmp*")
	if err != nil {
		return false, err
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	if _, err = f.Write(data); err != nil {
		return false, err
	}
	if err = f.Chmod(perm); err != nil {
		return false, err
	}
	if err = f.Sync(); err != nil {
		return false, err
	}
	if err = f.Close(); err != nil {
		return false, err
	}
	if err = os.Rename(tmp, path); err != nil {
		return false, err
	}
	return true, nil
}
