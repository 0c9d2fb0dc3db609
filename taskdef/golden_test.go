package taskdef_test

import (
	"testing"

	"github.com/bgspec/bgspec/internal/golden"
	"github.com/bgspec/bgspec/taskdef"
)

func TestRenderGolden(t *testing.T) {
	td := webTask()
	b, err := taskdef.Marshal(&td)
	if err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "testdata/web.taskdef.json", b)
	if l := taskdef.Validate("web.taskdef.json", b); len(l) > 0 {
		t.Errorf("the builder output must validate clean:\n%v", l)
	}
	b2, err := taskdef.Marshal(&td)
	if err != nil || string(b2) != string(b) {
		t.Errorf("Marshal is not deterministic")
	}
}
