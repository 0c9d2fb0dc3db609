package diag

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
)

func TestDiagnosticError(t *testing.T) {
	for _, tc := range []struct {
		d    Diagnostic
		want string
	}{
		{Diagnostic{File: "taskdef.json", Line: 3, Column: 7, Path: "/family", Rule: "taskdef/x", Severity: Error, Message: "bad"},
			"taskdef.json:3:7: error: /family: bad [taskdef/x]"},
		{Diagnostic{File: "a.json", Line: 1, Column: 1, Path: "/a~1b/0", Rule: "r", Severity: Error, Message: "m"}, "a.json:1:1: error: /a~1b/0: m [r]"},
		{Diagnostic{File: "a.json", Path: "/x", Severity: Warning, Message: "m"}, "a.json: warning: /x: m"},
		{Diagnostic{File: "a.yml", Line: 3, Rule: "r", Severity: Warning, Message: "m"}, "a.yml:3: warning: m [r]"},
		{Diagnostic{File: "a.yml", Rule: "r", Severity: Error, Message: "m"}, "a.yml: error: m [r]"},
		{Diagnostic{File: "a.yml", Column: 5, Rule: "r", Severity: Error, Message: "m"}, "a.yml: error: m [r]"},
		{Diagnostic{File: "a.yml", Line: 1, Column: 1, Severity: Error, Message: "m"}, "a.yml:1:1: error: m"},
		{Diagnostic{Line: 1, Column: 2, Rule: "r", Message: "m"}, ":1:2: invalid: m [r]"},
	} {
		if got := tc.d.Error(); got != tc.want {
			t.Errorf("Error() = %q, want %q", got, tc.want)
		}
	}
}

func TestSeverity(t *testing.T) {
	for s, want := range map[Severity]string{Error: "error", Warning: "warning", 0: "invalid", 7: "invalid"} {
		if got := s.String(); got != want {
			t.Errorf("%d.String() = %q, want %q", int(s), got, want)
		}
	}
	for _, s := range []Severity{Error, Warning} {
		b, err := s.MarshalText()
		if err != nil {
			t.Fatal(err)
		}
		var back Severity
		if err := back.UnmarshalText(b); err != nil || back != s {
			t.Errorf("round trip of %v: %v %v", s, back, err)
		}
	}
	if _, err := Severity(0).MarshalText(); err == nil {
		t.Error("zero severity marshals")
	}
	var s Severity
	if err := s.UnmarshalText([]byte("Error")); err == nil {
		t.Error("UnmarshalText accepts wrong case")
	}
}

func TestValid(t *testing.T) {
	ok := Diagnostic{File: "f", Line: 1, Column: 1, Path: "/a~1b", Rule: "r", Severity: Error, Message: "m"}
	if !ok.Valid() {
		t.Error("valid diagnostic reported invalid")
	}
	for name, mut := range map[string]func(*Diagnostic){
		"no severity":  func(d *Diagnostic) { d.Severity = 0 },
		"no rule":      func(d *Diagnostic) { d.Rule = "" },
		"neg line":     func(d *Diagnostic) { d.Line = -1 },
		"neg column":   func(d *Diagnostic) { d.Column = -1 },
		"bad pointer":  func(d *Diagnostic) { d.Path = "a" },
		"bad escape":   func(d *Diagnostic) { d.Path = "/a~2" },
		"dangling ~":   func(d *Diagnostic) { d.Path = "/a~" },
		"bad severity": func(d *Diagnostic) { d.Severity = 3 },
	} {
		d := ok
		mut(&d)
		if d.Valid() {
			t.Errorf("%s: Valid() = true", name)
		}
	}
}

func TestListSortAndDedupe(t *testing.T) {
	mk := func(file string, line, col int, rule, path string) Diagnostic {
		return Diagnostic{File: file, Line: line, Column: col, Rule: rule, Path: path, Severity: Error, Message: "m"}
	}
	l := List{
		mk("b", 1, 1, "r", ""), mk("a", 2, 1, "r", ""), mk("a", 1, 5, "r", ""), mk("a", 1, 5, "q", "/z"),
		mk("a", 1, 5, "q", "/a"), mk("a", 0, 0, "z", ""), mk("a", 1, 5, "r", ""), mk("a", 10, 1, "r", ""),
	}
	want := List{
		mk("a", 0, 0, "z", ""), mk("a", 1, 5, "q", "/a"), mk("a", 1, 5, "q", "/z"), mk("a", 1, 5, "r", ""), mk("a", 1, 5, "r", ""),
		mk("a", 2, 1, "r", ""), mk("a", 10, 1, "r", ""), mk("b", 1, 1, "r", ""),
	}
	s := slices.Clone(l)
	s.Sort()
	if !reflect.DeepEqual(s, want) {
		t.Errorf("Sort:\n%v\nwant\n%v", s, want)
	}
	d := slices.Clone(l).Dedupe()
	if len(d) != len(want)-1 || !slices.IsSortedFunc(d, compare) {
		t.Errorf("Dedupe: %v", d)
	}
	// Sort is total: every permutation sorts the same way.
	r := slices.Clone(l)
	slices.Reverse(r)
	r.Sort()
	if !reflect.DeepEqual(r, want) {
		t.Error("Sort depends on input order")
	}
}

