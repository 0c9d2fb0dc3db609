package buildspec

import (
	"testing"

	"github.com/bgspec/bgspec/internal/golden"
)

func checkGolden(t *testing.T, path string, got []byte) {
	t.Helper()
	golden.Check(t, path, got)
}
