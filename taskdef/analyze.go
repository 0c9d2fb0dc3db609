package taskdef

import (
	"github.com/bgspec/bgspec/internal/source"
)

// analyze runs the schema pass, decodes the document and runs the semantic
// rules.
func analyze(doc *source.Doc, r *source.Reporter) *TaskDefinition {
	r.Add(taskdefSchema.Validate(doc)...)
	var td TaskDefinition
	source.Decode(doc.Value, &td)
	return &td
}
