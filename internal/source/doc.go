// Package source reads untrusted YAML and JSON documents into plain JSON-like
// values while keeping the position of every key and value, so that every
// later check can report file:line:col and a JSON pointer.
//
// Values are map[string]any, []any, string, json.Number (the literal text of
// the number, so "0.2" and "0.0" survive), bool and nil: exactly what the
// JSON Schema engine accepts.
//
// Both readers report every problem they can as a positioned diag.Diagnostic
// and never panic: size and depth caps, duplicate keys, invalid encodings,
// trailing data, and for YAML aliases (expanded under a budget, with cycle
// detection), merge keys, tags and NaN/Inf.
package source

import (
	"bytes"
	"fmt"
	"math"
	"sort"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"github.com/bgspec/bgspec/diag"
)

// Pos is a position in a source file. Line and Column are 1-based (Column
// counts bytes); Offset is the 0-based byte offset. The zero Pos means "the
// whole file".
type Pos struct {
	Line, Column, Offset int
}

// span records where one member of the document is, as byte offsets into
// Src (-1: none). Positions are computed from offsets only when asked for, so
// a parse that reports nothing never needs the line table.
type span struct {
	key   int32 // offset of the mapping key; -1 for array elements and the root
	value int32 // offset of the value; -1 if unknown
}

// Doc is a parsed document: its value and a JSON pointer → position index.
type Doc struct {
	// File is the name used in diagnostics.
	File string
	// Src is the source as read (after transcoding UTF-16 to UTF-8, if any).
	Src []byte
	// Value is the document as a JSON-like value. It is nil when the
	// document could not be read at all.
	Value any
	// Format is "yaml" or "json".
	Format string

	index  map[string]span
	parsed bool // the reader produced Value (possibly nil, for a JSON null)
	// lazy, if set, builds index on first use (see idx).
	lazy     func()
	lazyOnce sync.Once
	lines    atomic.Pointer[[]int] // byte offset of the start of every line, built on first use
	bom      int                   // length of a leading UTF-8 byte-order mark (0 or 3)

	// runeCols maps a line that holds non-ASCII bytes to the byte offset of
	// every runeStep-th rune, so that converting go-yaml's rune columns costs
	// O(runeStep) per node even on a megabyte-long line. lineASCII records,
	// per line, whether it was checked (1: ASCII, 2: not); an all-ASCII
	// source (asciiSrc 1) needs neither. Used while parsing only.
	runeCols  map[int][]int
	lineASCII []uint8
	asciiSrc  uint8 // 0 unknown, 1 all ASCII, 2 not
}

const runeStep = 64

func newDoc(file string, src []byte, format string) *Doc {
	d := &Doc{File: file, Src: src, Format: format} // index: allocated on first use
	if len(src) >= 3 && src[0] == 0xef && src[1] == 0xbb && src[2] == 0xbf {
		d.bom = 3
	}
	return d
}

// lineTab returns the line table, building it on first use.
func (d *Doc) lineTab() []int {
	if p := d.lines.Load(); p != nil {
		return *p
	}
	l := lineStarts(d.Src, d.Format == "yaml")
	d.lines.CompareAndSwap(nil, &l)
	return *d.lines.Load()
}

// lineStarts returns the byte offset of the start of every line. JSON lines
// end at LF (so CRLF counts once). YAML lines end where go-yaml's do, so that
// node positions map back to the right line: at LF, CRLF, a lone CR, and the
// YAML 1.1 breaks NEL (U+0085), LS (U+2028) and PS (U+2029).
func lineStarts(src []byte, yamlBreaks bool) []int {
	n := 1 + bytes.Count(src, []byte{'\n'})
	if !yamlBreaks {
		lines := make([]int, 1, n)
		for i := 0; ; {
			j := bytes.IndexByte(src[i:], '\n')
			if j < 0 {
				return lines
			}
			i += j + 1
			lines = append(lines, i)
		}
	}
	lines := make([]int, 1, n)
	for i := 0; i < len(src); i++ {
		switch c := src[i]; {
		case c == '\n':
			lines = append(lines, i+1)
		case c == '\r':
			if i+1 < len(src) && src[i+1] == '\n' {
				i++
			}
			lines = append(lines, i+1)
		case c == 0xc2 && i+1 < len(src) && src[i+1] == 0x85:
			i++
			lines = append(lines, i+1)
		case c == 0xe2 && i+2 < len(src) && src[i+1] == 0x80 && (src[i+2] == 0xa8 || src[i+2] == 0xa9):
			i += 2
			lines = append(lines, i+1)
		}
	}
	return lines
}

