package source

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/bgspec/bgspec/diag"
)

// ParseJSON reads one JSON document with a token walk that records the
// offset of every key and value. Unlike encoding/json it reports duplicate
// keys (encoding/json keeps the last silently), data after the top-level
// value, and names comments and trailing commas. Keys are matched exactly,
// never case-insensitively. The returned Doc is never nil.
func ParseJSON(file string, src []byte, o Options) (*Doc, diag.List) {
	o = o.withDefaults(DefaultJSONMaxBytes)
	src, bom, l, ok := prepare(file, src, o, "json")
	d := newDoc(file, src, "json")
	if !ok {
		return d, l
	}
	if len(bytes.TrimSpace(src[bom:])) == 0 {
		return d, append(l, mkdiag(file, Pos{}, "", RuleEmpty, "the file is empty: write a JSON object"))
	}
	if v, ok := fastJSONValue(d, bom, o.MaxDepth); ok {
		d.Value, d.parsed = v, true
		d.lazy = func() { fastJSON(d, bom, o.MaxDepth) }
		return d, l
	}
	// The fast path gave up (it indexes nothing): the token walk reads the
	// document and reports why.
	p := &jparser{d: d, o: o, base: bom, dec: json.NewDecoder(bytes.NewReader(src[bom:]))}
	p.dec.UseNumber()
	v, err := p.value("", Pos{}, 0)
	if err != nil {
		l = append(l, p.diags...)
		if !errors.Is(err, errTooDeep) {
			l = append(l, p.syntaxDiag(err))
		}
		return d, l
	}
	d.Value, d.parsed = v, true
	start := p.start()
	if _, err := p.dec.Token(); !errors.Is(err, io.EOF) {
		if rest := src[min(start, len(src)):]; bytes.HasPrefix(rest, []byte("//")) || bytes.HasPrefix(rest, []byte("/*")) {
			p.diags = append(p.diags, mkdiag(file, d.posAt(start), "", RuleJSONComment, "JSON has no comments: remove the comment"))
		} else {
			p.diags = append(p.diags, mkdiag(file, d.posAt(start), "", RuleJSONTrail, "data after the end of the JSON value: remove it (one file holds one JSON object)"))
		}
	}
	return d, append(l, p.diags...)
}

type jparser struct {
	d     *Doc
	o     Options
	base  int // bytes skipped before the decoder's input (a BOM)
	dec   *json.Decoder
	diags diag.List
	skip  int // > 0 while reading a duplicate member's value
}

// errTooDeep stops the walk at the depth cap.
var errTooDeep = errors.New("too deep")

// start returns the offset of the next token: the decoder's offset with
// whitespace, ':' and ',' skipped.
func (p *jparser) start() int {
	off := p.base + int(p.dec.InputOffset())
	for off < len(p.d.Src) {
		switch p.d.Src[off] {
		case ' ', '\t', '\n', '\r', ':', ',':
			off++
			continue
		}
		break
	}
	return off
}

