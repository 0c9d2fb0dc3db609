package taskdef

//go:generate go run ./internal/gendecode/cmd

import (
	"encoding/json"
	"strconv"
)

// decode stores the JSON-like value v into td with the semantics of
// source.Decode (exact-case keys, members of the wrong type skipped, scalars
// accepted as text in string fields) through generated code instead of
// reflection.
func decode(v any, td *TaskDefinition) { decodeTaskDefinition(v, td) }

// decString accepts what source.Decode accepts in a string field.
func decString(v any) (string, bool) {
	switch t := v.(type) {
	case string:
		return t, true
	case json.Number:
		return string(t), true
	case bool:
		return strconv.FormatBool(t), true
	}
	return "", false
}

// decInt accepts a number written as a base-10 integer that fits an int.
func decInt(v any) (int, bool) {
	n, ok := v.(json.Number)
	if !ok {
		return 0, false
	}
	i, err := strconv.ParseInt(string(n), 10, strconv.IntSize)
	if err != nil {
		return 0, false
	}
	return int(i), true
}
