package source

import (
	"encoding/json"
	"errors"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/bgspec/bgspec/diag"
	"github.com/bgspec/bgspec/internal/budget"
)

// TestParseYAMLBadInput covers the parsing cases of ROBUSTNESS.md §7.1 (and a
// few more): rule, line, column and path of every diagnostic.
func TestParseYAMLBadInput(t *testing.T) {
	for _, tc := range []struct {
		name string
		src  string
		want []at
	}{
		{"1 empty", "", []at{{RuleEmpty, 0, 0, ""}}},
		{"2 comment only", "# just a comment\n", []at{{RuleEmpty, 0, 0, ""}}},
		{"2 document marker only", "---\n", []at{{RuleEmpty, 0, 0, ""}}},
		{"2 null", "null\n", []at{{RuleEmpty, 0, 0, ""}}},
		{"2 tilde", "~\n", []at{{RuleEmpty, 0, 0, ""}}},
		{"2 whitespace", "  \n\n", []at{{RuleEmpty, 0, 0, ""}}},
		{"3 second document", "version: 0.2\n---\nversion: 9\n", []at{{RuleMultiDoc, 2, 1, ""}}},
		{"3 second document after explicit first", "---\nversion: 0.2\n---\nversion: 9\n", []at{{RuleMultiDoc, 3, 1, ""}}},
		{"4 garbage after end marker", "version: 0.2\n...\ngarbage: [\n", []at{{RuleMultiDoc, 3, 1, ""}}},
		{"5 tab indentation", "version: 0.2\nphases:\n\tbuild: x\n", []at{{RuleTab, 3, 1, ""}}},
		{"5 tab after text", "a:\n  b: 1\n  \tc: 2\n", []at{{RuleTab, 3, 3, ""}}},
		{"6 mapping value on line 1", "a: b: c\n", []at{{RuleYAMLSyntax, 1, 5, ""}}},
		{"6 mapping value on line 2", "x: 1\na: b: c\n", []at{{RuleYAMLSyntax, 2, 5, ""}}},
		{"6 mapping value after multibyte", "é: 1\nb: x: 2\n", []at{{RuleYAMLSyntax, 2, 5, ""}}},
		{"6 mapping value CRLF", "a: 1\r\nb: x: 2\r\n", []at{{RuleYAMLSyntax, 2, 5, ""}}},
		{"6 mapping value after BOM", "\ufeffa: b: c\n", []at{{RuleBOM, 1, 1, ""}, {RuleYAMLSyntax, 1, 8, ""}}},
		{"6 indented key", "a: 1\n b: 2\n", []at{{RuleYAMLSyntax, 2, 3, ""}}},
		{"7 unterminated flow sequence", "version: 0.2\ncommands: [a,", []at{{RuleYAMLSyntax, 2, 11, ""}}},
		{"7 unterminated flow mapping", "a: {b: 1\nc: 2\n", []at{{RuleYAMLSyntax, 2, 2, ""}}},
		{"bad indentation", "a:\n  b: 1\n c: 2\n", []at{{RuleYAMLSyntax, 3, 2, ""}}},
		{"sequence then key", "list:\n  - a\n  b: 1\n", []at{{RuleYAMLSyntax, 3, 4, ""}}},
		{"unterminated single quote", "a: 'x\n", []at{{RuleYAMLSyntax, 1, 6, ""}}},
		{"reserved character", "a: @x\n", []at{{RuleYAMLSyntax, 1, 4, ""}}},
		{"8 NUL", "a: b\x00c\n", []at{{RuleEncoding, 1, 5, ""}}},
		{"8 control character", "a: b\x01c\n", []at{{RuleEncoding, 1, 5, ""}}},
		{"8 DEL", "a: x\x7fy\n", []at{{RuleEncoding, 1, 5, ""}}},
		{"8 C1 control", "a: x\u0090y\n", []at{{RuleEncoding, 1, 5, ""}}},
		{"8 U+FFFE", "a: x\ufffey\n", []at{{RuleEncoding, 1, 5, ""}}},
		{"9 invalid UTF-8", "a: 1\nb: \xff\n", []at{{RuleEncoding, 2, 4, ""}}},
		{"9 UTF-32", "\xff\xfe\x00\x00a\x00\x00\x00", []at{{RuleEncoding, 0, 0, ""}}},
		{"9 UTF-16 odd length", "\xff\xfea\x00b", []at{{RuleEncoding, 0, 0, ""}}},
		{"11 merge of unhashable key", "<<:\n? -\n", nil},
		{"11 merge of map key", "\n0:\n<<:\n  {}:\n", []at{{RuleNonStrKey, 2, 1, "/0"}, {RuleNonStrKey, 4, 3, ""}}},
		{"11 merge complex key", "?\n<<:\n ? 0:\n", nil},
		{"13 recursive alias", "a: &a [*a]\n", []at{{RuleAliasCycle, 1, 8, "/a/0"}}},
		{"13 recursive alias in map", "a: &a {b: *a}\n", []at{{RuleAliasCycle, 1, 11, "/a/b"}}},
		{"13 recursive alias through merge", "a: &a\n  b: 1\n  <<: *a\n", []at{{RuleAliasCycle, 3, 7, "/a"}}},
		{"13 recursive alias through nested merge", "a: &a {b: {<<: *a}}\n", []at{{RuleAliasCycle, 1, 16, "/a/b"}}},
		{"14 unknown anchor", "a: *nope\n", []at{{RuleYAMLSyntax, 1, 4, ""}}},
		{"14 unknown anchor line 3", "x: 1\ny: '*nope'\nz: [1, *nope]\n", []at{{RuleYAMLSyntax, 3, 8, ""}}},
		{"18 duplicate top-level key", "version: 0.2\nphases:\n  build: {}\nenv: {}\nphases:\n  install: {}\n", []at{{RuleYAMLDupKey, 5, 1, "/phases"}}},
		{"19 duplicate nested key", "env:\n  variables:\n    FOO: a\n    BAR: b\n    FOO: c\n", []at{{RuleYAMLDupKey, 5, 5, "/env/variables/FOO"}}},
		{"duplicate reported once per name", "a: 1\nb: 2\na: 3\nb: 4\na: 5\n", []at{{RuleYAMLDupKey, 3, 1, "/a"}, {RuleYAMLDupKey, 4, 1, "/b"}}},
		{"quoted and plain keys collide", "a: 1\n\"a\": 2\n", []at{{RuleYAMLDupKey, 2, 1, "/a"}}},
		{"21 tag Ref", "x: !Ref foo\n", []at{{RuleTag, 1, 4, "/x"}}},
		{"21 tag binary", "x: !!binary aGVsbG8=\n", []at{{RuleTag, 1, 4, "/x"}}},
		{"21 custom tag on map", "x: !custom {a: 1}\n", []at{{RuleTag, 1, 4, "/x"}}},
		{"21 core tags are fine", "x: !!str 1\ny: !!int \"2\"\n", nil},
		{"22 int key", "1: x\n", []at{{RuleNonStrKey, 1, 1, "/1"}}},
		{"22 bool key", "a: 1\ntrue: y\n", []at{{RuleNonStrKey, 2, 1, "/true"}}},
		{"22 null key", "~: y\n", []at{{RuleNonStrKey, 1, 1, "/~0"}}},
		{"22 list key", "? [a]\n: b\n", []at{{RuleNonStrKey, 1, 3, ""}}},
		{"23 nan", "timeout: .nan\n", []at{{RuleNaN, 1, 10, "/timeout"}}},
		{"23 inf", "a:\n  - -.Inf\n", []at{{RuleNaN, 2, 5, "/a/0"}}},
		{"merge of a scalar", "<<: 1\n", []at{{RuleMergeKey, 1, 5, ""}}},
		{"merge of an aliased list of scalars", "a: &a [1]\nb: {<<: *a}\n", []at{{RuleMergeKey, 2, 9, "/b"}}},
		{"escaped pointer tokens", "a/b: {c~d: [1, !x 2]}\n", []at{{RuleTag, 1, 16, "/a~1b/c~0d/1"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, l := ParseYAML("buildspec.yml", []byte(tc.src), Options{})
			checkInvariants(t, d, l)
			if strings.HasPrefix(tc.name, "11 ") {
				// go-yaml panicked on these before go.yaml.in v3.0.2; any
				// positioned error (or a value) is fine, a panic is not.
				if d.Value == nil && !l.HasErrors() {
					t.Errorf("no value and no error: %v", l)
				}
				if tc.want == nil {
					return
				}
			}
			wantDiags(t, l, tc.want...)
		})
	}
}

// TestParseYAMLCrashers runs the historical go-yaml crashers of ROBUSTNESS.md
// §1.2 and §7.1 #10: no panic, every diagnostic valid and inside the input.
func TestParseYAMLCrashers(t *testing.T) {
	for _, src := range []string{
		"0: [:!00 \xef", "#\n-\n{", "#\n - - QI\xd7", "! !00 \xf6", " \ufeff\n", "? \ufeff: \ufeff\n",
		"\n0:\n<<:\n  {}:\n", "?\n<<:\n ? 0:", "<<:\n? -", "0:\n<<:\n  ? []\n  : 0\n",
		"a: &a\n  <<: *a\n", "*a", "&a", "[*a]", "{*a: 1}", "- &a\n- *a\n- {<<: *a}\n",
		"%YAML 1.1\n%YAML 1.1\n---\na: 1\n", "%TAG ! !\n%TAG ! !\n---\n", "!<>", "? |\n", "'\\", "\"\\x",
		"a:\n- b\n -c", "- - - - -\n- - - -\n", "{[{[{[", "]]]]", "---\n---\n---\n", "... ...",
	} {
		d, l := ParseYAML("f.yml", []byte(src), Options{})
		checkInvariants(t, d, l)
	}
}

// TestParseYAMLValues checks the JSON-like values: numbers keep their literal
// text (or become a valid JSON number), timestamps stay text, keys are strings.
func TestParseYAMLValues(t *testing.T) {
	for _, tc := range []struct {
		src  string
		want any
	}{
		{"v: 0.2", json.Number("0.2")},
		{"v: 0.20", json.Number("0.20")},
		{"v: 0.0", json.Number("0.0")},
		{"v: 1e3", json.Number("1e3")},
		{"v: 1.5E+3", json.Number("1.5E+3")},
		{"v: -0", json.Number("-0")},
		{"v: 123456789012345678901234567890", json.Number("123456789012345678901234567890")},
		{"v: 0x1F", json.Number("31")},
		{"v: 0o17", json.Number("15")},
		{"v: 0b101", json.Number("5")},
		{"v: 0777", json.Number("511")},
		{"v: 0xFFFFFFFFFFFFFFFFFFFF", "0xFFFFFFFFFFFFFFFFFFFF"}, // go-yaml: a string
		{"v: !!int 0xFFFFFFFFFFFFFFFFFFFF", json.Number("1208925819614629174706175")},
		{"v: +12", json.Number("12")},
		{"v: .5", json.Number("0.5")},
		{"v: -.5", json.Number("-0.5")},
		{"v: +1.5", json.Number("1.5")},
		{"v: 1.", json.Number("1")},
		{"v: 2001-12-14", "2001-12-14"},
		{"v: 2001-12-14T21:59:43.10-05:00", "2001-12-14T21:59:43.10-05:00"},
		{"v: '0.2'", "0.2"},
		{"v: yes", "yes"},
		{"v: true", true},
		{"v: False", false},
		{"v: ~", nil},
		{"v: null", nil},
		{"v: [1, a]", []any{json.Number("1"), "a"}},
		{"v: {1: a}", map[string]any{"1": "a"}},
		{"v: !!str 0.2", "0.2"},
		{"v: !!binary aGVsbG8=", "aGVsbG8="},
		{"v: |\n  a\n  b\n", "a\nb\n"},
	} {
		d, _ := ParseYAML("f.yml", []byte(tc.src), Options{})
		m, _ := d.Value.(map[string]any)
		if got := m["v"]; !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%q: v = %#v, want %#v", tc.src, got, tc.want)
		}
		if n, ok := m["v"].(json.Number); ok && !json.Valid([]byte(n)) {
			t.Errorf("%q: %q is not a JSON number", tc.src, n)
		}
	}
}

