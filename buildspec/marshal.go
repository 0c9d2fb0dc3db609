package buildspec

import (
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/bgspec/bgspec/diag"
	"github.com/bgspec/bgspec/internal/render"
	"go.yaml.in/yaml/v3"
)

// Marshal renders x as YAML, deterministically: two-space indent, keys in
// the documented order (see [Buildspec]), map keys sorted, `version: 0.2`
// as a plain number, one trailing newline, LF line ends, no document
// markers. A string is quoted whenever a YAML 1.1 or 1.2 reader would
// otherwise read it differently (": ", " #", a leading "-", "*", "&", "!",
// "%", "@", "`", "{", "[", quotes, yes/no/on/off, numbers, empty strings…),
// so every command reads back unchanged. x.Comments are written above the
// keys they name.
//
// Marshal returns an error for a nil x or a string that is not valid UTF-8.
func Marshal(x *Buildspec) ([]byte, error) {
	if x == nil {
		return nil, errors.New("buildspec: Marshal of a nil *Buildspec")
	}
	if p, ok := invalidUTF8(reflect.ValueOf(*x), ""); !ok {
		return nil, fmt.Errorf("buildspec: the string at %s is not valid UTF-8", p)
	}
	n, err := render.Node(*x)
	if err != nil {
		return nil, err
	}
	styleMapValues(n)
	if len(x.Comments) > 0 {
		addComments(n, "", x.Comments)
	}
	out, err := render.EncodeNode(n)
	if err != nil {
		return nil, fmt.Errorf("buildspec: %w", err)
	}
	return out, nil
}

// invalidUTF8 finds the first string in v that is not valid UTF-8.
func invalidUTF8(v reflect.Value, ptr string) (string, bool) {
	switch v.Kind() {
	case reflect.String:
		if !utf8.ValidString(v.String()) {
			return ptr, false
		}
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			return invalidUTF8(v.Elem(), ptr)
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			if p, ok := invalidUTF8(v.Index(i), diag.Index(ptr, i)); !ok {
				return p, false
			}
		}
	case reflect.Map:
		iter := v.MapRange()
		for iter.Next() {
			k := iter.Key()
			if k.Kind() == reflect.String && !utf8.ValidString(k.String()) {
				return ptr, false
			}
			if p, ok := invalidUTF8(iter.Value(), diag.Append(ptr, fmt.Sprint(k.Interface()))); !ok {
				return p, false
			}
		}
	case reflect.Struct:
		t := v.Type()
		for i := range t.NumField() {
			f := t.Field(i)
			if !f.IsExported() || f.Tag.Get("json") == "-" {
				continue
			}
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if p, ok := invalidUTF8(v.Field(i), diag.Append(ptr, name)); !ok {
				return p, false
			}
		}
	}
	return ptr, true
}

// styleMapValues applies the command quoting policy to every string scalar
// that render left unstyled (map keys and values such as env variables).
func styleMapValues(n *yaml.Node) {
	if n == nil {
		return
	}
	if n.Kind == yaml.ScalarNode && n.Tag == "!!str" && n.Style == 0 {
		n.Style = commandNode(n.Value).Style
		return
	}
	for i, c := range n.Content {
		if n.Kind == yaml.MappingNode && i%2 == 0 && c.Kind == yaml.ScalarNode && strings.Contains(c.Value, "\n") {
			c.Style = yaml.DoubleQuotedStyle // never a block scalar as a key
			continue
		}
		styleMapValues(c)
	}
}

// addComments sets head comments on the keys named by comments.
func addComments(n *yaml.Node, ptr string, comments map[string]string) {
	if n.Kind != yaml.MappingNode {
		return
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		p := diag.Append(ptr, k.Value)
		if c, ok := comments[p]; ok && c != "" {
			k.HeadComment = c
		}
		addComments(n.Content[i+1], p, comments)
	}
}

// yaml11Special matches plain scalars that some YAML reader (1.1 or 1.2)
// resolves to something other than a string: numbers in any base and with
// separators, sexagesimal numbers, timestamps, special floats, null forms,
// the 1.1 value key "=" and the merge key "<<".
var yaml11Special = regexp.MustCompile(`^(?:[-+]?[0-9._:]*[0-9][0-9._:]*(?:[eE][-+]?[0-9]+)?` +
	`|[-+]?0[xXoObB][0-9a-fA-F_]+` +
	`|[-+]?\.(?:inf|Inf|INF|nan|NaN|NAN)` +
	`|~|null|Null|NULL|=|<<` +
	`|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt ].*)?)$`)

// commandNode returns the scalar node for one command string, quoted when a
// YAML 1.1 reader (CodeBuild's may be one) would read the plain form as a
// bool, number, null or timestamp. Everything else that plain style cannot
// hold (": ", " #", leading indicators, surrounding spaces) the encoder
// quotes by itself; multi-line strings become literal blocks when YAML can
// represent them that way, double-quoted strings otherwise.
func commandNode(s string) *yaml.Node {
	n := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}
	if strings.Contains(s, "\n") {
		if literalOK(s) {
			n.Style = yaml.LiteralStyle
		} else {
			n.Style = yaml.DoubleQuotedStyle
		}
		return n
	}
	if s == "" || isOldBool(s) || yaml11Special.MatchString(s) {
		n.Style = yaml.SingleQuotedStyle
		if !printable(s) {
			n.Style = yaml.DoubleQuotedStyle
		}
	}
	return n
}

// literalOK reports whether a multi-line string reads back unchanged from a
// literal block: no carriage returns or other non-printable characters, no
// tab at the start of a line, no space or tab at the end of one, and a first
// line that does not start with a space (block indentation is detected from
// it).
func literalOK(s string) bool {
	if strings.HasPrefix(s, " ") || strings.HasPrefix(s, "\n") {
		return false
	}
	for _, line := range strings.Split(s, "\n") {
		if strings.HasPrefix(line, "\t") || strings.HasSuffix(line, " ") || strings.HasSuffix(line, "\t") || !printable(line) {
			return false
		}
	}
	return true
}

func isOldBool(s string) bool {
	switch strings.ToLower(s) {
	case "y", "yes", "n", "no", "on", "off", "true", "false":
		return true
	}
	return false
}

func printable(s string) bool {
	for _, r := range s {
		if !unicode.IsPrint(r) {
			return false
		}
	}
	return true
}

// WriteFile marshals x and writes it to path atomically (temporary file,
// sync, rename); a file that already holds the same bytes is left untouched.
func WriteFile(path string, x *Buildspec) error {
	b, err := Marshal(x)
	if err != nil {
		return err
	}
	_, err = render.WriteFile(path, b, 0o644)
	return err
}
