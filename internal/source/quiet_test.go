package source

import (
	"strings"
	"testing"

	"github.com/bgspec/bgspec/diag"
)

// TestReaderRulesQuiet: every reader rule stays quiet on input that comes
// close to what it reports (the firing cases are in TestParseYAMLBadInput,
// TestParseJSONBadInput and the limit tests), and every registered source/,
// yaml/ and json/ rule has such a case.
func TestReaderRulesQuiet(t *testing.T) {
	nested := strings.Repeat("[", DefaultMaxDepth) + strings.Repeat("]", DefaultMaxDepth)
	covered := map[string]bool{}
	for _, tc := range []struct {
		rule string
		yaml []string
		json []string
		o    Options
	}{
		{rule: RuleTooLarge, yaml: []string{"a: 1234\n"}, json: []string{`{"a": 1}`}, o: Options{MaxBytes: 8}},
		{rule: RuleEncoding, yaml: []string{"a: \"caf\u00e9\t\u2603\"\n"}, json: []string{"{\"a\": \"\x7f\u0090\u00e9\\u0000\"}"}},
		{rule: RuleBOM, yaml: []string{"a: \"\\uFEFF\"\n"}, json: []string{`{"a": "\ufeff"}`}},
		{rule: RuleEmpty, yaml: []string{"{}\n", "'null'\n"}, json: []string{"{}", "null"}},
		{rule: RuleTooDeep, yaml: []string{nested}, json: []string{nested}},
		{rule: RuleYAMLSyntax, yaml: []string{"a: 'b: c'\nd: \"[\"\n"}},
		{rule: RuleTab, yaml: []string{"a: \"x\ty\"\n# \tcomment\nb: 1\t\n"}},
		{rule: RuleMultiDoc, yaml: []string{"---\na: 1\n...\n", "a: '---'\nb: |\n  ---\n"}},
		{rule: RuleYAMLDupKey, yaml: []string{"a: 1\nA: 2\nb: {a: 1}\n", "x: &x {a: 1}\ny:\n  <<: *x\n  a: 2\n"}},
		{rule: RuleAliasBudget, yaml: []string{"a: &a [1, 2]\nb: [*a, *a]\n"}},
		{rule: RuleAliasCycle, yaml: []string{"a: &a {x: 1}\nb: {y: *a}\nc: *a\n"}},
		{rule: RuleMergeKey, yaml: []string{"a: &a {x: 1}\nb: {<<: [*a, {y: 2}]}\n", "'<<': 1\n"}},
		{rule: RuleNonStrKey, yaml: []string{"'1': x\n\"true\": y\n"}},
		{rule: RuleTag, yaml: []string{"a: !!str 1\nb: '!Ref x'\n"}},
		{rule: RuleNaN, yaml: []string{"a: '.nan'\nb: nan\nc: 1e3\n"}},
		{rule: RuleJSONSyntax, json: []string{`{"a": [1, {"b": null}], "c": -0.5e+3}`}},
		{rule: RuleJSONComment, json: []string{`{"url": "http://x/*y*/"}`}},
		{rule: RuleJSONComma, json: []string{`{"a": ",]", "b": [1, 2]}`}},
		{rule: RuleJSONDupKey, json: []string{`{"a": {"x": 1}, "b": {"x": 1}, "A": 1}`}},
		{rule: RuleJSONTrail, json: []string{"{\"a\": 1}\n\n  \t\r\n"}},
	} {
		covered[tc.rule] = true
		t.Run(tc.rule, func(t *testing.T) {
			if len(tc.yaml)+len(tc.json) == 0 {
				t.Fatal("no input")
			}
			for _, src := range tc.yaml {
				d, l := ParseYAML("f.yml", []byte(src), tc.o)
				checkInvariants(t, d, l)
				if len(l) > 0 || !d.Parsed() {
					t.Errorf("YAML %q: %v (parsed %v)", src, l, d.Parsed())
				}
			}
			for _, src := range tc.json {
				d, l := ParseJSON("f.json", []byte(src), tc.o)
				checkInvariants(t, d, l)
				if len(l) > 0 || !d.Parsed() {
					t.Errorf("JSON %q: %v (parsed %v)", src, l, d.Parsed())
				}
			}
		})
	}
	for _, r := range diag.Rules() {
		reader := strings.HasPrefix(r.ID, "source/") || strings.HasPrefix(r.ID, "yaml/") || strings.HasPrefix(r.ID, "json/")
		if reader && !covered[r.ID] {
			t.Errorf("%s has no quiet case", r.ID)
		}
	}
}
