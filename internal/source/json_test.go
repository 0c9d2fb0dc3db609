package source

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/bgspec/bgspec/diag"
)

func TestParseJSONBadInput(t *testing.T) {
	for _, tc := range []struct {
		name string
		src  string
		want []at
	}{
		{"empty", "", []at{{RuleEmpty, 0, 0, ""}}},
		{"whitespace", " \n\t\r\n", []at{{RuleEmpty, 0, 0, ""}}},
		{"trailing comma in object", "{\"a\": 1,\n}", []at{{RuleJSONComma, 1, 8, ""}}},
		{"trailing comma in array", "{\"a\": [1, 2,]}", []at{{RuleJSONComma, 1, 12, ""}}},
		{"line comment", "{\n  \"a\": 1 // one\n}", []at{{RuleJSONComment, 2, 10, ""}}},
		{"block comment", "{\"a\": 1, /* x */ \"b\": 2}", []at{{RuleJSONComment, 1, 10, ""}}},
		{"leading comment", "// taskdef\n{\"a\": 1}", []at{{RuleJSONComment, 1, 1, ""}}},
		{"trailing comment", "{\"a\": 1}\n// end\n", []at{{RuleJSONComment, 2, 1, ""}}},
		{"comment-like text in a string", "{\"a\": \"http://x\", }", []at{{RuleJSONComma, 1, 17, ""}}},
		{"trailing data", "{\"a\": 1} x", []at{{RuleJSONTrail, 1, 10, ""}}},
		{"second object", "{\"a\": 1}\n{\"b\": 2}\n", []at{{RuleJSONTrail, 2, 1, ""}}},
		{"extra brace", "{\"a\": 1}}", []at{{RuleJSONTrail, 1, 9, ""}}},
		{"bad literal", "{\"a\": tru}", []at{{RuleJSONSyntax, 1, 10, ""}}},
		{"NaN", "{\"a\": NaN}", []at{{RuleJSONSyntax, 1, 7, ""}}},
		{"Infinity", "{\n  \"a\": -Infinity}", []at{{RuleJSONSyntax, 2, 9, ""}}},
		{"leading zero", "{\"a\": 01}", []at{{RuleJSONSyntax, 1, 8, ""}}},
		{"bare minus", "{\"a\": -}", []at{{RuleJSONSyntax, 1, 8, ""}}},
		{"missing colon", "{\"a\" 1}", []at{{RuleJSONSyntax, 1, 6, ""}}},
		{"double comma", "{\"a\":1,,\"b\":2}", []at{{RuleJSONSyntax, 1, 8, ""}}},
		{"missing comma", "{\"a\":\"b\" \"c\":1}", []at{{RuleJSONSyntax, 1, 10, ""}}},
		{"newline in string", "{\"a\":\n  \"b\n\"}", []at{{RuleJSONSyntax, 2, 5, ""}}},
		{"single quotes", "{'a': 1}", []at{{RuleJSONSyntax, 1, 2, ""}}},
		{"unquoted key", "{\n  family: \"x\"\n}", []at{{RuleJSONSyntax, 2, 3, ""}}},
		{"unclosed object", "{\"a\": 1", []at{{RuleJSONSyntax, 1, 8, ""}}},
		{"unclosed array", "{\"a\": [\n\n", []at{{RuleJSONSyntax, 1, 8, ""}}},
		{"unclosed string", "{\"a\": \"b", []at{{RuleJSONSyntax, 1, 9, ""}}},
		{"bad escape", "{\"a\": \"\\x\"}", []at{{RuleJSONSyntax, 1, 9, ""}}},
		{"syntax error after BOM", "\ufeff{\"a\": x}", []at{{RuleBOM, 1, 1, ""}, {RuleJSONSyntax, 1, 10, ""}}},
		{"syntax error after CRLF lines", "{\r\n  \"a\": 1,\r\n  \"b\": ?\r\n}", []at{{RuleJSONSyntax, 3, 8, ""}}},
		{"duplicate key", "{\n  \"family\": \"a\",\n  \"family\": \"b\"\n}", []at{{RuleJSONDupKey, 3, 3, "/family"}}},
		{"duplicate reported once per name", "{\"a\":1,\"b\":1,\"a\":2,\"b\":2,\"a\":3}", []at{{RuleJSONDupKey, 1, 14, "/a"}, {RuleJSONDupKey, 1, 20, "/b"}}},
		{"nested duplicate with escaped path", "{\"x/y\": [{\"k~\": 1, \"k~\": 2}]}", []at{{RuleJSONDupKey, 1, 20, "/x~1y/0/k~0"}}},
		{"duplicate whose value has a duplicate", "{\"a\":1,\"a\":{\"b\":1,\"b\":2}}", []at{{RuleJSONDupKey, 1, 8, "/a"}, {RuleJSONDupKey, 1, 19, "/a/b"}}},
		{"case differs: not a duplicate", "{\"family\": \"a\", \"Family\": \"b\"}", nil},
		{"NUL", "{\"a\": \"x\x00y\"}", []at{{RuleEncoding, 1, 9, ""}}},
		{"invalid UTF-8", "{\"a\":\n \"\xc3\x28\"}", []at{{RuleEncoding, 2, 3, ""}}},
		{"UTF-32", "\x00\x00\xfe\xff\x00\x00\x00{", []at{{RuleEncoding, 0, 0, ""}}},
		{"DEL and C1 are fine in JSON strings", "{\"a\": \"\x7f\u0090\"}", nil},
		{"lone surrogate escape", "{\"a\": \"\\ud800\"}", nil},
		{"huge number", "{\"a\": 1e400}", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, l := ParseJSON("taskdef.json", []byte(tc.src), Options{})
			checkInvariants(t, d, l)
			wantDiags(t, l, tc.want...)
		})
	}
}

