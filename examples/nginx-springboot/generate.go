package main

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
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

// contextFS holds the Docker build contexts nginx/ and app/ (real files in
// context/ next to this source), embedded so the example runs from any
// working directory.
//
//go:embed context
var contextFS embed.FS

// Output file names, in the order the summary lists them.
const (
	buildspecFile = revision.DefaultBuildspec // buildspec.yml
	appspecFile   = revision.DefaultAppSpec   // appspec.yaml
	taskdefFile   = revision.DefaultTaskdef   // taskdef.json
	actionFile    = "codedeploy-action.json"
	zipFile       = "application.zip"
	revisionFile  = "REVISION"
	// stagingDir is the folder under the output directory where the revision
	// is assembled before it is zipped. The generator owns it: files in it
	// that the revision does not hold are deleted.
	stagingDir = "revision"
)

// params are the inputs of one generation.
type params struct {
	// Out is the output directory.
	Out string
	// Revision is what the Jenkins job writes to REVISION (svnversion); it
	// becomes the image tag.
	Revision string
	// InstanceType, Instances and DesiredCount describe the cluster and the
	// service for the ENI capacity check.
	InstanceType string
	Instances    int
	DesiredCount int
}

func defaultParams() params {
	return params{Out: "out", Revision: "1024", InstanceType: "c5.xlarge", Instances: 3, DesiredCount: 3}
}

// file is one written output file.
type file struct {
	Name string
	Size int
}

// result is what generate wrote and found.
type result struct {
	// Files are the files written to Out, in summary order.
	Files []file
	// ZipSHA256 is the hex SHA-256 of application.zip.
	ZipSHA256 string
	// Entries are the zip's entries, one line each: mode, size, CRC-32, name.
	Entries []string
	// Diagnostics are every finding of every check, sorted and deduplicated.
	Diagnostics diag.List
	// Capacity is the ENI check without and with awsvpc trunking.
	Capacity []revision.Capacity
}

// generate builds the spec files from Go values, validates them, writes
// them to p.Out, stages the revision (spec files, REVISION, nginx/ and app/)
// under p.Out/revision, packs it into p.Out/application.zip and verifies the
// zip. It returns an error for I/O failures and for invalid inputs; findings
// of the checks are in result.Diagnostics.
func generate(p params) (*result, error) {
	if p.Out == "" {
		return nil, errors.New("no output directory")
	}
	if strings.TrimSpace(p.Revision) == "" || strings.ContainsAny(p.Revision, " \t\r\n") {
		return nil, fmt.Errorf("revision %q: want one word such as 1024", p.Revision)
	}

	// 1. Build the values.
	td := taskDefinition()
	as := appSpec()
	rc := recipe()
	bs, err := rc.Build()
	if err != nil {
		return nil, fmt.Errorf("buildspec recipe: %w", err)
	}
	act := action(rc)

	// 2. Render them.
	specs := map[string][]byte{}
	if specs[taskdefFile], err = taskdef.Marshal(td); err != nil {
		return nil, err
	}
	if specs[appspecFile], err = appspec.Marshal(as); err != nil {
		return nil, err
	}
	if specs[buildspecFile], err = buildspec.Marshal(bs); err != nil {
		return nil, err
	}
	actionJSON, err := act.JSON()
	if err != nil {
		return nil, err
	}

	// 3. Validate each file on its own.
	var l diag.List
	l = append(l, taskdef.Validate(taskdefFile, specs[taskdefFile])...)
	l = append(l, appspec.Validate(appspecFile, specs[appspecFile], appspec.ForPipeline())...)
	l = append(l, buildspec.Validate(buildspecFile, specs[buildspecFile])...)
	l = append(l, act.Validate().WithFile(actionFile)...)

	// 4. Write them (atomic; identical files are left untouched).
	if err := os.MkdirAll(p.Out, 0o755); err != nil {
		return nil, err
	}
	if err := taskdef.WriteFile(filepath.Join(p.Out, taskdefFile), td); err != nil {
		return nil, err
	}
	if err := appspec.WriteFile(filepath.Join(p.Out, appspecFile), as); err != nil {
		return nil, err
	}
	if err := buildspec.WriteFile(filepath.Join(p.Out, buildspecFile), bs); err != nil {
		return nil, err
	}
	if _, err := render.WriteFile(filepath.Join(p.Out, actionFile), actionJSON, 0o644); err != nil {
		return nil, err
	}

	// 5. Stage the revision: what the Jenkins job checks out of Subversion
	// and zips, spec files at the root.
	tree := map[string][]byte{revisionFile: []byte(p.Revision + "\n")}
	for name, b := range specs {
		tree[name] = b
	}
	if err := fs.WalkDir(contextFS, "context", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := contextFS.ReadFile(name)
		tree[strings.TrimPrefix(name, "context/")] = b
		return err
	}); err != nil {
		return nil, err
	}
	staging := filepath.Join(p.Out, stagingDir)
	if err := syncTree(staging, tree); err != nil {
		return nil, err
	}

	// 6. Check the staged folder as `bgspec validate out/revision` does,
	// then pack and verify the zip as `bgspec validate application.zip` does.
	dl, err := revision.CheckDir(staging, revision.WithAction(act))
	if err != nil {
		return nil, err
	}
	l = append(l, dl...)
	zipPath := filepath.Join(p.Out, zipFile)
	pl, err := revision.PackDir(staging, zipPath, revision.WithAction(act))
	l = append(l, pl...)
	if err != nil {
		return nil, fmt.Errorf("pack: %w\n%v", err, pl)
	}
	zb, err := os.ReadFile(zipPath)
	if err != nil {
		return nil, err
	}
	l = append(l, revision.Verify(bytes.NewReader(zb), int64(len(zb)), zipFile, revision.WithAction(act))...)

	r := &result{Diagnostics: l.Dedupe()}
	r.Diagnostics.Sort()
	for _, name := range []string{buildspecFile, appspecFile, taskdefFile, actionFile, zipFile} {
		st, err := os.Stat(filepath.Join(p.Out, name))
		if err != nil {
			return nil, err
		}
		r.Files = append(r.Files, file{Name: name, Size: int(st.Size())})
	}
	sum := sha256.Sum256(zb)
	r.ZipSHA256 = hex.EncodeToString(sum[:])
	if r.Entries, err = zipEntries(zb); err != nil {
		return nil, err
	}

	// 7. During a blue/green deployment the blue and the green task sets run
	// side by side, each awsvpc task with its own ENI.
	for _, trunking := range []bool{false, true} {
		c, err := revision.ENICapacity(p.InstanceType, p.Instances, p.DesiredCount, trunking)
		if err != nil {
			return nil, err
		}
		r.Capacity = append(r.Capacity, c)
	}
	return r, nil
}

// syncTree makes dir hold exactly files (slash-separated path → content):
// it writes each file atomically (leaving identical ones untouched) and
// deletes every other file and the folders left empty.
func syncTree(dir string, files map[string][]byte) error {
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
	// Deepest first; a folder that still holds files stays.
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

// zipEntries lists the entries of a zip: mode, uncompressed size, CRC-32 and
// name, one line each, in archive order.
func zipEntries(b []byte) ([]string, error) {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return nil, err
	}
	var out []string
	for _, f := range zr.File {
		out = append(out, fmt.Sprintf("%v %6d %08x %s", f.Mode(), f.UncompressedSize64, f.CRC32, path.Clean(f.Name)))
	}
	return out, nil
}
