package textdist

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// levenshtein is the textbook full-matrix distance, the reference.
func levenshtein(a, b string) int {
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			sub := d[i-1][j-1]
			if a[i-1] != b[j-1] {
				sub++
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, sub)
		}
	}
	return d[len(a)][len(b)]
}

func TestDistance(t *testing.T) {
	for _, c := range []struct {
		a, b  string
		limit int
		want  int
	}{
		{"", "", 3, 0},
		{"", "abc", 9, 3},
		{"abc", "", 9, 3},
		{"kitten", "sitting", 9, 3},
		{"kitten", "sitting", 3, 3},
		{"kitten", "sitting", 2, 2},
		{"flaw", "lawn", 9, 2},
		{"group", "GROUP", 9, 5}, // case counts
		{"awslogs-group", "awslogs-grop", 3, 1},
		{"ab", "ba", 9, 2},
		{"abcdef", "a", 3, 3},          // the length difference alone reaches the limit
		{"xxxxxxxx", "yyyyyyyy", 3, 3}, // a row's minimum reaches the limit
		{"\u00e9", "e", 9, 2},          // bytes, not runes
		{"same", "same", 0, 0},         // limit 0: nothing is below it
		{"same", "sane", 1, 1},
		{strings.Repeat("a", MaxLen), strings.Repeat("a", MaxLen), 3, 0},
		{strings.Repeat("a", MaxLen+1), strings.Repeat("a", MaxLen+1), 3, 3},
		{strings.Repeat("a", MaxLen+1), "a", 99, 99},
	} {
		if got := Distance(c.a, c.b, c.limit); got != c.want {
			t.Errorf("Distance(%q, %q, %d) = %d, want %d", c.a, c.b, c.limit, got, c.want)
		}
	}
}

// Distance(a, b, limit) is min(levenshtein(a, b), limit) for strings up to
// MaxLen bytes, and symmetric.
func TestDistanceReference(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	word := func() string {
		b := make([]byte, r.IntN(12))
		for i := range b {
			b[i] = "abc-_"[r.IntN(5)]
		}
		return string(b)
	}
	for range 20000 {
		a, b, limit := word(), word(), r.IntN(8)
		want := min(levenshtein(a, b), limit)
		if got := Distance(a, b, limit); got != want {
			t.Fatalf("Distance(%q, %q, %d) = %d, want %d", a, b, limit, got, want)
		}
		if got := Distance(b, a, limit); got != want {
			t.Fatalf("Distance(%q, %q, %d) = %d, want %d (not symmetric)", b, a, limit, got, want)
		}
	}
}

func TestNearest(t *testing.T) {
	keys := []string{"version", "run-as", "env", "phases", "artifacts"}
	fold := func(s string) string { return strings.ReplaceAll(strings.ToLower(s), "_", "-") }
	for _, c := range []struct {
		s          string
		candidates []string
		limit      int
		norm       func(string) string
		want       string
	}{
		{"phases", keys, 3, nil, "phases"},
		{"Phases", keys, 3, nil, "phases"}, // one edit
		{"PHASES", keys, 3, nil, ""},       // six edits
		{"PHASES", keys, 3, strings.ToLower, "phases"},
		{"Run_As", keys, 3, fold, "run-as"},
		{"artefacts", keys, 3, nil, "artifacts"},
		{"artefacts", keys, 1, nil, ""}, // the limit is exclusive
		{"artefacts", keys, 2, nil, "artifacts"},
		{"envs", keys, 3, nil, "env"},
		{"xyz", keys, 3, nil, ""},
		{"ab", []string{"a", "b", "ab-"}, 3, nil, "a"},               // a tie goes to the first
		{"ab", []string{"a", "b", "ab"}, 3, nil, "ab"},               // a closer one wins
		{"AB", []string{"ab", "Ab", "aB"}, 3, strings.ToLower, "ab"}, // all at 0: the first
		{"anything", nil, 3, nil, ""},
		{"", []string{"ab", "a"}, 3, nil, "a"},
		// The candidate is returned as written, not in its norm form.
		{"Mode", []string{"MODE"}, 3, strings.ToLower, "MODE"},
	} {
		if got := Nearest(c.s, c.candidates, c.limit, c.norm); got != c.want {
			t.Errorf("Nearest(%q, %q, %d) = %q, want %q", c.s, c.candidates, c.limit, got, c.want)
		}
	}
}

func BenchmarkNearest(b *testing.B) {
	keys := []string{"awslogs-create-group", "awslogs-datetime-format", "awslogs-group", "awslogs-multiline-pattern",
		"awslogs-region", "awslogs-stream-prefix", "max-buffer-size", "mode"}
	for b.Loop() {
		Nearest("awslogs-regoin", keys, 3, strings.ToLower)
	}
}
