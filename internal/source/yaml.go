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
	src, _, l, ok := prepare(file, src, o, "yaml")
	d := newDoc(file, src, "yaml")
	if !ok {
		return d, l
	}
	root, more, err := decodeYAML(d)
	if err != nil {
		return d, append(l, yamlErrDiag(d, err))
	}
	if root == nil || len(root.Content) == 0 || isNull(root.Content[0]) {
		return d, append(l, mkdiag(file, Pos{}, "", RuleEmpty, "the document is empty: write the spec's keys, starting with version"))
	}
	l = append(l, more...)
	// Sized once: growing the index map through 200,000 entries of a
	// cap-sized list would allocate about twice its final size.
	d.index = make(map[string]span, countNodes(root.Content[0]))
	c := &yconv{d: d, o: o, visiting: make(map[*yaml.Node]bool)}
	d.Value, d.parsed = c.value(root.Content[0], "", Pos{}, 0), true
	return d, append(l, c.diags...)
}

// decodeYAML parses the first document of d.Src into a node and checks that
// no second document follows; more reports one that does. It turns a go-yaml
// panic into an error.
func decodeYAML(d *Doc) (root *yaml.Node, more diag.List, err error) {
	root, second, nextErr, err := readYAML(d.Src)
	switch {
	case err != nil || root == nil:
		return nil, nil, err
	case nextErr != nil:
		p := yamlErrDiag(d, nextErr)
		p.Rule, p.Severity = RuleMultiDoc, diag.Error
		p.Message = "after the end of the document: " + p.Message + "; a spec file holds one document"
		more = diag.List{p}
	case second:
		more = diag.List{mkdiag(d.File, secondDocPos(d, root.Line), "", RuleMultiDoc, "a second YAML document starts here; AWS reads only the first: remove the '---' and what follows, or merge it into the first")}
	}
	return root, more, nil
}

// readYAML reads the first document of src (root nil: there is none), then
// tries a second: second reports that one was read, nextErr the error
// reading it. A go-yaml panic becomes err.
func readYAML(src []byte) (root *yaml.Node, second bool, nextErr, err error) {
	defer func() {
		if r := recover(); r != nil {
			root, err = nil, fmt.Errorf("yaml: internal error: %v", r)
		}
	}()
	dec := yaml.NewDecoder(bytes.NewReader(src))
	var n yaml.Node
	if err := dec.Decode(&n); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, false, nil, nil
		}
		return nil, false, nil, err
	}
	var next yaml.Node
	switch err := dec.Decode(&next); {
	case errors.Is(err, io.EOF):
		return &n, false, nil, nil
	case err != nil:
		return &n, false, err, nil
	}
	return &n, true, nil, nil
}

// secondDocPos finds the "---" that starts the second document.
func secondDocPos(d *Doc, firstLine int) Pos {
	seen := 0
	for i, start := range d.lineTab() {
		line := d.Src[start:d.lineEnd(i+1)]
		if bytes.HasPrefix(line, []byte("---")) && (len(line) == 3 || line[3] == ' ' || line[3] == '\n' || line[3] == '\r' || line[3] == '\t') {
			seen++
			if i+1 > firstLine || seen > 1 {
				return Pos{Line: i + 1, Column: 1, Offset: start}
			}
		}
	}
	return Pos{}
}

// countNodes returns the number of nodes in the tree under n, aliases
// counted once (not expanded).
func countNodes(n *yaml.Node) int {
	count, stack := 0, []*yaml.Node{n}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		count++
		stack = append(stack, n.Content...)
	}
	return count
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null"
}

var yamlErrLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// Bounds on the search for the exact offset of a go-yaml error (each probe
// parses a prefix of the input): inputs up to locateMaxBytes are searched, and
// the probes together parse at most locateBudget bytes.
const (
	locateMaxBytes = 64 << 10
	locateBudget   = 1 << 20
)

