package source

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/big"
	"regexp"
	"strconv"
	"strings"

	"github.com/bgspec/bgspec/diag"
	"go.yaml.in/yaml/v3"
)

// ParseYAML reads one YAML document. It never decodes the input into Go
// values with go-yaml (whose duplicate-key check is quadratic and whose alias
// guard does not run for nodes); it parses to yaml.Node and converts the tree
// itself, under a depth cap and an alias-expansion budget.
//
// The returned Doc is never nil; Doc.Value is nil when nothing could be read.
// Merge keys (<<) are applied the way YAML 1.1 readers such as CodeBuild's do:
// explicit keys win over merged ones, earlier merge sources over later ones.
func ParseYAML(file string, src []byte, o Options) (*Doc, diag.List) {
	o = o.withDefaults(DefaultYAMLMaxBytes)
	src, _, l, ok := prepare(file, src, o)
	d := newDoc(file, src, "yaml")
	if !ok {
		return d, l
	}
	root, more, err := decodeYAML(src)
	if err != nil {
		return d, append(l, yamlErrDiag(d, err))
	}
	if root == nil || len(root.Content) == 0 || isNull(root.Content[0]) {
		return d, append(l, mkdiag(file, Pos{}, "", RuleEmpty, "the document is empty: write the spec's keys, starting with version"))
	}
	if more != nil {
		l = append(l, more(d))
	}
	c := &yconv{d: d, o: o, visiting: make(map[*yaml.Node]bool)}
	d.Value = c.value(root.Content[0], "", Pos{}, 0)
	return d, append(l, c.diags...)
}

// decodeYAML parses the first document into a node and checks that no second
// document follows. It turns a go-yaml panic into an error.
func decodeYAML(src []byte) (root *yaml.Node, more func(*Doc) diag.Diagnostic, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("yaml: internal error: %v", r)
		}
	}()
	dec := yaml.NewDecoder(bytes.NewReader(src))
	var n yaml.Node
	if err := dec.Decode(&n); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, nil, nil
		}
		return nil, nil, err
	}
	var next yaml.Node
	switch err := dec.Decode(&next); {
	case errors.Is(err, io.EOF):
	case err != nil:
		more = func(d *Doc) diag.Diagnostic {
			p := yamlErrDiag(d, err)
			p.Rule, p.Severity = RuleMultiDoc, diag.Error
			p.Message = "after the end of the document: " + p.Message + "; a spec file holds one document"
			return p
		}
	default:
		more = func(d *Doc) diag.Diagnostic {
			p := secondDocPos(d, n.Line)
			return mkdiag(d.File, p, "", RuleMultiDoc, "a second YAML document starts here; AWS reads only the first: remove the '---' and what follows, or merge it into the first")
		}
	}
	return &n, more, nil
}

// secondDocPos finds the "---" that starts the second document.
func secondDocPos(d *Doc, firstLine int) Pos {
	seen := 0
	for i, start := range d.lines {
		end := len(d.Src)
		if i+1 < len(d.lines) {
			end = d.lines[i+1]
		}
		line := d.Src[start:end]
		if bytes.HasPrefix(line, []byte("---")) && (len(line) == 3 || line[3] == ' ' || line[3] == '\n' || line[3] == '\r' || line[3] == '\t') {
			seen++
			if i+1 > firstLine || seen > 1 {
				return Pos{Line: i + 1, Column: 1, Offset: start}
			}
		}
	}
	return Pos{}
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null"
}

var yamlErrLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)
var yamlUnknownAnchor = regexp.MustCompile(`unknown anchor '([^']*)' referenced`)