func TestListErr(t *testing.T) {
	var empty List
	if empty.Err() != nil || empty.HasErrors() {
		t.Error("empty list has errors")
	}
	warn := List{{File: "f", Rule: "r", Severity: Warning, Message: "w"}}
	if warn.Err() != nil || warn.HasErrors() {
		t.Error("warnings-only list has errors")
	}
	mixed := append(slices.Clone(warn), Diagnostic{File: "f", Line: 2, Rule: "r", Severity: Error, Message: "e"})
	err := mixed.Err()
	if err == nil || !mixed.HasErrors() {
		t.Fatal("Err() = nil with an error")
	}
	var got List
	if !errors.As(err, &got) || len(got) != 2 {
		t.Errorf("errors.As gives %v", got)
	}
	if n := len(mixed.Errors()); n != 1 {
		t.Errorf("Errors() has %d", n)
	}
	if n := len(mixed.Warnings()); n != 1 {
		t.Errorf("Warnings() has %d", n)
	}
	if got, want := mixed.Error(), "f: warning: w [r]\nf:2: error: e [r]"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	if got := empty.Error(); got != "no diagnostics" {
		t.Errorf("empty Error() = %q", got)
	}
	if got := warn.Error(); got != "f: warning: w [r]" {
		t.Errorf("one-item Error() = %q", got)
	}
}

func TestWithFile(t *testing.T) {
	l := List{{File: "appspec.yaml", Rule: "r", Severity: Error}}
	w := l.WithFile("application.zip:appspec.yaml")
	if w[0].File != "application.zip:appspec.yaml" || l[0].File != "appspec.yaml" {
		t.Errorf("WithFile: %v, original %v", w, l)
	}
	if List(nil).WithFile("x") != nil {
		t.Error("WithFile(nil) is not nil")
	}
}

func TestMarshalJSON(t *testing.T) {
	var l List
	b, err := json.Marshal(l)
	if err != nil || string(b) != "[]" {
		t.Errorf("nil list = %s, %v", b, err)
	}
	b, err = json.Marshal(struct {
		Diagnostics List `json:"diagnostics"`
	}{})
	if err != nil || string(b) != `{"diagnostics":[]}` {
		t.Errorf("nil list in a struct = %s, %v", b, err)
	}
	l = List{{File: "t.json", Line: 1, Column: 2, Path: "/a", Rule: "r", Severity: Warning, Message: "<m>"}}
	b, err = json.Marshal(l)
	want := `[{"file":"t.json","line":1,"column":2,"path":"/a","rule":"r","severity":"warning","message":"\u003cm\u003e"}]`
	if err != nil || string(b) != want {
		t.Errorf("got %s, %v\nwant %s", b, err, want)
	}
	// MarshalJSON itself does not escape HTML (an Encoder with
	// SetEscapeHTML(false) keeps "<IMAGE1_NAME>" readable); json.Marshal
	// escapes the result again, as above.
	raw, err := l.MarshalJSON()
	if want := strings.ReplaceAll(strings.ReplaceAll(want, `\u003c`, "<"), `\u003e`, ">"); err != nil || string(raw) != want {
		t.Errorf("MarshalJSON = %s, %v\nwant %s", raw, err, want)
	}
	var back List
	if err := json.Unmarshal(b, &back); err != nil || !reflect.DeepEqual(back, l) {
		t.Errorf("round trip: %v %v", back, err)
	}
	if _, err := json.Marshal(List{{Severity: 0}}); err == nil {
		t.Error("invalid severity marshals")
	}
}

