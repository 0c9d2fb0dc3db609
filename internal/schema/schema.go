// Package schema compiles bgspec's embedded JSON Schemas (draft 2020-12) once
// and maps validation errors to positioned diagnostics.
//
// Schemas are added as resources under https://bgspec.invalid/ and compiled
// with a loader that refuses every URL, so a schema can never read a local
// file or the network. Errors are flattened to their leaf causes: a missing
// property is reported at the key of the object that lacks it, an unknown
// property at its own key, everything else at the value; a failed oneOf/anyOf
// gives one diagnostic, not one per branch.
package schema

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/bgspec/bgspec/diag"
	"github.com/bgspec/bgspec/internal/source"
	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

const baseURL = "https://bgspec.invalid/"

// Schema is one embedded schema, compiled on first use.
type Schema struct {
	name    string
	src     []byte
	note    string
	compile func() (*compiled, error)
}

type compiled struct {
	sch *jsonschema.Schema
	raw any // the schema document, to look up declared properties
}

// New returns a schema named name (for example "taskdef.schema.json") whose
// text is src. unknownNote, if not empty, is appended to every unknown-key
// diagnostic (for example to say which model version the schema follows).
func New(name string, src []byte, unknownNote string) *Schema {
	s := &Schema{name: name, src: src, note: unknownNote}
	s.compile = sync.OnceValues(func() (*compiled, error) {
		raw, err := jsonschema.UnmarshalJSON(bytes.NewReader(src))
		if err != nil {
			return nil, fmt.Errorf("schema %s: %w", name, err)
		}
		if at := misplacedKeyword(raw, ""); at != "" {
			return nil, fmt.Errorf("schema %s: %s: the keyword is not supported: jsonschema/v6 reports its errors at a wrong instance location", name, at)
		}
		c := jsonschema.NewCompiler()
		c.DefaultDraft(jsonschema.Draft2020)
		c.UseLoader(refuseLoader{})
		if err := c.AddResource(baseURL+name, raw); err != nil {
			return nil, fmt.Errorf("schema %s: %w", name, err)
		}
		sch, err := c.Compile(baseURL + name)
		if err != nil {
			return nil, fmt.Errorf("schema %s: %w", name, err)
		}
		return &compiled{sch: sch, raw: raw}, nil
	})
	return s
}

// Supersede drops the schema diagnostics at paths where a rule diagnostic
// accepted by by already reports the same problem with a more useful
// message (nil by: any rule). schemaDiags is filtered in place.
func Supersede(schemaDiags, rules diag.List, by func(rule string) bool) diag.List {
	covered := make(map[string]bool)
	for _, d := range rules {
		if by == nil || by(d.Rule) {
			covered[d.Path] = true
		}
	}
	out := schemaDiags[:0]
	for _, d := range schemaDiags {
		if !covered[d.Path] {
			out = append(out, d)
		}
	}
	return out
}

// unsupported are the keywords whose errors jsonschema/v6 (v6.0.3) reports
// with an InstanceLocation that aliases the validator's scratch slice, so
// that a later sibling property overwrites it and the diagnostic lands on
// the wrong member. No bgspec schema needs them; New refuses them.
var unsupported = []string{"propertyNames", "contentSchema"}

// misplacedKeyword returns the pointer of the first unsupported keyword in
// the schema document v (at ptr), or "". Names under properties,
// patternProperties, $defs and dependentSchemas are property or definition
// names, not keywords.
func misplacedKeyword(v any, ptr string) string {
	switch v := v.(type) {
	case map[string]any:
		for _, k := range slices.Sorted(maps.Keys(v)) {
			child := diag.Append(ptr, k)
			if slices.Contains(unsupported, k) {
				return child
			}
			if named(k) {
				if m, ok := v[k].(map[string]any); ok {
					for _, n := range slices.Sorted(maps.Keys(m)) {
						if at := misplacedKeyword(m[n], diag.Append(child, n)); at != "" {
							return at
						}
					}
				}
				continue
			}
			if at := misplacedKeyword(v[k], child); at != "" {
				return at
			}
		}
	case []any:
		for i, e := range v {
			if at := misplacedKeyword(e, diag.Index(ptr, i)); at != "" {
				return at
			}
		}
	}
	return ""
}

func named(keyword string) bool {
	switch keyword {
	case "properties", "patternProperties", "$defs", "definitions", "dependentSchemas":
		return true
	}
	return false
}

// Name returns the schema's file name.
func (s *Schema) Name() string { return s.name }

// Source returns the schema text as embedded.
func (s *Schema) Source() []byte { return slices.Clone(s.src) }

// Check compiles the schema and returns the error, if any. An embedded schema
// that does not compile is a bug; every package's tests call Check.
func (s *Schema) Check() error {
	_, err := s.compile()
	return err
}

