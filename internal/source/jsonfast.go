package source

import (
	"encoding/json"
	"unicode/utf8"

	"github.com/bgspec/bgspec/diag"
)

// fastJSON is ParseJSON's fast path for well-formed documents. It scans src
// (from offset base, after a BOM) by hand, building the same value and
// position index the token walk builds, about ten times faster than
// encoding/json's Decoder.Token. It gives up (ok=false) on anything unusual:
// a syntax error, a duplicate key, data after the value, the depth cap. The
// caller then runs the token walk, which produces the diagnostics, so the
// fast path never changes what ParseJSON reports.
func fastJSON(d *Doc, base, maxDepth int) (v any, ok bool) {
	return fastScan(d, base, maxDepth, true)
}

// fastJSONValue is fastJSON without the index: ParseJSON's happy path, which
// leaves the index to be built (by fastJSON, on the same bytes) the first
// time a position is asked for. Most documents are valid and most
// validations never ask, and the index (a pointer string and a map entry per
// member) is about half the cost of the scan.
func fastJSONValue(d *Doc, base, maxDepth int) (v any, ok bool) {
	return fastScan(d, base, maxDepth, false)
}

func fastScan(d *Doc, base, maxDepth int, index bool) (v any, ok bool) {
	if index && len(d.index) == 0 {
		// Size the index for the values the document can hold (about one
		// per comma, plus the containers), so that it does not grow step
		// by step.
		n := 1
		for _, c := range d.Src[base:] {
			if c == ',' || c == '{' || c == '[' {
				n++
			}
		}
		d.index = make(map[string]span, n)
	}
	s := fastScanner{d: d, src: d.Src, i: base, maxDepth: maxDepth, index: index}
	return s.top()
}

func (s *fastScanner) top() (any, bool) {
	s.ws()
	v, ok := s.value("", -1, 0)
	if !ok {
		return nil, false
	}
	s.ws()
	if s.i != len(s.src) {
		return nil, false
	}
	return v, true
}

type fastScanner struct {
	d        *Doc
	src      []byte
	i        int
	maxDepth int
	index    bool // record positions (and build pointers) in d's index
}

func (s *fastScanner) ws() {
	for s.i < len(s.src) {
		switch s.src[s.i] {
		case ' ', '\t', '\n', '\r':
			s.i++
		default:
			return
		}
	}
}

func (s *fastScanner) value(ptr string, key, depth int) (any, bool) {
	if s.i >= len(s.src) {
		return nil, false
	}
	if s.index {
		s.d.setOff(ptr, key, s.i) // offsets: no line table needed unless asked
	}
	switch c := s.src[s.i]; c {
	case '{':
		if depth >= s.maxDepth {
			return nil, false
		}
		s.i++
		obj := make(map[string]any)
		s.ws()
		if s.i < len(s.src) && s.src[s.i] == '}' {
			s.i++
			return obj, true
		}
		for {
			s.ws()
			if s.i >= len(s.src) || s.src[s.i] != '"' {
				return nil, false
			}
			kpos := s.i
			k, ok := s.str()
			if !ok {
				return nil, false
			}
			if _, dup := obj[k]; dup {
				return nil, false
			}
			s.ws()
			if s.i >= len(s.src) || s.src[s.i] != ':' {
				return nil, false
			}
			s.i++
			s.ws()
			var child string
			if s.index {
				child = diag.Append(ptr, k)
			}
			v, ok := s.value(child, kpos, depth+1)
			if !ok {
				return nil, false
			}
			obj[k] = v
			s.ws()
			if s.i >= len(s.src) {
				return nil, false
			}
			switch s.src[s.i] {
			case ',':
				s.i++
			case '}':
				s.i++
				return obj, true
			default:
				return nil, false
			}
		}
	case '[':
		if depth >= s.maxDepth {
			return nil, false
		}
		s.i++
		arr := []any{}
		s.ws()
		if s.i < len(s.src) && s.src[s.i] == ']' {
			s.i++
			return arr, true
		}
		for n := 0; ; n++ {
			s.ws()
			var child string
			if s.index {
				child = diag.Index(ptr, n)
			}
			v, ok := s.value(child, -1, depth+1)
			if !ok {
				return nil, false
			}
			arr = append(arr, v)
			s.ws()
			if s.i >= len(s.src) {
				return nil, false
			}
			switch s.src[s.i] {
			case ',':
				s.i++
			case ']':
				s.i++
				return arr, true
			default:
				return nil, false
			}
		}
	case '"':
		return s.str()
	case 't':
		return true, s.lit("true")
	case 'f':
		return false, s.lit("false")
	case 'n':
		return nil, s.lit("null")
	default:
		if c == '-' || c >= '0' && c <= '9' {
			return s.num()
		}
	}
	return nil, false
}

func (s *fastScanner) lit(word string) bool {
	if len(s.src)-s.i < len(word) || string(s.src[s.i:s.i+len(word)]) != word {
		return false
	}
	s.i += len(word)
	return true
}

// num scans a number and keeps its text.
func (s *fastScanner) num() (any, bool) {
	end := numberEnd(s.src, s.i)
	if end < 0 {
		return nil, false
	}
	v := json.Number(s.src[s.i:end])
	s.i = end
	return v, true
}

// numberEnd returns the end of the JSON number that starts at b[i], with the
// grammar -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?, or -1 if none does.
// The fast JSON scanner reads numbers with it, and the YAML reader keeps the
// literal text of a number that is already valid JSON.
func numberEnd[T ~string | ~[]byte](b T, i int) int {
	if i < len(b) && b[i] == '-' {
		i++
	}
	digits := func() int {
		n := 0
		for i < len(b) && b[i] >= '0' && b[i] <= '9' {
			i++
			n++
		}
		return n
	}
	switch {
	case i < len(b) && b[i] == '0':
		i++
	case digits() == 0:
		return -1
	}
	if i < len(b) && b[i] == '.' {
		i++
		if digits() == 0 {
			return -1
		}
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		if digits() == 0 {
			return -1
		}
	}
	return i
}

// isJSONNumber reports whether s is, as a whole, a JSON number.
func isJSONNumber(s string) bool { return numberEnd(s, 0) == len(s) }

// str scans a string. Plain strings (no escapes, valid UTF-8, no control
// characters) are copied; any other string is decoded by encoding/json so
// that escapes and replacement characters come out exactly as the token walk
// gives them.
func (s *fastScanner) str() (string, bool) {
	b := s.src
	start := s.i
	i := s.i + 1
	plain := true
	for ; i < len(b); i++ {
		c := b[i]
		switch {
		case c == '"':
			s.i = i + 1
			if plain {
				return string(b[start+1 : i]), true
			}
			var out string
			if err := json.Unmarshal(b[start:i+1], &out); err != nil {
				return "", false
			}
			return out, true
		case c == '\\':
			plain = false
			i++ // skip the escaped byte (a quote or backslash included)
		case c < 0x20:
			return "", false
		case c >= utf8.RuneSelf:
			r, size := utf8.DecodeRune(b[i:])
			if r == utf8.RuneError && size == 1 {
				plain = false
			}
			i += size - 1
		}
	}
	return "", false
}
