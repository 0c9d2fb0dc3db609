package buildspec

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// corpusDir holds real buildspecs from public repositories (see
// ../shared/corpus/README.md). The files are read in place, never copied.
const corpusDir = "../../shared/corpus/buildspec"

func TestCorpus(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(corpusDir, "*"))
	if len(files) == 0 {
		t.Skip("corpus not present at " + corpusDir)
	}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.Base(f)
		l := Validate(name, src)
		var b strings.Builder
		for _, d := range l {
			b.WriteString("\n  " + d.Error())
		}
		t.Logf("%s:%s", name, b.String())
	}
}
