package buildspec

import (
	"strings"
	"testing"
)

// closest matches ignoring case, '-', '_' and ' ' first, then within edit
// distance 2 of those folded forms; the first candidate wins a tie.
func TestClosest(t *testing.T) {
	for _, c := range []struct {
		s          string
		candidates []string
		want       string
	}{
		{"Phases", topKeys, "phases"},
		{"run_as", topKeys, "run-as"},
		{"RUN AS", topKeys, "run-as"},
		{"runas", topKeys, "run-as"},
		{"artefacts", topKeys, "artifacts"},
		{"artfcts", topKeys, "artifacts"},
		{"artfct", topKeys, ""}, // distance 3
		{"enviroment", topKeys, ""},
		{"envs", topKeys, "env"},
		{"pre-build", phaseNames, "pre_build"},
		{"prebuild", phaseNames, "pre_build"},
		{"postbild", phaseNames, "post_build"},
		{"buidl", phaseNames, "build"},
		{"bild", phaseNames, "build"},
		{"ab", []string{"a", "b"}, "a"}, // tie: the first
		{"B", []string{"a", "b"}, "b"},  // exact (folded) beats distance
		{"x_y", []string{"xy-z", "X-Y"}, "X-Y"},
		{strings.Repeat("a", 65), []string{strings.Repeat("a", 64)}, ""},
		{"", topKeys, ""},
		{"", []string{"ab", "a"}, "a"},
	} {
		if got := closest(c.s, c.candidates); got != c.want {
			t.Errorf("closest(%q) = %q, want %q", c.s, got, c.want)
		}
	}
}
