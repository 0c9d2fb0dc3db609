package taskdef

import (
	"slices"
	"strings"

	"github.com/bgspec/bgspec/diag"
	"github.com/bgspec/bgspec/internal/render"
	"github.com/bgspec/bgspec/internal/source"
)

// CleanFile is the file name Clean uses in its diagnostics.
const CleanFile = "taskdef.json"

// Clean turns describe-task-definition output into a registrable task
// definition. It accepts the output wrapped as {"taskDefinition": …,
// "tags": […]} (the tags are kept) or the bare object, and drops: the
// describe-only fields (DescribeOnlyFields), null values, empty strings,
// lists and objects (recursively, the way AWS's deploy-task-definition action
// does, except that an environment entry whose value is "" survives), and
// members the model does not hold (unknown keys, values of the wrong type,
// and zero values the rendering omits, such as "cpu": 0). dropped lists the
// JSON pointers (into src) of everything removed, in document order. The
// task definition is nil when src is not a readable JSON object; diagnostics
// hold the reader's findings.
func Clean(src []byte) (*TaskDefinition, []string, diag.List) {
	doc, l := source.ParseJSON(CleanFile, src, source.Options{})
	if doc.Value == nil {
		return nil, nil, l.Dedupe()
	}
	root, ok := doc.Value.(map[string]any)
	if !ok {
		l = append(l, doc.Diag("", "schema/type", "the task definition must be a JSON object"))
		return nil, nil, l.Dedupe()
	}
	c := cleaner{pmap: map[string]string{}}
	var inner map[string]any
	base := ""
	if td, ok := describeInner(root); ok {
		inner, base = td, "/taskDefinition"
		for k, v := range root {
			if k == "taskDefinition" {
				continue
			}
			if k == "tags" && !isEmptyValue(v, false) {
				if t, has := td["tags"]; !has || isEmptyValue(t, false) {
					continue // moved into the task definition below
				}
			}
			c.dropped = append(c.dropped, diag.Pointer(k))
		}
	} else {
		inner = root
	}
	out := map[string]any{}
	for k, v := range inner {
		ptr := diag.Append(base, k)
		if slices.Contains(DescribeOnlyFields, k) || isEmptyValue(v, false) {
			c.dropped = append(c.dropped, ptr)
			continue
		}
		out[k] = c.clean(v, ptr, diag.Pointer(k), false)
	}
	if base != "" {
		if tags, ok := root["tags"]; ok && !isEmptyValue(tags, false) {
			if _, has := out["tags"]; !has {
				out["tags"] = c.clean(tags, "/tags", "/tags", false)
			}
		}
	}
	var td TaskDefinition
	decode(out, &td)
	// Whatever the typed model does not keep is dropped too.
	if b, err := render.JSON(&td); err == nil {
		if d, _ := source.ParseJSON("", b, source.Options{MaxBytes: 1 << 30}); d.Value != nil {
			c.diff(out, d.Value, "")
		}
	}
	slices.SortFunc(c.dropped, func(a, b string) int {
		pa, pb := doc.KeyPos(a), doc.KeyPos(b)
		if pa.Offset != pb.Offset {
			return pa.Offset - pb.Offset
		}
		return strings.Compare(a, b)
	})
	return &td, slices.Compact(c.dropped), l.Dedupe()
}

type cleaner struct {
	dropped []string
	pmap    map[string]string // output pointer → input pointer
}

// isEmptyValue follows AWS's deploy action: null, "", and lists and objects
// with only empty members are empty. keepEmptyString keeps "" (the value of
// an environment entry).
func isEmptyValue(v any, keepEmptyString bool) bool {
	switch t := v.(type) {
	case nil:
		return true
	case string:
		return t == "" && !keepEmptyString
	case []any:
		for _, e := range t {
			if !isEmptyValue(e, false) {
				return false
			}
		}
		return true
	case map[string]any:
		for _, e := range t {
			if !isEmptyValue(e, false) {
				return false
			}
		}
		return true
	}
	return false
}

// clean copies v without empty members, recording what it drops. inPtr is
// the pointer into the input, outPtr into the output.
func (c *cleaner) clean(v any, inPtr, outPtr string, isEnvEntry bool) any {
	c.pmap[outPtr] = inPtr
	switch t := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(t))
		for k, e := range t {
			keep := isEnvEntry && k == "value"
			if isEmptyValue(e, keep) {
				c.dropped = append(c.dropped, diag.Append(inPtr, k))
				continue
			}
			out[k] = c.clean(e, diag.Append(inPtr, k), diag.Append(outPtr, k), false)
		}
		return out
	case []any:
		env := strings.HasSuffix(outPtr, "/environment") || strings.HasSuffix(outPtr, "/properties")
		out := make([]any, 0, len(t))
		for i, e := range t {
			in := diag.Index(inPtr, i)
			if isEmptyValue(e, false) {
				c.dropped = append(c.dropped, in)
				continue
			}
			out = append(out, c.clean(e, in, diag.Index(outPtr, len(out)), env))
		}
		return out
	}
	return v
}

// diff records the members of a (the cleaned value) that b (the rendered
// typed value) lacks.
func (c *cleaner) diff(a, b any, outPtr string) {
	switch t := a.(type) {
	case map[string]any:
		bm, _ := b.(map[string]any)
		for k, e := range t {
			p := diag.Append(outPtr, k)
			be, ok := bm[k]
			if !ok {
				c.dropped = append(c.dropped, c.in(p))
				continue
			}
			c.diff(e, be, p)
		}
	case []any:
		bs, _ := b.([]any)
		for i, e := range t {
			if i < len(bs) {
				c.diff(e, bs[i], diag.Index(outPtr, i))
			}
		}
	}
}

func (c *cleaner) in(outPtr string) string {
	if p, ok := c.pmap[outPtr]; ok {
		return p
	}
	return outPtr
}
