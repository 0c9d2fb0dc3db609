package source

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/bgspec/bgspec/diag"
)

type level string

type upper string

func (u *upper) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	*u = upper("U:" + s)
	return nil
}

type base struct {
	ID string `json:"id"`
}

type target struct {
	base
	Family  string            `json:"family"`
	Version string            `json:"version"`
	Flag    string            `json:"flag"`
	CPU     int               `json:"cpu"`
	Small   int8              `json:"small"`
	Port    uint16            `json:"port"`
	Ratio   float64           `json:"ratio"`
	On      bool              `json:"on"`
	Ptr     *int              `json:"ptr"`
	NilPtr  *int              `json:"nilPtr"`
	Any     any               `json:"any"`
	List    []int             `json:"list"`
	Env     map[string]string `json:"env"`
	Levels  map[level]int     `json:"levels"`
	Custom  upper             `json:"custom"`
	Skip    string            `json:"-"`
	Untag   string
	private string
}

func TestDecode(t *testing.T) {
	d, l := ParseYAML("f.yml", []byte(`
id: x1
family: web
Family: WRONG
version: 0.2
flag: true
cpu: "256"
small: 300
port: 8080
ratio: 0.5
on: yes
ptr: 7
nilPtr: null
any: {a: [1]}
list: [1, "two", 3]
env: {A: 1, B: x, C: [no]}
levels: {info: 1}
custom: c
Skip: s
Untag: u
private: p
`), Options{})
	if l.HasErrors() {
		t.Fatal(l)
	}
	var got target
	Decode(d.Value, &got)
	seven := 7
	want := target{
		base: base{ID: "x1"}, Family: "web", Version: "0.2", Flag: "true", Port: 8080, Ratio: 0.5, Ptr: &seven,
		Any: map[string]any{"a": []any{json.Number("1")}}, List: []int{1, 0, 3}, Env: map[string]string{"A": "1", "B": "x"},
		Levels: map[level]int{"info": 1}, Custom: "U:c", Untag: "u",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
	Decode(d.Value, nil)        // no panic
	Decode(d.Value, got)        // not a pointer: no panic, no effect
	Decode("x", &got.List)      // wrong type: left alone
	Decode([]any{"a"}, &got.On) // wrong type: left alone
	if got.List == nil || got.On {
		t.Error("a value of the wrong type changed the target")
	}
}

func TestReporter(t *testing.T) {
	d, _ := ParseJSON("t.json", []byte("{\n  \"a\": {\"b\": 1}\n}"), Options{})
	r := Reporter{Doc: d, Disabled: map[string]bool{RuleJSONTrail: true}}
	r.At("/a/b", RuleBOM, "value %d", 1)
	r.AtKey("/a/b", RuleJSONSyntax, "key")
	r.At("/a/missing", RuleJSONSyntax, "falls back to /a")
	r.At("", RuleJSONTrail, "disabled")
	r.Add(diag.Diagnostic{Rule: RuleJSONTrail}, diag.Diagnostic{File: "x", Rule: RuleEmpty, Severity: diag.Error})
	want := []at{{RuleBOM, 2, 14, "/a/b"}, {RuleJSONSyntax, 2, 9, "/a/b"}, {RuleJSONSyntax, 2, 8, "/a/missing"}, {RuleEmpty, 0, 0, ""}}
	if got := ats(r.List); len(got) != 4 {
		t.Fatalf("got %v", got)
	}
	wantDiags(t, r.List, want...)
	if r.List[0].Severity != diag.Warning || r.List[1].Severity != diag.Error {
		t.Error("severity does not come from the registry")
	}
	var nr Reporter
	nr.At("/x", RuleEmpty, "no doc")
	nr.AtKey("/x", RuleEmpty, "no doc")
	if len(nr.List) != 2 || nr.List[0].Line != 0 || nr.List[0].Path != "/x" {
		t.Errorf("nil Doc: %v", nr.List)
	}
	if p := d.Pointers(); !reflect.DeepEqual(p, []string{"", "/a", "/a/b"}) {
		t.Errorf("Pointers() = %q", p)
	}
}
