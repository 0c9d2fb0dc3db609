package revision

import "github.com/bgspec/bgspec/diag"

// validateSpecs validates the spec files of a revision.
func validateSpecs(files Files, name namer, o *options) diag.List {
	_, l := parseDocs(files, name, o)
	return l
}
