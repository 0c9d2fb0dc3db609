package revision

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"

	"github.com/bgspec/bgspec/diag"
)

// ErrRefused is wrapped by the error Pack and PackDir return when the
// diagnostics hold errors and nothing was written.
var ErrRefused = errors.New("revision: pack refused")

// PackDir packs the folder dir into the zip file out for a CodePipeline S3
// source (application.zip).
//
// The tree is read through an os.Root, so nothing outside dir is read. Files
// are added under their slash-separated path from dir, sorted, with a fixed
// time stamp and mode 0644 (0755 when any executable bit is set), so the same
// tree gives the same bytes whatever the mtimes, umask or listing order.
// Version-control folders are left out (see KeepVCS and Exclude); empty
// folders are not stored.
//
// The tree is refused (err wraps ErrRefused, nothing is written, a previous
// out is left untouched) when the diagnostics hold an error: symbolic links,
// special files, invalid or colliding names, spec files that are not at the
// root, or (unless Force) errors in the spec files and the cross-file checks.
// The zip is written to a temporary file beside out and renamed over it, so
// on any failure out is unchanged and no temporary file is left behind.
// Warnings are returned with a nil error.
func PackDir(dir, out string, opts ...Option) (diag.List, error) {
	return PackDirContext(context.Background(), dir, out, opts...)
}

