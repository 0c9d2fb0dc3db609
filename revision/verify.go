package revision

import (
	"archive/zip"
	"errors"
	"hash/crc32"
	"io"
	"io/fs"
	"path"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/bgspec/bgspec/diag"
	"github.com/bgspec/bgspec/internal/source"
)

// Verify checks an application.zip without extracting anything: the archive
// structure (corrupt data, CRC mismatches), unsafe entries (absolute paths,
// ../, drive letters, backslashes, symlinks, duplicates and names that differ
// only in case), zip-bomb caps (entry count, the sum of declared sizes, the
// per-entry compression ratio, overlapping entries), the root layout (spec
// files at the root; one top-level folder holding them is the classic mistake
// and is reported as such), then the contained spec files are validated and
// cross-checked with positions, under file names like
// "application.zip:taskdef.json". name is the archive's display name.
//
// Verify never panics and reads at most the caps set by VerifyLimits.
func Verify(r io.ReaderAt, size int64, name string, opts ...Option) diag.List {
	o := makeOptions(opts)
	v := &verifier{o: o, name: name}
	v.run(r, size)
	return o.enabled(v.l).Dedupe()
}

type verifier struct {
	o    *options
	name string
	l    diag.List
}

func (v *verifier) add(entry, rule, format string, args ...any) {
	file := v.name
	if entry != "" {
		file = v.name + ":" + printable(entry)
	}
	v.l = append(v.l, fileDiag(file, rule, format, args...))
}

func (v *verifier) run(r io.ReaderAt, size int64) {
	zr, err := zip.NewReader(r, size)
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) {
		v.add("", RuleZipCorrupt, "not a readable zip archive (%v): rebuild it (bgspec pack)", err)
		return
	}
	if n := len(zr.File); n > v.o.maxEntries {
		v.add("", RuleEntryCount, "%d entries, more than the cap of %d (CodePipeline: 100,000 files per S3 source object)", n, v.o.maxEntries)
		return
	}
	var (
		names   []string // regular files
		total   uint64
		bomb    bool
		seen    = map[string]bool{}
		folded  = map[string]string{}
		regular []*zip.File
	)
	for _, f := range zr.File {
		n := f.Name
		if !v.checkName(f) {
			continue
		}
		if seen[n] {
			v.add(n, RuleZipDuplicate, "the entry %q appears more than once: which copy is extracted depends on the tool; keep one", printable(n))
			continue
		}
		seen[n] = true
		key := foldName(strings.TrimSuffix(n, "/"))
		if prev, ok := folded[key]; ok {
			v.add(n, RuleZipDuplicate, "%q and %q differ only in case or Unicode normalisation and collide on case-insensitive file systems: rename one", prev, n)
		} else {
			folded[key] = n
		}
		mode := f.Mode()
		switch {
		case mode&fs.ModeSymlink != 0:
			v.add(n, RuleZipSymlink, "the entry is a symbolic link: store the file itself (bgspec pack refuses links)")
			continue
		case strings.HasSuffix(n, "/") || mode.IsDir():
			continue
		case mode&(fs.ModeNamedPipe|fs.ModeSocket|fs.ModeDevice|fs.ModeCharDevice|fs.ModeIrregular) != 0:
			v.add(n, RuleZipSymlink, "the entry is not a regular file (%s): store regular files only", typeName(mode))
			continue
		}
		total += f.UncompressedSize64
		if f.CompressedSize64 > 0 && f.UncompressedSize64/f.CompressedSize64 > v.o.maxRatio ||
			f.CompressedSize64 == 0 && f.UncompressedSize64 > 0 && f.Method != zip.Store {
			v.add(n, RuleZipBomb, "declares %d bytes from %d compressed (ratio over %d:1): a crafted or bomb entry", f.UncompressedSize64, f.CompressedSize64, v.o.maxRatio)
			bomb = true
		}
		names = append(names, n)
		regular = append(regular, f)
	}
	if total > v.o.maxTotal {
		v.add("", RuleZipBomb, "the entries declare %d bytes uncompressed, more than the cap of %d", total, v.o.maxTotal)
		bomb = true
	}
	if v.overlaps(zr.File, size) {
		bomb = true
	}
	if !bomb {
		for _, f := range regular {
			v.checkData(f)
		}
	}
	v.l = append(v.l, checkLayout(v.name, names, v.o)...)

	if v.o.noSpecCheck {
		return
	}
	files := make(Files, len(names))
	for _, f := range regular {
		files[f.Name] = nil
		if bomb || !v.o.wantContent(f.Name) || f.UncompressedSize64 > maxLoaded {
			continue
		}
		if b, err := readEntry(f); err == nil {
			files[f.Name] = b
		}
	}
	exec := make(map[string]bool, len(regular))
	for _, f := range regular {
		exec[f.Name] = f.Mode().Perm()&0o111 != 0
	}
	v.l = append(v.l, checkWith(files, exec, zipNamer(v.name), v.name, v.o)...)
}

