package taskdef

import (
	"strings"
	"testing"
)

// nearestOption suggests a documented awslogs option within edit distance 2
// of the key, compared in lower case; the first documented one wins a tie.
func TestNearestOption(t *testing.T) {
	for k, want := range map[string]string{
		"awslogs-group":                  "awslogs-group",
		"AWSLOGS-GROUP":                  "awslogs-group",
		"awslogs-grop":                   "awslogs-group",
		"awslog-groups":                  "awslogs-group",  // distance 2
		"awslog-grp":                     "",               // distance 3
		"Awslogs_Regon":                  "awslogs-region", // case folded, then 2 edits
		"mdoe":                           "mode",
		"mod":                            "mode",
		"md":                             "mode",
		"m":                              "",
		"":                               "",
		"awslogs-stream":                 "",
		"awslogs-create-groups":          "awslogs-create-group",
		"max-buffer-sizes":               "max-buffer-size",
		strings.Repeat("a", 65):          "",
		"awslogs-group" + "\u00e9":       "awslogs-group", // 2 bytes
		"awslogs-group" + "\u00e9\u00e9": "",
	} {
		if got := nearestOption(k); got != want {
			t.Errorf("nearestOption(%q) = %q, want %q", k, got, want)
		}
	}
}