type refuseLoader struct{}

func (refuseLoader) Load(url string) (any, error) {
	return nil, fmt.Errorf("schema: refusing to load %s: bgspec schemas are self-contained", url)
}

var printer = message.NewPrinter(language.English)

// Validate checks doc.Value against the schema and returns positioned
// diagnostics. A document the reader could not read (see source.Doc.Parsed)
// gives none: the reader has reported why. It panics if
// the embedded schema does not compile.
func (s *Schema) Validate(doc *source.Doc) diag.List {
	c, err := s.compile()
	if err != nil {
		panic(err)
	}
	if !doc.Parsed() {
		return nil
	}
	err = c.sch.Validate(doc.Value)
	if err == nil {
		return nil
	}
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		return diag.List{doc.Diag("", RuleInvalidValue, "the document cannot be validated: %v", err)}
	}
	// Sized once: a file with 50,000 unknown keys would otherwise allocate
	// about five times the final list while appending.
	w := walker{s: s, c: c, doc: doc, out: make(diag.List, 0, leafBound(ve))}
	w.walk(ve)
	if len(w.spelled) > 0 {
		// A key spelled in the wrong case is one mistake, not two: drop the
		// "required key missing" for the spelling the diagnostic suggests.
		out := w.out[:0]
		for _, d := range w.out {
			if d.Rule != ruleRequired || !w.spelled[d.Path] {
				out = append(out, d)
			}
		}
		w.out = out
	}
	return w.out.Dedupe()
}

type walker struct {
	s       *Schema
	c       *compiled
	doc     *source.Doc
	out     diag.List
	spelled map[string]bool // pointers of the keys key-spelling suggested
}

const ruleRequired = "schema/required"

func (w *walker) walk(e *jsonschema.ValidationError) {
	ptr := diag.Pointer(e.InstanceLocation...)
	switch k := e.ErrorKind.(type) {
	case *kind.AnyOf, *kind.OneOf:
		if o, ok := k.(*kind.OneOf); ok && len(o.Subschemas) > 1 {
			w.leaf(e, ptr)
			return
		}
		// If exactly one branch got past the type check at this location,
		// that is the branch the author meant: report its own leaves.
		var meant []*jsonschema.ValidationError
		for _, c := range e.Causes {
			if !typeFailedAt(c, e.InstanceLocation) {
				meant = append(meant, c)
			}
		}
		if len(meant) == 1 {
			w.walk(meant[0])
			return
		}
		w.leaf(e, ptr)
		return
	case *kind.Contains, *kind.MinContains, *kind.MaxContains:
		// The list lacks a matching item (or has too few or too many): the
		// list is wrong, not each item the causes say fails the item schema.
		w.leaf(e, ptr)
		return
	case *kind.Required:
		for _, m := range k.Missing {
			w.add(w.doc.KeyPos(ptr), diag.Append(ptr, m), "required", fmt.Sprintf("the required key %q is missing", m))
		}
		return
	case *kind.DependentRequired:
		// At the key that needs the others, like a missing required key.
		at := w.doc.KeyPos(diag.Append(ptr, k.Prop))
		for _, m := range k.Missing {
			w.add(at, diag.Append(ptr, m), "dependentRequired", fmt.Sprintf("the key %q needs %q next to it", k.Prop, m))
		}
		return
	case *kind.AdditionalProperties:
		declared := w.declared(e.SchemaURL)
		for _, p := range k.Properties {
			child := diag.Append(ptr, p)
			if right := sameKey(p, declared); right != "" {
				w.add(w.doc.KeyPos(child), child, "key-spelling", fmt.Sprintf("unknown key %q: write %q (keys are case-sensitive)", p, right))
				if w.spelled == nil {
					w.spelled = make(map[string]bool)
				}
				w.spelled[diag.Append(ptr, right)] = true
				continue
			}
			msg := fmt.Sprintf("unknown key %q", p)
			if len(declared) > 0 && len(declared) <= 16 {
				msg += "; allowed here: " + strings.Join(declared, ", ")
			}
			if w.s.note != "" {
				msg += "; " + w.s.note
			}
			w.add(w.doc.KeyPos(child), child, "additionalProperties", msg)
		}
		return
	case *kind.FalseSchema:
		// A member the schema forbids outright (false schema, for example
		// under unevaluatedProperties): at its key.
		name := "this value"
		if n := len(e.InstanceLocation); n > 0 {
			name = strconv.Quote(e.InstanceLocation[n-1])
		}
		w.add(w.doc.KeyPos(ptr), ptr, "false", name+" is not allowed here: remove it")
		return
	}
	// Any other error (a group such as allOf, $ref or a whole schema, or a
	// keyword): its causes speak, or it does.
	if len(e.Causes) > 0 {
		for _, c := range e.Causes {
			w.walk(c)
		}
		return
	}
	w.leaf(e, ptr)
}