func TestParseYAMLMergeKeys(t *testing.T) {
	src := "base: &base {a: 1, b: 2}\nmore: &more {<<: *base, c: 3}\nx:\n  <<: [*more, {d: 4}]\n  a: 9\n"
	d, l := ParseYAML("f.yml", []byte(src), Options{})
	checkInvariants(t, d, l)
	wantDiags(t, l)
	want := map[string]any{"a": json.Number("9"), "b": json.Number("2"), "c": json.Number("3"), "d": json.Number("4")}
	if got := d.Value.(map[string]any)["x"]; !reflect.DeepEqual(got, want) {
		t.Errorf("x = %#v, want %#v", got, want)
	}
	if p := d.ValuePos("/x/a"); p.Line != 5 || p.Column != 6 {
		t.Errorf("explicit key wins; /x/a at %+v", p)
	}
	if p := d.KeyPos("/x/d"); p.Line != 4 || p.Column != 16 {
		t.Errorf("/x/d key at %+v, want 4:16", p)
	}
}

// TestParseYAMLPositions checks key and value positions of a normal document,
// with multi-byte characters (columns count bytes), CRLF, a lone CR, a BOM
// and the YAML line breaks LS/NEL inside quoted scalars.
func TestParseYAMLPositions(t *testing.T) {
	type kv struct {
		ptr        string
		key, value [2]int
	}
	for _, tc := range []struct {
		name string
		src  string
		want []kv
	}{
		{"normal", "version: 0.2\nphases:\n  build:\n    commands:\n      - echo hi\n      - \"x\"\n", []kv{
			{"", [2]int{1, 1}, [2]int{1, 1}},
			{"/version", [2]int{1, 1}, [2]int{1, 10}},
			{"/phases", [2]int{2, 1}, [2]int{3, 3}},
			{"/phases/build/commands", [2]int{4, 5}, [2]int{5, 7}},
			{"/phases/build/commands/0", [2]int{5, 9}, [2]int{5, 9}},
			{"/phases/build/commands/1", [2]int{6, 9}, [2]int{6, 9}},
		}},
		{"multibyte", "ключ: значение\nb: [é, x]\n", []kv{
			{"/ключ", [2]int{1, 1}, [2]int{1, 11}},
			{"/b/1", [2]int{2, 9}, [2]int{2, 9}},
		}},
		{"CRLF", "a: 1\r\nb:\r\n  - x\r\n", []kv{{"/b/0", [2]int{3, 5}, [2]int{3, 5}}}},
		{"lone CR", "a: 1\rb: 2\r", []kv{{"/b", [2]int{2, 1}, [2]int{2, 4}}}},
		{"BOM", "\ufeffa: 1\nb: 2\n", []kv{{"/a", [2]int{1, 4}, [2]int{1, 7}}, {"/b", [2]int{2, 1}, [2]int{2, 4}}}},
		{"line separator in quotes", "a: \"x\u2028y\"\nb: 2\n", []kv{{"/b", [2]int{3, 1}, [2]int{3, 4}}}},
		{"NEL", "a: 1\u0085b: 2\n", []kv{{"/b", [2]int{2, 1}, [2]int{2, 4}}}},
		{"flow", "{a: [1, {b: c}]}", []kv{{"/a/1/b", [2]int{1, 10}, [2]int{1, 13}}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, l := ParseYAML("f.yml", []byte(tc.src), Options{})
			checkInvariants(t, d, l)
			if l.HasErrors() {
				t.Fatal(l)
			}
			for _, w := range tc.want {
				if !d.Has(w.ptr) {
					t.Errorf("%q not indexed", w.ptr)
					continue
				}
				k, v := d.KeyPos(w.ptr), d.ValuePos(w.ptr)
				if [2]int{k.Line, k.Column} != w.key || [2]int{v.Line, v.Column} != w.value {
					t.Errorf("%q: key %d:%d value %d:%d, want key %v value %v", w.ptr, k.Line, k.Column, v.Line, v.Column, w.key, w.value)
				}
			}
		})
	}
}