// yamlErrDiag turns a go-yaml error into a positioned diagnostic.
//
// go-yaml v3 errors carry at most a line, and that line is unreliable: it is
// the line of the error's context (the start of the enclosing flow sequence,
// quoted scalar, …) when there is one, it is 0-based for parser errors and
// 1-based for scanner errors, it is left out on the first line, and some
// errors (unknown anchors, forbidden characters) have none. So the position is
// computed: the error arises where go-yaml reads the offending character,
// which is the end of the shortest prefix of the input that fails with the
// same error. A binary search over prefixes finds it.
func yamlErrDiag(d *Doc, err error) diag.Diagnostic {
	full := err.Error()
	msg := strings.TrimPrefix(full, "yaml: ")
	line := 0
	if m := yamlErrLine.FindStringSubmatch(full); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = m[2]
	}
	line = max(0, min(line, len(d.lineTab())))
	off := -1
	if strings.HasPrefix(msg, "exceeded max depth") {
		off = flowDepthOffset(d.Src, 10000)
	} else if len(d.Src) <= locateMaxBytes {
		lo := 0
		if line > 0 {
			lo = d.lineTab()[line-1] // the error is at or after the reported line
		}
		off = locateYAMLError(d.Src, full, lo)
	}
	if off < 0 {
		// Too large to search: the first non-blank byte of the reported line.
		if line == 0 {
			line = 1
		}
		start, end := d.lineTab()[line-1], d.lineEnd(line)
		text := d.Src[start:end]
		off = start + len(text) - len(bytes.TrimLeft(text, " \t"))
		if off >= start+len(bytes.TrimRight(text, "\r\n")) {
			off = start
		}
	}
	off = min(off, len(d.Src))
	p := d.posAt(off)
	switch {
	case strings.HasPrefix(msg, "unknown anchor"):
		// go-yaml fails at the end of the alias: point at its '*'.
		if i := bytes.LastIndexByte(d.Src[:min(off+1, len(d.Src))], '*'); i >= 0 {
			p = d.posAt(i)
		}
		name := strings.TrimSuffix(strings.TrimPrefix(msg, "unknown anchor '"), "' referenced")
		return mkdiag(d.File, p, "", RuleYAMLSyntax, msg+": define the anchor (&"+name+") before using it")
	case strings.Contains(msg, "found character that cannot start any token") || strings.Contains(msg, "found a tab character"):
		if off < len(d.Src) && d.Src[off] == '\t' {
			return mkdiag(d.File, p, "", RuleTab, "a tab character where YAML needs spaces: indent with spaces")
		}
		start, end := d.lineTab()[p.Line-1], d.lineEnd(p.Line)
		if i := bytes.IndexByte(d.Src[start:end], '\t'); i >= 0 {
			return mkdiag(d.File, d.posAt(start+i), "", RuleTab, "a tab character where YAML needs spaces: indent with spaces")
		}
	}
	return mkdiag(d.File, p, "", RuleYAMLSyntax, msg)
}

// yamlError returns the error go-yaml reports for src read the way
// decodeYAML reads it (one document, then a check for a second), or nil.
func yamlError(src []byte) error {
	_, _, nextErr, err := readYAML(src)
	if err != nil {
		return err
	}
	return nextErr
}

// locateYAMLError returns the offset of the byte at which go-yaml fails with
// the error text full: the last byte of the shortest prefix of src (not
// shorter than lo) that fails with the same text. It returns -1 if src itself
// does not fail that way. The search gallops from lo (the error is usually
// close to the line go-yaml names), then bisects; once the probes have parsed
// locateBudget bytes it settles for the best bound found.
func locateYAMLError(src []byte, full string, lo int) int {
	budget := locateBudget
	same := func(k int) bool {
		budget -= k
		err := yamlError(src[:k])
		return err != nil && err.Error() == full
	}
	hi := len(src)
	if !same(hi) {
		return -1
	}
	lo = min(lo, hi)
	if lo > 0 && same(lo) {
		lo = 0 // the reported line was not a lower bound after all
	}
	// Invariant: !same(lo) (or lo == 0), same(hi).
	for step := 64; lo+step < hi && budget > 0; step *= 4 {
		if same(lo + step) {
			hi = lo + step
			break
		}
		lo += step
	}
	for hi-lo > 1 && budget > 0 {
		m := int(uint(lo+hi) >> 1)
		if same(m) {
			hi = m
		} else {
			lo = m
		}
	}
	// A prefix can end inside a multi-byte character (a NEL, LS or PS line
	// break, say): point at the character's first byte.
	off := hi - 1
	for off > 0 && src[off]&0xc0 == 0x80 {
		off--
	}
	return off
}

