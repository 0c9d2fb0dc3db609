// Command packmain packs a folder into a zip with revision.PackDir; the
// benchmark script (scripts/packbench.sh) uses it before the bgspec CLI
// exists, and to measure the library alone.
//
//	go run ./scripts/packmain [-o application.zip] [-force] [-skip-checks] [-cpuprofile f] DIR
package main

import (
	"flag"
	"fmt"
	"os"
	"runtime/pprof"

	"github.com/bgspec/bgspec/revision"
)

func main() {
	out := flag.String("o", "application.zip", "output zip")
	force := flag.Bool("force", false, "write even when the spec files have errors")
	skip := flag.Bool("skip-checks", false, "skip spec-file and cross-file checks")
	prof := flag.String("cpuprofile", "", "write a CPU profile to this file")
	flag.Parse()
	if *prof != "" {
		f, err := os.Create(*prof)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		pprof.StartCPUProfile(f)
	}
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
	code := run(flag.Arg(0), *out, opts)
	pprof.StopCPUProfile()
	os.Exit(code)
}

func run(dir, out string, opts []revision.Option) int {
	l, err := revision.PackDir(dir, out, opts...)
	for _, d := range l {
		fmt.Fprintln(os.Stderr, d.Error())
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	return 0
}