// PackDirContext is [PackDir] with a context: when ctx is cancelled or its
// deadline passes, the walk and the compression stop, the temporary file is
// removed, out is left as it was, and the error wraps ctx.Err().
func PackDirContext(ctx context.Context, dir, out string, opts ...Option) (diag.List, error) {
	o := makeOptions(opts)
	absDir, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	absOut, err := filepath.Abs(out)
	if err != nil {
		return nil, err
	}
	if rel, err := filepath.Rel(absDir, absOut); err == nil && filepath.IsLocal(rel) {
		l := diag.List{fileDiag(filepath.ToSlash(out), RuleOutputInTree, "the output is inside the tree %s it packs; write it outside, e.g. -o %s",
			dir, filepath.ToSlash(filepath.Join(filepath.Dir(absDir), filepath.Base(out))))}
		if !o.disabled[RuleOutputInTree] {
			return l, fmt.Errorf("%w: %s", ErrRefused, l[0].Message)
		}
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("revision: %w", err)
	}
	defer root.Close()
	fsys := root.FS()
	skipOut := func(rel string) bool { // never pack our own output or temp files
		p := filepath.Join(absDir, filepath.FromSlash(rel))
		return p == absOut || strings.HasPrefix(filepath.Base(p), "."+filepath.Base(absOut)+".tmp")
	}
	entries, l, err := prepare(ctx, fsys, dir, o, skipOut)
	if err != nil {
		return l, err
	}

	outDir := filepath.Dir(absOut)
	tmp, err := os.CreateTemp(outDir, "."+filepath.Base(absOut)+".tmp*")
	if err != nil {
		return l, fmt.Errorf("revision: %w", err)
	}
	ok := false
	defer func() {
		if !ok {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	bw := bufio.NewWriterSize(tmp, 256<<10)
	cw := &countWriter{w: bw}
	open, closeDirs := rootOpener(root)
	defer closeDirs()
	if err := writeZip(ctx, cw, open, entries, o, outDir); err != nil {
		return l, fmt.Errorf("revision: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return l, fmt.Errorf("revision: %w", err)
	}
	if err := tmp.Chmod(0o644); err != nil {
		return l, fmt.Errorf("revision: %w", err)
	}
	if o.durable {
		if err := tmp.Sync(); err != nil {
			return l, fmt.Errorf("revision: %w", err)
		}
	}
	if err := tmp.Close(); err != nil {
		return l, fmt.Errorf("revision: %w", err)
	}
	if err := os.Rename(tmp.Name(), absOut); err != nil {
		return l, fmt.Errorf("revision: %w", err)
	}
	ok = true
	if o.durable {
		syncDir(outDir)
	}
	return append(l, sizeDiags(filepath.ToSlash(out), cw.n, o)...).Dedupe(), nil
}

// Pack packs the tree fsys into w, like PackDir but without the atomic file
// handling: when the pack is refused nothing is written to w, but an I/O error
// may leave w holding part of a zip. Large entries are spilled to os.TempDir.
// Symbolic links are detected only when fsys implements fs.ReadLinkFS (os.DirFS
// and os.Root.FS do); an fs.FS that follows links silently cannot be checked.
func Pack(fsys fs.FS, w io.Writer, opts ...Option) (diag.List, error) {
	return PackContext(context.Background(), fsys, w, opts...)
}

// PackContext is [Pack] with a context: when ctx is cancelled or its
// deadline passes, packing stops and the error wraps ctx.Err(); w may then
// hold part of a zip.
func PackContext(ctx context.Context, fsys fs.FS, w io.Writer, opts ...Option) (diag.List, error) {
	o := makeOptions(opts)
	entries, l, err := prepare(ctx, fsys, "", o, nil)
	if err != nil {
		return l, err
	}
	cw := &countWriter{w: w}
	if err := writeZip(ctx, cw, fsOpener(fsys), entries, o, ""); err != nil {
		return l, fmt.Errorf("revision: %w", err)
	}
	return append(l, sizeDiags("application.zip", cw.n, o)...).Dedupe(), nil
}

// prepare walks the tree and runs every check that happens before writing.
// It returns the entries, every diagnostic, and the error that stops the
// pack: one wrapping ctx.Err() when ctx is done (the walk then stops early),
// or one wrapping ErrRefused when a diagnostic refuses the pack.
func prepare(ctx context.Context, fsys fs.FS, label string, o *options, skip func(string) bool) ([]entry, diag.List, error) {
	if err := ctx.Err(); err != nil {
		return nil, nil, fmt.Errorf("revision: %w", err)
	}
	entries, l := collect(ctx, fsys, label, o, skip)
	names := make([]string, len(entries))
	for i, e := range entries {
		names[i] = e.name
	}
	file := label
	if file == "" {
		file = "."
	}
	l = append(l, checkLayout(filepath.ToSlash(file), names, o)...)
	if len(entries) > MaxEntries {
		l = append(l, fileDiag(filepath.ToSlash(file), RuleEntryCount, "%d files; CodePipeline accepts at most %d files in an S3 source object: exclude some", len(entries), MaxEntries))
	}
	l = append(l, deploySizeDiag(file, entries, o)...)
	l = o.enabled(l)
	block := l.Errors()
	if !o.noSpecCheck {
		files := loadFiles(fsys, entries, o)
		exec := make(map[string]bool, len(entries))
		for _, e := range entries {
			exec[e.name] = e.exec
		}
		sl := checkWith(files, exec, dirNamer(label), "the tree", o)
		l = append(l, sl...)
		if !o.force {
			block = append(block, sl.Errors()...)
		}
	}
	if err := ctx.Err(); err != nil {
		return entries, l.Dedupe(), fmt.Errorf("revision: %w", err)
	}
	return entries, l.Dedupe(), refuse(block)
}

// refuse returns an error wrapping ErrRefused when l holds errors.
func refuse(l diag.List) error {
	if n := len(l.Errors()); n > 0 {
		return fmt.Errorf("%w: %d error(s), nothing written", ErrRefused, n)
	}
	return nil
}

// deploySizeDiag checks the CodeDeployToECS 3 MB input artifact limit for
// the files the deploy action reads.
func deploySizeDiag(file string, entries []entry, o *options) diag.List {
	var total int64
	var parts []string
	for _, e := range entries {
		if e.name == o.taskdef || e.name == o.appspec || e.name == ImageDetailFile {
			total += e.size
			parts = append(parts, e.name)
		}
	}
	if total <= MaxDeployArtifact {
		return nil
	}
	return diag.List{fileDiag(filepath.ToSlash(file), RuleDeployArtifactSize, "%s total %d bytes, over the 3 MB (%d bytes) CodeDeployToECS input artifact limit: shrink them",
		strings.Join(parts, " + "), total, MaxDeployArtifact)}
}

func sizeDiags(file string, n int64, o *options) diag.List {
	if n <= MaxS3Source || o.disabled[RuleS3SourceSize] {
		return nil
	}
	return diag.List{fileDiag(file, RuleS3SourceSize, "the zip is %d bytes, over the 5 GB CodePipeline S3 source artifact limit: exclude build outputs or split the revision", n)}
}

func fsOpener(fsys fs.FS) opener {
	return func(name string) (io.ReadCloser, error) {
		f, err := fsys.Open(name)
		if err != nil {
			return nil, err
		}
		return regularFile(f)
	}
}

// regularFile returns the opened f when it is a regular file; otherwise (a
// folder, a device, a pipe swapped in after the walk, or a failed Stat) it
// closes f and returns an error.
func regularFile(f fs.File) (io.ReadCloser, error) {
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	if !st.Mode().IsRegular() {
		f.Close()
		return nil, fmt.Errorf("not a regular file (%s)", typeName(st.Mode()))
	}
	return f, nil
}

// testHookOpen, when set by a test, can fail the opening of a file.
var testHookOpen func(name string) error

// rootOpener opens files through root. It keeps one os.Root per folder, so
// opening app/src/main/java/…/X.java costs one openat instead of one per path
// component; close releases them.
func rootOpener(root *os.Root) (open opener, close func()) {
	var mu sync.Mutex
	dirs := map[string]*os.Root{".": root}
	dirRoot := func(dir string) (*os.Root, error) {
		mu.Lock()
		defer mu.Unlock()
		if r, ok := dirs[dir]; ok {
			return r, nil
		}
		r, err := root.OpenRoot(dir)
		if err != nil {
			return nil, err
		}
		dirs[dir] = r
		return r, nil
	}
	open = func(name string) (io.ReadCloser, error) {
		if testHookOpen != nil {
			if err := testHookOpen(name); err != nil {
				return nil, err
			}
		}
		dir, base := path.Split(name)
		dir = strings.TrimSuffix(dir, "/")
		if dir == "" {
			dir = "."
		}
		r, err := dirRoot(dir)
		if err != nil {
			return nil, err
		}
		f, err := r.OpenFile(base, openFlags, 0)
		if err != nil {
			return nil, err
		}
		return regularFile(f)
	}
	close = func() {
		mu.Lock()
		defer mu.Unlock()
		for d, r := range dirs {
			if d != "." {
				r.Close()
			}
		}
		dirs = map[string]*os.Root{".": root}
	}
	return open, close
}

func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}
