package taskdef

import (
	"os"
	"testing"
)

func TestZZDebug(t *testing.T) {
	if os.Getenv("TDDEBUG") == "" {
		t.Skip()
	}
	for _, tc := range firing {
		src, _, _ := markPos(t, tc.src)
		for _, d := range Validate("taskdef.json", []byte(src)) {
			t.Log(tc.name, "|", d.Error(), d.Path)
		}
	}
}
