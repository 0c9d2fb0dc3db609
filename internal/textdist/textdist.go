// Package textdist finds the name a user probably meant: the Levenshtein
// edit distance of two short strings, bounded in cost, and the nearest of
// a list of candidates. Results are deterministic: ties go to the first
// candidate.
package textdist

// MaxLen is the longest string, in bytes, that Distance compares; a longer
// one is taken to be at least limit away, which bounds the work for
// pathological input (a key of a megabyte).
const MaxLen = 64

// Distance returns the Levenshtein distance of a and b, counted in bytes
// (insertions, deletions and substitutions of one byte each), or limit when
// the distance is limit or more, or when a or b is longer than MaxLen.
func Distance(a, b string, limit int) int {
	if len(a) > MaxLen || len(b) > MaxLen {
		return limit
	}
	if d := len(a) - len(b); d >= limit || -d >= limit {
		return limit
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			rowMin = min(rowMin, cur[j])
		}
		if rowMin >= limit { // a row's minimum never decreases
			return limit
		}
		prev, cur = cur, prev
	}
	return min(prev[len(b)], limit)
}

// Nearest returns the first of candidates whose norm form is at the smallest
// Distance below limit from norm(s), or "" when none is closer than limit. A
// nil norm compares the strings as they are. Nearest(s, c, 3, strings.ToLower)
// suggests a name within two edits, ignoring case.
func Nearest(s string, candidates []string, limit int, norm func(string) string) string {
	if norm == nil {
		norm = func(x string) string { return x }
	}
	ns := norm(s)
	best, bestD := "", limit
	for _, c := range candidates {
		if d := Distance(ns, norm(c), bestD); d < bestD {
			best, bestD = c, d
			if d == 0 {
				break
			}
		}
	}
	return best
}
