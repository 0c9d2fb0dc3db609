// Command bgspec builds and validates the spec files of an Amazon ECS
// blue/green deployment through AWS CodePipeline — buildspec.yml,
// appspec.yaml and taskdef.json — and packs them into application.zip.
//
// Run "bgspec help" for the commands. Exit codes: 0 clean (warnings
// allowed), 1 errors found or a write refused, 2 usage or I/O error.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/bgspec/bgspec/internal/cli"
)

func main() {
	// The first SIGINT or SIGTERM cancels the command (a pack removes its
	// temporary file and leaves the output as it was); a second one kills.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	go func() {
		<-ctx.Done()
		stop()
	}()
	code := cli.MainContext(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
