package ecsapi

import (
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/aws/smithy-go/middleware"

	"github.com/bgspec/bgspec/diag"
	"github.com/bgspec/bgspec/taskdef"
)

// The mapper below copies values between two families of Go structs that
// describe the same wire shapes:
//
//   - the model side (package taskdef): fields carry `json:"camelCase,omitempty"`
//     tags; the tag name is the wire member name;
//   - the SDK side (aws-sdk-go-v2/service/ecs and its types package): fields
//     have no tags; the wire member name is the Go field name with its first
//     letter lower-cased (verified for every reachable field against the
//     SDK's own serializer schemas in TestSDKFieldNamesMatchSerializer).
//
// Fields pair up by wire name. Pointers, typed string enums, int/int32
// conversions (with overflow checks), slices, string-keyed maps, nested
// structs and Smithy unions (Go interfaces with one implementation per member)
// are handled; anything else is an error naming the JSON pointer.

// side says which family a struct type belongs to.
type side int

const (
	modelSide side = iota
	sdkSide
)

// fieldInfo describes one exported struct field by wire name.
type fieldInfo struct {
	name      string // wire member name
	index     int
	omitEmpty bool // json tag has omitempty (model side)
	omitZero  bool // json tag has omitzero (model side)
}

type structInfo struct {
	fields []fieldInfo
	byName map[string]int // wire name -> position in fields
}

var structCache sync.Map // structKey -> *structInfo

type structKey struct {
	t reflect.Type
	s side
}

// fieldsOf lists the exported, wire-visible fields of struct type t.
func fieldsOf(t reflect.Type, s side) *structInfo {
	k := structKey{t, s}
	if v, ok := structCache.Load(k); ok {
		return v.(*structInfo)
	}
	info := &structInfo{byName: map[string]int{}}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() || f.Anonymous {
			continue
		}
		if s == sdkSide && f.Type == reflect.TypeFor[middleware.Metadata]() {
			continue // ResultMetadata of operation outputs is not a wire member
		}
		fi := fieldInfo{index: i}
		switch s {
		case modelSide:
			tag, ok := f.Tag.Lookup("json")
			if tag == "-" {
				continue
			}
			name, opts, _ := strings.Cut(tag, ",")
			if !ok || name == "" {
				name = f.Name
			}
			fi.name = name
			for _, o := range strings.Split(opts, ",") {
				switch o {
				case "omitempty":
					fi.omitEmpty = true
				case "omitzero":
					fi.omitZero = true
				}
			}
		case sdkSide:
			fi.name = sdkWireName(f.Name)
		}
		info.byName[fi.name] = len(info.fields)
		info.fields = append(info.fields, fi)
	}
	v, _ := structCache.LoadOrStore(k, info)
	return v.(*structInfo)
}

// sdkWireName is the wire member name of an SDK struct field: the Go name with
// its first rune lower-cased. ECS v1.105.1 has no exception to this rule in the
// task-definition shapes (see TestSDKFieldNamesMatchSerializer).
func sdkWireName(goName string) string {
	r, n := utf8.DecodeRuneInString(goName)
	return string(unicode.ToLower(r)) + goName[n:]
}

// sdkOmitsZero lists non-pointer SDK fields whose serializer skips the zero
// value ("if v.Cpu != 0"), so zero means "absent" on the wire. Every other
// non-pointer SDK number is always written (required members such as
// ulimits[].softLimit). TestSDKNonPointerScalars pins this list to the SDK.
var sdkOmitsZero = map[string]bool{
	"ContainerDefinition.Cpu": true,
	"TaskDefinition.Revision": true, // describe-only; serializer: if v.Revision != 0
}

// describeOnly names the TaskDefinition members that DescribeTaskDefinition
// returns but RegisterTaskDefinition rejects: taskdef.DescribeOnlyFields
// (SPEC.md §C.2). They are never copied into the model; DroppedFields
// reports them when set. TestDescribeOnlyFields derives the same set from the
// SDK schemas.
var describeOnly = func() map[string]bool {
	m := make(map[string]bool, len(taskdef.DescribeOnlyFields))
	for _, f := range taskdef.DescribeOnlyFields {
		m[f] = true
	}
	return m
}()

