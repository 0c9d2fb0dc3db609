// Package bluegreen is the part the bgspec examples share: render the three
// spec files and the CodeDeployToECS action configuration, validate them,
// write them, stage the revision folder (spec files at the root, Docker build
// contexts, REVISION), pack it into application.zip and verify the zip.
//
// Output is deterministic: the same Input always writes the same bytes.
package bluegreen

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/bgspec/bgspec/appspec"
	"github.com/bgspec/bgspec/buildspec"
	"github.com/bgspec/bgspec/diag"
	"github.com/bgspec/bgspec/internal/render"
	"github.com/bgspec/bgspec/revision"
	"github.com/bgspec/bgspec/taskdef"
)

// Output file names, in the order Result.Files lists them.
const (
	BuildspecFile = revision.DefaultBuildspec // buildspec.yml
	AppSpecFile   = revision.DefaultAppSpec   // appspec.yaml
	TaskdefFile   = revision.DefaultTaskdef   // taskdef.json
	ActionFile    = "codedeploy-action.json"
	ZipFile       = "application.zip"
	RevisionFile  = "REVISION"
	// StagingDir is the folder under the output directory where the revision
	// is assembled before it is zipped. Generate owns it: files in it that
	// the revision does not hold are deleted.
	StagingDir = "revision"
)

// Input is what one example generates from.
type Input struct {
	// Out is the output directory.
	Out string
	// TaskDef, AppSpec, Recipe and Action are the four documents.
	TaskDef *taskdef.TaskDefinition
	AppSpec *appspec.AppSpec
	Recipe  buildspec.Recipe
	Action  *revision.Action
	// Context holds the files copied to the revision root next to the spec
	// files (the Docker build contexts), rooted at ContextRoot.
	Context     fs.FS
	ContextRoot string
	// Revision, when not empty, is written to REVISION (what a Jenkins job
	// writes with svnversion before it zips the checkout); one word.
	Revision string
}

// File is one written output file.
type File struct {
	Name string
	Size int
}

// Result is what Generate wrote and found.
type Result struct {
	// Files are the files written to Out, in a fixed order.
	Files []File
	// ZipSHA256 is the hex SHA-256 of application.zip.
	ZipSHA256 string
	// Entries lists the zip's entries, one line each: mode, size, CRC-32 and
	// name, in archive order.
	Entries []string
	// Diagnostics are the findings of every check, sorted, without
	// duplicates.
	Diagnostics diag.List
}

