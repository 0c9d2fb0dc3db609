// Command packmain packs a folder into a zip with revision.PackDir; the
// benchmark script (scripts/packbench.sh) uses it before the bgspec CLI
// exists, and to measure the library alone.
//
//	go run ./scripts/packmain [-o application.zip] [-force] [-skip-checks] DIR
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/bgspec/bgspec/revision"
)

func main() {
	out := flag.String("o", "application.zip", "output zip")
	force := flag.Bool("force", false, "write even when the spec files have errors")
	skip := flag.Bool("skip-checks", false, "skip spec-file and cross-file checks")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: packmain [-o out.zip] DIR")
		os.Exit(2)
	}
	var opts []revision.Option
	if *force {
		opts = append(opts, revision.Force())
	}
	if *skip {
		opts = append(opts, revision.SkipSpecChecks())
	}
	if o, err := revision.SourceDateEpochFromEnv(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	} else if o != nil {
		opts = append(opts, o)
	}
	l, err := revision.PackDir(flag.Arg(0), *out, opts...)
	for _, d := range l {
		fmt.Fprintln(os.Stderr, d.Error())
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
