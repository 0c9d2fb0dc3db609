package source

import (
	"encoding/json"
	"slices"
	"testing"
)

func mustYAML(t *testing.T, src string) *Doc {
	t.Helper()
	doc, l := ParseYAML("f.yml", []byte(src), Options{})
	if len(l) > 0 {
		t.Fatal(l)
	}
	return doc
}

func ptrs(ns []Node) []string {
	out := make([]string, len(ns))
	for i, n := range ns {
		out[i] = n.Ptr
	}
	return out
}

// TestNodeGet: an exact key wins; with Fold, otherwise the bytewise least
// of the keys equal under case folding, whatever the map order, and the
// setting passes to the members; without Fold, only the exact key; a missing
// member (or a lookup in a non-mapping) is the zero Node with ok false; a
// null member is found but not OK.
func TestNodeGet(t *testing.T) {
	m := map[string]any{"Name": "1", "NAME": "2", "name": "3", "nil": nil, "other": "x", "Sub": map[string]any{"Key": "k"}}
	exact := Node{Value: m}
	if c, ok := exact.Get("nAmE"); ok || c != (Node{}) {
		t.Errorf("without Fold, nAmE found %+v", c)
	}
	if c, ok := exact.Get("sub"); ok || c.OK() {
		t.Errorf("without Fold, sub found %+v", c)
	}
	if c := exact.Path("Sub", "key"); c.OK() {
		t.Errorf("without Fold, Sub/key found %+v", c)
	}
	n := Node{Value: m, Fold: true}
	if c := n.Path("SUB", "key"); c.Value != "k" || c.Ptr != "/Sub/Key" || !c.Fold {
		t.Errorf("Fold does not pass to members: %+v", c)
	}
	for range 50 { // map iteration order varies from run to run
		if c, ok := n.Get("name"); !ok || c.Ptr != "/name" || c.Value != "3" {
			t.Fatalf("exact: %+v %v", c, ok)
		}
		if c, ok := n.Get("nAmE"); !ok || c.Ptr != "/NAME" || c.Value != "2" {
			t.Fatalf("folded: %+v %v, want the bytewise least key NAME", c, ok)
		}
	}
	if c, ok := n.Get("missing"); ok || c.OK() || c.Ptr != "" {
		t.Errorf("missing: %+v %v", c, ok)
	}
	if c := n.Key("missing"); c.Ptr != "" || c.OK() {
		t.Errorf("Key missing: %+v", c)
	}
	if c, ok := n.Get("NIL"); !ok || c.Ptr != "/nil" || c.Value != nil || c.OK() {
		t.Errorf("null member: %+v %v", c, ok)
	}
	for _, v := range []any{nil, "s", []any{"name"}, json.Number("1")} {
		if c, ok := (Node{Value: v}).Get("name"); ok || c != (Node{}) {
			t.Errorf("Get in %#v: %+v %v", v, c, ok)
		}
	}
	if c := (Node{}).Path("a", "b"); c != (Node{}) {
		t.Errorf("Path from the zero Node: %+v", c)
	}
}

// TestNodePointers: keys are escaped into the pointer (~ → ~0, / → ~1),
// Name unescapes the last token, and list elements end in their index.
func TestNodePointers(t *testing.T) {
	doc := mustYAML(t, "a/b~c:\n  list: [x, {k~: v}]\n")
	root := Root(doc)
	if root.Doc != doc || root.Ptr != "" || !root.OK() || root.Name() != "" {
		t.Fatalf("root: %+v", root)
	}
	a := root.Key("a/b~c")
	if a.Ptr != "/a~1b~0c" || a.Name() != "a/b~c" || a.Doc != doc {
		t.Fatalf("escaped key: ptr %q name %q", a.Ptr, a.Name())
	}
	items := a.Key("list").Items()
	if got, want := ptrs(items), []string{"/a~1b~0c/list/0", "/a~1b~0c/list/1"}; !slices.Equal(got, want) {
		t.Errorf("items %q, want %q", got, want)
	}
	if items[1].Name() != "1" {
		t.Errorf("element name %q", items[1].Name())
	}
	k := root.Path("a/b~c", "list").Items()[1].Key("k~")
	if k.Ptr != "/a~1b~0c/list/1/k~0" || k.Name() != "k~" || k.Value != "v" {
		t.Errorf("path: %+v name %q", k, k.Name())
	}
	if a.Items() != nil || a.Key("list").Members() != nil {
		t.Error("Items of a mapping or Members of a list is not nil")
	}
	if got := (Root(nil)); got != (Node{}) {
		t.Errorf("Root(nil) = %+v", got)
	}
}