func TestPointer(t *testing.T) {
	for _, tc := range []struct {
		toks []string
		want string
	}{
		{nil, ""},
		{[]string{""}, "/"},
		{[]string{"a", "b"}, "/a/b"},
		{[]string{"a/b", "c~d", "~1"}, "/a~1b/c~0d/~01"},
		{[]string{"0", ""}, "/0/"},
	} {
		got := Pointer(tc.toks...)
		if got != tc.want {
			t.Errorf("Pointer(%q) = %q, want %q", tc.toks, got, tc.want)
		}
		if !ValidPointer(got) {
			t.Errorf("%q not valid", got)
		}
		back, ok := SplitPointer(got)
		if !ok || !slices.Equal(back, tc.toks) && !(len(back) == 0 && len(tc.toks) == 0) {
			t.Errorf("SplitPointer(%q) = %q, %v; want %q", got, back, ok, tc.toks)
		}
	}
	if got := Append("/a", "b/c~"); got != "/a/b~1c~0" {
		t.Errorf("Append = %q", got)
	}
	if got := Append("", ""); got != "/" {
		t.Errorf("Append root = %q", got)
	}
	if got := Index("/a", 12); got != "/a/12" {
		t.Errorf("Index = %q", got)
	}
	for _, p := range []string{"a", "a/b", "/a~", "/~2", "/a~x/b", "~0"} {
		if ValidPointer(p) {
			t.Errorf("ValidPointer(%q) = true", p)
		}
		if _, ok := SplitPointer(p); ok {
			t.Errorf("SplitPointer(%q) ok", p)
		}
	}
	// ~01 unescapes to ~1, not to /.
	if toks, _ := SplitPointer("/~01"); len(toks) != 1 || toks[0] != "~1" {
		t.Errorf("SplitPointer(/~01) = %q", toks)
	}
}

// registerRun makes TestRegister's ids unique per run, so that -count=N
// does not register them twice.
var registerRun int

func TestRegister(t *testing.T) {
	registerRun++
	one, two := fmt.Sprintf("difftest%d/one", registerRun), fmt.Sprintf("difftest%d/two", registerRun)
	id := Register(RuleInfo{ID: one, Severity: Warning, Doc: "d1"}, RuleInfo{ID: two, Severity: Error, Doc: "d2"})
	if id != one {
		t.Errorf("Register returned %q", id)
	}
	if r, ok := LookupRule(two); !ok || r.Severity != Error || r.Doc != "d2" {
		t.Errorf("LookupRule = %v, %v", r, ok)
	}
	if _, ok := LookupRule("difftest/none"); ok {
		t.Error("unknown rule found")
	}
	rules := Rules()
	if !slices.IsSortedFunc(rules, func(a, b RuleInfo) int { return strings.Compare(a.ID, b.ID) }) {
		t.Error("Rules() not sorted")
	}
	if !slices.ContainsFunc(rules, func(r RuleInfo) bool { return r.ID == one }) {
		t.Error("Rules() lacks a registered rule")
	}
	if Register() != "" {
		t.Error("Register() with no rules")
	}
	for name, r := range map[string]RuleInfo{
		"duplicate":   {ID: one, Severity: Error, Doc: "again"},
		"empty id":    {ID: "", Severity: Error, Doc: "d"},
		"space in id": {ID: "difftest/a b", Severity: Error, Doc: "d"},
		"no doc":      {ID: "difftest/nodoc", Severity: Error},
		"no severity": {ID: "difftest/nosev", Doc: "d"},
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: no panic", name)
				}
			}()
			Register(r)
		}()
	}
	if _, ok := LookupRule("difftest/nodoc"); ok {
		t.Error("a rule that panicked was registered")
	}
}

func TestLimit(t *testing.T) {
	var l List
	for i := range 250 {
		l = append(l, Diagnostic{File: "a", Line: i + 1, Rule: "r/x", Severity: Warning, Message: "m"})
	}
	l = append(l, Diagnostic{File: "a", Line: 1, Rule: "r/y", Severity: Error, Message: "m"})
	got := l.Limit(100)
	n := map[string]int{}
	for _, d := range got {
		n[d.Rule]++
	}
	if n["r/x"] != 101 || n["r/y"] != 1 || len(got) != 102 {
		t.Fatalf("kept %v", n)
	}
	last := got[len(got)-1]
	if last.Rule != "r/x" || last.Line != 101 || last.Severity != Warning {
		t.Errorf("summary %+v", last)
	}
	if short := l[:3].Limit(100); len(short) != 3 {
		t.Errorf("a short list changed: %v", short)
	}
}

func TestRedacted(t *testing.T) {
	l := List{{Message: `family "AKIAIOSFODNN7EXAMPLE!" is invalid`}, {Message: "no key here"}}.Redacted()
	if l[0].Message != `family "AKIA…LE!" is invalid` || l[1].Message != "no key here" {
		t.Errorf("%q", []string{l[0].Message, l[1].Message})
	}
	// Every prefix the secret rules report is shortened too.
	for _, k := range []string{"ASIAJ4KL5MN6OP7QRSTU", "ABIAABCDEFGHIJKLMNOP", "ACCAABCDEFGHIJKLMNOP", "A3TXABCDEFGHIJKLMNOP"} {
		if m := (List{{Message: "x " + k}}).Redacted()[0].Message; m != "x "+k[:4]+"…"+k[18:] {
			t.Errorf("%s: %q", k, m)
		}
	}
}