// PosAt converts a byte offset in Src into a Pos, counting lines the way the
// document's reader does (for YAML: LF, CRLF, a lone CR, NEL, LS, PS).
func (d *Doc) PosAt(off int) Pos { return d.posAt(off) }

// posAt converts a byte offset into a Pos.
func (d *Doc) posAt(off int) Pos {
	lines := d.lineTab()
	off = max(0, min(off, len(d.Src)))
	// Binary search for the last line starting at or before off.
	lo, hi := 0, len(lines)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if lines[m] <= off {
			lo = m + 1
		} else {
			hi = m
		}
	}
	i := lo - 1
	return Pos{Line: i + 1, Column: off - lines[i] + 1, Offset: off}
}

// lineEnd returns the offset just after the last byte of the 1-based line,
// its line break included.
func (d *Doc) lineEnd(line int) int {
	if lines := d.lineTab(); line < len(lines) {
		return lines[line]
	}
	return len(d.Src)
}

// lineCol converts a 1-based line and 1-based rune column (as go-yaml reports
// them) into a byte-based Pos. go-yaml does not count a leading byte-order
// mark, so on line 1 columns start after it.
func (d *Doc) lineCol(line, runeCol int) Pos {
	lines := d.lineTab()
	if line < 1 || runeCol < 1 {
		return Pos{}
	}
	line = min(line, len(lines))
	start, end := lines[line-1], d.lineEnd(line)
	if line == 1 {
		start += d.bom
	}
	off := start
	if runeCol > 1 {
		cols := d.checkpoints(lines, line, start, end)
		if cols == nil { // an ASCII line: one byte per rune
			off = min(start+runeCol-1, end)
		} else {
			i := min((runeCol-1)/runeStep, len(cols)-1)
			off = cols[i]
			for n := i * runeStep; n < runeCol-1 && off < end; n++ {
				_, size := utf8.DecodeRune(d.Src[off:end])
				off += size
			}
		}
	}
	return Pos{Line: line, Column: off - lines[line-1] + 1, Offset: off}
}

// checkpoints returns the rune checkpoints of the 1-based line spanning
// src[start:end], or nil for an ASCII line. Only non-ASCII lines are kept in
// a map: a megabyte of short ASCII lines costs one byte of state per line.
func (d *Doc) checkpoints(lines []int, line, start, end int) []int {
	if d.asciiSrc == 0 {
		d.asciiSrc = 1
		for _, c := range d.Src {
			if c >= utf8.RuneSelf {
				d.asciiSrc = 2
				break
			}
		}
	}
	if d.asciiSrc == 1 {
		return nil
	}
	if d.lineASCII == nil {
		d.lineASCII = make([]uint8, len(lines)+1)
	}
	switch d.lineASCII[line] {
	case 1:
		return nil
	case 2:
		return d.runeCols[line]
	}
	cols := runeCheckpoints(d.Src[start:end], start)
	if cols == nil {
		d.lineASCII[line] = 1
		return nil
	}
	d.lineASCII[line] = 2
	if d.runeCols == nil {
		d.runeCols = make(map[int][]int)
	}
	d.runeCols[line] = cols
	return cols
}

// runeCheckpoints returns the offset (base + index in b) of every
// runeStep-th rune of b, or nil if b is ASCII.
func runeCheckpoints(b []byte, base int) []int {
	ascii := true
	for _, c := range b {
		if c >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return nil
	}
	cols := []int{base}
	for i, n := 0, 0; i < len(b); n++ {
		if n > 0 && n%runeStep == 0 {
			cols = append(cols, base+i)
		}
		_, size := utf8.DecodeRune(b[i:])
		i += size
	}
	return cols
}

// Parsed reports whether the reader read the document into Value (which may
// then be nil, for a JSON null). It is false when a size cap, an encoding
// problem, a syntax error or an empty document stopped the reader; later
// passes (schema, rules) then have nothing to check.
func (d *Doc) Parsed() bool { return d != nil && d.parsed }

// idx returns the position index, building it first if the reader left
// that for later. Safe for concurrent use.
func (d *Doc) idx() map[string]span {
	if d.lazy != nil {
		d.lazyOnce.Do(d.lazy)
	}
	return d.index
}

// Has reports whether ptr names a member of the document.
func (d *Doc) Has(ptr string) bool {
	_, ok := d.idx()[ptr]
	return ok
}

