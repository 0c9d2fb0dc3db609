package source

import (
	"encoding/binary"
	"fmt"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/bgspec/bgspec/diag"
)

// Options bound what a reader accepts.
type Options struct {
	// MaxBytes is the size cap; 0 means the reader's default (1 MiB for YAML,
	// 64 KiB for JSON).
	MaxBytes int
	// MaxDepth caps nesting; 0 means 64.
	MaxDepth int
	// AliasBudget caps the number of nodes YAML aliases may expand to; 0
	// means 10,000.
	AliasBudget int
}

// Default caps.
const (
	DefaultYAMLMaxBytes = 1 << 20
	DefaultJSONMaxBytes = 64 << 10
	DefaultMaxDepth     = 64
	DefaultAliasBudget  = 10000
)

func (o Options) withDefaults(maxBytes int) Options {
	if o.MaxBytes <= 0 {
		o.MaxBytes = maxBytes
	}
	if o.MaxDepth <= 0 {
		o.MaxDepth = DefaultMaxDepth
	}
	if o.AliasBudget <= 0 {
		o.AliasBudget = DefaultAliasBudget
	}
	return o
}

// maxEncodingDiags caps the diagnostics one file's encoding problems produce.
const maxEncodingDiags = 10

// prepare checks the size and the encoding of src. It transcodes UTF-16 input
// (with or without BOM) to UTF-8 so that later checks still run, and reports
// it. bomLen is the length of a leading UTF-8 BOM (0 or 3). ok is false when
// the document cannot be read further.
//
// For YAML (format "yaml") it also reports the characters YAML forbids that
// JSON strings allow: DEL, the C1 controls other than NEL, U+FFFE and U+FFFF.
func prepare(file string, src []byte, o Options, format string) (out []byte, bomLen int, l diag.List, ok bool) {
	whole := func(rule, msg string) diag.Diagnostic { return mkdiag(file, Pos{}, "", rule, msg) }
	if len(src) > o.MaxBytes {
		return nil, 0, diag.List{whole(RuleTooLarge, fmt.Sprintf("the file is %d bytes, more than the cap of %d bytes", len(src), o.MaxBytes))}, false
	}
	switch {
	case len(src) >= 4 && (string(src[:4]) == "\x00\x00\xfe\xff" || string(src[:4]) == "\xff\xfe\x00\x00"):
		return nil, 0, diag.List{whole(RuleEncoding, "the file is UTF-32: save it as UTF-8")}, false
	case len(src) >= 2 && (string(src[:2]) == "\xff\xfe" || string(src[:2]) == "\xfe\xff"):
		u, good := fromUTF16(src[2:], src[0] == 0xfe)
		if !good {
			return nil, 0, diag.List{whole(RuleEncoding, "the file is UTF-16 with an incomplete character: save it as UTF-8")}, false
		}
		l = append(l, whole(RuleEncoding, "the file is UTF-16: save it as UTF-8 (AWS reads spec files as UTF-8)"))
		src = u
	case looksUTF16(src):
		u, good := fromUTF16(src, src[0] == 0)
		if good {
			l = append(l, whole(RuleEncoding, "the file is UTF-16 without a byte-order mark: save it as UTF-8"))
			src = u
		}
	}
	if len(src) >= 3 && string(src[:3]) == "\xef\xbb\xbf" {
		bomLen = 3
		l = append(l, mkdiag(file, Pos{Line: 1, Column: 1}, "", RuleBOM, "the file starts with a UTF-8 byte-order mark: save it without BOM"))
	}
	var d *Doc // built on the first problem only
	bad := 0
	yml := format == "yaml"
	for off := bomLen; off < len(src); {
		if c := src[off]; c >= 0x20 && c < 0x7f || c == '\n' || c == '\t' || c == '\r' {
			off++ // fast path: printable ASCII
			continue
		}
		r, size := utf8.DecodeRune(src[off:])
		var msg string
		switch {
		case r == utf8.RuneError && size <= 1:
			msg = fmt.Sprintf("invalid UTF-8 byte 0x%02x: save the file as UTF-8", src[off])
		case r == 0:
			msg = "a NUL byte: spec files are text; remove it"
		case r < 0x20 && r != '\t' && r != '\n' && r != '\r':
			msg = fmt.Sprintf("the control character U+%04X is not allowed: remove it", r)
		case yml && (r == 0x7f || (r >= 0x80 && r <= 0x9f && r != 0x85) || r == 0xfffe || r == 0xffff):
			msg = fmt.Sprintf("the character U+%04X is not allowed in YAML: remove it", r)
		}
		if msg != "" {
			bad++
			if d == nil {
				d = newDoc(file, src, format)
			}
			if bad <= maxEncodingDiags {
				l = append(l, mkdiag(file, d.posAt(off), "", RuleEncoding, msg))
			}
		}
		off += size
	}
	if bad > 0 {
		return src, bomLen, l, false
	}
	return src, bomLen, l, true
}

// looksUTF16 reports whether src looks like BOM-less UTF-16 text: NUL bytes in
// every other position of its first characters.
func looksUTF16(src []byte) bool {
	if len(src) < 4 || len(src)%2 != 0 {
		return false
	}
	n := min(len(src), 64)
	even, odd := 0, 0
	for i := 0; i < n; i += 2 {
		if src[i] == 0 {
			even++
		}
		if src[i+1] == 0 {
			odd++
		}
	}
	half := n / 2
	return (even == half && odd == 0) || (odd == half && even == 0)
}

func fromUTF16(b []byte, bigEndian bool) ([]byte, bool) {
	if len(b)%2 != 0 {
		return nil, false
	}
	u := make([]uint16, len(b)/2)
	for i := range u {
		if bigEndian {
			u[i] = binary.BigEndian.Uint16(b[2*i:])
		} else {
			u[i] = binary.LittleEndian.Uint16(b[2*i:])
		}
	}
	return []byte(string(utf16.Decode(u))), true
}
