package taskdef

import (
	"encoding/json"
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"sync"
	"unicode/utf8"
)

// A fast exact pre-check for the schema pass. The JSON Schema engine costs
// about half of a Validate call (BenchmarkValidate: some 40 µs of CPU with
// the pre-check, which itself takes 2.5 µs, and 75–85 µs without it, below
// the 20,000 validations/s target), and almost every real task definition
// passes it. fastNode interprets the subset of JSON Schema our embedded
// schema uses; valid reports true only when the value certainly conforms
// (anything it is unsure of, such as the integer 1.0, counts as not
// conforming). Validate then skips the engine on true and runs it, for the
// authoritative positioned diagnostics, on false. No check is skipped: a
// document the pre-check accepts is one the engine accepts (tested on the
// testdata, the corpus and in FuzzValidate).
type fastNode struct {
	ref      *fastNode // "$ref" target in $defs
	kind     valueKind // "type"; kindAny when absent
	enum     []string
	props    map[string]*fastNode
	addl     *fastNode // additionalProperties schema; nil with noAddl = false
	noAddl   bool      // additionalProperties: false
	required []string
	items    *fastNode
	min, max *int64
	minLen   int
	maxLen   int // -1: none
	minItems int
	maxItems int // -1: none
	pattern  *regexp.Regexp
}

var fastSchema = sync.OnceValues(func() (*fastNode, error) {
	var raw map[string]any
	if err := json.Unmarshal(schemaSrc, &raw); err != nil {
		return nil, err
	}
	defs := map[string]*fastNode{}
	rawDefs, _ := raw["$defs"].(map[string]any)
	for name := range rawDefs {
		defs[name] = &fastNode{}
	}
	for name, d := range rawDefs {
		m, ok := d.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("$defs/%s is not an object", name)
		}
		if err := compileFast(m, defs[name], defs); err != nil {
			return nil, fmt.Errorf("$defs/%s: %w", name, err)
		}
	}
	root := &fastNode{}
	if err := compileFast(raw, root, defs); err != nil {
		return nil, err
	}
	return root, nil
})

func compileFast(m map[string]any, n *fastNode, defs map[string]*fastNode) error {
	n.maxLen, n.maxItems = -1, -1
	intOf := func(v any) (int64, error) {
		f, ok := v.(float64)
		if !ok || f != math.Trunc(f) {
			return 0, fmt.Errorf("not an integer: %v", v)
		}
		return int64(f), nil
	}
	for k, v := range m {
		switch k {
		case "$schema", "title", "description", "$defs":
		case "$ref":
			s, _ := v.(string)
			const prefix = "#/$defs/"
			if len(s) <= len(prefix) || s[:len(prefix)] != prefix || defs[s[len(prefix):]] == nil {
				return fmt.Errorf("unsupported $ref %q", s)
			}
			n.ref = defs[s[len(prefix):]]
		case "type":
			t, _ := v.(string)
			k, ok := kindNames[t]
			if !ok {
				return fmt.Errorf("unsupported type %v", v)
			}
			n.kind = k
		case "enum":
			arr, _ := v.([]any)
			for _, e := range arr {
				s, ok := e.(string)
				if !ok {
					return fmt.Errorf("unsupported enum member %v", e)
				}
				n.enum = append(n.enum, s)
			}
		case "properties":
			props, _ := v.(map[string]any)
			n.props = map[string]*fastNode{}
			for p, ps := range props {
				pm, ok := ps.(map[string]any)
				if !ok {
					return fmt.Errorf("property %s is not an object", p)
				}
				c := &fastNode{}
				if err := compileFast(pm, c, defs); err != nil {
					return fmt.Errorf("property %s: %w", p, err)
				}
				n.props[p] = c
			}
		case "additionalProperties":
			switch t := v.(type) {
			case bool:
				n.noAddl = !t
			case map[string]any:
				n.addl = &fastNode{}
				if err := compileFast(t, n.addl, defs); err != nil {
					return err
				}
			default:
				return fmt.Errorf("unsupported additionalProperties %v", v)
			}
		case "required":
			arr, _ := v.([]any)
			for _, e := range arr {
				s, _ := e.(string)
				n.required = append(n.required, s)
			}
		case "items":
			im, ok := v.(map[string]any)
			if !ok {
				return fmt.Errorf("unsupported items %v", v)
			}
			n.items = &fastNode{}
			if err := compileFast(im, n.items, defs); err != nil {
				return err
			}
		case "minimum", "maximum":
			i, err := intOf(v)
			if err != nil {
				return err
			}
			if k == "minimum" {
				n.min = &i
			} else {
				n.max = &i
			}
		case "minLength", "maxLength", "minItems", "maxItems":
			i, err := intOf(v)
			if err != nil {
				return err
			}
			switch k {
			case "minLength":
				n.minLen = int(i)
			case "maxLength":
				n.maxLen = int(i)
			case "minItems":
				n.minItems = int(i)
			case "maxItems":
				n.maxItems = int(i)
			}
		case "pattern":
			s, _ := v.(string)
			re, err := regexp.Compile(s)
			if err != nil {
				return err
			}
			n.pattern = re
		default:
			return fmt.Errorf("keyword %q is not supported by the fast pre-check", k)
		}
	}
	return nil
}