// ValuePos returns the position of the value at ptr. When ptr is not in the
// document (a missing member), it returns the position of the nearest
// ancestor that is.
func (d *Doc) ValuePos(ptr string) Pos {
	for {
		if s, ok := d.idx()[ptr]; ok {
			if s.value < 0 {
				return Pos{}
			}
			return d.posAt(int(s.value))
		}
		if ptr == "" {
			return Pos{}
		}
		ptr = parent(ptr)
	}
}

// KeyPos returns the position of the mapping key at ptr; for array elements,
// the root and missing members it falls back to ValuePos.
func (d *Doc) KeyPos(ptr string) Pos {
	if s, ok := d.idx()[ptr]; ok && s.key >= 0 {
		return d.posAt(int(s.key))
	}
	return d.ValuePos(ptr)
}

// Pointers returns every pointer in the index, sorted by position.
func (d *Doc) Pointers() []string {
	index := d.idx()
	out := make([]string, 0, len(index))
	for p := range index {
		out = append(out, p)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := d.KeyPos(out[i]), d.KeyPos(out[j])
		if a.Offset != b.Offset {
			return a.Offset < b.Offset
		}
		return out[i] < out[j]
	})
	return out
}

// InBounds reports whether p lies inside the document (or is the zero Pos).
func (d *Doc) InBounds(p Pos) bool {
	if p.Line == 0 {
		return p.Column == 0
	}
	return p.Line <= len(d.lineTab()) && p.Offset <= len(d.Src) && p.Column >= 1
}

func parent(ptr string) string {
	for i := len(ptr) - 1; i >= 0; i-- {
		if ptr[i] == '/' {
			return ptr[:i]
		}
	}
	return ""
}

// set indexes ptr at the given key and value positions (a zero Pos: none).
// The first position recorded for a pointer wins.
func (d *Doc) set(ptr string, key, value Pos) {
	k, v := -1, -1
	if key.Line > 0 {
		k = key.Offset
	}
	if value.Line > 0 {
		v = value.Offset
	}
	d.setOff(ptr, k, v)
}

// setOff indexes ptr at byte offsets (-1: none), like set without the cost of
// computing line and column.
func (d *Doc) setOff(ptr string, key, value int) {
	if d.index == nil {
		d.index = make(map[string]span, min(len(d.Src)/16+8, 4096))
	}
	if _, ok := d.index[ptr]; !ok {
		d.index[ptr] = span{key: offset32(key), value: offset32(value)}
	}
}

func offset32(off int) int32 {
	if off < 0 || off > math.MaxInt32 {
		return -1
	}
	return int32(off)
}

// Diag builds a diagnostic at the value of ptr, with the rule's registered
// severity.
func (d *Doc) Diag(ptr, rule, format string, args ...any) diag.Diagnostic {
	return d.at(d.ValuePos(ptr), ptr, rule, format, args...)
}

// KeyDiag builds a diagnostic at the key of ptr, with the rule's registered
// severity.
func (d *Doc) KeyDiag(ptr, rule, format string, args ...any) diag.Diagnostic {
	return d.at(d.KeyPos(ptr), ptr, rule, format, args...)
}

func (d *Doc) at(p Pos, ptr, rule, format string, args ...any) diag.Diagnostic {
	return mkdiag(d.File, p, ptr, rule, fmt.Sprintf(format, args...))
}

func mkdiag(file string, p Pos, ptr, rule, msg string) diag.Diagnostic {
	sev := diag.Error
	if r, ok := diag.LookupRule(rule); ok {
		sev = r.Severity
	}
	return diag.Diagnostic{File: file, Line: p.Line, Column: p.Column, Path: ptr, Rule: rule, Severity: sev, Message: msg}
}

// Reporter collects diagnostics against one document. A nil *Doc is allowed:
// diagnostics then carry no position.
type Reporter struct {
	Doc  *Doc
	List diag.List
	// Disabled rule ids are dropped.
	Disabled map[string]bool

	count   map[string]int             // reports per rule (At, AtKey, Add)
	skipped map[string]diag.Diagnostic // first report past diag.MaxPerRule, per rule
}