// flowDepthOffset returns the offset of the first '[' or '{' that opens more
// than max nested flow collections (outside quoted scalars and comments), or
// -1.
func flowDepthOffset(src []byte, max int) int {
	depth := 0
	var quote byte
	for i := 0; i < len(src); i++ {
		c := src[i]
		switch {
		case quote != 0:
			if c == '\\' && quote == '"' {
				i++
			} else if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '#' && (i == 0 || src[i-1] == ' ' || src[i-1] == '\t' || src[i-1] == '\n'):
			for i < len(src) && src[i] != '\n' {
				i++
			}
		case c == '[' || c == '{':
			if depth++; depth > max {
				return i
			}
		case c == ']' || c == '}':
			depth--
		}
	}
	return -1
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
	if (n.Kind == yaml.MappingNode || n.Kind == yaml.SequenceNode) && depth >= c.o.MaxDepth {
		// The same cap as the JSON reader's: MaxDepth nested collections
		// are allowed, the next one is not.
		if !c.tooDeep {
			c.tooDeep = true
			c.report(n, ptr, RuleTooDeep, "the document nests more than %d levels deep", c.o.MaxDepth)
		}
		return nil
	}
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
	}
	if n.Anchor != "" && !c.visiting[n] {
		// An alias inside its own anchored node is a cycle, even when the
		// node is reached directly rather than through an alias.
		c.visiting[n] = true
		defer delete(c.visiting, n)
	}
	switch n.Kind {
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
	var reported map[string]bool // duplicate keys reported; few documents have any
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
		if _, dup := out[name]; dup {
			if !reported[name] {
				if reported == nil {
					reported = make(map[string]bool)
				}
				reported[name] = true
				c.report(k, diag.Append(ptr, name), RuleYAMLDupKey, "the key %q is already defined at line %d: keep one of them", name, c.firstKeyLine(n, ptr, i, name))
			}
			continue
		}
		out[name] = c.value(v, diag.Append(ptr, name), c.pos(k), depth+1)
	}
	for _, m := range merges {
		c.merge(out, m, ptr, depth)
	}
	return out
}

// firstKeyLine returns the line of the first key name of mapping n at ptr
// (whose key i repeats it): from the index, or by a scan when the value was
// not indexed (past the depth cap or the alias budget).
func (c *yconv) firstKeyLine(n *yaml.Node, ptr string, i int, name string) int {
	if s, ok := c.d.index[diag.Append(ptr, name)]; ok && s.key >= 0 {
		return c.d.posAt(int(s.key)).Line
	}
	for j := 0; j < i; j += 2 {
		k := n.Content[j]
		if k.Kind == yaml.AliasNode && k.Alias != nil {
			k = k.Alias
		}
		if k.Kind == yaml.ScalarNode && k.Value == name {
			return k.Line
		}
	}
	return n.Content[i].Line
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
			at := s
			if m.Kind == yaml.AliasNode {
				at = m // the list came through an alias: point at the alias
			}
			c.report(at, ptr, RuleMergeKey, "the merge key << needs a mapping or a list of mappings")
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
		var nested []*yaml.Node
		for i := 0; i+1 < len(target.Content); i += 2 {
			k := target.Content[i]
			if k.Kind == yaml.AliasNode && k.Alias != nil {
				k = k.Alias
			}
			if k.Kind != yaml.ScalarNode {
				if !alias { // an anchored mapping was reported where it stands
					c.report(k, ptr, RuleNonStrKey, "a list or map used as a mapping key: keys must be plain strings")
				}
				continue
			}
			if k.ShortTag() == "!!merge" {
				nested = append(nested, target.Content[i+1])
				continue
			}
			if _, ok := out[k.Value]; ok {
				continue
			}
			out[k.Value] = c.value(target.Content[i+1], diag.Append(ptr, k.Value), c.pos(k), depth+1)
		}
		// The source's own merge keys apply after its explicit keys.
		for _, m := range nested {
			c.merge(out, m, ptr, depth)
		}
		if alias {
			c.inAlias--
			delete(c.visiting, target)
		}
	}
}

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
		if isJSONNumber(v) {
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
		if isJSONNumber(v) {
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
