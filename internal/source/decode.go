package source

import (
	"encoding/json"
	"reflect"
	"strconv"
	"strings"
	"sync"
)

// Decode stores the JSON-like value v into the Go value dst points to, the
// lenient way a validator needs: struct fields are matched by their json tag
// exactly (never case-insensitively, unlike encoding/json), members that do
// not fit their field's type are skipped (the schema pass reports them), and
// unknown members are ignored. Scalars decode into string fields as their
// text ("0.2", "true"), because YAML authors write version: 0.2 for a string.
//
// A field whose type implements json.Unmarshaler is decoded by re-encoding
// the value; errors from it leave the field zero.
func Decode(v any, dst any) {
	rv := reflect.ValueOf(dst)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return
	}
	decodeValue(v, rv.Elem())
}

var unmarshalerType = reflect.TypeFor[json.Unmarshaler]()

func decodeValue(v any, dst reflect.Value) bool {
	if v == nil {
		return true
	}
	if dst.CanAddr() && dst.Addr().Type().Implements(unmarshalerType) && dst.Kind() != reflect.Interface {
		b, err := json.Marshal(v)
		if err != nil {
			return false
		}
		return dst.Addr().Interface().(json.Unmarshaler).UnmarshalJSON(b) == nil
	}
	switch dst.Kind() {
	case reflect.Pointer:
		e := reflect.New(dst.Type().Elem())
		if decodeValue(v, e.Elem()) {
			dst.Set(e)
			return true
		}
		return false
	case reflect.Interface:
		if dst.NumMethod() == 0 {
			dst.Set(reflect.ValueOf(v))
			return true
		}
		return false
	case reflect.String:
		switch t := v.(type) {
		case string:
			dst.SetString(t)
		case json.Number:
			dst.SetString(string(t))
		case bool:
			dst.SetString(strconv.FormatBool(t))
		default:
			return false
		}
		return true
	case reflect.Bool:
		b, ok := v.(bool)
		if ok {
			dst.SetBool(b)
		}
		return ok
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		n, ok := v.(json.Number)
		if !ok {
			return false
		}
		i, err := strconv.ParseInt(string(n), 10, 64)
		if err != nil || dst.OverflowInt(i) {
			return false
		}
		dst.SetInt(i)
		return true
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		n, ok := v.(json.Number)
		if !ok {
			return false
		}
		i, err := strconv.ParseUint(string(n), 10, 64)
		if err != nil || dst.OverflowUint(i) {
			return false
		}
		dst.SetUint(i)
		return true
	case reflect.Float32, reflect.Float64:
		n, ok := v.(json.Number)
		if !ok {
			return false
		}
		f, err := strconv.ParseFloat(string(n), 64)
		if err != nil {
			return false
		}
		dst.SetFloat(f)
		return true
	case reflect.Slice:
		arr, ok := v.([]any)
		if !ok {
			return false
		}
		s := reflect.MakeSlice(dst.Type(), 0, len(arr))
		for _, e := range arr {
			ev := reflect.New(dst.Type().Elem()).Elem()
			decodeValue(e, ev)
			s = reflect.Append(s, ev)
		}
		dst.Set(s)
		return true
	case reflect.Map:
		obj, ok := v.(map[string]any)
		if !ok || dst.Type().Key().Kind() != reflect.String {
			return false
		}
		m := reflect.MakeMapWithSize(dst.Type(), len(obj))
		for k, e := range obj {
			ev := reflect.New(dst.Type().Elem()).Elem()
			if decodeValue(e, ev) {
				m.SetMapIndex(reflect.ValueOf(k).Convert(dst.Type().Key()), ev)
			}
		}
		dst.Set(m)
		return true
	case reflect.Struct:
		obj, ok := v.(map[string]any)
		if !ok {
			return false
		}
		for name, idx := range structFields(dst.Type()) {
			if e, ok := obj[name]; ok {
				decodeValue(e, dst.FieldByIndex(idx))
			}
		}
		return true
	}
	return false
}

var fieldCache sync.Map // reflect.Type → map[string][]int

// structFields maps json names to field indexes, following embedded structs.
func structFields(t reflect.Type) map[string][]int {
	if m, ok := fieldCache.Load(t); ok {
		return m.(map[string][]int)
	}
	m := make(map[string][]int)
	var walk func(t reflect.Type, prefix []int)
	walk = func(t reflect.Type, prefix []int) {
		for i := range t.NumField() {
			f := t.Field(i)
			tag := f.Tag.Get("json")
			if tag == "-" {
				continue
			}
			name, _, _ := strings.Cut(tag, ",")
			idx := append(append([]int(nil), prefix...), i)
			if f.Anonymous && name == "" && f.Type.Kind() == reflect.Struct {
				walk(f.Type, idx)
				continue
			}
			if !f.IsExported() {
				continue
			}
			if name == "" {
				name = f.Name
			}
			if _, dup := m[name]; !dup {
				m[name] = idx
			}
		}
	}
	walk(t, nil)
	fieldCache.Store(t, m)
	return m
}