// report records a problem of rule at path, positioned at the value of at
// (at its key, with key). Past
// diag.MaxPerRule reports of a rule only the first is kept, unformatted and
// without path, for Result's summary, so a hostile file with tens of
// thousands of identical mistakes costs neither the formatting nor the
// memory of every diagnostic.
func (r *Reporter) report(at, path, rule string, key bool, format string, args ...any) {
	if r.Disabled[rule] {
		return
	}
	over := r.count1(rule)
	if _, done := r.skipped[rule]; over && done {
		return
	}
	p := Pos{}
	if r.Doc != nil {
		if key {
			p = r.Doc.KeyPos(at)
		} else {
			p = r.Doc.ValuePos(at)
		}
	}
	if over {
		r.skip(mkdiag(fileOf(r.Doc), p, "", rule, ""))
		return
	}
	r.List = append(r.List, mkdiag(fileOf(r.Doc), p, path, rule, fmt.Sprintf(format, args...)))
}

// count1 counts one report of rule and says whether it is past the cap.
func (r *Reporter) count1(rule string) bool {
	if r.count == nil {
		r.count = map[string]int{}
	}
	r.count[rule]++
	return r.count[rule] > diag.MaxPerRule
}

// skip records d (path and message cleared) as the first report of its
// rule past the cap, unless one is recorded already.
func (r *Reporter) skip(d diag.Diagnostic) {
	if _, ok := r.skipped[d.Rule]; ok {
		return
	}
	if r.skipped == nil {
		r.skipped = map[string]diag.Diagnostic{}
	}
	d.Path, d.Message = "", ""
	r.skipped[d.Rule] = d
}

func fileOf(d *Doc) string {
	if d == nil {
		return ""
	}
	return d.File
}

// Result returns every diagnostic reported, sorted, deduplicated, limited to
// diag.MaxPerRule per rule and file (with a summary diagnostic for each rule
// that had more) and with access key ids redacted.
func (r *Reporter) Result() diag.List {
	l := r.List.Limit(diag.MaxPerRule)
	for rule, d := range r.skipped {
		d.Message = fmt.Sprintf("%d more %s diagnostics in this file are not shown", r.count[rule]-diag.MaxPerRule, rule)
		l = append(l, d)
	}
	l.Sort()
	return l.Redacted()
}

// At reports a problem at the value of ptr.
func (r *Reporter) At(ptr, rule, format string, args ...any) {
	r.report(ptr, ptr, rule, false, format, args...)
}

// AtKey reports a problem at the key of ptr.
func (r *Reporter) AtKey(ptr, rule, format string, args ...any) {
	r.report(ptr, ptr, rule, true, format, args...)
}

// AtMissing reports a member that should be there and is not: the
// diagnostic's path is ptr, its position the key of the object that lacks
// it (ptr's parent), where the member would be written.
func (r *Reporter) AtMissing(ptr, rule, format string, args ...any) {
	r.report(parent(ptr), ptr, rule, true, format, args...)
}

// AddFrom appends what another reporter on the same document collected,
// with the counts of reports it left out past diag.MaxPerRule. Its
// diagnostics pass through Add, so the cap holds across both reporters and
// Result gives one summary per rule; rules disabled here stay out, counts and
// summaries included.
func (r *Reporter) AddFrom(o *Reporter) {
	kept := make(map[string]int)
	for _, d := range o.List {
		kept[d.Rule]++
	}
	r.Add(o.List...)
	for rule, n := range o.count {
		if left := n - kept[rule]; left > 0 && !r.Disabled[rule] {
			if r.count == nil {
				r.count = map[string]int{}
			}
			r.count[rule] += left
		}
	}
	for _, d := range o.skipped {
		if !r.Disabled[d.Rule] {
			r.skip(d)
		}
	}
}

// Add appends ready-made diagnostics, dropping disabled rules and, like At,
// keeping at most diag.MaxPerRule of each rule (Result summarises the rest).
func (r *Reporter) Add(l ...diag.Diagnostic) {
	for _, d := range l {
		switch {
		case r.Disabled[d.Rule]:
		case r.count1(d.Rule):
			r.skip(d)
		default:
			r.List = append(r.List, d)
		}
	}
}

// LineBound returns the largest line number a diagnostic on src can carry:
// lines counted the way the YAML reader counts them (LF, CRLF, a lone CR,
// NEL, LS, PS; an upper bound for JSON), in src as it is and as the readers
// transcode it when it looks like UTF-16 of either byte order. Fuzz tests use
// it to check that positions lie inside their input.
func LineBound(src []byte) int {
	n := len(lineStarts(src, true))
	for _, be := range []bool{false, true} {
		if u, ok := fromUTF16(src[:len(src)&^1], be); ok {
			n = max(n, len(lineStarts(u, true)))
		}
	}
	return n
}