// TestParseYAMLKeysAtTheirText checks on a larger document that every key
// position points at the key's own text in the source.
func TestParseYAMLKeysAtTheirText(t *testing.T) {
	src := "\ufeffversion: 0.2\r\nenv:\r\n  variables:\r\n    ÄÖÜ: \"ä\"\r\n    B: 'x'\r\nphases:\r\n  build: {commands: [a, b], \"q\": 1}\r\n"
	d, l := ParseYAML("f.yml", []byte(src), Options{})
	checkInvariants(t, d, l)
	for _, p := range d.Pointers() {
		toks, _ := diag.SplitPointer(p)
		if len(toks) == 0 || strings.Trim(toks[len(toks)-1], "0123456789") == "" {
			continue
		}
		k := d.KeyPos(p)
		name := toks[len(toks)-1]
		if rest := string(d.Src[k.Offset:]); !strings.HasPrefix(rest, name) && !strings.HasPrefix(rest, `"`+name) {
			t.Errorf("%q: key position %+v points at %q", p, k, rest[:min(len(rest), 10)])
		}
	}
}

func TestParseYAMLUTF16(t *testing.T) {
	text := "a: é\nb: 1\n"
	for _, tc := range []struct {
		name string
		src  []byte
	}{
		{"LE BOM", utf16Bytes(text, false, true)},
		{"BE BOM", utf16Bytes(text, true, true)},
		{"LE no BOM", utf16Bytes(text, false, false)},
		{"BE no BOM", utf16Bytes(text, true, false)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, l := ParseYAML("f.yml", tc.src, Options{})
			checkInvariants(t, d, l)
			wantDiags(t, l, at{RuleEncoding, 0, 0, ""})
			if want := map[string]any{"a": "é", "b": json.Number("1")}; !reflect.DeepEqual(d.Value, want) {
				t.Errorf("value %#v, want %#v", d.Value, want)
			}
			if p := d.ValuePos("/b"); p.Line != 2 || p.Column != 4 {
				t.Errorf("/b at %+v", p)
			}
		})
	}
}

