// Command gen writes the spec files of package deploy into a folder
// (default: the current directory, which is the package folder when it runs
// from the package's //go:generate line).
//
//	go generate ./deploy
//	go run ./deploy/gen -dir deploy
package main

import (
	"flag"
	"fmt"
	"io"
	"os"

	deploy "github.com/bgspec/bgspec/examples/gogenerate"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stderr))
}

func run(args []string, stderr io.Writer) int {
	fl := flag.NewFlagSet("gen", flag.ContinueOnError)
	fl.SetOutput(stderr)
	dir := fl.String("dir", ".", "`folder` to write the spec files to")
	if err := fl.Parse(args); err != nil || fl.NArg() > 0 {
		fmt.Fprintln(stderr, "usage: gen [-dir FOLDER]")
		return 2
	}
	l, err := deploy.Write(*dir)
	for _, d := range l {
		fmt.Fprintln(stderr, d.Error())
	}
	if err != nil {
		fmt.Fprintf(stderr, "gen: %v\n", err)
		return 1
	}
	return 0
}
