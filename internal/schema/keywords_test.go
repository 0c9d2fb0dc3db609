package schema

import (
	"slices"
	"strings"
	"testing"

	"github.com/bgspec/bgspec/diag"
)

// keywordCases gives, for every schema/* rule, a schema for the member "v"
// of an object, a value of v that the rule reports (at path, pointing at the
// first occurrence of at in the document {"v": bad}) and a value it stays
// quiet on.
var keywordCases = []struct {
	rule, schema, bad, good, path, at string
}{
	{"schema/invalid", `{"contains": {"const": 1}, "minContains": 2}`, `[1, 2]`, `[1, 1]`, "/v", `[1, 2]`},
	{"schema/required", `{"type": "object", "required": ["a"]}`, `{}`, `{"a": 1}`, "/v/a", `"v"`},
	{"schema/additionalProperties", `{"type": "object", "properties": {"a": {}}, "additionalProperties": false}`, `{"b": 1}`, `{"a": 1}`, "/v/b", `"b"`},
	{"schema/key-spelling", `{"type": "object", "properties": {"aB": {}}, "additionalProperties": false}`, `{"ab": 1}`, `{"aB": 1}`, "/v/ab", `"ab"`},
	{"schema/type", `{"type": "integer"}`, `"1"`, `1`, "/v", `"1"`},
	{"schema/enum", `{"enum": ["a", "b"]}`, `"c"`, `"a"`, "/v", `"c"`},
	{"schema/const", `{"const": "a"}`, `"b"`, `"a"`, "/v", `"b"`},
	{"schema/pattern", `{"pattern": "^[a-z]+$"}`, `"A"`, `"a"`, "/v", `"A"`},
	{"schema/minLength", `{"minLength": 2}`, `"a"`, `"ab"`, "/v", `"a"`},
	{"schema/maxLength", `{"maxLength": 1}`, `"ab"`, `"a"`, "/v", `"ab"`},
	{"schema/minimum", `{"minimum": 2}`, `1`, `2`, "/v", `1`},
	{"schema/maximum", `{"maximum": 2}`, `3`, `2`, "/v", `3`},
	{"schema/exclusiveMinimum", `{"exclusiveMinimum": 2}`, `2`, `3`, "/v", `2`},
	{"schema/exclusiveMaximum", `{"exclusiveMaximum": 2}`, `2`, `1`, "/v", `2`},
	{"schema/multipleOf", `{"multipleOf": 2}`, `3`, `4`, "/v", `3`},
	{"schema/minItems", `{"minItems": 1}`, `[]`, `[1]`, "/v", `[]`},
	{"schema/maxItems", `{"maxItems": 1}`, `[1, 2]`, `[1]`, "/v", `[1, 2]`},
	{"schema/uniqueItems", `{"uniqueItems": true}`, `[1, 1]`, `[1, 2]`, "/v", `[1, 1]`},
	{"schema/minProperties", `{"minProperties": 1}`, `{}`, `{"a": 1}`, "/v", `{}`},
	{"schema/maxProperties", `{"maxProperties": 1}`, `{"a": 1, "b": 2}`, `{"a": 1}`, "/v", `{"a"`},
	{"schema/dependentRequired", `{"dependentRequired": {"a": ["b"]}}`, `{"a": 1}`, `{"a": 1, "b": 2}`, "/v/b", `"a"`},
	{"schema/oneOf", `{"oneOf": [{"type": "integer"}, {"type": "number"}]}`, `1`, `1.5`, "/v", `1`},
	{"schema/anyOf", `{"anyOf": [{"type": "integer"}, {"type": "string"}]}`, `true`, `"x"`, "/v", `true`},
	{"schema/not", `{"not": {"type": "string"}}`, `"x"`, `1`, "/v", `"x"`},
	{"schema/false", `{"type": "object", "properties": {"a": false}}`, `{"a": 1}`, `{}`, "/v/a", `"a"`},
	{"schema/contains", `{"contains": {"const": 1}}`, `[2]`, `[1]`, "/v", `[2]`},
}

// TestEveryKeywordRule: each schema/* rule fires on a bad value (rule, path,
// line and column) and stays quiet on a good one; every registered schema/*
// rule has a case.
func TestEveryKeywordRule(t *testing.T) {
	covered := map[string]bool{}
	for _, tc := range keywordCases {
		covered[tc.rule] = true
		t.Run(tc.rule, func(t *testing.T) {
			s := New("k.schema.json", []byte(`{"type": "object", "properties": {"v": `+tc.schema+`}}`), "")
			if err := s.Check(); err != nil {
				t.Fatal(err)
			}
			bad := `{"v": ` + tc.bad + `}`
			got := ats(validate(t, s, "json", bad))
			if want := expect(bad, []w{{tc.rule, tc.path, tc.at}}); !slices.Equal(got, want) {
				t.Errorf("%s: got %v, want %v", bad, got, want)
			}
			good := `{"v": ` + tc.good + `}`
			if got := validate(t, s, "json", good); len(got) > 0 {
				t.Errorf("%s: got %v, want nothing", good, got)
			}
		})
	}
	for _, r := range diag.Rules() {
		if strings.HasPrefix(r.ID, "schema/") && !covered[r.ID] {
			t.Errorf("%s has no case in keywordCases", r.ID)
		}
	}
}

// TestFormatIsAnAnnotation: in draft 2020-12 "format" only annotates (the
// compiler does not assert formats), so no rule reports it, even on a value
// of the wrong format; no bgspec schema uses the keyword, and none registers
// a schema/format rule that could never fire.
func TestFormatIsAnAnnotation(t *testing.T) {
	s := New("f.schema.json", []byte(`{"properties": {"v": {"format": "email"}}}`), "")
	if got := validate(t, s, "json", `{"v": "not an address"}`); len(got) > 0 {
		t.Errorf("got %v", got)
	}
}
