package source

import (
	"testing"
	"unicode/utf16"
)

func TestLineBound(t *testing.T) {
	utf16le := func(s string) []byte {
		var b []byte
		for _, u := range utf16.Encode([]rune(s)) {
			b = append(b, byte(u), byte(u>>8))
		}
		return b
	}
	for _, tc := range []struct {
		src  []byte
		want int
	}{
		{[]byte(""), 1},
		{[]byte("a"), 1},
		{[]byte("a\nb\n"), 3},
		{[]byte("a\r\nb"), 2},
		{[]byte("\r0"), 2},
		{[]byte("a\u0085b\u2028c\u2029d"), 4},
		{utf16le("a\nb\nc"), 3},
	} {
		if got := LineBound(tc.src); got < tc.want {
			t.Errorf("LineBound(%q) = %d, want ≥ %d", tc.src, got, tc.want)
		}
	}
	// Every diagnostic the readers report lies within the bound.
	for _, src := range []string{"\r0", "a: 1\r\rb: [", "{\r\"a\": 1,\r}"} {
		_, l := ParseYAML("f", []byte(src), Options{})
		_, l2 := ParseJSON("f", []byte(src), Options{})
		for _, d := range append(l, l2...) {
			if d.Line > LineBound([]byte(src)) {
				t.Errorf("%q: %v beyond LineBound %d", src, d, LineBound([]byte(src)))
			}
		}
	}
}
