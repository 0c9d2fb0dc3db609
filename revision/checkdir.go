package revision

import (
	"context"
	"fmt"
	"os"

	"github.com/bgspec/bgspec/diag"
)

// CheckDir runs every check PackDir runs on the folder dir — tree safety,
// root layout, the spec files and the cross-file checks — without writing
// anything. It is what `bgspec validate DIR` reports. The error is non-nil
// only when dir cannot be opened.
func CheckDir(dir string, opts ...Option) (diag.List, error) {
	o := makeOptions(opts)
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("revision: %w", err)
	}
	defer root.Close()
	_, l, _ := prepare(context.Background(), root.FS(), dir, o, nil)
	return l.Dedupe(), nil
}
