package render

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/bgspec/bgspec/internal/source"
	"go.yaml.in/yaml/v3"
)

type inner struct {
	B string `json:"b"`
}

type yesNo string

type version string

func (v version) YAMLNode() *yaml.Node { return Scalar("!!float", string(v)) }

type sample struct {
	Version  version           `json:"version"`
	Name     string            `json:"name"`
	Skip     string            `json:"-"`
	Empty    string            `json:"empty,omitempty"`
	Zero     time.Time         `json:"zero,omitzero"`
	Flag     yesNo             `json:"flag,omitempty"`
	Count    int               `json:"count"`
	Ratio    float64           `json:"ratio,omitempty"`
	Num      json.Number       `json:"num,omitempty"`
	Ptr      *int              `json:"ptr"`
	Any      any               `json:"any"`
	Env      map[string]string `json:"env,omitempty"`
	List     []inner           `json:"list,omitempty"`
	Untagged bool
	inner
	private int
}

func TestYAML(t *testing.T) {
	seven := 7
	v := sample{
		Version: "0.2", Name: "web", Skip: "x", Flag: "yes", Count: 0, Ratio: 0.5, Num: "1e3", Ptr: &seven,
		Env:  map[string]string{"Z": "1", "A": "yes", "M": "<b>&"},
		List: []inner{{B: "x"}, {}}, Untagged: true, inner: inner{B: "embedded"}, private: 1,
	}
	got, err := YAML(v)
	if err != nil {
		t.Fatal(err)
	}
	want := `version: 0.2
name: web
flag: yes
count: 0
ratio: 0.5
num: 1e3
ptr: 7
any: null
env:
  A: 'yes'
  M: <b>&
  Z: "1"
list:
  - b: x
  - b: ""
Untagged: true
b: embedded
`
	if string(got) != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	for range 20 {
		again, _ := YAML(v)
		if string(again) != string(got) {
			t.Fatal("YAML output is not deterministic")
		}
	}
	if _, err := YAML(make(chan int)); err == nil {
		t.Error("YAML of a channel: no error")
	}
}

