package revision

import (
	"context"
	"fmt"
	"io/fs"
	"path"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/bgspec/bgspec/diag"
)

// entry is one regular file to archive.
type entry struct {
	name string // slash-separated path from the root, the archive name
	size int64
	exec bool
}

// vcsDirs are version-control folders Pack leaves out by default. The seed's
// Jenkins job checks the revision out from Subversion, so .svn matters.
var vcsDirs = map[string]bool{".git": true, ".svn": true, ".hg": true, ".bzr": true, "CVS": true, "_darcs": true}

// walker collects the regular files of a tree and reports everything that
// cannot go into a portable, safe revision.
type walker struct {
	ctx     context.Context // the walk stops when it is done
	fsys    fs.FS
	o       *options
	label   string // prefix of diagnostic file names ("" or the directory)
	skip    func(rel string) bool
	entries []entry
	diags   diag.List
	folded  map[string]string // lower-case NFC form → first path seen
}

func (w *walker) file(rel string) string {
	if w.label == "" || w.label == "." {
		return rel
	}
	return strings.TrimSuffix(w.label, "/") + "/" + rel
}

func (w *walker) report(rel, rule, format string, args ...any) {
	w.diags = append(w.diags, fileDiag(w.file(rel), rule, format, args...))
}

// collect walks the tree from its root. Entries come out sorted by name
// (bytewise), whatever order the file system lists them in.
func collect(ctx context.Context, fsys fs.FS, label string, o *options, skip func(string) bool) ([]entry, diag.List) {
	w := &walker{ctx: ctx, fsys: fsys, o: o, label: label, skip: skip, folded: make(map[string]string)}
	w.dir(".")
	sortEntries(w.entries)
	return w.entries, w.diags
}

func (w *walker) dir(dir string) {
	if w.ctx.Err() != nil {
		return
	}
	list, err := fs.ReadDir(w.fsys, dir)
	if err != nil {
		w.report(dir, RuleUnreadable, "cannot read folder: %v; fix its permissions or exclude it", unwrapPath(err))
		return
	}
	for _, d := range list {
		name := d.Name()
		rel := name
		if dir != "." {
			rel = dir + "/" + name
		}
		if d.IsDir() && vcsDirs[name] && !w.o.keepVCS {
			continue
		}
		if w.excluded(rel, name, d.IsDir()) {
			continue
		}
		msg := badComponent(name)
		if msg == "" && dir == "." && len(name) >= 2 && name[1] == ':' && name[0]|0x20 >= 'a' && name[0]|0x20 <= 'z' {
			// Verify (and extractors) read "C:…" at the root as a drive letter.
			msg = "a top-level name starting with a drive letter is read as an absolute Windows path"
		}
		if msg != "" {
			w.report(rel, RuleInvalidName, "%q: %s; rename it", rel, msg)
			continue
		}
		if w.skip != nil && w.skip(rel) {
			continue
		}
		w.collide(rel)
		switch t := d.Type(); {
		case t.IsDir():
			w.dir(rel)
		case t&fs.ModeSymlink != 0:
			w.symlink(rel)
		case t.IsRegular():
			info, err := d.Info()
			if err != nil {
				w.report(rel, RuleUnreadable, "cannot stat: %v", unwrapPath(err))
				continue
			}
			if !info.Mode().IsRegular() { // replaced since ReadDir
				w.report(rel, RuleSpecialFile, "not a regular file (%s); remove it or exclude it", typeName(info.Mode()))
				continue
			}
			w.entries = append(w.entries, entry{name: rel, size: info.Size(), exec: info.Mode().Perm()&0o111 != 0})
		default:
			w.report(rel, RuleSpecialFile, "not a regular file (%s): opening it could block or read a device; remove it or exclude it", typeName(t))
		}
	}
}

func (w *walker) symlink(rel string) {
	target, err := fs.ReadLink(w.fsys, rel)
	if err != nil {
		w.report(rel, RuleSymlink, "symbolic links are not allowed; replace it with a copy of its target")
		return
	}
	if escapes(rel, target) {
		w.report(rel, RuleSymlinkEscape, "symbolic link to %q leaves the tree; replace it with the file itself", target)
		return
	}
	w.report(rel, RuleSymlink, "symbolic link to %q: links are not allowed in a revision (extraction of link entries is undocumented); replace it with a copy of its target", target)
}

// escapes reports whether a link at rel pointing at target resolves outside
// the root, judged lexically.
func escapes(rel, target string) bool {
	if target == "" || strings.HasPrefix(target, "/") || strings.HasPrefix(target, `\`) ||
		(len(target) >= 2 && target[1] == ':') {
		return true
	}
	depth := strings.Count(rel, "/") // folders above the link
	for _, c := range strings.Split(strings.ReplaceAll(target, `\`, "/"), "/") {
		switch c {
		case "", ".":
		case "..":
			depth--
			if depth < 0 {
				return true
			}
		default:
			depth++
		}
	}
	return false
}

func (w *walker) excluded(rel, base string, isDir bool) bool {
	for _, p := range w.o.excludes {
		dirOnly := strings.HasSuffix(p, "/")
		p = strings.TrimSuffix(p, "/")
		if dirOnly && !isDir {
			continue
		}
		subject := base
		if strings.Contains(p, "/") {
			subject = rel
			p = strings.TrimPrefix(p, "/")
		}
		if ok, _ := path.Match(p, subject); ok {
			return true
		}
	}
	return false
}

// collide reports paths (files or folders) that differ from an earlier one
// only in case or Unicode normalisation.
func (w *walker) collide(rel string) {
	key := foldName(rel)
	if prev, ok := w.folded[key]; ok && prev != rel {
		w.report(rel, RuleCaseCollision, "%q and %q collide on case-insensitive file systems (macOS, Windows); rename one", prev, rel)
		return
	}
	w.folded[key] = rel
}

func foldName(s string) string { return strings.ToLower(norm.NFC.String(s)) }

// badComponent returns why a path component cannot be an archive name, or "".
func badComponent(c string) string {
	switch {
	case !utf8.ValidString(c):
		return "the name is not valid UTF-8"
	case len(c) > 255:
		return fmt.Sprintf("a path component is %d bytes long (max 255)", len(c))
	case strings.ContainsRune(c, '\\'):
		return "the name holds a backslash, which Windows-built tools read as a folder separator"
	case c == "." || c == "..":
		return "the name is a relative folder reference"
	}
	for _, r := range c {
		if r < 0x20 || r == 0x7f {
			return fmt.Sprintf("the name holds the control character %U", r)
		}
	}
	return ""
}

func typeName(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		return "socket"
	case m&fs.ModeCharDevice != 0:
		return "character device"
	case m&fs.ModeDevice != 0:
		return "device"
	case m&fs.ModeIrregular != 0:
		return "irregular file"
	case m&fs.ModeSymlink != 0:
		return "symbolic link"
	}
	return m.Type().String()
}

func unwrapPath(err error) error {
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Err
	}
	return err
}
