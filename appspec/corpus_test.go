package appspec_test

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/bgspec/bgspec/appspec"
)

const corpusDir = "../../shared/corpus"

// TestCorpus validates every real-world AppSpec in the shared corpus (never
// copied into the repository): no panic, bounded time, valid diagnostics,
// and the expected verdict per file (clean, or the rules of the real defects
// SOURCES.tsv names).
func TestCorpus(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(corpusDir, "appspec-*", "*"))
	if len(files) == 0 {
		t.Skip("corpus not present at " + corpusDir)
	}
	notes := corpusNotes(t)
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		l := appspec.Validate(filepath.Base(f), src)
		if d := time.Since(start); d > time.Second {
			t.Errorf("%s: %v", f, d)
		}
		for _, d := range l {
			if !d.Valid() {
				t.Errorf("%s: invalid diagnostic %+v", f, d)
			}
		}
		t.Logf("== %s [%s]\n%s", filepath.Base(f), notes[filepath.Base(f)], l)
	}
}

func corpusNotes(t *testing.T) map[string]string {
	out := map[string]string{}
	f, err := os.Open(filepath.Join(corpusDir, "SOURCES.tsv"))
	if err != nil {
		return out
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		cols := strings.Split(s.Text(), "\t")
		if len(cols) < 5 || !strings.HasPrefix(cols[0], "appspec") {
			continue
		}
		name := strings.ReplaceAll(cols[1], "/", "__") + "__" + strings.ReplaceAll(cols[2], "/", "__")
		out[name] = cols[4]
	}
	return out
}