// checkName reports unsafe or unportable entry names; false means the entry
// is not looked at further.
func (v *verifier) checkName(f *zip.File) bool {
	n := f.Name
	switch {
	case n == "":
		v.add("", RuleZipName, "an entry has an empty name: rebuild the archive")
		return false
	case !utf8.ValidString(n):
		v.add(n, RuleZipName, "the entry name is not valid UTF-8: rename it")
		return false
	case strings.ContainsRune(n, '\\'):
		v.add(n, RuleZipTraversal, "the entry name holds a backslash (made on Windows?): extractors treat it as a folder separator or part of the name; rebuild with forward slashes")
		return false
	case strings.HasPrefix(n, "/"):
		v.add(n, RuleZipTraversal, "absolute entry name: it would be extracted outside the target folder; store it relative to the root")
		return false
	case len(n) >= 2 && n[1] == ':' && (n[0]|0x20 >= 'a' && n[0]|0x20 <= 'z'):
		v.add(n, RuleZipTraversal, "the entry name starts with a drive letter: store it relative to the root")
		return false
	}
	for _, c := range strings.Split(strings.TrimSuffix(n, "/"), "/") {
		if c == ".." {
			v.add(n, RuleZipTraversal, "the entry name holds ../ and would be extracted outside the target folder (zip slip): store it relative to the root")
			return false
		}
		if c == "" || c == "." {
			v.add(n, RuleZipName, "the entry name has an empty or . component: store a clean relative path")
			return false
		}
	}
	for _, r := range n {
		if r < 0x20 || r == 0x7f {
			v.add(n, RuleZipName, "the entry name holds the control character %U: rename it", r)
			return false
		}
	}
	return true
}

// overlaps reports entries whose data overlaps another's or lies outside the
// archive (the construction of overlapping zip bombs).
func (v *verifier) overlaps(fl []*zip.File, size int64) bool {
	type span struct {
		start, end int64
		name       string
	}
	var spans []span
	for _, f := range fl {
		off, err := f.DataOffset()
		if err != nil {
			v.add(f.Name, RuleZipCorrupt, "the local header cannot be read (%v): rebuild the archive", err)
			return true
		}
		end := off + int64(f.CompressedSize64)
		if f.CompressedSize64 > uint64(size) || end > size || end < off {
			v.add(f.Name, RuleZipCorrupt, "the entry's data runs past the end of the archive (truncated?): rebuild it")
			return true
		}
		spans = append(spans, span{off, end, f.Name})
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i].start < spans[j].start })
	for i := 1; i < len(spans); i++ {
		if spans[i].start < spans[i-1].end {
			v.add(spans[i].name, RuleZipBomb, "the entry's data overlaps %q: overlapping entries are a zip-bomb construction", printable(spans[i-1].name))
			return true
		}
	}
	return false
}

// checkData decompresses an entry to nowhere and checks its CRC and size.
func (v *verifier) checkData(f *zip.File) {
	if f.Method != zip.Store && f.Method != zip.Deflate {
		v.add(f.Name, RuleZipCorrupt, "compression method %d is not supported by CodePipeline's extractor: use deflate or store", f.Method)
		return
	}
	rc, err := f.Open()
	if err != nil {
		v.add(f.Name, RuleZipCorrupt, "cannot open the entry (%v): rebuild the archive", err)
		return
	}
	defer rc.Close()
	h := crc32.NewIEEE()
	n, err := io.Copy(h, io.LimitReader(rc, int64(f.UncompressedSize64)+1))
	if err != nil {
		v.add(f.Name, RuleZipCorrupt, "corrupt data (%v): rebuild the archive", err)
		return
	}
	if uint64(n) != f.UncompressedSize64 || h.Sum32() != f.CRC32 {
		v.add(f.Name, RuleZipCorrupt, "the data does not match the declared size or CRC: rebuild the archive")
	}
}

func readEntry(f *zip.File) ([]byte, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	return io.ReadAll(io.LimitReader(rc, maxLoaded+1))
}

// checkExec warns about scripts the buildspec bs runs as ./path that the
// revision stores without an executable bit. exec maps regular files to
// whether any executable bit is set; where names the revision in messages.
func checkExec(bs source.Node, exec map[string]bool, where string) diag.List {
	if !bs.OK() {
		return nil
	}
	var l diag.List
	for _, c := range buildCommands(bs) {
		s, _ := c.Str()
		for _, part := range splitShell(s) {
			args := strings.Fields(part)
			if len(args) == 0 || !strings.HasPrefix(args[0], "./") {
				continue
			}
			p := path.Clean(args[0])
			if x, ok := exec[p]; ok && !x {
				l = append(l, c.Diag(RuleNotExecutable, "%s is run as %s but %s has it without the executable bit: CodeBuild fails with Permission denied; chmod +x it (packed as mode 0755), or run it as sh %s",
					p, args[0], where, p))
			}
		}
	}
	return l
}

func printable(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	return strings.ToValidUTF8(s, "\uFFFD")
}
