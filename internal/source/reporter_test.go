package source

import (
	"fmt"
	"strings"
	"testing"

	"github.com/bgspec/bgspec/diag"
)

// TestReporterCapsEveryPath: At, AtKey, Add and AddFrom all keep at most
// diag.MaxPerRule diagnostics of a rule, and Result adds one summary that
// counts the rest, whichever way they arrived.
func TestReporterCapsEveryPath(t *testing.T) {
	var b strings.Builder
	b.WriteString("k:\n")
	const n = diag.MaxPerRule + 50
	for i := range n {
		fmt.Fprintf(&b, "  - x%d\n", i)
	}
	doc, l := ParseYAML("f.yml", []byte(b.String()), Options{})
	if len(l) > 0 {
		t.Fatal(l)
	}
	r := &Reporter{Doc: doc, Disabled: map[string]bool{"test/off": true}}
	sub := &Reporter{Doc: doc}
	var ready diag.List
	for i := range n {
		ptr := diag.Index("/k", i)
		r.At(ptr, "test/at", "at")
		r.AtKey(ptr, "test/at", "at key")
		r.At(ptr, "test/off", "disabled")
		ready = append(ready, doc.Diag(ptr, "test/add", "add"))
		sub.At(ptr, "test/sub", "sub")
	}
	r.Add(ready...)
	r.AddFrom(sub)
	got := map[string]int{}
	summaries := map[string]string{}
	for _, d := range r.Result() {
		if !d.Valid() {
			t.Errorf("invalid %+v", d)
		}
		got[d.Rule]++
		if d.Path == "" {
			summaries[d.Rule] = d.Message
			if d.Line == 0 {
				t.Errorf("summary of %s has no position", d.Rule)
			}
		}
	}
	for rule, more := range map[string]int{"test/at": 2*n - diag.MaxPerRule, "test/add": n - diag.MaxPerRule, "test/sub": n - diag.MaxPerRule} {
		if got[rule] != diag.MaxPerRule+1 {
			t.Errorf("%s: %d diagnostics, want %d and a summary", rule, got[rule], diag.MaxPerRule)
		}
		if !strings.Contains(summaries[rule], fmt.Sprint(more)) {
			t.Errorf("%s: summary %q does not count %d more", rule, summaries[rule], more)
		}
	}
	if got["test/off"] > 0 {
		t.Errorf("a disabled rule was reported")
	}
}

// TestDuplicateKeyNamesFirstLine: the duplicate-key diagnostic names the line
// of the first definition, at any depth and through aliases.
func TestDuplicateKeyNamesFirstLine(t *testing.T) {
	for _, tc := range []struct {
		src       string
		line, col int
		first     string
	}{
		{"a: 1\nb: 2\na: 3\n", 3, 1, "line 1"},
		{"top:\n  x: 1\n  y: 2\n  x: 3\n", 4, 3, "line 2"},
		{"base: &b {p: 1}\nuse:\n  q: *b\n  z: 1\n  q: 2\n", 5, 3, "line 3"},
	} {
		_, l := ParseYAML("f.yml", []byte(tc.src), Options{})
		if len(l) != 1 || l[0].Rule != RuleYAMLDupKey || l[0].Line != tc.line || l[0].Column != tc.col || !strings.Contains(l[0].Message, tc.first) {
			t.Errorf("%q: got %v, want %s at %d:%d naming %s", tc.src, l, RuleYAMLDupKey, tc.line, tc.col, tc.first)
		}
	}
}

// TestReporterAddFromSharesTheCap: when both reporters report the same rule,
// AddFrom keeps diag.MaxPerRule of it in all and Result gives one summary
// counting the rest; a rule disabled in the receiver stays out even past the
// cap (no summary either).
func TestReporterAddFromSharesTheCap(t *testing.T) {
	var b strings.Builder
	b.WriteString("k:\n")
	for i := range 400 {
		fmt.Fprintf(&b, "  - x%d\n", i)
	}
	doc, l := ParseYAML("f.yml", []byte(b.String()), Options{})
	if len(l) > 0 {
		t.Fatal(l)
	}
	for _, tc := range []struct{ mine, theirs int }{{150, 50}, {60, 60}, {0, 150}, {30, 30}} {
		r := &Reporter{Doc: doc, Disabled: map[string]bool{"test/off": true}}
		sub := &Reporter{Doc: doc}
		for i := range tc.mine {
			r.At(diag.Index("/k", i), "test/x", "mine")
		}
		for i := range tc.theirs {
			sub.At(diag.Index("/k", tc.mine+i), "test/x", "theirs")
			sub.At(diag.Index("/k", tc.mine+i), "test/off", "disabled here")
		}
		r.AddFrom(sub)
		shown, summaries := 0, []string{}
		for _, d := range r.Result() {
			switch {
			case d.Rule == "test/off":
				t.Errorf("%+v: a rule disabled in the receiver was reported: %v", tc, d)
			case d.Path == "":
				summaries = append(summaries, d.Message)
			default:
				shown++
			}
		}
		total := tc.mine + tc.theirs
		if want := min(total, diag.MaxPerRule); shown != want {
			t.Errorf("%+v: %d shown, want %d", tc, shown, want)
		}
		switch more := total - diag.MaxPerRule; {
		case more <= 0 && len(summaries) != 0:
			t.Errorf("%+v: summaries %q, want none", tc, summaries)
		case more > 0 && (len(summaries) != 1 || !strings.HasPrefix(summaries[0], fmt.Sprint(more)+" more")):
			t.Errorf("%+v: summaries %q, want one counting %d more", tc, summaries, more)
		}
	}
}

// TestReporterAtMissing: a missing member is reported with its own path at
// the key of the object that lacks it.
func TestReporterAtMissing(t *testing.T) {
	doc, _ := ParseYAML("f.yml", []byte("a: 1\nobj:\n  x: 1\n"), Options{})
	r := &Reporter{Doc: doc}
	r.AtMissing("/obj/y", "test/missing", "obj needs y")
	l := r.Result()
	if len(l) != 1 || l[0].Path != "/obj/y" || l[0].Line != 2 || l[0].Column != 1 {
		t.Errorf("%v", l)
	}
}
