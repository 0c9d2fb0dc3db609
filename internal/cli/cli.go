// Package cli implements the bgspec command. cmd/bgspec is a thin main over
// Main, so the whole command, exit codes included, is testable in-process.
package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"runtime/debug"
	"strings"
)

// Exit codes.
const (
	ExitOK       = 0 // clean (warnings allowed), or the command did its work
	ExitFindings = 1 // errors were found, or the command refused to write
	ExitUsage    = 2 // bad usage or an I/O error
)

type env struct {
	ctx            context.Context // cancelled on interrupt (pack stops and cleans up)
	stdin          io.Reader
	stdout, stderr io.Writer
}

type command struct {
	name, args, summary string
	run                 func(e *env, args []string) int
}

func commands() []command {
	return []command{
		{"validate", "[-format text|json|sarif] [-kind K] [-action FILE] [-werror] [-error RULE,...] [-disable RULE,...] PATH...", "validate spec files, revision directories and application.zip files", runValidate},
		{"pack", "[-o application.zip] [-force] [-exclude GLOB,...] [-format text|json|sarif] DIR", "validate a revision directory and write application.zip, spec files at the root", runPack},
		{"set-image", "[-w] TASKDEF NAME=IMAGE...", "set container images in a task definition by exact container name", runSetImage},
		{"clean", "[-w] TASKDEF|-", "turn describe-task-definition output into a registrable taskdef.json", runClean},
		{"schema", "buildspec|appspec|taskdef|action", "print the embedded JSON Schema (for editors and other validators)", runSchema},
		{"rules", "[-format text|json]", "list every rule id with its severity and one-line doc", runRules},
		{"version", "", "print the bgspec version", runVersion},
		{"help", "[COMMAND]", "show help", nil},
	}
}

// Main runs the bgspec command with args (without the program name) and
// returns the exit code.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return MainContext(context.Background(), args, stdin, stdout, stderr)
}

// MainContext is Main with a context; cmd/bgspec cancels it on SIGINT or
// SIGTERM, and a pack in progress then stops, removes its temporary file and
// leaves the output as it was (exit 2).
func MainContext(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := &env{ctx: ctx, stdin: stdin, stdout: stdout, stderr: stderr}
	if len(args) == 0 {
		usage(stderr)
		return ExitUsage
	}
	name, rest := args[0], args[1:]
	switch name {
	case "help", "-h", "-help", "--help":
		if len(rest) > 0 {
			for _, c := range commands() {
				if c.name == rest[0] && c.run != nil {
					return c.run(e, []string{"-h"})
				}
			}
		}
		usage(stdout)
		return ExitOK
	case "-version", "--version":
		name = "version"
	}
	for _, c := range commands() {
		if c.name == name && c.run != nil {
			return c.run(e, rest)
		}
	}
	fmt.Fprintf(stderr, "bgspec: unknown command %q\n\n", name)
	usage(stderr)
	return ExitUsage
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "bgspec builds and validates buildspec.yml, appspec.yaml, taskdef.json and application.zip")
	fmt.Fprintln(w, "for Amazon ECS blue/green deployments through AWS CodePipeline.")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Usage:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  bgspec %-9s %s\n", c.name, c.args)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Commands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-9s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Exit codes: 0 clean (warnings allowed), 1 errors found or write refused, 2 usage or I/O error.")
}

// newFlags returns a flag set that prints its usage to e.stderr and never
// exits the process.
func newFlags(e *env, name, args, summary string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "usage: bgspec %s %s\n\n%s\n", name, args, summary)
		var any bool
		fs.VisitAll(func(*flag.Flag) { any = true })
		if any {
			fmt.Fprintln(e.stderr)
			fs.PrintDefaults()
		}
	}
	return fs
}

// parseFlags parses args; it returns a non-negative exit code when the
// command must stop (after -h, or on a usage error).
func parseFlags(fs *flag.FlagSet, args []string) int {
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return ExitOK
		}
		return ExitUsage
	}
	return -1
}

func cmdFlags(e *env, name string) *flag.FlagSet {
	for _, c := range commands() {
		if c.name == name {
			return newFlags(e, c.name, c.args, c.summary)
		}
	}
	panic("cli: no command " + name)
}

// listFlag is a comma-separated, repeatable flag.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }
func (l *listFlag) Set(s string) error {
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			*l = append(*l, p)
		}
	}
	return nil
}

// Version returns the module version bgspec was built from.
func Version() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		return bi.Main.Version
	}
	return "(devel)"
}

func runVersion(e *env, args []string) int {
	fs := cmdFlags(e, "version")
	if code := parseFlags(fs, args); code >= 0 {
		return code
	}
	fmt.Fprintf(e.stdout, "bgspec %s\n", Version())
	return ExitOK
}
