package source

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/bgspec/bgspec/diag"
)

// at is the structural part of a diagnostic that tests assert: never the
// wording.
type at struct {
	Rule      string
	Line, Col int
	Path      string
}

func (a at) String() string { return fmt.Sprintf("%s@%d:%d%s", a.Rule, a.Line, a.Col, a.Path) }

func ats(l diag.List) []at {
	out := make([]at, 0, len(l))
	for _, d := range l {
		out = append(out, at{d.Rule, d.Line, d.Column, d.Path})
	}
	slices.SortFunc(out, func(a, b at) int { return strings.Compare(a.String(), b.String()) })
	return out
}

// wantDiags fails unless l holds exactly the diagnostics want (in any order).
func wantDiags(t *testing.T, l diag.List, want ...at) {
	t.Helper()
	slices.SortFunc(want, func(a, b at) int { return strings.Compare(a.String(), b.String()) })
	if got := ats(l); !slices.Equal(got, want) {
		t.Errorf("diagnostics = %v, want %v\n%v", got, want, l)
	}
}

// checkInvariants asserts the properties every parse must have: valid
// diagnostics positioned inside the input, and valid indexed pointers with
// in-bounds positions.
func checkInvariants(t testing.TB, d *Doc, l diag.List) {
	t.Helper()
	if d == nil {
		t.Fatal("nil Doc")
	}
	for _, x := range l {
		if !x.Valid() {
			t.Errorf("invalid diagnostic %#v", x)
		}
		if _, ok := diag.LookupRule(x.Rule); !ok {
			t.Errorf("unregistered rule %q", x.Rule)
		}
		if x.File != d.File {
			t.Errorf("diagnostic file %q, want %q", x.File, d.File)
		}
		if !inside(d, x.Line, x.Column) {
			t.Errorf("diagnostic %v outside the input (%d lines, %d bytes)", x, len(d.lineTab()), len(d.Src))
		}
	}
	for p := range d.idx() {
		if !diag.ValidPointer(p) {
			t.Errorf("invalid pointer %q in index", p)
		}
		for _, q := range []Pos{d.KeyPos(p), d.ValuePos(p)} {
			if q != (Pos{}) && (!d.InBounds(q) || !inside(d, q.Line, q.Column) || d.posAt(q.Offset) != q) {
				t.Errorf("pointer %q: position %+v outside the input or inconsistent", p, q)
			}
		}
	}
}

// inside reports whether line:col names a byte of the input, or the end of
// a line (just after its last byte), or is 0:0.
func inside(d *Doc, line, col int) bool {
	if line == 0 {
		return col == 0
	}
	if line > len(d.lineTab()) || col < 1 {
		return false
	}
	return d.lineTab()[line-1]+col-1 <= d.lineEnd(line)
}