func TestNodeNumbers(t *testing.T) {
	got, err := YAML(map[string]any{"i": json.Number("10"), "f": json.Number("0.20"), "e": json.Number("1E3"), "u": uint8(3), "x": -2.5, "b": false, "n": nil})
	if err != nil {
		t.Fatal(err)
	}
	want := "b: false\ne: 1E3\nf: 0.20\ni: 10\n'n': null\nu: 3\nx: -2.5\n" // n is false in YAML 1.1
	if string(got) != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// trickyStrings are strings a naive YAML writer corrupts: they must read
// back as the same strings, with go-yaml and with bgspec's own reader.
var trickyStrings = []string{
	"yes", "no", "on", "off", "y", "n", "Y", "NO", "true", "False", "null", "~", "", " x", "x ", "a: b", "- x", "#x", "x #y",
	"*a", "&a", "!t", "%x", "@x", "`x", "{x", "[x", "]", "}", ",", "l1\nl2", "l1\nl2\n", "\nlead", "  indented\nblock", "trail  \nx",
	"t\tx", "2001-12-14", "2001-12-14T21:59:43.10-05:00", ".nan", ".inf", "-.Inf", "<<", "=", "0o17", "0777", "01", "+1", ".5", "1_000",
	"1:20", "0.2", "0.0", "1e3", "0x1F", "0b1", "-0", "é", "ключ", "\u2028", "a\u2029b", "x\u0085", "\x00", "\x7f", "\"q\"", "'",
	"?", ":", "-", "---", "...", "a\rb", "a\r\nb", "\ufeff", "<IMAGE1_NAME>", "$(echo hi)", "${VAR}", "a'b\"c", `back\slash`,
	strings.Repeat("long ", 40),
}

func TestYAMLTrickyStringsSurviveAParse(t *testing.T) {
	type doc struct {
		Values []string          `json:"values"`
		Keys   map[string]string `json:"keys"`
	}
	in := doc{Values: trickyStrings, Keys: map[string]string{}}
	for _, s := range trickyStrings {
		in.Keys[s] = s
	}
	out, err := YAML(in)
	if err != nil {
		t.Fatal(err)
	}
	var back doc
	if err := yaml.Unmarshal(out, &back); err != nil {
		t.Fatalf("go-yaml cannot read the output: %v\n%s", err, out)
	}
	if !reflect.DeepEqual(back.Values, in.Values) {
		for i := range in.Values {
			if i < len(back.Values) && back.Values[i] != in.Values[i] {
				t.Errorf("go-yaml reads %q back as %q", in.Values[i], back.Values[i])
			}
		}
	}
	if !reflect.DeepEqual(back.Keys, in.Keys) {
		t.Errorf("keys differ after a go-yaml round trip")
	}
	d, l := source.ParseYAML("out.yml", out, source.Options{})
	if l.HasErrors() {
		t.Fatalf("bgspec's reader: %v", l)
	}
	vals, _ := d.Value.(map[string]any)["values"].([]any)
	for i, s := range trickyStrings {
		if i >= len(vals) || vals[i] != s {
			t.Errorf("bgspec's reader reads %q back as %#v", s, vals[i])
		}
	}
	// YAML 1.1 readers take these for booleans and numbers unless quoted.
	for _, s := range []string{"yes", "no", "on", "off", "y", "n", "Y", "NO", "=", "1:20"} {
		if !strings.Contains(string(out), "- '"+s+"'\n") || !strings.Contains(string(out), "'"+s+"': '"+s+"'\n") {
			t.Errorf("%q is not quoted in\n%s", s, out)
		}
	}
}

func TestYAMLEnumTypesStayPlain(t *testing.T) {
	out, err := YAML(struct {
		A yesNo `json:"a"`
		B yesNo `json:"b"`
	}{"yes", "no"})
	if err != nil || string(out) != "a: yes\nb: no\n" {
		t.Errorf("got %q, %v", out, err)
	}
}

func TestJSON(t *testing.T) {
	v := map[string]any{"z": 1, "a": []any{"<IMAGE1_NAME>", "a&b", json.Number("0.20")}, "m": map[string]any{}, "e": []any{}}
	got, err := JSON(v)
	if err != nil {
		t.Fatal(err)
	}
	want := "{\n  \"a\": [\n    \"<IMAGE1_NAME>\",\n    \"a&b\",\n    0.20\n  ],\n  \"e\": [],\n  \"m\": {},\n  \"z\": 1\n}\n"
	if string(got) != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	for range 20 {
		if again, _ := JSON(v); string(again) != want {
			t.Fatal("JSON output is not deterministic")
		}
	}
	if _, err := JSON(make(chan int)); err == nil {
		t.Error("JSON of a channel: no error")
	}
}

func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "taskdef.json")
	changed, err := WriteFile(path, []byte("one\n"), 0o644)
	if err != nil || !changed {
		t.Fatalf("first write: %v %v", changed, err)
	}
	if b, _ := os.ReadFile(path); string(b) != "one\n" {
		t.Errorf("content %q", b)
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o644 {
		t.Errorf("mode %v", fi.Mode())
	}

	// Same bytes: the file is left alone, mtime included.
	old := time.Date(2001, 2, 3, 4, 5, 6, 0, time.UTC)
	if err := os.Chtimes(path, old, old); err != nil {
		t.Fatal(err)
	}
	changed, err = WriteFile(path, []byte("one\n"), 0o644)
	if err != nil || changed {
		t.Fatalf("identical write: %v %v", changed, err)
	}
	if fi, _ := os.Stat(path); !fi.ModTime().Equal(old) {
		t.Errorf("mtime changed to %v", fi.ModTime())
	}

	changed, err = WriteFile(path, []byte("two\n"), 0o600)
	if err != nil || !changed {
		t.Fatalf("second write: %v %v", changed, err)
	}
	if b, _ := os.ReadFile(path); string(b) != "two\n" {
		t.Errorf("content %q", b)
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v", fi.Mode())
	}
	noTemp(t, dir)

	// Same bytes, other mode: the mode is mended, the content and mtime kept.
	if err := os.Chtimes(path, old, old); err != nil {
		t.Fatal(err)
	}
	changed, err = WriteFile(path, []byte("two\n"), 0o644)
	if err != nil || changed {
		t.Fatalf("identical write, new mode: %v %v", changed, err)
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o644 || !fi.ModTime().Equal(old) {
		t.Errorf("mode %v, mtime %v", fi.Mode(), fi.ModTime())
	}

	// A relative path in the current directory.
	t.Chdir(dir)
	if changed, err := WriteFile("rel.yml", []byte("x\n"), 0o644); err != nil || !changed {
		t.Errorf("relative path: %v %v", changed, err)
	}
	noTemp(t, dir)
}

func TestWriteFileFailureLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	// The target is a directory: the rename fails after the temp file is
	// written; the temp file must go and the directory stay.
	target := filepath.Join(dir, "appspec.yaml")
	if err := os.Mkdir(target, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(target, "keep"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if changed, err := WriteFile(target, []byte("x"), 0o644); err == nil || changed {
		t.Errorf("write over a directory: %v %v", changed, err)
	}
	if fi, err := os.Stat(target); err != nil || !fi.IsDir() {
		t.Error("the directory was replaced")
	}
	noTemp(t, dir)

	// A missing directory: nothing is created.
	if _, err := WriteFile(filepath.Join(dir, "missing", "f"), []byte("x"), 0o644); err == nil {
		t.Error("write into a missing directory: no error")
	}
	if _, err := os.Stat(filepath.Join(dir, "missing")); !os.IsNotExist(err) {
		t.Error("the missing directory was created")
	}
}

func noTemp(t *testing.T, dir string) {
	t.Helper()
	tmp, _ := filepath.Glob(filepath.Join(dir, ".*.tmp*"))
	if len(tmp) > 0 {
		t.Errorf("temporary files left: %v", tmp)
	}
}