func TestParseJSONValues(t *testing.T) {
	src := `{"a": 0.2, "b": 0.0, "c": 1e3, "d": -0, "e": 123456789012345678901234567890, "f": "x\/y\ud83d\ude00",
	"g": [true, false, null, {}], "h": "<&>", "Family": 1, "family": 2}`
	d, l := ParseJSON("f.json", []byte(src), Options{})
	checkInvariants(t, d, l)
	wantDiags(t, l)
	want := map[string]any{
		"a": json.Number("0.2"), "b": json.Number("0.0"), "c": json.Number("1e3"), "d": json.Number("-0"),
		"e": json.Number("123456789012345678901234567890"), "f": "x/y😀",
		"g": []any{true, false, nil, map[string]any{}}, "h": "<&>", "Family": json.Number("1"), "family": json.Number("2"),
	}
	if !reflect.DeepEqual(d.Value, want) {
		t.Errorf("value %#v\nwant %#v", d.Value, want)
	}
	if d.Format != "json" || d.File != "f.json" {
		t.Errorf("format %q file %q", d.Format, d.File)
	}
}

func TestParseJSONPositions(t *testing.T) {
	src := "{\r\n  \"family\": \"web\",\r\n  \"containerDefinitions\": [\r\n    {\"name\": \"é\", \"cpu\": 256},\r\n    {\"name\":\"b\"}\r\n  ],\r\n  \"a/b\": {\"~\": null}\r\n}\r\n"
	d, l := ParseJSON("taskdef.json", []byte(src), Options{})
	checkInvariants(t, d, l)
	wantDiags(t, l)
	for _, w := range []struct {
		ptr        string
		key, value [2]int
	}{
		{"", [2]int{1, 1}, [2]int{1, 1}},
		{"/family", [2]int{2, 3}, [2]int{2, 13}},
		{"/containerDefinitions", [2]int{3, 3}, [2]int{3, 27}},
		{"/containerDefinitions/0", [2]int{4, 5}, [2]int{4, 5}},
		{"/containerDefinitions/0/cpu", [2]int{4, 20}, [2]int{4, 27}},
		{"/containerDefinitions/1/name", [2]int{5, 6}, [2]int{5, 13}},
		{"/a~1b/~0", [2]int{7, 11}, [2]int{7, 16}},
	} {
		k, v := d.KeyPos(w.ptr), d.ValuePos(w.ptr)
		if [2]int{k.Line, k.Column} != w.key || [2]int{v.Line, v.Column} != w.value {
			t.Errorf("%q: key %d:%d value %d:%d, want key %v value %v", w.ptr, k.Line, k.Column, v.Line, v.Column, w.key, w.value)
		}
	}
	// A missing member falls back to its nearest ancestor.
	if p := d.ValuePos("/containerDefinitions/1/image"); p.Line != 5 || p.Column != 5 {
		t.Errorf("missing member at %+v", p)
	}
	if d.Has("/containerDefinitions/1/image") || !d.Has("/containerDefinitions/1") {
		t.Error("Has is wrong")
	}
}

func TestParseJSONEncodings(t *testing.T) {
	text := "{\"a\": \"é\",\n\"b\": 1}"
	for _, tc := range []struct {
		name string
		src  []byte
		want []at
	}{
		{"UTF-16LE BOM", utf16Bytes(text, false, true), []at{{RuleEncoding, 0, 0, ""}}},
		{"UTF-16BE BOM", utf16Bytes(text, true, true), []at{{RuleEncoding, 0, 0, ""}}},
		{"UTF-16LE", utf16Bytes(text, false, false), []at{{RuleEncoding, 0, 0, ""}}},
		{"UTF-16BE", utf16Bytes(text, true, false), []at{{RuleEncoding, 0, 0, ""}}},
		{"UTF-8 BOM", []byte("\ufeff" + text), []at{{RuleBOM, 1, 1, ""}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, l := ParseJSON("f.json", tc.src, Options{})
			checkInvariants(t, d, l)
			wantDiags(t, l, tc.want...)
			if want := map[string]any{"a": "é", "b": json.Number("1")}; !reflect.DeepEqual(d.Value, want) {
				t.Errorf("value %#v", d.Value)
			}
			if p := d.ValuePos("/b"); p.Line != 2 || p.Column != 6 {
				t.Errorf("/b at %+v", p)
			}
		})
	}
}

