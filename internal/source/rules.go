package source

import "github.com/bgspec/bgspec/diag"

// Rule ids reported by the readers.
var (
	RuleTooLarge    = reg("source/too-large", diag.Error, "the file is larger than the size cap (1 MiB for YAML, 64 KiB for a task definition, the ECS limit)")
	RuleEncoding    = reg("source/encoding", diag.Error, "the file must be UTF-8 text: no UTF-16/32, invalid UTF-8 sequences, NUL or other control characters")
	RuleBOM         = reg("source/bom", diag.Warning, "a UTF-8 byte-order mark at the start of the file; some AWS readers reject it: save the file without BOM")
	RuleEmpty       = reg("source/empty", diag.Error, "the document is empty (or only null or comments)")
	RuleTooDeep     = reg("source/too-deep", diag.Error, "the document nests deeper than the depth cap")
	RuleYAMLSyntax  = reg("yaml/syntax", diag.Error, "the YAML does not parse")
	RuleTab         = reg("yaml/tab", diag.Error, "a tab character where YAML needs spaces (indentation): indent with spaces")
	RuleMultiDoc    = reg("yaml/multiple-documents", diag.Error, "the file holds more than one YAML document; AWS reads only one")
	RuleYAMLDupKey  = reg("yaml/duplicate-key", diag.Error, "a mapping key appears twice; AWS keeps one of them silently")
	RuleAliasBudget = reg("yaml/alias-budget", diag.Error, "aliases expand to more nodes than the budget allows (an alias bomb)")
	RuleAliasCycle  = reg("yaml/alias-cycle", diag.Error, "an alias refers to a node that contains it")
	RuleMergeKey    = reg("yaml/merge-key", diag.Error, "a merge key (<<) whose value is not a mapping or a list of mappings")
	RuleNonStrKey   = reg("yaml/non-string-key", diag.Warning, "a mapping key that is not a string (a number, boolean, null, list or map)")
	RuleTag         = reg("yaml/tag", diag.Error, "a YAML tag such as !Ref or !!binary; AWS spec files do not interpret tags: write the plain value")
	RuleNaN         = reg("yaml/nan-inf", diag.Error, ".nan and .inf are not JSON numbers: write a finite number")
	RuleJSONSyntax  = reg("json/syntax", diag.Error, "the JSON does not parse")
	RuleJSONComment = reg("json/comment", diag.Error, "JSON has no comments: remove it")
	RuleJSONComma   = reg("json/trailing-comma", diag.Error, "a comma before a closing bracket or brace: remove it")
	RuleJSONDupKey  = reg("json/duplicate-key", diag.Error, "an object key appears twice; AWS keeps the last one silently")
	RuleJSONTrail   = reg("json/trailing-data", diag.Error, "data after the end of the top-level JSON value")
)

func reg(id string, sev diag.Severity, doc string) string {
	return diag.Register(diag.RuleInfo{ID: id, Severity: sev, Doc: doc})
}