// yamlErrDiag turns a go-yaml error into a positioned diagnostic. go-yaml v3
// gives at most a line; the column (and the line, where missing) is computed.
func yamlErrDiag(d *Doc, err error) diag.Diagnostic {
	msg := err.Error()
	line := 0
	if m := yamlErrLine.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = m[2]
	} else {
		msg = strings.TrimPrefix(msg, "yaml: ")
		if m := yamlUnknownAnchor.FindStringSubmatch(msg); m != nil {
			if i := bytes.Index(d.Src, []byte("*"+m[1])); i >= 0 {
				p := d.posAt(i)
				return mkdiag(d.File, p, "", RuleYAMLSyntax, msg+": define the anchor (&"+m[1]+") before using it")
			}
		}
		// go-yaml leaves the line out when the problem is on line 1.
		line = 1
	}
	if line > len(d.lines) {
		line = len(d.lines)
	}
	start := d.lines[line-1]
	end := len(d.Src)
	if line < len(d.lines) {
		end = d.lines[line]
	}
	text := d.Src[start:end]
	if strings.Contains(msg, "found character that cannot start any token") || strings.Contains(msg, "found a tab character") {
		if i := bytes.IndexByte(text, '\t'); i >= 0 {
			return mkdiag(d.File, d.posAt(start+i), "", RuleTab, "a tab character where YAML needs spaces: indent with spaces")
		}
	}
	col := len(text) - len(bytes.TrimLeft(text, " \t")) + 1
	if col > len(bytes.TrimRight(text, "\r\n")) {
		col = 1
	}
	return mkdiag(d.File, Pos{Line: line, Column: col, Offset: start + col - 1}, "", RuleYAMLSyntax, msg)
}

// yconv converts a node tree into JSON-like values.
type yconv struct {
	d        *Doc
	o        Options
	diags    diag.List
	visiting map[*yaml.Node]bool // alias targets being expanded (cycle detection)
	inAlias  int                 // > 0 while expanding an alias
	expanded int                 // nodes produced by alias expansion
	overBudg bool
	tooDeep  bool
}

func (c *yconv) pos(n *yaml.Node) Pos { return c.d.lineCol(n.Line, n.Column) }

func (c *yconv) report(n *yaml.Node, ptr, rule, format string, args ...any) {
	c.diags = append(c.diags, mkdiag(c.d.File, c.pos(n), ptr, rule, fmt.Sprintf(format, args...)))
}

var coreTags = map[string]bool{
	"!!str": true, "!!int": true, "!!float": true, "!!bool": true, "!!null": true,
	"!!timestamp": true, "!!map": true, "!!seq": true, "!!merge": true,
}

func (c *yconv) value(n *yaml.Node, ptr string, key Pos, depth int) any {
	if depth > c.o.MaxDepth {
		if !c.tooDeep {
			c.tooDeep = true
			c.report(n, ptr, RuleTooDeep, "the document nests more than %d levels deep", c.o.MaxDepth)
		}
		return nil
	}
	if c.inAlias > 0 {
		c.expanded++
		if c.expanded > c.o.AliasBudget {
			if !c.overBudg {
				c.overBudg = true
				c.report(n, ptr, RuleAliasBudget, "aliases expand to more than %d nodes: write the values out instead of nesting aliases", c.o.AliasBudget)
			}
			return nil
		}
	}
	c.d.set(ptr, key, c.pos(n))
	if n.Tag != "" && n.Kind != yaml.AliasNode && n.Kind != yaml.DocumentNode && !coreTags[n.ShortTag()] {
		c.report(n, ptr, RuleTag, "the tag %s is not interpreted by AWS: write the plain value", n.Tag)
	}
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return nil
		}
		return c.value(n.Content[0], ptr, key, depth)
	case yaml.AliasNode:
		t := n.Alias
		if t == nil {
			return nil
		}
		if c.visiting[t] {
			c.report(n, ptr, RuleAliasCycle, "the alias *%s refers to a node that contains it", n.Value)
			return nil
		}
		c.visiting[t] = true
		c.inAlias++
		v := c.value(t, ptr, key, depth)
		c.inAlias--
		delete(c.visiting, t)
		return v
	case yaml.ScalarNode:
		return c.scalar(n, ptr)
	case yaml.SequenceNode:
		out := make([]any, 0, len(n.Content))
		for i, e := range n.Content {
			out = append(out, c.value(e, diag.Index(ptr, i), Pos{}, depth+1))
		}
		return out
	case yaml.MappingNode:
		return c.mapping(n, ptr, depth)
	}
	return nil
}