func (w *walker) leaf(e *jsonschema.ValidationError, ptr string) {
	kw := "invalid"
	if p := e.ErrorKind.KeywordPath(); len(p) > 0 {
		kw = p[0]
	} else if _, ok := e.ErrorKind.(*kind.Not); ok {
		kw = "not" // jsonschema/v6 gives kind.Not no keyword path
	}
	msg := e.ErrorKind.LocalizedString(printer)
	switch k := e.ErrorKind.(type) {
	case *kind.AnyOf, *kind.OneOf:
		msg = "the value matches none of the allowed forms"
		if o, ok := k.(*kind.OneOf); ok && len(o.Subschemas) > 1 {
			msg = "the value matches more than one of the allowed forms; write exactly one"
		}
		if d := w.description(e.SchemaURL); d != "" {
			msg += ": " + d
		}
	}
	w.add(w.doc.ValuePos(ptr), ptr, kw, msg)
}

// add reports rule schema/<keyword> (schema/invalid for a keyword without a
// rule of its own) at p, with the rule's registered severity.
func (w *walker) add(p source.Pos, ptr, keyword, msg string) {
	r, ok := diag.LookupRule("schema/" + keyword)
	if !ok {
		r, _ = diag.LookupRule(RuleInvalidValue)
	}
	w.out = append(w.out, diag.Diagnostic{File: w.doc.File, Line: p.Line, Column: p.Column, Path: ptr, Rule: r.ID, Severity: r.Severity, Message: msg})
}

// leafBound returns an upper bound of the diagnostics walk makes of e: one
// per error, plus one per missing or unknown key.
func leafBound(e *jsonschema.ValidationError) int {
	n := 1
	switch k := e.ErrorKind.(type) {
	case *kind.Required:
		n += len(k.Missing)
	case *kind.AdditionalProperties:
		n += len(k.Properties)
	case *kind.DependentRequired:
		n += len(k.Missing)
	}
	for _, c := range e.Causes {
		n += leafBound(c)
	}
	return n
}

// typeFailedAt reports whether e (a branch of a union at loc) failed on its
// type keyword at loc itself.
func typeFailedAt(e *jsonschema.ValidationError, loc []string) bool {
	switch e.ErrorKind.(type) {
	case *kind.Type, *kind.Const, *kind.Enum:
		return slices.Equal(e.InstanceLocation, loc)
	case *kind.Group, *kind.AllOf, *kind.Schema, *kind.Reference:
		for _, c := range e.Causes {
			if typeFailedAt(c, loc) {
				return true
			}
		}
	}
	return false
}

// schemaObject returns the schema object at url. jsonschema/v6 reports the
// location of the schema object itself ("#", "#/$defs/x"); a url that ends
// in a keyword ("#/$defs/x/additionalProperties") resolves to its parent.
func (w *walker) schemaObject(url string) map[string]any {
	_, frag, _ := strings.Cut(url, "#")
	toks, ok := diag.SplitPointer(frag)
	if !ok {
		return nil
	}
	if m := lookupObject(w.c.raw, toks); m != nil {
		return m
	}
	if len(toks) == 0 {
		return nil
	}
	return lookupObject(w.c.raw, toks[:len(toks)-1])
}

func lookupObject(raw any, toks []string) map[string]any {
	cur := raw
	for _, t := range toks {
		switch v := cur.(type) {
		case map[string]any:
			cur = v[t]
		case []any:
			i := 0
			if _, err := fmt.Sscanf(t, "%d", &i); err != nil || i < 0 || i >= len(v) {
				return nil
			}
			cur = v[i]
		default:
			return nil
		}
	}
	m, _ := cur.(map[string]any)
	return m
}

// declared lists the properties the schema object at url declares.
func (w *walker) declared(url string) []string {
	props, _ := w.schemaObject(url)["properties"].(map[string]any)
	return slices.Sorted(maps.Keys(props))
}

func (w *walker) description(url string) string {
	d, _ := w.schemaObject(url)["description"].(string)
	return d
}

// keySeparators is built once: sameKey runs once per unknown key.
var keySeparators = strings.NewReplacer("-", "", "_", "")

// sameKey returns the declared key that differs from k only in case, '-' or
// '_', or "" if there is none.
func sameKey(k string, declared []string) string {
	norm := func(s string) string { return keySeparators.Replace(strings.ToLower(s)) }
	nk := norm(k)
	for _, d := range declared {
		if d != k && norm(d) == nk {
			return d
		}
	}
	return ""
}
