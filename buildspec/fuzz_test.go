package buildspec

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

func addSeeds(f *testing.F) {
	for _, tc := range ruleCases {
		f.Add([]byte(tc.bad))
		f.Add([]byte(tc.good))
	}
	for _, s := range nastyCommands {
		f.Add([]byte(okPhases + "      - " + s + "\n"))
	}
	for _, pat := range []string{"testdata/*/*.yml", "testdata/*/*/*.yml"} {
		files, _ := filepath.Glob(pat)
		for _, file := range files {
			if b, err := os.ReadFile(file); err == nil {
				f.Add(b)
			}
		}
	}
	for _, s := range []string{"", "{", "0: [:!00 \xef", "#\n-\n{", "<<:\n? -", "a: &a [*a]", "version: 0.2\nphases: !!binary aGVsbG8=\n"} {
		f.Add([]byte(s))
	}
}

// FuzzValidate: Validate never panics, every position lies inside the input
// and every path is a valid pointer.
func FuzzValidate(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, src []byte) {
		checkPositions(t, src, Validate("buildspec.yml", src))
	})
}

// FuzzParse: Marshal of a parsed buildspec reads back to the same value and
// marshals to the same bytes (Marshal∘Parse is stable).
func FuzzParse(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, src []byte) {
		b, _ := Parse("buildspec.yml", src)
		if b == nil {
			return
		}
		out, err := Marshal(b)
		if err != nil {
			return // strings that are not valid UTF-8
		}
		b2, l := Parse("buildspec.yml", out)
		for _, d := range l {
			if d.Rule == "yaml/syntax" || d.Rule == "yaml/tab" || d.Rule == "source/encoding" {
				t.Fatalf("Marshal output does not read back: %v\n%s", d, out)
			}
		}
		if b2 == nil {
			t.Fatalf("Marshal output reads as nothing:\n%s", out)
		}
		out2, err := Marshal(b2)
		if err != nil || !bytes.Equal(out, out2) {
			t.Fatalf("Marshal(Parse(Marshal(x))) != Marshal(x):\n%s\n---\n%s", out, out2)
		}
	})
}

// FuzzMarshalCommand: any valid UTF-8 command (and env value) survives
// Marshal → Parse unchanged.
func FuzzMarshalCommand(f *testing.F) {
	for _, s := range nastyCommands {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) || strings.ContainsRune(s, 0xFFFD) {
			return
		}
		roundTrip(t, []string{s})
	})
}