func (c *yconv) mapping(n *yaml.Node, ptr string, depth int) map[string]any {
	out := make(map[string]any, len(n.Content)/2)
	seen := make(map[string]*yaml.Node, len(n.Content)/2)
	reported := make(map[string]bool)
	var merges []*yaml.Node
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		kr := k
		if kr.Kind == yaml.AliasNode && kr.Alias != nil {
			kr = kr.Alias
		}
		if kr.Kind == yaml.ScalarNode && kr.ShortTag() == "!!merge" {
			merges = append(merges, v)
			continue
		}
		if kr.Kind != yaml.ScalarNode {
			c.report(k, ptr, RuleNonStrKey, "a list or map used as a mapping key: keys must be plain strings")
			continue
		}
		name := kr.Value
		if t := kr.ShortTag(); t != "!!str" {
			c.report(k, diag.Append(ptr, name), RuleNonStrKey, "the key %s is read as %s, not a string: quote it if it is meant as a key", name, strings.TrimPrefix(t, "!!"))
		}
		if first, dup := seen[name]; dup {
			if !reported[name] {
				reported[name] = true
				c.report(k, diag.Append(ptr, name), RuleYAMLDupKey, "the key %q is already defined at line %d: keep one of them", name, first.Line)
			}
			continue
		}
		seen[name] = k
		out[name] = c.value(v, diag.Append(ptr, name), c.pos(k), depth+1)
	}
	for _, m := range merges {
		c.merge(out, m, ptr, depth)
	}
	return out
}

// merge applies one merge-key value to out. Keys already in out win.
func (c *yconv) merge(out map[string]any, m *yaml.Node, ptr string, depth int) {
	src := m
	if src.Kind == yaml.AliasNode && src.Alias != nil {
		src = src.Alias
	}
	var sources []*yaml.Node
	switch src.Kind {
	case yaml.MappingNode:
		sources = []*yaml.Node{m}
	case yaml.SequenceNode:
		sources = src.Content
	default:
		c.report(m, ptr, RuleMergeKey, "the merge key << needs a mapping or a list of mappings")
		return
	}
	for _, s := range sources {
		target, alias := s, s.Kind == yaml.AliasNode
		if alias && s.Alias != nil {
			target = s.Alias
		}
		if target.Kind != yaml.MappingNode {
			c.report(s, ptr, RuleMergeKey, "the merge key << needs a mapping or a list of mappings")
			continue
		}
		if alias {
			if c.visiting[target] {
				c.report(s, ptr, RuleAliasCycle, "the alias *%s refers to a node that contains it", s.Value)
				continue
			}
			c.visiting[target] = true
			c.inAlias++
		}
		for i := 0; i+1 < len(target.Content); i += 2 {
			k := target.Content[i]
			if _, ok := out[k.Value]; ok || k.Kind != yaml.ScalarNode || k.ShortTag() == "!!merge" {
				continue
			}
			out[k.Value] = c.value(target.Content[i+1], diag.Append(ptr, k.Value), c.pos(k), depth+1)
		}
		if alias {
			c.inAlias--
			delete(c.visiting, target)
		}
	}
}

var jsonNumber = regexp.MustCompile(`^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?$`)

func (c *yconv) scalar(n *yaml.Node, ptr string) any {
	v := n.Value
	switch n.ShortTag() {
	case "!!null":
		return nil
	case "!!bool":
		b, err := strconv.ParseBool(strings.ToLower(v))
		if err != nil {
			return v
		}
		return b
	case "!!int":
		if jsonNumber.MatchString(v) {
			return json.Number(v)
		}
		clean := strings.ReplaceAll(v, "_", "")
		if i, err := strconv.ParseInt(clean, 0, 64); err == nil {
			return json.Number(strconv.FormatInt(i, 10))
		}
		if b, ok := new(big.Int).SetString(clean, 0); ok {
			return json.Number(b.String())
		}
		return v
	case "!!float":
		if jsonNumber.MatchString(v) {
			return json.Number(v)
		}
		f, err := strconv.ParseFloat(strings.ReplaceAll(v, "_", ""), 64)
		switch lv := strings.ToLower(v); {
		case strings.HasSuffix(lv, ".nan") || strings.HasSuffix(lv, ".inf"):
			c.report(n, ptr, RuleNaN, "%s is not a finite number: write a number, or quote it if it is text", v)
			return v
		case err != nil:
			return v
		}
		return json.Number(strconv.FormatFloat(f, 'g', -1, 64))
	}
	// !!str, !!timestamp (kept as its text) and unknown tags.
	return v
}
