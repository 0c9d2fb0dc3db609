package cli

import (
	"fmt"
	"os"
	"strings"

	"github.com/bgspec/bgspec/diag"
	"github.com/bgspec/bgspec/internal/render"
	"github.com/bgspec/bgspec/taskdef"
)

// lossy reports whether a diagnostic means the typed value does not hold
// everything the file holds (an unreadable file, an unknown key, a value of
// the wrong type), so that writing it back would lose data.
func lossy(d diag.Diagnostic) bool {
	if d.Severity != diag.Error {
		return false
	}
	for _, p := range []string{"source/", "json/", "yaml/", "schema/"} {
		if strings.HasPrefix(d.Rule, p) {
			return true
		}
	}
	return false
}

// emit prints a task definition, or with write replaces path atomically.
func emit(e *env, path string, td *taskdef.TaskDefinition, write bool) int {
	out, err := taskdef.Marshal(td)
	if err != nil {
		fmt.Fprintf(e.stderr, "bgspec: %v\n", err)
		return ExitUsage
	}
	if !write {
		e.stdout.Write(out)
		return ExitOK
	}
	perm := os.FileMode(0o644)
	if fi, err := os.Stat(path); err == nil {
		perm = fi.Mode().Perm()
	}
	if _, err := render.WriteFile(path, out, perm); err != nil {
		fmt.Fprintf(e.stderr, "bgspec: %v\n", err)
		return ExitUsage
	}
	return ExitOK
}

func runSetImage(e *env, args []string) int {
	fs := cmdFlags(e, "set-image")
	write := fs.Bool("w", false, "replace TASKDEF atomically instead of printing the result")
	if code := parseFlags(fs, args); code >= 0 {
		return code
	}
	if fs.NArg() < 2 {
		fs.Usage()
		return ExitUsage
	}
	path := fs.Arg(0)
	images := map[string]string{}
	for _, a := range fs.Args()[1:] {
		name, image, ok := strings.Cut(a, "=")
		if !ok || name == "" || image == "" {
			fmt.Fprintf(e.stderr, "bgspec set-image: %q is not NAME=IMAGE\n", a)
			return ExitUsage
		}
		if _, dup := images[name]; dup {
			fmt.Fprintf(e.stderr, "bgspec set-image: container %q named twice\n", name)
			return ExitUsage
		}
		images[name] = image
	}
	src, err := readCapped(path)
	if err != nil {
		fmt.Fprintf(e.stderr, "bgspec set-image: %v\n", err)
		return ExitUsage
	}
	td, l := taskdef.Parse(path, src)
	if td == nil || containsFunc(l, lossy) {
		writeText(e.stderr, l.Errors())
		fmt.Fprintf(e.stderr, "bgspec set-image: %s has errors that rewriting would lose; fix them first (nothing written)\n", path)
		return ExitFindings
	}
	if err := taskdef.SetImages(td, images); err != nil {
		fmt.Fprintf(e.stderr, "bgspec set-image: %v (nothing written)\n", err)
		return ExitFindings
	}
	return emit(e, path, td, *write)
}

func runClean(e *env, args []string) int {
	fs := cmdFlags(e, "clean")
	write := fs.Bool("w", false, "replace TASKDEF atomically instead of printing the result")
	if code := parseFlags(fs, args); code >= 0 {
		return code
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return ExitUsage
	}
	path := fs.Arg(0)
	var src []byte
	var err error
	if path == "-" {
		if *write {
			fmt.Fprintln(e.stderr, "bgspec clean: -w needs a file, not standard input")
			return ExitUsage
		}
		src, err = readAllCapped(e.stdin)
	} else {
		src, err = readCapped(path)
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "bgspec clean: %v\n", err)
		return ExitUsage
	}
	td, dropped, l := taskdef.Clean(src)
	if td == nil {
		writeText(e.stderr, l.WithFile(path).Errors())
		fmt.Fprintf(e.stderr, "bgspec clean: %s is not a task definition (nothing written)\n", path)
		return ExitFindings
	}
	if len(dropped) > 0 {
		fmt.Fprintf(e.stderr, "bgspec clean: dropped %d members: %s\n", len(dropped), strings.Join(dropped, " "))
	}
	return emit(e, path, td, *write)
}

func containsFunc(l diag.List, f func(diag.Diagnostic) bool) bool {
	for _, d := range l {
		if f(d) {
			return true
		}
	}
	return false
}
