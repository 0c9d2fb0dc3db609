package source

import (
	"cmp"
	"encoding/json"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/bgspec/bgspec/diag"
)

// Node is a cursor over a value of a parsed document: the value, its JSON
// pointer and the document it belongs to. Lookups walk down from a Node and
// keep the pointer of every key as written, so that a member found
// case-insensitively (Fold) is still reported at its own position.
//
// The zero Node stands for "no such member": its Value is nil and its
// methods return zero results. Doc may be nil, for lookups in a bare value;
// only [Node.Members] (for the order), [Node.Where] and [Node.Diag] use it.
type Node struct {
	// Doc is the document the value belongs to, or nil.
	Doc *Doc
	// Ptr is the JSON pointer of the value in Doc ("" for the root).
	Ptr string
	// Value is the value: map[string]any, []any, string, json.Number, bool
	// or nil (see [Doc.Value]).
	Value any
	// Fold makes [Node.Get] fall back to a case-folded match when the exact
	// key is missing: AppSpec keys, which CodeDeploy reads
	// case-insensitively. Without it keys match exactly, as ECS reads a task
	// definition and CodeBuild a buildspec. Every Node reached from this one
	// keeps the setting.
	Fold bool
}

// child is the Node of a member or element of n.
func (n Node) child(ptr string, v any) Node {
	return Node{Doc: n.Doc, Ptr: ptr, Value: v, Fold: n.Fold}
}

// Root returns the Node of a document's root value; the zero Node for a nil
// document.
func Root(d *Doc) Node {
	if d == nil {
		return Node{}
	}
	return Node{Doc: d, Value: d.Value}
}

// OK reports whether n holds a value: false for the zero Node a missing
// member gives, and for null.
func (n Node) OK() bool { return n.Value != nil }

// Get returns the member of a mapping named key: the exact key if the
// mapping has it, otherwise, when n.Fold is set, the bytewise least of the
// keys equal to key under Unicode case folding (so the choice never depends
// on map order).
// ok is false, and the Node zero, when n is not a mapping or has no such
// member; a member whose value is null is found (ok true, Value nil).
func (n Node) Get(key string) (_ Node, ok bool) {
	m, isMap := n.Value.(map[string]any)
	if !isMap {
		return Node{}, false
	}
	if v, has := m[key]; has {
		return n.child(diag.Append(n.Ptr, key), v), true
	}
	if !n.Fold {
		return Node{}, false
	}
	found, least := false, ""
	for k := range m {
		if strings.EqualFold(k, key) && (!found || k < least) {
			found, least = true, k
		}
	}
	if !found {
		return Node{}, false
	}
	return n.child(diag.Append(n.Ptr, least), m[least]), true
}

// Key is [Node.Get] without the flag: the member named key, or the zero
// Node.
func (n Node) Key(key string) Node {
	c, _ := n.Get(key)
	return c
}

// Path follows keys down from n with [Node.Key].
func (n Node) Path(keys ...string) Node {
	for _, k := range keys {
		n = n.Key(k)
	}
	return n
}

// Items returns the elements of a list, with pointers ending in their
// index; nil when n is not a list.
func (n Node) Items() []Node {
	a, ok := n.Value.([]any)
	if !ok {
		return nil
	}
	out := make([]Node, len(a))
	for i, v := range a {
		out[i] = n.child(diag.Index(n.Ptr, i), v)
	}
	return out
}

// Members returns the members of a mapping in document order: by the
// offset of their keys in Doc, ties (and every member, when Doc is nil) by
// pointer. It returns nil when n is not a mapping.
func (n Node) Members() []Node {
	m, ok := n.Value.(map[string]any)
	if !ok {
		return nil
	}
	out := make([]Node, 0, len(m))
	for k, v := range m {
		out = append(out, n.child(diag.Append(n.Ptr, k), v))
	}
	keyOff := func(c Node) int {
		if c.Doc == nil {
			return 0
		}
		return c.Doc.KeyPos(c.Ptr).Offset
	}
	slices.SortFunc(out, func(a, b Node) int {
		return cmp.Or(cmp.Compare(keyOff(a), keyOff(b)), strings.Compare(a.Ptr, b.Ptr))
	})
	return out
}