func TestParseJSONLimits(t *testing.T) {
	const mb = 1 << 20
	t.Run("size cap", func(t *testing.T) {
		src := []byte(`{"a": "` + strings.Repeat("x", DefaultJSONMaxBytes) + `"}`)
		d, l := ParseJSON("f.json", src, Options{})
		wantDiags(t, l, at{RuleTooLarge, 0, 0, ""})
		if d.Value != nil {
			t.Error("value read past the cap")
		}
		_, l = ParseJSON("f.json", src, Options{MaxBytes: 2 * DefaultJSONMaxBytes})
		wantDiags(t, l)
	})
	t.Run("depth cap", func(t *testing.T) {
		d, l := ParseJSON("f.json", []byte(strings.Repeat("[", 70)+strings.Repeat("]", 70)), Options{})
		checkInvariants(t, d, l)
		wantDiags(t, l, at{RuleTooDeep, 1, 65, strings.Repeat("/0", 64)})
		_, l = ParseJSON("f.json", []byte(strings.Repeat("[", 70)+strings.Repeat("]", 70)), Options{MaxDepth: 100})
		wantDiags(t, l)
	})
	t.Run("20000 nested arrays", func(t *testing.T) {
		src := []byte(strings.Repeat("[", 20000))
		var l diag.List
		limit(t, time.Second, 100*mb, func() { _, l = ParseJSON("f.json", src, Options{}) })
		wantDiags(t, l, at{RuleTooDeep, 1, 65, strings.Repeat("/0", 64)})
	})
	t.Run("20000 nested objects", func(t *testing.T) {
		src := []byte(strings.Repeat(`{"a":`, 20000))
		var l diag.List
		limit(t, time.Second, 100*mb, func() { _, l = ParseJSON("f.json", src, Options{MaxBytes: 1 << 20}) })
		wantDiags(t, l, at{RuleTooDeep, 1, 64*5 + 1, strings.Repeat("/a", 64)})
	})
	t.Run("3000 duplicate keys", func(t *testing.T) {
		src := []byte("{" + strings.Repeat(`"a":1,`, 3000) + `"a":1}`)
		var l diag.List
		limit(t, time.Second, 100*mb, func() { _, l = ParseJSON("f.json", src, Options{}) })
		wantDiags(t, l, at{RuleJSONDupKey, 1, 8, "/a"})
	})
	t.Run("syntax error at the end of the cap", func(t *testing.T) {
		src := []byte("[" + strings.Repeat(`"abcdefgh",`, DefaultJSONMaxBytes/11-1) + "x]")
		var d *Doc
		var l diag.List
		limit(t, time.Second, 100*mb, func() { d, l = ParseJSON("f.json", src, Options{}) })
		checkInvariants(t, d, l)
		wantDiags(t, l, at{RuleJSONSyntax, 1, len(src) - 1, ""})
	})
}

func TestParseJSONDeterministic(t *testing.T) {
	src := []byte(`{"b":1,"a":{"x":1,"x":2},"b":2,"c":[1,{"d":1,"d":1}]}`)
	d0, l0 := ParseJSON("f.json", src, Options{})
	for range 20 {
		d, l := ParseJSON("f.json", src, Options{})
		if !reflect.DeepEqual(l, l0) || !reflect.DeepEqual(d.Value, d0.Value) || !reflect.DeepEqual(d.idx(), d0.idx()) {
			t.Fatalf("parse is not deterministic:\n%v\n%v", l, l0)
		}
	}
}

// TestParseJSONLazyIndex: a valid document's index is built on first use,
// once, even when positions are asked for concurrently, and equals the index
// the token walk builds.
func TestParseJSONLazyIndex(t *testing.T) {
	src := []byte(`{"a": [1, {"b/c": "x", "d~": null}], "e": {}}`)
	d, l := ParseJSON("f.json", src, Options{})
	wantDiags(t, l)
	done := make(chan Pos)
	for range 4 {
		go func() { done <- d.ValuePos("/a/1/b~1c") }()
	}
	for range 4 {
		if p := <-done; p.Column != 19 {
			t.Errorf("/a/1/b~1c at %+v", p)
		}
	}
	walk, _, ok := tokenWalk(src)
	if !ok || !reflect.DeepEqual(d.idx(), walk.index) {
		t.Errorf("lazy index %v\ntoken walk %v", d.idx(), walk.index)
	}
}
