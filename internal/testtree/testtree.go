// Package testtree writes small source trees and crafts zip archives for
// the tests of bgspec and for scripts/gentree.
//
// Every function returns its error instead of failing a test, so that a
// command can use it too; tests wrap it with t.Fatal. The output is
// deterministic: the same arguments write the same files, modes and bytes,
// whatever the umask or the order of a map.
package testtree

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// File creates the file name (a slash-separated path relative to root) and
// its missing parent folders (mode 0755), writes it with fill, and sets its
// permissions to perm whatever the umask. An existing file is truncated.
func File(root, name string, perm fs.FileMode, fill func(w io.Writer) error) error {
	p := filepath.Join(root, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(p, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, perm)
	if err != nil {
		return err
	}
	err = fill(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(p, perm)
	}
	return err
}

// Write writes files (slash-separated path relative to root → content)
// under root with File, in sorted order, stopping at the first error. mode
// gives each file's permissions from its path; nil means 0644 for all.
func Write[T ~string | ~[]byte](root string, files map[string]T, mode func(name string) fs.FileMode) error {
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		perm := fs.FileMode(0o644)
		if mode != nil {
			perm = mode(n)
		}
		body := files[n]
		err := File(root, n, perm, func(w io.Writer) error {
			_, err := w.Write([]byte(body))
			return err
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// Executable returns a mode function for Write: 0755 for a path that ends
// in one of suffixes (".sh", "gradlew"), 0644 for any other.
func Executable(suffixes ...string) func(name string) fs.FileMode {
	return func(name string) fs.FileMode {
		for _, s := range suffixes {
			if strings.HasSuffix(name, s) {
				return 0o755
			}
		}
		return 0o644
	}
}

// Entry is one entry of an archive made by Zip.
type Entry struct {
	// Name is the entry's name, written as given (it may be unsafe).
	Name string
	// Data is the content; with Raw, the bytes stored as they are.
	Data string
	// Mode, when not zero, is set on the entry (fs.ModeSymlink makes a
	// symbolic link whose target is Data).
	Mode fs.FileMode
	// Store keeps the data uncompressed; entries are deflated otherwise.
	Store bool
	// Raw, when set, is written with zip.Writer.CreateRaw: its sizes and
	// CRC are taken as given (a lie is the point), and Name, Mode and Store
	// are not used.
	Raw *zip.FileHeader
}

// Zip returns an archive of entries in the order given, made with
// archive/zip (not with bgspec's packer), so duplicates and unsafe names
// are written as they are.
func Zip(entries ...Entry) ([]byte, error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range entries {
		var w io.Writer
		var err error
		if e.Raw != nil {
			w, err = zw.CreateRaw(e.Raw)
		} else {
			fh := &zip.FileHeader{Name: e.Name, Method: zip.Deflate}
			if e.Store {
				fh.Method = zip.Store
			}
			if e.Mode != 0 {
				fh.SetMode(e.Mode)
			}
			w, err = zw.CreateHeader(fh)
		}
		if err != nil {
			return nil, err
		}
		if _, err := io.WriteString(w, e.Data); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Overlap returns a copy of the archive b in which the central directory
// record of its last entry, which must be named last, points at the local
// header of the entry named target: two entries then share one stream of
// data, as in David Fifield's overlapping-entries zip bomb ("A better zip
// bomb"). b must be a plain archive as Zip makes it (no archive comment, no
// extra fields).
func Overlap(b []byte, target, last string) ([]byte, error) {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return nil, err
	}
	off := int64(-1)
	for _, f := range zr.File {
		if f.Name == target {
			data, err := f.DataOffset()
			if err != nil {
				return nil, err
			}
			off = data - 30 - int64(len(f.Name)) // local header: 30 bytes and the name
		}
	}
	if off < 0 {
		return nil, fmt.Errorf("testtree: no entry %q", target)
	}
	i := bytes.LastIndex(b, []byte("PK\x01\x02"))
	if i < 0 || i+46+len(last) > len(b) || string(b[i+46:i+46+len(last)]) != last {
		return nil, errors.New("testtree: the last central record is not " + last)
	}
	out := bytes.Clone(b)
	binary.LittleEndian.PutUint32(out[i+42:], uint32(off))
	return out, nil
}
