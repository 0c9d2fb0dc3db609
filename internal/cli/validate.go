package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/bgspec/bgspec/diag"
	"github.com/bgspec/bgspec/revision"
)

// kind is one spec-file kind the CLI knows.
type kind struct {
	name     string
	validate func(name string, src []byte) diag.List
	schema   func() []byte
	byName   func(base string) bool // file-name convention
	sniff    func(src []byte) bool  // content heuristic
}

func findKind(name string) *kind {
	for i, k := range kinds() {
		if k.name == name {
			return &kinds()[i]
		}
	}
	return nil
}

func kindNames() []string {
	var out []string
	for _, k := range kinds() {
		out = append(out, k.name)
	}
	return out
}

// detectKind picks the kind of a file: from its name, else from its content.
func detectKind(path string, src []byte) *kind {
	base := strings.ToLower(filepath.Base(path))
	for i, k := range kinds() {
		if k.byName(base) {
			return &kinds()[i]
		}
	}
	for i, k := range kinds() {
		if k.sniff(src) {
			return &kinds()[i]
		}
	}
	return nil
}

// maxRead caps what the CLI reads of one spec file; the readers apply their
// own, smaller caps and report them.
const maxRead = 8 << 20

func readCapped(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readAllCapped(f)
}

func runValidate(e *env, args []string) int {
	fs := cmdFlags(e, "validate")
	format := fs.String("format", "text", "output format: text, json or sarif")
	kindFlag := fs.String("kind", "", "file kind when it cannot be told from the name or content: "+strings.Join(kindNames(), ", "))
	werror := fs.Bool("werror", false, "treat warnings as errors")
	actionFile := fs.String("action", "", "the CodeDeployToECS action configuration (JSON or YAML) the pipeline deploys directories and zips with: validated too, and its template paths, artifacts and Image<N> placeholders are checked against the revision")
	var disable, asError listFlag
	fs.Var(&disable, "disable", "silence these rule ids (comma-separated, repeatable)")
	fs.Var(&asError, "error", "report these rule ids as errors (comma-separated, repeatable)")
	if code := parseFlags(fs, args); code >= 0 {
		return code
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(e.stderr, "bgspec validate: name at least one file, directory or .zip")
		fs.Usage()
		return ExitUsage
	}
	if !knownFormat(e, "validate", *format) {
		return ExitUsage
	}
	var forced *kind
	if *kindFlag != "" {
		if forced = findKind(*kindFlag); forced == nil {
			fmt.Fprintf(e.stderr, "bgspec validate: unknown -kind %q (%s)\n", *kindFlag, strings.Join(kindNames(), ", "))
			return ExitUsage
		}
	}
	for _, id := range slices.Concat(disable, asError) {
		if _, ok := diag.LookupRule(id); !ok {
			fmt.Fprintf(e.stderr, "bgspec validate: unknown rule %q (bgspec rules lists them)\n", id)
			return ExitUsage
		}
	}
	var all diag.List
	var opts []revision.Option
	if *actionFile != "" {
		src, err := readCapped(*actionFile)
		if err != nil {
			fmt.Fprintf(e.stderr, "bgspec validate: %v\n", err)
			return ExitUsage
		}
		a, l := revision.ParseAction(*actionFile, src)
		all = append(all, l...)
		if a != nil {
			opts = append(opts, revision.WithAction(a))
		}
	}
	ioErr := false
	for _, path := range fs.Args() {
		l, err := validatePath(path, forced, opts...)
		if err != nil {
			fmt.Fprintf(e.stderr, "bgspec validate: %v\n", err)
			ioErr = true
			continue
		}
		all = append(all, l...)
	}
	all = adjust(all, disable, asError, *werror)
	err := writeFormat(e.stdout, *format, all)
	switch {
	case err != nil:
		fmt.Fprintf(e.stderr, "bgspec validate: %v\n", err)
		return ExitUsage
	case ioErr:
		return ExitUsage
	case all.HasErrors():
		return ExitFindings
	}
	return ExitOK
}

// adjust drops silenced rules and raises severities as asked.
func adjust(l diag.List, disable, asError []string, werror bool) diag.List {
	out := diag.List{}
	for _, d := range l {
		if slices.Contains(disable, d.Rule) {
			continue
		}
		if werror || slices.Contains(asError, d.Rule) {
			d.Severity = diag.Error
		}
		out = append(out, d)
	}
	out.Sort()
	return out
}

// validatePath validates a file, a revision directory or a zip.
// opts apply to directories and zips.
func validatePath(path string, forced *kind, opts ...revision.Option) (diag.List, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if fi.IsDir() {
		return revision.CheckDir(path, opts...)
	}
	if forced == nil && strings.EqualFold(filepath.Ext(path), ".zip") {
		return validateZip(path, opts...)
	}
	src, err := readCapped(path)
	if err != nil {
		return nil, err
	}
	k := forced
	if k == nil {
		k = detectKind(path, src)
	}
	if k == nil {
		return nil, fmt.Errorf("%s: cannot tell whether this is a %s file: name it like buildspec.yml, appspec.yaml, taskdef.json or codedeploy-action.json, or pass -kind", path, strings.Join(kindNames(), ", "))
	}
	return k.validate(path, src), nil
}

func runSchema(e *env, args []string) int {
	fs := cmdFlags(e, "schema")
	if code := parseFlags(fs, args); code >= 0 {
		return code
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return ExitUsage
	}
	k := findKind(fs.Arg(0))
	if k == nil {
		fmt.Fprintf(e.stderr, "bgspec schema: unknown kind %q (%s)\n", fs.Arg(0), strings.Join(kindNames(), ", "))
		return ExitUsage
	}
	if _, err := e.stdout.Write(k.schema()); err != nil {
		return ExitUsage
	}
	return ExitOK
}