// MembersByKey returns the members of a mapping sorted bytewise by key
// (not by the escaped pointer); an empty list when n is not a mapping.
func (n Node) MembersByKey() []Node {
	m, _ := n.Value.(map[string]any)
	keys := slices.Sorted(maps.Keys(m))
	out := make([]Node, len(keys))
	for i, k := range keys {
		out[i] = n.child(diag.Append(n.Ptr, k), m[k])
	}
	return out
}

// Name returns the last reference token of n's pointer, unescaped: a
// member's key or an element's index. It is "" for the root (and for a
// malformed pointer).
func (n Node) Name() string {
	i := strings.LastIndexByte(n.Ptr, '/')
	if i < 0 {
		return ""
	}
	toks, ok := diag.SplitPointer(n.Ptr[i:])
	if !ok {
		return ""
	}
	return toks[0]
}

// IsMap reports whether n is a mapping.
func (n Node) IsMap() bool { _, ok := n.Value.(map[string]any); return ok }

// Str returns n's value when it is a string.
func (n Node) Str() (string, bool) { s, ok := n.Value.(string); return s, ok }

// Text returns a scalar's text: a string as is, a number's literal (as
// written: "0.0", "1e3"), true or false; "" for anything else.
func (n Node) Text() string {
	switch t := n.Value.(type) {
	case string:
		return t
	case json.Number:
		return string(t)
	case bool:
		return strconv.FormatBool(t)
	}
	return ""
}

// Texts returns the [Node.Text] of every element of a list (nil when n is
// not a list or is empty).
func (n Node) Texts() []string {
	var out []string
	for _, e := range n.Items() {
		out = append(out, e.Text())
	}
	return out
}

// StringList reads a string or a list of strings as a list: n itself when
// it is a string, else the string elements of a list (others are skipped).
func (n Node) StringList() []Node {
	if _, ok := n.Value.(string); ok {
		return []Node{n}
	}
	var out []Node
	for _, it := range n.Items() {
		if _, ok := it.Value.(string); ok {
			out = append(out, it)
		}
	}
	return out
}

// Int64 returns a number, or a string, whose text is a decimal integer in
// the int64 range (strconv.ParseInt: no white space, no fraction or
// exponent; "80.0" and " 80" are not integers).
func (n Node) Int64() (int64, bool) {
	switch v := n.Value.(type) {
	case json.Number:
		i, err := v.Int64()
		return i, err == nil
	case string:
		i, err := strconv.ParseInt(v, 10, 64)
		return i, err == nil
	}
	return 0, false
}

// TrimmedInt is the lenient reading the AppSpec decoder uses: a number, or
// a string whose text without surrounding white space is a decimal int
// (strconv.Atoi; " 80" is 80, "80.0" is not an integer).
func (n Node) TrimmedInt() (int, bool) {
	var s string
	switch t := n.Value.(type) {
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

// Where formats the position of n's value as file:line:col (just the file
// name when the value has no position; "" without a Doc), for messages that
// point at another place, such as the other side of a cross-file problem.
func (n Node) Where() string {
	if n.Doc == nil {
		return ""
	}
	p := n.Doc.ValuePos(n.Ptr)
	if p.Line == 0 {
		return n.Doc.File
	}
	return n.Doc.File + ":" + strconv.Itoa(p.Line) + ":" + strconv.Itoa(p.Column)
}

// Diag builds a diagnostic at n's value with [Doc.Diag]. n must have a Doc.
func (n Node) Diag(rule, format string, args ...any) diag.Diagnostic {
	return n.Doc.Diag(n.Ptr, rule, format, args...)
}