// TestNodeMembersOrder: Members follows the document (by key offset),
// MembersByKey the bytewise key order, which differs from the order of the
// escaped pointers ("a/" sorts before "a0"; "/a~1" after "/a0"). Without a
// Doc, Members falls back to pointer order.
func TestNodeMembersOrder(t *testing.T) {
	doc := mustYAML(t, "z: 1\na0: 2\na/: 3\nm: 4\n")
	root := Root(doc)
	if got, want := ptrs(root.Members()), []string{"/z", "/a0", "/a~1", "/m"}; !slices.Equal(got, want) {
		t.Errorf("Members %q, want %q", got, want)
	}
	if got, want := ptrs(root.MembersByKey()), []string{"/a~1", "/a0", "/m", "/z"}; !slices.Equal(got, want) {
		t.Errorf("MembersByKey %q, want %q", got, want)
	}
	bare := Node{Value: doc.Value}
	if got, want := ptrs(bare.Members()), []string{"/a0", "/a~1", "/m", "/z"}; !slices.Equal(got, want) {
		t.Errorf("Members without a Doc %q, want %q", got, want)
	}
	if got := (Node{Value: "s"}).MembersByKey(); got == nil || len(got) != 0 {
		t.Errorf("MembersByKey of a string: %#v, want empty", got)
	}
}

// TestNodeScalars: Str only for strings; Text for strings, number literals
// and booleans; Texts and StringList over lists.
func TestNodeScalars(t *testing.T) {
	for _, tc := range []struct {
		v       any
		str     string
		isStr   bool
		text    string
		strList int
	}{
		{"abc", "abc", true, "abc", 1},
		{json.Number("0.0"), "", false, "0.0", 0},
		{json.Number("1e3"), "", false, "1e3", 0},
		{true, "", false, "true", 0},
		{false, "", false, "false", 0},
		{nil, "", false, "", 0},
		{map[string]any{"a": "b"}, "", false, "", 0},
		{[]any{"a", json.Number("2"), "c", nil}, "", false, "", 2},
	} {
		n := Node{Value: tc.v}
		if s, ok := n.Str(); s != tc.str || ok != tc.isStr {
			t.Errorf("%#v Str = %q %v", tc.v, s, ok)
		}
		if got := n.Text(); got != tc.text {
			t.Errorf("%#v Text = %q, want %q", tc.v, got, tc.text)
		}
		if got := len(n.StringList()); got != tc.strList {
			t.Errorf("%#v StringList has %d nodes, want %d", tc.v, got, tc.strList)
		}
	}
	l := Node{Ptr: "/l", Value: []any{"a", json.Number("2"), true, nil, []any{}}}
	if got, want := l.Texts(), []string{"a", "2", "true", "", ""}; !slices.Equal(got, want) {
		t.Errorf("Texts %q, want %q", got, want)
	}
	if got, want := ptrs(l.StringList()), []string{"/l/0"}; !slices.Equal(got, want) {
		t.Errorf("StringList %q, want %q", got, want)
	}
	if got := (Node{Value: "x"}).Texts(); got != nil {
		t.Errorf("Texts of a string: %q", got)
	}
}

// TestNodeInts: Int64 reads numbers and decimal strings exactly; TrimmedInt
// also ignores white space around a string.
func TestNodeInts(t *testing.T) {
	for _, tc := range []struct {
		v       any
		i64     int64
		ok64    bool
		trimmed int
		okTrim  bool
	}{
		{json.Number("80"), 80, true, 80, true},
		{json.Number("-5"), -5, true, -5, true},
		{"80", 80, true, 80, true},
		{"+7", 7, true, 7, true},
		{" 80\n", 0, false, 80, true},
		{json.Number("80.0"), 0, false, 0, false},
		{json.Number("1e3"), 0, false, 0, false},
		{"0x10", 0, false, 0, false},
		{"", 0, false, 0, false},
		{"9223372036854775808", 0, false, 0, false},
		{true, 0, false, 0, false},
		{nil, 0, false, 0, false},
		{[]any{json.Number("1")}, 0, false, 0, false},
	} {
		n := Node{Value: tc.v}
		if i, ok := n.Int64(); ok != tc.ok64 || (ok && i != tc.i64) {
			t.Errorf("%#v Int64 = %d %v, want %d %v", tc.v, i, ok, tc.i64, tc.ok64)
		}
		if i, ok := n.TrimmedInt(); ok != tc.okTrim || (ok && i != tc.trimmed) {
			t.Errorf("%#v TrimmedInt = %d %v, want %d %v", tc.v, i, ok, tc.trimmed, tc.okTrim)
		}
	}
}

// TestNodeWhereDiag: Where and Diag use the value's position in the Doc;
// a value without a position falls back to its parent's (Doc.ValuePos).
func TestNodeWhereDiag(t *testing.T) {
	doc := mustYAML(t, "a:\n  b: 7\n")
	b := Root(doc).Path("a", "b")
	if got := b.Where(); got != "f.yml:2:6" {
		t.Errorf("Where = %q", got)
	}
	d := b.Diag("test/node", "b is %d", 7)
	if d.File != "f.yml" || d.Line != 2 || d.Column != 6 || d.Path != "/a/b" || d.Rule != "test/node" || d.Message != "b is 7" {
		t.Errorf("Diag = %+v", d)
	}
	if got := (Node{}).Where(); got != "" {
		t.Errorf("Where of the zero Node = %q", got)
	}
	if got := (Node{Doc: doc, Ptr: "/a/missing"}).Where(); got != "f.yml:2:3" {
		t.Errorf("Where of a missing member = %q, want its parent's position", got)
	}
}