func utf16Bytes(s string, bigEndian, bom bool) []byte {
	var out []byte
	put := func(u uint16) {
		if bigEndian {
			out = append(out, byte(u>>8), byte(u))
		} else {
			out = append(out, byte(u), byte(u>>8))
		}
	}
	if bom {
		put(0xfeff)
	}
	for _, r := range s {
		put(uint16(r))
	}
	return out
}

func TestParseYAMLSizeCap(t *testing.T) {
	src := []byte("a: " + strings.Repeat("x", DefaultYAMLMaxBytes) + "\n")
	d, l := ParseYAML("f.yml", src, Options{})
	wantDiags(t, l, at{RuleTooLarge, 0, 0, ""})
	if d.Value != nil {
		t.Error("value read past the size cap")
	}
	_, l = ParseYAML("f.yml", []byte("a: 12345\n"), Options{MaxBytes: 8})
	wantDiags(t, l, at{RuleTooLarge, 0, 0, ""})
	_, l = ParseYAML("f.yml", []byte("a: 1234\n"), Options{MaxBytes: 8})
	wantDiags(t, l)
}

func TestParseYAMLDepth(t *testing.T) {
	deep := strings.Repeat("[", 100) + strings.Repeat("]", 100)
	d, l := ParseYAML("f.yml", []byte(deep), Options{})
	checkInvariants(t, d, l)
	wantDiags(t, l, at{RuleTooDeep, 1, 65, strings.Repeat("/0", 64)})
	_, l = ParseYAML("f.yml", []byte(deep), Options{MaxDepth: 200})
	wantDiags(t, l)

	var b strings.Builder
	for i := range 100 {
		b.WriteString(strings.Repeat(" ", i) + "a:\n")
	}
	b.WriteString(strings.Repeat(" ", 100) + "x\n")
	_, l = ParseYAML("f.yml", []byte(b.String()), Options{})
	if len(l) != 1 || l[0].Rule != RuleTooDeep || l[0].Line != 65 {
		t.Errorf("nested maps: %v", l)
	}
}

