// Package secretshape recognises values shaped like AWS credentials, for the
// plain-text-secret rules of buildspec and taskdef. Its answers are locations
// and booleans: it never returns, logs or prints a value. Each rule adds its
// own name heuristics; the AWS documentation's example keys are never
// reported (see Example).
package secretshape

import (
	"math"
	"regexp"
	"strings"
)

var (
	// keyID is gitleaks' AWS access key id pattern, restricted to the
	// base32 alphabet of real key ids.
	keyID = regexp.MustCompile(`\b(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}\b`)
	// secretKey is the alphabet and length of an AWS secret access key.
	secretKey = regexp.MustCompile(`^[A-Za-z0-9/+]{40}$`)
	// keyIDPrefixes filter cheaply before the regexp runs.
	keyIDPrefixes = []string{"AKIA", "ASIA", "ABIA", "ACCA", "A3T"}
)

// MinSecretKeyEntropy is the Shannon entropy, in bits per byte, from which a
// 40-character base64 string is taken for a secret access key: random keys
// have about 5, and a hex digest at most 4.
const MinSecretKeyEntropy = 4.25

// FindKeyID returns the location [start, end) in s of the first AWS access
// key id (AKIA, ASIA, ABIA, ACCA or A3T? and 16 base32 characters, as a
// whole word) that is not an Example, or nil.
func FindKeyID(s string) []int {
	for _, p := range keyIDPrefixes {
		if strings.Contains(s, p) {
			for _, m := range keyID.FindAllStringIndex(s, -1) {
				if !Example(s[m[0]:m[1]]) {
					return m
				}
			}
			return nil
		}
	}
	return nil
}

// Example reports whether key is shaped like the AWS documentation's
// example credentials (AKIAIOSFODNN7EXAMPLE, AKIAI44QH8DHBEXAMPLE,
// wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY, …): an access key id ending in
// EXAMPLE or a secret key ending in EXAMPLEKEY. Those are not secrets, and
// test fixtures and tutorials are full of them.
func Example(key string) bool {
	return strings.HasSuffix(key, "EXAMPLE") || strings.HasSuffix(key, "EXAMPLEKEY")
}

// SecretKey reports whether s is shaped like an AWS secret access key:
// exactly 40 characters of A-Z, a-z, 0-9, / and +, not an Example, with an
// Entropy of at least MinSecretKeyEntropy (a hex digest never reaches it).
func SecretKey(s string) bool {
	return len(s) == 40 && secretKey.MatchString(s) && !Example(s) && Entropy(s) >= MinSecretKeyEntropy
}

// Entropy is the Shannon entropy of s in bits per byte (0 for "").
func Entropy(s string) float64 {
	var counts [256]int
	for i := 0; i < len(s); i++ {
		counts[s[i]]++
	}
	var h float64
	n := float64(len(s))
	for _, c := range counts {
		if c > 0 {
			p := float64(c) / n
			h -= p * math.Log2(p)
		}
	}
	return h
}