func (p *jparser) value(ptr string, key Pos, depth int) (any, error) {
	at := p.d.posAt(p.start())
	tok, err := p.dec.Token()
	if err != nil {
		return nil, err
	}
	if p.skip == 0 {
		p.d.set(ptr, key, at)
	}
	delim, ok := tok.(json.Delim)
	if !ok {
		return tok, nil // string, json.Number, bool or nil
	}
	if depth >= p.o.MaxDepth {
		p.diags = append(p.diags, mkdiag(p.d.File, at, ptr, RuleTooDeep, fmt.Sprintf("the document nests more than %d levels deep", p.o.MaxDepth)))
		return nil, errTooDeep
	}
	switch delim {
	case '{':
		obj := make(map[string]any)
		first := make(map[string]Pos)
		reported := make(map[string]bool)
		for p.dec.More() {
			kpos := p.d.posAt(p.start())
			kt, err := p.dec.Token()
			if err != nil {
				return nil, err
			}
			k, _ := kt.(string)
			child := diag.Append(ptr, k)
			prev, dup := first[k]
			if dup {
				if !reported[k] {
					reported[k] = true
					p.diags = append(p.diags, mkdiag(p.d.File, kpos, child, RuleJSONDupKey,
						fmt.Sprintf("the key %q is already defined at line %d: keep one of them", k, prev.Line)))
				}
				p.skip++ // read the duplicate's value without indexing it
				_, err := p.value(child, kpos, depth+1)
				p.skip--
				if err != nil {
					return nil, err
				}
				continue
			}
			first[k] = kpos
			v, err := p.value(child, kpos, depth+1)
			if err != nil {
				return nil, err
			}
			obj[k] = v
		}
		if _, err := p.dec.Token(); err != nil {
			return nil, err
		}
		return obj, nil
	case '[':
		arr := []any{}
		for i := 0; p.dec.More(); i++ {
			v, err := p.value(diag.Index(ptr, i), Pos{}, depth+1)
			if err != nil {
				return nil, err
			}
			arr = append(arr, v)
		}
		if _, err := p.dec.Token(); err != nil {
			return nil, err
		}
		return arr, nil
	}
	return nil, fmt.Errorf("unexpected %v", delim)
}

// syntaxDiag turns a decoder error into a positioned diagnostic, naming
// comments and trailing commas, which hand-written task definitions often hold.
func (p *jparser) syntaxDiag(err error) diag.Diagnostic {
	src := p.d.Src
	off := len(src)
	var se *json.SyntaxError
	switch {
	case errors.As(err, &se):
		off = p.base + int(se.Offset)
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return mkdiag(p.d.File, p.d.posAt(len(bytes.TrimRight(src, " \t\r\n"))), "", RuleJSONSyntax,
			"the JSON ends before every { and [ is closed: close them")
	}
	msg := err.Error()
	// The decoder's offsets are unreliable: for an error inside a scalar
	// value it counts only the bytes its value scanner saw, not the
	// delimiters and whitespace in between. Re-scan the whole input with a
	// fresh scanner, whose Offset is the count of bytes read up to and
	// including the offending one.
	var raw json.RawMessage
	if err := json.Unmarshal(src[p.base:], &raw); errors.As(err, &se) && se.Offset > 0 {
		off = p.base + int(se.Offset) - 1
		msg = se.Error()
	}
	off = max(0, min(off, len(src)))
	if at, what := scanJSONMistake(src[p.base:]); at >= 0 && p.base+at <= off {
		at += p.base
		if what == '/' {
			return mkdiag(p.d.File, p.d.posAt(at), "", RuleJSONComment, "JSON has no comments: remove the comment")
		}
		return mkdiag(p.d.File, p.d.posAt(at), "", RuleJSONComma, "a comma before a closing bracket or brace: remove it")
	}
	return mkdiag(p.d.File, p.d.posAt(off), "", RuleJSONSyntax, msg)
}

// scanJSONMistake finds the first comment or trailing comma outside strings.
// It returns its offset and '/' or ',', or -1.
func scanJSONMistake(src []byte) (int, byte) {
	inStr, esc := false, false
	lastComma := -1
	for i := 0; i < len(src); i++ {
		c := src[i]
		if inStr {
			switch {
			case esc:
				esc = false
			case c == '\\':
				esc = true
			case c == '"':
				inStr = false
			}
			continue
		}
		switch c {
		case '"':
			inStr, lastComma = true, -1
		case ' ', '\t', '\r', '\n':
		case ',':
			lastComma = i
		case '/':
			if i+1 < len(src) && (src[i+1] == '/' || src[i+1] == '*') {
				return i, '/'
			}
			lastComma = -1
		case ']', '}':
			if lastComma >= 0 {
				return lastComma, ','
			}
		default:
			lastComma = -1
		}
	}
	return -1, 0
}
