package revision

import (
	"cmp"
	"encoding/json"
	"slices"
	"strconv"
	"strings"

	"github.com/bgspec/bgspec/diag"
	"github.com/bgspec/bgspec/internal/source"
)

// node is a value of a parsed spec document together with its pointer, so
// lookups can be case-insensitive (AppSpec keys are) and still report the
// pointer of the key as written.
type node struct {
	doc *source.Doc
	ptr string
	v   any
}

func rootNode(d *source.Doc) node {
	if d == nil {
		return node{}
	}
	return node{doc: d, v: d.Value}
}

func (n node) ok() bool { return n.doc != nil && n.v != nil }

// key returns the member named k: an exact match first, then a
// case-insensitive one (the bytewise least, whatever the map order, as
// appspec's own lookup picks it).
func (n node) key(k string) node {
	m, ok := n.v.(map[string]any)
	if !ok {
		return node{}
	}
	if v, ok := m[k]; ok {
		return node{n.doc, diag.Append(n.ptr, k), v}
	}
	found, least := false, ""
	for mk := range m {
		if strings.EqualFold(mk, k) && (!found || mk < least) {
			found, least = true, mk
		}
	}
	if !found {
		return node{}
	}
	return node{n.doc, diag.Append(n.ptr, least), m[least]}
}

func (n node) path(keys ...string) node {
	for _, k := range keys {
		n = n.key(k)
	}
	return n
}

func (n node) items() []node {
	a, ok := n.v.([]any)
	if !ok {
		return nil
	}
	out := make([]node, len(a))
	for i, v := range a {
		out[i] = node{n.doc, diag.Index(n.ptr, i), v}
	}
	return out
}

// members returns the members of a mapping in document order.
func (n node) members() []node {
	m, ok := n.v.(map[string]any)
	if !ok {
		return nil
	}
	out := make([]node, 0, len(m))
	for k, v := range m {
		out = append(out, node{n.doc, diag.Append(n.ptr, k), v})
	}
	sortByPos(out)
	return out
}

func (n node) name() string {
	toks, _ := diag.SplitPointer(n.ptr)
	if len(toks) == 0 {
		return ""
	}
	return toks[len(toks)-1]
}

func (n node) str() (string, bool) {
	s, ok := n.v.(string)
	return s, ok
}

// strs returns a string or a list of strings as a list.
func (n node) strs() []node {
	if _, ok := n.v.(string); ok {
		return []node{n}
	}
	var out []node
	for _, it := range n.items() {
		if _, ok := it.v.(string); ok {
			out = append(out, it)
		}
	}
	return out
}

func (n node) int() (int64, bool) {
	switch v := n.v.(type) {
	case json.Number:
		i, err := v.Int64()
		return i, err == nil
	case string:
		i, err := strconv.ParseInt(v, 10, 64)
		return i, err == nil
	}
	return 0, false
}

// where formats the position of n as file:line:col for messages that point
// at the other side of a cross-file problem.
func (n node) where() string {
	if n.doc == nil {
		return ""
	}
	p := n.doc.ValuePos(n.ptr)
	if p.Line == 0 {
		return n.doc.File
	}
	return n.doc.File + ":" + strconv.Itoa(p.Line) + ":" + strconv.Itoa(p.Column)
}

func (n node) diag(rule, format string, args ...any) diag.Diagnostic {
	return n.doc.Diag(n.ptr, rule, format, args...)
}

// sortByPos sorts nodes of one document by the offset of their keys (then
// by pointer, for keys without a position).
func sortByPos(ns []node) {
	slices.SortFunc(ns, func(a, b node) int {
		return cmp.Or(cmp.Compare(a.doc.KeyPos(a.ptr).Offset, b.doc.KeyPos(b.ptr).Offset), strings.Compare(a.ptr, b.ptr))
	})
}
