package buildspec

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/bgspec/bgspec/diag"
	"github.com/bgspec/bgspec/internal/budget"
	"github.com/bgspec/bgspec/internal/source"
)

// measure runs Validate on src and returns the diagnostics and their cost.
func measure(src []byte) (diag.List, budget.Cost) {
	var l diag.List
	c := budget.Measure(func() { l = Validate("buildspec.yml", src) })
	return l, c
}

// TestHostileInputs: each input gets an error at a position, in under a
// second and 100 MB of allocation.
func TestHostileInputs(t *testing.T) {
	Validate("warm-up.yml", []byte(okPhases)) // compile the schema outside the measurement
	cases := []struct {
		name string
		src  string
		rule string
		line int
	}{
		{"3000 duplicate keys", "{" + strings.Repeat("a: 1, ", 3000) + "}", "yaml/duplicate-key", 1},
		{"3000 duplicate keys, block", "version: 0.2\n" + strings.Repeat("phases: {}\n", 3000), "yaml/duplicate-key", 3},
		{"20000 nested brackets", strings.Repeat("[", 20000), "yaml/syntax", 1},
		{"20000 nested brackets after a key", "version: 0.2\nphases: " + strings.Repeat("[", 20000) + strings.Repeat("]", 20000) + "\n", "yaml/syntax", 2},
		{"100 nested lists", "version: 0.2\nphases: " + strings.Repeat("[", 100) + strings.Repeat("]", 100) + "\n", "source/too-deep", 2},
		{"alias bomb", "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n", "yaml/alias-budget", 0},
		{"huge command", okPhases + "      - echo " + strings.Repeat("a: b ", 150000) + "\n", "", 0},
		{"deep shell substitution", okPhases + "      - " + strings.Repeat("$(", 5000) + "aws ecr get-login" + strings.Repeat(")", 5000) + "\n", "", 0},
		{"one block, 30000 findings", okPhases + "      - |\n" + strings.Repeat("        docker login -u AWS -p x r && docker pull node && sed -i s/a/b/ taskdef.json\n", 10000), RuleDockerLoginPassword, 7},
		{"many commands", okPhases + strings.Repeat("      - docker run --rm node:20 npm test | aws ecr get-login-password --region us-east-1\n", 1000), "", 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			l, c := measure([]byte(tc.src))
			t.Logf("%d diagnostics in %v CPU (%v wall), %.1f MB allocated", len(l), c.CPU, c.Wall, float64(c.Alloc)/1e6)
			c.Check(t, time.Second, 100<<20)
			if tc.rule == "" {
				return
			}
			for _, x := range l {
				if x.Rule == tc.rule && (tc.line == 0 || x.Line == tc.line) && x.Severity == diag.Error {
					return
				}
			}
			t.Errorf("want a %s error at line %d, got %v", tc.rule, tc.line, l)
		})
	}
}

// TestPositionsInBounds checks every diagnostic of the testdata and the
// rule cases: positions inside the input, valid pointers, valid diagnostics.
func TestPositionsInBounds(t *testing.T) {
	var inputs [][]byte
	for _, tc := range ruleCases {
		inputs = append(inputs, []byte(tc.bad), []byte(tc.good))
	}
	files, _ := filepath.Glob("testdata/*/*.yml")
	files2, _ := filepath.Glob("testdata/*/*/*.yml")
	for _, f := range append(files, files2...) {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, b)
	}
	for _, in := range inputs {
		checkPositions(t, in, Validate("buildspec.yml", in))
	}
}

// checkPositions checks that every diagnostic is valid and lies inside
// src, counting lines the way YAML does (LF, CRLF, lone CR, NEL, LS, PS) in
// the text as read: UTF-16 input is transcoded first.
func checkPositions(t *testing.T, src []byte, l diag.List) {
	t.Helper()
	if doc, _ := source.ParseYAML("buildspec.yml", src, source.Options{}); doc.Src != nil {
		src = doc.Src
	}
	var lens []int // byte length of every line, without its break
	start := 0
	for i := 0; i <= len(src); i++ {
		if i == len(src) {
			lens = append(lens, i-start)
			break
		}
		if n, ls := yamlBreaks(src, i, i+1); n > 0 {
			lens = append(lens, i-start)
			start = ls
			i = ls - 1
		}
	}
	for _, d := range l {
		if !d.Valid() {
			t.Errorf("invalid diagnostic %+v", d)
		}
		if d.Line > len(lens) || (d.Line > 0 && d.Column > lens[d.Line-1]+1) {
			t.Errorf("position %d:%d outside the input (%d lines): %v", d.Line, d.Column, len(lens), d)
		}
	}
}

// yamlBreaks counts the YAML line breaks in src[from:to] (LF, CRLF, lone CR,
// NEL, LS, PS: the breaks the reader's positions count) and returns the
// offset where the last line starts. It is written apart from the reader's
// line table on purpose: the position tests check one against the other.
func yamlBreaks(src []byte, from, to int) (n, lineStart int) {
	for i := from; i < to; i++ {
		switch c := src[i]; {
		case c == '\n':
		case c == '\r':
			if i+1 < len(src) && src[i+1] == '\n' {
				i++
			}
		case c == 0xc2 && i+1 < len(src) && src[i+1] == 0x85:
			i++
		case c == 0xe2 && i+2 < len(src) && src[i+1] == 0x80 && (src[i+2] == 0xa8 || src[i+2] == 0xa9):
			i += 2
		default:
			continue
		}
		n++
		lineStart = i + 1
	}
	return n, lineStart
}
