package secretshape

import (
	"math"
	"slices"
	"strings"
	"testing"
)

func TestFindKeyID(t *testing.T) {
	for s, want := range map[string][]int{
		"AKIAZ7QWERTY2345ABCD":                      {0, 20},
		"export K=ASIAJ4KL5MN6OP7QRSTU; echo":       {9, 29},
		"ABIAABCDEFGHIJKLMNOP":                      {0, 20},
		"ACCAABCDEFGHIJKLMNOP":                      {0, 20},
		"A3TXABCDEFGHIJKLMNOP":                      {0, 20},
		"A3T9ABCDEFGHIJKLMNOP":                      {0, 20},
		"AKIAIOSFODNN7EXAMPLE":                      nil,      // the documentation's example
		"AKIAI44QH8DHBEXAMPLE AKIAZ7QWERTY2345ABCD": {21, 41}, // the first real one after an example
		"AKIAZ7QWERTY2345ABC":                       nil,      // 15 characters after the prefix
		"AKIAZ7QWERTY2345ABCDE":                     nil,      // not a whole word
		"xAKIAZ7QWERTY2345ABCD":                     nil,
		"AKIAZ7QWERTY2345ABC1":                      nil, // 1 is not base32
		"AKIAz7qwerty2345abcd":                      nil, // lower case
		"akiaZ7QWERTY2345ABCD":                      nil,
		"a:AKIAZ7QWERTY2345ABCD/b":                  {2, 22},
		"":                                          nil,
		"no key here":                               nil,
	} {
		if got := FindKeyID(s); !slices.Equal(got, want) {
			t.Errorf("FindKeyID(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestSecretKey(t *testing.T) {
	for s, want := range map[string]bool{
		"q8Zr3Vt6Wy1Xs5Pu9Nm2Lk7Jh4Gf0DdSsAa1Bb+/":  true,
		"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY":  false, // the documentation's example
		"q8Zr3Vt6Wy1Xs5Pu9Nm2Lk7Jh4Gf0DdSsAa1Bb+":   false, // 39
		"q8Zr3Vt6Wy1Xs5Pu9Nm2Lk7Jh4Gf0DdSsAa1Bb+/x": false, // 41
		"q8Zr3Vt6Wy1Xs5Pu9Nm2Lk7Jh4Gf0DdSsAa1Bb-/":  false, // '-' is not in the alphabet
		"da39a3ee5e6b4b0d3255bfef95601890afd80709":  false, // a SHA-1: hex, entropy ≤ 4
		strings.Repeat("ab", 20):                    false,
		strings.Repeat("A", 40):                     false,
		"":                                          false,
	} {
		if got := SecretKey(s); got != want {
			t.Errorf("SecretKey(%q) = %v, want %v (entropy %.2f)", s, got, want, Entropy(s))
		}
	}
}

func TestEntropy(t *testing.T) {
	for s, want := range map[string]float64{
		"":                         0,
		"aaaa":                     0,
		"ab":                       1,
		"abcd":                     2,
		"aabb":                     1,
		"0123456789abcdef":         4,
		strings.Repeat("abc", 100): math.Log2(3),
	} {
		if got := Entropy(s); math.Abs(got-want) > 1e-12 {
			t.Errorf("Entropy(%q) = %v, want %v", s, got, want)
		}
	}
}
