package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/bgspec/bgspec/diag"
	"github.com/bgspec/bgspec/revision"
)

func validateZip(path string, opts ...revision.Option) (diag.List, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	return revision.Verify(f, fi.Size(), filepath.ToSlash(path), opts...), nil
}

func runPack(e *env, args []string) int {
	fs := cmdFlags(e, "pack")
	out := fs.String("o", "application.zip", "the zip to write (atomically; outside DIR)")
	force := fs.Bool("force", false, "write the zip even when the spec files or cross-file checks have errors")
	format := fs.String("format", "text", "diagnostics format: text, json or sarif")
	var exclude listFlag
	fs.Var(&exclude, "exclude", "leave out paths matching these globs (comma-separated, repeatable)")
	if code := parseFlags(fs, args); code >= 0 {
		return code
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return ExitUsage
	}
	if !knownFormat(e, "pack", *format) {
		return ExitUsage
	}
	opts := []revision.Option{}
	if *force {
		opts = append(opts, revision.Force())
	}
	if len(exclude) > 0 {
		opts = append(opts, revision.Exclude(exclude...))
	}
	epoch, err := revision.SourceDateEpochFromEnv()
	if err != nil {
		fmt.Fprintf(e.stderr, "bgspec pack: %v\n", err)
		return ExitUsage
	}
	if epoch != nil {
		opts = append(opts, epoch)
	}
	l, err := revision.PackDirContext(e.ctx, fs.Arg(0), *out, opts...)
	w := e.stdout
	if *format == "text" {
		w = e.stderr // text diagnostics go with pack's own messages
	}
	werr := writeFormat(w, *format, l)
	switch {
	case errors.Is(err, revision.ErrRefused):
		fmt.Fprintf(e.stderr, "bgspec pack: refused, %s not written\n", *out)
		return ExitFindings
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		fmt.Fprintf(e.stderr, "bgspec pack: interrupted, %s not written\n", *out)
		return ExitUsage
	case err != nil:
		fmt.Fprintf(e.stderr, "bgspec pack: %v\n", strings.TrimPrefix(err.Error(), "revision: "))
		return ExitUsage
	case werr != nil:
		return ExitUsage
	}
	fmt.Fprintf(e.stderr, "bgspec pack: wrote %s\n", *out)
	return ExitOK
}
