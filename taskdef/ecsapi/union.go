package ecsapi

import (
	"fmt"
	"reflect"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/ecs/types"
)

// unionInfo describes a Smithy union, which the SDK renders as a Go interface
// implemented by one wrapper type per member (e.g.
// *types.SharingStrategyMemberNvidiaMps{Value: ...}). On the wire, and in the
// model, a union is an object with exactly one member set.
type unionInfo struct {
	iface   reflect.Type
	members map[string]reflect.Type // wire member name -> *XMember... type
}

// unions lists every union reachable from the task-definition shapes.
// TestSDKUnionsRegistered fails when the SDK grows one that is not listed.
var unions = map[reflect.Type]*unionInfo{}

func init() {
	registerUnion[types.SharingStrategy](&types.SharingStrategyMemberNvidiaMps{})
}

// registerUnion records the member wrapper types of union interface I. The
// wire member name comes from the wrapper's type name: <I>Member<Name>, with
// the first letter of <Name> lower-cased.
func registerUnion[I any](members ...I) {
	it := reflect.TypeFor[I]()
	u := &unionInfo{iface: it, members: map[string]reflect.Type{}}
	for _, m := range members {
		mt := reflect.TypeOf(m)
		name, ok := strings.CutPrefix(mt.Elem().Name(), it.Name()+"Member")
		if !ok || name == "" {
			panic(fmt.Sprintf("ecsapi: %s is not a member of union %s", mt, it))
		}
		u.members[sdkWireName(name)] = mt
	}
	unions[it] = u
}

func unionOf(t reflect.Type) (*unionInfo, bool) {
	u, ok := unions[t]
	return u, ok
}

// toUnion sets union interface dst from a model struct whose fields are the
// union members; exactly one must be set.
func (c *converter) toUnion(dst, src reflect.Value, u *unionInfo) error {
	if src.Kind() != reflect.Struct {
		return fmt.Errorf("%s: cannot convert %s to union %s", c.ptr(), src.Type(), u.iface)
	}
	sf := fieldsOf(src.Type(), c.from)
	var set []string
	for _, f := range sf.fields {
		v := src.Field(f.index)
		if c.absent(src.Type(), f, v) {
			continue
		}
		set = append(set, f.name)
		mt, ok := u.members[f.name]
		if !ok {
			c.push(f.name)
			defer c.pop()
			return fmt.Errorf("%s: %s has no member %q in the ECS model this SDK knows", c.ptr(), u.iface.Name(), f.name)
		}
		m := reflect.New(mt.Elem())
		c.push(f.name)
		err := c.copyValue(m.Elem().FieldByName("Value"), v)
		c.pop()
		if err != nil {
			return err
		}
		dst.Set(m)
	}
	if len(set) != 1 {
		return fmt.Errorf("%s: %s needs exactly one member, got %d (%s)", c.ptr(), u.iface.Name(), len(set), strings.Join(set, ", "))
	}
	return nil
}

// fromUnion copies SDK union member m (a *XMemberY) into model value dst.
func (c *converter) fromUnion(dst, m reflect.Value) error {
	if dst.Kind() == reflect.Pointer {
		nv := reflect.New(dst.Type().Elem())
		before := len(c.dropped)
		if err := c.fromUnion(nv.Elem(), m); err != nil {
			return err
		}
		if len(c.dropped) == before {
			dst.Set(nv)
		}
		return nil
	}
	if m.Kind() != reflect.Pointer || m.Elem().Kind() != reflect.Struct || dst.Kind() != reflect.Struct {
		return fmt.Errorf("%s: cannot convert %s to %s", c.ptr(), m.Type(), dst.Type())
	}
	if um, ok := m.Interface().(*types.UnknownUnionMember); ok {
		c.push(um.Tag)
		c.dropped = append(c.dropped, c.ptr())
		c.pop()
		return nil
	}
	var name string
	for n, mt := range unions[unionIfaceOf(m.Type())].members {
		if mt == m.Type() {
			name = n
		}
	}
	df := fieldsOf(dst.Type(), c.to)
	i, ok := df.byName[name]
	c.push(name)
	defer c.pop()
	if name == "" || !ok {
		c.dropped = append(c.dropped, c.ptr())
		return nil
	}
	return c.copyValue(dst.Field(df.fields[i].index), m.Elem().FieldByName("Value"))
}

// unionIfaceOf finds the registered union interface implemented by member
// type mt.
func unionIfaceOf(mt reflect.Type) reflect.Type {
	for it, u := range unions {
		for _, t := range u.members {
			if t == mt {
				return it
			}
		}
	}
	return nil
}