// TestDepthCapSameForYAMLAndJSON: both readers accept MaxDepth nested
// collections (with scalars inside) and refuse one more.
func TestDepthCapSameForYAMLAndJSON(t *testing.T) {
	for _, n := range []int{DefaultMaxDepth - 1, DefaultMaxDepth, DefaultMaxDepth + 1} {
		for _, inner := range []string{"", "1", `{"a": 1}`} {
			src := []byte(strings.Repeat("[", n) + inner + strings.Repeat("]", n))
			_, jl := ParseJSON("f.json", src, Options{})
			_, yl := ParseYAML("f.yml", src, Options{})
			if len(jl) != len(yl) || len(jl) > 0 && (jl[0].Rule != yl[0].Rule || jl[0].Path != yl[0].Path || jl[0].Column != yl[0].Column) {
				t.Errorf("%d arrays around %q: JSON %v, YAML %v", n, inner, jl, yl)
			}
		}
	}
}

// limit runs f and fails if it uses more than d of CPU time or allocates
// more than maxBytes (ROBUSTNESS.md §7 contract (c)). CPU time, not wall
// time: tests share the machine with other work.
func limit(t *testing.T, d time.Duration, maxBytes uint64, f func()) {
	t.Helper()
	c := budget.Measure(f)
	t.Logf("%v CPU, %v wall, %d bytes allocated", c.CPU, c.Wall, c.Alloc)
	if maxBytes = budget.Bound(maxBytes); c.Alloc > maxBytes {
		t.Errorf("allocated %d bytes, more than %d", c.Alloc, maxBytes)
	}
	if d = budget.Bound(d); c.CPU > d {
		t.Errorf("took %v of CPU (%v wall), more than %v", c.CPU, c.Wall, d)
	}
}

