package schema

import "github.com/bgspec/bgspec/diag"

// RuleInvalidValue is reported for schema errors whose keyword has no rule of
// its own.
var RuleInvalidValue = diag.Register(diag.RuleInfo{ID: "schema/invalid", Severity: diag.Error, Doc: "the value does not match the schema"})

func init() {
	for _, r := range [][2]string{
		{"required", "a required key is missing"},
		{"additionalProperties", "an unknown key: not in the documented format"},
		{"key-spelling", "a key spelled in the wrong case (or with - for _): write the documented spelling"},
		{"type", "a value of the wrong type (for example a string where a number is required)"},
		{"enum", "a value outside the allowed set"},
		{"const", "a value other than the one allowed"},
		{"pattern", "a string that does not have the required form"},
		{"minLength", "a string shorter than allowed"},
		{"maxLength", "a string longer than allowed"},
		{"minimum", "a number below the allowed minimum"},
		{"maximum", "a number above the allowed maximum"},
		{"exclusiveMinimum", "a number not above the allowed minimum"},
		{"exclusiveMaximum", "a number not below the allowed maximum"},
		{"multipleOf", "a number that is not a multiple of the required step"},
		{"minItems", "a list with fewer items than required"},
		{"maxItems", "a list with more items than allowed"},
		{"uniqueItems", "a list with repeated items"},
		{"minProperties", "a map with fewer keys than required"},
		{"maxProperties", "a map with more keys than allowed"},
		{"dependentRequired", "a key that needs another key next to it"},
		{"oneOf", "a value that matches none (or more than one) of the allowed forms"},
		{"anyOf", "a value that matches none of the allowed forms"},
		{"not", "a value of a form that is not allowed"},
		{"false", "a key or value that is never allowed here"},
		{"contains", "a list without a required item"},
	} {
		diag.Register(diag.RuleInfo{ID: "schema/" + r[0], Severity: diag.Error, Doc: r[1]})
	}
}
