package taskdef

import (
	"bytes"
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// orderedKeys returns the keys of the JSON object at b in document order.
func orderedKeys(t *testing.T, b []byte) []string {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(b))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		t.Fatalf("not an object: %v", err)
	}
	var keys []string
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			t.Fatal(err)
		}
		keys = append(keys, tok.(string))
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			t.Fatal(err)
		}
	}
	return keys
}

func jsonNames(t reflect.Type) []string {
	var out []string
	for i := range t.NumField() {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		out = append(out, name)
	}
	return out
}

// TestSchemaMatchesModel checks that every struct of the model and its schema
// definition declare the same properties in the same order.
func TestSchemaMatchesModel(t *testing.T) {
	var raw struct {
		Properties json.RawMessage            `json:"properties"`
		Defs       map[string]json.RawMessage `json:"$defs"`
	}
	if err := json.Unmarshal(schemaSrc, &raw); err != nil {
		t.Fatal(err)
	}
	propsOf := func(def json.RawMessage) []string {
		var d struct {
			Properties json.RawMessage `json:"properties"`
		}
		if err := json.Unmarshal(def, &d); err != nil {
			t.Fatal(err)
		}
		return orderedKeys(t, d.Properties)
	}
	top := orderedKeys(t, raw.Properties)
	want := jsonNames(reflect.TypeFor[TaskDefinition]())
	if got := top[:len(want)]; !slices.Equal(got, want) {
		t.Errorf("top-level schema properties %v, model %v", got, want)
	}
	if !slices.Equal(top[len(want):], DescribeOnlyFields) {
		t.Errorf("describe-only schema properties %v, want %v", top[len(want):], DescribeOnlyFields)
	}
	seen := map[string]bool{}
	var walk func(t reflect.Type)
	walk = func(rt reflect.Type) {
		for rt.Kind() == reflect.Pointer || rt.Kind() == reflect.Slice || rt.Kind() == reflect.Map {
			rt = rt.Elem()
		}
		if rt.Kind() != reflect.Struct || seen[rt.Name()] {
			return
		}
		seen[rt.Name()] = true
		if rt != reflect.TypeFor[TaskDefinition]() {
			def, ok := raw.Defs[rt.Name()]
			if !ok {
				t.Errorf("schema has no $defs/%s", rt.Name())
				return
			}
			if got, want := propsOf(def), jsonNames(rt); !slices.Equal(got, want) {
				t.Errorf("$defs/%s properties %v, model %v", rt.Name(), got, want)
			}
		}
		for i := range rt.NumField() {
			walk(rt.Field(i).Type)
		}
	}
	walk(reflect.TypeFor[TaskDefinition]())
	for name := range raw.Defs {
		if !seen[name] {
			t.Errorf("$defs/%s is not a model type", name)
		}
	}
}
