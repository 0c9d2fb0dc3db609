package revision

import (
	"io"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/bgspec/bgspec/diag"
	"github.com/bgspec/bgspec/internal/source"
)

// Files is a revision held in memory: slash-separated path from the root →
// content. A nil content means the file exists but its bytes were not loaded
// (only its presence matters to the checks, for example inside a docker build
// context). Spec files and Dockerfiles need their content.
type Files map[string][]byte

// Names returns the paths, sorted.
func (f Files) Names() []string {
	out := make([]string, 0, len(f))
	for n := range f {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// maxLoaded caps the bytes read from one spec file or Dockerfile; the spec
// readers report files over their own (smaller) caps.
const maxLoaded = 4 << 20

// wantContent reports whether the checks need the bytes of name.
func (o *options) wantContent(name string) bool {
	switch name {
	case o.buildspec, o.appspec, o.taskdef:
		return true
	}
	return isDockerfile(name)
}

// isDockerfile reports whether a path names a Dockerfile (Dockerfile,
// Dockerfile.prod, app.Dockerfile, Containerfile).
func isDockerfile(name string) bool {
	b := path.Base(name)
	lb := strings.ToLower(b)
	return lb == "dockerfile" || lb == "containerfile" || strings.HasPrefix(lb, "dockerfile.") || strings.HasSuffix(lb, ".dockerfile")
}

// loadFiles reads the bytes the checks need from the tree.
func loadFiles(fsys fs.FS, entries []entry, o *options) Files {
	files := make(Files, len(entries))
	for _, e := range entries {
		files[e.name] = nil
		if !o.wantContent(e.name) {
			continue
		}
		f, err := fsOpener(fsys)(e.name)
		if err != nil {
			continue // the writer reports it
		}
		b, err := io.ReadAll(io.LimitReader(f, maxLoaded+1))
		f.Close()
		if err == nil {
			files[e.name] = b
		}
	}
	return files
}

// namer turns a path inside the revision into the file name diagnostics use:
// "dir/taskdef.json" for a folder, "application.zip:taskdef.json" for a zip.
type namer func(rel string) string

func dirNamer(label string) namer {
	return func(rel string) string {
		if label == "" || label == "." {
			return rel
		}
		return strings.TrimSuffix(label, "/") + "/" + rel
	}
}

func zipNamer(zipName string) namer {
	return func(rel string) string { return zipName + ":" + rel }
}

// checkWith validates the spec files, runs the cross-file checks and, when
// exec (regular file → any executable bit set) is given, checkExec; where
// names the revision in checkExec's messages. Disabled rules are dropped.
func checkWith(files Files, exec map[string]bool, name namer, where string, o *options) diag.List {
	l := validateSpecs(files, name, o)
	docs := parseDocs(files, name, o)
	l = append(l, crossCheck(files, docs, name, o)...)
	if exec != nil {
		l = append(l, checkExec(source.Root(docs.buildspec), exec, where)...)
	}
	return o.enabled(l).Dedupe()
}