// valid reports whether v certainly conforms to n.
func (n *fastNode) valid(v any) bool {
	if n.ref != nil {
		return n.ref.valid(v)
	}
	if n.kind != kindAny && !kindIs(n.kind, v) {
		return false
	}
	if n.enum != nil {
		s, ok := v.(string)
		if !ok || !slices.Contains(n.enum, s) {
			return false
		}
	}
	switch t := v.(type) {
	case map[string]any:
		for _, r := range n.required {
			if _, ok := t[r]; !ok {
				return false
			}
		}
		for k, e := range t {
			if c, ok := n.props[k]; ok {
				if !c.valid(e) {
					return false
				}
				continue
			}
			if n.noAddl {
				return false
			}
			if n.addl != nil && !n.addl.valid(e) {
				return false
			}
		}
	case []any:
		if len(t) < n.minItems || n.maxItems >= 0 && len(t) > n.maxItems {
			return false
		}
		if n.items != nil {
			for _, e := range t {
				if !n.items.valid(e) {
					return false
				}
			}
		}
	case string:
		if n.minLen > 0 || n.maxLen >= 0 {
			c := utf8.RuneCountInString(t)
			if c < n.minLen || n.maxLen >= 0 && c > n.maxLen {
				return false
			}
		}
		if n.pattern != nil && !n.pattern.MatchString(t) {
			return false
		}
	case json.Number:
		if n.min != nil || n.max != nil {
			i, ok := plainInt(t)
			if !ok || n.min != nil && i < *n.min || n.max != nil && i > *n.max {
				return false
			}
		}
	}
	return true
}

// plainInt parses a number written as a plain decimal integer.
func plainInt(n json.Number) (int64, bool) {
	s := string(n)
	if s == "" || s == "-" {
		return 0, false
	}
	for i := 0; i < len(s); i++ {
		if !(s[i] >= '0' && s[i] <= '9' || i == 0 && s[i] == '-') {
			return 0, false
		}
	}
	i, err := strconv.ParseInt(s, 10, 64)
	return i, err == nil
}

// valueKind is a JSON Schema "type".
type valueKind uint8

const (
	kindAny valueKind = iota
	kindObject
	kindArray
	kindString
	kindBoolean
	kindInteger
	kindNumber
	kindNull
)

var kindNames = map[string]valueKind{
	"object": kindObject, "array": kindArray, "string": kindString, "boolean": kindBoolean,
	"integer": kindInteger, "number": kindNumber, "null": kindNull,
}

func kindIs(k valueKind, v any) bool {
	switch k {
	case kindObject:
		_, ok := v.(map[string]any)
		return ok
	case kindArray:
		_, ok := v.([]any)
		return ok
	case kindString:
		_, ok := v.(string)
		return ok
	case kindBoolean:
		_, ok := v.(bool)
		return ok
	case kindInteger:
		n, ok := v.(json.Number)
		if !ok {
			return false
		}
		_, ok = plainInt(n)
		return ok
	case kindNumber:
		_, ok := v.(json.Number)
		return ok
	case kindNull:
		return v == nil
	}
	return true
}