func TestParseYAMLLimits(t *testing.T) {
	const mb = 1 << 20
	lol := "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n" +
		"b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n" +
		"d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n" +
		"f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n" +
		"h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\ni: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]\n"
	t.Run("12 alias bomb", func(t *testing.T) {
		var l diag.List
		limit(t, time.Second, 100*mb, func() { _, l = ParseYAML("f.yml", []byte(lol), Options{}) })
		if len(l) != 1 || l[0].Rule != RuleAliasBudget || l[0].Line < 1 {
			t.Errorf("got %v", l)
		}
	})
	t.Run("alias budget option", func(t *testing.T) {
		src := "a: &a [1, 2, 3]\nb: [*a, *a]\n"
		_, l := ParseYAML("f.yml", []byte(src), Options{AliasBudget: 8})
		wantDiags(t, l)
		_, l = ParseYAML("f.yml", []byte(src), Options{AliasBudget: 7})
		wantDiags(t, l, at{RuleAliasBudget, 1, 14, "/b/1/2"})
	})
	t.Run("15 20000 nested sequences", func(t *testing.T) {
		src := strings.Repeat("[", 20000)
		var d *Doc
		var l diag.List
		limit(t, time.Second, 100*mb, func() { d, l = ParseYAML("f.yml", []byte(src), Options{}) })
		checkInvariants(t, d, l)
		if len(l) != 1 || l[0].Rule != RuleYAMLSyntax {
			t.Errorf("got %v", l)
		}
	})
	t.Run("15 20000 nested maps", func(t *testing.T) {
		src := strings.Repeat("{a: ", 20000)
		var l diag.List
		limit(t, time.Second, 100*mb, func() { _, l = ParseYAML("f.yml", []byte(src), Options{}) })
		wantDiags(t, l, at{RuleYAMLSyntax, 1, 4*10000 + 1, ""})
	})
	t.Run("16 3000 duplicate keys", func(t *testing.T) {
		src := "{" + strings.Repeat("a: 1, ", 3000) + "}"
		var l diag.List
		limit(t, time.Second, 100*mb, func() { _, l = ParseYAML("f.yml", []byte(src), Options{}) })
		wantDiags(t, l, at{RuleYAMLDupKey, 1, 8, "/a"})
	})
	t.Run("16 3000 duplicate keys block style", func(t *testing.T) {
		src := strings.Repeat("a: 1\n", 3000)
		var l diag.List
		limit(t, time.Second, 100*mb, func() { _, l = ParseYAML("f.yml", []byte(src), Options{}) })
		wantDiags(t, l, at{RuleYAMLDupKey, 2, 1, "/a"})
	})
	t.Run("17 40000 distinct keys", func(t *testing.T) {
		var b strings.Builder
		for i := range 40000 {
			b.WriteString("key")
			b.WriteString(strings.Repeat("x", i%7))
			b.WriteString(strconv.Itoa(i))
			b.WriteString(": v\n")
		}
		var l diag.List
		limit(t, 2*time.Second, 400*mb, func() { _, l = ParseYAML("f.yml", []byte(b.String()), Options{}) })
		wantDiags(t, l)
	})
	t.Run("20000 keys on one line", func(t *testing.T) {
		// go-yaml gives rune columns; converting each to a byte column by
		// walking the line made this quadratic (31 s for 200 KB).
		for _, key := range []string{"k", "ключ"} {
			var b strings.Builder
			b.WriteString("{")
			for i := range 20000 {
				b.WriteString(key + strconv.Itoa(i) + ": v, ")
			}
			b.WriteString("}")
			var d *Doc
			var l diag.List
			limit(t, time.Second, 100*mb, func() { d, l = ParseYAML("f.yml", []byte(b.String()), Options{}) })
			wantDiags(t, l)
			p := d.KeyPos("/" + key + "19999")
			if !strings.HasPrefix(string(d.Src[p.Offset:]), key+"19999:") || p.Line != 1 || p.Column != p.Offset+1 {
				t.Errorf("%s19999 at %+v", key, p)
			}
		}
	})
	t.Run("syntax error at the end of a large file", func(t *testing.T) {
		n := locateMaxBytes/11 - 1
		src := strings.Repeat("key: value\n", n) + "a: b: c\n"
		var l diag.List
		limit(t, time.Second, 100*mb, func() { _, l = ParseYAML("f.yml", []byte(src), Options{}) })
		wantDiags(t, l, at{RuleYAMLSyntax, n + 1, 5, ""})
	})
	t.Run("syntax error in a file too large to search", func(t *testing.T) {
		n := locateMaxBytes / 11 * 4
		src := strings.Repeat("key: value\n", n) + "  a: b: c\n"
		var l diag.List
		limit(t, time.Second, 100*mb, func() { _, l = ParseYAML("f.yml", []byte(src), Options{}) })
		wantDiags(t, l, at{RuleYAMLSyntax, n + 1, 3, ""})
	})
}

// TestParseYAMLDeterministic parses a document with duplicate keys, merges
// and aliases many times: diagnostics and index must not depend on map order.
func TestParseYAMLDeterministic(t *testing.T) {
	src := []byte("a: &a {x: 1, y: 2}\nb: {<<: *a, z: 3}\nc: [*a, *a]\nb: 1\nd: !t {p: 1, q: .nan, p: 2}\n")
	d0, l0 := ParseYAML("f.yml", src, Options{})
	for range 20 {
		d, l := ParseYAML("f.yml", src, Options{})
		if !reflect.DeepEqual(l, l0) || !reflect.DeepEqual(d.Value, d0.Value) || !reflect.DeepEqual(d.idx(), d0.idx()) {
			t.Fatalf("parse is not deterministic:\n%v\n%v", l, l0)
		}
	}
}

func TestDecodeYAMLRecoversPanics(t *testing.T) {
	// yamlError and decodeYAML must turn any go-yaml panic into an error;
	// nothing in the inputs above panics any more, so test the plumbing.
	if err := yamlError([]byte("a: [")); err == nil || errors.Is(err, errTooDeep) {
		t.Errorf("yamlError = %v", err)
	}
}