// Generate renders, validates and writes everything (see the package doc).
// The error is for invalid inputs and I/O failures; findings of the checks
// are in Result.Diagnostics, and a pack the checks refuse is an error.
func Generate(in Input) (*Result, error) {
	if in.Out == "" {
		return nil, errors.New("no output directory")
	}
	if in.TaskDef == nil || in.AppSpec == nil || in.Action == nil {
		return nil, errors.New("bluegreen: TaskDef, AppSpec and Action are required")
	}
	if in.Revision != "" && strings.ContainsAny(in.Revision, " \t\r\n") {
		return nil, fmt.Errorf("revision %q: want one word such as 1024", in.Revision)
	}
	bs, err := in.Recipe.Build()
	if err != nil {
		return nil, fmt.Errorf("buildspec recipe: %w", err)
	}

	specs := map[string][]byte{}
	if specs[TaskdefFile], err = taskdef.Marshal(in.TaskDef); err != nil {
		return nil, err
	}
	if specs[AppSpecFile], err = appspec.Marshal(in.AppSpec); err != nil {
		return nil, err
	}
	if specs[BuildspecFile], err = buildspec.Marshal(bs); err != nil {
		return nil, err
	}
	actionJSON, err := in.Action.JSON()
	if err != nil {
		return nil, err
	}

	// Each file on its own.
	var l diag.List
	l = append(l, taskdef.Validate(TaskdefFile, specs[TaskdefFile])...)
	l = append(l, appspec.Validate(AppSpecFile, specs[AppSpecFile], appspec.ForPipeline())...)
	l = append(l, buildspec.Validate(BuildspecFile, specs[BuildspecFile])...)
	l = append(l, in.Action.Validate().WithFile(ActionFile)...)

	// Written atomically; identical files are left untouched.
	if err := os.MkdirAll(in.Out, 0o755); err != nil {
		return nil, err
	}
	if err := taskdef.WriteFile(filepath.Join(in.Out, TaskdefFile), in.TaskDef); err != nil {
		return nil, err
	}
	if err := appspec.WriteFile(filepath.Join(in.Out, AppSpecFile), in.AppSpec); err != nil {
		return nil, err
	}
	if err := buildspec.WriteFile(filepath.Join(in.Out, BuildspecFile), bs); err != nil {
		return nil, err
	}
	if _, err := render.WriteFile(filepath.Join(in.Out, ActionFile), actionJSON, 0o644); err != nil {
		return nil, err
	}

	// The revision: spec files at the root, the build contexts, REVISION.
	tree := map[string][]byte{}
	for name, b := range specs {
		tree[name] = b
	}
	if in.Revision != "" {
		tree[RevisionFile] = []byte(in.Revision + "\n")
	}
	if in.Context != nil {
		root := in.ContextRoot
		if root == "" {
			root = "."
		}
		err := fs.WalkDir(in.Context, root, func(name string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			b, err := fs.ReadFile(in.Context, name)
			if err != nil {
				return err
			}
			rel := name
			if root != "." {
				rel = strings.TrimPrefix(name, root+"/")
			}
			if _, dup := tree[rel]; dup {
				return fmt.Errorf("context file %s would replace a generated file", rel)
			}
			tree[rel] = b
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	staging := filepath.Join(in.Out, StagingDir)
	if err := SyncTree(staging, tree); err != nil {
		return nil, err
	}

	// PackDir runs every check `bgspec validate out/revision` (CheckDir)
	// runs before it writes; then the zip is checked as `bgspec validate
	// application.zip` (Verify) checks it.
	zipPath := filepath.Join(in.Out, ZipFile)
	pl, err := revision.PackDir(staging, zipPath, revision.WithAction(in.Action))
	l = append(l, pl...)
	if err != nil {
		return nil, fmt.Errorf("pack: %w\n%v", err, pl)
	}
	zb, err := os.ReadFile(zipPath)
	if err != nil {
		return nil, err
	}
	l = append(l, revision.Verify(bytes.NewReader(zb), int64(len(zb)), ZipFile, revision.WithAction(in.Action))...)

	r := &Result{Diagnostics: oncePerFinding(l, staging)}
	r.Diagnostics.Sort()
	for _, name := range []string{BuildspecFile, AppSpecFile, TaskdefFile, ActionFile, ZipFile} {
		st, err := os.Stat(filepath.Join(in.Out, name))
		if err != nil {
			return nil, err
		}
		r.Files = append(r.Files, File{Name: name, Size: int(st.Size())})
	}
	sum := sha256.Sum256(zb)
	r.ZipSHA256 = hex.EncodeToString(sum[:])
	if r.Entries, err = ZipEntries(zb); err != nil {
		return nil, err
	}
	return r, nil
}

// oncePerFinding keeps the first report of each finding. The spec files are
// validated three times — on their own (taskdef.json), by PackDir
// (out/revision/taskdef.json) and by Verify (application.zip:taskdef.json) —
// so the same rule at the same place in the same spec file would otherwise
// be listed up to three times.
func oncePerFinding(l diag.List, staging string) diag.List {
	type key struct {
		file, rule, path string
		line, col        int
	}
	seen := map[key]bool{}
	var out diag.List
	for _, d := range l {
		name := strings.TrimPrefix(d.File, ZipFile+":")
		name = strings.TrimPrefix(name, filepath.ToSlash(staging)+"/")
		k := key{name, d.Rule, d.Path, d.Line, d.Column}
		if !seen[k] {
			seen[k] = true
			out = append(out, d)
		}
	}
	return out
}

// Summary prints the files written, the zip's digest and every diagnostic.
func (r *Result) Summary(w io.Writer, out string) {
	fmt.Fprintf(w, "wrote %s (revision packed from %s)\n", out, filepath.Join(out, StagingDir))
	for _, f := range r.Files {
		fmt.Fprintf(w, "  %-24s %7d bytes\n", f.Name, f.Size)
	}
	fmt.Fprintf(w, "  %s: %d entries, sha256 %s\n", ZipFile, len(r.Entries), r.ZipSHA256)
	fmt.Fprintf(w, "diagnostics: %d (%d errors, %d warnings)\n",
		len(r.Diagnostics), len(r.Diagnostics.Errors()), len(r.Diagnostics.Warnings()))
	for _, d := range r.Diagnostics {
		fmt.Fprintf(w, "  %v\n", d.Error())
	}
}

// SyncTree makes dir hold exactly files (slash-separated path → content):
// it writes each file atomically (leaving identical ones untouched) and
// deletes every other file and the folders left empty.
func SyncTree(dir string, files map[string][]byte) error {
	for name, b := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if _, err := render.WriteFile(p, b, 0o644); err != nil {
			return err
		}
	}
	var dirs []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		if d.IsDir() {
			if rel != "." {
				dirs = append(dirs, p)
			}
			return nil
		}
		if _, ok := files[filepath.ToSlash(rel)]; !ok {
			return os.Remove(p)
		}
		return nil
	})
	if err != nil {
		return err
	}
	// A folder sorts before everything under it, so reverse order removes
	// the deepest first; a folder that still holds files stays.
	sort.Sort(sort.Reverse(sort.StringSlice(dirs)))
	for _, d := range dirs {
		if ents, err := os.ReadDir(d); err == nil && len(ents) == 0 {
			if err := os.Remove(d); err != nil {
				return err
			}
		}
	}
	return nil
}

// ZipEntries lists the entries of a zip: mode, uncompressed size, CRC-32 and
// name, one line each, in archive order.
func ZipEntries(b []byte) ([]string, error) {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return nil, err
	}
	var out []string
	for _, f := range zr.File {
		out = append(out, fmt.Sprintf("%v %6d %08x %s", f.Mode(), f.UncompressedSize64, f.CRC32, f.Name))
	}
	return out, nil
}
