// Command bgspec builds and validates the spec files of an Amazon ECS
// blue/green deployment through AWS CodePipeline — buildspec.yml,
// appspec.yaml and taskdef.json — and packs them into application.zip.
//
// Run "bgspec help" for the commands. Exit codes: 0 clean (warnings
// allowed), 1 errors found or a write refused, 2 usage or I/O error.
package main

import (
	"os"

	"github.com/bgspec/bgspec/internal/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