// converter carries the direction and the fields that had no counterpart.
type converter struct {
	from, to side
	skip     map[string]bool // wire names skipped at the top level
	lenient  bool            // a field that fails to convert is dropped, not an error
	dropped  []string        // JSON pointers of set source fields without a destination
	path     []string        // tokens of the value being converted
}

// copyValue assigns src (of side c.from) to dst (of side c.to); errors name
// the JSON pointer of the value (c.ptr).
func (c *converter) copyValue(dst, src reflect.Value) error {
	for src.Kind() == reflect.Pointer || src.Kind() == reflect.Interface {
		if src.IsNil() {
			return nil
		}
		if src.Kind() == reflect.Interface && c.from == sdkSide {
			if _, ok := unionOf(src.Type()); ok {
				if c.to == sdkSide && dst.Type() == src.Type() {
					// SDK to SDK: copy the member wrapper (*XMemberY or
					// *types.UnknownUnionMember) field by field.
					m := src.Elem()
					nv := reflect.New(m.Type().Elem())
					if err := c.copyStruct(nv.Elem(), m.Elem()); err != nil {
						return err
					}
					dst.Set(nv)
					return nil
				}
				return c.fromUnion(dst, src.Elem())
			}
		}
		src = src.Elem()
	}
	switch dst.Kind() {
	case reflect.Pointer:
		nv := reflect.New(dst.Type().Elem())
		if err := c.copyValue(nv.Elem(), src); err != nil {
			return err
		}
		dst.Set(nv)
		return nil
	case reflect.Interface:
		if u, ok := unionOf(dst.Type()); ok && c.to == sdkSide {
			return c.toUnion(dst, src, u)
		}
		if dst.NumMethod() == 0 {
			dst.Set(src)
			return nil
		}
	case reflect.String:
		if src.Kind() == reflect.String {
			dst.SetString(src.String())
			return nil
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		n, ok, err := asInt(src)
		if err != nil {
			return fmt.Errorf("%s: %v", c.ptr(), err)
		}
		if ok {
			if dst.OverflowInt(n) {
				return fmt.Errorf("%s: %d does not fit the ECS API's %s", c.ptr(), n, dst.Type())
			}
			dst.SetInt(n)
			return nil
		}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		n, ok, err := asInt(src)
		if err != nil {
			return fmt.Errorf("%s: %v", c.ptr(), err)
		}
		if ok {
			if n < 0 || dst.OverflowUint(uint64(n)) {
				return fmt.Errorf("%s: %d does not fit %s", c.ptr(), n, dst.Type())
			}
			dst.SetUint(uint64(n))
			return nil
		}
	case reflect.Float32, reflect.Float64:
		switch src.Kind() {
		case reflect.Float32, reflect.Float64:
			dst.SetFloat(src.Float())
			return nil
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
			dst.SetFloat(float64(src.Int()))
			return nil
		}
	case reflect.Bool:
		if src.Kind() == reflect.Bool {
			dst.SetBool(src.Bool())
			return nil
		}
	case reflect.Slice:
		if src.Kind() == reflect.Slice || src.Kind() == reflect.Array {
			if src.Kind() == reflect.Slice && src.IsNil() {
				return nil
			}
			out := reflect.MakeSlice(dst.Type(), src.Len(), src.Len())
			for i := 0; i < src.Len(); i++ {
				c.push(strconv.Itoa(i))
				err := c.copyValue(out.Index(i), src.Index(i))
				c.pop()
				if err != nil {
					return err
				}
			}
			dst.Set(out)
			return nil
		}
	case reflect.Map:
		if src.Kind() == reflect.Map && src.Type().Key().Kind() == reflect.String && dst.Type().Key().Kind() == reflect.String {
			if src.IsNil() {
				return nil
			}
			out := reflect.MakeMapWithSize(dst.Type(), src.Len())
			iter := src.MapRange()
			for iter.Next() {
				k := iter.Key().String()
				v := reflect.New(dst.Type().Elem()).Elem()
				c.push(k)
				err := c.copyValue(v, iter.Value())
				c.pop()
				if err != nil {
					return err
				}
				out.SetMapIndex(reflect.ValueOf(k).Convert(dst.Type().Key()), v)
			}
			dst.Set(out)
			return nil
		}
	case reflect.Struct:
		if src.Kind() == reflect.Struct {
			return c.copyStruct(dst, src)
		}
	}
	return fmt.Errorf("%s: cannot convert %s to %s", c.ptr(), src.Type(), dst.Type())
}

// copyStruct pairs fields by wire name.
func (c *converter) copyStruct(dst, src reflect.Value) error {
	sf := fieldsOf(src.Type(), c.from)
	df := fieldsOf(dst.Type(), c.to)
	root := len(c.path) == 0
	for _, f := range sf.fields {
		v := src.Field(f.index)
		if c.absent(src.Type(), f, v) {
			continue
		}
		c.push(f.name)
		i, ok := df.byName[f.name]
		var err error
		if !ok || (root && c.skip[f.name]) {
			c.dropped = append(c.dropped, c.ptr())
		} else {
			err = c.copyField(dst.Field(df.fields[i].index), v)
		}
		c.pop()
		if err != nil {
			return err
		}
	}
	return nil
}

// copyField converts one struct field. In lenient mode a failure is recorded
// as dropped instead of returned; the destination is then unchanged, because
// copyValue sets a pointer, slice or map only once its contents converted,
// and nested struct fields are guarded one by one.
func (c *converter) copyField(dst, src reflect.Value) error {
	err := c.copyValue(dst, src)
	if err != nil && c.lenient {
		c.dropped = append(c.dropped, c.ptr())
		return nil
	}
	return err
}

// setByName converts src into the field of struct dst whose wire name is name.
// It reports false when dst has no such field.
func (c *converter) setByName(dst reflect.Value, name string, src reflect.Value) (bool, error) {
	df := fieldsOf(dst.Type(), c.to)
	i, ok := df.byName[name]
	if !ok {
		return false, nil
	}
	c.push(name)
	defer c.pop()
	return true, c.copyField(dst.Field(df.fields[i].index), src)
}

// push and pop maintain the path of the value being converted; ptr renders it
// as an RFC 6901 JSON pointer ("(root)" when empty) for errors and
// DroppedFields. Tokens are kept unescaped and escaped only when rendered.
func (c *converter) push(tok string) { c.path = append(c.path, tok) }
func (c *converter) pop()            { c.path = c.path[:len(c.path)-1] }

func (c *converter) ptr() string {
	if len(c.path) == 0 {
		return "(root)"
	}
	return diag.Pointer(c.path...)
}

// absent reports whether a source field carries no value: nil, or empty under
// the model's json omitempty/omitzero, or an SDK zero that the SDK does not
// serialize.
func (c *converter) absent(t reflect.Type, f fieldInfo, v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface, reflect.Slice, reflect.Map:
		if v.IsNil() {
			return true
		}
	}
	switch c.from {
	case modelSide:
		if f.omitZero && v.IsZero() {
			return true
		}
		return f.omitEmpty && isEmptyValue(v)
	default:
		switch v.Kind() {
		case reflect.String:
			return v.Len() == 0 // typed enums: "" is unset and not serialized
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
			return v.Int() == 0 && sdkOmitsZero[t.Name()+"."+t.Field(f.index).Name]
		}
		return false
	}
}

// isEmptyValue mirrors encoding/json's omitempty test.
func isEmptyValue(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return v.Len() == 0
	case reflect.Bool,
		reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Float32, reflect.Float64,
		reflect.Interface, reflect.Pointer:
		return v.IsZero()
	}
	return false
}

// asInt reads an integer from any integer kind, an integral float, or a
// numeric string such as json.Number. ok is false for other kinds.
func asInt(src reflect.Value) (n int64, ok bool, err error) {
	switch src.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return src.Int(), true, nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		u := src.Uint()
		if u > math.MaxInt64 {
			return 0, true, fmt.Errorf("%d is out of range", u)
		}
		return int64(u), true, nil
	case reflect.Float32, reflect.Float64:
		f := src.Float()
		if f != math.Trunc(f) || f < math.MinInt64 || f > math.MaxInt64 {
			return 0, true, fmt.Errorf("%v is not an integer", f)
		}
		return int64(f), true, nil
	case reflect.String:
		if src.Type() == reflect.TypeFor[json.Number]() {
			n, err := strconv.ParseInt(src.String(), 10, 64)
			if err != nil {
				return 0, true, fmt.Errorf("%q is not an integer", src.String())
			}
			return n, true, nil
		}
	}
	return 0, false, nil
}
